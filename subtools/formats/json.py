"""subtools JSON: the cues as video tooling consumes them, and read back for validate,
preview and burn.

The document is ``{"source", "profile", "fps", "cues": [...], "title_cards": [...]}``; each
cue has ``start_ms``, ``end_ms``, ``lines``, ``kind``, ``role``, ``speaker``, ``lang``,
``speaker_title``, ``position``, ``story``, ``source`` and, when aligned to audio, ``confidence`` and ``flags``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from subtools.errors import ParseError
from subtools.findings import Change
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
from subtools.model import Cue, CueKind, CueTrack, Role

__all__ = [
    "BLOCKS",
    "EXTENSIONS",
    "ORDERED",
    "TICK_MS",
    "cue_to_dict",
    "read",
    "read_track",
    "rewrite",
    "sniff",
    "visible_lines",
    "write",
]

EXTENSIONS: tuple[str, ...] = EXTENSIONS_OF[SubtitleFormat.JSON]
FORMAT = SubtitleFormat.JSON
ORDERED: bool = False  # cues, then title cards: each list is in time order, not the two together
TICK_MS: int = 1  # milliseconds
BLOCKS: bool = False  # a cue is a block: its text lines follow the timing line
_START_KEY = re.compile(r'"start_ms"\s*:')


def cue_to_dict(cue: Cue) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if cue.confidence is not None:
        # Aligned to audio (--audio): how well the words matched, and what an editor should check.
        extra = {"confidence": cue.confidence, "flags": list(cue.flags)}
    return {
        "start_ms": cue.start_ms,
        "end_ms": cue.end_ms,
        "lines": list(cue.lines),
        "kind": cue.kind.value,
        "role": cue.role.value if cue.role else None,
        "speaker": cue.speaker,
        "speaker_title": cue.speaker_title,
        "lang": cue.lang,
        "position": "top" if cue.top else "bottom",
        "story": cue.story,
        "source": {"line": cue.line, "end_line": cue.end_line},
        **extra,
    }


def write(track: CueTrack, options: WriteOptions = DEFAULT_WRITE) -> str:
    """The JSON document of ``track`` (never with a BOM, which JSON does not allow)."""
    data = {
        "source": track.source,
        "profile": track.profile,
        "fps": str(track.fps),
        "cues": [cue_to_dict(c) for c in track.cues],
        "title_cards": [cue_to_dict(c) for c in track.cards],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def sniff(head: str) -> bool:
    """A JSON object whose keys include ``cues``, as subtools writes it."""
    return head.startswith("{") and '"cues"' in head


def visible_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """JSON lines are plain text: only outer spaces are trimmed."""
    return tuple(ln.strip() for ln in lines)


def _load(text: str, source: str) -> dict[str, Any]:
    try:
        doc = json.loads(text)
    except RecursionError:
        # json.loads recurses per nesting level: "[[[[…" of 20,000 brackets is not a document.
        raise ParseError("not subtools JSON (found arrays or objects nested too deeply)", source) from None
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise ParseError(f"not subtools JSON ({getattr(exc, 'msg', exc)})", source, line) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("cues"), list):
        raise ParseError('not subtools JSON (found no "cues" list, expected {"cues": [...]})', source)
    return doc


def _cue(d: Any) -> Cue:
    role = d.get("role")
    return Cue(
        int(d["start_ms"]), int(d["end_ms"]), tuple(str(x) for x in d["lines"]),
        kind=CueKind(str(d.get("kind", "speech"))), role=Role(str(role)) if role else None,
        speaker=str(d["speaker"]) if d.get("speaker") else None, lang=str(d.get("lang", "en")),
        top=d.get("position") == "top", story=int(d.get("story", 0)),
    )  # fmt: skip


def read_track(text: str, source: str = "<string>") -> CueTrack:
    """The cues and title cards of a subtools JSON document, for preview and burn.

    Raises:
        ParseError: not JSON, or not a document subtools writes.
    """
    doc = _load(split_layout(text)[0], source)
    try:
        cues = tuple(_cue(d) for d in doc["cues"])
        cards = tuple(_cue(d) for d in doc.get("title_cards", []))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ParseError(f"not subtools JSON (missing or bad field {exc})", source) from None
    return CueTrack(cues, cards, source=doc.get("source"), profile=str(doc.get("profile", "")))


def read(text: str, source: str = "<string>", encoding: str = "utf-8") -> SubtitleFile:
    """Entries of the cues, then the title cards (on-screen signs, checked for structure only).

    A cue's line is the line of its ``"start_ms"`` key: keys are found in document order,
    which is the order of the cues list, then the cards list, as subtools writes them.
    """
    text, layout = split_layout(text)
    reader = Reader(FORMAT)
    try:
        doc = _load(text, source)
    except ParseError as err:
        reader.unreadable += 1
        reader.finding("parse-error", err.line or 1, err.message)
        return reader.file(source, encoding, layout)
    starts = [text.count("\n", 0, m.start()) + 1 for m in _START_KEY.finditer(text)]
    # Cards are signs, each kind in its own place (the headline sits under the title).
    items = [(d, "") for d in doc["cues"]] + [(d, "sign:") for d in doc.get("title_cards") or []]
    for k, (d, place) in enumerate(items):
        line = starts[k] if k < len(starts) else 1
        try:
            cue = _cue(d)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            reader.unreadable += 1
            reader.finding("parse-error", line, f"cannot read this cue (missing or bad field {exc})")
            continue
        region = f"sign:{cue.kind.value}" if place else ("top" if cue.top else "bottom")
        reader.entries.append(
            Entry(len(reader.entries) + 1, line, line, cue.start_ms, cue.end_ms, "\n".join(cue.lines), region,
                  None, "", cue.speaker, None)
        )  # fmt: skip
    return reader.file(source, encoding, layout)


def rewrite(
    sub: SubtitleFile, lines: list[str], order: list[int], ends: dict[int, int]
) -> tuple[list[str], list[Change]]:
    """The document with the cues' new end times (cues and cards keep their order)."""
    doc = _load("\n".join(lines), sub.source)
    items = list(doc["cues"]) + list(doc.get("title_cards") or [])
    for k, end in ends.items():
        items[k]["end_ms"] = end
    return json.dumps(doc, ensure_ascii=False, indent=2).split("\n"), []
