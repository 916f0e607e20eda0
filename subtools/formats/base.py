"""What every subtitle format shares: the entries a reader makes, the file they belong to,
tolerant timestamp reading, write options, and the block rewriter of SRT and WebVTT.

We read subtitle files ourselves rather than with ``srt`` or ``pysubs2``: ``srt.parse``
reports character offsets, not lines, stops at the first error and adds a 4-digit
fraction to the seconds; pysubs2 never reports an error, turns ``{...}`` in SRT text into
tags and deletes it, drops a cue's last line when it is a number and ignores a third hour
digit (``tests/test_validate.py`` holds a case of each). A validator has to say what a file
holds, so anything that cannot be read becomes a finding at its line and reading goes on
with the next cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import field
from enum import StrEnum
from itertools import count, repeat
from operator import sub
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar, overload

from subtools.findings import Change, Finding, Severity
from subtools.startup.patterns import compile_pattern
from subtools.startup.records import value_class

if TYPE_CHECKING:
    from subtools.model import Cue, CueTrack

_Row = TypeVar("_Row")

__all__ = [
    "DEFAULT_WRITE",
    "EXTENSIONS_OF",
    "SUBTITLE_EXTENSIONS",
    "Entry",
    "FileWord",
    "FormatModule",
    "Reader",
    "RowTable",
    "SubtitleFile",
    "SubtitleFormat",
    "WriteOptions",
    "is_timing",
    "name_unsupported_binary",
    "name_unsupported_extension",
    "name_unsupported_text",
    "read_times",
    "rewrite_blocks",
    "source_lines",
    "split_layout",
]


FileWord = tuple[str, int | None, int | None]


class SubtitleFormat(StrEnum):
    SRT = "srt"
    ASS = "ass"
    VTT = "vtt"
    JSON = "json"
    SBV = "sbv"
    SAMI = "sami"
    TTML = "ttml"
    EBU_TT_D = "ebu-tt-d"


# Each format's file extensions (lower case, with the dot; the first is the one written), here
# beside the names rather than in the format modules, so that telling a format by a file's name
# imports no format module (``subtools convert report.txt -o report.srt`` loads the SRT one only).
# Each module's ``EXTENSIONS`` is its entry.
EXTENSIONS_OF: dict[SubtitleFormat, tuple[str, ...]] = {
    SubtitleFormat.SRT: (".srt",),
    SubtitleFormat.ASS: (".ass", ".ssa"),
    SubtitleFormat.VTT: (".vtt", ".webvtt"),
    SubtitleFormat.JSON: (".json",),
    SubtitleFormat.SBV: (".sbv",),
    SubtitleFormat.SAMI: (".smi", ".sami"),
    SubtitleFormat.TTML: (".ttml", ".dfxp"),
    SubtitleFormat.EBU_TT_D: (".xml",),  # EBU-TT-D files are delivered as .xml
}
# Every name ending subtools reads as a subtitle file (validate DIR, reflow DIR).
SUBTITLE_EXTENSIONS = frozenset(ext for exts in EXTENSIONS_OF.values() for ext in exts)


@value_class
class WriteOptions:
    """How a writer writes, as opposed to which cues it writes (``CueOptions``).

    Attributes:
        bom: start text output with a UTF-8 byte-order mark, for players that need one to
            detect UTF-8; off by default (BBC: UTF-8, no BOM). JSON never has one (RFC 8259).
        encoding: the encoding the text will be saved in (``convert --output-encoding``), for
            formats that declare it (SAMI's charset ``<META>``); the caller encodes.
    """

    bom: bool = False
    encoding: str = "utf-8"

    @property
    def prefix(self) -> str:
        return "\ufeff" if self.bom else ""


DEFAULT_WRITE = WriteOptions()


class Entry(NamedTuple):
    """One cue as the file holds it (a NamedTuple: 100,000 of these must be cheap).

    ``text`` is the raw text, markup included, lines joined by newlines (ASS ``\\N``
    breaks become newlines too); ``region`` says where on screen
    the cue goes (``bottom``, ``top``, ``middle``, or a unique key for positioned ASS
    events) so overlap is checked only between cues that can collide.
    """

    number: int  # 1-based position among the cues of the file
    line: int  # first line of the cue (SRT number or VTT id, else the timing line)
    timing_line: int  # the line with the times (for ASS, the Dialogue line)
    start_ms: int
    end_ms: int
    text: str
    region: str
    ident: str | None  # SRT cue number or VTT cue id as written (None when absent)
    settings: str  # SRT coordinates or VTT cue settings after the end time; ASS: ""
    speaker: str | None  # VTT <v Name>, ASS Name field
    style: str | None  # ASS style name

    @property
    def lines(self) -> tuple[str, ...]:
        """The raw text lines (none for an empty cue)."""
        return tuple(self.text.split("\n")) if self.text else ()


class EntryColumns(NamedTuple):
    """The fields of a file's entries as lists, where a reader made them that way (the SRT
    reader's column-wise path, for cues numbered by their place, with no settings, speaker
    or style): the validator takes its columns from here instead of out of 100,000 entries
    field by field (35 ms of a delivery file), and :class:`EntryTable` makes the entries."""

    start_ms: list[int]
    end_ms: list[int]
    text: list[str]
    region: list[str]
    newlines: list[int]  # text.count("\n") of each entry
    timing_line: list[int]  # the timing line (findings point at it); the cue number's is the one before
    ident: list[str]


_NEW = tuple.__new__  # Entry(...) goes through a Python-level __new__: 3x slower on 100,000 cues


def entries_of(columns: EntryColumns, first: int = 1) -> list[Entry]:
    """The entries of ``columns``, numbered from ``first``, made at C speed."""
    return list(
        map(
            _NEW,
            repeat(Entry),
            zip(
                count(first),
                map(sub, columns.timing_line, repeat(1)),
                columns.timing_line,
                columns.start_ms,
                columns.end_ms,
                columns.text,
                columns.region,
                columns.ident,
                repeat(""),
                repeat(None),
                repeat(None),
            ),
        )
    )


class RowTable(Sequence[_Row]):
    """A sequence kept as columns that stands for the tuple of its rows (:meth:`rows`, made
    once by the subclass): walked, compared, hashed and shown as that tuple, so a caller
    that had a tuple before sees no difference (``EntryTable``, ``FindingTable``)."""

    __slots__ = ()

    def rows(self) -> tuple[_Row, ...]:
        raise NotImplementedError

    def __iter__(self) -> Iterator[_Row]:
        return iter(self.rows())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RowTable | tuple):
            return self.rows() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.rows())

    def __repr__(self) -> str:
        return repr(self.rows())


class EntryTable(RowTable[Entry]):
    """A file's entries kept as :class:`EntryColumns`, each Entry made when it is asked for
    (all of them the first time the sequence is walked). ``subtools validate`` reads a big
    SRT file's columns and looks at the few entries its rules report: making all 100,000
    entries, and freeing them, was a tenth of its time. Equal to the tuple of its entries."""

    __slots__ = ("_made", "columns")

    def __init__(self, columns: EntryColumns) -> None:
        self.columns = columns
        self._made: tuple[Entry, ...] | None = None

    def entries(self) -> tuple[Entry, ...]:
        """All the entries (made once)."""
        if self._made is None:
            self._made = tuple(entries_of(self.columns))
        return self._made

    rows = entries

    def __len__(self) -> int:
        return len(self.columns.timing_line)

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Entry, ...]: ...
    def __getitem__(self, index: int | slice) -> Entry | tuple[Entry, ...]:
        if self._made is not None or isinstance(index, slice):
            return self.entries()[index]
        c = self.columns
        timing_line = c.timing_line[index]  # IndexError as a tuple raises it
        k = index if index >= 0 else index + len(c.timing_line)
        # tuple.__new__: the NamedTuple's own __new__ is Python code, twice as slow (80,000 of
        # these on an ASR file, for its findings).
        return _NEW(Entry, (k + 1, timing_line - 1, timing_line, c.start_ms[k], c.end_ms[k], c.text[k], c.region[k],
                            c.ident[k], "", None, None))  # fmt: skip

    def __reduce__(self) -> tuple[object, ...]:
        return (tuple, (self.entries(),))  # pickled as the tuple it stands for


@value_class
class SubtitleFile:
    """A subtitle file read into entries, with the problems found while reading.

    ``unreadable`` counts blocks that could not become cues (each has a finding), so a
    caller knows that rewriting the file from ``entries`` would lose them.
    """

    source: str
    format: SubtitleFormat
    encoding: str
    entries: Sequence[Entry]
    findings: tuple[Finding, ...]
    unreadable: int = 0
    newline: str = "\n"
    mixed_newlines: bool = False
    styles: frozenset[str] = frozenset()
    info: dict[str, str] = field(default_factory=dict)
    # Each entry's words with their own times, where the file has a word list (Whisper
    # JSON): (text, start_ms, end_ms), a time None where the file gives none. Empty when
    # the format has no word list; karaoke tags stay in the entry's text instead.
    words: tuple[tuple[FileWord, ...], ...] = ()
    # The same entries as columns, when the reader made them (None: take them from ``entries``).
    columns: EntryColumns | None = field(default=None, compare=False, repr=False)

    @property
    def cues(self) -> tuple[Cue, ...]:
        """The entries as the project's cue model: visible text, speaker, file lines."""
        from subtools.formats import FORMATS
        from subtools.model import Cue

        module = FORMATS[self.format]
        blocks = module.BLOCKS
        return tuple(
            Cue(
                start_ms=e.start_ms,
                end_ms=e.end_ms,
                lines=module.visible_lines(e.lines),
                speaker=e.speaker,
                line=e.line,
                end_line=e.timing_line + len(e.lines) if blocks else e.line,
                top=e.region == "top" or e.region.startswith(("sign:top", "sign:title", "sign:headline")),
                lang=self._lang(e),
            )
            for e in self.entries
        )

    def _lang(self, e: Entry) -> str:
        """A cue's language: its SAMI class's ``lang`` (``ko-KR`` is ``ko``), else English."""
        if self.format is not SubtitleFormat.SAMI or e.style is None:
            return "en"
        tag = self.info.get(f"class:{e.style}", "")
        if tag:
            return tag.split("-")[0].lower()
        return "ko" if e.style.startswith("KR") else "en"


