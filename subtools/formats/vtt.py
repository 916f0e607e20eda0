"""WebVTT output, written here: pysubs2's VTT writer neither escapes ``&``, ``<`` or
``-->`` nor writes ``<v>`` voice spans (library-notes §1.1), both of which we need."""

from __future__ import annotations

from subtools.model import Cue, CueKind

__all__ = ["escape", "write"]


def escape(text: str) -> str:
    """Escape cue text so that it cannot be read as markup or a timing line.

    >>> escape("A&B <i> -->")
    'A&amp;B &lt;i&gt; --&gt;'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _timestamp(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def write(cues: tuple[Cue, ...], *, title: str | None = None) -> str:
    """WebVTT text with ``<v Speaker>`` spans and top-positioned headline cues."""
    out = ["WEBVTT" + (f" - {escape(title)}" if title else ""), ""]
    for index, cue in enumerate(cues, start=1):
        settings = " line:0 position:50% align:center" if cue.top else ""
        out.append(str(index))
        out.append(f"{_timestamp(cue.start_ms)} --> {_timestamp(cue.end_ms)}{settings}")
        lines = [escape(line) for line in cue.lines]
        if cue.kind is CueKind.SPEECH:
            voice = cue.speaker or (cue.role.value.capitalize() if cue.role else None)
            if voice:
                # A voice span covers one line's text; each line gets its own.
                lines = [f"<v {escape(voice)}>{line}</v>" for line in lines]
        out.extend(lines)
        out.append("")
    return "\n".join(out)
