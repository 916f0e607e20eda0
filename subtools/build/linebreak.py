"""Where cues and lines break: a dynamic program over the gaps between words.

Every gap between two words may stay a space, end a line inside a cue (``<eol>``) or
end the cue (``<eob>``). Each choice has a cost that ranks the gaps the way subtitle
style guides do: break after sentence punctuation, then after commas, then before a
conjunction or preposition; never after an article, possessive determiner or preposition
(and not after another function word), never between a first and last name (or a title
and a name), between number words or a number and its unit; not inside a noun phrase, a
possessive or a phrasal verb, and less still across a cue break than a line break. A cue
that ends a sentence does not start the next one and stop mid-way. Cue shape adds costs:
one line when the text fits, otherwise a bottom-heavy or balanced pair. The cheapest
segmentation wins. Hard limits (line width, two lines, words per cue) are never crossed,
except by a single word wider than a line, which is kept whole (never broken inside a
word). Every cost is a field of :class:`BreakWeights`
with the case it guards; the doctest of :func:`break_text` shows a name, a function word
and a conjunction at work, and ``tests/test_cue_properties.py`` runs text full of such
traps ("Lee Ji-won said .", "North Korea's 300 millimeters") through the whole builder.

The weights were tuned against human captions (``tests/test_linebreak_corpus.py`` runs
the shared line-break corpus's scorer; figures in the README), not against taste.
"""

from __future__ import annotations

import itertools

from subtools.language import CONJUNCTIONS as _CONJUNCTIONS
from subtools.language import DETERMINERS as _DETERMINERS
from subtools.language import FUNCTION_WORDS as _FUNCTION_WORDS
from subtools.language import NAME_ABBREVIATIONS, is_mainly_korean
from subtools.language import NUMBER_WORDS as _NUMBER_WORDS
from subtools.language import PARTICLES as _PARTICLES
from subtools.language import PREPOSITIONS as _PREPOSITIONS
from subtools.language import SENTENCE_END as _SENTENCE_END
from subtools.profile import Limits, text_width
from subtools.startup.patterns import compile_pattern
from subtools.startup.records import value_class

__all__ = ["BreakWeights", "break_text"]

_ABBREVIATIONS = frozenset(f"{a}." for a in NAME_ABBREVIATIONS)
_CLAUSE_END = compile_pattern(r"[,;:—–]+[\"”’')\]]*$|[\"”’]$")
# Possessives and common adjective endings: a break after them usually splits a modifier
# from its noun (no part-of-speech tagger here, so the suffix stands in for one).
_MODIFIER_END = compile_pattern(r"(?:['’]s|al|ive|ous|ic|ful|less|able|ible|ary|ern|ese|ish|ian|ean|ar)$")
_KOREAN_CONNECTIVE = compile_pattern(r"(?:고|며|면서|지만|는데|은데|니까|아서|어서|해서|면|도록|려고|자)[,]?$")
# A Korean word ending in one of these syllables most likely ends in a particle (은, 를,
# 에 …) or a verb ending (다, 고 …); one that does not is most likely a bare noun that
# heads a compound with the next one ("운영 | 적자"), so a break after it costs more.
_KOREAN_ENDINGS = frozenset("은는이가을를에의도로와과서게만고다며면요죠까데나한할된인던라니든야께랑지해며음함")
_HANGUL_WORD = compile_pattern(r"[\uac00-\ud7a3]+")
# Contractions of a pronoun and "is"/"has": not possessives, whatever their "'s".
_NOT_POSSESSIVE = frozenset("it's he's she's that's what's there's here's who's let's where's how's".split())
# The words a noun phrase may not run on through: once one comes, the phrase has ended.
_PHRASE_ENDERS = _FUNCTION_WORDS | _CONJUNCTIONS | _PREPOSITIONS
_KOREAN_AUXILIARIES = ("있", "없", "않", "싶", "못하")
_KOREAN_BOUND_NOUN = frozenset("수 것 때 등 중 명 개 년 월 일 씨 만 뿐 데 바 적 듯".split())