# ---------------------------------------------------------------------------------------
# Timestamps

# A tolerant timestamp: any digit counts, ':' or '.' or ',' before the fraction, full-width
# forms normalised beforehand. What is not standard is then reported, not refused.
# Fields of at most 9 digits: a longer one is no time (and int() refuses 4,300 digits;
# tests/formats/test_new_formats_fuzz.py).
TIMESTAMP = r"(-?)(?:(\d{1,9}):)?(\d{1,9}):(\d{1,9})(?:([,.:])(\d{0,9}))?(?!\d)"
TIMING = compile_pattern(rf"^\s*{TIMESTAMP}\s*(-+>|=+>|→)\s*{TIMESTAMP}(.*)$")
FULLWIDTH = str.maketrans("：，．０１２３４５６７８９", ":,.0123456789")


class Stamp(NamedTuple):
    ms: int | None  # None: unreadable
    error: str | None  # why it is a bad timestamp (error)
    warning: str | None  # why it is non-standard (warning)


def read_stamp(groups: tuple[str | None, ...], fmt: SubtitleFormat, raw: str) -> Stamp:
    sign, hours, minutes, seconds, sep, frac = groups
    h = int(hours) if hours is not None else 0
    m, s = int(minutes or 0), int(seconds or 0)
    if sign:
        return Stamp(None, f"negative time (found {raw!r}, expected 0 or later)", None)
    if m > 59 or s > 59:
        return Stamp(None, f"minutes or seconds over 59 (found {raw!r})", None)
    digits = 2 if fmt is SubtitleFormat.ASS else 3
    frac = frac or ""
    # A decimal fraction of a second: ",5" is 500 ms, ",1234" is 123 ms.
    ms = ((h * 60 + m) * 60 + s) * 1000 + (int((frac + "00")[:3]) if frac else 0)
    expected = {
        SubtitleFormat.SRT: "HH:MM:SS,mmm",
        SubtitleFormat.VTT: "HH:MM:SS.mmm",
        SubtitleFormat.ASS: "H:MM:SS.cc",
    }
    if len(frac) != digits:
        # srt reads ",5" as 5 ms and ",1234" as +1.234 s, pysubs2 as 500 ms and 123 ms:
        # players disagree, so the time is ambiguous. We read it as a decimal fraction.
        return Stamp(
            ms,
            f"{len(frac)}-digit fraction is read differently by players (found {raw!r}, expected {expected[fmt]})",
            None,
        )
    std_sep = {SubtitleFormat.SRT: ",", SubtitleFormat.VTT: ".", SubtitleFormat.ASS: "."}[fmt]
    if sep != std_sep:
        if fmt is SubtitleFormat.VTT:
            # Browsers drop a WebVTT cue whose time uses a comma.
            return Stamp(ms, f"WebVTT needs '.' before the milliseconds (found {raw!r})", None)
        return Stamp(ms, None, f"non-standard separator (found {raw!r}, expected {expected[fmt]})")
    if fmt is SubtitleFormat.SRT and (
        hours is None or len(hours) < 2 or len(minutes or "") != 2 or len(seconds or "") != 2
    ):
        return Stamp(ms, None, f"non-standard field widths (found {raw!r}, expected HH:MM:SS,mmm)")
    return Stamp(ms, None, None)


