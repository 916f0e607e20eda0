"""Dual-speaker cues: two short turns of two speakers in one cue, each line opening with the
profile's dash (Netflix English ``-``, Netflix Korean ``- ``), in ``convert`` and ``reflow``;
never in BBC, which tells speakers apart by colour."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from subtools.build import CueOptions, build_cues
from subtools.build.cues import DUAL_SPEAKER
from subtools.build.reflow import reflow_subtitles
from subtools.cli import cli
from subtools.formats import SubtitleFormat, parse_subtitles
from subtools.parser import parse_transcript
from subtools.pipeline import export_cues
from subtools.profile import PROFILES

# A quick exchange: "No." has 0.3 s before the next speaker's words, under the 5/6 s minimum,
# and the question alone 0.6 s.
QUICK = """1
00:00:01,000 --> 00:00:01,900
- Is it open?
- No.

2
00:00:02,200 --> 00:00:04,600
- The crews will work through the night.
"""
QUICK_KO = (
    QUICK.replace("Is it open?", "지금 열었어요?")
    .replace("No.", "아니요.")
    .replace("The crews will work through the night.", "밤새 공사합니다.")
)


@pytest.mark.parametrize(
    ("profile", "text", "lines"),
    [
        ("netflix-en", QUICK, ("-Is it open?", "-No.")),
        ("broadcast-news-en", QUICK, ("-Is it open?", "-No.")),
        ("korean", QUICK_KO, ("- 지금 열었어요?", "- 아니요.")),
        ("broadcast-news-en", QUICK_KO, ("- 지금 열었어요?", "- 아니요.")),
        ("bbc", QUICK, None),
    ],
)
def test_reflow_puts_a_quick_exchange_in_one_cue(profile: str, text: str, lines: tuple[str, ...] | None) -> None:
    track = reflow_subtitles(parse_subtitles(text, "q.srt"), CueOptions(profile=PROFILES[profile]))
    if lines is None:
        assert not any(DUAL_SPEAKER in c.flags for c in track)
        assert [c.text for c in track][:2] == ["Is it open?", "No."]
        return
    assert track.cues[0].lines == lines
    assert DUAL_SPEAKER in track.cues[0].flags
    assert DUAL_SPEAKER not in track.cues[1].flags


def test_reflow_keeps_turns_apart_that_read_alone_or_do_not_fit() -> None:
    slow = QUICK.replace("00:00:01,900", "00:00:03,400").replace("00:00:02,200", "00:00:05,000")
    slow = slow.replace("00:00:04,600", "00:00:07,000")
    track = reflow_subtitles(parse_subtitles(slow, "s.srt"), CueOptions(profile=PROFILES["netflix-en"]))
    assert [c.text for c in track][:2] == ["Is it open?", "No."]
    wide = QUICK.replace("Is it open?", "Is the old harbour bridge open to traffic?")
    track = reflow_subtitles(parse_subtitles(wide, "w.srt"), CueOptions(profile=PROFILES["netflix-en"]))
    # The question with its dash would be 43 characters: alone; the reply goes with the
    # next speaker's turn instead.
    assert track.cues[0].text == "Is the old harbour bridge open to traffic?"
    assert DUAL_SPEAKER not in track.cues[0].flags
    assert track.cues[1].lines == ("-No.", "-The crews will work through the night.")
    assert all(len(line) <= 42 for c in track for line in c.lines)


def test_dual_speaker_cue_passes_validate(tmp_path: Path) -> None:
    src, out = tmp_path / "q.srt", tmp_path / "out.srt"
    src.write_text(QUICK, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["reflow", str(src), "-o", str(out), "--profile", "netflix-en"])
    assert result.exit_code == 0, result.output
    assert "-Is it open?\n-No.\n" in out.read_text(encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(out), "--profile", "netflix-en"])
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.stdout


EXCHANGE = """ANCHOR: Is the bridge open tonight?
KIM MIN-JI: No.
ANCHOR: Then drivers will have to take the long way around the bay this week.
"""


@pytest.mark.parametrize(("profile", "dash"), [("broadcast-news-en", "-"), ("netflix-ko", "- "), ("bbc", None)])
def test_convert_puts_a_one_word_reply_with_its_question(profile: str, dash: str | None) -> None:
    track = build_cues(parse_transcript(EXCHANGE, source="t.txt"), CueOptions(profile=PROFILES[profile]))
    first = track.cues[0]
    if dash is None:
        assert first.text == "Is the bridge open tonight?"
        assert track.cues[1].text == "No."
        return
    assert first.lines == (f"{dash}Is the bridge open tonight?", f"{dash}No.")
    assert DUAL_SPEAKER in first.flags
    assert track.cues[1].lines[0].startswith("Then")


def test_convert_does_not_pair_labelled_turns_or_long_ones() -> None:
    labelled = build_cues(parse_transcript(EXCHANGE, source="t.txt"), CueOptions(labels=True))
    assert not any(DUAL_SPEAKER in c.flags for c in labelled)
    long = EXCHANGE.replace("No.", "No, it has been closed since the storm.")
    track = build_cues(parse_transcript(long, source="t.txt"), CueOptions())
    assert not any(DUAL_SPEAKER in c.flags for c in track)


# Two speakers in cues of their own (WebVTT voices): reflow pairs the quick reply.
VOICED_VTT = """WEBVTT

00:00:01.000 --> 00:00:01.600
<v Mina>Is it open?</v>

00:00:01.600 --> 00:00:01.900
<v Joon>No.</v>

00:00:02.200 --> 00:00:04.600
<v Mina>The crews will work through the night.</v>
"""


def _reflow_to(tmp_path: Path, fmt: str) -> str:
    src = tmp_path / "voiced.vtt"
    src.write_text(VOICED_VTT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["reflow", str(src), "-o", "-", "--to", fmt, "--profile", "netflix-en"])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout


def test_a_dual_speaker_cue_credits_each_line_to_its_speaker(tmp_path: Path) -> None:
    track = reflow_subtitles(parse_subtitles(VOICED_VTT, "voiced.vtt"), CueOptions(profile=PROFILES["netflix-en"]))
    first = track.cues[0]
    assert DUAL_SPEAKER in first.flags
    assert [v.speaker for v in first.voices] == ["Mina", "Joon"]
    assert track.cues[1].voices == ()
    vtt = _reflow_to(tmp_path, "vtt")
    assert "<v Mina>-Is it open?</v>\n<v Joon>-No.</v>\n" in vtt
    assert vtt.count("<v Joon>") == 1
    ass = _reflow_to(tmp_path, "ass")
    assert ",Mina; Joon,0,0,0,,-Is it open?\\N-No." in ass
    cues = json.loads(_reflow_to(tmp_path, "json"))["cues"]
    assert (cues[0]["speaker"], cues[0]["speakers"]) == ("Mina", ["Mina", "Joon"])
    assert "speakers" not in cues[1]
    # SRT keeps the dash convention only: no names.
    srt = _reflow_to(tmp_path, "srt")
    assert "-Is it open?\n-No.\n" in srt
    assert "Mina" not in srt


def test_convert_json_lists_both_speakers_and_roles_of_a_pair() -> None:
    transcript = parse_transcript(EXCHANGE, source="t.txt")
    cues = json.loads(export_cues(build_cues(transcript), SubtitleFormat.JSON))["cues"]
    assert cues[0]["lines"] == ["-Is the bridge open tonight?", "-No."]
    assert cues[0]["speakers"] == [None, "Kim Min-ji"]
    assert cues[0]["roles"][0] == "anchor"
    assert cues[0]["roles"][1] != "anchor"
