"""SRT (SubRip): read with a line number for every cue, written with the ``srt`` library.

Reading has a fast path for big delivery files: one regex for a well-formed block, split
over a megabyte at a time (a megabyte of one-line cues, as ASR gives, is split at its
newlines instead); a megabyte of nothing else is read column by column (and a file of
nothing else keeps its entries as those columns), the careful line-by-line reader takes
the blocks the regex does not match. Writing goes through
``srt.compose`` (the only module that imports ``srt``), which never reorders or drops a cue.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate, repeat
from operator import add, floordiv, mod
from operator import sub as minus
from typing import TYPE_CHECKING, Any, NamedTuple

from subtools.clock import format_srt_time
from subtools.errors import ExportError
from subtools.findings import Change
from subtools.formats.base import (
    DEFAULT_WRITE,
    EXTENSIONS_OF,
    Entry,
    EntryColumns,
    Reader,
    SubtitleFile,
    SubtitleFormat,
    WriteOptions,
    entries_of,
    is_timing,
    read_times,
    rewrite_blocks,
    split_layout,
)
from subtools.formats.signatures import srt as sniff
from subtools.startup.patterns import compile_pattern

if TYPE_CHECKING:  # the model and datetime only to write: validate reads SRT and needs neither
    from subtools.model import Cue, CueTrack

__all__ = ["BLOCKS", "EXTENSIONS", "ORDERED", "TICK_MS", "read", "rewrite", "sniff", "visible_lines", "write"]

EXTENSIONS: tuple[str, ...] = EXTENSIONS_OF[SubtitleFormat.SRT]
FORMAT = SubtitleFormat.SRT
ORDERED: bool = True  # players show cues in file order, so they are listed by start time
TICK_MS: int = 1  # milliseconds
BLOCKS: bool = True  # a cue is a block: its text lines follow the timing line
_MAX_MS = ((99 * 60 + 59) * 60 + 59) * 1000 + 999  # 99:59:59,999
_HTML_TAG = compile_pattern(r"<[^>\n]*>")
_ASS_BLOCK = compile_pattern(r"\{[^}]*\}")


def visible_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The text a viewer sees: HTML-like tags and ``{\\an8}`` blocks removed, spaces trimmed.

    >>> visible_lines(("<i>Hi</i> {\\\\an8}there ",))
    ('Hi there',)
    """
    out = []
    for ln in lines:
        if "<" in ln:
            ln = _HTML_TAG.sub("", ln)
        if "{" in ln:
            # {\an8} and friends are read by libass, VLC and mpv in SRT too.
            ln = _ASS_BLOCK.sub("", ln)
        out.append(ln.strip())
    return tuple(out)


def read(text: str, source: str = "<string>", encoding: str = "utf-8") -> SubtitleFile:
    """Every cue of an SRT file, with its lines; what cannot be read is a finding at its line."""
    text, layout = split_layout(text)
    reader = Reader(FORMAT)
    columns = _read_entries(text if text.endswith("\n") else text + "\n", reader)
    return reader.file(source, encoding, layout, columns=columns)


def _srt_region(first_line: str) -> str:
    # {\an7}..{\an9} put an SRT cue at the top in libass, VLC and mpv; {\an4}..{\an6} mid-screen.
    if first_line.startswith("{\\"):
        m = compile_pattern(r"\{[^}]*\\an([1-9])").match(first_line)
        if m:
            return "top" if m.group(1) in "789" else "middle" if m.group(1) in "456" else "bottom"
        if "\\pos" in first_line:
            return "pos"
    return "bottom"