@value_class
class BreakWeights:
    """Every cost of the segmenter; the defaults are the tuned ones.

    A gap's own cost is a pair ``(line break, cue break)`` chosen by what the gap is
    (after a sentence, after a clause, before a conjunction …); cohesion costs are added
    to both where a break would split words that belong together; cue shape costs are
    added per cue.
    """

    cue: float = 2.25  # every cue costs this: fewer, fuller cues unless breaks are bad
    # A second line is more to read and covers more picture: only when the first is full.
    two_lines_when_one_fits: float = 1.5
    # On top of imbalance_per_char: a top line longer than the bottom costs more than the
    # reverse, so two lines of unequal length are bottom-heavy (the guides' pyramid).
    top_heavier_per_char: float = 0.0125
    imbalance_per_char: float = 0.0225  # either way: lines of similar length read as one block
    # A cue narrower than this share of a line flashes by and wastes a cue; the whole
    # text is excused, since it has no other way to be shown. Shares, not characters, so
    # the rule means the same on a 16-wide Korean line as on a 42-character English one.
    short_cue_share: float = 0.83
    short_cue: float = 0.75
    short_line_share: float = 0.19  # a two-line cue with a stub line ("Seoul / and Washington …")
    short_line: float = 3.0
    sentence_inside_line: float = 8.0  # DCMP: don't end one sentence and start another on a line
    sentence_at_line_break: float = 3.75  # better at the cue end
    # A cue that ends one sentence and starts the next, and then stops mid-sentence
    # ("… deficit. Seoul said" | "the next …"): the next sentence should start its own cue.
    sentence_across_cues: float = 6.0

    # The gap's own cost, (line break, cue break), first match wins.
    # A sentence end is the best cue break; a new sentence may still start a second line.
    after_sentence: tuple[float, float] = (1.0, 0.0)
    # After a comma, semicolon, colon, dash or closing quote: the best line break (the
    # clause goes on below) and, after a sentence end, the best cue break: people end a
    # cue there more often than a line (31 % vs 22 % of such gaps in the corpus).
    after_clause: tuple[float, float] = (0.5, 1.375)
    # A trailing "…" is a pause, not a sentence end: a cue break there is weaker.
    after_ellipsis: tuple[float, float] = (1.0, 3.0)
    # Korean clauses end in a connective (-고, -지만, -는데 …): the joint between two
    # clauses, where the English rules below (capitals, function words) do not apply.
    korean_after_connective: tuple[float, float] = (2.0, 4.0)
    korean_elsewhere: tuple[float, float] = (4.0, 6.5)  # inside a Korean clause
    before_conjunction: tuple[float, float] = (2.0, 4.5)  # a new clause starts at "and", "because" …
    # A prepositional phrase starts here: a looser joint than a clause, tighter than a phrase.
    before_preposition: tuple[float, float] = (2.5, 5.0)
    # Before "the", "a", "their" … after a content word: most often a verb and its object
    # ("will run" | "a reduced service"), as tight as a phrase for a line, tighter for a
    # cue (people end a cue there on 3 % of such gaps; 1 in 11 of ours was right).
    before_determiner: tuple[float, float] = (4.5, 7.0)
    # Inside a phrase: the last resort, and a cue break there much more so than a line
    # break ("with limited" | "mobility": the reader loses the first half before the
    # second comes; people end a cue there half as often as a line, 5 % vs 10 %).
    elsewhere: tuple[float, float] = (4.5, 6.0)

    # Cohesion, added to both costs of a gap, on the scale of the pairs above (0 to 7):
    # the surer the rule, the higher, from a guess by suffix to "never".
    after_function_word: float = 6.0  # "the | talks", "of | the": never after a function word
    # On top: an article, possessive determiner or preposition opens a phrase, so no line
    # ever ends on one ("one of the" / "most efficient hubs"); an auxiliary may, at a pinch.
    after_determiner: float = 10.0
    possessive: float = 10.0  # "Busan's | port": the owner and the thing owned stay together
    # Inside a noun phrase opened by a determiner ("a heat | wave warning", "the budget |
    # process"): without a tagger, a run of lower-case content words after "the" stands
    # in for a compound noun.
    inside_noun_phrase: float = 4.0
    phrasal_verb: float = 1.0  # "pick | up", "shut | down": the particle belongs to the verb
    inside_name: float = 12.0  # "Lee | Ji-won", "Minister | Kang": names stay whole
    number_and_unit: float = 10.0  # "300 | millimeters"
    modifier_and_noun: float = 4.0  # "South Korea's | envoy", "nuclear | envoy": a suffix guess, so milder
    korean_bound_noun: float = 12.0  # 할 수 있다: a verb and its dependent noun stay together
    korean_number: float = 10.0  # 3 명, 10 km
    korean_compound: float = 3.0  # 운영 | 적자: a bare noun heads a compound with the next
    # A cue break splits words that belong together worse than a line break does: the
    # reader sees the second half only after the first is gone ("container" | "terminal").
    cohesion_across_cues: float = 1.5
    line_starts_without_word: float = 20.0  # a line never starts with a lone dash or quote


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