def timestamp_text(groups: tuple[str | None, ...]) -> str:
    sign, hours, minutes, seconds, sep, frac = groups
    out = f"{sign}{hours + ':' if hours is not None else ''}{minutes}:{seconds}"
    return out + (f"{sep}{frac}" if sep else "")


class Reader:
    """Shared state of one file's reading: entries, findings and the region rules."""

    def __init__(self, fmt: SubtitleFormat) -> None:
        self.fmt = fmt
        self.entries: list[Entry] = []
        self.findings: list[Finding] = []
        self.unreadable = 0

    def finding(self, rule: str, line: int | None, message: str, severity: Severity = Severity.ERROR) -> None:
        cue = len(self.entries) + 1 if rule != "parse-error" else None
        self.findings.append(Finding(rule, severity, line, cue, message))

    def times(self, line_no: int, text: str) -> tuple[int, int, str] | None:
        """(start, end, settings) of a timing line, reporting what is wrong with it."""
        narrow = text.translate(FULLWIDTH)
        m = TIMING.match(narrow)
        if m is None:
            return None
        if narrow != text:
            self.finding("nonstandard-timestamp", line_no, "full-width digits or punctuation in the times "
                         f"(found {text.strip()[:40]!r})", Severity.WARNING)  # fmt: skip
        g = m.groups()
        stamps = []
        for part in (g[0:6], g[7:13]):
            raw = timestamp_text(part)
            stamp = read_stamp(part, self.fmt, raw)
            if stamp.error:
                self.finding("bad-timestamp", line_no, stamp.error)
            elif stamp.warning:
                self.finding("nonstandard-timestamp", line_no, stamp.warning, Severity.WARNING)
            stamps.append(stamp.ms)
        if g[6] != "-->":
            self.finding(
                "nonstandard-timestamp",
                line_no,
                f"non-standard arrow (found {g[6]!r}, expected '-->')",
                Severity.WARNING,
            )
        start, end = stamps
        if start is None or end is None:
            self.unreadable += 1
            return None
        return start, end, g[13]

    def file(
        self, source: str, encoding: str, layout: Layout, columns: EntryColumns | None = None, **extra: object
    ) -> SubtitleFile:
        """The file read so far (``extra``: ASS ``styles`` and ``info``, Whisper ``words``);
        with ``columns``, its entries are those columns (and ``self.entries`` is empty)."""
        return SubtitleFile(
            source=source,
            format=self.fmt,
            encoding=encoding,
            entries=EntryTable(columns) if columns is not None else tuple(self.entries),
            columns=columns,
            findings=tuple(self.findings),
            unreadable=self.unreadable,
            newline=layout.newline,
            mixed_newlines=layout.mixed,
            **extra,  # type: ignore[arg-type]
        )