# A well-formed block, or else any one line. Every position of the text matches one or
# the other, so ``split`` walks the whole chunk and nothing is skipped: lines outside
# well-formed blocks go to the careful reader. Groups: number, timing line, text lines
# (None for a cue without text; no final newline), blank lines after, (or) one other
# line. A text line is one with a non-space: spaces, then the non-space, then the rest,
# each taken possessively (``*+``), which never backtracks (15 ms of 80 on 100,000 cues).
# Digits are ASCII digits: a Unicode category test per character took 9 ms more, and the
# careful reader reads the rare number or stamp in other digits (Arabic-Indic) the same.
_SRT_SCAN = compile_pattern(
    r"([0-9]+)\n([0-9]{2,9}:[0-5][0-9]:[0-5][0-9],[0-9]{3} --> [0-9]{2,9}:[0-5][0-9]:[0-5][0-9],[0-9]{3})\n"
    r"(?:([^\S\n]*+\S[^\n]*+(?:\n[^\S\n]*+\S[^\n]*+)*+)\n)?(\n*+)|([^\n]*\n)"
)
_GROUPS = 5  # of _SRT_SCAN: ``split`` gives the text between matches (always empty), then these
_BLOCK_SPLIT = compile_pattern(r"\n(?:[ \t]*\n)+")
_STAMP_DIGITS = str.maketrans("", "", ":,->")  # "00:01:02,345 --> ..." to "000102345  000104567"
_CHUNK_CHARS = 1 << 20


def _srt_chunks(text: str, chunk: int = _CHUNK_CHARS) -> Iterator[str]:
    """Each megabyte of ``text``, cut after blank lines, so that memory for what is made
    of a chunk stays small however big the file is."""
    pos, n = 0, len(text)
    while pos < n:
        cut = text.find("\n\n", pos + chunk) if pos + chunk < n else -1
        if cut < 0:
            stop = n
        else:
            stop = cut + 2
            while stop < n and text[stop] == "\n":
                stop += 1
        yield text[pos:stop] if pos or stop < n else text
        pos = stop


class _Rows(NamedTuple):
    """A chunk's well-formed cues as columns: number, timing line and text of each, and
    the blank lines after it."""

    idents: list[str]
    timings: list[str]
    bodies: list[str]
    blank_lines: list[int]
    one_line: bool  # every text one line


_TIMING_SHAPE = "00:00:00,000 --> 00:00:00,000\n"  # a timing line (two-digit hours, digits as 0) and its newline
_ZERO_DIGITS = str.maketrans("123456789", "0" * 9)
# Where a tens digit of minutes or seconds sits in a timing line with two-digit hours
# (of each line of _TIMING_SHAPE's length): 0-5 there.
_TENS_AT = (3, 6, 20, 23)
_HEAD_CHARS = 2000  # of a chunk, looked at first: 30 one-line cues