_NUMBER = compile_pattern(r"[\d,.]+")
_DIGIT = compile_pattern(r"\d")


def _gap_kind(word: str, bare_next: str, end: bool, korean: bool, w: BreakWeights) -> tuple[float, float]:
    """(line break, cue break) cost of the gap after ``word`` by what kind of joint it is."""
    if end:
        return w.after_sentence
    if _CLAUSE_END.search(word):
        return w.after_clause
    if word.endswith(("...", "…")):
        return w.after_ellipsis
    if korean:
        return w.korean_after_connective if _KOREAN_CONNECTIVE.search(word) else w.korean_elsewhere
    if bare_next in _CONJUNCTIONS:
        return w.before_conjunction
    if bare_next in _PREPOSITIONS:
        return w.before_preposition
    if bare_next in _DETERMINERS:
        return w.before_determiner
    return w.elsewhere


def _korean_cohesion(word: str, bare_next: str, w: BreakWeights) -> float:
    extra = 0.0
    # A dependent noun (할 수) or an auxiliary verb after its main verb (검토하고 있습니다,
    # 하지 않았다): one predicate, never split.
    if bare_next in _KOREAN_BOUND_NOUN or bare_next.startswith(_KOREAN_AUXILIARIES):
        extra += w.korean_bound_noun
    if _NUMBER.fullmatch(word) or (word[:1].isdigit() and _HANGUL_WORD.match(bare_next)):
        # 3 명, 5천억 원: a number and its counter or unit.
        extra += w.korean_number
    elif _HANGUL_WORD.fullmatch(word) and word[-1] not in _KOREAN_ENDINGS and _HANGUL_WORD.match(bare_next):
        extra += w.korean_compound
    return extra


def _is_number(bare: str) -> bool:
    return bare in _NUMBER_WORDS or bool(_DIGIT.search(bare))


def _english_cohesion(word: str, nxt: str, bare_next: str, in_phrase: bool, w: BreakWeights) -> float:
    """Cohesion of a gap inside a sentence, English rules; ``in_phrase``: ``word`` is
    inside a noun phrase that a determiner opened."""
    bare = word.casefold().strip('"“(')
    if _CLAUSE_END.search(word):
        return 0.0
    extra = 0.0
    if bare in _FUNCTION_WORDS or bare.endswith(("n't", "n’t")):
        extra += w.after_function_word
    if bare in _DETERMINERS or bare in _PREPOSITIONS:
        extra += w.after_determiner
    if word[:1].isupper() and nxt[:1].isupper():
        extra += w.inside_name
    content_next = nxt[:1].islower() and bare_next not in _PHRASE_ENDERS
    # A number and its unit or noun, or two number words ("four | hundred", "300 | millimeters").
    if (_DIGIT.search(word) and nxt[:1].islower()) or (
        bare in _NUMBER_WORDS and (bare_next in _NUMBER_WORDS or content_next)
    ):
        extra += w.number_and_unit
    if bare.endswith(("'s", "’s")) and bare not in _NOT_POSSESSIVE and content_next:
        extra += w.possessive
    elif _MODIFIER_END.search(word) and content_next:
        extra += w.modifier_and_noun
    if in_phrase and content_next:
        extra += w.inside_noun_phrase
    if bare_next in _PARTICLES and word.isalpha() and word.islower():
        extra += w.phrasal_verb
    return extra