_ARROWISH = compile_pattern(r"\d\s*(?:-+>|=+>|→)\s*-?\d")


def is_timing(line: str) -> bool:
    """A timing line: '-->' between digits (even with broken times, reported as
    bad-timestamp), or another arrow only between whole timestamps ("from 5 -> 6" in
    cue text is text)."""
    if "-->" in line:
        return _ARROWISH.search(line) is not None
    return ("->" in line or "→" in line or "=>" in line) and TIMING.match(line.translate(FULLWIDTH)) is not None


def read_times(reader: Reader, line_no: int, line: str, expected: str) -> tuple[int, int, str] | None:
    """The times of a timing line, or None with a ``bad-timestamp`` finding when a line
    that looked like one cannot be read at all (``expected`` names the format's form)."""
    times = reader.times(line_no, line)
    if times is None and not TIMING.match(line.translate(FULLWIDTH)):
        reader.unreadable += 1
        reader.finding("bad-timestamp", line_no, f"cannot read the times (found {line.strip()[:60]!r}{expected})")
    return times


# ---------------------------------------------------------------------------------------
# Text as a reader sees it


class Layout(NamedTuple):
    """How a file's lines end: the newline to write back, and whether it mixed them."""

    newline: str
    mixed: bool


def split_layout(text: str) -> tuple[str, Layout]:
    """``text`` without a BOM and with LF line ends, and how its lines ended.

    >>> split_layout("\\ufeffa\\r\\nb\\r\\n")
    ('a\\nb\\n', Layout(newline='\\r\\n', mixed=False))
    """
    text = text.lstrip("\ufeff")
    if "\r" not in text:
        return text, Layout("\n", False)  # most files: no need to count 100,000 line ends
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    newline = "\r\n" if crlf > lf + cr else "\n"
    mixed = sum(1 for count in (crlf, cr, lf) if count) > 1 or (cr > 0)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, Layout(newline, mixed)


