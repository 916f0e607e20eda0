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
