"""ASS/SSA: read as libass lays events out, written through pysubs2 with role styles,
explicit line breaks and the title cards on top.

pysubs2 writes no PlayResX/PlayResY (libass then assumes 384x288) and clamps times past
9:59:59.99 with only a warning; both are handled here (``tests/formats/test_ass.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from subtools.clock import format_ass_time
from subtools.errors import ExportError
from subtools.findings import Change, Severity
from subtools.formats.base import (
    DEFAULT_WRITE,
    EXTENSIONS_OF,
    TIMESTAMP,
    Entry,
    Reader,
    SubtitleFile,
    SubtitleFormat,
    WriteOptions,
    read_stamp,
    split_layout,
)
from subtools.formats.signatures import ass as sniff
from subtools.model import Cue, CueKind, CueTrack, Role
from subtools.startup.patterns import compile_pattern

if TYPE_CHECKING:
    import pysubs2

__all__ = [
    "BLOCKS",
    "EXTENSIONS",
    "FONT",
    "ORDERED",
    "STYLE_FOR_ROLE",
    "TICK_MS",
    "read",
    "rewrite",
    "sniff",
    "to_ssafile",
    "visible_lines",
    "write",
]

EXTENSIONS: tuple[str, ...] = EXTENSIONS_OF[SubtitleFormat.ASS]
FORMAT = SubtitleFormat.ASS
ORDERED: bool = False  # libass draws events by time: only events in one place need be in order
TICK_MS: int = 10  # ASS holds centiseconds
BLOCKS: bool = False  # a cue is a block: its text lines follow the timing line
_OVERRIDE = compile_pattern(r"\{[^}]*\}")
_ASS_NEWLINE = compile_pattern(r"\\[Nn]")  # ASS line breaks: \N hard, \n soft (read as hard)

FONT = "Noto Sans CJK KR"  # covers Latin and Hangul, so libass never mixes fallback fonts
_MAX_MS = 10 * 3_600_000 - 10  # 9:59:59.99
# Speaker colours in the BBC's order of preference: white, yellow, cyan, green.
STYLE_FOR_ROLE = {
    Role.ANCHOR: ("Anchor", (255, 255, 255)),
    Role.REPORTER: ("Reporter", (255, 255, 0)),
    Role.SOUNDBITE: ("Soundbite", (0, 255, 255)),
    Role.INTERVIEWEE: ("Interviewee", (0, 255, 0)),
    Role.UNKNOWN: ("Unknown", (255, 255, 255)),
}


def _text(lines: tuple[str, ...]) -> str:
    # "{" opens an override block and "\" starts a tag: escape both so text stays text.
    safe = [line.replace("\\", "\\\u2060").replace("{", "\\{").replace("}", "\\}") for line in lines]
    return "\\N".join(safe)


def _event_name(cue: Cue) -> str:
    """The event's Name field, for a name super: ``Name — Title``; a dual-speaker cue's
    both names, ``Mina; Joon`` (one event keeps the two lines one cue, as the file says
    them; the title is the first speaker's only, so none). ASS fields are split at
    commas, so a comma in the name or title is written as a semicolon."""
    if cue.voices:
        names = dict.fromkeys(v.speaker.replace(",", ";") for v in cue.voices if v.speaker)
        return "; ".join(names)
    name = " — ".join(p for p in (cue.speaker, cue.speaker_title) if p)
    return name.replace(",", ";")


def to_ssafile(track: CueTrack, *, width: int = 1920, height: int = 1080) -> pysubs2.SSAFile:
    """A ``pysubs2.SSAFile`` of ``track``, for callers that already work with pysubs2.

    The title cards are top events; where a track has them, its ``--headline`` cues (the
    same title and headline as subtitles) are left out, which would show them twice.

    Raises:
        ExportError: a time past 9:59:59.99, which ASS cannot hold.
    """
    cards = track.cards
    cues = tuple(c for c in track.cues if c.kind is CueKind.SPEECH) if cards else track.cues
    import pysubs2  # imported here: only ASS output pays for it

    subs = pysubs2.SSAFile()
    subs.info.update(
        {
            "Title": "subtools",
            "PlayResX": str(width),
            "PlayResY": str(height),
            "ScaledBorderAndShadow": "yes",
            "WrapStyle": "2",  # no automatic wrapping: our \N breaks are the breaks
            "YCbCr Matrix": "None",
        }
    )
    size = round(height * 0.055)
    margin_lr = round(width * 0.125)
    base = pysubs2.SSAStyle(
        fontname=FONT, fontsize=size, primarycolor=pysubs2.Color(255, 255, 255),
        outlinecolor=pysubs2.Color(0, 0, 0), backcolor=pysubs2.Color(0, 0, 0, 128), outline=3, shadow=1,
        alignment=pysubs2.Alignment.BOTTOM_CENTER, marginl=margin_lr, marginr=margin_lr,
        marginv=round(height * 0.06), encoding=1,
    )  # fmt: skip
    subs.styles.clear()
    for name, (r, g, b) in STYLE_FOR_ROLE.values():
        style = base.copy()
        style.primarycolor = pysubs2.Color(r, g, b)
        subs.styles[name] = style
    title = base.copy()
    title.alignment = pysubs2.Alignment.TOP_CENTER
    title.bold = True
    title.marginv = round(height * 0.05)
    subs.styles["Title"] = title
    headline = base.copy()
    headline.alignment = pysubs2.Alignment.TOP_CENTER
    headline.primarycolor = pysubs2.Color(255, 255, 0)
    headline.marginv = title.marginv
    subs.styles["Headline"] = headline
    title_lines: dict[int, int] = {c.story: len(c.lines) for c in cards if c.kind is CueKind.TITLE}
    for cue in sorted(cards + cues, key=lambda c: (c.start_ms, not c.top)):
        if cue.end_ms > _MAX_MS:
            raise ExportError(f"cue at {cue.start_ms} ms ends after 9:59:59.99, the ASS maximum", "<ass>")
        if cue.kind is CueKind.SPEECH:
            style_name = STYLE_FOR_ROLE[cue.role or Role.UNKNOWN][0]
        else:
            style_name = "Title" if cue.kind is CueKind.TITLE else "Headline"
        event = pysubs2.SSAEvent(
            start=cue.start_ms, end=cue.end_ms, text=_text(cue.lines), style=style_name, name=_event_name(cue)
        )
        if cue.kind is CueKind.HEADLINE:
            # Stack the headline under however many lines the title card took.
            event.marginv = title.marginv + round(size * 1.25) * title_lines.get(cue.story, 0) + round(size * 0.3)
        subs.append(event)
    return subs


def write(track: CueTrack, options: WriteOptions = DEFAULT_WRITE) -> str:
    """ASS text of ``track`` (see :func:`to_ssafile`)."""
    text: str = to_ssafile(track).to_string("ass")
    return options.prefix + text


def visible_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The text a viewer sees: override blocks removed, ``\\h`` a no-break space.

    >>> visible_lines(("{\\\\i1}Hi{\\\\i0} there ",))
    ('Hi there',)
    """
    return tuple(_OVERRIDE.sub("", ln).replace("\\h", "\u00a0").strip() for ln in lines)


def read(text: str, source: str = "<string>", encoding: str = "utf-8") -> SubtitleFile:
    """Every Dialogue event of an ASS/SSA file, with its line, style, Name and screen place."""
    text, layout = split_layout(text)
    reader = Reader(FORMAT)
    st = _read_entries(text.split("\n"), reader)
    return reader.file(source, encoding, layout, styles=frozenset(st.styles), info=st.info)


_LEGACY_ALIGN = {"1": "bottom", "2": "bottom", "3": "bottom", "5": "top", "6": "top", "7": "top",
                 "9": "middle", "10": "middle", "11": "middle"}  # fmt: skip
_NUMPAD_ALIGN = {"1": "bottom", "2": "bottom", "3": "bottom", "4": "middle", "5": "middle", "6": "middle",
                 "7": "top", "8": "top", "9": "top"}  # fmt: skip
_ASS_EVENT_DEFAULT = "Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text"


@dataclass
class _AssState:
    """What an ASS reader has seen so far: the section, the format lines, the styles."""

    section: str = ""
    legacy: bool = False
    style_format: list[str] = field(default_factory=list)
    event_format: list[str] = field(default_factory=lambda: [f.strip().lower() for f in _ASS_EVENT_DEFAULT.split(",")])
    styles: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (region, MarginV)
    info: dict[str, str] = field(default_factory=dict)


def _read_entries(lines: list[str], reader: Reader) -> _AssState:
    """Sections, styles and Dialogue events of an ASS file into ``reader``."""
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
        if st.section in ("fonts", "graphics"):
            # Embedded files, uuencoded a line at a time after a "fontname:"/"filename:" line;
            # libass skips them (pysubs2's subtitle_with_attached_*.ass, written by Aegisub).
            continue
        key, sep, value = line.partition(":")
        if not sep:
            reader.finding("parse-error", no, f"cannot read this line (found {line[:40]!r}, expected 'Key: value')")
            continue
        key, value = key.strip(), value.strip()
        if st.section == "script info":
            st.info[key] = value
        elif st.section in ("v4+ styles", "v4 styles"):
            _read_style_line(st, key.lower(), value)
        elif st.section == "events":
            if key.lower() == "format":
                st.event_format = [f.strip().lower() for f in value.split(",")]
            elif key.lower() == "dialogue":
                events.append((no, raw.partition(":")[2].lstrip().split(",", len(st.event_format) - 1)))
            elif key.lower() not in ("comment", "picture", "sound", "movie", "command"):
                reader.finding("parse-error", no, f"unknown event type (found {key!r}, expected Dialogue or Comment)")
    for no, fields in events:
        _read_event(no, fields, st, reader)
    return st


def _read_style_line(st: _AssState, key: str, value: str) -> None:
    """A ``Format:`` or ``Style:`` line: each style's screen place and MarginV."""
    if key == "format":
        st.style_format = [f.strip().lower() for f in value.split(",")]
    elif key == "style":
        fields = [f.strip() for f in value.split(",")]
        style_fields = dict(zip(st.style_format or ["name"], fields, strict=False))
        table = _LEGACY_ALIGN if st.legacy else _NUMPAD_ALIGN
        st.styles[style_fields.get("name", fields[0])] = (
            table.get(style_fields.get("alignment", "2"), "bottom"),
            style_fields.get("marginv", "0").strip(),
        )


# libass reads a time with sscanf("%d:%d:%d.%d"): each field signed, centiseconds as
# written, and 0 when a field is missing.
_LIBASS_TIME = compile_pattern(r"\s*([+-]?\d{1,9}):\s*([+-]?\d{1,9}):\s*([+-]?\d{1,9})\.\s*([+-]?\d{1,9})")


def libass_time(raw: str) -> int:
    """A time as libass reads it, for times the format does not allow.

    >>> libass_time("-1:59:54.93"), libass_time("0:00:23")
    (-5070, 0)
    """
    m = _LIBASS_TIME.match(raw)
    if m is None:
        return 0
    h, mi, sec, cs = (int(g) for g in m.groups())
    return ((h * 60 + mi) * 60 + sec) * 1000 + cs * 10


def _event_times(no: int, ev: dict[str, str], reader: Reader) -> tuple[int, int]:
    # A time ASS does not allow is read as libass shows it, with a bad-timestamp finding:
    # a negative start ("-1:59:54.93" is -5.07 s) and a missing fraction ("0:00:23" is 0)
    # in pysubs2's test_substation.py files, where libass keeps the event.
    stamps: list[int] = []
    for name in ("start", "end"):
        raw = ev.get(name, "").strip()
        m = compile_pattern(TIMESTAMP).fullmatch(raw)
        stamp = read_stamp(m.groups(), SubtitleFormat.ASS, raw) if m is not None else None
        if stamp is None or stamp.ms is None or raw.startswith("-") or not m or m.group(6) is None:
            ms = libass_time(raw)
            reader.finding("bad-timestamp", no, f"cannot read the {name} time; libass shows it at {ms} ms "
                           f"(found {raw!r}, expected H:MM:SS.cc)")  # fmt: skip
            stamps.append(ms)
            continue
        if stamp.error:
            reader.finding("bad-timestamp", no, stamp.error)
        elif stamp.warning:
            reader.finding("nonstandard-timestamp", no, stamp.warning, Severity.WARNING)
        stamps.append(stamp.ms)
    return stamps[0], stamps[1]


def _read_event(no: int, fields: list[str], st: _AssState, reader: Reader) -> None:
    """One Dialogue line (its fields split by the Format line) as an entry."""
    if len(fields) != len(st.event_format):
        reader.unreadable += 1
        reader.finding(
            "parse-error", no, f"wrong number of fields (found {len(fields)}, expected {len(st.event_format)})"
        )
        return
    ev = dict(zip(st.event_format, fields, strict=True))
    start_ms, end_ms = _event_times(no, ev, reader)
    text = ev.get("text", "")
    style = ev.get("style", "").strip() or "Default"
    layer = ev.get("layer", ev.get("marked", "0")).strip()
    style_region, style_margin = st.styles.get(style.lstrip("*"), ("bottom", "0"))
    margin = ev.get("marginv", "0").strip()
    margin = style_margin if margin.lstrip("0") == "" else margin
    region = _ass_region(text, style_region, f"{layer}@{margin}", no)
    reader.entries.append(
        Entry(len(reader.entries) + 1, no, no, start_ms, end_ms, _ASS_NEWLINE.sub("\n", text), region, None, "",
              ev.get("name", "").strip() or None, style)
    )  # fmt: skip


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
        m = compile_pattern(r"\\an([1-9])").search(text)
        if m:
            style_region = _NUMPAD_ALIGN[m.group(1)]
        else:
            m = compile_pattern(r"\\a(\d{1,2})(?!\d)").search(text)
            if m and m.group(1) in _LEGACY_ALIGN:
                style_region = _LEGACY_ALIGN[m.group(1)]
    return f"{sign}{style_region}@{place}"


_DIALOGUE = compile_pattern(r"^(\s*Dialogue:\s*[^,]*,)([^,]*),([^,]*)(,.*)$")


def rewrite(
    sub: SubtitleFile, lines: list[str], order: list[int], ends: dict[int, int]
) -> tuple[list[str], list[Change]]:
    """Only End fields of Dialogue lines changed (ASS draws by time, so ``order`` is kept as
    written) and line ends trimmed: styles, fonts and override tags stay exactly as they are."""
    out = [ln.rstrip() if not ln.lstrip().startswith("Dialogue:") else ln for ln in lines]
    trimmed = sum(1 for a, b in zip(out, lines, strict=True) if a != b)
    changes: list[Change] = []
    for k, e in enumerate(sub.entries):
        if ends[k] == e.end_ms:
            continue
        m = _DIALOGUE.match(lines[e.line - 1])
        if m is None or m.group(3).strip() != format_ass_time(e.end_ms):
            changes.append(
                Change(
                    "parse-error",
                    e.line,
                    e.number,
                    "not retimed: the Dialogue line is not in the usual Layer, Start, End order",
                )
            )
            continue
        out[e.line - 1] = f"{m.group(1)}{m.group(2)},{format_ass_time(ends[k])}{m.group(4)}"
    if trimmed:
        changes.append(Change("trailing-whitespace", None, None, f"spaces trimmed at the end of {trimmed} line(s)"))
    return out, changes
