"""SAMI (``.smi``), the format Korean players and subtitle users use most: read and written here.

A SAMI file is HTML-like: a ``<STYLE>`` block names one class per language (``.KRCC { lang:
ko-KR }``, ``.ENCC { lang: en-US }``), and the body is ``<SYNC Start=ms>`` tags, each with a
``<P Class=...>`` per language whose text is shown from that sync until the next sync that
gives that class new text; a clearing ``&nbsp;`` is the true end of a cue.

Reading gives one track per language, in one :class:`SubtitleFile`: every entry's ``style``
and ``region`` are its class, so ``validate`` checks each language's cues apart (a Korean cue
may overlap an English one), and ``SubtitleFile.cues`` carry the class's language as ``lang``;
:func:`tracks` splits them by language. Files as players meet them are read: tags in any case,
attributes unquoted, ``<P>`` never closed, CP949 or UTF-8 (pysubs2 fails on lower-case tags and
joins two languages into one cue; this reader agrees with pycaption, ``tests/formats/test_sami.py``).

Writing puts each cue in the class of its language (the Korean headline and Korean narration in
KRCC, English in ENCC), ends every cue with a clearing sync unless the next cue of its class starts
then, and declares its encoding in a charset ``<META>`` (Korean players read the declaration):
UTF-8, or EUC-KR for CP949 (``convert --output-encoding cp949``).
"""

from __future__ import annotations

import codecs
import html
import re
from bisect import bisect_right

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
from subtools.formats.signatures import sami as sniff
from subtools.model import Cue, CueTrack
from subtools.startup.patterns import compile_pattern

__all__ = [
    "BLOCKS",
    "CLASS_FOR_LANG",
    "EXTENSIONS",
    "ORDERED",
    "TICK_MS",
    "read",
    "rewrite",
    "sniff",
    "tracks",
    "visible_lines",
    "write",
]

EXTENSIONS: tuple[str, ...] = EXTENSIONS_OF[SubtitleFormat.SAMI]
FORMAT = SubtitleFormat.SAMI
BLOCKS: bool = False  # a cue is the text after one sync tag
ORDERED: bool = False  # syncs are kept where they are: a fix never moves them
TICK_MS: int = 1  # milliseconds
# The class names Korean SAMI files use for their two languages, and their languages.
CLASS_FOR_LANG = {"ko": ("KRCC", "ko-KR", "Korean"), "en": ("ENCC", "en-US", "English")}

_STYLE = compile_pattern(r"<style\b[^>]*>(.*?)(?:</style\s*>|<body\b|$)", re.I | re.S)
_CLASS_RULE = compile_pattern(r"\.([\w-]+)\s*\{([^}]*)\}", re.S)
_LANG = compile_pattern(r"\blang\s*:\s*([\w-]+)", re.I)
_SYNC = compile_pattern(r"<sync\b([^>]*)>", re.I)
_START = compile_pattern(r"\bstart\s*=\s*[\"']?\s*(-?\d{1,12})(?!\d)", re.I)
_P = compile_pattern(r"<p\b([^>]*)>", re.I)
_CLASS = compile_pattern(r"\bclass\s*=\s*[\"']?([\w-]+)", re.I)
_END_BODY = compile_pattern(r"</body\s*>|</sami\s*>", re.I)
_BR = compile_pattern(r"<br\s*/?\s*>", re.I)
_TAG = compile_pattern(r"<[^>]*>")
_CLOSE_P = compile_pattern(r"</p\s*>", re.I)
_LAST_MS = 4000  # pycaption's length for a last cue that nothing clears


