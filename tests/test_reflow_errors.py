"""``reflow`` never loses words silently: an unreadable block or a file with no cue is an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from subtools.batch import ReflowSpec
from subtools.batch.jobs import reflow_bytes
from subtools.build import CueOptions
from subtools.build.reflow import reflow_subtitles
from subtools.cli import cli
from subtools.errors import ParseError
from subtools.formats import SubtitleFormat, WriteOptions, parse_subtitles

BAD_STAMP_SRT = """1
00:00:01,000 --> 00:00:02,000
the ferry left early

2
00:00:0x,000 --> 00:00:04,000
with every seat taken

3
00:00:05,000 --> 00:00:06,000
and a dog on deck
"""
NOT_SUBTITLES = "Shopping list\neggs, flour and a lemon\n"
NO_CUES_VTT = "WEBVTT\n\nNOTE only a note here\n"


def test_a_block_with_a_bad_timestamp_is_an_error_naming_its_line() -> None:
    with pytest.raises(ParseError) as err:
        reflow_subtitles(parse_subtitles(BAD_STAMP_SRT, "ferry.srt"))
    assert err.value.line == 6
    assert str(err.value).startswith("ferry.srt:6: cannot reflow a block subtools cannot read (found '00:00:0x,000")
    assert "expected" in str(err.value)


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [("list.srt", NOT_SUBTITLES, 1), ("meta.json", '{"title": "x"}', 1)],
)
def test_a_file_that_is_no_subtitle_file_is_an_error(name: str, text: str, line: int) -> None:
    with pytest.raises(ParseError) as err:
        reflow_subtitles(parse_subtitles(text, name))
    assert (err.value.source, err.value.line) == (name, line)
    assert "cannot reflow a block subtools cannot read (found " in err.value.message


def test_a_file_with_no_cue_is_an_error() -> None:
    with pytest.raises(ParseError) as err:
        reflow_subtitles(parse_subtitles(NO_CUES_VTT, "quiet.vtt"))
    assert str(err.value) == "quiet.vtt: no cues to reflow (found 0 cues, expected a subtitle file)"


def test_cli_exits_1_with_the_message_on_stderr_and_writes_nothing(tmp_path: Path) -> None:
    src, out = tmp_path / "ferry.srt", tmp_path / "out.srt"
    src.write_text(BAD_STAMP_SRT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["reflow", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"Error: {src}:6: cannot reflow a block subtools cannot read " + (
        "(found '00:00:0x,000 --> 00:00:04,000', expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm')"
    )
    assert not out.exists()


def test_a_batch_reports_it_as_that_inputs_error() -> None:
    spec = ReflowSpec(SubtitleFormat.SRT, CueOptions(), WriteOptions(), None)
    outcome = reflow_bytes(NO_CUES_VTT.encode(), "quiet.vtt", spec)
    assert outcome.data is None
    assert outcome.error == "quiet.vtt: no cues to reflow (found 0 cues, expected a subtitle file)"


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ('{"segments": [{"start": 5, "end": 1, "text": "Backwards."}, {"start": 6, "end": 7, "text": "Later."}]}',
         1, "cannot reflow cue 1: it ends before it starts (found 00:00:05.000 -> 00:00:01.000, expected a later end)"),
        ("1\n00:00:05,000 --> 00:00:06,000\nthe ferry left\n\n2\n00:00:01,000 --> 00:00:02,000\nearly\n",
         5, "cannot reflow cue 2: it starts before the cue above it (found 00:00:01.000 after 00:00:05.000"),
    ],
    ids=["backwards", "out-of-order"],
)  # fmt: skip
def test_a_cue_out_of_time_is_an_error_not_moved(text: str, line: int, what: str) -> None:
    # Why: a Whisper segment written 5 s -> 1 s, and the cue after it, came out reordered at
    # 5.0 and 5.1 s with no word said.
    source = "w.json" if text.startswith("{") else "w.srt"
    with pytest.raises(ParseError) as err:
        reflow_subtitles(parse_subtitles(text, source))
    assert (err.value.line, err.value.message.startswith(what)) == (line, True), err.value.message
