"""ASS: read, write (through pysubs2), rewrite and round trip through the format's one module."""

from __future__ import annotations

import strategies
from hypothesis import given

from subtools.formats import FORMATS, SubtitleFormat, ass, format_from_content
from subtools.formats.base import source_lines
from subtools.model import Cue, CueKind, CueTrack, Role


def _track() -> CueTrack:
    speech = Cue(0, 3000, ("Hello", "there"), role=Role.REPORTER, speaker="Lee Ji-won", story=1)
    headline = Cue(0, 2000, ("Title",), kind=CueKind.TITLE, top=True, story=1)
    card = Cue(0, 5000, ("Title",), kind=CueKind.TITLE, top=True, story=1)
    return CueTrack((headline, speech), cards=(card,))


def test_registry_and_sniff() -> None:
    assert FORMATS[SubtitleFormat.ASS] is ass
    assert format_from_content("[Script Info]\nTitle: x\n", "") is SubtitleFormat.ASS


def test_write_has_playres_role_styles_and_cards_once() -> None:
    text = ass.write(_track())
    assert "PlayResX: 1920" in text
    assert "PlayResY: 1080" in text
    dialogue = [ln for ln in text.splitlines() if ln.startswith("Dialogue:")]
    # The card replaces the --headline cue that would show the title twice.
    assert len(dialogue) == 2
    assert dialogue[0].split(",")[3] == "Title"
    assert dialogue[1].split(",")[3:5] == ["Reporter", "Lee Ji-won"]
    assert dialogue[1].endswith("Hello\\Nthere")


def test_read_the_written_file_as_libass_places_it() -> None:
    sub = ass.read(ass.write(_track()), "x.ass")
    assert sub.findings == ()
    assert [(e.style, e.region.split("@")[0]) for e in sub.entries] == [("Title", "sign:top"), ("Reporter", "bottom")]
    assert sub.cues[1].lines == ("Hello", "there")
    assert "PlayResX" in sub.info
    assert "Reporter" in sub.styles


def test_rewrite_changes_only_end_fields() -> None:
    text = ass.write(_track())
    sub = ass.read(text)
    lines = source_lines(text)
    out, changes = ass.rewrite(sub, lines, [0, 1], {0: 5000, 1: 3500})
    changed = [(a, b) for a, b in zip(lines, out, strict=True) if a != b]
    assert len(changed) == 1
    assert "0:00:03.50" in changed[0][1]
    assert changes == []


@given(strategies.tracks(step_ms=10))
def test_write_then_read_gives_the_same_cues(track: CueTrack) -> None:
    back = ass.read(ass.write(track), "x.ass")
    assert back.findings == ()
    got = sorted((c.start_ms, c.end_ms, c.lines) for c in back.cues)
    assert got == sorted((c.start_ms, c.end_ms, c.lines) for c in track)


def test_times_ass_does_not_allow_are_read_as_libass_shows_them() -> None:
    head = "[Script Info]\nPlayResX: 640\nPlayResY: 360\n\n[Events]\n"
    head += "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
    sub = ass.read(head + "Dialogue: 0,-1:59:54.93,0:01:00.00,Default,,0,0,0,,Neg\n"
                   "Dialogue: 0,0:00:23,0:01:23,Default,,0,0,0,,No fraction\n")  # fmt: skip
    assert [(e.start_ms, e.end_ms) for e in sub.entries] == [(-5070, 60000), (0, 0)]
    assert [(f.line, f.rule) for f in sub.findings] == [
        (7, "bad-timestamp"),
        (8, "bad-timestamp"),
        (8, "bad-timestamp"),
    ]


def test_embedded_fonts_and_graphics_are_skipped() -> None:
    text = '[Script Info]\nPlayResX: 640\nPlayResY: 360\n\n[Fonts]\nfontname: a.ttf\n!!!!!1!!!!"]*<#!!\n\n'
    text += '[Graphics]\nfilename: b.png\n-41U."]H/4UY\n\n[Events]\n'
    text += "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
    text += "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Hi\n"
    sub = ass.read(text)
    assert ([e.text for e in sub.entries], sub.findings) == (["Hi"], ())
