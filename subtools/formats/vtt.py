"""WebVTT: read with a line number for every cue, and written here.

pysubs2's WebVTT writer neither escapes ``&``, ``<`` or ``-->`` nor writes ``<v>`` voice
spans, both of which we need (``tests/formats/test_vtt.py`` holds the cases).
"""

from __future__ import annotations

import html

from subtools.clock import format_vtt_time
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
from subtools.formats.signatures import vtt as sniff
from subtools.model import CueKind, CueTrack, Voice
from subtools.startup.patterns import compile_pattern

__all__ = ["BLOCKS", "EXTENSIONS", "ORDERED", "TICK_MS", "escape", "read", "rewrite", "sniff", "visible_lines", "write"]

EXTENSIONS: tuple[str, ...] = EXTENSIONS_OF[SubtitleFormat.VTT]
FORMAT = SubtitleFormat.VTT
ORDERED: bool = True  # players show cues in file order, so they are listed by start time
TICK_MS: int = 1  # milliseconds
BLOCKS: bool = True  # a cue is a block: its text lines follow the timing line
_HTML_TAG = compile_pattern(r"<[^>]*(?:>|$)")


def visible_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The text a viewer sees, as browsers' cue-text parser makes it: a tag runs from ``<`` to
    ``>`` or the end of the cue, every HTML character reference is decoded (``&amp`` without
    its semicolon too, wpt-cuetext/entities.vtt), outer spaces and tabs trimmed.

    >>> visible_lines(("<v Kim>A &amp; B</v> ", "&lt;i&gt; <00:01.000>x &copy"))
    ('A & B', '<i> x ©')
    """
    if any("<" in ln for ln in lines):
        # A tag may run over a line break (wpt-cuetext/tags.vtt: "<c></\nc>x" shows "x").
        lines = tuple(_HTML_TAG.sub("", "\n".join(lines)).split("\n"))
    return tuple((html.unescape(ln) if "&" in ln else ln).strip(" \t\f") for ln in lines)


def read(text: str, source: str = "<string>", encoding: str = "utf-8") -> SubtitleFile:
    """Every cue of a WebVTT file as the W3C parsing algorithm (what browsers show) reads it,
    with its lines; every line that algorithm drops is a finding at that line."""
    text, layout = split_layout(text)
    reader = Reader(FORMAT)
    lines = text.split("\n")
    if "\x00" in text:
        lines = _replace_nuls(lines, reader)
    _read_entries(lines, reader)
    return reader.file(source, encoding, layout)


def _replace_nuls(lines: list[str], reader: Reader) -> list[str]:
    # Browsers replace NUL with U+FFFD and read on (wpt/nulls.vtt in the peer files).
    for no, line in enumerate(lines, start=1):
        if "\x00" in line:
            reader.finding("encoding", no, "NUL character, shown as U+FFFD (found a NUL byte, expected text)",
                           Severity.WARNING)  # fmt: skip
    return [line.replace("\x00", "\ufffd") for line in lines]


_VOICE = compile_pattern(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
# The W3C algorithm's white space around timings: space, tab, LF, FF, CR; a vertical tab is
# not one (wpt/whitespace-chars.vtt: browsers drop that cue).
_WS = " \t\n\f\r"
_TIMINGS_FORM = "expected 'HH:MM:SS.mmm --> HH:MM:SS.mmm', hours optional"


def _vtt_region(settings: str) -> str:
    m = compile_pattern(r"\bline:(-?\d+(?:\.\d+)?)(%?)").search(settings)
    if not m:
        return "bottom"
    value, percent = float(m.group(1)), m.group(2)
    if percent:
        return "top" if value < 34 else "middle" if value < 67 else "bottom"
    # A line number counts from the top when positive, from the bottom when negative.
    return "top" if 0 <= value < 4 else "bottom" if value < 0 else "middle"


def _digits(s: str, pos: int) -> str:
    end = pos
    while end < len(s) and "0" <= s[end] <= "9":
        end += 1
    return s[pos:end]


def read_timestamp(s: str, pos: int) -> tuple[int, int] | None:
    """``(ms, position after)`` of the WebVTT timestamp at ``pos``, or None where browsers
    refuse it: minutes and seconds of exactly two digits, at most 59, three fraction digits,
    hours of any width but only when present (W3C "collect a WebVTT timestamp").

    >>> read_timestamp("01:02.345 -->", 0)
    (62345, 9)
    >>> read_timestamp("0:00.000", 0) is None
    True
    """
    first = _digits(s, pos)
    if not first or len(first) > 9:  # no time (and int() refuses 4,300 digits)
        return None
    hours = len(first) != 2 or int(first) > 59
    pos += len(first)
    if s[pos : pos + 1] != ":":
        return None
    second = _digits(s, pos + 1)
    if len(second) != 2:
        return None
    pos += 1 + len(second)
    if hours or s[pos : pos + 1] == ":":
        third = _digits(s, pos + 1) if s[pos : pos + 1] == ":" else ""
        if len(third) != 2:
            return None
        h, m, sec = int(first), int(second), int(third)
        pos += 1 + len(third)
    else:
        h, m, sec = 0, int(first), int(second)
    frac = _digits(s, pos + 1) if s[pos : pos + 1] == "." else ""
    if len(frac) != 3 or m > 59 or sec > 59:
        return None
    return ((h * 60 + m) * 60 + sec) * 1000 + int(frac), pos + 4


def read_timings(line: str) -> tuple[int, int, str] | None:
    """``(start, end, settings)`` of a WebVTT timing line as browsers read it, else None."""
    pos = len(line) - len(line.lstrip(_WS))
    start = read_timestamp(line, pos)
    if start is None:
        return None
    pos = start[1]
    pos += len(line[pos:]) - len(line[pos:].lstrip(_WS))
    if line[pos : pos + 3] != "-->":
        return None
    pos += 3
    pos += len(line[pos:]) - len(line[pos:].lstrip(_WS))
    end = read_timestamp(line, pos)
    if end is None:
        return None
    return start[0], end[0], line[end[1] :]


def _read_entries(lines: list[str], reader: Reader) -> None:
    """The W3C file-parsing algorithm: the signature, the header block, then block after block."""
    first = lines[0]
    if not first.startswith("WEBVTT") or first[6:7] not in ("", " ", "\t"):
        # Browsers show no cue of a file without the signature.
        reader.finding("parse-error", 1, f"a WebVTT file starts with WEBVTT; browsers show none of its cues "
                       f"(found {first[:40]!r})")  # fmt: skip
        reader.unreadable += sum(1 for ln in lines if "-->" in ln)
        return
    if "-->" in first:
        # wpt/signature-timings.vtt: a timing line on the WEBVTT line is part of the header.
        reader.finding(
            "parse-error", 1, f"a timing line in the WEBVTT line is ignored by browsers (found {first[:40]!r})"
        )
    n = len(lines)
    k = 1
    if k < n and lines[k] != "":
        k = _read_block(lines, k, reader, header=True)
    while k < n:
        while k < n and lines[k] == "":
            k += 1
        if k < n:
            k = _read_block(lines, k, reader, header=False)


def _read_block(lines: list[str], k: int, reader: Reader, *, header: bool) -> int:
    """One block from line index ``k`` (W3C "collect a WebVTT block"); the index after it.

    A line with "-->" ends a block unless it is the block's first line, or its second after
    an id: cues need no blank line between them (webvtt-py/youtube_dl.vtt), and the header
    ends at a timing line (wpt/header-timings.vtt). Only an empty line is blank: a line of
    spaces is cue text (wpt/whitespace-chars.vtt).
    """
    start, count, seen_arrow = k, 0, False
    timing: tuple[int, tuple[int, int, str] | None] | None = None  # (line index, times)
    ident: str | None = None
    buffer: list[str] = []
    while k < len(lines):
        line = lines[k]
        k += 1
        count += 1
        if "-->" in line:
            if header or not (count == 1 or (count == 2 and not seen_arrow)):
                k -= 1
                break
            seen_arrow = True
            timing = (k - 1, read_timings(line))
            ident = buffer[0] if buffer else None
            buffer = []
            continue
        if line == "":
            break
        buffer.append(line)
    if not header:
        _add_block(lines, start, timing, ident, buffer, reader)
    return k


def _add_block(
    lines: list[str],
    start: int,
    timing: tuple[int, tuple[int, int, str] | None] | None,
    ident: str | None,
    buffer: list[str],
    reader: Reader,
) -> None:
    """The cue a block makes, or the finding that says why browsers ignore it."""
    if timing is None:
        head = lines[start]
        if not any(ln.strip() for ln in buffer[:-1]):
            # Spaces on the line before a cue: browsers skip them, and the cue's id with them when
            # the id follows them (webvtt-py/netflix_chicas_del_cable.vtt); the cue itself is read.
            before_cue = start + len(buffer) < len(lines) and "-->" in lines[start + len(buffer)]
            if not buffer[-1].strip() or before_cue:
                what = "" if not buffer[-1].strip() else f"; browsers then ignore the id {buffer[-1].strip()[:20]!r}"
                reader.finding("trailing-whitespace", start + 1, f"a line of spaces between cues{what}",
                               Severity.WARNING)  # fmt: skip
                return
        if head.startswith(("NOTE", "STYLE", "REGION")) and head.split(maxsplit=1)[0] in ("NOTE", "STYLE", "REGION"):
            return
        reader.unreadable += 1
        reader.finding("parse-error", start + 1, f"browsers ignore this block (found {head.strip()[:40]!r}, "
                       "expected an optional id and a timing line 'HH:MM:SS.mmm --> HH:MM:SS.mmm')")  # fmt: skip
        return
    at, times = timing
    if times is None:
        reader.unreadable += 1
        found = lines[at].strip()[:60]
        # SRT times in a WebVTT file are the usual case (fixtures/validate/bad-timestamp.vtt): say so.
        why = "WebVTT needs '.' before the milliseconds" if read_timings(lines[at].replace(",", ".")) else ""
        why = why or "cannot read the times"
        reader.finding("bad-timestamp", at + 1, f"browsers drop this cue: {why} (found {found!r}, {_TIMINGS_FORM})")
        return
    text = "\n".join(buffer)
    v = _VOICE.search(text) if "<v" in text else None
    start_ms, end_ms, settings = times
    reader.entries.append(
        Entry(len(reader.entries) + 1, start + 1, at + 1, start_ms, end_ms, text, _vtt_region(settings), ident,
              settings.strip(_WS), v.group(1).strip() if v else None, None)
    )  # fmt: skip


def escape(text: str) -> str:
    """Escape cue text so that it cannot be read as markup or a timing line.

    >>> escape("A&B <i> -->")
    'A&amp;B &lt;i&gt; --&gt;'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write(track: CueTrack, options: WriteOptions = DEFAULT_WRITE) -> str:
    """WebVTT text with ``<v Speaker>`` spans and top-positioned headline cues."""
    out = ["WEBVTT", ""]
    for index, cue in enumerate(track.cues, start=1):
        settings = " line:0 position:50% align:center" if cue.top else ""
        out.append(str(index))
        out.append(f"{format_vtt_time(cue.start_ms)} --> {format_vtt_time(cue.end_ms)}{settings}")
        lines = [escape(line) for line in cue.lines]
        if cue.kind is CueKind.SPEECH:
            # A voice span covers one line's text; each line gets its own, a dual-speaker
            # cue's each its speaker's.
            voices = cue.voices if len(cue.voices) == len(lines) else (Voice(cue.speaker, cue.role),) * len(lines)
            names = [v.speaker or (v.role.value.capitalize() if v.role else None) for v in voices]
            lines = [f"<v {escape(name)}>{line}</v>" if name else line for line, name in zip(lines, names, strict=True)]
        out.extend(lines)
        out.append("")
    return options.prefix + "\n".join(out)


def _head(e: Entry, place: int, end_ms: int, settings: str) -> list[str]:
    ident = [e.ident.rstrip()] if e.ident is not None else []
    return [*ident, f"{format_vtt_time(e.start_ms)} --> {format_vtt_time(end_ms)}{settings}"]


def rewrite(
    sub: SubtitleFile, lines: list[str], order: list[int], ends: dict[int, int]
) -> tuple[list[str], list[Change]]:
    """Cues in ``order``, ids kept, timing lines made anew; text and NOTE/STYLE blocks copied."""
    return rewrite_blocks(sub, lines, order, ends, _head, numbered=False)
