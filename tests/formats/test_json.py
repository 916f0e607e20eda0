"""subtools JSON: write, read back (validate, preview, burn), rewrite and round trip."""

from __future__ import annotations

import json as jsonlib
from pathlib import Path

import strategies
from click.testing import CliRunner
from conftest import SEED
from hypothesis import given

from subtools import read_transcript
from subtools.cli import cli
from subtools.formats import FORMATS, SubtitleFormat, format_from_content, json
from subtools.formats.base import source_lines
from subtools.model import CueTrack
from subtools.pipeline import convert
from subtools.validation import validate_text


def test_registry_and_sniff() -> None:
    assert FORMATS[SubtitleFormat.JSON] is json
    text = convert(read_transcript(SEED), SubtitleFormat.JSON)[0]
    assert format_from_content(text, "") is SubtitleFormat.JSON


def test_validate_reads_what_convert_writes_like_the_srt() -> None:
    transcript = read_transcript(SEED)
    as_json = convert(transcript, SubtitleFormat.JSON)[0]
    as_srt = convert(transcript, SubtitleFormat.SRT)[0]
    from_json = validate_text(as_json, "x.json", fmt=SubtitleFormat.JSON)
    from_srt = validate_text(as_srt, "x.srt", fmt=SubtitleFormat.SRT)
    assert not [f for f in from_json.findings if f.rule in ("parse-error", "bad-timestamp")]
    assert [(f.rule, f.cue) for f in from_json.findings] == [(f.rule, f.cue) for f in from_srt.findings]
    assert from_json.cues == from_srt.cues + len(jsonlib.loads(as_json)["title_cards"])


def test_cli_validates_json_without_a_false_parse_error(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "r.json"
    assert runner.invoke(cli, ["convert", str(SEED), "-o", str(out)]).exit_code == 0
    result = runner.invoke(cli, ["validate", "--no-config", str(out)])
    assert "parse-error" not in result.stdout
    assert result.exit_code == 0, result.stdout


def test_broken_json_is_one_finding_at_its_line() -> None:
    sub = json.read('{\n  "cues": [\n    {"start_ms": 1,}\n  ]\n}\n', "x.json")
    assert [(f.rule, f.line) for f in sub.findings] == [("parse-error", 3)]
    assert sub.unreadable == 1


def test_rewrite_sets_new_end_times() -> None:
    text = convert(read_transcript(SEED), SubtitleFormat.JSON)[0]
    sub = json.read(text)
    out, _ = json.rewrite(sub, source_lines(text), list(range(len(sub.entries))), {0: sub.entries[0].end_ms + 10})
    doc = jsonlib.loads("\n".join(out))
    assert doc["cues"][0]["end_ms"] == sub.entries[0].end_ms + 10
    assert doc["cues"][1] == jsonlib.loads(text)["cues"][1]


@given(strategies.tracks(extra="&<>{}\\"))
def test_write_then_read_gives_the_same_cues(track: CueTrack) -> None:
    text = json.write(track)
    assert json.read_track(text).cues == track.cues
    back = json.read(text, "x.json")
    assert [(c.start_ms, c.end_ms, c.lines) for c in back.cues] == [(c.start_ms, c.end_ms, c.lines) for c in track]
