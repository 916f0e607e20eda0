"""WebVTT: read with a line number for every cue, and written here.

pysubs2's WebVTT writer neither escapes ``&``, ``<`` or ``-->`` nor writes ``<v>`` voice
spans, both of which we need (``tests/formats/test_vtt.py`` holds the cases).
"""

from __future__ import annotations

import re

from subtools.clock import format_vtt_time
from subtools.findings import Change
from subtools.formats.base import (
    DEFAULT_WRITE,
    Entry,
    Reader,
    SubtitleFile,
    SubtitleFormat,
    WriteOptions,
    is_timing,
    read_times,
    rewrite_blocks,
    split_layout,
)
from subtools.model import CueKind, CueTrack

__all__ = ["BLOCKS", "EXTENSIONS", "ORDERED", "TICK_MS", "escape", "read", "rewrite", "sniff", "visible_lines", "write"]

EXTENSIONS: tuple[str, ...] = (".vtt", ".webvtt")
FORMAT = SubtitleFormat.VTT
ORDERED: bool = True  # players show cues in file order, so they are listed by start time
TICK_MS: int = 1  # milliseconds
BLOCKS: bool = True  # a cue is a block: its text lines follow the timing line
_HTML_TAG = re.compile(r"<[^>\n]*>")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": "\u00a0", "&lrm;": "\u200e", "&rlm;": "\u200f"}
_ENTITY = re.compile(r"&(?:amp|lt|gt|nbsp|lrm|rlm);")


def sniff(head: str) -> bool:
    """A WebVTT file says so on its first line."""
    return head.startswith("WEBVTT")


def visible_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The text a viewer sees: tags removed, entities decoded, outer spaces trimmed.

    >>> visible_lines(("<v Kim>A &amp; B</v> ",))
    ('A & B',)
    """
    out = []
    for ln in lines:
        if "<" in ln:
            ln = _HTML_TAG.sub("", ln)
        if "&" in ln:
            ln = _ENTITY.sub(lambda m: _ENTITIES[m.group()], ln)
        out.append(ln.strip())
    return tuple(out)


def read(text: str, source: str = "<string>", encoding: str = "utf-8") -> SubtitleFile:
    """Every cue of a WebVTT file, with its lines; what cannot be read is a finding at its line."""
    text, layout = split_layout(text)
    reader = Reader(FORMAT)
    _read_entries(text.split("\n"), reader)
    return reader.file(source, encoding, layout)


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


def _read_entries(lines: list[str], reader: Reader) -> None:
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
        if head.startswith(("NOTE", "STYLE", "REGION")) and not is_timing(head):
            continue
        t = 0 if is_timing(block[0]) else 1 if len(block) > 1 and is_timing(block[1]) else None
        if t is None:
            reader.unreadable += 1
            reader.finding(
                "parse-error",
                start + 1,
                f"cannot read a cue here (found {head[:40]!r}, "
                "expected an optional id and a timing line 'HH:MM:SS.mmm --> HH:MM:SS.mmm')",
            )
            continue
        times = read_times(reader, start + t + 1, block[t], "")
        if times is None:
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
            voice = cue.speaker or (cue.role.value.capitalize() if cue.role else None)
            if voice:
                # A voice span covers one line's text; each line gets its own.
                lines = [f"<v {escape(voice)}>{line}</v>" for line in lines]
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
