"""``subtools reflow``: a subtitle file's words re-segmented, once each, in order, at their times."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from reflowkit import cue_words

from subtools.build import CueOptions
from subtools.build.reflow import reflow_subtitles, source_words
from subtools.cli import cli
from subtools.formats import SubtitleFormat, parse_subtitles
from subtools.language import cue_lang
from subtools.model import CueTrack
from subtools.pipeline import export_cues
from subtools.profile import PROFILES, text_width
from subtools.validation import report_file
from subtools.validation.limits import ValidateOptions

ROLLING_VTT = """WEBVTT

00:00:01.000 --> 00:00:03.000
<00:00:01.000><c>the</c><00:00:01.300><c> city</c><00:00:01.700><c> has</c>\
<00:00:02.000><c> four</c><00:00:02.400><c> hundred</c>

00:00:03.000 --> 00:00:03.010
the city has four hundred

00:00:03.010 --> 00:00:05.000
the city has four hundred
<00:00:03.100><c>plows</c><00:00:03.500><c> ready</c><00:00:03.900><c> to</c><00:00:04.100><c> go.</c>

00:00:05.000 --> 00:00:08.000
plows ready to go.
[Music]

00:00:08.000 --> 00:00:11.000
- Are you ready for the storm tonight?
- We have been ready since Monday.
"""

WHISPER_SRT = """1
00:00:00,000 --> 00:00:09,000
Automation will make the harbour one of the most efficient hubs in the whole of Northeast Asia, officials said.