def source_lines(text: str) -> list[str]:
    """The lines of ``text`` as ``--fix`` rewrites them (no BOM, no final empty line)."""
    lines = split_layout(text)[0].split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# ---------------------------------------------------------------------------------------
# Formats subtools does not read: recognised so that a file in one is named, not misread as
# SRT (``comment.smi:1: parse-error cannot read a cue here (found '<SAMI>'…)`` before). Each
# test looks at the start of the file only; the binary formats at its first bytes.

# Where the start of a file shows nothing (pysubs2's MicroDVD test_parser_skipping_lines.f.sub), its extension names it.
_UNSUPPORTED_EXTENSIONS = {".stl": "EBU-STL",
               ".scc": "SCC", ".sub": "MicroDVD or VobSub", ".idx": "VobSub index", ".sup": "PGS",
               ".mpl": "MPL2"}  # fmt: skip


def name_unsupported_extension(suffix: str) -> str | None:
    """The unsupported format a file extension (lower case, with the dot) names."""
    return _UNSUPPORTED_EXTENSIONS.get(suffix)


# (name, pattern on the first 2,000 characters, stripped of a BOM and leading blank lines)
_UNSUPPORTED_SIGNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("SCC", compile_pattern(r"^Scenarist_SCC V")),
    ("VobSub index", compile_pattern(r"^# VobSub index file")),
    ("MicroDVD", compile_pattern(r"^\{\d+\}\{\d*\}")),
    ("MPL2", compile_pattern(r"^\[\d+\]\[\d*\]")),
    ("TMP", compile_pattern(r"^\d{1,2}:\d\d:\d\d[:=]")),
)


def name_unsupported_text(head: str) -> str | None:
    """The name of the format a text file's start shows, among those subtools does not read.

    >>> name_unsupported_text("Scenarist_SCC V1.0"), name_unsupported_text("{1}{25}Hi")
    ('SCC', 'MicroDVD')
    """
    for name, sign in _UNSUPPORTED_SIGNS:
        if sign.match(head):
            return name
    return None


def name_unsupported_binary(data: bytes) -> str | None:
    """The name of a binary subtitle format from a file's first bytes.

    >>> name_unsupported_binary(b"\\x38\\x35\\x30STL25.01" + bytes(20))
    'EBU-STL'
    """
    if data[3:8] == b"STL25" or data[3:8] == b"STL30" or data[3:8] == b"STL24" or data[3:8] == b"STL50":
        return "EBU-STL"
    if data[:2] == b"PG":
        return "PGS"
    if data[:4] == b"\x00\x00\x01\xba":
        return "VobSub"
    return None


# ---------------------------------------------------------------------------------------
# The format protocol


