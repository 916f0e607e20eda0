"""Source timestamps of a pasted transcript: kept per segment and used as cue anchors."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import TRANSCRIPTS
from hypothesis import given
from hypothesis import strategies as st

from subtools import read_transcript
from subtools.build import CueOptions, build_cues
from subtools.build.timing import CueTiming, place_cues
from subtools.clock import FrameLimits, frames_to_ms, ms_to_frames
from subtools.profile import PROFILES

STAMPED = TRANSCRIPTS / "autocaption-timestamps.txt"
FPS = Fraction(30000, 1001)
PROFILE = PROFILES["broadcast-news-en"]


def _snap(ms: int) -> int:
    return frames_to_ms(round(ms_to_frames(ms, FPS)), FPS)


def test_segments_keep_the_paste_times() -> None:
    t = read_transcript(STAMPED)
    got = [(tm.line, tm.ms) for seg in t.segments for tm in seg.times]
    assert got == [(2, 0), (4, 4000), (6, 9000), (8, 12000), (10, 18000)]
    assert t.has_times


def test_cues_start_on_the_paste_times() -> None:
    t = read_transcript(STAMPED)
    track = build_cues(t)
    starts = {c.start_ms for c in track}
    for ms in (0, 4000, 9000, 12000, 18000):
        assert _snap(ms) in starts
    words = [w for c in track for w in " ".join(c.lines).split()]
    spoken = [w for seg in t.segments for w in seg.text.split()] + t.stories[0].signoff.text.split()  # type: ignore[union-attr]
    assert words == spoken  # every word once, in order


def test_reading_timing_ignores_the_paste_times() -> None:
    t = read_transcript(STAMPED)
    source = build_cues(t, CueOptions(timing="source"))
    reading = build_cues(t, CueOptions(timing="reading"))
    assert [c.start_ms for c in source] != [c.start_ms for c in reading]
    assert [c.lines for c in source] == [c.lines for c in reading]


def test_a_transcript_without_times_is_timed_by_reading_rate() -> None:
    t = read_transcript(TRANSCRIPTS / "arirang-lee-ji-won.txt")
    assert not t.has_times
    assert [c.start_ms for c in build_cues(t)] == [c.start_ms for c in build_cues(t, CueOptions(timing="reading"))]


@given(
    st.lists(
        st.tuples(st.floats(300, 6000), st.floats(200, 4000), st.sampled_from([0, 250, 600]), st.booleans()),
        min_size=1,
        max_size=25,
    ),
    st.integers(0, 4000),
)
def test_anchors_hold_and_rules_hold(spec: list[tuple[float, float, int, bool]], step: int) -> None:
    """A cue starts on its anchor unless the cue before could not be read by then; nothing
    overlaps; every cue is within the profile's duration limits."""
    items = [CueTiming(speech, reading, pause) for speech, reading, pause, _ in spec]
    anchors: list[int | None] = []
    t = 0
    for _, _, _, stamped in spec:
        t += step
        anchors.append(t if stamped else None)
    out = place_cues(items, PROFILE, FPS, anchors_ms=anchors)
    lim = FrameLimits.from_profile(PROFILE, FPS)
    gap_ms = frames_to_ms(lim.gap_frames, FPS)
    for k, (start, end) in enumerate(out):
        assert end - start >= frames_to_ms(lim.min_frames, FPS) - 1
        assert end - start <= PROFILE.max_duration_ms
        if k:
            assert start >= out[k - 1][1] + gap_ms - 1
    # An anchor is kept whenever it is not earlier than the reading engine could allow.
    for k, a in enumerate(anchors):
        if a is not None and k and out[k][0] != _snap(a):
            prev_start = out[k - 1][0]
            need = max(lim.min_frames, math.ceil(ms_to_frames(items[k - 1].reading_ms, FPS)) + 1)
            assert _snap(a) < frames_to_ms(round(ms_to_frames(prev_start, FPS)) + need + lim.gap_frames, FPS) + 2


@pytest.mark.parametrize("timing", ["source", "reading"])
def test_cli_timing_option(tmp_path: Path, timing: str) -> None:
    from click.testing import CliRunner

    from subtools.cli import cli

    out = tmp_path / "out.srt"
    result = CliRunner().invoke(cli, ["convert", str(STAMPED), "-o", str(out), "--timing", timing])
    assert result.exit_code == 0, result.output
    first_stamped = "00:00:12,012"
    assert (first_stamped in out.read_text()) == (timing == "source")


def test_reading_timing_aims_at_the_target_and_falls_back_to_the_limit() -> None:
    """A cue shows long enough for the target rate (``aim_ms``) where there is room; a
    ``--duration`` that only the limit can meet is met at the limit, not refused."""
    items = [CueTiming(speech_ms=1000, reading_ms=2000, pause_after_ms=0, aim_ms=3000) for _ in range(4)]
    free = place_cues(items, PROFILE, FPS)
    assert all(end - start >= 3000 for start, end in free)
    tight = place_cues(items, PROFILE, FPS, duration_ms=10000)
    assert tight[-1][1] <= 10000
    assert all(2000 <= end - start < 3000 for start, end in tight)