2
00:00:09,500 --> 00:00:13,000
ANCHOR: Crews worked through the night to clean up the debris.
"""


def _words_of(track: CueTrack) -> list[str]:
    return [w for cue in track for w in cue_words(cue)]


def test_rolling_repeats_are_dropped_and_words_keep_their_tags() -> None:
    sub = parse_subtitles(ROLLING_VTT, "roll.vtt")
    words = source_words(sub)
    assert [w.text for w in words][:9] == "the city has four hundred plows ready to go.".split()
    assert [w.start_ms for w in words][:6] == [1000, 1300, 1700, 2000, 2400, 3100]
    track = reflow_subtitles(sub)
    assert _words_of(track) == [w.text for w in words]


def test_cues_start_inside_their_first_words_source_cue_and_not_before_it() -> None:
    sub = parse_subtitles(ROLLING_VTT, "roll.vtt")
    track = reflow_subtitles(sub)
    words = source_words(sub)
    pos = 0
    for cue in track:
        first = words[pos]
        source = sub.entries[first.source]
        # Frames snap a start by at most half a frame (17 ms at 29.97).
        assert source.start_ms - 17 <= cue.start_ms <= source.end_ms
        assert cue.start_ms >= first.start_ms - 17
        pos += len(cue_words(cue))


def test_speakers_are_never_mixed_in_one_cue() -> None:
    track = reflow_subtitles(parse_subtitles(ROLLING_VTT, "roll.vtt"))
    texts = [cue.text for cue in track]
    assert "Are you ready for the storm tonight?" in texts
    assert "We have been ready since Monday." in texts
    assert "[Music]" in texts
    quiet = reflow_subtitles(parse_subtitles(ROLLING_VTT, "roll.vtt"), keep_sound=False)
    assert "[Music]" not in [cue.text for cue in quiet]


def test_whisper_lines_are_broken_within_the_profile() -> None:
    track = reflow_subtitles(parse_subtitles(WHISPER_SRT, "w.srt"))
    limit = PROFILES["broadcast-news-en"].english.max_line_width
    assert all(len(cue.lines) <= 2 and all(len(line) <= limit for line in cue.lines) for cue in track)
    assert [c.label for c in track if c.label] == ["ANCHOR"]
    assert "ANCHOR:" not in " ".join(_words_of(track))
    assert all(later.start_ms >= earlier.end_ms for earlier, later in itertools.pairwise(track))


def test_cli_reflow_writes_srt_and_convert_refuses_subtitles(tmp_path: Path) -> None:
    src = tmp_path / "roll.vtt"
    src.write_text(ROLLING_VTT, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["reflow", str(src), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "the city" in result.stdout
    assert result.stdout.count("four hundred") == 1
    out = tmp_path / "clean.vtt"
    result = runner.invoke(cli, ["reflow", str(src), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("WEBVTT")
    result = runner.invoke(cli, ["convert", str(src), "-o", str(tmp_path / "x.srt")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "use `subtools reflow" in result.stderr
    assert not (tmp_path / "x.srt").exists()


_WORD = st.text(st.sampled_from(list("abcdefgXYZ0123456789,.?!'한국어")), min_size=1, max_size=12)


@st.composite
def _cue_lists(draw: st.DrawFn) -> str:
    blocks, t = [], 0
    for k in range(draw(st.integers(1, 8))):
        lines = draw(st.lists(st.lists(_WORD, min_size=1, max_size=9).map(" ".join), min_size=1, max_size=2))
        dur = draw(st.integers(300, 9000))
        blocks.append(f"{k + 1}\n{_srt_time(t)} --> {_srt_time(t + dur)}\n" + "\n".join(lines) + "\n")
        t += dur + draw(st.integers(0, 3000))
    return "\n".join(blocks)


def _srt_time(ms: int) -> str:
    return f"{ms // 3600000:02}:{ms // 60000 % 60:02}:{ms // 1000 % 60:02},{ms % 1000:03}"


@settings(max_examples=60, deadline=None)
@given(_cue_lists(), st.sampled_from(["broadcast-news-en", "netflix-en", "korean"]))
def test_reflow_keeps_every_word_in_order(text: str, profile: str) -> None:
    sub = parse_subtitles(text, "any.srt")
    track = reflow_subtitles(sub, CueOptions(profile=PROFILES[profile]))
    assert _words_of(track) == [w.text for w in source_words(sub)]
    assert all(len(cue.lines) <= PROFILES[profile].max_lines for cue in track)
    assert all(cue.end_ms > cue.start_ms for cue in track)
    assert sub.format is SubtitleFormat.SRT


def _longest_line(srt: str) -> int:
    return max(len(line) for line in srt.splitlines() if line and "-->" not in line and not line.isdigit())


def test_rule_overrides_and_config_reach_convert_and_reflow(tmp_path: Path, monkeypatch: object) -> None:
    transcript = Path(__file__).parent.parent / "fixtures" / "transcripts" / "arirang-lee-ji-won.txt"
    src = tmp_path / "w.srt"
    src.write_text(WHISPER_SRT, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["reflow", str(src), "-o", "-", "--rule", "max-line-length=30"])
    assert result.exit_code == 0, result.output
    assert _longest_line(result.stdout) <= 30
    (tmp_path / "pyproject.toml").write_text("[tool.subtools.rules]\nmax-line-length = 28\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    result = runner.invoke(cli, ["convert", str(transcript), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert _longest_line(result.stdout) <= 28
    result = runner.invoke(cli, ["convert", str(transcript), "-o", "-", "--no-config"])
    assert _longest_line(result.stdout) > 28
    result = runner.invoke(cli, ["convert", str(transcript), "-o", "-", "--rule", "max-width=3"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown rule" in result.stderr


def test_readme_before_and_after_is_the_commands_output(tmp_path: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    before = re.search(r"A rolling caption file \(`roll.vtt`\):\n\n```\n(.+?)\n```", readme, re.S)
    after = re.search(r"`subtools reflow roll.vtt -o -`:\n\n```\n(.+?)\n```", readme, re.S)
    assert before is not None
    assert after is not None
    src = tmp_path / "roll.vtt"
    src.write_text(before.group(1) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["reflow", str(src), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip("\n") == after.group(1)
    assert "-Is the tunnel open?\n-Not yet." in result.stdout  # the dual-speaker convention shown


def test_a_cue_too_short_to_read_goes_with_the_next_of_its_turn() -> None:
    # "Go now." has 0.3 s before "the storm", whose source cue ends at 0.4 s: alone it would
    # be under the minimum duration; with the next words it is read in 3 s.
    text = "1\n00:00:00,000 --> 00:00:00,300\nGo now.\n\n2\n00:00:00,300 --> 00:00:00,400\nthe storm\n\n"
    text += "3\n00:00:00,400 --> 00:00:03,000\nis coming fast tonight.\n"
    track = reflow_subtitles(parse_subtitles(text, "m.srt"), CueOptions(profile=PROFILES["netflix-en"]))
    assert [c.lines for c in track] == [("Go now.", "the storm is coming fast tonight.")]
    assert "too-fast" not in track.cues[0].flags
    assert track.cues[0].end_ms - track.cues[0].start_ms >= 2000


# YouTube's auto-caption shape: cue settings, a line of one space above the new words,
# and a 10 ms bridge cue repeating the line just finished with the space line below it.
YOUTUBE_VTT = """WEBVTT
Kind: captions
Language: en

