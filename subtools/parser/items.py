"""Items: what pass 1 makes of each piece of a line, and the text helpers all passes share."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from subtools.model import DropReason, Piece, Role
from subtools.startup.patterns import compile_pattern

__all__ = ["QUOTE_CLOSE", "QUOTE_OPEN", "Item", "ItemKind", "clean", "join_pieces", "trim"]


class ItemKind(StrEnum):
    """What a piece of a line is."""

    DROP = "drop"  # not part of the report: chrome, timestamps, artefacts, labels
    META = "meta"  # metadata: a date, a byline, a credit line
    TEXT = "text"  # spoken text
    TAG = "tag"  # a role tag: "[Reporter]", "Anchor:", "SOUNDBITE:"
    LABEL = "label"  # a speaker label: "CHRISTINE ROMANS, CNN ANCHOR:"
    CHEVRON = "chevron"  # caption chevrons: ">>" speaker change, ">>>" new story
    LANG = "lang"  # a language marker: "(Korean)"
    SIGNOFF = "signoff"  # "Kim Min-ji, KBS News."
    STORY = "story"  # a story marker: "[Top Story]", "1." before a title
    TAPE = "tape"  # (BEGIN VIDEOTAPE) / (END VIDEOTAPE); holds no text
    HEADING = "heading"  # an agency script's section heading, a turn break; holds no text


@dataclass(slots=True, repr=False, eq=False)
class Item:
    """One piece of one line and what it is."""

    kind: ItemKind
    line: int
    col: int
    text: str
    reason: DropReason | None = None
    meta_kind: str | None = None
    role: Role | None = None
    name: str | None = None
    title: str | None = None
    modifiers: tuple[str, ...] = ()
    level: int = 0
    lang: str | None = None
    outlet: str | None = None
    line_start: bool = False
    bullet: bool = False  # the line began with a list bullet ("  • ≡ Title", tbs-news-list.txt)
    after_blank: bool = False  # a blank line comes right before this item's line
    numbered: bool = False  # the line opens with a list number ("2) …", qa-numbered-quotes.txt)

    def piece(self) -> Piece:
        return Piece(self.line, self.col, self.text)


_WS = compile_pattern(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
QUOTE_OPEN = "\"“„«'‘"
QUOTE_CLOSE = "\"”»'’"


def clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def join_pieces(texts: list[str]) -> str:
    """Pieces of consecutive lines as one text; a word hyphenated across a hard wrap
    ("Kim Hyun-" / "jung reports") is joined back without a space.

    >>> join_pieces(["Kim Hyun-", "jung reports."])
    'Kim Hyun-jung reports.'
    """
    parts: list[str] = []
    last = ""  # the end of the text so far: only its last two characters matter
    for text in texts:
        if parts and compile_pattern(r"[A-Za-z]-").fullmatch(last[-2:]) and text[:1].islower():
            parts.append(text)
        else:
            parts.append(f" {text}" if parts else text)
        last = (last + text)[-2:]
    return clean("".join(parts))


# The invisible marks _WS also counts as space; str.strip() already strips exactly the
# characters \s matches (both use str.isspace), and is many times faster than a regex
# anchored at the end, which is tried at every position of a long line.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def trim(text: str) -> tuple[int, str]:
    """(offset, text) without whitespace or invisible marks (a stray BOM, ZWSP) at the ends.

    >>> trim("\ufeff  Lee Ji-won \u200b")
    (3, 'Lee Ji-won')
    """
    s = text.lstrip()
    while s and s[0] in _INVISIBLE:
        s = s.lstrip(_INVISIBLE).lstrip()
    offset = len(text) - len(s)
    s = s.rstrip()
    while s and s[-1] in _INVISIBLE:
        s = s.rstrip(_INVISIBLE).rstrip()
    return offset, s
