"""Render a parsed transcript for people (a table) and for programs (JSON)."""

from __future__ import annotations

import json
import textwrap
import unicodedata
from typing import Any

from subtools.model import Transcript

__all__ = ["format_transcript_json", "format_transcript_table", "transcript_to_dict"]


def transcript_to_dict(transcript: Transcript) -> dict[str, Any]:
    """The JSON-ready shape of a transcript (issue #2's contract, plus extra keys)."""
    stories = []
    for story in transcript.stories:
        stories.append(
            {
                "title": story.title.text if story.title else None,
                "title_line": story.title.line if story.title else None,
                "headline": (
                    {"text": story.headline.text, "lang": story.headline.lang, "line": story.headline.line}
                    if story.headline
                    else None
                ),
                "metadata": [{"kind": m.kind, "text": m.text, "line": m.line} for m in story.metadata],
                "segments": [
                    {
                        "role": seg.role.value,
                        "speaker": seg.speaker,
                        "speaker_title": seg.speaker_title,
                        "lang": seg.lang,
                        "text": seg.text,
                        "line": seg.line,
                        "end_line": seg.end_line,
                        **({"original_lang": seg.original_lang} if seg.original_lang else {}),
                        **({"delivery": list(seg.delivery)} if seg.delivery else {}),
                        **({"times": [{"line": t.line, "ms": t.ms} for t in seg.times]} if seg.times else {}),
                    }
                    for seg in story.segments
                ],
                "signoff": (
                    {
                        "text": story.signoff.text,
                        "name": story.signoff.name,
                        "outlet": story.signoff.outlet,
                        "line": story.signoff.line,
                    }
                    if story.signoff
                    else None
                ),
            }
        )
    return {
        "source": transcript.source,
        "encoding": transcript.encoding,
        "stories": stories,
        "dropped": [{"line": d.line, "text": d.text, "reason": d.reason.value} for d in transcript.dropped],
    }


def format_transcript_json(transcript: Transcript) -> str:
    return json.dumps(transcript_to_dict(transcript), ensure_ascii=False, indent=2) + "\n"


def _cells(text: str) -> int:
    """Terminal cells: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, cells: int) -> str:
    return text + " " * max(0, cells - _cells(text))


def _wrap(text: str, indent: int, width: int) -> str:
    room = max(width - indent, 20)
    if _cells(text) > len(text) * 1.3:  # mostly wide characters: half as many fit
        room //= 2
    lines = textwrap.wrap(text, width=room) or [""]
    return ("\n" + " " * indent).join(lines)


def _clock(ms: int) -> str:
    """``m:ss`` or ``h:mm:ss`` of a pasted timestamp, as a paste writes it."""
    s = ms // 1000
    h, m, sec = s // 3600, s // 60 % 60, s % 60
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def format_transcript_table(transcript: Transcript, width: int = 100) -> str:
    """One row per title, headline, segment and sign-off; dropped lines at the end."""
    out: list[str] = [f"{transcript.source} ({transcript.encoding}, {transcript.line_count} lines)"]
    indent = 36
    for number, story in enumerate(transcript.stories, start=1):
        out.append("")
        out.append(f"story {number}")
        rows: list[tuple[int, str, str]] = []
        if story.title:
            rows.append((story.title.line, f"{story.title.line:>5}  title", story.title.text))
        if story.headline:
            h = story.headline
            rows.append((h.line, f"{h.line:>5}  headline [{h.lang}]", h.text))
        for m in story.metadata:
            rows.append((m.line, f"{m.line:>5}  {m.kind}", m.text))
        for seg in story.segments:
            span = f"{seg.line}" if seg.line == seg.end_line else f"{seg.line}-{seg.end_line}"
            who = seg.speaker or "-"
            label = f"{span:>5}  {seg.role.value} ({who})"
            if len(label) > indent - 2:
                label = label[: indent - 3] + "…"
            text = seg.text if seg.lang == "en" else f"[{seg.lang}] {seg.text}"
            if seg.speaker_title:
                text = f"«{seg.speaker_title}» {text}"
            if seg.times:
                text += "  [" + ", ".join(f"{_clock(t.ms)} line {t.line}" for t in seg.times) + "]"
            rows.append((seg.line, label, text))
        if story.signoff:
            s = story.signoff
            who = " · ".join(p for p in (s.name, s.outlet) if p)
            rows.append((s.line, f"{s.line:>5}  sign-off", f"{s.text}  ({who})"))
        for _, label, text in sorted(rows, key=lambda r: r[0]):
            out.append(f"{_pad(label, indent)}{_wrap(text, indent, width)}")
    if transcript.dropped:
        out.append("")
        out.append("dropped")
        for d in transcript.dropped:
            shown = d.text if len(d.text) <= width - indent else d.text[: width - indent - 1] + "…"
            out.append(f"{d.line:>5}  {d.reason.value:<{indent - 7}}{shown}".rstrip())
    return "\n".join(out) + "\n"
