"""The timing engine: reading-rate onsets, then the profile's duration and gap rules.

All arithmetic is in whole frames of the exact frame rate (29.97 is 30000/1001, never a
float), converted to int milliseconds only at the end, so every gap is a whole number
of frames and every duration rule holds after rounding.
"""

from __future__ import annotations

import math
from fractions import Fraction

from subtools.clock import FrameLimits, frames_to_ms, ms_to_frames
from subtools.errors import TimingError
from subtools.profile import Profile
from subtools.startup.records import value_class

__all__ = ["CueTiming", "SpokenCue", "fit_to_speech", "place_cues"]


@value_class
class CueTiming:
    """What the engine needs to know about one cue."""

    speech_ms: float  # how long the words take to say at the reading rate
    reading_ms: float  # how long the text needs on screen at the profile's max cps
    pause_after_ms: int  # silence after it: sentence end or speaker change
    # How long it should show to be read at the profile's target rate (17 cps, 180 wpm …),
    # where the schedule leaves room for it; None: no target, ``reading_ms`` is the aim.
    aim_ms: float | None = None


def _frames_to_read(reading_ms: float, min_frames: int, fps: Fraction) -> int:
    """Frames a cue must show: its reading time, and never under the minimum duration."""
    # +1 frame: the rounding to ms may not shave the reading time below the limit.
    return max(min_frames, math.ceil(ms_to_frames(reading_ms, fps)) + 1)


# The rate search's upper end: speech stretched to 64 times its natural length, far
# beyond any real fit (a longer duration leaves the end of the video without cues).
_SLOWEST_RATE = 64.0
# Halvings of [0, 64]: the rate is then known to 64 / 2**40 (6e-11) of the natural
# length, under a frame of the last cue's start for any programme shorter than years.
_RATE_STEPS = 40


def _layout(
    items: list[CueTiming],
    rate: float,
    start_frame: int,
    fps: Fraction,
    profile: Profile,
    anchors: list[int | None] | None = None,
    aim: bool = True,
) -> list[tuple[int, int]]:
    """Frames (start, end) of every cue when speech runs ``rate`` times its natural length.

    With ``aim`` a cue shows long enough to be read at the target rate (``aim_ms``), not
    only at the limit, within the maximum duration; an anchor still only waits for the
    limit (the paste's time wins over the target).

    ``anchors[k]`` (frames after ``start_frame``, or None) is where a pasted transcript's
    timestamp says cue k starts: it starts there, and the reading rate goes on from
    there, unless the cue before could not then be read in time (the anchor is skipped).
    """
    lim = FrameLimits.from_profile(profile, fps)
    min_frames, max_frames, gap, chain = lim.min_frames, lim.max_frames, lim.gap_frames, lim.chain_frames
    out: list[tuple[int, int]] = []
    anchored: set[int] = set()
    onset = Fraction(0)
    prev_end: int | None = None
    prev_need = 0
    for k, item in enumerate(items):
        speech = ms_to_frames(item.speech_ms * rate, fps)
        start = start_frame + math.floor(onset)
        anchor = anchors[k] if anchors is not None else None
        if anchor is not None and (not out or start_frame + anchor >= out[-1][0] + prev_need + gap):
            start = start_frame + anchor
            onset = Fraction(anchor)
            if out and out[-1][1] > start - gap:
                out[-1] = (out[-1][0], start - gap)  # the cue before ends for the anchored one
            prev_end = out[-1][1] if out else None
            anchored.add(k)
        if prev_end is not None:
            start = max(start, prev_end + gap)
        need = _frames_to_read(item.reading_ms, min_frames, fps)
        if need > max_frames:
            raise TimingError(
                f"a cue needs {frames_to_ms(need, fps)} ms to read, over the {profile.max_duration_ms} ms maximum"
            )
        want = need
        if aim and item.aim_ms is not None:
            want = max(need, min(max_frames, _frames_to_read(item.aim_ms, min_frames, fps)))
        length = min(max_frames, max(want, math.ceil(speech)))
        out.append((start, start + length))
        prev_end = start + length
        prev_need = need
        onset += speech + ms_to_frames(item.pause_after_ms * rate, fps)
    # Chaining: a gap shorter than half a second becomes exactly the minimum gap, by
    # extending the earlier cue (Netflix timing guidelines), within the maximum duration.
    for k in range(len(out) - 1):
        (s0, e0), (s1, e1) = out[k], out[k + 1]
        if gap < s1 - e0 < chain:
            if s1 - gap - s0 <= max_frames:
                out[k] = (s0, s1 - gap)
            elif k + 1 in anchored:
                out[k] = (s0, s0 + max_frames)  # an anchored cue does not move
            else:
                # The earlier cue is already at the maximum: bring the next one forward.
                out[k] = (s0, s0 + max_frames)
                s1 = s0 + max_frames + gap
                out[k + 1] = (s1, min(e1, s1 + max_frames))
    return out


