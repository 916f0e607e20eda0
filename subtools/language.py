"""Which language a line is in: Unicode script first, langdetect only when script cannot say.

Script is deterministic, costs microseconds and is right on the short lines that fool
statistical detectors ("Good evening." comes out Dutch from langdetect, "Seoul"
Finnish; ``tests/test_language.py``). langdetect is consulted only for Latin-script text that
shows none of the common English function words, and it is imported lazily and seeded
so that results never vary and a plain English or Korean transcript never pays its
~0.4 s profile loading.
"""

from __future__ import annotations

import re
from functools import cache

from subtools.startup.patterns import compile_pattern

__all__ = [
    "cjk_count",
    "cjk_counts",
    "cue_lang",
    "detect_lang",
    "hangul_count",
    "hangul_counts",
    "is_cjk_char",
    "is_mainly_korean",
    "korean_flags",
    "script_lang",
]

_ENGLISH_WORDS = frozenset(
    "the a an of and to in on is are was were be been it its that this with for as at by from has have had he "
    "she they we you i our their his her not but or will would said says there who which what what's it's can "
    "do does did about after over more than into also new one two yes no thank thanks good morning evening "
    "hello".split()
)
_WORD_RE = compile_pattern(r"[A-Za-z']+")


def is_hangul_char(ch: str) -> bool:
    """Hangul syllables, jamo, compatibility jamo and the extended jamo blocks A and B."""
    o = ord(ch)
    return (
        0xAC00 <= o <= 0xD7A3
        or 0x1100 <= o <= 0x11FF
        or 0x3130 <= o <= 0x318F
        or 0xA960 <= o <= 0xA97F
        or 0xD7B0 <= o <= 0xD7FF
    )


def is_cjk_char(ch: str) -> bool:
    """Hangul, Han (Hanja), kana and full-width forms: one full cell each.

    >>> is_cjk_char("北"), is_cjk_char("한"), is_cjk_char("A")
    (True, True, False)
    """
    o = ord(ch)
    return (
        is_hangul_char(ch)
        or 0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x3040 <= o <= 0x30FF
        or 0xFF01 <= o <= 0xFF60
        or 0x3000 <= o <= 0x303F
    )


# The same ranges as is_cjk_char, for counting a whole line at C speed.
_CJK_RE = compile_pattern(
    "[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff"
    "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u3040-\u30ff\uff01-\uff60\u3000-\u303f]"
)


def cjk_count(text: str) -> int:
    """Characters of ``text`` that take a full cell (see :func:`is_cjk_char`).

    >>> cjk_count("한국 TV 北")
    3
    """
    return 0 if text.isascii() else len(_CJK_RE.findall(text))