def visible_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The text a viewer sees: tags removed, entities decoded, spaces collapsed.

    >>> visible_lines(("<font color=yellow>A &amp; B</font>",))
    ('A & B',)
    """
    return tuple(" ".join(html.unescape(_TAG.sub("", ln)).replace("\u00a0", " ").split()) for ln in lines)


def _line_of(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset)


def _read_classes(text: str) -> dict[str, str]:
    """Class name (upper case) -> language tag, from the ``<STYLE>`` block."""
    m = _STYLE.search(text)
    classes: dict[str, str] = {}
    for rule in _CLASS_RULE.finditer(m.group(1) if m else ""):
        lang = _LANG.search(rule.group(2))
        classes[rule.group(1).upper()] = lang.group(1) if lang else ""
    return classes


def read(text: str, source: str = "<string>", encoding: str = "utf-8") -> SubtitleFile:
    """Every cue of every language of a SAMI file, with its line; what cannot be read is a finding."""
    text, layout = split_layout(text)
    reader = Reader(FORMAT)
    starts = [0] + [k + 1 for k, ch in enumerate(text) if ch == "\n"]
    if not sniff(text.lstrip()):
        reader.finding("parse-error", 1, f"a SAMI file starts with <SAMI> (found {text.strip()[:40]!r})")
    classes = _read_classes(text)
    body_end = _END_BODY.search(text)
    stop = body_end.start() if body_end else len(text)
    syncs = [m for m in _SYNC.finditer(text, 0, stop)]
    events: list[tuple[int, str, int, str]] = []  # (start ms, class, line, raw text or "" to clear)
    for k, sync in enumerate(syncs):
        line = _line_of(starts, sync.start())
        start = _START.search(sync.group(1))
        if start is None or int(start.group(1)) < 0:
            reader.unreadable += 1
            reader.finding("bad-timestamp", line, f"a SYNC without a start time in ms (found {sync.group()[:40]!r})")
            continue
        chunk = text[sync.end() : syncs[k + 1].start() if k + 1 < len(syncs) else stop]
        for cls, raw in _paragraphs(chunk, classes):
            events.append((int(start.group(1)), cls, line, raw))
    _add_entries(events, classes, reader)
    info = {f"class:{name}": lang for name, lang in classes.items()}
    return reader.file(source, encoding, layout, styles=frozenset(classes), info=info)


def _paragraphs(chunk: str, classes: dict[str, str]) -> list[tuple[str, str]]:
    """``(class, raw text)`` of each ``<P>`` in one sync; text before any ``<P>`` is the first class's."""
    found = list(_P.finditer(chunk))
    default = next(iter(classes), "")
    out = []
    if not found and chunk.strip():
        out.append((default, chunk))
    for k, p in enumerate(found):
        cls = _CLASS.search(p.group(1))
        end = found[k + 1].start() if k + 1 < len(found) else len(chunk)
        name = cls.group(1).upper() if cls else default
        if out and out[-1][0] == name:
            # Two paragraphs of one class in one sync are shown together, one under the other
            # (pysubs2's test_sami_simple file ends so).
            out[-1] = (name, out[-1][1] + "<br>" + chunk[p.end() : end])
        else:
            out.append((name, chunk[p.end() : end]))
    return out


def _cue_text(raw: str) -> str:
    """Raw cue text: ``<br>`` a line break, source line breaks spaces (HTML), ``</P>`` gone."""
    raw = _CLOSE_P.sub("", raw)
    lines = [" ".join(part.split()) for part in _BR.split(raw)]
    while lines and not visible_lines((lines[-1],))[0]:
        lines.pop()
    while lines and not visible_lines((lines[0],))[0]:
        lines.pop(0)
    return "\n".join(lines)


def _add_entries(events: list[tuple[int, str, int, str]], classes: dict[str, str], reader: Reader) -> None:
    """Each class's text from its sync to the next sync of that class: one entry per cue."""
    pending: dict[str, tuple[int, int, str]] = {}  # class -> (start, line, text) being shown
    found: list[tuple[int, int, str, str, int]] = []  # (line, start, class, text, end)
    for start, cls, line, raw in sorted(events, key=lambda ev: ev[0]):
        text = _cue_text(raw)
        shown = pending.pop(cls, None)
        if shown is not None:
            found.append((shown[1], shown[0], cls, shown[2], start))
        if text:
            pending[cls] = (start, line, text)
    for cls, (start, line, text) in pending.items():
        # No clearing sync after the last cue (pysubs2's test_sami.py files): players show it to
        # the end of the video; pycaption gives it 4 s, and so do we, saying so.
        reader.finding("parse-error", line, f"the last cue has no end (no clearing &nbsp; sync after it; "
                       f"read as {_LAST_MS} ms long)", Severity.WARNING)  # fmt: skip
        found.append((line, start, cls, text, start + _LAST_MS))
    for cls in {c for _, _, c, _, _ in found} - set(classes):
        reader.finding("undefined-style", None, f"class {cls!r} is not defined in the <STYLE> block",
                       Severity.WARNING)  # fmt: skip
    for line, start, cls, text, end in sorted(found, key=lambda f: (f[1], f[0])):
        reader.entries.append(
            Entry(len(reader.entries) + 1, line, line, start, end, text, f"class:{cls}", None, "", None, cls)
        )


