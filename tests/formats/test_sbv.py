"""SBV: read, write, rewrite and round trip through the format's one module (and webvtt-py)."""

from __future__ import annotations

import io

import strategies
import webvtt
from hypothesis import given

from subtools.formats import FORMATS, SubtitleFormat, format_from_content, parse_subtitles, sbv
from subtools.formats.base import source_lines
from subtools.model import Cue, CueTrack

CLEAN = "0:00:01.000,0:00:02.500\nHello\nthere\n\n0:00:03.000,0:00:04.000\n>> KIM: Next\n"


def test_registry_and_sniff() -> None:
    assert FORMATS[SubtitleFormat.SBV] is sbv
    assert format_from_content(CLEAN, "") is SubtitleFormat.SBV
    assert format_from_content("1\n00:00:01,000 --> 00:00:02,000\nHi\n", "") is SubtitleFormat.SRT


def test_read_gives_lines_and_times() -> None:
    sub = sbv.read(CLEAN, "x.sbv")
    assert [(e.line, e.start_ms, e.end_ms, e.text) for e in sub.entries] == [
        (1, 1000, 2500, "Hello\nthere"),
        (5, 3000, 4000, ">> KIM: Next"),
    ]
    assert sub.findings == ()
    assert sub.cues[0].end_line == 3


def test_what_cannot_be_read_is_a_finding_at_its_line() -> None:
    sub = sbv.read("0:00:01.000,0:00:02.000\nA\n\njunk\n\n0:00:13.f89,0:00:15.489\nB\n\n0:00:05.000,0:00:06.000\nC\n")
    assert [e.text for e in sub.entries] == ["A", "C"]
    assert [(f.line, f.rule) for f in sub.findings] == [(4, "parse-error"), (6, "bad-timestamp")]
    assert parse_subtitles("some text\n", "x.sbv").findings[0].rule == "parse-error"


def test_write_labels_the_speaker() -> None:
    track = CueTrack((Cue(0, 1000, ("Hi", "there"), label="KIM"), Cue(3_723_004, 3_724_000, ("Bye",))))
    assert sbv.write(track) == "0:00:00.000,0:00:01.000\nKIM: Hi\nthere\n\n1:02:03.004,1:02:04.000\nBye\n"


def test_rewrite_retimes() -> None:
    out, changes = sbv.rewrite(sbv.read(CLEAN), source_lines(CLEAN), [0, 1], {0: 2000, 1: 4000})
    assert out[0] == "0:00:01.000,0:00:02.000"
    assert out[4:] == ["0:00:03.000,0:00:04.000", ">> KIM: Next"]
    assert changes == []


@given(strategies.tracks(extra="&<>{}"))
def test_write_then_read_gives_the_same_cues(track: CueTrack) -> None:
    back = sbv.read(sbv.write(track), "x.sbv")
    assert back.findings == ()
    assert [(c.start_ms, c.end_ms, c.lines) for c in back.cues] == [(c.start_ms, c.end_ms, c.lines) for c in track]


@given(strategies.tracks(extra="&<>{}"))
def test_webvtt_py_reads_what_we_write(track: CueTrack) -> None:
    captions = webvtt.from_buffer(io.StringIO(sbv.write(track)), format="sbv").captions
    got = [(c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), tuple(c.lines)) for c in captions]
    assert got == [(c.start_ms, c.end_ms, c.lines) for c in track]
