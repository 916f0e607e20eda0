"""The transcript parser: raw news transcript text → the frozen transcript model.

``transcript`` runs three passes over the text: ``lines`` cuts every line into
``items`` (chrome, metadata, labels, text, …, with help from ``chrome`` and
``speakers``), ``stories`` finds stories, titles and headlines, and ``roles`` decides
who speaks each of the ``sentences``. ``report`` renders the result as a table or JSON.
"""

from __future__ import annotations

from subtools.parser.transcript import parse_transcript, read_transcript

__all__ = ["parse_transcript", "read_transcript"]
