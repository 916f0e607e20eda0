"""Reading SRT, WebVTT and ASS/SSA files as they are, with a line number for every cue.

We read these formats ourselves rather than with ``srt`` or ``pysubs2``: ``srt.parse``
reports character offsets, not lines, stops at the first error and adds a 4-digit
fraction to the seconds; pysubs2 never reports an error, turns ``{...}`` in SRT text into
tags and deletes it, drops a cue's last line when it is a number and ignores a third hour
digit (library-notes §2, §5). A validator has to say what a file holds, so anything that
cannot be read becomes a finding at its line and reading goes on with the next cue.

SRT, the format of big delivery files, has a fast path: one regex for a well-formed
block, the careful line-by-line reader only for the blocks it does not match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from subtools.findings import Finding, Severity
from subtools.formats import SubtitleFormat
from subtools.model import Cue
from subtools.textio import read_text

__all__ = ["Entry", "SubtitleFile", "parse_subtitles", "read_subtitles", "sniff_format", "visible_lines"]


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


@dataclass(frozen=True, slots=True)
class SubtitleFile:
    """A subtitle file read into entries, with the problems found while reading.

    ``unreadable`` counts blocks that could not become cues (each has a finding), so a
    caller knows that rewriting the file from ``entries`` would lose them.
    """

    source: str
    format: SubtitleFormat
    encoding: str
    entries: tuple[Entry, ...]
    findings: tuple[Finding, ...]
    unreadable: int = 0
    newline: str = "\n"
    mixed_newlines: bool = False
    styles: frozenset[str] = frozenset()
    info: dict[str, str] = field(default_factory=dict)

    @property
    def cues(self) -> tuple[Cue, ...]:
        """The entries as the project's cue model: visible text, speaker, file lines."""
        return tuple(
            Cue(
                start_ms=e.start_ms,
                end_ms=e.end_ms,
                lines=visible_lines(e.lines, self.format),
                speaker=e.speaker,
                line=e.line,
                end_line=e.timing_line + len(e.lines) if self.format is not SubtitleFormat.ASS else e.line,
                top=e.region == "top",
            )
            for e in self.entries
        )


# ---------------------------------------------------------------------------------------
# Visible text


_HTML_TAG = re.compile(r"<[^>\n]*>")
_ASS_BLOCK = re.compile(r"\{[^}]*\}")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": "\u00a0", "&lrm;": "\u200e", "&rlm;": "\u200f"}
_ENTITY = re.compile(r"&(?:amp|lt|gt|nbsp|lrm|rlm);")


def visible_lines(lines: tuple[str, ...], fmt: SubtitleFormat) -> tuple[str, ...]:
    """The text a viewer sees: markup removed, entities decoded, outer spaces trimmed.

    >>> visible_lines(("<i>Hi</i> {\\\\an8}there ",), SubtitleFormat.SRT)
    ('Hi there',)
    """
    if fmt is SubtitleFormat.ASS:
        return tuple(_ASS_BLOCK.sub("", ln).replace("\\h", "\u00a0").strip() for ln in lines)
    out = []
    for ln in lines:
        if "<" in ln:
            ln = _HTML_TAG.sub("", ln)
        if fmt is SubtitleFormat.SRT and "{" in ln:
            # {\an8} and friends are read by libass, VLC and mpv in SRT too.
            ln = _ASS_BLOCK.sub("", ln)
        if fmt is SubtitleFormat.VTT and "&" in ln:
            ln = _ENTITY.sub(lambda m: _ENTITIES[m.group()], ln)
        out.append(ln.strip())
    return tuple(out)


# ---------------------------------------------------------------------------------------
# Timestamps

# A tolerant timestamp: any digit counts, ':' or '.' or ',' before the fraction, full-width
# forms normalised beforehand. What is not standard is then reported, not refused.
_TS = r"(-?)(?:(\d+):)?(\d+):(\d+)(?:([,.:])(\d*))?"
_TIMING = re.compile(rf"^\s*{_TS}\s*(-+>|=+>|→)\s*{_TS}(.*)$")
_FULLWIDTH = str.maketrans("：，．０１２３４５６７８９", ":,.0123456789")


class _Stamp(NamedTuple):
    ms: int | None  # None: unreadable
    error: str | None  # why it is a bad timestamp (error)
    warning: str | None  # why it is non-standard (warning)


