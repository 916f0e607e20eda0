"""Frames of an exact frame rate, and the profile limits counted in them.

Frame rates are exact fractions (29.97 is 30000/1001, never a float), so every gap is a
whole number of frames and every duration rule holds after rounding. The cue builder and
the validator take their frame limits from :class:`FrameLimits`, so ``convert`` output is
measured by the rule it was built with.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from subtools.profile import Profile

__all__ = ["FrameLimits", "frames_to_ms", "ms_to_frames", "parse_fps"]


def parse_fps(value: str | float) -> Fraction:
    """Exact frame rate: the NTSC rates 23.976, 29.97 and 59.94 become n×1000/1001.

    >>> parse_fps("29.97"), parse_fps(25)
    (Fraction(30000, 1001), Fraction(25, 1))

    Raises:
        ValueError: not a positive number.
    """
    f = Fraction(str(value))
    for base in (24, 30, 48, 60, 120):
        ntsc = Fraction(base * 1000, 1001)
        if abs(f - ntsc) < Fraction(1, 100):
            return ntsc
    if f <= 0:
        raise ValueError("fps must be positive")
    return f


def ms_to_frames(ms: float, fps: Fraction) -> Fraction:
    """Milliseconds as an exact (fractional) number of frames."""
    return Fraction(ms) * fps / 1000


def frames_to_ms(frames: int, fps: Fraction) -> int:
    """The millisecond of a frame boundary, rounded half up.

    >>> frames_to_ms(25, Fraction(30000, 1001))
    834
    """
    return math.floor(Fraction(frames) * 1000 / fps + Fraction(1, 2))


@dataclass(frozen=True, slots=True)
class FrameLimits:
    """A profile's duration and gap rules in whole frames of one frame rate."""

    fps: Fraction
    min_frames: int  # shortest cue: 5/6 s is 25 frames at 29.97, 20 at 24
    max_frames: int  # longest cue
    gap_frames: int  # least gap between two cues
    chain_frames: int  # a gap shorter than this is closed to ``gap_frames``

    @classmethod
    def of(cls, min_ms: float, max_ms: float, gap_frames: int, chain_ms: float, fps: Fraction) -> FrameLimits:
        """Limits from durations in ms: the shortest cue rounds up, the longest down."""
        return cls(
            fps=fps,
            min_frames=math.ceil(ms_to_frames(min_ms, fps)),
            max_frames=math.floor(ms_to_frames(max_ms, fps)),
            gap_frames=gap_frames,
            chain_frames=math.ceil(ms_to_frames(chain_ms, fps)),
        )

    @classmethod
    def from_profile(cls, profile: Profile, fps: Fraction) -> FrameLimits:
        """The limits of ``profile`` at ``fps``.

        >>> from subtools.profile import PROFILES
        >>> FrameLimits.from_profile(PROFILES["auto"], Fraction(24)).min_frames
        20
        """
        return cls.of(
            profile.min_duration_ms, profile.max_duration_ms, profile.min_gap_frames, profile.chain_gap_below_ms, fps
        )