def _cohesion(word: str, nxt: str, bare_next: str, end: bool, korean: bool, in_phrase: bool, w: BreakWeights) -> float:
    """What a break between ``word`` and ``nxt`` costs on top: words that belong together."""
    extra = 0.0
    if korean:
        extra += _korean_cohesion(word, bare_next, w)
    elif not end:
        extra += _english_cohesion(word, nxt, bare_next, in_phrase, w)
    if not any(ch.isalnum() for ch in nxt):
        extra += w.line_starts_without_word
    return extra


def _phrase_flags(words: list[str]) -> list[bool]:
    """For each word, whether it is inside a noun phrase opened by a determiner: the
    determiner's word and up to four lower-case content words after it with no
    punctuation ("its first fully automated container"), since a verb or preposition
    would end the phrase and a longer run is more likely a clause than a compound."""
    flags: list[bool] = []
    run = -1  # content words since the last determiner; -1: no open phrase
    for word in words:
        bare = word.casefold()
        if bare in _DETERMINERS:
            run = 0
        elif run >= 0 and word.isalpha() and word.islower() and bare not in _PHRASE_ENDERS and run < 4:
            run += 1
        else:
            run = -1
        flags.append(run > 0)
    return flags


@value_class
class _Gaps:
    """One entry per gap, after each word but the last."""

    eol: list[float]  # cost of a line break there
    eob: list[float]  # cost of a cue break there
    ends: list[bool]  # a sentence ends there


def _gap_costs(words: list[str], korean: bool, w: BreakWeights) -> _Gaps:
    eol: list[float] = []
    eob: list[float] = []
    ends: list[bool] = []
    in_phrase = _phrase_flags(words)
    for k in range(len(words) - 1):
        word, nxt = words[k], words[k + 1]
        bare_next = nxt.strip("\"“”'‘’([").casefold()
        end = _is_sentence_end(word, nxt)
        ends.append(end)
        a, b = _gap_kind(word, bare_next, end, korean, w)
        extra = _cohesion(word, nxt, bare_next, end, korean, in_phrase[k], w)
        eol.append(a + extra)
        eob.append(b + extra * w.cohesion_across_cues)
    return _Gaps(eol, eob, ends)


# A second line from word m to word j, as the dynamic program needs it whatever the first
# line: j, its width, its sentence-ends cost, best[j], the cue break's cost after j (None at
# the end of the text), the sentence count before j when a sentence runs on past j (else
# -1), and whether it is a stub.
_SecondLine = tuple[int, float, float, float, "float | None", int, bool]