def _stamp(groups: tuple[str | None, ...], fmt: SubtitleFormat, raw: str) -> _Stamp:
    sign, hours, minutes, seconds, sep, frac = groups
    h = int(hours) if hours is not None else 0
    m, s = int(minutes or 0), int(seconds or 0)
    if sign:
        return _Stamp(None, f"negative time (found {raw!r}, expected 0 or later)", None)
    if m > 59 or s > 59:
        return _Stamp(None, f"minutes or seconds over 59 (found {raw!r})", None)
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
        return _Stamp(
            ms,
            f"{len(frac)}-digit fraction is read differently by players (found {raw!r}, expected {expected[fmt]})",
            None,
        )
    std_sep = {SubtitleFormat.SRT: ",", SubtitleFormat.VTT: ".", SubtitleFormat.ASS: "."}[fmt]
    if sep != std_sep:
        if fmt is SubtitleFormat.VTT:
            # Browsers drop a WebVTT cue whose time uses a comma.
            return _Stamp(ms, f"WebVTT needs '.' before the milliseconds (found {raw!r})", None)
        return _Stamp(ms, None, f"non-standard separator (found {raw!r}, expected {expected[fmt]})")
    if fmt is SubtitleFormat.SRT and (
        hours is None or len(hours) < 2 or len(minutes or "") != 2 or len(seconds or "") != 2
    ):
        return _Stamp(ms, None, f"non-standard field widths (found {raw!r}, expected HH:MM:SS,mmm)")
    return _Stamp(ms, None, None)


def _timestamp_text(groups: tuple[str | None, ...]) -> str:
    sign, hours, minutes, seconds, sep, frac = groups
    out = f"{sign}{hours + ':' if hours is not None else ''}{minutes}:{seconds}"
    return out + (f"{sep}{frac}" if sep else "")


class _Reader:
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
        narrow = text.translate(_FULLWIDTH)
        m = _TIMING.match(narrow)
        if m is None:
            return None
        if narrow != text:
            self.finding("nonstandard-timestamp", line_no, "full-width digits or punctuation in the times "
                         f"(found {text.strip()[:40]!r})", Severity.WARNING)  # fmt: skip
        g = m.groups()
        stamps = []
        for part in (g[0:6], g[7:13]):
            raw = _timestamp_text(part)
            stamp = _stamp(part, self.fmt, raw)
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


def _srt_region(first_line: str) -> str:
    # {\an7}..{\an9} put an SRT cue at the top in libass, VLC and mpv; {\an4}..{\an6} mid-screen.
    if first_line.startswith("{\\"):
        m = re.match(r"\{[^}]*\\an([1-9])", first_line)
        if m:
            return "top" if m.group(1) in "789" else "middle" if m.group(1) in "456" else "bottom"
        if "\\pos" in first_line:
            return "pos"
    return "bottom"


# ---------------------------------------------------------------------------------------
# SRT

# A well-formed block, or else any one line. Every position of the text matches one or
# the other, so ``findall`` (tuples built in C, no match objects) walks the whole file
# and nothing is skipped: lines outside well-formed blocks go to the careful reader.
# Groups: number, start, end, text lines, blank lines after, (or) one other line.
_SRT_SCAN = re.compile(
    r"(\d+)\n(\d\d+:[0-5]\d:[0-5]\d,\d\d\d) --> (\d\d+:[0-5]\d:[0-5]\d,\d\d\d)\n"
    r"((?:[^\n]*\S[^\n]*\n)*)(\n*)|([^\n]*\n)"
)
_BLOCK_SPLIT = re.compile(r"\n(?:[ \t]*\n)+")
_ARROWISH = re.compile(r"\d\s*(?:-+>|=+>|→)\s*-?\d")


def _scan_srt(text: str, chunk: int = 1 << 20) -> Iterator[tuple[str, str, str, str, str, str]]:
    """``_SRT_SCAN.findall`` a megabyte at a time, cut after blank lines, so that memory
    for the match tuples stays small however big the file is."""
    pos, n = 0, len(text)
    while pos < n:
        cut = text.find("\n\n", pos + chunk) if pos + chunk < n else -1
        if cut < 0:
            stop = n
        else:
            stop = cut + 2
            while stop < n and text[stop] == "\n":
                stop += 1
        yield from _SRT_SCAN.findall(text, pos, stop)
        pos = stop


