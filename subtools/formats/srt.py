"""SRT output, written with the ``srt`` library (the only module that imports it)."""

from __future__ import annotations

from datetime import timedelta

import srt

from subtools.errors import ExportError
from subtools.model import Cue

__all__ = ["write"]

_MAX_MS = ((99 * 60 + 59) * 60 + 59) * 1000 + 999  # 99:59:59,999


def _content(cue: Cue, labels: bool) -> str:
    lines = list(cue.lines)
    if labels and cue.label:
        lines[0] = f"{cue.label}: {lines[0]}"
    text = "\n".join(lines)
    if cue.top:
        # {\an8} is the de-facto SRT way to place a cue at the top (libass, VLC, mpv).
        text = "{\\an8}" + text
    return text


def write(cues: tuple[Cue, ...], *, labels: bool = False) -> str:
    """SRT text: indices from 1, ``,`` milliseconds, LF line ends.

    ``srt.compose`` is called with ``reindex=False``: its default sorts by time and
    silently drops empty or inverted cues (library-notes §2), and a writer here never
    reorders or drops a cue: it raises instead.

    Raises:
        ExportError: a cue that SRT cannot hold (past 99:59:59,999, or out of order).
    """
    subs = []
    previous_start = -1
    for index, cue in enumerate(cues, start=1):
        if cue.end_ms > _MAX_MS:
            raise ExportError(f"cue {index} ends after 99:59:59,999 (found {cue.end_ms} ms)", "<srt>")
        if cue.start_ms < previous_start:
            raise ExportError(f"cue {index} starts before cue {index - 1} (found {cue.start_ms} ms)", "<srt>")
        previous_start = cue.start_ms
        subs.append(
            srt.Subtitle(
                index=index,
                start=timedelta(milliseconds=cue.start_ms),
                end=timedelta(milliseconds=cue.end_ms),
                content=_content(cue, labels),
            )
        )
    text: str = srt.compose(subs, reindex=False, strict=True)
    return text
