"""Clock times: int milliseconds to and from every clock format subtools reads or writes.

The one home for ms → ``HH:MM:SS,mmm`` (SRT), ``HH:MM:SS.mmm`` (WebVTT, messages) and
``H:MM:SS.cc`` (ASS), and for the time values people type on the command line. The
tolerant reading of timestamps inside subtitle files, with a finding for each oddity, is
the readers' job (``formats/base.py``); this module only formats and parses clean values.
"""

from __future__ import annotations

__all__ = ["format_ass_time", "format_clock", "format_srt_time", "format_vtt_time", "parse_time_ms"]

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


def parse_time_ms(value: str) -> int:
    """``12.5`` (seconds), ``1500ms``, ``00:01:02.500`` or ``1:02`` → int ms.

    >>> parse_time_ms("1:02.5"), parse_time_ms("1500ms"), parse_time_ms("2")
    (62500, 1500, 2000)

    Raises:
        ValueError: not a time, or outside 0 to 100 hours; the message says what was found
            and what is expected.
    """
    v = value.strip()
    try:
        if v.endswith("ms"):
            ms = float(v[:-2])
        elif ":" in v:
            total = 0.0
            for part in v.replace(",", ".").split(":"):
                total = total * 60 + float(part)
            ms = total * 1000
        else:
            ms = float(v.rstrip("s")) * 1000
    except ValueError:
        raise ValueError(f"found {value!r}, expected seconds (12.5), milliseconds (1500ms) or HH:MM:SS.mmm") from None
    if not 0 <= ms <= MAX_TIME_MS:
        raise ValueError(f"found {value!r}, expected a time from 0 to 100 hours")
    return round(ms)
