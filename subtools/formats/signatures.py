"""How the start of a file shows its subtitle format: each format module's ``sniff``.

They live here, not in the format modules (which re-export theirs as ``sniff``), so that
telling a file's format by its content imports no format module: ``subtools validate
episode.srt`` loads the SRT reader only, where sniffing through every module brought in
the cue model, html, json and xml first (issue 14's start-up). Each test looks at the
file's first characters, stripped of a BOM and leading blank lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from subtools.formats.base import SubtitleFormat
from subtools.startup.patterns import compile_pattern

__all__ = ["SBV_TIMING", "SNIFF", "ass", "ebu_tt_d", "json", "sami", "sbv", "srt", "ttml", "vtt"]


def vtt(head: str) -> bool:
    """A WebVTT file says so on its first line."""
    return head.startswith("WEBVTT")


def ass(head: str) -> bool:
    """An ASS/SSA file has a ``[Script Info]``, styles or ``[Events]`` section."""
    lowered = head.lower()
    return lowered.startswith("[script info]") or "\n[events]" in lowered or "[v4+ styles]" in lowered


def json(head: str) -> bool:
    """A JSON object whose keys include ``cues``, as subtools writes it, or Whisper's
    ``segments`` (its first key, ``"text"``, holds the whole transcript: the segments
    may start after the sniffed head, so a ``"text"`` first key is enough)."""
    if not head.startswith("{"):
        return False
    return (
        '"cues"' in head or '"segments"' in head or '"word_segments"' in head or head[1:].lstrip().startswith('"text"')
    )


def sami(head: str) -> bool:
    """A SAMI file opens with a ``<SAMI>`` tag (any case)."""
    return compile_pattern(r"(?:<!--.*?-->\s*)*<sami\b", re.I | re.S).match(head) is not None


def ttml(head: str) -> bool:
    """A TTML document's root element is ``tt`` (after an XML declaration and comments)."""
    return compile_pattern(r"(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:[\w-]+:)?tt\b", re.S).match(head) is not None


def ebu_tt_d(head: str) -> bool:
    """Never by content: an EBU-TT-D document is TTML, and the TTML module reads it."""
    return False


_SBV_STAMP = r"(\d{1,9}):(\d{1,3}):(\d{1,3})\.(\d{1,9})"
# An SBV timing line (the SBV reader's too): start and end, each H:MM:SS.mmm, a comma between.
SBV_TIMING = compile_pattern(rf"^[ \t]*{_SBV_STAMP}[ \t]*,[ \t]*{_SBV_STAMP}[ \t]*$")


def sbv(head: str) -> bool:
    """An SBV file starts with its first timing line (and has no ``-->``, unlike SRT)."""
    first = head.split("\n", 1)[0].strip()
    return "-->" not in head and SBV_TIMING.match(first) is not None


def srt(head: str) -> bool:
    """SRT has no header to recognise it by: it is what a file is when nothing else fits."""
    return False


SNIFF: dict[SubtitleFormat, Callable[[str], bool]] = {
    SubtitleFormat.VTT: vtt,
    SubtitleFormat.ASS: ass,
    SubtitleFormat.JSON: json,
    SubtitleFormat.SAMI: sami,
    SubtitleFormat.TTML: ttml,
    SubtitleFormat.EBU_TT_D: ebu_tt_d,
    SubtitleFormat.SBV: sbv,
    SubtitleFormat.SRT: srt,
}
