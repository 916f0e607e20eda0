"""SAMI: read (bilingual, tolerant, as pycaption reads it), write, rewrite and round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
import strategies
from conftest import TRANSCRIPTS
from hypothesis import given
from pycaption import SAMIReader

from subtools import read_transcript
from subtools.build import CueOptions
from subtools.formats import FORMATS, SubtitleFormat, format_from_content, parse_subtitles, read_subtitles, sami
from subtools.formats.base import SubtitleFile, source_lines
from subtools.model import Cue, CueTrack
from subtools.pipeline import convert

# What Korean players meet: lower-case and unquoted tags, <P> never closed, two classes, CP949.
BILINGUAL = """<sami>
<head><title>뉴스</title>
<style type=text/css><!--
P { font-family: Gulim; }
.KRCC { Name: 한국어; lang: ko-KR; SAMIType: CC; }
.ENCC { Name: English; lang: en-US; SAMIType: CC; }
--></style></head>
<body>
<sync start=1000><p class=KRCC>안녕하세요<br>뉴스입니다
<p class=ENCC>Hello,<BR>this is the news
<SYNC Start="3500"><P Class="KRCC">&nbsp;
<sync start=4000><p class=encc>&nbsp;</p>
<sync start=4200><p class=KRCC>오늘의 <font color=yellow>주요</font> 소식
<sync start=6000><p class=KRCC>&nbsp;
</body></sami>
"""


def _pycaption(text: str) -> dict[str, list[tuple[int, int, str]]]:
    captions = SAMIReader().read(text)
    return {
        lang.split("-")[0]: [(c.start // 1000, c.end // 1000, c.get_text()) for c in captions.get_captions(lang)]
        for lang in captions.get_languages()
    }


def _ours(sub: SubtitleFile) -> dict[str, list[tuple[int, int, str]]]:
    return {lang: [(c.start_ms, c.end_ms, "\n".join(c.lines)) for c in cues] for lang, cues in sami.tracks(sub).items()}


def test_registry_and_sniff() -> None:
    assert FORMATS[SubtitleFormat.SAMI] is sami
    assert format_from_content(BILINGUAL, "") is SubtitleFormat.SAMI


def test_bilingual_cp949_file_is_read_as_pycaption_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "news.smi"
    path.write_bytes(BILINGUAL.encode("cp949"))
    sub = read_subtitles(path)
    assert sub.encoding == "cp949"
    assert [(f.rule, f.line) for f in sub.findings] == []
    assert (
        _ours(sub)
        == _pycaption(BILINGUAL)
        == {
            "ko": [(1000, 3500, "안녕하세요\n뉴스입니다"), (4200, 6000, "오늘의 주요 소식")],
            "en": [(1000, 4000, "Hello,\nthis is the news")],
        }
    )
    assert [(e.line, e.style, e.region) for e in sub.entries][:2] == [
        (9, "KRCC", "class:KRCC"),
        (9, "ENCC", "class:ENCC"),
    ]


def test_a_last_cue_with_no_end_is_a_finding() -> None:
    sub = sami.read("<SAMI><BODY>\n<SYNC Start=0><P Class=ENCC>Hi\n</BODY></SAMI>")
    assert [(e.start_ms, e.end_ms) for e in sub.entries] == [(0, 4000)]
    assert [(f.rule, f.line) for f in sub.findings] == [("parse-error", 2), ("undefined-style", None)]


def test_no_sami_tag_and_no_start_are_findings() -> None:
    sub = parse_subtitles("<SYNC><P>x\n<SYNC Start=5><P>&nbsp;", "x.smi")
    assert [(f.rule, f.line) for f in sub.findings] == [("parse-error", 1), ("bad-timestamp", 1)]


def test_write_puts_each_language_in_its_class_with_clearing_syncs() -> None:
    track = CueTrack(
        (Cue(0, 1000, ("A & B", "<i>"), label="KIM"), Cue(1000, 2000, ("한국",), lang="ko"), Cue(2000, 3000, ("C",)))
    )
    text = sami.write(track)
    assert 'charset=utf-8">' in text
    assert ".KRCC { Name: Korean; lang: ko-KR; SAMIType: CC; }" in text
    body = text[text.index("<BODY>") :].splitlines()[1:-2]
    assert body == [
        "<SYNC Start=0><P Class=ENCC>KIM: A &amp; B<br>&lt;i&gt;",
        "<SYNC Start=1000><P Class=ENCC>&nbsp;<P Class=KRCC>한국",
        "<SYNC Start=2000><P Class=KRCC>&nbsp;<P Class=ENCC>C",
        "<SYNC Start=3000><P Class=ENCC>&nbsp;",
    ]


@pytest.mark.parametrize("path", sorted(TRANSCRIPTS.glob("*.txt")), ids=lambda p: p.stem)
def test_convert_output_is_read_by_pycaption_as_the_srt(path: Path) -> None:
    transcript = read_transcript(path)
    options = CueOptions(headline=True, labels=True)
    srt_text, track = convert(transcript, SubtitleFormat.SRT, options)
    text, _ = convert(transcript, SubtitleFormat.SAMI, options)
    srt = parse_subtitles(srt_text, "x.srt")
    got = sorted((start, end, body, lang) for lang, cues in _pycaption(text).items() for start, end, body in cues)
    langs = ["ko" if c.lang == "ko" else "en" for c in track.cues]
    want = sorted((c.start_ms, c.end_ms, "\n".join(c.lines), lang) for c, lang in zip(srt.cues, langs, strict=True))
    assert got == want
    assert parse_subtitles(text, "x.smi").findings == ()


@given(strategies.tracks(extra="&<>{}"))
def test_write_then_read_gives_the_same_cues(track: CueTrack) -> None:
    back = sami.read(sami.write(track), "x.smi")
    assert back.findings == ()
    want = sorted((c.start_ms, c.end_ms, tuple(" ".join(ln.split()) for ln in c.lines)) for c in track)
    assert sorted((c.start_ms, c.end_ms, c.lines) for c in back.cues) == want


def test_rewrite_declares_utf8_and_never_retimes() -> None:
    text = BILINGUAL.replace("<head>", '<head><meta http-equiv=content-type content="text/html; charset=euc-kr">')
    sub = sami.read(text)
    out, changes = sami.rewrite(sub, source_lines(text), list(range(len(sub.entries))), {0: 1, 1: 4000, 2: 6000})
    assert "charset=utf-8" in out[1]
    assert [(c.rule, c.line) for c in changes] == [("parse-error", 9)]
