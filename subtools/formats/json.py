"""subtools JSON: the cues as video tooling consumes them, and read back for validate,
preview and burn; and Whisper's JSON, read for its segments and each word's time.

The document is ``{"source", "profile", "fps", "cues": [...], "title_cards": [...]}``; each
cue has ``start_ms``, ``end_ms``, ``lines``, ``kind``, ``role``, ``speaker``, ``lang``,
``speaker_title``, ``position``, ``story``, ``source`` and, when aligned to audio, ``confidence`` and ``flags``
(``flags`` also when a cue has one without audio: ``too-fast``, ``dual-speaker``);
a dual-speaker cue also ``speakers`` and ``roles``, one a line.

Whisper (``openai-whisper``'s ``transcribe`` result as its JSON writer dumps it) is
``{"text", "segments": [{"start", "end", "text", "words": [{"word", "start", "end",
"probability"}]}], "language"}``, times in seconds, ``words`` only with
``word_timestamps=True``; whisperX adds ``"speaker"`` to segments (diarization), may leave a
word it could not align without times, and writes ``"word_segments"`` beside the segments.
A document with ``"cues"`` is subtools'; one with ``"segments"`` or ``"word_segments"``
and no ``"cues"`` is Whisper's.
"""

from __future__ import annotations

import json
from typing import Any

from subtools.errors import ParseError
from subtools.findings import Change
from subtools.formats.base import (
    DEFAULT_WRITE,
    EXTENSIONS_OF,
    Entry,
    FileWord,
    Reader,
    SubtitleFile,
    SubtitleFormat,
    WriteOptions,
    split_layout,
)
from subtools.formats.signatures import json as sniff
from subtools.model import Cue, CueKind, CueTrack, Role
from subtools.startup.patterns import compile_pattern

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
_START_KEY = compile_pattern(r'"start_ms"\s*:')


def cue_to_dict(cue: Cue) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if cue.confidence is not None:
        # Aligned to audio (--audio): how well the words matched, and what an editor should check.
        extra = {"confidence": cue.confidence, "flags": list(cue.flags)}
    elif cue.flags:
        # What an editor should check without audio: reflow's too-fast cues, dual-speaker pairs.
        extra = {"flags": list(cue.flags)}
    if cue.voices:
        # A dual-speaker cue: who says each line (``speaker``/``role`` are the first's).
        extra["speakers"] = [v.speaker for v in cue.voices]
        extra["roles"] = [v.role.value if v.role else None for v in cue.voices]
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
    if not isinstance(doc, dict) or not (isinstance(doc.get("cues"), list) or _is_whisper(doc)):
        raise ParseError('not subtools JSON (found no "cues" list, expected {"cues": [...]})', source)
    return doc


def _is_whisper(doc: dict[str, Any]) -> bool:
    return "cues" not in doc and (isinstance(doc.get("segments"), list) or isinstance(doc.get("word_segments"), list))


# A time past a year is no subtitle's (and keeps int ms of a float exact).
_LATEST_S = 366 * 24 * 3600


