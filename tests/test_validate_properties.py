"""Properties of the subtitle readers, the validator and --fix.

Round trips use independent writers (``srt.compose``, pysubs2, a WebVTT composer here)
so a bug shared by our reader and our writer cannot hide; fuzzing feeds arbitrary bytes
and mutated valid files and asks only that the validator answers.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pysubs2
import srt
import strategies
from conftest import FIXTURES
from hypothesis import example, given, settings
from hypothesis import strategies as st

from subtools.errors import ParseError
from subtools.findings import RULES, Change, Finding, Severity
from subtools.formats import SubtitleFormat, parse_subtitles
from subtools.textio import decode_text
from subtools.validation.checks import check_file
from subtools.validation.fixes import fix_text, write_entries
from subtools.validation.report import FileReport, FindingTable, format_json, format_text

VALIDATE = FIXTURES / "validate"


def _entries(text: str, fmt: SubtitleFormat) -> list[tuple[int, int, tuple[str, ...]]]:
    sub = parse_subtitles(text, f"x.{fmt.value}", fmt)
    assert [f for f in sub.findings if f.rule in ("parse-error", "bad-timestamp")] == []
    return [(e.start_ms, e.end_ms, e.lines) for e in sub.entries]


@given(strategies.timed_cues(), st.sampled_from(["\n", "\r\n"]))
def test_srt_round_trip(cues: list[tuple[int, int, list[str]]], eol: str) -> None:
    subs = [
        srt.Subtitle(i, timedelta(milliseconds=s), timedelta(milliseconds=e), "\n".join(lines))
        for i, (s, e, lines) in enumerate(cues, start=1)
    ]
    text = srt.compose(subs, reindex=False, eol=eol)
    expected = [(s, e, tuple(lines)) for s, e, lines in cues]
    assert _entries(text, SubtitleFormat.SRT) == expected
    sub = parse_subtitles(text, "x.srt")
    again = write_entries(sub, text)
    assert _entries(again, SubtitleFormat.SRT) == expected
    assert [(round(x.start.total_seconds() * 1000), x.content) for x in srt.parse(again)] == [
        (s, "\n".join(lines)) for s, _, lines in cues
    ]


def _vtt_time(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, rest = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{rest:03d}"


@given(strategies.timed_cues(), st.booleans())
def test_vtt_round_trip(cues: list[tuple[int, int, list[str]]], ids: bool) -> None:
    blocks = ["WEBVTT", ""]
    for k, (s, e, lines) in enumerate(cues):
        if ids:
            blocks.append(f"cue-{k}")
        blocks += [f"{_vtt_time(s)} --> {_vtt_time(e)}", *lines, ""]
    text = "\n".join(blocks)
    expected = [(s, e, tuple(lines)) for s, e, lines in cues]
    assert _entries(text, SubtitleFormat.VTT) == expected
    again = write_entries(parse_subtitles(text, "x.vtt"), text)
    assert _entries(again, SubtitleFormat.VTT) == expected


@given(strategies.timed_cues())
def test_ass_round_trip(cues: list[tuple[int, int, list[str]]]) -> None:
    subs = pysubs2.SSAFile()
    for s, e, lines in cues:
        # Braces and backslashes are ASS markup; keep them out of what pysubs2 writes as text.
        clean = [ln.replace("{", "(").replace("}", ")").replace("\\", "/") for ln in lines]
        subs.append(pysubs2.SSAEvent(start=s, end=e, text="\\N".join(clean)))
    text = subs.to_string("ass")
    got = _entries(text, SubtitleFormat.ASS)
    # ASS holds centiseconds: pysubs2 rounds half up, as Aegisub does.
    assert [(s, e) for s, e, _ in got] == [((ev.start + 5) // 10 * 10, (ev.end + 5) // 10 * 10) for ev in subs]
    assert [lines for _, _, lines in got] == [tuple(ev.text.split("\\N")) for ev in subs]
    assert write_entries(parse_subtitles(text, "x.ass"), text) == text.replace("\r\n", "\n")


# --- fuzzing -------------------------------------------------------------------------

_SEEDS = sorted(p for p in VALIDATE.iterdir() if p.suffix in (".srt", ".vtt", ".ass", ".json"))
_NOISE = st.text(st.sampled_from(list("0123456789:,.-> \n\r\t{}<>/ib\\N한&;WEBVTT[]")), max_size=12)


def _answer(data: bytes, name: str) -> None:
    """What `validate` does with bytes: decode (or a ParseError), read, check, fix."""
    try:
        text, encoding = decode_text(data, name)
    except ParseError as err:
        message = str(err)
    else:
        message = ""
    if message:
        assert message.startswith(name)
        return
    sub = parse_subtitles(text, name, encoding=encoding)
    check_file(sub)
    result = fix_text(text, name, encoding=encoding)
    if result.text is not None:
        fixed = parse_subtitles(result.text, name)
        # --fix never loses or rewrites a cue's text; it may only reorder SRT/VTT cues.
        assert sorted(e.text.rstrip() for e in fixed.entries) == sorted(
            "\n".join(ln.rstrip() for ln in e.lines) for e in sub.entries
        )


@settings(deadline=10_000)
@given(st.binary(max_size=400), st.sampled_from(["x.srt", "x.vtt", "x.ass", "x.json"]))
def test_arbitrary_bytes_never_crash(data: bytes, name: str) -> None:
    _answer(data, name)


@settings(deadline=10_000)
@given(st.sampled_from(_SEEDS), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 8), _NOISE), max_size=6))
def test_mutated_valid_files_never_crash(seed: Path, edits: list[tuple[float, int, str]]) -> None:
    data = seed.read_bytes()
    text = data.decode("utf-8", errors="replace")
    for where, cut, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    _answer(text.encode("utf-8"), seed.name)


_PATHOLOGICAL = """
from subtools.formats import FORMATS, parse_subtitles
from subtools.validation.checks import check_file
# Shapes that make backtracking regexes explode: long runs of spaces, digits, arrows, braces.
for text in (" " * 50_000 + "x", "1\\n" + "0" * 50_000, "-" * 50_000 + ">", "{" * 20_000, "<" * 20_000,
             '{"cues": [' + "[" * 20_000):
    for fmt in FORMATS:
        check_file(parse_subtitles(text, "x", fmt))
