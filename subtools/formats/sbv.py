"""SBV (YouTube's SubViewer-like captions): read with a line number for every cue, written here.

A cue is a ``H:MM:SS.mmm,H:MM:SS.mmm`` line and its text lines, cues apart by a blank line.
SBV has no markup, no cue numbers and no positions: a top cue is written like any other, and a
speaker's name opens the cue's first line at a change of speaker (``NAME: ``, as in SRT).
"""

from __future__ import annotations

from subtools.clock import format_sbv_time
from subtools.errors import ExportError
from subtools.findings import Change, Severity
from subtools.formats.base import (
    DEFAULT_WRITE,
    EXTENSIONS_OF,
    Entry,
    Reader,
    SubtitleFile,
    SubtitleFormat,
    WriteOptions,
    rewrite_blocks,
    split_layout,
)
from subtools.formats.signatures import SBV_TIMING as _TIMING
from subtools.formats.signatures import sbv as sniff
from subtools.model import CueTrack
from subtools.startup.patterns import compile_pattern

__all__ = [
    "BLOCKS",
    "EXTENSIONS",
    "ORDERED",
    "TICK_MS",
    "read",
    "rewrite",
    "sniff",
    "visible_lines",
    "write",
]

EXTENSIONS: tuple[str, ...] = EXTENSIONS_OF[SubtitleFormat.SBV]
FORMAT = SubtitleFormat.SBV
BLOCKS: bool = True  # a cue is a block: its text lines follow the timing line
ORDERED: bool = True  # YouTube shows cues in file order
TICK_MS: int = 1  # milliseconds
# The form webvtt-py and YouTube read: hours of any width, minutes and seconds of one or two digits.
_BROKEN_TIMING = compile_pattern(r"^\s*\d+:[^,]*,\s*\d+:")
_FORM = "expected a timing line 'H:MM:SS.mmm,H:MM:SS.mmm'"
_STANDARD = compile_pattern(r"^\d+:\d{1,2}:\d{1,2}\.\d{3},\d+:\d{1,2}:\d{1,2}\.\d{3}$")


def visible_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """SBV has no markup: the text as written, outer spaces trimmed."""
    return tuple(ln.strip() for ln in lines)


def read(text: str, source: str = "<string>", encoding: str = "utf-8") -> SubtitleFile:
    """Every cue of an SBV file, with its lines; what cannot be read is a finding at its line."""
    text, layout = split_layout(text)
    reader = Reader(FORMAT)
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        if not lines[k].strip():
            k += 1
            continue
        start = k
        while k < len(lines) and lines[k].strip():
            k += 1
        _read_block(lines[start:k], start + 1, reader)
    return reader.file(source, encoding, layout)


def _times(line: str, line_no: int, reader: Reader) -> tuple[int, int] | None:
    m = _TIMING.match(line)
    if m is None:
        return None
    g = [int(x) for x in m.groups()]
    if g[1] > 59 or g[2] > 59 or g[5] > 59 or g[6] > 59:
        reader.unreadable += 1
        reader.finding("bad-timestamp", line_no, f"minutes or seconds over 59 (found {line.strip()!r})")
        return None
    if not _STANDARD.match(line.strip().replace(" ", "").replace("\t", "")):
        reader.finding("nonstandard-timestamp", line_no, f"non-standard field widths (found {line.strip()!r}, "
                       "expected H:MM:SS.mmm,H:MM:SS.mmm)", Severity.WARNING)  # fmt: skip
    # A fraction of other than three digits is a decimal fraction, as webvtt-py refuses it and players vary.
    start = ((g[0] * 60 + g[1]) * 60 + g[2]) * 1000 + int((m.group(4) + "00")[:3])
    end = ((g[4] * 60 + g[5]) * 60 + g[6]) * 1000 + int((m.group(8) + "00")[:3])
    return start, end


def _read_block(block: list[str], first_line: int, reader: Reader) -> None:
    """One blank-line-delimited block: cues, each from its timing line to the next one."""
    timing = [i for i, ln in enumerate(block) if _TIMING.match(ln)]
    if not timing or timing[0] != 0:
        reader.unreadable += 1
        found = block[0].strip()[:40]
        if _BROKEN_TIMING.match(block[0]):
            # webvtt-py's invalid_timeframe.sbv: "0:00:13.f89,0:00:15.489" is a timing line gone wrong.
            reader.finding("bad-timestamp", first_line, f"cannot read the times (found {found!r}, {_FORM})")
        else:
            reader.finding("parse-error", first_line, f"cannot read a cue here (found {found!r}, {_FORM})")
        if not timing:
            return
    for pos, t in enumerate(timing):
        end = timing[pos + 1] if pos + 1 < len(timing) else len(block)
        line_no = first_line + t
        if pos:
            # A timing line in a cue's text: two cues with no blank line between them.
            reader.finding("parse-error", line_no, "no blank line before this cue", Severity.WARNING)
        times = _times(block[t], line_no, reader)
        if times is None:
            continue
        text = "\n".join(block[t + 1 : end])
        reader.entries.append(
            Entry(len(reader.entries) + 1, line_no, line_no, times[0], times[1], text, "bottom", None, "", None, None)
        )


def write(track: CueTrack, options: WriteOptions = DEFAULT_WRITE) -> str:
    """SBV text: a timing line and the cue's lines per cue, a blank line between cues.

    Raises:
        ExportError: a cue line that a reader would take for a timing line.
    """
    out: list[str] = []
    for index, cue in enumerate(track.cues, start=1):
        lines = list(cue.lines)
        if cue.label and lines:
            lines[0] = f"{cue.label}: {lines[0]}"
        for line in lines:
            if _TIMING.match(line):
                raise ExportError(f"cue {index} has a line SBV would read as times (found {line!r})", "<sbv>")
        out.append(f"{format_sbv_time(cue.start_ms)},{format_sbv_time(cue.end_ms)}")
        out.extend(lines)
        out.append("")
    return options.prefix + "\n".join(out)


def _head(e: Entry, place: int, end_ms: int, settings: str) -> list[str]:
    return [f"{format_sbv_time(e.start_ms)},{format_sbv_time(end_ms)}"]


def rewrite(
    sub: SubtitleFile, lines: list[str], order: list[int], ends: dict[int, int]
) -> tuple[list[str], list[Change]]:
    """Cues in ``order``, timing lines made anew; text copied as written."""
    return rewrite_blocks(sub, lines, order, ends, _head, numbered=False)
