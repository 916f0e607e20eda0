"""An independent broadcast-QC check of produced subtitle files.

It reads files back with ``srt`` and ``pysubs2`` (not with subtools) and measures
with its own width rule, so a bug in subtools' own measuring cannot hide itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pysubs2
import srt

FPS = 30000 / 1001


@dataclass(frozen=True)
class ReadCue:
    index: int
    start_ms: int
    end_ms: int
    lines: list[str]


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def width(line: str, korean: bool) -> float:
    """Netflix: Korean lines count Hangul as 1 and everything else as 0.5."""
    return sum(1.0 if _is_wide(ch) else 0.5 for ch in line) if korean else float(len(line))


def is_korean(text: str) -> bool:
    hangul = sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return hangul > 0 and 2 * hangul >= latin


_TAG = re.compile(r"\{\\[^}]*\}|</?v[^>]*>")


def read_srt(text: str) -> list[ReadCue]:
    out = []
    for sub in srt.parse(text):
        lines = [_TAG.sub("", ln) for ln in sub.content.split("\n")]
        out.append(
            ReadCue(sub.index, round(sub.start.total_seconds() * 1000), round(sub.end.total_seconds() * 1000), lines)
        )
    return out


def read_pysubs2(text: str, fmt: str) -> list[ReadCue]:
    subs = pysubs2.SSAFile.from_string(text, format_=fmt)
    return [ReadCue(i, ev.start, ev.end, ev.plaintext.split("\n")) for i, ev in enumerate(subs, start=1)]


def violations(cues: list[ReadCue], *, max_chars: int = 42, max_cps: float = 20.0) -> list[str]:
    """Every broken rule, as readable strings (empty when the file passes QC)."""
    bad: list[str] = []
    for k, cue in enumerate(cues):
        text = " ".join(cue.lines)
        korean = is_korean(text)
        limit, cps_limit = (16.0, 12.0) if korean else (float(max_chars), max_cps)
        dur = cue.end_ms - cue.start_ms
        if cue.index != k + 1:
            bad.append(f"cue {k + 1}: index {cue.index}")
        if len(cue.lines) > 2:
            bad.append(f"cue {cue.index}: {len(cue.lines)} lines")
        for line in cue.lines:
            if width(line, korean) > limit:
                bad.append(f"cue {cue.index}: line {line!r} is {width(line, korean)} wide")
        if not 833 <= dur <= 7000:
            bad.append(f"cue {cue.index}: lasts {dur} ms")
        cps = width(text, korean) / (dur / 1000)
        if cps > cps_limit:
            bad.append(f"cue {cue.index}: {cps:.2f} cps")
        if k + 1 < len(cues):
            gap = cues[k + 1].start_ms - cue.end_ms
            frames = round(gap * FPS / 1000)
            if gap < 0:
                bad.append(f"cue {cue.index}: overlaps the next by {-gap} ms")
            elif frames < 2:
                bad.append(f"cue {cue.index}: gap of {gap} ms ({frames} frames)")
            elif gap < 500 and frames != 2:
                bad.append(f"cue {cue.index}: gap of {gap} ms not chained to 2 frames")
    return bad


def words(text: str) -> list[str]:
    """Words compared case-blind without punctuation (quotes, ellipses, commas)."""
    out = []
    for token in text.split():
        w = re.sub(r"[^\w'’-]+", "", token.replace("’", "'")).strip("'-").casefold()
        if w:
            out.append(w)
    return out