def _read_srt(text: str, reader: _Reader) -> None:
    entries = reader.entries
    append = entries.append
    new = tuple.__new__  # Entry(...) goes through a Python-level __new__: 3x slower on 100,000 cues
    minutes: dict[str, int] = {}  # "HH:MM" -> ms; neighbouring cues share it
    get_minutes = minutes.get
    pending: list[str] = []  # lines for the careful reader
    pending_line = 1
    line_no = 1
    for index, start, end, body, blanks, other in _scan_srt(text):
        if other or "-->" in body:
            # "-->" in the text: cues run together without a blank line.
            if not pending:
                pending_line = line_no
            if other:
                pending.append(other)
                line_no += 1
            else:
                pending.append(f"{index}\n{start} --> {end}\n{body}{blanks}")
                line_no += 2 + body.count("\n") + len(blanks)
            continue
        if pending:
            _read_pending("".join(pending), pending_line, reader)
            pending.clear()
        t0 = get_minutes(start[:-7])
        if t0 is None:
            h, _, m = start[:-7].partition(":")
            t0 = minutes[start[:-7]] = (int(h) * 60 + int(m)) * 60_000
        t1 = get_minutes(end[:-7])
        if t1 is None:
            h, _, m = end[:-7].partition(":")
            t1 = minutes[end[:-7]] = (int(h) * 60 + int(m)) * 60_000
        append(
            new(
                Entry,
                (
                    len(entries) + 1,
                    line_no,
                    line_no + 1,
                    t0 + int(start[-6:-4] + start[-3:]),  # "05" + "120" is 5120 ms
                    t1 + int(end[-6:-4] + end[-3:]),
                    body[:-1],
                    _srt_region(body) if body[:1] == "{" else "bottom",
                    index,
                    "",
                    None,
                    None,
                ),
            )
        )
        line_no += 2 + body.count("\n") + len(blanks)
    if pending:
        _read_pending("".join(pending), pending_line, reader)


def _read_pending(chunk: str, first_line: int, reader: _Reader) -> None:
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


def _is_timing(line: str) -> bool:
    """A timing line: '-->' between digits (even with broken times, reported as
    bad-timestamp), or another arrow only between whole timestamps ("from 5 -> 6" in
    cue text is text)."""
    if "-->" in line:
        return _ARROWISH.search(line) is not None
    return ("->" in line or "→" in line or "=>" in line) and _TIMING.match(line.translate(_FULLWIDTH)) is not None


def _read_srt_block(block: list[str], first_line: int, reader: _Reader) -> None:
    """Read one blank-line-delimited block, which may hold several cues run together."""
    timing = [k for k, ln in enumerate(block) if _is_timing(ln)]
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
        times = reader.times(line_no, block[t])
        if times is None:
            if not _TIMING.match(block[t].translate(_FULLWIDTH)):
                reader.unreadable += 1
                reader.finding(
                    "bad-timestamp",
                    line_no,
                    f"cannot read the times (found {block[t].strip()[:60]!r}, "
                    "expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm')",
                )
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


# ---------------------------------------------------------------------------------------
# WebVTT

_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")


def _vtt_region(settings: str) -> str:
    m = re.search(r"\bline:(-?\d+(?:\.\d+)?)(%?)", settings)
    if not m:
        return "bottom"
    value, percent = float(m.group(1)), m.group(2)
    if percent:
        return "top" if value < 34 else "middle" if value < 67 else "bottom"
    # A line number counts from the top when positive, from the bottom when negative.
    return "top" if 0 <= value < 4 else "bottom" if value < 0 else "middle"


def _read_vtt(lines: list[str], reader: _Reader) -> None:
    n = len(lines)
    k = 0
    if not lines or not lines[0].startswith("WEBVTT") or lines[0][6:7] not in ("", " ", "\t"):
        reader.finding("parse-error", 1, f"a WebVTT file starts with WEBVTT (found {lines[0][:40] if lines else ''!r})")
    else:
        while k < n and lines[k].strip():  # the header block
            k += 1
    while k < n:
        while k < n and not lines[k].strip():
            k += 1
        if k >= n:
            break
        start = k
        while k < n and lines[k].strip():
            k += 1
        block = lines[start:k]
        head = block[0].strip()
        if head.startswith(("NOTE", "STYLE", "REGION")) and not _is_timing(head):
            continue
        t = 0 if _is_timing(block[0]) else 1 if len(block) > 1 and _is_timing(block[1]) else None
        if t is None:
            reader.unreadable += 1
            reader.finding(
                "parse-error",
                start + 1,
                f"cannot read a cue here (found {head[:40]!r}, "
                "expected an optional id and a timing line 'HH:MM:SS.mmm --> HH:MM:SS.mmm')",
            )
            continue
        times = reader.times(start + t + 1, block[t])
        if times is None:
            if not _TIMING.match(block[t].translate(_FULLWIDTH)):
                reader.unreadable += 1
                reader.finding(
                    "bad-timestamp", start + t + 1, f"cannot read the times (found {block[t].strip()[:60]!r})"
                )
            continue
        text = "\n".join(block[t + 1 :])
        v = _VOICE.search(text) if "<v" in text else None
        speaker = v.group(1).strip() if v else None
        start_ms, end_ms, settings = times
        reader.entries.append(
            Entry(
                len(reader.entries) + 1,
                start + 1,
                start + t + 1,
                start_ms,
                end_ms,
                text,
                _vtt_region(settings),
                block[0] if t == 1 else None,
                settings.strip(),
                speaker,
                None,
            )
        )


