"""The transcript parser: raw news transcript text → the frozen transcript model.

Three passes over the text: ``lines`` cuts every line into items (chrome, metadata,
labels, text, …), ``transcript`` finds stories, titles and headlines, ``roles`` decides
who speaks each sentence. ``report`` renders the result as a table or JSON.
"""

from __future__ import annotations

from subtools.parser.transcript import parse_transcript, read_transcript

__all__ = ["parse_transcript", "read_transcript"]
