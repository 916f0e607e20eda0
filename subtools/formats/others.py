"""Subtitle formats subtools does not read, recognised so that a file in one is named, not
misread as SRT (``comment.smi:1: parse-error cannot read a cue here (found '<SAMI>'…)`` before).

Each test looks at the start of the file only; the binary formats at its first bytes.
"""

from __future__ import annotations

import re

__all__ = ["name_binary", "name_extension", "name_text"]

# Where the start of a file shows nothing (pysubs2's MicroDVD test_parser_skipping_lines.f.sub), its extension names it.
_EXTENSIONS = {".stl": "EBU-STL",
               ".scc": "SCC", ".sub": "MicroDVD or VobSub", ".idx": "VobSub index", ".sup": "PGS",
               ".mpl": "MPL2"}  # fmt: skip


def name_extension(suffix: str) -> str | None:
    """The unsupported format a file extension (lower case, with the dot) names."""
    return _EXTENSIONS.get(suffix)


# (name, pattern on the first 2,000 characters, stripped of a BOM and leading blank lines)
_TEXT_SIGNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("SCC", re.compile(r"^Scenarist_SCC V")),
    ("VobSub index", re.compile(r"^# VobSub index file")),
    ("MicroDVD", re.compile(r"^\{\d+\}\{\d*\}")),
    ("MPL2", re.compile(r"^\[\d+\]\[\d*\]")),
    ("TMP", re.compile(r"^\d{1,2}:\d\d:\d\d[:=]")),
)


def name_text(head: str) -> str | None:
    """The name of the format a text file's start shows, among those subtools does not read.

    >>> name_text("Scenarist_SCC V1.0"), name_text("{1}{25}Hi")
    ('SCC', 'MicroDVD')
    """
    for name, sign in _TEXT_SIGNS:
        if sign.match(head):
            return name
    return None


def name_binary(data: bytes) -> str | None:
    """The name of a binary subtitle format from a file's first bytes.

    >>> name_binary(b"\\x38\\x35\\x30STL25.01" + bytes(20))
    'EBU-STL'
    """
    if data[3:8] == b"STL25" or data[3:8] == b"STL30" or data[3:8] == b"STL24" or data[3:8] == b"STL50":
        return "EBU-STL"
    if data[:2] == b"PG":
        return "PGS"
    if data[:4] == b"\x00\x00\x01\xba":
        return "VobSub"
    return None
