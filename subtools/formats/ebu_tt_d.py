"""EBU-TT-D (EBU Tech 3380), the TTML profile BBC iPlayer, ARD/ZDF and HbbTV take for delivery:
written here (``--to ebu-tt-d``), read as the TTML it is (:mod:`subtools.formats.ttml`).

What the profile requires is in every document: ``ttp:timeBase="media"``, ``hh:mm:ss.mmm``
times, ``ebuttm:documentMetadata``, regions in %, ``xml:lang``, text in ``<span>`` elements;
speakers are role-coloured spans (EBU-TT-D has no ``ttm:agent``).
"""

from __future__ import annotations

from subtools.findings import Change
from subtools.formats import ttml
from subtools.formats.base import DEFAULT_WRITE, EXTENSIONS_OF, SubtitleFile, SubtitleFormat, WriteOptions
from subtools.formats.signatures import ebu_tt_d as sniff
from subtools.model import CueTrack

__all__ = ["BLOCKS", "EXTENSIONS", "ORDERED", "TICK_MS", "read", "rewrite", "sniff", "visible_lines", "write"]

EXTENSIONS: tuple[str, ...] = EXTENSIONS_OF[SubtitleFormat.EBU_TT_D]
BLOCKS: bool = False  # a cue is one <p> element
ORDERED: bool = ttml.ORDERED
TICK_MS: int = ttml.TICK_MS


def read(text: str, source: str = "<string>", encoding: str = "utf-8") -> SubtitleFile:
    """The document read as TTML (its format is TTML)."""
    return ttml.read(text, source, encoding)


def write(track: CueTrack, options: WriteOptions = DEFAULT_WRITE) -> str:
    """EBU-TT-D of ``track``."""
    return ttml.write_document(track, ebu=True, options=options)


def visible_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """As in TTML."""
    return ttml.visible_lines(lines)


def rewrite(
    sub: SubtitleFile, lines: list[str], order: list[int], ends: dict[int, int]
) -> tuple[list[str], list[Change]]:
    """As in TTML: reported, not retimed."""
    return ttml.rewrite(sub, lines, order, ends)