00:00:00.160 --> 00:00:02.070 align:start position:0%
\x20
the<00:00:00.400><c> lanterns</c><00:00:00.800><c> along</c><00:00:01.200><c> the</c><00:00:01.600><c> canal</c>

00:00:02.070 --> 00:00:02.080 align:start position:0%
the lanterns along the canal
\x20

00:00:02.080 --> 00:00:04.500 align:start position:0%
the lanterns along the canal
were<00:00:02.400><c> lit</c><00:00:02.900><c> at</c><00:00:03.300><c> dusk</c>

00:00:04.500 --> 00:00:04.510 align:start position:0%
were lit at dusk
\x20

00:00:04.510 --> 00:00:06.900 align:start position:0%
were lit at dusk
by<00:00:04.800><c> volunteers</c><00:00:05.600><c> from</c><00:00:06.000><c> the</c><00:00:06.300><c> quarter</c>
"""
YOUTUBE_WORDS = "the lanterns along the canal were lit at dusk by volunteers from the quarter".split()


def test_youtube_rolling_vtt_with_space_lines_keeps_every_word_once(tmp_path: Path) -> None:
    src = tmp_path / "yt.vtt"
    src.write_text(YOUTUBE_VTT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["reflow", str(src), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    track = parse_subtitles(result.stdout, "out.srt").cues
    assert [w for cue in track for w in cue.text.split()] == YOUTUBE_WORDS
    # The words keep their tags' times: "dusk" (3.3 s) is not shown before it is said.
    sub = parse_subtitles(YOUTUBE_VTT, "yt.vtt")
    starts = {w.text: w.start_ms for w in source_words(sub)}
    assert starts["dusk"] == 3300
    assert starts["volunteers"] == 4800


def test_reflow_json_header_names_the_source_profile_and_fps(tmp_path: Path) -> None:
    src = tmp_path / "roll.vtt"
    src.write_text(ROLLING_VTT, encoding="utf-8")
    argv = ["reflow", str(src), "-o", "-", "--to", "json", "--profile", "bbc", "--fps", "25"]
    result = CliRunner().invoke(cli, argv)
    assert (result.exit_code, result.stderr) == (0, "")
    doc = json.loads(result.stdout)
    assert (doc["source"], doc["profile"], doc["fps"]) == (str(src), PROFILES["bbc"].name, "25")
    assert PROFILES["bbc"].name != "broadcast-news-en"


ORDINARY_SRT = """1
00:00:01,000 --> 00:00:02,000
Did you lock the gate?

2
00:00:02,500 --> 00:00:03,000
No.

3
00:00:03,500 --> 00:00:04,500
No.
I never had the key.

4
00:00:05,000 --> 00:00:06,000
Go! Go!

5
00:00:06,200 --> 00:00:07,000
Go! Go!
"""
# Rolling captions with neither word tags nor bridge cues: each cue opens with the last
# line of the one before.
PLAIN_ROLLING_SRT = """1
00:00:01,000 --> 00:00:02,000
the orchard flooded

2
00:00:02,000 --> 00:00:03,000
the orchard flooded
after three days of rain

3
00:00:03,000 --> 00:00:04,000
after three days of rain
and the pickers went home
"""


def test_repeated_lines_of_an_ordinary_file_are_words_said_twice() -> None:
    words = [w.text for w in source_words(parse_subtitles(ORDINARY_SRT, "gate.srt"))]
    assert words == "Did you lock the gate? No. No. I never had the key. Go! Go! Go! Go!".split()
    track = reflow_subtitles(parse_subtitles(ORDINARY_SRT, "gate.srt"))
    assert _words_of(track) == words


def test_rolling_captions_without_tags_or_bridges_drop_their_repeats() -> None:
    words = [w.text for w in source_words(parse_subtitles(PLAIN_ROLLING_SRT, "orchard.srt"))]
    assert words == "the orchard flooded after three days of rain and the pickers went home".split()


def test_a_cue_is_broken_and_timed_by_one_language_rule() -> None:
    # English with a name in Hangul: English by validate's rule, so broken to English widths
    # too (before: broken as Korean, 16 weighted characters, for one Hangul name).
    srt = "1\n00:00:01,000 --> 00:00:05,000\nReporter Lee Ji-won (이지원) said the harbour talks went well today.\n"
    track = reflow_subtitles(parse_subtitles(srt, "mixed.srt"))
    assert len(track) == 1
    assert len(track[0].lines) == 2
    assert max(len(line) for line in track[0].lines) > PROFILES["broadcast-news-en"].korean.max_line_width
    assert cue_lang(track[0].text) == "en"
    written = parse_subtitles(export_cues(track, SubtitleFormat.SRT), "out.srt")
    assert list(report_file(written, ValidateOptions()).findings) == []


# Each sentence said in a second: no cue can be read at 20 cps, whatever reflow does.
FAST_SRT = """1
00:00:01,000 --> 00:00:02,000
Seventeen volunteers repainted the entire lighthouse.

