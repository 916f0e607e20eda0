"""TTML: IMSC 1.1 Text written (``--to ttml``), and TTML/DFXP/IMSC/EBU-TT-D read with the
source line of every element, for findings.

Written with the standard library's ElementTree rather than through ttconv: ttconv's model has
no ``ttm:agent`` and its writer no EBU-TT-D document metadata, both of which delivery needs,
and a writer of our own fixed elements is ~100 lines; ttconv stays the reference the tests
read our output with (``tests/formats/test_ttml.py``). Reading is expat, for line numbers
(ttconv and ElementTree drop them).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

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
    split_layout,
)
from subtools.formats.signatures import ttml as sniff
from subtools.model import Cue, CueKind, CueTrack, Role
from subtools.startup.patterns import compile_pattern

__all__ = ["BLOCKS", "EXTENSIONS", "NS", "ORDERED", "TICK_MS", "read", "rewrite", "sniff", "visible_lines", "write"]

EXTENSIONS: tuple[str, ...] = EXTENSIONS_OF[SubtitleFormat.TTML]
FORMAT = SubtitleFormat.TTML
BLOCKS: bool = False  # a cue is one <p> element
ORDERED: bool = False  # a document's cues are timed, not listed: a fix never moves them
TICK_MS: int = 1
NS = {
    "tt": "http://www.w3.org/ns/ttml",
    "ttp": "http://www.w3.org/ns/ttml#parameter",
    "tts": "http://www.w3.org/ns/ttml#styling",
    "ttm": "http://www.w3.org/ns/ttml#metadata",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "ebuttm": "urn:ebu:tt:metadata",
    "ebutts": "urn:ebu:tt:style",
}
IMSC11_TEXT = "http://www.w3.org/ns/ttml/profile/imsc1.1/text"
# Regions in % of the video: a bottom and a top band inside the 10% title-safe margins.
REGIONS = {"bottom": ("10% 70%", "80% 20%", "after"), "top": ("10% 10%", "80% 20%", "before")}
# Speaker colours in the BBC's order of preference, as in ASS: white, yellow, cyan, green.
COLOR_FOR_ROLE = {Role.ANCHOR: "#FFFFFF", Role.REPORTER: "#FFFF00", Role.SOUNDBITE: "#00FFFF",
                  Role.INTERVIEWEE: "#00FF00", Role.UNKNOWN: "#FFFFFF"}  # fmt: skip


def visible_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The text a viewer sees: the reader already made ``<br/>`` line breaks and dropped markup."""
    return tuple(" ".join(ln.split()) for ln in lines)


def _q(prefix: str, name: str) -> str:
    # Names written as the document spells them: TTML elements unprefixed (the default
    # namespace), the others with their prefix, declared on the root (see _root).
    return name if prefix == "tt" else f"{prefix}:{name}"


def _lines(cue: Cue) -> list[str]:
    lines = list(cue.lines)
    if cue.label and lines:
        lines[0] = f"{cue.label}: {lines[0]}"
    return lines


def _root(track: CueTrack, ebu: bool) -> ET.Element:
    main_lang = "ko" if sum(c.lang == "ko" for c in track.cues) * 2 > len(track.cues) else "en"
    tt = ET.Element(_q("tt", "tt"), {_q("ttp", "timeBase"): "media", _q("xml", "lang"): main_lang,
                                     _q("ttp", "cellResolution"): "50 30"})  # fmt: skip
    used = ("ttp", "tts", "ebuttm") if ebu else ("ttp", "tts", "ttm")
    for prefix in ("tt", *used):
        tt.set("xmlns" if prefix == "tt" else f"xmlns:{prefix}", NS[prefix])
    if not ebu:
        tt.set(_q("ttp", "contentProfiles"), IMSC11_TEXT)
    head = ET.SubElement(tt, _q("tt", "head"))
    metadata = ET.SubElement(head, _q("tt", "metadata"))
    if ebu:
        doc = ET.SubElement(metadata, _q("ebuttm", "documentMetadata"))
        ET.SubElement(doc, _q("ebuttm", "conformsToStandard")).text = "urn:ebu:tt:distribution:2018-04"
        ET.SubElement(doc, _q("ebuttm", "documentOriginatingSystem")).text = "subtools"
    else:
        ET.SubElement(metadata, _q("ttm", "title")).text = "subtools"
    styling = ET.SubElement(head, _q("tt", "styling"))
    base = {"fontFamily": "proportionalSansSerif", "fontSize": "100%", "lineHeight": "125%", "textAlign": "center",
            "color": "#FFFFFF", "backgroundColor": "#000000C2"}  # fmt: skip
    ET.SubElement(styling, _q("tt", "style"), {_q("xml", "id"): "base", **{_q("tts", k): v for k, v in base.items()}})
    for role, color in COLOR_FOR_ROLE.items():
        ET.SubElement(styling, _q("tt", "style"), {_q("xml", "id"): f"role-{role.value}", _q("tts", "color"): color})
    layout = ET.SubElement(head, _q("tt", "layout"))
    for name, (origin, extent, align) in REGIONS.items():
        ET.SubElement(layout, _q("tt", "region"), {_q("xml", "id"): name, _q("tts", "origin"): origin,
                      _q("tts", "extent"): extent, _q("tts", "displayAlign"): align})  # fmt: skip
    return tt