def _segment(
    prefix: list[float],
    space: float,
    gaps: _Gaps,
    cap: float,
    first_prefix_width: float,
    max_lines: int,
    max_words_per_cue: int,
    w: BreakWeights,
) -> list[tuple[int, int]]:
    """The dynamic program, from the last word back: for each word ``i``, the cheapest
    way to lay out words ``i:`` as ``(line break m or -1, cue end j)`` of its first cue.
    ``prefix[k]`` is the width of the first ``k`` words without spaces."""
    n, eol, eob, ends = len(prefix) - 1, gaps.eol, gaps.eob, gaps.ends
    # Sentence ends before each word, so "sentence ends inside words i..j" is O(1).
    end_count = list(itertools.accumulate(map(int, ends), initial=0))
    inf = float("inf")
    best, choice = [inf] * n + [0.0], [(0, 0)] * (n + 1)
    # rows[m]: the second lines after a line break before word m, made the first time a first
    # line ends there (every best[j] past m is final then) and shared by the ~6 first lines
    # that end there, so the loop below only adds up costs (20 % off break_text); dropped
    # once no cue reaches them. Weights as locals: the loop runs tens of thousands of times.
    rows: list[list[_SecondLine] | None] = [None] * (n + 1)
    inside_cost = w.sentence_inside_line
    cue_cost, short_cue_chars, short_cue = w.cue, w.short_cue_share * cap, w.short_cue
    at_break, one_fits, across = w.sentence_at_line_break, w.two_lines_when_one_fits, w.sentence_across_cues
    heavy, imbalance = w.top_heavier_per_char, w.imbalance_per_char
    stub_chars, stub = w.short_line_share * cap, w.short_line
    for i in range(n - 1, -1, -1):
        extra = first_prefix_width if i == 0 else 0.0
        pi, before = prefix[i], end_count[i]
        best_i, choice_i = inf, (-1, i + 1)
        m = i + 1
        while m <= n and m - i <= max_words_per_cue:
            top = prefix[m] - pi + space * (m - i - 1)
            if m - i > 1 and top + extra > cap:
                break
            inner = inside_cost * (end_count[m - 1] - before)
            # One-line cue ending at m.
            cost = cue_cost + inner + (eob[m - 1] if m < n else 0.0) + best[m]
            if inner and m < n and not ends[m - 1]:
                cost += across
            if top < short_cue_chars and (i > 0 or m < n):
                cost += short_cue
            if cost < best_i:
                best_i, choice_i = cost, (-1, m)
            # Two-line cues whose first line ends at m; the sums run in the order they
            # always have, so the choice is the same to the last bit.
            if max_lines >= 2 and m < n:
                row = rows[m]
                if row is None:
                    row = rows[m] = _second_lines(
                        m, prefix, space, gaps, end_count, best, cap, stub_chars, w, i + max_words_per_cue
                    )
                base = cue_cost + inner + eol[m - 1] + (at_break if ends[m - 1] else 0.0)
                top_space, short_top = top + space, top < stub_chars
                for j, bottom, inside, best_j, eob_j, running_on, short_bottom in row:
                    if j - i > max_words_per_cue:
                        break
                    cost = base + inside + best_j
                    if eob_j is not None:
                        cost += eob_j
                        if running_on > before:
                            cost += across
                    if top_space + bottom + extra <= cap:
                        cost += one_fits
                    diff = top - bottom
                    if diff > 0:
                        cost += diff * heavy + diff * imbalance
                    else:
                        cost -= diff * imbalance
                    if short_top or short_bottom:
                        cost += stub
                    if cost < best_i:
                        best_i, choice_i = cost, (m, j)
            m += 1
        best[i], choice[i] = best_i, choice_i
        if i + max_words_per_cue < n:
            rows[i + max_words_per_cue] = None  # no first cue from word i on reaches it again
    return choice


def _second_lines(
    m: int,
    prefix: list[float],
    space: float,
    gaps: _Gaps,
    end_count: list[int],
    best: list[float],
    cap: float,
    stub_chars: float,
    w: BreakWeights,
    last: int,
) -> list[_SecondLine]:
    """Every second line from word m that fits and ends by word ``last`` (the longest cue
    from word m - 1, the first and longest to ask), as :data:`_SecondLine`."""
    n = len(prefix) - 1
    pm, at_m = prefix[m], end_count[m]
    row: list[_SecondLine] = []
    for j in range(m + 1, min(n, last) + 1):
        bottom = prefix[j] - pm + space * (j - m - 1)
        if j - m > 1 and bottom > cap:
            break
        inside = w.sentence_inside_line * (end_count[j - 1] - at_m)
        running_on = end_count[j - 1] if j < n and not gaps.ends[j - 1] else -1
        row.append((j, bottom, inside, best[j], gaps.eob[j - 1] if j < n else None, running_on, bottom < stub_chars))
    return row


def _cues(words: list[str], choice: list[tuple[int, int]]) -> list[list[str]]:
    """The cues the dynamic program chose, from the first word on."""
    cues: list[list[str]] = []
    i = 0
    while i < len(words):
        m, j = choice[i]
        if m < 0:
            cues.append([" ".join(words[i:j])])
        else:
            cues.append([" ".join(words[i:m]), " ".join(words[m:j])])
        i = j
    return cues


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
    if not words:
        return []
    weighted = limits.weighted
    prefix = [0.0]
    for word in words:
        prefix.append(prefix[-1] + text_width(word, weighted))
    space = text_width(" ", weighted)
    # Widths follow the profile, word rules the text: English in a Korean profile's cue
    # ("Then when will the" / "city reopen it?") still never ends a line on an article.
    gaps = _gap_costs(words, weighted and is_mainly_korean(text), w)
    choice = _segment(prefix, space, gaps, limits.max_line_width, first_prefix_width, max_lines, max_words_per_cue, w)
    return _cues(words, choice)
