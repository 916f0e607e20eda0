"""Where cues and lines break: a dynamic program over the gaps between words.

Every gap between two words may stay a space, end a line inside a cue (``<eol>``) or
end the cue (``<eob>``). Each choice has a cost taken from the professional rules in
``style-rules.md`` §2.8: break after sentence punctuation, then after commas, then
before a conjunction or preposition; never after an article or other function word,
never between a first and last name (or a title and a name), never between a number
and its unit. Cue shape adds costs: one line when the text fits, otherwise a
bottom-heavy or balanced pair. The cheapest segmentation wins. Hard limits (line
width, two lines, words per cue) are never crossed, except by a single word wider
than a line, which is kept whole (never broken inside a word).

The weights were tuned against human captions (``linebreak-corpus``; figures in the
README), not against taste.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from subtools.language import CONJUNCTIONS as _CONJUNCTIONS
from subtools.language import FUNCTION_WORDS as _FUNCTION_WORDS
from subtools.language import NAME_ABBREVIATIONS
from subtools.language import PREPOSITIONS as _PREPOSITIONS
from subtools.language import SENTENCE_END as _SENTENCE_END
from subtools.profile import Limits, text_width

__all__ = ["BreakWeights", "break_text"]

_ABBREVIATIONS = frozenset(f"{a}." for a in NAME_ABBREVIATIONS)
_CLAUSE_END = re.compile(r"[,;:—–]+[\"”’')\]]*$|[\"”’]$")
# Possessives and common adjective endings: a break after them usually splits a modifier
# from its noun (no part-of-speech tagger here, so the suffix stands in for one).
_MODIFIER_END = re.compile(r"(?:['’]s|al|ive|ous|ic|ful|less|able|ible|ary|ern|ese|ish|ian|ean|ar)$")
_KOREAN_CONNECTIVE = re.compile(r"(?:고|며|면서|지만|는데|은데|니까|아서|어서|해서|면|도록|려고|자)[,]?$")
_KOREAN_BOUND_NOUN = frozenset("수 것 때 등 중 명 개 년 월 일 씨 만 뿐 데 바 적 듯".split())


@dataclass(frozen=True, slots=True)
class BreakWeights:
    """Costs of the segmenter; the defaults are the tuned ones."""

    cue: float = 3.0  # every cue costs this: fewer, fuller cues unless breaks are bad
    two_lines_when_one_fits: float = 6.0
    top_heavier_per_char: float = 0.05
    imbalance_per_char: float = 0.03
    short_cue_chars: int = 14
    short_cue: float = 4.0
    short_line_chars: int = 12  # a two-line cue with a stub line ("Seoul / and Washington …")
    short_line: float = 3.0
    sentence_inside_line: float = 8.0  # DCMP: don't end one sentence and start another on a line
    sentence_at_line_break: float = 1.5  # better at the cue end


# After an abbreviation, these capitalised words start a new sentence ("… the U.S. Despite
# …"), where a name or title would not ("U.S. Secretary").
_SENTENCE_STARTERS = frozenset(
    "the a an but and so despite however also on in it this that they he she we i there meanwhile after "
    "before for at as while with from last earlier later now still yet".split()
)


def _is_sentence_end(word: str, nxt: str = "") -> bool:
    if not _SENTENCE_END.search(word):
        return False
    if word.casefold() not in _ABBREVIATIONS:
        return True
    return nxt[:1].isupper() and nxt.strip('"“(').casefold() in _SENTENCE_STARTERS


def _gap_costs(words: list[str], korean: bool, w_modifier: float = 4.0) -> tuple[list[float], list[float], list[bool]]:
    """(eol cost, eob cost, sentence end) of a break after each word but the last."""
    eol: list[float] = []
    eob: list[float] = []
    ends: list[bool] = []
    for k in range(len(words) - 1):
        word, nxt = words[k], words[k + 1]
        bare_next = nxt.strip("\"“”'‘’([").casefold()
        end = _is_sentence_end(word, nxt)
        ends.append(end)
        if end:
            a, b = 1.0, 0.0
        elif _CLAUSE_END.search(word):
            a, b = 0.5, 2.5
        elif word.endswith(("...", "…")):
            a, b = 1.0, 3.0
        elif korean:
            a, b = (2.0, 4.0) if _KOREAN_CONNECTIVE.search(word) else (4.0, 6.5)
        elif bare_next in _CONJUNCTIONS:
            a, b = 2.0, 4.5
        elif bare_next in _PREPOSITIONS:
            a, b = 2.5, 5.0
        else:
            a, b = 4.5, 7.0
        extra = 0.0
        if korean:
            if bare_next in _KOREAN_BOUND_NOUN:
                extra += 12.0  # 할 수 있다: a verb and its dependent noun stay together
            if re.fullmatch(r"[\d,.]+", word):
                extra += 10.0  # 3 명, 10 km
        else:
            if word.casefold().strip('"“(') in _FUNCTION_WORDS and not end:
                extra += 6.0  # "the | talks", "of | the": never after a function word
            if not end and not _CLAUSE_END.search(word) and word[:1].isupper() and nxt[:1].isupper():
                extra += 12.0  # "Lee | Ji-won", "Minister | Kang": names stay whole
            if re.search(r"\d", word) and not end and not _CLAUSE_END.search(word) and nxt[:1].islower():
                extra += 10.0  # "300 | millimeters"
            if (
                not end
                and _MODIFIER_END.search(word)
                and nxt[:1].islower()
                and bare_next not in _FUNCTION_WORDS
                and bare_next not in _CONJUNCTIONS
            ):
                extra += w_modifier  # "South Korea's | envoy", "nuclear | envoy": modifier and noun
        if not any(ch.isalnum() for ch in nxt):
            extra += 20.0  # a line never starts with a lone dash or quote
        eol.append(a + extra)
        eob.append(b + extra)
    return eol, eob, ends


def break_text(
    text: str,
    limits: Limits,
    *,
    max_lines: int = 2,
    max_words_per_cue: int = 40,
    weights: BreakWeights | None = None,
    first_prefix_width: float = 0.0,
) -> list[list[str]]:
    """Split ``text`` into cues of at most ``max_lines`` lines within ``limits``.

    ``first_prefix_width`` reserves room on the first line for a speaker label.
    Joining every line of every cue with single spaces gives back the text with its
    whitespace collapsed.

    >>> from subtools.profile import PROFILES
    >>> limits = PROFILES["broadcast-news-en"].english
    >>> break_text("Lee Ji-won has the latest in coordination and talks between the allies.", limits)
    [['Lee Ji-won has the latest in coordination', 'and talks between the allies.']]
    """
    w = weights or BreakWeights()
    words = text.split()
    n = len(words)
    if n == 0:
        return []
    korean = limits.weighted
    width = [text_width(word, korean) for word in words]
    space = text_width(" ", korean)
    eol, eob, ends = _gap_costs(words, korean)
    cap = limits.max_line_width
    prefix = [0.0]
    for x in width:
        prefix.append(prefix[-1] + x)
    # Sentence ends before each word, so "sentence ends inside words i..j" is O(1).
    end_count = [0]
    for end in ends:
        end_count.append(end_count[-1] + end)

    inf = float("inf")
    best = [inf] * (n + 1)
    choice: list[tuple[int, int]] = [(0, 0)] * (n + 1)  # (line break m or -1, cue end j)
    best[n] = 0.0
    # Weights as locals: this loop runs tens of thousands of times per report.
    inside_cost = w.sentence_inside_line
    cue_cost, short_cue_chars, short_cue = w.cue, w.short_cue_chars, w.short_cue
    at_break, one_fits = w.sentence_at_line_break, w.two_lines_when_one_fits
    heavy, imbalance = w.top_heavier_per_char, w.imbalance_per_char
    stub_chars, stub = w.short_line_chars, w.short_line
    for i in range(n - 1, -1, -1):
        extra = first_prefix_width if i == 0 else 0.0
        pi = prefix[i]
        best_i, choice_i = inf, (-1, i + 1)
        m = i + 1
        while m <= n and m - i <= max_words_per_cue:
            top = prefix[m] - pi + space * (m - i - 1)
            if m - i > 1 and top + extra > cap:
                break
            inner = inside_cost * (end_count[m - 1] - end_count[i])
            # One-line cue ending at m.
            cost = cue_cost + inner + (eob[m - 1] if m < n else 0.0) + best[m]
            if top < short_cue_chars and (i > 0 or m < n):
                cost += short_cue
            if cost < best_i:
                best_i, choice_i = cost, (-1, m)
            # Two-line cues whose first line ends at m.
            if max_lines >= 2 and m < n:
                base = cue_cost + inner + eol[m - 1] + (at_break if ends[m - 1] else 0.0)
                pm = prefix[m]
                j = m + 1
                while j <= n and j - i <= max_words_per_cue:
                    bottom = prefix[j] - pm + space * (j - m - 1)
                    if j - m > 1 and bottom > cap:
                        break
                    cost = base + inside_cost * (end_count[j - 1] - end_count[m]) + best[j]
                    if j < n:
                        cost += eob[j - 1]
                    if top + space + bottom + extra <= cap:
                        cost += one_fits
                    diff = top - bottom
                    if diff > 0:
                        cost += diff * heavy + diff * imbalance
                    else:
                        cost -= diff * imbalance
                    if top < stub_chars or bottom < stub_chars:
                        cost += stub
                    if cost < best_i:
                        best_i, choice_i = cost, (m, j)
                    j += 1
            m += 1
        best[i], choice[i] = best_i, choice_i
    cues: list[list[str]] = []
    i = 0
    while i < n:
        m, j = choice[i]
        if m < 0:
            cues.append([" ".join(words[i:j])])
        else:
            cues.append([" ".join(words[i:m]), " ".join(words[m:j])])
        i = j
    return cues