"""


def test_pathological_lines_finish() -> None:
    # In a child process with a time limit, so a regression fails here instead of hanging the run
    # (a regex stuck in C cannot be interrupted from Python). They take well under a second.
    proc = subprocess.run(
        [sys.executable, "-c", _PATHOLOGICAL], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr


_findings = st.lists(
    st.builds(
        Finding,
        st.sampled_from(sorted(RULES)),
        st.sampled_from(Severity),
        st.none() | st.integers(0, 10**7),
        st.none() | st.integers(0, 10**6),
        st.text(),  # quotes, backslashes, control characters, Hangul, astral characters
    ),
    max_size=8,
)
_changes = st.lists(st.builds(Change, st.sampled_from(sorted(RULES)), st.none() | st.integers(0, 99), st.none(),
                              st.text()), max_size=2)  # fmt: skip


_Note = str | None


@given(st.lists(st.tuples(st.text(), _findings, _changes, st.none() | st.text()), max_size=3))
def test_json_report_is_what_json_dumps_writes(
    files: list[tuple[str, list[Finding], list[Change], str | None]],
) -> None:
    """format_json writes the findings itself (json.dumps with an indent is slow): the text
    must be json.dumps's, byte for byte, for any paths and messages."""
    reports = [
        FileReport(path, SubtitleFormat.SRT, "utf-8", 3, tuple(found), tuple(fixes), note)
        for path, found, fixes, note in files
    ]
    doc = {
        "files": [r.to_dict() for r in reports],
        "summary": {
            "files": len(reports),
            "errors": sum(r.errors for r in reports),
            "warnings": sum(r.warnings for r in reports),
        },
    }
    assert format_json(reports) == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@given(st.lists(st.tuples(st.text(), _findings), max_size=3))
def test_reports_from_the_table_are_the_reports_of_the_findings(files: list[tuple[str, list[Finding]]]) -> None:
    """The text and JSON reports are written from a FindingTable's columns: the same text
    as one line per Finding (paths with braces, findings without a line or cue), and the
    table is equal to the tuple of its findings."""
    as_tuples = [FileReport(path, SubtitleFormat.SRT, "utf-8", 3, tuple(found)) for path, found in files]
    as_tables = [FileReport(path, SubtitleFormat.SRT, "utf-8", 3, FindingTable.of(found)) for path, found in files]
    lines = [
        f"{r.path}{'' if f.line is None else f':{f.line}'}: {f.rule} {f.message}"
        f"{' (warning)' if f.severity is Severity.WARNING else ''}"
        for r in as_tuples
        for f in r.findings
    ]
    text, written = format_text(as_tables), "".join(f"{line}\n" for line in lines)
    assert text.startswith(written)
    assert text[len(written) :].count("\n") == 1  # then the summary line only
    assert format_text(as_tables) == format_text(as_tuples)
    assert format_json(as_tables) == format_json(as_tuples)
    assert as_tables == as_tuples
    assert [(r.errors, r.warnings) for r in as_tables] == [(r.errors, r.warnings) for r in as_tuples]


_CUE_TEXT = st.text(st.sampled_from(list("ab <>{}&\\\t\n")), max_size=8)


@given(st.lists(_CUE_TEXT, max_size=30), st.sampled_from([[], ["&"], ["\\"]]))
def test_special_cues_are_found_as_one_cue_at_a_time_would(raws: list[str], extra: list[str]) -> None:
    # The columns search joined chunks of cues (here of 4, so that cues fall in several) and
    # skip the scans a chunk does not need; a cue's own text, with the newlines around it,
    # is the definition.
    from unittest import mock

    from subtools.validation import columns

    tokens = ["<", "{", "}", "\t", " \n", "\n ", *extra]
    with mock.patch.object(columns, "_CHUNK_CUES", 4):
        special, trailing = columns._find_special(raws, tokens)
    assert special == [k for k, raw in enumerate(raws) if any(t in f"\n{raw}\n" for t in tokens)]
    assert trailing == any(" \n" in f"{raw}\n" or "\t\n" in f"{raw}\n" for raw in raws)


@given(st.text(st.sampled_from(list("<i/>{}Ib \n")), max_size=14))
@example("<i> a\n b </i>")
@example(" <i>a</i> b<")
def test_italics_only_cues_are_the_balanced_ones_the_tag_parser_finds(text: str) -> None:
    """unbalanced-tag skips the tag parser for SRT cues that are ``<i>…</i>`` and nothing
    else, and the columns take their visible text without the markup remover: for each of
    them the parser must find nothing, and the remover remove the two tags."""
    from subtools.formats import srt as srt_format
    from subtools.validation.checks import _unbalanced
    from subtools.validation.columns import italic_only

    if italic_only(text):
        assert _unbalanced(tuple(text.split("\n")), SubtitleFormat.SRT) is None
        # and its visible text is the text less its two tags, each line stripped
        shown = srt_format.visible_lines(tuple(text.split("\n")))
        assert shown == tuple(ln.strip() for ln in text.replace("<i>", "").replace("</i>", "").split("\n"))
    assert italic_only("<i>Hi</i>")
    assert not italic_only("</i>Hi<i>")
