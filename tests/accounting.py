"""Independent check that every character of every input line landed in exactly one place."""

from __future__ import annotations

from subtools.model import Piece, Transcript
from subtools.textio import split_lines

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def all_pieces(transcript: Transcript) -> list[tuple[str, Piece]]:
    out: list[tuple[str, Piece]] = []
    for story in transcript.stories:
        if story.title:
            out += [("title", p) for p in story.title.pieces]
        if story.headline:
            out += [("headline", p) for p in story.headline.pieces]
        for meta in story.metadata:
            out += [("metadata", p) for p in meta.pieces]
        for seg in story.segments:
            out += [("segment", p) for p in seg.pieces]
        if story.signoff:
            out += [("signoff", p) for p in story.signoff.pieces]
    out += [("dropped", Piece(d.line, d.col, d.text)) for d in transcript.dropped]
    return out


def accounting_errors(text: str, transcript: Transcript) -> list[str]:
    """Empty when each non-blank character is covered once and each line is listed."""
    lines = split_lines(text)
    covered: dict[int, list[bool]] = {n: [False] * len(raw) for n, raw in enumerate(lines, 1)}
    listed: set[int] = set()
    errors: list[str] = []
    for place, piece in all_pieces(transcript):
        listed.add(piece.line)
        raw = lines[piece.line - 1]
        if not piece.text:
            continue
        if raw[piece.col : piece.col + len(piece.text)] != piece.text:
            errors.append(f"line {piece.line}: {place} piece {piece.text!r} is not at col {piece.col}")
            continue
        for i in range(piece.col, piece.col + len(piece.text)):
            if covered[piece.line][i]:
                errors.append(f"line {piece.line}: col {i} is in two places")
            covered[piece.line][i] = True
    for n, raw in enumerate(lines, 1):
        if n not in listed:
            errors.append(f"line {n}: not accounted for")
        for i, ch in enumerate(raw):
            if not covered[n][i] and not ch.isspace() and ch not in _INVISIBLE:
                errors.append(f"line {n}: {ch!r} at col {i} was lost")
                break
    return errors