# ---------------------------------------------------------------------------------------
# ASS / SSA

_LEGACY_ALIGN = {"1": "bottom", "2": "bottom", "3": "bottom", "5": "top", "6": "top", "7": "top",
                 "9": "middle", "10": "middle", "11": "middle"}  # fmt: skip
_NUMPAD_ALIGN = {"1": "bottom", "2": "bottom", "3": "bottom", "4": "middle", "5": "middle", "6": "middle",
                 "7": "top", "8": "top", "9": "top"}  # fmt: skip
_ASS_EVENT_DEFAULT = "Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text"


@dataclass
class _AssState:
    section: str = ""
    legacy: bool = False
    style_format: list[str] = field(default_factory=list)
    event_format: list[str] = field(default_factory=lambda: [f.strip().lower() for f in _ASS_EVENT_DEFAULT.split(",")])
    styles: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (region, MarginV)
    info: dict[str, str] = field(default_factory=dict)


def _read_ass(lines: list[str], reader: _Reader) -> _AssState:
    st = _AssState()
    events: list[tuple[int, list[str]]] = []
    for no, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            st.section = line[1:-1].strip().lower()
            st.legacy = st.section == "v4 styles"
            continue
        key, sep, value = line.partition(":")
        if not sep:
            reader.finding("parse-error", no, f"cannot read this line (found {line[:40]!r}, expected 'Key: value')")
            continue
        key, value = key.strip(), value.strip()
        if st.section == "script info":
            st.info[key] = value
        elif st.section in ("v4+ styles", "v4 styles"):
            if key.lower() == "format":
                st.style_format = [f.strip().lower() for f in value.split(",")]
            elif key.lower() == "style":
                fields = [f.strip() for f in value.split(",")]
                names = st.style_format or ["name"]
                style_fields = dict(zip(names, fields, strict=False))
                align = style_fields.get("alignment", "2")
                table = _LEGACY_ALIGN if st.legacy else _NUMPAD_ALIGN
                st.styles[style_fields.get("name", fields[0])] = (
                    table.get(align, "bottom"),
                    style_fields.get("marginv", "0").strip(),
                )
        elif st.section == "events":
            if key.lower() == "format":
                st.event_format = [f.strip().lower() for f in value.split(",")]
            elif key.lower() == "dialogue":
                events.append((no, raw.partition(":")[2].lstrip().split(",", len(st.event_format) - 1)))
            elif key.lower() not in ("comment", "picture", "sound", "movie", "command"):
                reader.finding("parse-error", no, f"unknown event type (found {key!r}, expected Dialogue or Comment)")
    fmt_fields = st.event_format
    for no, fields in events:
        if len(fields) != len(fmt_fields):
            reader.unreadable += 1
            reader.finding(
                "parse-error", no, f"wrong number of fields (found {len(fields)}, expected {len(fmt_fields)})"
            )
            continue
        ev = dict(zip(fmt_fields, fields, strict=True))
        stamps: list[int | None] = []
        for name in ("start", "end"):
            raw = ev.get(name, "").strip()
            m = re.fullmatch(_TS, raw)
            if m is None:
                reader.finding("bad-timestamp", no, f"cannot read the {name} time (found {raw!r}, expected H:MM:SS.cc)")
                stamps.append(None)
                continue
            stamp = _stamp(m.groups(), SubtitleFormat.ASS, raw)
            if stamp.error:
                reader.finding("bad-timestamp", no, stamp.error)
            elif stamp.warning:
                reader.finding("nonstandard-timestamp", no, stamp.warning, Severity.WARNING)
            stamps.append(stamp.ms)
        start_ms, end_ms = stamps
        if start_ms is None or end_ms is None:
            reader.unreadable += 1
            continue
        text = ev.get("text", "")
        style = ev.get("style", "").strip() or "Default"
        layer = ev.get("layer", ev.get("marked", "0")).strip()
        style_region, style_margin = st.styles.get(style.lstrip("*"), ("bottom", "0"))
        margin = ev.get("marginv", "0").strip()
        margin = style_margin if margin.lstrip("0") == "" else margin
        region = _ass_region(text, style_region, f"{layer}@{margin}", no)
        reader.entries.append(
            Entry(
                len(reader.entries) + 1,
                no,
                no,
                start_ms,
                end_ms,
                re.sub(r"\\[Nn]", "\n", text),
                region,
                None,
                "",
                ev.get("name", "").strip() or None,
                style,
            )
        )
    return st