def place_cues(
    items: list[CueTiming],
    profile: Profile,
    fps: Fraction,
    start_ms: int = 0,
    duration_ms: int | None = None,
    anchors_ms: list[int | None] | None = None,
) -> list[tuple[int, int]]:
    """Start and end (int ms) of each cue.

    With ``duration_ms`` the speech rate is scaled so that the last cue ends within
    ``start_ms + duration_ms``, cues spread in proportion. ``anchors_ms[k]`` is the time
    (after ``start_ms``) a pasted transcript gives for cue k: the cue starts on that
    time's frame, and the reading rate fills in between anchors.

    Raises:
        TimingError: the text cannot be shown within the rules in that duration.
    """
    start_frame = math.ceil(ms_to_frames(start_ms, fps))
    anchors = None if anchors_ms is None else [None if a is None else round(ms_to_frames(a, fps)) for a in anchors_ms]
    rate = 1.0
    aim = True
    if duration_ms is not None:
        limit = math.floor(ms_to_frames(start_ms + duration_ms, fps))
        fastest = _layout(items, 0.0, start_frame, fps, profile, anchors)
        if items and fastest[-1][1] > limit:
            # Read at the target the text does not fit the video: at the limit, then.
            aim = False
            fastest = _layout(items, 0.0, start_frame, fps, profile, anchors, aim)
        if items and fastest[-1][1] > limit:
            need = frames_to_ms(fastest[-1][1] - start_frame, fps)
            raise TimingError(
                f"text does not fit the video (found {duration_ms} ms, expected at least {need} ms "
                f"for {len(items)} cues at {profile.name} limits)"
            )
        lo, hi = 0.0, _SLOWEST_RATE
        for _ in range(_RATE_STEPS):
            mid = (lo + hi) / 2
            layout = _layout(items, mid, start_frame, fps, profile, anchors, aim)
            if layout and layout[-1][1] > limit:
                hi = mid
            else:
                lo = mid
        rate = lo
    return [
        (frames_to_ms(s, fps), frames_to_ms(e, fps))
        for s, e in _layout(items, rate, start_frame, fps, profile, anchors, aim)
    ]


@value_class
class SpokenCue:
    """What fitting needs of one aligned cue: where its words are, how long it must show."""

    speech_start_ms: int
    speech_end_ms: int
    reading_ms: float  # on screen at least this long for the profile's reading speed


MAX_TAIL_MS = 500  # a cue ends no later than half a second after its speech (Netflix)
# A cue needing its reading time may stay up after its words at most this long (BBC §5.2:
# do not hang more than 1.5 s after the speech); reflow also ends a cue at a pause this long.
MAX_HANG_MS = 1500


def fit_to_speech(items: list[SpokenCue], profile: Profile, fps: Fraction) -> list[tuple[int, int, bool]]:
    """(start_ms, end_ms, too_fast) per cue: starts on the speech onset's frame, ends
    after the speech, within the profile's duration, gap and reading-speed rules.

    A start is never moved off its speech (only onto a frame boundary); the end moves
    within [speech end - 2 frames, speech end + ½ s] and before the next cue's start
    less the minimum gap. Where the words come too fast to be read by the profile's
    rules in that room, the cue keeps the room there is and ``too_fast`` is set: it is
    flagged for an editor, never shifted off its speech.
    """
    lim = FrameLimits.from_profile(profile, fps)
    min_frames, max_frames, gap, chain = lim.min_frames, lim.max_frames, lim.gap_frames, lim.chain_frames
    tail = math.floor(ms_to_frames(MAX_TAIL_MS, fps))
    starts = [round(ms_to_frames(it.speech_start_ms, fps)) for it in items]
    # Two cues whose speech starts less than the minimum gap apart (overlapping pieces):
    # the later one starts right after, never before, the earlier.
    for k in range(1, len(starts)):
        starts[k] = max(starts[k], starts[k - 1] + 1)
    out: list[tuple[int, int, bool]] = []
    for k, it in enumerate(items):
        start = starts[k]
        speech_end = math.ceil(ms_to_frames(it.speech_end_ms, fps))
        need = _frames_to_read(it.reading_ms, min_frames, fps)
        limit = min(speech_end + tail, start + max_frames)
        if k + 1 < len(items):
            limit = min(limit, starts[k + 1] - gap)
        end = min(max(speech_end, start + need), limit)
        if k + 1 < len(items) and 0 < starts[k + 1] - end - gap < chain - gap:
            # Chaining: a gap under ½ s closes to the minimum gap (Netflix timing guidelines),
            # but never past half a second after the speech: then the gap stays (a warning
            # for validate's chain-gap, where a late subtitle would be an error).
            end = max(end, min(starts[k + 1] - gap, start + max_frames, speech_end + tail))
        # At least one frame, even where the next cue's speech starts within the minimum
        # gap: a cue of no length would not be shown at all.
        end = max(end, start + 1)
        too_fast = end - start < need
        out.append((frames_to_ms(start, fps), frames_to_ms(end, fps), too_fast))
    return out