2
00:00:02,000 --> 00:00:03,000
- Nobody expected the weather to hold all weekend.

3
00:00:03,000 --> 00:00:04,000
- Forecasters had promised storms from Friday onwards.
"""


def test_cli_warns_on_stderr_for_each_cue_too_fast_to_read(tmp_path: Path) -> None:
    src = tmp_path / "fast.srt"
    src.write_text(FAST_SRT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["reflow", str(src), "-o", "-"])
    assert result.exit_code == 0
    out = parse_subtitles(result.stdout, "out.srt")
    assert "warning" not in result.stdout
    fast = [k for k, cue in enumerate(reflow_subtitles(parse_subtitles(FAST_SRT, str(src))), start=1)
            if "too-fast" in cue.flags]  # fmt: skip
    assert fast
    lines = result.stderr.splitlines()
    pattern = re.compile(rf"{re.escape(str(src))}: warning: cue (\d+) is too fast to read \((\d+\.\d) cps; "
                         r"the words' own times leave no room\)")  # fmt: skip
    matches = [pattern.fullmatch(line) for line in lines]
    assert all(matches), lines
    assert [int(m.group(1)) for m in matches if m] == fast
    for m in matches:
        assert m is not None
        cue = out.cues[int(m.group(1)) - 1]
        assert float(m.group(2)) == pytest.approx(len(cue.text) * 1000 / (cue.end_ms - cue.start_ms), abs=0.06)
        assert float(m.group(2)) > PROFILES["broadcast-news-en"].english.max_cps


def test_json_output_carries_the_too_fast_flag(tmp_path: Path) -> None:
    # Why: JSON wrote a cue's flags only beside an audio confidence, so reflow's too-fast
    # cues were flagged on stderr and nowhere in the file.
    src = tmp_path / "fast.srt"
    src.write_text(FAST_SRT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["reflow", str(src), "-o", "-", "--to", "json"])
    assert result.exit_code == 0
    cues = json.loads(result.stdout)["cues"]
    fast = [k for k, cue in enumerate(reflow_subtitles(parse_subtitles(FAST_SRT, str(src))), start=1)
            if "too-fast" in cue.flags]  # fmt: skip
    assert fast
    assert [k for k, cue in enumerate(cues, start=1) if "too-fast" in cue.get("flags", [])] == fast
    assert all("confidence" not in cue for cue in cues)


def test_a_korean_headline_in_an_english_turn_is_broken_by_the_korean_rule() -> None:
    # One turn: English speech, then a Korean headline line, then English again.
    srt = (
        "1\n00:00:01,000 --> 00:00:05,000\nSeoul and Washington are staying in close touch this week.\n\n"
        "2\n00:00:05,000 --> 00:00:09,000\n한미 외교장관 회담 워킹그룹 실무회담 개최 다양한 레벨에서 공조\n\n"
        "3\n00:00:09,000 --> 00:00:12,000\nThe envoys meet again next month in Washington.\n"
    )
    profile = PROFILES["broadcast-news-en"]
    track = reflow_subtitles(parse_subtitles(srt, "headline.srt"))
    assert _words_of(track) == " ".join(cue.text for cue in parse_subtitles(srt, "headline.srt").cues).split()
    langs = [cue_lang(cue.text) for cue in track]
    assert "ko" in langs
    assert "en" in langs
    for cue, lang in zip(track, langs, strict=True):
        limits = profile.limits_for(lang)
        assert all(text_width(line, limits.weighted) <= limits.max_line_width for line in cue.lines), cue.lines
    # The English speech keeps English widths (wider than the Korean 16).
    assert any(
        len(line) > profile.korean.max_line_width for cue in track if cue_lang(cue.text) == "en" for line in cue.lines
    )
