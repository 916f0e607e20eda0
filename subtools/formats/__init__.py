"""Subtitle formats: the enum, the registry, and lookup from a name or a path."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from subtools.errors import UnknownFormatError

__all__ = ["SubtitleFormat", "format_from_name", "format_from_path"]


class SubtitleFormat(StrEnum):
    SRT = "srt"
    ASS = "ass"
    VTT = "vtt"
    JSON = "json"


_EXTENSIONS = {".srt": SubtitleFormat.SRT, ".ass": SubtitleFormat.ASS, ".ssa": SubtitleFormat.ASS,
               ".vtt": SubtitleFormat.VTT, ".webvtt": SubtitleFormat.VTT, ".json": SubtitleFormat.JSON}  # fmt: skip


def format_from_name(name: str) -> SubtitleFormat:
    """Raises UnknownFormatError for a name that is not a format."""
    try:
        return SubtitleFormat(name.lower())
    except ValueError:
        known = ", ".join(f.value for f in SubtitleFormat)
        raise UnknownFormatError(f"unknown format (found {name!r}, expected one of {known})", "--to") from None


def format_from_path(path: str | Path) -> SubtitleFormat:
    """The format an output file's extension names.

    >>> format_from_path("report.vtt")
    <SubtitleFormat.VTT: 'vtt'>

    Raises:
        UnknownFormatError: an extension subtools does not write.
    """
    suffix = Path(path).suffix.lower()
    try:
        return _EXTENSIONS[suffix]
    except KeyError:
        known = ", ".join(sorted(_EXTENSIONS))
        raise UnknownFormatError(
            f"cannot tell the format from the extension (found {suffix or 'none'!r}, expected one of {known}); "
            "use --to",
            str(path),
        ) from None