def _one_line_rows(part: str) -> _Rows | None:
    """The chunk's rows when every cue is a number, a timing line with two-digit hours, one
    line of text and one blank line (the last cue of the file without one), told at C
    speed; None otherwise. An ASR file is all such cues: split at its newlines, it is
    read at a third of ``_SRT_SCAN``'s cost (20 of 60 ms on 100,000 cues); the rows are
    those ``_SRT_SCAN`` finds (test_srt holds the two equal)."""
    # Most chunks that are not (a delivery file's two-line cues) are told by their first
    # cues, before the split: a failed split cost 3 ms of each megabyte.
    head = part[:_HEAD_CHARS].split("\n")[:-1]
    if "".join(head[3 : len(head) // 4 * 4 : 4]):
        return None
    lines = part.split("\n")
    n, extra = divmod(len(lines), 4)
    if extra > 1 or n == 0 or lines[-1]:
        return None
    # A final blank line (extra 1) or none (the file's last cue): the lines after the texts.
    after = lines[3::4]
    if after.count("") != n:
        return None
    idents, timings, bodies = lines[0 : 4 * n : 4], lines[1::4], lines[2::4]
    joined_idents = "".join(idents)
    if "" in idents or not (joined_idents.isascii() and joined_idents.isdigit()):
        return None
    times = "\n".join(timings) + "\n"
    tens = "".join([times[k :: len(_TIMING_SHAPE)] for k in _TENS_AT])
    if times.translate(_ZERO_DIGITS) != _TIMING_SHAPE * n or tens.strip("012345"):
        return None
    # A text line holds a non-space (else the cue has no text and the line is a blank one).
    if "" in bodies or any(map(str.isspace, bodies)):
        return None
    return _Rows(idents, timings, bodies, [1] * (n - 1) + [extra], True)


def _scanned_rows(part: str, groups: list[Any]) -> _Rows | None:
    """The rows of ``_SRT_SCAN.split(part)`` when every one is a well-formed cue with text
    and no "-->" in it (most chunks); else None."""
    others = groups[_GROUPS :: _GROUPS + 1]
    bodies = groups[3 :: _GROUPS + 1]
    if others.count(None) != len(others) or None in bodies:
        return None
    blank_lines = list(map(len, groups[4 :: _GROUPS + 1]))
    # A block is its number, timing and text lines, a blank line and any more blank lines;
    # so the chunk's newlines are three a block, the blank lines and those inside the text.
    # None inside: every cue one line (11 ms of 100,000 counted one by one).
    one_line = part.count("\n") == 3 * len(bodies) + sum(blank_lines)
    return _Rows(groups[1 :: _GROUPS + 1], groups[2 :: _GROUPS + 1], bodies, blank_lines, one_line)


class _MinuteShift(dict[int, int]):
    """HHMM -> what to take off HHMMSSmmm to make it ms: 40,000 per HHMM (a minute is
    60,000 ms, not 100,000) and 2,400,000 per hour (an hour is 60 minutes, not 100). Worked
    out the first time each minute is looked up (a pass over every stamp to find the
    minutes first cost 5 ms of 100,000 cues)."""

    def __missing__(self, hhmm: int) -> int:
        shift = self[hhmm] = 40_000 * hhmm + 2_400_000 * (hhmm // 100)
        return shift


_TIMING_CHARS = len(_TIMING_SHAPE) - 1  # "HH:MM:SS,mmm --> HH:MM:SS,mmm" with two-digit hours
_STAMP_MS = str.maketrans("", "", ":,-> ")  # a timing line to its 18 digits


def stamps_ms(timings: list[str]) -> tuple[list[int], list[int]]:
    """The start and end ms of SRT timing lines ``HH:MM:SS,mmm --> HH:MM:SS,mmm`` as read
    by ``_SRT_SCAN``, made at C speed: the digits of a stamp read as one number are
    HHMMSSmmm, less its :class:`_MinuteShift`. Where every hour has two digits (all but
    a 100-hour file), the two stamps of a line are read as one 18-digit number and split
    (half the ``int`` calls: 13 ms of 100,000 cues). The per-cue loop this replaced sliced
    and converted each stamp in Python (a quarter of reading's time)."""
    shift = _MinuteShift()
    if len(joined := "\n".join(timings)) == len(timings) * (_TIMING_CHARS + 1) - 1:  # every line 29 characters
        pairs = list(map(int, joined.translate(_STAMP_MS).split("\n")))
        starts = list(map(floordiv, pairs, repeat(1_000_000_000)))
        ends = list(map(mod, pairs, repeat(1_000_000_000)))
    else:
        numbers = list(map(int, joined.translate(_STAMP_DIGITS).split()))
        starts, ends = numbers[0::2], numbers[1::2]
    return _shifted(starts, shift), _shifted(ends, shift)


def _shifted(numbers: list[int], shift: _MinuteShift) -> list[int]:
    return list(map(minus, numbers, map(shift.__getitem__, map(floordiv, numbers, repeat(100_000)))))


def _read_entries(text: str, reader: Reader) -> EntryColumns | None:
    """Read ``text`` into ``reader``; the entries as columns instead while every chunk is
    clean (None once one was not: its entries and those after are in ``reader.entries``)."""
    line_no = 1
    columns: EntryColumns | None = EntryColumns([], [], [], [], [], [], [])
    for part in _srt_chunks(text):
        rows = _one_line_rows(part)
        groups: list[Any] = []
        if rows is None:
            # The groups of a row are None where it did not match them (split's way).
            groups = _SRT_SCAN.split(part)
            rows = _scanned_rows(part, groups)
        if rows is not None and part.count("-->") == len(rows.bodies):  # no "-->" in a text
            if columns is not None:
                line_no = _add_clean(part, rows, line_no, columns)
            else:
                more = EntryColumns([], [], [], [], [], [], [])
                line_no = _add_clean(part, rows, line_no, more)
                reader.entries += entries_of(more, len(reader.entries) + 1)
        else:
            if columns is not None:
                reader.entries += entries_of(columns)
                columns = None
            line_no = _add_rows(groups or _SRT_SCAN.split(part), line_no, reader)
    return columns


def _add_clean(part: str, rows: _Rows, line_no: int, columns: EntryColumns) -> int:
    """Add a chunk's well-formed cues to ``columns``, at C speed (the per-cue loop, which
    is ``_add_rows``, took 2 µs a cue); the line number after them."""
    starts, ends = stamps_ms(rows.timings)
    bodies, blank_lines = rows.bodies, rows.blank_lines
    if rows.one_line:
        newlines = [0] * len(bodies)
        lengths = map(add, blank_lines, repeat(3))
    else:
        newlines = list(map(str.count, bodies, repeat("\n")))
        lengths = map(add, map(add, newlines, blank_lines), repeat(3))
    timing_lines: list[int] = list(accumulate(lengths, initial=line_no + 1))
    last = timing_lines.pop() - 1
    braces = "{" in part
    regions = [_srt_region(b) if b[:1] == "{" else "bottom" for b in bodies] if braces else ["bottom"] * len(bodies)
    columns.start_ms.extend(starts)
    columns.end_ms.extend(ends)
    columns.text.extend(bodies)
    columns.region.extend(regions)
    columns.newlines.extend(newlines)
    columns.timing_line.extend(timing_lines)
    columns.ident.extend(rows.idents)
    return last


def _add_rows(groups: list[Any], line_no: int, reader: Reader) -> int:
    """Add a chunk's rows one by one: well-formed cues as they are, the lines between
    them through the careful reader; the line number after them."""
    entries = reader.entries
    pending: list[str] = []  # lines for the careful reader
    pending_line = line_no
    step = _GROUPS + 1
    for index, timing, body, blanks, other in zip(*(groups[k::step] for k in range(1, step)), strict=True):
        if other is not None or "-->" in (body or ""):
            # "-->" in the text: cues run together without a blank line.
            if not pending:
                pending_line = line_no
            if other is not None:
                pending.append(other)
                line_no += 1
            else:
                pending.append(f"{index}\n{timing}\n{body}\n{blanks}")
                line_no += 3 + body.count("\n") + len(blanks)
            continue
        if pending:
            _read_pending("".join(pending), pending_line, reader)
            pending.clear()
        (start_ms,), (end_ms,) = stamps_ms([timing])
        text = body or ""
        region = _srt_region(text) if text[:1] == "{" else "bottom"
        entries.append(Entry(len(entries) + 1, line_no, line_no + 1, start_ms, end_ms, text, region, index, "",
                             None, None))  # fmt: skip
        line_no += 2 + (body.count("\n") + 1 if body is not None else 0) + len(blanks)
    if pending:
        _read_pending("".join(pending), pending_line, reader)
    return line_no


def _read_pending(chunk: str, first_line: int, reader: Reader) -> None:
    """Hand the blank-line-separated blocks of ``chunk`` to the careful reader."""
    pos = 0
    line_no = first_line
    for m in [*_BLOCK_SPLIT.finditer(chunk), None]:
        stop = m.start() if m is not None else len(chunk.rstrip("\n"))
        block = chunk[pos:stop]
        if block.strip():
            lines = block.split("\n")
            # Leading blank lines of a block (spaces only) are skipped, not read as text.
            skip = 0
            while skip < len(lines) and not lines[skip].strip():
                skip += 1
            _read_srt_block(lines[skip:], line_no + skip, reader)
        if m is None:
            break
        line_no += chunk.count("\n", pos, m.end())
        pos = m.end()


def _read_srt_block(block: list[str], first_line: int, reader: Reader) -> None:
    """Read one blank-line-delimited block, which may hold several cues run together."""
    timing = [k for k, ln in enumerate(block) if is_timing(ln)]
    if not timing:
        reader.unreadable += 1
        reader.finding(
            "parse-error",
            first_line,
            f"cannot read a cue here (found {block[0].strip()[:40]!r}, "
            "expected a cue number and a timing line 'HH:MM:SS,mmm --> HH:MM:SS,mmm')",
        )
        return
    k = 0
    for t_pos, t in enumerate(timing):
        # The cue number is the line just above the timing line; more lines above it
        # (a header, or junk between cues) belong to no cue.
        pre = block[k:t]
        index: str | None = None
        if pre:
            index = pre[-1].strip()
            if len(pre) > 1:
                reader.unreadable += 1
                reader.finding(
                    "parse-error",
                    first_line + k,
                    f"text outside any cue (found {pre[0].strip()[:40]!r}, expected a cue number)",
                )
        end = timing[t_pos + 1] if t_pos + 1 < len(timing) else len(block)
        if t_pos + 1 < len(timing) and end - 1 > t and block[end - 1].strip().isdigit():
            end -= 1  # the next cue's number, with no blank line before it
        line_no = first_line + t
        times = read_times(reader, line_no, block[t], ", expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm'")
        if times is None:
            k = end
            continue
        lines = block[t + 1 : end]
        while lines and not lines[-1].strip():
            lines.pop()  # a "blank" line of spaces ends the cue
        start_ms, end_ms, settings = times
        reader.entries.append(
            Entry(
                len(reader.entries) + 1,
                line_no - 1 if index is not None else line_no,
                line_no,
                start_ms,
                end_ms,
                "\n".join(lines),
                _srt_region(lines[0]) if lines else "bottom",
                index,
                settings.strip(),
                None,
                None,
            )
        )
        k = end


def _content(cue: Cue, labels: bool) -> str:
    lines = list(cue.lines)
    if labels and cue.label:
        lines[0] = f"{cue.label}: {lines[0]}"
    text = "\n".join(lines)
    if cue.top:
        # {\an8} is the de-facto SRT way to place a cue at the top (libass, VLC, mpv).
        text = "{\\an8}" + text
    return text


def write(track: CueTrack, options: WriteOptions = DEFAULT_WRITE) -> str:
    """SRT text: indices from 1, ``,`` milliseconds, LF line ends; a cue's ``label`` (the
    speaker's name at a change of speaker, ``CueOptions.labels``) opens its first line.

    ``srt.compose`` is called with ``reindex=False``: its default sorts by time and
    silently drops empty or inverted cues, and a writer here never reorders or drops a
    cue: it raises instead.

    Raises:
        ExportError: a cue that SRT cannot hold (past 99:59:59,999, or out of order).
    """
    from datetime import timedelta

    import srt  # imported here: validate never writes, and srt is the biggest import of convert

    subs = []
    previous_start = -1
    for index, cue in enumerate(track.cues, start=1):
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
                content=_content(cue, labels=True),
            )
        )
    text: str = srt.compose(subs, reindex=False, strict=True)
    return options.prefix + text


def _head(e: Entry, place: int, end_ms: int, settings: str) -> list[str]:
    return [str(place), f"{format_srt_time(e.start_ms)} --> {format_srt_time(end_ms)}{settings}"]


def rewrite(
    sub: SubtitleFile, lines: list[str], order: list[int], ends: dict[int, int]
) -> tuple[list[str], list[Change]]:
    """Cues renumbered from 1 in ``order``, timing lines made anew; text copied as written."""
    return rewrite_blocks(sub, lines, order, ends, _head, numbered=True)
