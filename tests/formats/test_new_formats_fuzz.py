"""Reading SBV, SAMI and TTML never raises anything but ParseError: arbitrary bytes, mutated
outputs of ``convert`` and huge numbers go through decode, read, check and fix."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from subtools import ParseError
from subtools.formats import parse_subtitles
from subtools.textio import decode_text
from subtools.validation.checks import check_file
from subtools.validation.fixes import fix_text

NAMES = ["x.sbv", "x.smi", "x.ttml", "x.xml"]
SEEDS = sorted(p for p in (FIXTURES / "golden").iterdir() if p.suffix in (".sbv", ".sami", ".ttml", ".ebu-tt-d"))
NOISE = st.text(st.sampled_from(list("0123456789:,.-> \n\r\t<>/=\"'&;pPsyncSYNCbr한tt9e")), max_size=12)


def _read_everything(data: bytes, name: str) -> None:
    try:
        text, encoding = decode_text(data, name)
    except ParseError:
        return
    sub = parse_subtitles(text, name, encoding=encoding)
    check_file(sub)
    _ = sub.cues
    fix_text(text, name, encoding=encoding)


@settings(deadline=10_000)
@given(st.binary(max_size=400), st.sampled_from(NAMES))
def test_arbitrary_bytes_never_crash(data: bytes, name: str) -> None:
    _read_everything(data, name)


@settings(deadline=10_000)
@given(st.sampled_from(SEEDS), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 8), NOISE), max_size=6))
def test_mutated_outputs_never_crash(seed: Path, edits: list[tuple[float, int, str]]) -> None:
    text = seed.read_text(encoding="utf-8")
    for where, cut, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    _read_everything(text.encode("utf-8"), "x" + {".sami": ".smi", ".ebu-tt-d": ".xml"}.get(seed.suffix, seed.suffix))


def test_huge_numbers_are_findings() -> None:
    big = "9" * 5000
    tt = '<tt xmlns="http://www.w3.org/ns/ttml"><body><div>'
    for name, text in [
        ("x.smi", f"<SAMI><BODY><SYNC Start={big}><P Class=ENCC>a<SYNC Start=1><P Class=ENCC>&nbsp;"),
        ("x.sbv", f"{big}:00:00.000,0:00:01.000\na\n"),
        (
            "x.ttml",
            f'{tt}<p begin="{big}h" end="{big}.5s">a</p></div></body></tt>',
        ),
        (
            "x.ttml",
            f'{tt}<p begin="{big}:00:00.0" end="1s">a</p></div></body></tt>',
        ),
    ]:
        _read_everything(text.encode("utf-8"), name)


def test_zero_frame_rate_is_ignored() -> None:
    doc = '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="0">'
    doc += '<body><div><p begin="00:00:01:05" end="2s">a</p></div></body></tt>'
    _read_everything(doc.encode("utf-8"), "x.ttml")


def test_huge_numbers_in_every_reader_are_findings() -> None:
    big = "9" * 5000
    head = "[Script Info]\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
    for name, text in [
        ("x.srt", f"1\n{big}:00:00,000 --> 00:00:01,000\na\n"),
        ("x.vtt", f"WEBVTT\n\n{big}:00:00.000 --> 00:00:01.000\na\n"),
        ("x.ass", f"{head}Dialogue: 0,-{big}:00:00.00,0:00:01.00,Default,,0,0,0,,a\n"),
    ]:
        _read_everything(text.encode("utf-8"), name)