def _ms(value: Any) -> int | None:
    """Seconds as int ms, or None for a missing or unusable time."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < _LATEST_S:
        return None  # also inf and NaN (JSON's 1e999 reads as inf; round() of it raises)
    return round(value * 1000)


def _whisper_word(d: Any) -> FileWord | None:
    if not isinstance(d, dict):
        return None
    text = d.get("word", d.get("text"))  # older whisperX word_segments say "text"
    if not isinstance(text, str) or not text.strip():
        return None
    return text.strip(), _ms(d.get("start")), _ms(d.get("end"))


def _pieces(word: FileWord) -> list[FileWord]:
    """A word with a space inside ("New York" from some aligners) as one word per piece:
    the first starts at its start, the last ends at its end."""
    parts = word[0].split()
    if len(parts) == 1:
        return [word]
    return [(p, word[1] if k == 0 else None, word[2] if k == len(parts) - 1 else None) for k, p in enumerate(parts)]


def _whisper_segments(doc: dict[str, Any]) -> list[Any]:
    """The segments, or, in a file of whisperX ``word_segments`` only, the words cut into
    sentences (so that no cue of the file runs for minutes)."""
    if isinstance(doc.get("segments"), list) and doc["segments"]:
        return list(doc["segments"])
    segments: list[dict[str, Any]] = []
    for d in doc.get("word_segments") or []:
        if not segments or segments[-1]["done"]:
            segments.append({"words": [], "done": False})
        segments[-1]["words"].append(d)
        word = _whisper_word(d)
        segments[-1]["done"] = word is not None and word[0].endswith((".", "?", "!"))
    return segments


def _read_whisper(doc: dict[str, Any], reader: Reader) -> list[tuple[FileWord, ...]]:
    """Entries of Whisper's segments; returns each entry's words with their times."""
    words: list[tuple[FileWord, ...]] = []
    for k, seg in enumerate(_whisper_segments(doc)):
        seg = seg if isinstance(seg, dict) else {}
        own = tuple(piece for w in map(_whisper_word, seg.get("words") or []) if w is not None for piece in _pieces(w))
        times = [t for w in own for t in w[1:] if t is not None]
        start, end = _ms(seg.get("start")), _ms(seg.get("end"))
        start = start if start is not None else min(times, default=None)
        end = end if end is not None else max(times, default=None)
        text = seg.get("text")
        text = text.strip() if isinstance(text, str) and text.strip() else " ".join(w[0] for w in own)
        if start is None or end is None:
            reader.unreadable += 1
            reader.finding("parse-error", 1, f"cannot read Whisper segment {k + 1} (found no start or end time)")
            continue
        speaker = seg.get("speaker") if isinstance(seg.get("speaker"), str) else None
        # Whisper's writer dumps the document on one line: every segment is on line 1.
        reader.entries.append(Entry(len(reader.entries) + 1, 1, 1, start, end, text, "bottom", None, "", speaker, None))
        words.append(own)
    return words


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
    if _is_whisper(doc):
        return CueTrack(read(text, source).cues, source=source)
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
    if _is_whisper(doc):
        words = _read_whisper(doc, reader)
        return reader.file(source, encoding, layout, words=tuple(words))
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


def _rewrite_whisper(
    doc: dict[str, Any], sub: SubtitleFile, lines: list[str], ends: dict[int, int]
) -> tuple[list[str], list[Change]]:
    """Whisper's document with moved segment ends (a word ending after its segment's new end
    ends with it), on one line as Whisper writes it. A whisperX file of ``word_segments`` only
    has no segment ends to move: it is left as it is and each end it would move is reported."""
    moved = {k: end for k, end in ends.items() if end != sub.entries[k].end_ms}
    if not (isinstance(doc.get("segments"), list) and doc["segments"]):
        note = "not retimed: a file of word_segments only has no cue ends to move"
        return lines, [Change("parse-error", sub.entries[k].line, sub.entries[k].number, note) for k in moved]
    for k, end in moved.items():
        segment = doc["segments"][k]
        segment["end"] = end / 1000
        for word in segment.get("words") or []:
            if isinstance(word, dict) and _ms(word.get("end")) is not None and word["end"] > end / 1000:
                word["end"] = end / 1000
    return json.dumps(doc, ensure_ascii=False).split("\n"), []


def rewrite(
    sub: SubtitleFile, lines: list[str], order: list[int], ends: dict[int, int]
) -> tuple[list[str], list[Change]]:
    """The document with the cues' new end times (cues and cards keep their order)."""
    doc = _load("\n".join(lines), sub.source)
    if _is_whisper(doc):
        return _rewrite_whisper(doc, sub, lines, ends)
    items = list(doc["cues"]) + list(doc.get("title_cards") or [])
    for k, end in ends.items():
        items[k]["end_ms"] = end
    return json.dumps(doc, ensure_ascii=False, indent=2).split("\n"), []
