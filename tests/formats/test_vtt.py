"""WebVTT: read, write, rewrite and round trip through the format's one module."""

from __future__ import annotations

import strategies
from hypothesis import given

from subtools.formats import FORMATS, SubtitleFormat, format_from_content, vtt
from subtools.formats.base import source_lines
from subtools.model import Cue, CueKind, CueTrack, Role

CLEAN = "WEBVTT\n\nNOTE a comment\n\nintro\n00:01.000 --> 00:02.500 line:0\n<v Kim>A &amp; B</v>\n"


def test_registry_and_sniff() -> None:
    assert FORMATS[SubtitleFormat.VTT] is vtt
    assert format_from_content(CLEAN, "") is SubtitleFormat.VTT
    assert format_from_content("no header", "x.webvtt") is SubtitleFormat.VTT  # by extension


def test_read_gives_id_voice_place_and_visible_text() -> None:
    sub = vtt.read(CLEAN, "x.vtt")
    (e,) = sub.entries
    assert (e.line, e.timing_line, e.start_ms, e.end_ms, e.ident, e.speaker, e.region) == (
        5, 6, 1000, 2500, "intro", "Kim", "top",
    )  # fmt: skip
    assert sub.cues[0].lines == ("A & B",)


def test_write_escapes_and_names_the_voice() -> None:
    track = CueTrack(
        (Cue(0, 1000, ("A&B <i>",), role=Role.REPORTER), Cue(1000, 2000, ("T",), kind=CueKind.TITLE, top=True))
    )
    assert vtt.write(track) == (
        "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\n<v Reporter>A&amp;B &lt;i&gt;</v>\n\n"
        "2\n00:00:01.000 --> 00:00:02.000 line:0 position:50% align:center\nT\n"
    )


def test_rewrite_keeps_notes_and_ids() -> None:
    lines = source_lines(CLEAN)
    out, changes = vtt.rewrite(vtt.read(CLEAN), lines, [0], {0: 2000})
    assert out == ["WEBVTT", "", "NOTE a comment", "", "intro", "00:00:01.000 --> 00:00:02.000 line:0",
                   "<v Kim>A &amp; B</v>"]  # fmt: skip
    assert [c.rule for c in changes] == ["nonstandard-timestamp"]  # 00:01.000 written with hours


@given(strategies.tracks(extra="&<>{}"))
def test_write_then_read_gives_the_same_cues(track: CueTrack) -> None:
    back = vtt.read(vtt.write(track), "x.vtt")
    assert back.findings == ()
    # The voice is the speaker's name, else the role (what an editor sees in a player).
    voices = [c.speaker or (c.role.value.capitalize() if c.role else None) for c in track]
    expected = [(c.start_ms, c.end_ms, c.lines, v) for c, v in zip(track, voices, strict=True)]
    assert [(c.start_ms, c.end_ms, c.lines, c.speaker) for c in back.cues] == expected


def _cues(text: str) -> list[tuple[int, int, str]]:
    return [(e.start_ms, e.end_ms, e.text) for e in vtt.read(text).entries]


def test_a_timing_line_ends_a_cue_without_a_blank_line() -> None:
    # youtube-dl writes cues this way (webvtt-py's youtube_dl.vtt); browsers read two cues.
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nyeah\n00:02.000 --> 00:03.000\nwhat\n"
    assert _cues(text) == [(1000, 2000, "yeah"), (2000, 3000, "what")]
    assert vtt.read(text).findings == ()


def test_header_ends_at_a_timing_line_and_note_with_timing_is_a_cue() -> None:
    assert _cues("WEBVTT\n00:00.000 --> 00:01.000\ntext\n") == [(0, 1000, "text")]
    sub = vtt.read("WEBVTT\n\nNOTE\n00:00.000 --> 00:01.000\ntext\n")
    assert [(e.ident, e.text) for e in sub.entries] == [("NOTE", "text")]


def test_field_widths_browsers_refuse_drop_the_cue_with_a_finding() -> None:
    text = "WEBVTT\n\n0:00:00.000 --> 00:00:01.000\nok\n\n0000:00.000 --> 00:00:01.000\nbad\n\n"
    text += "00:00:00,000 --> 00:00:01.000\nbad\n"
    sub = vtt.read(text)
    assert [e.text for e in sub.entries] == ["ok"]
    assert [(f.line, f.rule) for f in sub.findings] == [(6, "bad-timestamp"), (9, "bad-timestamp")]


def test_spaces_are_text_and_nul_is_replacement_character() -> None:
    sub = vtt.read("WEBVTT\n\nid\n00:00.000 --> 00:01.000\n   text0\n \nmore\x00\n")
    assert [e.text for e in sub.entries] == ["   text0\n \nmore\ufffd"]
    assert [(f.line, f.rule) for f in sub.findings] == [(7, "encoding")]


def test_no_signature_no_cues_and_ignored_blocks_are_findings() -> None:
    sub = vtt.read("00:00.000 --> 00:01.000\ntext\n")
    assert (sub.entries, [(f.line, f.rule) for f in sub.findings]) == ((), [(1, "parse-error")])
    sub = vtt.read("WEBVTT\n\njunk\nmore junk\n00:00.000 --> 00:01.000\ntext\n\nalone\n")
    assert [e.text for e in sub.entries] == ["text"]
    assert [(f.line, f.rule) for f in sub.findings] == [(3, "parse-error"), (8, "parse-error")]
