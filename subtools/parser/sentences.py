"""Sentences of a story body: the units pass 3 gives a speaker.

Text items of consecutive lines are joined and cut at sentence ends; a quote that fills
whole lines becomes one quote sentence (a soundbite); markers stay items, in order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from subtools.language import ABBREVIATIONS, SENTENCE_END, script_lang
from subtools.parser.items import QUOTE_CLOSE, Item, ItemKind, join_pieces, trim
from subtools.startup.patterns import compile_pattern

__all__ = ["Sentence", "build_sentences"]


@dataclass(slots=True, repr=False, eq=False)
class Sentence:
    """One sentence (or one full-line quote) of a story, as spans of its lines."""

    spans: list[tuple[int, int, str]]  # (line, col, text)
    para: int
    quote: bool = False
    after_blank: bool = False  # it starts a line that comes right after a blank line
    numbered: bool = False  # it starts a line that opens with a list number

    @property
    def text(self) -> str:
        return join_pieces([t for _, _, t in self.spans])

    @property
    def first_line(self) -> int:
        return self.spans[0][0]

    @property
    def last_line(self) -> int:
        return self.spans[-1][0]

    def split_at(self, offset: int) -> tuple[Sentence, Sentence]:
        """Two sentences cut at ``offset`` of the spans joined by single spaces."""
        first: list[tuple[int, int, str]] = []
        second: list[tuple[int, int, str]] = []
        pos = 0
        for line, col, text in self.spans:
            if pos + len(text) <= offset:
                first.append((line, col, text))
            elif pos >= offset:
                second.append((line, col, text))
            else:
                k = offset - pos
                head = trim(text[:k])[1]
                offset, tail = trim(text[k:])
                if head:
                    first.append((line, col, head))
                if tail:
                    second.append((line, col + k + offset, tail))
            pos += len(text) + 1
        return Sentence(first, self.para), Sentence(second, self.para)


def _sentence_cuts(text: str) -> list[int]:
    """Offsets just after each sentence end inside ``text`` (not at its very end)."""
    cuts = []
    for m in compile_pattern(r"[.?!…。]+[\"”’'»)\]]*(?=\s+[\"“(\[]?[A-Z0-9가-힣])").finditer(text):
        # The word the mark ends, found backwards from it (not by searching the whole text before it).
        head = m.start() + 1
        start = head
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        token = text[start:head].rstrip(".").lstrip('"“(').casefold()
        # "Mr. Kim", "U.S. Secretary", "H.W. Bush" (the last two in
        # fixtures/transcripts/arirang-lee-ji-won.txt): a dot after an abbreviation or an
        # initial is not a sentence end.
        if m.group(0) == "." and (
            token in ABBREVIATIONS or len(token) == 1 or compile_pattern(r"(?:[a-z]\.)+[a-z]").fullmatch(token)
        ):
            continue
        cuts.append(m.end())
    return cuts


# A full-line quote runs over at most this many lines; a longer stretch between quote
# marks is more likely a stray or missing quote mark than one soundbite.
_QUOTE_MAX_LINES = 10


def _quote_blocks(texts: list[Item]) -> dict[int, int]:
    """Index of each text item inside a full-line quote → the quote's block id
    (fixtures/transcripts/arirang-curly-quotes.txt).

    A quote block starts at a line start with an opening quote, after a line that ended a
    sentence (a quoted name that finishes a hard-wrapped sentence is narration,
    quote-wrapped-name.txt), and ends at a line end with a closing quote, with no quote mark
    in between, within ``_QUOTE_MAX_LINES`` lines. Its lines may be separated by blank lines
    while the quote is open (quote-blank-lines.txt); a quote still open at the end of the
    page is a block to the end (quote-unclosed-eof.txt). A quote that ends mid-line ('"…,"
    the minister said.') is the reporter's narration.
    """
    members: dict[int, int] = {}
    i = 0
    while i < len(texts):
        t = texts[i]
        if t.line_start and t.text[:1] in '"“„«' and _after_sentence(texts, i):
            end = _quote_block_end(texts, i)
            if end is not None:
                for k in range(i, end + 1):
                    members[k] = i
                i = end
        i += 1
    return members


def _after_sentence(texts: list[Item], i: int) -> bool:
    """The text before ``texts[i]`` ended a sentence (or there is none on the line before)."""
    if i == 0:
        return True
    prev = texts[i - 1]
    if prev.line < texts[i].line - 1 or texts[i].after_blank:
        return True
    return bool(SENTENCE_END.search(prev.text)) or prev.text.endswith(":")


def _quote_block_end(texts: list[Item], i: int) -> int | None:
    """The index of the last line of the quote block opening at ``texts[i]``, or None."""
    for j in range(i, min(i + _QUOTE_MAX_LINES, len(texts))):
        if j > i and not texts[j].line_start:
            return None
        if j > i and texts[j].line != texts[j - 1].line + 1 and not texts[j].after_blank:
            return None
        joined = " ".join(x.text for x in texts[i : j + 1])
        if joined[-1:] in QUOTE_CLOSE and len(joined) > 2:
            return None if any(q in joined[1:-1] for q in '"“”') else j
        if any(q in joined[1:] for q in '"“”'):
            return None
        if j == len(texts) - 1 and j - i < _QUOTE_MAX_LINES:
            return j  # the page ends inside the quote
    return None


def build_sentences(body: list[Item]) -> list[Sentence | Item]:
    """Text items become sentences; markers stay items, in order."""
    out: list[Sentence | Item] = []
    texts = [it for it in body if it.kind is ItemKind.TEXT]
    blocks = {id(texts[k]): b for k, b in _quote_blocks(texts).items()}
    para = 0
    current: Sentence | None = None
    prev: Item | None = None
    for it in body:
        if it.kind is not ItemKind.TEXT:
            current = None
            para += 1
            out.append(it)
            prev = it
            continue
        block = blocks.get(id(it))
        new_para = (
            prev is None
            or prev.kind is not ItemKind.TEXT
            or it.line > prev.line + 1
            or block != blocks.get(id(prev))
            or (it.line_start and bool(SENTENCE_END.search(prev.text)))
            or script_lang(it.text) != script_lang(prev.text)
        )
        if new_para:
            para += 1
            current = None
        if block is not None:
            if block == blocks.get(id(prev)) and out and isinstance(out[-1], Sentence) and out[-1].quote:
                current = out[-1]  # a quote running over several lines stays one soundbite
            elif current is None or not current.quote:
                current = Sentence([], para, quote=True, after_blank=it.after_blank, numbered=it.numbered)
                out.append(current)
            current.spans.append((it.line, it.col, it.text))
            prev = it
            continue
        cuts = [0, *_sentence_cuts(it.text), len(it.text)]
        for a, b in itertools.pairwise(cuts):
            offset, stripped = trim(it.text[a:b])
            if not stripped:
                continue
            col = it.col + a + offset
            if current is None or a > 0:
                current = Sentence([], para, after_blank=it.after_blank and a == 0, numbered=it.numbered and a == 0)
                out.append(current)
            current.spans.append((it.line, col, stripped))
        if SENTENCE_END.search(it.text):
            current = None
        prev = it
    return out
