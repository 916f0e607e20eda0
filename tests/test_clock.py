"""Time values the way editors type them: one parser (``clock.parse_time_ms``) for every option."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED
from hypothesis import given
from hypothesis import strategies as st

from subtools.build import CueOptions
from subtools.cli import cli
from subtools.clock import (
    format_timecode,
    frames_to_ms,
    frames_to_timecode,
    parse_fps,
    parse_time_ms,
    timecode_to_frames,
)
from subtools.errors import ConfigError

RATES = ["23.976", "24", "25", "29.97", "30", "50", "59.94"]
DROP_RATES = ["29.97", "59.94"]


@pytest.mark.parametrize(
    ("value", "fps", "ms"),
    [
        ("12.5", "29.97", 12_500),
        ("12.5s", "29.97", 12_500),
        ("1500ms", "29.97", 1500),
        ("00:01:02.500", "29.97", 62_500),
        ("00:01:02,500", "29.97", 62_500),
        ("1:02", "29.97", 62_000),
        ("01:00:00:00", "25", 3_600_000),
        ("00:00:01:12", "25", 1480),
        ("01:00:00:00", "29.97", 3_603_600),  # non-drop at 29.97 runs 3.6 s an hour behind the clock
        ("01:00:00;00", "29.97", 3_599_996),
        ("00:10:00;00", "59.94", 599_999),
    ],
)
def test_time_forms(value: str, fps: str, ms: int) -> None:
    assert parse_time_ms(value, parse_fps(fps)) == ms


@pytest.mark.parametrize("value", ["", "-1", "abc", "1:2:3:4:5", "00:61:00", "01:00:00:30", "nan", "inf", "1e3"])
def test_bad_time_is_a_usage_error_listing_the_forms(value: str) -> None:
    with pytest.raises(ConfigError, match=r"SMPTE HH:MM:SS:FF"):
        parse_time_ms(value, Fraction(30))


def test_drop_frame_only_at_ntsc_rates() -> None:
    with pytest.raises(ConfigError, match=r"29\.97 or 59\.94") as err:
        parse_time_ms("00:00:01;00", Fraction(25))
    # One (found …) clause, the rate's: the form itself was right.
    assert err.value.message == "'00:00:01;00': drop-frame timecode needs 29.97 or 59.94 fps (found 25)"


def test_drop_frame_refuses_a_skipped_frame_number() -> None:
    with pytest.raises(ConfigError, match="drop-frame skips"):
        parse_time_ms("00:01:00;01", parse_fps("29.97"))


@given(st.text(max_size=40))
def test_any_string_is_a_time_or_a_usage_error(value: str) -> None:
    try:
        ms = parse_time_ms(value)
    except ConfigError:
        return
    assert 0 <= ms <= 360_000_000


@pytest.mark.parametrize("fps", RATES)
@given(frames=st.integers(0, 10 * 3600 * 60))
def test_smpte_round_trips(fps: str, frames: int) -> None:
    rate = parse_fps(fps)
    timecode = frames_to_timecode(frames, rate)
    assert parse_time_ms(timecode, rate) == frames_to_ms(frames, rate)
    assert format_timecode(frames_to_ms(frames, rate), rate) == timecode


@pytest.mark.parametrize("fps", DROP_RATES)
@given(frames=st.integers(0, 10 * 3600 * 60))
def test_drop_frame_round_trips(fps: str, frames: int) -> None:
    rate = parse_fps(fps)
    timecode = frames_to_timecode(frames, rate, drop=True)
    h, m, s, f = (int(x) for x in timecode.replace(";", ":").split(":"))
    assert timecode_to_frames(h, m, s, f, rate, drop=True) == frames
    assert format_timecode(parse_time_ms(timecode, rate), rate, drop=True) == timecode


def _first_start(srt: str) -> str:
    return srt.split("\n")[1].split(" --> ")[0]


def test_cli_start_takes_smpte(tmp_path: Path) -> None:
    # Why: --start 01:00:00:00 put the first cue at 60:00:00,018.
    out = tmp_path / "x.srt"
    result = CliRunner().invoke(cli, ["convert", str(SEED), "-o", str(out), "--start", "01:00:00:00", "--fps", "25"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert _first_start(out.read_text()).startswith("01:00:00,")


def test_cli_duration_takes_smpte(tmp_path: Path) -> None:
    # Why: --duration 1:00:00:00 spread 15 cues over 56 minutes.
    out = tmp_path / "x.srt"
    result = CliRunner().invoke(cli, ["convert", str(SEED), "-o", str(out), "--duration", "00:03:00:00"])
    assert result.exit_code == 0, result.stderr
    last_end = [ln for ln in out.read_text().split("\n") if " --> " in ln][-1].split(" --> ")[1]
    assert "00:02:00,000" < last_end <= "00:03:00,180"


@pytest.mark.parametrize("value", ["0", "0ms", "00:00:00.000", "00:00:00:00"])
def test_cli_zero_duration_is_a_usage_error(tmp_path: Path, value: str) -> None:
    result = CliRunner().invoke(cli, ["convert", str(SEED), "-o", str(tmp_path / "x.srt"), "--duration", value])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "--duration" in result.stderr.strip().splitlines()[-1]
    assert not (tmp_path / "x.srt").exists()


def test_library_zero_duration_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="duration"):
        CueOptions(duration_ms=0)


def test_cli_bad_time_lists_the_forms(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["convert", str(SEED), "-o", str(tmp_path / "x.srt"), "--start", "1h"])
    assert result.exit_code == 2
    assert "HH:MM:SS;FF" in result.stderr
    assert "Traceback" not in result.stderr