def _agents(track: CueTrack, metadata: ET.Element) -> dict[str, str]:
    """A ``ttm:agent`` per speaker (IMSC): name -> xml:id."""
    ids: dict[str, str] = {}
    for cue in track.cues:
        if cue.speaker and cue.speaker not in ids:
            ids[cue.speaker] = f"agent{len(ids) + 1}"
            agent = ET.SubElement(metadata, _q("ttm", "agent"), {"type": "person", _q("xml", "id"): ids[cue.speaker]})
            ET.SubElement(agent, _q("ttm", "name"), {"type": "full"}).text = cue.speaker
    return ids


def write_document(track: CueTrack, *, ebu: bool, options: WriteOptions = DEFAULT_WRITE) -> str:
    """IMSC 1.1 Text, or EBU-TT-D (``ebu``): speakers as ``ttm:agent`` (IMSC) or role-coloured
    spans (EBU-TT-D), title and headline cards in the top region, lines apart by ``<br/>``."""
    tt = _root(track, ebu)
    metadata = tt.find(f"{_q('tt', 'head')}/{_q('tt', 'metadata')}")
    agents = _agents(track, metadata) if metadata is not None and not ebu else {}
    div = ET.SubElement(ET.SubElement(tt, _q("tt", "body"), {"style": "base"}), _q("tt", "div"))
    for index, cue in enumerate(track.cues, start=1):
        attrs = {_q("xml", "id"): f"c{index}", "begin": format_vtt_time(cue.start_ms),
                 "end": format_vtt_time(cue.end_ms), "region": "top" if cue.top else "bottom",
                 _q("xml", "lang"): "ko" if cue.lang == "ko" else "en"}  # fmt: skip
        if cue.speaker is not None and cue.speaker in agents:
            attrs[_q("ttm", "agent")] = agents[cue.speaker]
        p = ET.SubElement(div, _q("tt", "p"), attrs)
        style = f"role-{cue.role.value}" if cue.role and cue.kind is CueKind.SPEECH else None
        for k, line in enumerate(_lines(cue)):
            if k:
                ET.SubElement(p, _q("tt", "br"))
            span = ET.SubElement(p, _q("tt", "span"), {"style": style} if style else {})
            span.text = line
    ET.indent(tt, space="  ")
    _unindent_paragraphs(tt)
    body = ET.tostring(tt, encoding="unicode", xml_declaration=False)
    return options.prefix + '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _unindent_paragraphs(tt: ET.Element) -> None:
    # Inside <p>, white space is text: keep a paragraph's spans and breaks on one line.
    for p in tt.iter(_q("tt", "p")):
        for child in p:
            child.tail = None
        p.text = None


def write(track: CueTrack, options: WriteOptions = DEFAULT_WRITE) -> str:
    """IMSC 1.1 Text of ``track`` (see :func:`write_document`)."""
    return write_document(track, ebu=False, options=options)


# ---------------------------------------------------------------------------------------
# Reading

_CLOCK = compile_pattern(r"^(\d{1,9}):(\d\d):(\d\d)(?:\.(\d{1,9})\d*|:(\d{1,9})(?:\.\d+)?)?$")
_BREAK = "\x00"  # a <br/> among the text parts of a <p>: XML text cannot hold a NUL
_SHORT_CLOCK = compile_pattern(r"^(\d{1,9}):([0-5]\d)\.(\d{1,9})$")
_OFFSET = compile_pattern(r"^(\d{1,12}(?:\.\d{1,9})?)(h|m|s|ms|f|t)$")


def parse_time(value: str, fps: float, tick_rate: float) -> int | None:
    """A TTML time expression in ms (clock time with fraction or frames, or an offset), else None.

    >>> parse_time("00:00:01.5", 25, 1), parse_time("1.5s", 25, 1), parse_time("00:00:01:05", 25, 1)
    (1500, 1500, 1200)
    """
    value = value.strip()
    m = _CLOCK.match(value)
    if m:
        h, mi, s, frac, frames = m.groups()
        ms = ((int(h) * 60 + int(mi)) * 60 + int(s)) * 1000
        if frac:
            ms += round(int(frac) / 10 ** len(frac) * 1000)
        if frames:
            ms += round(int(frames) * 1000 / fps)
        return ms
    m = _OFFSET.match(value)
    if m is None:
        return None
    number, unit = float(m.group(1)), m.group(2)
    per = {"h": 3_600_000.0, "m": 60_000.0, "s": 1000.0, "ms": 1.0, "f": 1000 / fps, "t": 1000 / tick_rate}
    return round(number * per[unit])


def _rate(value: str, default: float) -> float:
    """A frame or tick rate attribute, or ``default`` when it is not a usable positive integer."""
    value = value.strip()
    return float(value) if value.isdigit() and 0 < len(value) < 10 and int(value) > 0 else default


