"""JSON output: the cues as video tooling consumes them."""

from __future__ import annotations

import json
from typing import Any

from subtools.model import Cue

__all__ = ["cue_to_dict", "write"]


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
        "lang": cue.lang,
        "position": "top" if cue.top else "bottom",
        "story": cue.story,
        "source": {"line": cue.line, "end_line": cue.end_line},
        **extra,
    }


def write(cues: tuple[Cue, ...], cards: tuple[Cue, ...] = (), **meta: Any) -> str:
    data = {**meta, "cues": [cue_to_dict(c) for c in cues], "title_cards": [cue_to_dict(c) for c in cards]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
