"""Subtitle formats: one module each, one registry, lookup by name, path or content.

Every module under ``formats/`` has the same parts (:class:`~subtools.formats.base.FormatModule`):
``EXTENSIONS``, ``ORDERED``, ``sniff``, ``read``, ``write``, ``rewrite`` and ``visible_lines``.
Adding a format is one module, one line in :data:`_MODULES`, its extensions in
:data:`~subtools.formats.base.EXTENSIONS_OF` and its ``sniff`` in
:data:`~subtools.formats.signatures.SNIFF` (so that sniffing imports no format module).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING, cast

from subtools.errors import ParseError, UnknownFormatError
from subtools.formats.base import (
    EXTENSIONS_OF,
    FormatModule,
    SubtitleFile,
    SubtitleFormat,
    WriteOptions,
    name_unsupported_binary,
    name_unsupported_extension,
    name_unsupported_text,
)
from subtools.formats.signatures import SNIFF
from subtools.textio import decode_text, path_suffix, read_file

if TYPE_CHECKING:
    from pathlib import Path

    from subtools.formats import ass, ebu_tt_d, json, sami, sbv, srt, ttml, vtt
    from subtools.model import CueTrack

    # mypy checks that every format module has the parts of a FormatModule.
    _CHECKED: tuple[FormatModule, ...] = (ass, ebu_tt_d, json, sami, sbv, srt, ttml, vtt)

__all__ = [
    "FORMATS",
    "SubtitleFormat",
    "WriteOptions",
    "decode_subtitles",
    "format_from_content",
    "format_from_name",
    "format_from_path",
    "parse_subtitles",
    "read_subtitles",
    "subtitle_format_of",
    "visible_lines",
    "write_track",
]

# Each format's module, in sniffing order: formats that announce themselves first, SRT (no
# signature) last.
_MODULES: dict[SubtitleFormat, str] = {
    SubtitleFormat.VTT: "vtt",
    SubtitleFormat.ASS: "ass",
    SubtitleFormat.JSON: "json",
    SubtitleFormat.SAMI: "sami",
    SubtitleFormat.TTML: "ttml",
    SubtitleFormat.EBU_TT_D: "ebu_tt_d",
    SubtitleFormat.SBV: "sbv",
    SubtitleFormat.SRT: "srt",
}


class _Registry(Mapping[SubtitleFormat, FormatModule]):
    """The format modules by format, each imported the first time it is looked up: a run
    that writes SRT loads neither the XML nor the ASS module (issue 14's start-up)."""

    def __init__(self) -> None:
        self._loaded: dict[SubtitleFormat, FormatModule] = {}

    def __getitem__(self, fmt: SubtitleFormat) -> FormatModule:
        module = self._loaded.get(fmt)
        if module is None:
            module = self._loaded[fmt] = cast(FormatModule, import_module(f"subtools.formats.{_MODULES[fmt]}"))
        return module

    def __iter__(self) -> Iterator[SubtitleFormat]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATS: Mapping[SubtitleFormat, FormatModule] = _Registry()


def format_from_name(name: str) -> SubtitleFormat:
    """The format called ``name`` (``srt``, ``VTT``…).

    Raises:
        UnknownFormatError: a name that is not a format.
    """
    try:
        return SubtitleFormat(name.lower())
    except ValueError:
        known = ", ".join(f.value for f in SubtitleFormat)
        raise UnknownFormatError(f"unknown format (found {name!r}, expected one of {known})", "--to") from None


def _by_extension(path: str | Path) -> SubtitleFormat | None:
    suffix = path_suffix(path).lower()
    return next((fmt for fmt in _MODULES if suffix in EXTENSIONS_OF[fmt]), None)


def format_from_path(path: str | Path) -> SubtitleFormat:
    """The format a file's extension names.

    >>> format_from_path("report.vtt")
    <SubtitleFormat.VTT: 'vtt'>

    Raises:
        UnknownFormatError: an extension subtools does not know.
    """
    fmt = _by_extension(path)
    if fmt is None:
        suffix = path_suffix(path).lower()
        known = ", ".join(sorted(ext for extensions in EXTENSIONS_OF.values() for ext in extensions))
        raise UnknownFormatError(
            f"cannot tell the format from the extension (found {suffix or 'none'!r}, expected one of {known}); "
            "use --to",
            str(path),
        )
    return fmt


def format_from_content(text: str, source: str = "") -> SubtitleFormat:
    """The format of a subtitle file: by what its start says, then by extension, else SRT.

    >>> format_from_content("WEBVTT\\n\\n00:01.000 --> 00:02.000\\nHi\\n")
    <SubtitleFormat.VTT: 'vtt'>
    """
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    by_content = next((fmt for fmt in _MODULES if SNIFF[fmt](head)), None)
    return by_content or _by_extension(source) or SubtitleFormat.SRT


def subtitle_format_of(source: str, head: str) -> SubtitleFormat | None:
    """The subtitle format a file is in by its name, or None for anything else (a transcript:
    ``.txt`` or no extension). A ``.json`` counts only when ``head`` (its first characters)
    opens as subtools' cues or Whisper's segments: other JSON is left to whoever reads it.

    >>> subtitle_format_of("a.vtt", ""), subtitle_format_of("a.txt", ""), subtitle_format_of("a.json", "{}")
    (<SubtitleFormat.VTT: 'vtt'>, None, None)
    """
    fmt = _by_extension(source)
    if fmt is SubtitleFormat.JSON and not SNIFF[fmt](head.lstrip("\ufeff \t\r\n")):
        return None
    return fmt


def parse_subtitles(
    text: str, source: str = "<string>", fmt: SubtitleFormat | None = None, encoding: str = "utf-8"
) -> SubtitleFile:
    """Read subtitle text (any line endings) into a :class:`SubtitleFile`.

    Never raises on content: what cannot be read is a ``parse-error`` or
    ``bad-timestamp`` finding, and reading goes on with the next cue.
    """
    if fmt is None:
        fmt = format_from_content(text, source)
        if fmt is SubtitleFormat.SRT and _by_extension(source) is None:
            head = text.lstrip("\ufeff \t\r\n")[:2000]
            _refuse_unsupported(
                name_unsupported_text(head) or name_unsupported_extension(path_suffix(source).lower()), source
            )
    return FORMATS[fmt].read(text, source, encoding)


_READ = "SRT, WebVTT, ASS/SSA, SBV, SAMI, TTML, subtools JSON"


def _refuse_unsupported(name: str | None, source: str) -> None:
    # A file in a format we do not read is named, not misread as SRT (pysubs2's SAMI, TTML,
    # MicroDVD, MPL2 and TMP files and webvtt-py's SBV ones in the peer files).
    if name is not None:
        raise ParseError(f"unsupported subtitle format (found {name}, expected one of {_READ})", source)


def read_subtitles(path: str | Path, fmt: SubtitleFormat | None = None, encoding: str | None = None) -> SubtitleFile:
    """Read and decode a subtitle file: ``encoding`` when given, else UTF-8 ± BOM, UTF-16 or
    UTF-32 with a BOM, CP949/EUC-KR, or a detected legacy encoding (``textio.decode_text``).

    Raises:
        ParseError: the file cannot be read or decoded at all (missing, binary, empty), or
            it is in a format subtools does not read (named in the message).
    """
    return decode_subtitles(read_file(path), str(path), fmt, encoding)


def decode_subtitles(
    data: bytes, source: str = "<bytes>", fmt: SubtitleFormat | None = None, encoding: str | None = None
) -> SubtitleFile:
    """:func:`read_subtitles` of bytes already read (a batch job's input).

    Raises:
        ParseError: as :func:`read_subtitles`.
    """
    try:
        text, used = decode_text(data, source, encoding)
    except ParseError:
        if fmt is None:
            _refuse_unsupported(name_unsupported_binary(data[:16]), source)
        raise
    return parse_subtitles(text, source, fmt, used)


def visible_lines(lines: tuple[str, ...], fmt: SubtitleFormat) -> tuple[str, ...]:
    """The text a viewer sees of a cue's raw lines in ``fmt``.

    >>> visible_lines(("<i>Hi</i> {\\\\an8}there ",), SubtitleFormat.SRT)
    ('Hi there',)
    """
    return FORMATS[fmt].visible_lines(lines)


def write_track(track: CueTrack, fmt: SubtitleFormat, options: WriteOptions | None = None) -> str:
    """The text of ``track`` in ``fmt``.

    Raises:
        ExportError: a cue the format cannot hold (never clamped or dropped silently).
    """
    return FORMATS[fmt].write(track, options or WriteOptions())
