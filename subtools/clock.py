"""Clock times and frames: int milliseconds to and from every clock format subtools reads or
writes, and frames of an exact frame rate with the profile limits counted in them.

The one home for ms → ``HH:MM:SS,mmm`` (SRT), ``HH:MM:SS.mmm`` (WebVTT, messages) and
``H:MM:SS.cc`` (ASS), and for the time values people type on the command line. The
tolerant reading of timestamps inside subtitle files, with a finding for each oddity, is
the readers' job (``formats/base.py``); this module only formats and parses clean values.

Frame rates are exact fractions (29.97 is 30000/1001, never a float), so every gap is a
whole number of frames and every duration rule holds after rounding. The cue builder and
the validator take their frame limits from :class:`FrameLimits`, so ``convert`` output is
measured by the rule it was built with.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

from subtools.errors import ConfigError
from subtools.startup.patterns import compile_pattern
from subtools.startup.records import value_class

if TYPE_CHECKING:
    from subtools.profile import Profile

__all__ = [
    "TIME_FORMS",
    "FrameLimits",
    "format_ass_time",
    "format_clock",
    "format_sbv_time",
    "format_srt_time",
    "format_timecode",
    "format_vtt_time",
    "frames_to_ms",
    "frames_to_timecode",
    "ms_to_frames",
    "parse_fps",
    "parse_time_ms",
    "timecode_to_frames",
]

# 100 hours is past any broadcast; the bound also keeps inf and nan out.
MAX_TIME_MS = 360_000_000


def _fields(ms: int) -> tuple[int, int, int, int]:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, rest = divmod(rest, 1000)
    return h, m, s, rest


def format_srt_time(ms: int) -> str:
    """SRT's clock.

    >>> format_srt_time(3_723_004)
    '01:02:03,004'
    """
    h, m, s, rest = _fields(ms)
    return f"{h:02d}:{m:02d}:{s:02d},{rest:03d}"


def format_vtt_time(ms: int) -> str:
    """WebVTT's clock (always with hours, which every reader takes).

    >>> format_vtt_time(61_500)
    '00:01:01.500'
    """
    h, m, s, rest = _fields(ms)
    return f"{h:02d}:{m:02d}:{s:02d}.{rest:03d}"


def format_sbv_time(ms: int) -> str:
    """SBV's (YouTube) clock: hours without a leading zero.

    >>> format_sbv_time(3_723_004)
    '1:02:03.004'
    """
    h, m, s, rest = _fields(ms)
    return f"{h}:{m:02d}:{s:02d}.{rest:03d}"


def format_ass_time(ms: int) -> str:
    """ASS's clock in centiseconds (truncated: ASS cannot hold the last digit).

    >>> format_ass_time(3_723_456)
    '1:02:03.45'
    """
    h, m, s, rest = _fields(ms - ms % 10)
    return f"{h:d}:{m:02d}:{s:02d}.{rest // 10:02d}"


def format_clock(ms: int) -> str:
    """A time in a message, signed when negative.

    >>> format_clock(-1500)
    '-00:00:01.500'
    """
    return ("-" if ms < 0 else "") + format_vtt_time(abs(ms))


# Every form parse_time_ms takes, for its error message (and the README's table).
TIME_FORMS = (
    "seconds (12.5), milliseconds (1500ms), HH:MM:SS.mmm, HH:MM:SS,mmm, "
    "SMPTE HH:MM:SS:FF (frames at --fps) or drop-frame HH:MM:SS;FF (29.97 or 59.94)"
)
_SECONDS = compile_pattern(r"(\d+(?:\.\d+)?)s?")
_MILLISECONDS = compile_pattern(r"(\d+(?:\.\d+)?)ms")
# [[H:]M:]S with an optional fraction after '.' or ',' (SRT's comma is what editors paste).
_CLOCK = compile_pattern(r"(?:(?:(\d+):)?(\d{1,2}):)?(\d{1,2})(?:[.,](\d+))?")
_TIMECODE = compile_pattern(r"(\d{1,3}):(\d{2}):(\d{2})([:;])(\d{2})")
_NTSC = Fraction(1000, 1001)


def _usage(value: str, source: str, why: str | None = None) -> ConfigError:
    expected = f"found {value!r}, expected a time from 0 to 100 hours: {TIME_FORMS}"
    return ConfigError(f"{why} ({expected})" if why else expected, source)


def timecode_base(fps: Fraction, drop: bool) -> tuple[int, int]:
    """(frames counted per timecode second, frame numbers dropped each minute) at ``fps``.

    SMPTE counts whole frames at the nominal rate (30 for 29.97); drop-frame skips frame
    numbers 0 and 1 (0 to 3 at 59.94) each minute but every tenth, to keep to the clock.

    Raises:
        ConfigError: drop-frame at a rate other than 29.97 or 59.94.
    """
    nominal = math.ceil(fps)
    if not drop:
        return nominal, 0
    if fps / _NTSC not in (30, 60):
        raise ConfigError(f"drop-frame timecode needs 29.97 or 59.94 fps (found {float(fps):g})", "--fps")
    return nominal, nominal // 15


def timecode_to_frames(h: int, m: int, s: int, f: int, fps: Fraction, drop: bool = False) -> int:
    """The frame number of a SMPTE timecode (``;`` drop-frame when ``drop``).

    >>> timecode_to_frames(0, 10, 0, 0, Fraction(30000, 1001), drop=True)
    17982

    Raises:
        ConfigError: a field out of range, or a frame number drop-frame skips.
    """
    nominal, dropped = timecode_base(fps, drop)
    if m > 59 or s > 59 or f >= nominal:
        raise ConfigError(f"timecode out of range: minutes and seconds go to 59, frames to {nominal - 1}", "")
    minutes = 60 * h + m
    if dropped and s == 0 and f < dropped and m % 10:
        raise ConfigError(f"drop-frame skips frames 0 to {dropped - 1} of minute {m}", "")
    return (3600 * h + 60 * m + s) * nominal + f - dropped * (minutes - minutes // 10)


def frames_to_timecode(frames: int, fps: Fraction, drop: bool = False) -> str:
    """The SMPTE timecode of a frame number: ``HH:MM:SS:FF``, or ``HH:MM:SS;FF`` drop-frame.

    >>> frames_to_timecode(17982, Fraction(30000, 1001), drop=True)
    '00:10:00;00'
    """
    nominal, dropped = timecode_base(fps, drop)
    if dropped:
        per_minute = nominal * 60 - dropped
        per_ten = per_minute * 10 + dropped
        tens, rest = divmod(frames, per_ten)
        later = max(0, (rest - dropped) // per_minute)
        frames += dropped * (9 * tens + later)
    total_s, f = divmod(frames, nominal)
    h, rest_s = divmod(total_s, 3600)
    m, s = divmod(rest_s, 60)
    return f"{h:02d}:{m:02d}:{s:02d}{';' if dropped else ':'}{f:02d}"


def format_timecode(ms: int, fps: Fraction, drop: bool = False) -> str:
    """The SMPTE timecode of the frame nearest ``ms``.

    >>> format_timecode(3_600_000, Fraction(30000, 1001), drop=True)
    '01:00:00;00'
    """
    return frames_to_timecode(round(Fraction(ms) * fps / 1000), fps, drop)


def parse_time_ms(value: str, fps: Fraction = Fraction(30000, 1001), source: str = "time") -> int:
    """A time value as people type it → int ms: seconds, ``1500ms``, ``HH:MM:SS.mmm``,
    ``HH:MM:SS,mmm`` (also ``M:SS``), SMPTE ``HH:MM:SS:FF`` or drop-frame ``HH:MM:SS;FF``.

    >>> parse_time_ms("1:02.5"), parse_time_ms("1500ms"), parse_time_ms("2"), parse_time_ms("00:00:01,250")
    (62500, 1500, 2000, 1250)
    >>> parse_time_ms("01:00:00:00", Fraction(25)), parse_time_ms("01:00:00;00")
    (3600000, 3599996)

    Raises:
        ConfigError: not one of those forms, or outside 0 to 100 hours; the message says
            what was found and lists the forms accepted (a usage error, exit 2).
    """
    v = value.strip()
    ms: Fraction
    if match := _MILLISECONDS.fullmatch(v):
        ms = Fraction(match[1])
    elif match := _SECONDS.fullmatch(v):
        ms = Fraction(match[1]) * 1000
    elif match := _TIMECODE.fullmatch(v):
        h, m, s, f = (int(match[i]) for i in (1, 2, 3, 5))
        try:
            frames = timecode_to_frames(h, m, s, f, fps, drop=match[4] == ";")
        except ConfigError as err:
            if err.source == "--fps":  # the rate is wrong, not the form: one (found …) clause, the rate's
                raise ConfigError(f"{value!r}: {err.message}", source) from None
            raise _usage(value, source, err.message) from None
        ms = Fraction(frames) * 1000 / fps
    elif match := _CLOCK.fullmatch(v):
        h, m, s = (int(match[i] or 0) for i in (1, 2, 3))
        if (match[2] is not None and s > 59) or (match[1] is not None and m > 59):
            raise _usage(value, source, "minutes and seconds go up to 59")
        ms = Fraction((3600 * h + 60 * m + s) * 1000) + Fraction(f"0.{match[4] or 0}") * 1000
    else:
        raise _usage(value, source)
    if ms > MAX_TIME_MS:
        raise _usage(value, source)
    return math.floor(ms + Fraction(1, 2))


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


@value_class
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