_HANGUL_RE = compile_pattern("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff]")
# The rest of _CJK_RE: with the Hangul ranges (which no other range overlaps) it is the whole.
_WIDE_NOT_HANGUL_RE = compile_pattern(
    "[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u3040-\u30ff\uff01-\uff60\u3000-\u303f]"
)
_HAN_KANA_RE = compile_pattern("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_RE = compile_pattern("[A-Za-z]")


def hangul_count(text: str) -> int:
    """Hangul characters in ``text`` (a regex scan: this runs on every line)."""
    return len(_HANGUL_RE.findall(text))


def script_lang(text: str) -> str | None:
    """``"ko"``, ``"en"`` (any Latin script, provisionally), or None when script cannot say.

    A Hangul syllable carries about as much as two Latin letters, so a line is Korean
    when twice its Hangul count reaches its Latin letter count. That keeps headlines
    that start in Latin (``MPC 연결: ...``, ``북 ICBM 발사``, ``K-pop 열풍``) Korean and
    leaves an English line with a name in Hangul (``Lee Ji-won (이지원), Arirang News``)
    English. Hanja (``北美``) counts with Hangul only when Hangul is present too.

    >>> script_lang("北美 정상회담"), script_lang("K-pop 열풍"), script_lang("2019")
    ('ko', 'ko', None)
    """
    hangul = hangul_count(text)
    han = len(_HAN_KANA_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    if hangul and 2 * (hangul + han) >= latin:
        return "ko"
    if latin:
        return "en"
    if han:
        return None  # Han without Hangul: Chinese or Japanese, let the detector say
    return None


def is_mainly_korean(text: str) -> bool:
    """Whether ``text`` is measured by the Korean rules: :func:`script_lang` says ``ko``.

    The one definition the parser, the cue builder and the validator share. ASCII text,
    most of a big subtitle file, is answered without a scan.

    >>> is_mainly_korean("Lee Ji-won (이지원), Arirang News"), is_mainly_korean("북 ICBM 발사")
    (False, True)
    """
    if text.isascii():
        return False
    hangul = hangul_count(text)
    if not hangul:
        return False
    # Hangul for half the text or more outweighs any Latin letters: no need to count them.
    return 2 * hangul >= len(text) or script_lang(text) == "ko"


def _counts_of(pattern: re.Pattern[str], texts: list[str]) -> list[int]:
    """``len(pattern.findall(t))`` for each of ``texts``, with one ``sub`` over them all:
    the characters each text loses. On a delivery file's Korean fifth (20,000 cues) two
    regex calls per cue were a third of building the validator's columns."""
    sep = "\x00"
    joined = sep.join(texts)
    if not texts or joined.count(sep) != len(texts) - 1:  # a NUL in a cue (a broken file): one by one
        return [len(pattern.findall(t)) for t in texts]
    kept = compile_pattern(pattern.pattern + "+").sub("", joined).split(sep)  # runs: fewer pieces to join
    return list(map(int.__sub__, map(len, texts), map(len, kept)))


# Counting at C speed by the high byte of each UTF-16 code unit (``_high_bytes``): a regex
# over the Korean fifth of a delivery file (20,000 cues) took 17 ms, bytes.translate 1.
_HANGUL_HIGH = bytes([0x11, *range(0xAC, 0xD7)])  # blocks all Hangul: U+1100-11FF, U+AC00-D6FF
_HANGUL_PART_HIGH = (0x31, 0xA9, 0xD7)  # blocks partly Hangul: compatibility jamo, extensions A and B
# The high bytes of the blocks _WIDE_NOT_HANGUL_RE covers, whole or in part.
_WIDE_NOT_HANGUL_HIGH = bytes([0x30, *range(0x34, 0xA0), 0xF9, 0xFA, 0xFF])
_UNIT_SEP = "\u0a00"  # unassigned: its high byte, 0x0A, is otherwise Gurmukhi's only


def _high_bytes(texts: list[str]) -> bytes | None:
    """The high byte of every UTF-16 code unit of ``texts``, the texts apart by 0x0A; None
    when a text has a code unit of that high byte (Gurmukhi)."""
    high = _UNIT_SEP.join(texts).encode("utf-16-le", "surrogatepass")[1::2]
    return high if high.count(0x0A) == len(texts) - 1 else None


def cjk_counts(texts: list[str], hangul: list[int] | None = None) -> list[int]:
    """:func:`cjk_count` of each of ``texts``, at C speed. ``hangul``, their
    :func:`hangul_counts` when the caller has them, is the answer where no text holds a
    wide character other than Hangul (most Korean subtitles: no Hanja, kana or full-width
    forms), found with one search instead of counting them all again.

    >>> cjk_counts(["한국 TV 北", "abc", ""]), cjk_counts(["한국 TV"], hangul=[2])
    ([3, 0, 0], [2])
    """
    if hangul is not None and texts:
        high = _high_bytes(texts)
        if high is not None and len(high.translate(None, _WIDE_NOT_HANGUL_HIGH)) == len(high):
            return list(hangul)  # no code unit in any block of the other wide characters
        if _WIDE_NOT_HANGUL_RE.search("".join(texts)) is None:
            return list(hangul)
    return _counts_of(_CJK_RE, texts)


def hangul_counts(texts: list[str]) -> list[int]:
    """:func:`hangul_count` of each of ``texts``, at C speed.

    >>> hangul_counts(["한국 TV 北", "abc"])
    [2, 0]
    """
    high = _high_bytes(texts) if texts else None
    if high is None or any(byte in high for byte in _HANGUL_PART_HIGH):
        return _counts_of(_HANGUL_RE, texts)  # a block only partly Hangul: the regex tells
    # A text's code units less those left when the Hangul ones are taken out.
    kept = high.translate(None, _HANGUL_HIGH).split(b"\n")
    return list(map(int.__sub__, map(len, high.split(b"\n")), map(len, kept)))


def korean_flags(texts: list[str], hangul: list[int] | None = None) -> list[bool]:
    """:func:`is_mainly_korean` of each of ``texts``, the Hangul counted at C speed (or
    given: their :func:`hangul_counts`).

    >>> korean_flags(["북 ICBM 발사", "Lee Ji-won (이지원), Arirang News", "Hi"])
    [True, False, False]
    """
    return [
        bool(n) and (2 * n >= len(text) or script_lang(text) == "ko")
        for text, n in zip(texts, hangul_counts(texts) if hangul is None else hangul, strict=True)
    ]


def cue_lang(text: str) -> str:
    """The language whose limits a new cue of ``text`` is broken and timed by: ``"ko"``
    where :func:`is_mainly_korean`, else ``"en"``. The validator measures a cue by the same
    test, so a reflowed cue is made by the rule it is judged by; before, reflow broke a cue
    with any Hangul by the Korean rule and timed it by this one, so "Lee Ji-won (이지원)
    said …" was broken to 16 weighted characters and timed at 20 cps.

    >>> cue_lang("Lee Ji-won (이지원) said the talks went well"), cue_lang("북 ICBM 발사")
    ('en', 'ko')
    """
    return "ko" if is_mainly_korean(text) else "en"


def _looks_english(text: str) -> bool:
    words = [w.lower() for w in _WORD_RE.findall(text)]
    # Short texts (names, "Kim Min-ji reports.") carry no evidence either way; keep them English
    # rather than ask a detector that is wrong on exactly these ("Seoul" comes out Finnish).
    if len(words) < 6:
        return True
    return any(w in _ENGLISH_WORDS for w in words)


@cache
def _detector_ready() -> bool:
    from langdetect import DetectorFactory  # heavy: ~0.4 s on first detect

    DetectorFactory.seed = 0  # unseeded langdetect varies from call to call
    return True


def _langdetect(text: str) -> str | None:
    from langdetect import detect
    from langdetect.lang_detect_exception import LangDetectException

    _detector_ready()
    try:
        return str(detect(text))
    except LangDetectException:
        return None


def detect_lang(text: str, default: str = "en") -> str:
    """The language of a piece of text, as a BCP 47 code.

    >>> detect_lang("한미 외교장관회담"), detect_lang("Good evening."), detect_lang("2019")
    ('ko', 'en', 'en')
    """
    lang = script_lang(text)
    if lang == "ko":
        return "ko"
    if lang == "en":
        if _looks_english(text):
            return "en"
        return _langdetect(text) or "en"
    if lang is None and any(ch.isalpha() for ch in text):
        return _langdetect(text) or default
    return default


# ----------------------------------------------------------------------------- word lists
# The one home of the English word lists that the parser and the line breaker share.
# Lower-case words; abbreviations without their final dot.

# A sentence ends here: a word or line that ends in sentence punctuation, maybe followed
# by closing quotes or brackets ("… she said.", "…?”", "…。"). Used with ``search``.
SENTENCE_END = compile_pattern(r"[.?!…。][\"”’'»)\]]*$")

# Abbreviations that stand before a name or a noun ("Mr. Kim", "Sen. Park", "U.S.
# Secretary"): their dot is not a sentence end, so the line breaker never treats a break
# after one as a break between sentences.
NAME_ABBREVIATIONS = frozenset("mr mrs ms dr prof st u.s u.k u.n e.u h.w jr sr no vs gen sen rep".split())

# Every abbreviation whose dot does not end a sentence on its own, for cutting a
# transcript into sentences ("Samsung Electronics Co. Chairman", "Jan. 5", "5 a.m. in").
# The line breaker keeps to NAME_ABBREVIATIONS: its weights were tuned with that list,
# and with this one the line "It is Monday, February 4th, 5:00 a.m. in the East." of
# fixtures/transcripts/cnn-labels.txt would break as "…4th, / 5:00 a.m. in the East."
# instead of "…5:00 a.m. / in the East.".
ABBREVIATIONS = NAME_ABBREVIATIONS | frozenset(
    "gov lt col sgt vol etc inc corp co ltd jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m d.c".split()
)

# Words that lean on the word after them (articles, prepositions, auxiliaries, pronouns,
# titles): a subtitle line should not end on one.
FUNCTION_WORDS = frozenset(
    "a an the of to in on at for with from by and or but nor his her their its my our your this that these "
    "those is are was were be been being has have had will would can could should may might must do does did "
    "not no very more most than as i we you he she they it who which whose whom if so such per via into onto "
    "about over after before under between through during without within across against upon among until "
    "mr mrs ms dr prof".split()
)

# The function words that show a transcript line was hard-wrapped mid-sentence ("… data
# from the" / "Trade Ministry showed …"), so it is not a title. Narrower than
# FUNCTION_WORDS on purpose: a headline may end on a pronoun or "not" ("Why Seoul Said
# No", "Who Pays for It"), never on an article or a preposition.
HARD_WRAP_WORDS = frozenset(
    "a an the of to in on at for with from by and or but that this these those its their his her our "
    "is are was were be been has have had will would can could should as than into about".split()
)

# Conjunctions and relative words: a good place to break a line is just before one.
CONJUNCTIONS = frozenset(
    "and but or nor so yet because while although though whereas which who whom whose that when where "
    "whether if unless since after before until as".split()
)

# Prepositions: the next best place to break a line, just before one.
PREPOSITIONS = frozenset(
    "of to in on at for with from by about over after before under between through during without within "
    "across against into onto upon among toward towards around near amid despite including".split()
)

# Words that open a tease or a list, never a speaker's name: "Plus: a new season of jazz."
# is not a label for a person called Plus (false-label-plus.txt).
DISCOURSE_WORDS = frozenset(
    "plus also then next ahead still first later meanwhile finally tonight today coming up update note "
    "and but so now here there after before why how what where when who breaking developing".split()
)

# Articles and possessive determiners: they open a noun phrase, so a line or cue never
# ends on one ("one of the" / "most efficient hubs"). With PREPOSITIONS, the words the
# line breaker treats as "never at a line end" rather than "better not".
DETERMINERS = frozenset("a an the his her their its my our your this these those every each".split())

# Number words: "four hundred", "forty thousand cars" read as one number, never split.
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion trillion dozen dozens hundreds thousands millions billions half quarter".split()
)

# Particles of phrasal verbs ("pick up", "carry out", "shut down"): they belong to the
# verb before them, unlike the prepositions that open a phrase of their own.
PARTICLES = frozenset("up out off down back away".split())

# The role word a Korean subtitle shows before a speaker with no name (Korean broadcast
# style: "앵커:", "기자:"); roles with no Korean caption word get no label at all rather
# than an English "SOUNDBITE:" in a Korean cue.
KOREAN_ROLE_LABELS = {"anchor": "앵커", "reporter": "기자"}