def _ass_region(text: str, style_region: str, place: str, line_no: int) -> str:
    """Where an ASS event is drawn: ``vertical@layer@MarginV``, ``sign:`` first for signs.

    Overlap only matters between events drawn in the same place on the same layer: a
    top title card over the bottom narration is normal, and so is a Korean headline
    stacked under the title at another MarginV (what ``convert`` writes). An event in a
    top or middle *style*, or placed with ``\\pos``, is a sign or title card: typesetting
    with its own timing, not dialogue to be read at subtitle speed (an ``\\an8`` override
    on a bottom style is dialogue moved up, and stays dialogue).
    """
    sign = "sign:" if style_region != "bottom" else ""
    if "{" in text:
        if "\\pos" in text or "\\move" in text:
            return f"sign:pos@{line_no}"
        m = re.search(r"\\an([1-9])", text)
        if m:
            style_region = _NUMPAD_ALIGN[m.group(1)]
        else:
            m = re.search(r"\\a(\d{1,2})(?!\d)", text)
            if m and m.group(1) in _LEGACY_ALIGN:
                style_region = _LEGACY_ALIGN[m.group(1)]
    return f"{sign}{style_region}@{place}"


# ---------------------------------------------------------------------------------------
# Entry points


def sniff_format(text: str, source: str = "") -> SubtitleFormat:
    """The format of a subtitle file: by content first, then by extension, else SRT.

    >>> sniff_format("WEBVTT\\n\\n00:01.000 --> 00:02.000\\nHi\\n")
    <SubtitleFormat.VTT: 'vtt'>
    """
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith("WEBVTT"):
        return SubtitleFormat.VTT
    lowered = head.lower()
    if lowered.startswith("[script info]") or "\n[events]" in lowered or "[v4+ styles]" in lowered:
        return SubtitleFormat.ASS
    suffix = Path(source).suffix.lower()
    if suffix in (".vtt", ".webvtt"):
        return SubtitleFormat.VTT
    if suffix in (".ass", ".ssa"):
        return SubtitleFormat.ASS
    return SubtitleFormat.SRT


def parse_subtitles(
    text: str, source: str = "<string>", fmt: SubtitleFormat | None = None, encoding: str = "utf-8"
) -> SubtitleFile:
    """Read subtitle text (any line endings) into a :class:`SubtitleFile`.

    Never raises on content: what cannot be read is a ``parse-error`` or
    ``bad-timestamp`` finding, and reading goes on with the next cue.
    """
    fmt = fmt or sniff_format(text, source)
    text = text.lstrip("\ufeff")
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    newline = "\r\n" if crlf > lf + cr else "\n"
    mixed = sum(1 for count in (crlf, cr, lf) if count) > 1 or (cr > 0)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = _Reader(fmt)
    styles: frozenset[str] = frozenset()
    info: dict[str, str] = {}
    if fmt is SubtitleFormat.SRT:
        _read_srt(text if text.endswith("\n") else text + "\n", reader)
    elif fmt is SubtitleFormat.VTT:
        _read_vtt(text.split("\n"), reader)
    elif fmt is SubtitleFormat.ASS:
        st = _read_ass(text.split("\n"), reader)
        styles, info = frozenset(st.styles), st.info
    else:
        raise ValueError(f"cannot read {fmt} subtitles")
    return SubtitleFile(
        source=source,
        format=fmt,
        encoding=encoding,
        entries=tuple(reader.entries),
        findings=tuple(reader.findings),
        unreadable=reader.unreadable,
        newline=newline,
        mixed_newlines=mixed,
        styles=styles,
        info=info,
    )


def read_subtitles(path: str | Path, fmt: SubtitleFormat | None = None) -> SubtitleFile:
    """Read and decode a subtitle file (UTF-8 ± BOM, UTF-16 with a BOM, CP949/EUC-KR).

    Raises:
        ParseError: the file cannot be read or decoded at all (missing, binary, empty).
    """
    text, encoding = read_text(path)
    return parse_subtitles(text, str(path), fmt, encoding)