class FormatModule(Protocol):
    """What one module under ``formats/`` provides (the registry holds the modules)."""

    EXTENSIONS: tuple[str, ...]  # lower case, with the dot; the first is the one written
    ORDERED: bool  # cues are listed by start time (players show them in file order); --fix sorts them
    TICK_MS: int  # the finest time step the format holds
    BLOCKS: bool  # a cue is a block of lines, its text below its timing line (else one line holds a cue)

    def sniff(self, head: str) -> bool:
        """Whether the start of a file says it is in this format (SRT has no signature)."""
        ...

    def read(self, text: str, source: str = ..., encoding: str = ...) -> SubtitleFile:
        """Entries with lines, and a finding for everything that cannot be read; never raises."""
        ...

    def write(self, track: CueTrack, options: WriteOptions = ...) -> str:
        """The text of ``track`` in this format; raises ExportError for a cue it cannot hold."""
        ...

    def rewrite(
        self, sub: SubtitleFile, lines: list[str], order: list[int], ends: dict[int, int]
    ) -> tuple[list[str], list[Change]]:
        """``sub`` (read from ``lines``) with cues in ``order`` and new end times, for ``--fix``."""
        ...

    def visible_lines(self, lines: tuple[str, ...]) -> tuple[str, ...]:
        """The text a viewer sees of a cue's raw lines."""
        ...


# ---------------------------------------------------------------------------------------
# The block rewriter of SRT and WebVTT

TimingWriter = Callable[["Entry", int, int, str], list[str]]


def rewrite_blocks(
    sub: SubtitleFile,
    lines: list[str],
    order: list[int],
    ends: dict[int, int],
    head: TimingWriter,
    *,
    numbered: bool,
) -> tuple[list[str], list[Change]]:
    """Cues written back in ``order`` with new ``ends``: ``head(entry, place, end_ms, settings)``
    makes a cue's number/id and timing lines (``numbered``: cues are numbered by place, as in
    SRT); cue text and what lies between cues (WebVTT NOTE blocks) are copied, trimmed at line
    ends, with single blank lines between blocks."""
    entries = sub.entries
    spans = [(e.line - 1, e.timing_line + len(e.lines) - 1) for e in entries]
    # What lies between cues travels with the cue after it.
    before: list[list[str]] = []
    prev_end = -1
    for first, last in spans:
        before.append([ln.rstrip() for ln in lines[prev_end + 1 : first]])
        prev_end = last
    prefix = before[0] if entries else [ln.rstrip() for ln in lines]
    tail = [ln.rstrip() for ln in lines[prev_end + 1 :]] if entries else []
    out = squeeze(prefix)
    changes: list[Change] = []
    trimmed_cues = 0
    for pos, k in enumerate(order, start=1):
        e = entries[k]
        if k and any(ln.strip() for ln in before[k]):
            if out:
                out.append("")
            out.extend(squeeze(before[k]))
        if out:
            out.append("")
        text = [ln.rstrip() for ln in e.lines]
        if text != list(e.lines):
            trimmed_cues += 1
        settings = f" {e.settings}" if e.settings else ""
        block = head(e, pos, ends[k], settings)
        standard = head(e, pos, e.end_ms, settings)[-1]
        if numbered and e.ident != str(pos):
            changes.append(Change("bad-index", e.line, e.number, f"number {e.ident or 'missing'} -> {pos}"))
        written = lines[e.timing_line - 1].strip()
        if written != standard and written.rstrip() != standard:
            # Same times, written the standard way ("00:00:01.000" in SRT, "->", full-width digits).
            changes.append(Change("nonstandard-timestamp", e.timing_line, e.number, f"{written!r} -> {standard!r}"))
        out.extend(block)
        out.extend(text)
    if any(ln.strip() for ln in tail):
        out.append("")
        out.extend(squeeze(tail))
    if trimmed_cues:
        changes.append(
            Change("trailing-whitespace", None, None, f"spaces trimmed at line ends in {trimmed_cues} cue(s)")
        )
    return out, changes


def squeeze(chunk: list[str]) -> list[str]:
    """Lines without leading/trailing blank lines and with single blank lines between blocks."""
    out: list[str] = []
    for ln in chunk:
        if ln or (out and out[-1]):
            out.append(ln)
    while out and not out[-1]:
        out.pop()
    return out