class _Parser:
    """expat events to entries: the timed ``<p>`` elements, with inherited begin offsets."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.fps, self.ticks = 30.0, 1.0
        self.stack: list[tuple[str, int, int | None]] = []  # (local name, begin ms, end ms)
        self.p: dict[str, object] | None = None
        self.parts: list[str] = []
        self.depth_in_p = 0
        # The text is decoded already: UTF-8 overrides what the XML declaration says.
        self.parser = expat.ParserCreate(encoding="UTF-8", namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.data

    def _times(self, attrs: dict[str, str], name: str) -> tuple[int, int | None]:
        parent_begin, parent_end = (self.stack[-1][1], self.stack[-1][2]) if self.stack else (0, None)
        line = self.parser.CurrentLineNumber
        begin = end = None
        for key, value in attrs.items():
            local = key.rsplit(" ", 1)[-1]
            if local in ("begin", "end", "dur"):
                ms = parse_time(value, self.fps, self.ticks)
                short = _SHORT_CLOCK.match(value.strip()) if ms is None else None
                if short:
                    # Minutes and seconds without hours, as Apple's iTunes TTML writes them
                    # (pysubs2's ttml_example_apple.ttml): read, and reported.
                    ms = (int(short.group(1)) * 60 + int(short.group(2))) * 1000 + int((short.group(3) + "00")[:3])
                    self.reader.finding("nonstandard-timestamp", line, f"a clock time without hours (found {value!r}, "
                                        "expected hh:mm:ss.mmm)", Severity.WARNING)  # fmt: skip
                if ms is None:
                    self.reader.finding("bad-timestamp", line, f"cannot read the {local} time of <{name}> "
                                        f"(found {value!r}, expected hh:mm:ss.mmm or an offset like 1.5s)")  # fmt: skip
                    continue
                if local == "begin":
                    begin = ms
                elif local == "end":
                    end = ms
                else:
                    end = (begin or 0) + ms if end is None else end
        start = parent_begin + (begin or 0)
        stop = parent_begin + end if end is not None else parent_end
        return start, stop

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = tag.rsplit(" ", 1)[-1]
        if name == "tt":
            for key, value in attrs.items():
                if key.endswith(" frameRate"):
                    self.fps = _rate(value, self.fps)
                elif key.endswith(" tickRate"):
                    self.ticks = _rate(value, self.ticks)
        if self.p is not None:
            self.depth_in_p += 1
            if name == "br":
                self.parts.append(_BREAK)
            return
        begin, end = self._times(attrs, name)
        self.stack.append((name, begin, end))
        if name == "p":
            self.p = {"line": self.parser.CurrentLineNumber, "begin": begin, "end": end,
                      "region": attrs.get("region", ""), "agent": attrs.get(f"{NS['ttm']} agent")}  # fmt: skip
            self.parts = []

    def data(self, text: str) -> None:
        if self.p is not None:
            self.parts.append(text)

    def end(self, tag: str) -> None:
        if self.p is not None and self.depth_in_p:
            self.depth_in_p -= 1
            return
        name, _, _ = self.stack.pop() if self.stack else ("", 0, None)
        if name == "p" and self.p is not None:
            self._add_entry(self.p)
            self.p = None

    def _add_entry(self, p: dict[str, object]) -> None:
        line = int(p["line"])  # type: ignore[call-overload]
        lines = [" ".join(part.split()) for part in "".join(self.parts).split(_BREAK)]
        text = "\n".join(ln for ln in lines if ln)
        if p["end"] is None:
            self.reader.unreadable += 1
            self.reader.finding("bad-timestamp", line, "a <p> with no end time (found none on it or its parents)")
            return
        region = str(p["region"]) or "bottom"
        agent = p["agent"] if isinstance(p["agent"], str) else None
        self.reader.entries.append(
            Entry(len(self.reader.entries) + 1, line, line, int(p["begin"]), int(p["end"]), text,  # type: ignore[call-overload]
                  region, None, "", agent, None)
        )  # fmt: skip


def read(text: str, source: str = "<string>", encoding: str = "utf-8") -> SubtitleFile:
    """Every timed ``<p>`` of a TTML document, with its line; a broken document is a finding at its line."""
    text, layout = split_layout(text)
    reader = Reader(FORMAT)
    parser = _Parser(reader)
    try:
        parser.parser.Parse(text.encode("utf-8"), True)
    except expat.ExpatError as exc:
        reader.unreadable += 1
        reader.finding("parse-error", exc.lineno, f"not well-formed XML ({expat.ErrorString(exc.code)}), "
                       "reading stopped here")  # fmt: skip
    return reader.file(source, encoding, layout)


def rewrite(
    sub: SubtitleFile, lines: list[str], order: list[int], ends: dict[int, int]
) -> tuple[list[str], list[Change]]:
    """The document as it is: times in TTML inherit from parents, so ``--fix`` reports instead of retiming."""
    changes = [
        Change("parse-error", e.line, e.number, "not retimed: TTML times may be relative to their parents")
        for k, e in enumerate(sub.entries)
        if ends[k] != e.end_ms
    ]
    return lines, changes