def tracks(sub: SubtitleFile) -> dict[str, tuple[Cue, ...]]:
    """The cues of a SAMI file, one track per language (the class's ``lang``, e.g. ``ko``)."""
    out: dict[str, list[Cue]] = {}
    for cue in sub.cues:
        out.setdefault(cue.lang, []).append(cue)
    return {lang: tuple(cues) for lang, cues in out.items()}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# The charset names Korean players know for the codecs a SAMI file may be saved in.
_CHARSET_NAMES = {"cp949": "euc-kr", "euc_kr": "euc-kr", "utf-8": "utf-8"}


def _header(classes: list[str], charset: str) -> list[str]:
    rules = [f".{CLASS_FOR_LANG[c][0]} {{ Name: {CLASS_FOR_LANG[c][2]}; lang: {CLASS_FOR_LANG[c][1]}; SAMIType: CC; }}"
             for c in classes]  # fmt: skip
    return [
        "<SAMI>",
        "<HEAD>",
        f'<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset={charset}">',
        "<TITLE>subtools</TITLE>",
        '<STYLE TYPE="text/css">',
        "<!--",
        "P { margin-left: 8pt; margin-right: 8pt; margin-bottom: 2pt; margin-top: 2pt; text-align: center;",
        "    font-size: 20pt; font-family: sans-serif; font-weight: normal; color: white; }",
        *rules,
        "-->",
        "</STYLE>",
        "</HEAD>",
        "<BODY>",
    ]


def write(track: CueTrack, options: WriteOptions = DEFAULT_WRITE) -> str:
    """SAMI text of ``track``: a KRCC and an ENCC class, a clearing sync at every cue's end."""
    langs = {"ko" if c.lang == "ko" else "en" for c in track.cues} or {"en"}
    classes: list[str] = [lang for lang in ("ko", "en") if lang in langs]
    events: dict[int, list[str]] = {}
    cues = list(track.cues)
    for k, cue in enumerate(cues):
        lang = "ko" if cue.lang == "ko" else "en"
        cls = CLASS_FOR_LANG[lang][0]
        lines = list(cue.lines)
        if cue.label and lines:
            lines[0] = f"{cue.label}: {lines[0]}"
        events.setdefault(cue.start_ms, []).append(f"<P Class={cls}>{'<br>'.join(_escape(ln) for ln in lines)}")
        following = next((c for c in cues[k + 1 :] if ("ko" if c.lang == "ko" else "en") == lang), None)
        if following is None or following.start_ms != cue.end_ms:
            events.setdefault(cue.end_ms, []).insert(0, f"<P Class={cls}>&nbsp;")
    codec = codecs.lookup(options.encoding).name
    out = _header(classes, _CHARSET_NAMES.get(codec.replace("-", "_"), _CHARSET_NAMES.get(codec, codec)))
    for start in sorted(events):
        out.append(f"<SYNC Start={start}>" + "".join(events[start]))
    out.extend(["</BODY>", "</SAMI>", ""])
    return options.prefix + "\n".join(out)


_CHARSET = compile_pattern(r"(charset\s*=\s*)[\w-]+", re.I)


def rewrite(
    sub: SubtitleFile, lines: list[str], order: list[int], ends: dict[int, int]
) -> tuple[list[str], list[Change]]:
    """The file as it is, saved as UTF-8 (so a charset ``<META>`` says utf-8): an end in SAMI is
    the next sync of the class, shared with other cues, so ``--fix`` reports instead of retiming."""
    out = [_CHARSET.sub(r"\g<1>utf-8", ln) if "<meta" in ln.lower() else ln for ln in lines]
    changes = [
        Change("parse-error", e.line, e.number, "not retimed: a SAMI cue ends at the next sync of its class")
        for k, e in enumerate(sub.entries)
        if ends[k] != e.end_ms
    ]
    return out, changes
