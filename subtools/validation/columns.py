"""A subtitle file's entries as per-cue columns, built once for the rules.

Each QC rule (:mod:`subtools.validation.checks`) filters a column or two and looks at the
few cues that match, so the work every rule needs (splitting lines, removing markup,
deciding the language, counting weighted characters) is done once per cue, not once per
rule. Column ``[k]`` is the file's entry ``k``.

Speed: a 100,000-cue file must be checked faster than ``srt`` parses it
(``benchmarks/bench_validate.py``; the guard is ``test_check_file_speed_guard``). Most
columns are therefore built with ``map`` over built-in functions, which runs at C speed,
and only the few cues with markup, stray spaces or Hangul get a Python-level look.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from fractions import Fraction
from functools import cached_property
from itertools import accumulate, compress, count, islice, repeat
from operator import add, contains, gt, is_, itemgetter, le, mul, not_
from operator import sub as minus
from typing import Any

from subtools.formats import FORMATS, SubtitleFormat, visible_lines
from subtools.formats.base import Entry, SubtitleFile
from subtools.language import cjk_counts, hangul_counts, is_mainly_korean, korean_flags
from subtools.profile import text_width
from subtools.validation.limits import LangLimits, Thresholds

__all__ = ["CueColumns", "italic_only", "positions", "reading_load", "split_lines"]

_SPACE = (" ", "\t")
_NUMBER, _TIMING_LINE = (itemgetter(Entry._fields.index(name)) for name in ("number", "timing_line"))
# A duration or gap is rounded to frames only when it is this close to a limit (in frames):
# half a frame, the most that rounding to the nearest frame can move it.
_ROUNDING_MARGIN_FRAMES = 0.5


def split_lines(raw: str) -> tuple[str, ...]:
    """A cue's raw text lines (none for an empty cue), as ``Entry.lines`` has them."""
    return tuple(raw.split("\n")) if "\n" in raw else (raw,) if raw else ()


def positions(flags: Iterable[object]) -> list[int]:
    """The positions where ``flags`` is true, at C speed."""
    return list(compress(count(), flags))


def reading_load(shown: tuple[str, ...], th: Thresholds) -> tuple[float, float | None, float | None]:
    """(characters as counted, cps limit, cps target) for a cue's visible lines."""
    text = " ".join(shown)
    lang = th.ko if is_mainly_korean(text) else th.en
    chars = text_width(text, lang.weighted)
    return chars, lang.cps, lang.warn_cps


def _field(entries: Sequence[Entry], name: str) -> list[Any]:
    """One field of every entry, at C speed."""
    return list(map(itemgetter(Entry._fields.index(name)), entries))


# Cues joined into one string at a time to search them: enough for str.find to run at C
# speed, few enough that the joined text is not a second copy of the file in memory.
_CHUNK_CUES = 2000


def _find_special(raws: list[str], tokens: list[str]) -> tuple[list[int], bool]:
    """The positions of the cues whose raw text holds one of ``tokens`` (which include
    ``" \n"`` and ``"\t"``; a token starting with a newline also matches at the cue's
    start, one ending with it at its end), and whether any cue has a space or tab at a
    line's end."""
    special: set[int] = set()
    trailing = False
    for first in range(0, len(raws), _CHUNK_CUES):
        chunk = raws[first : first + _CHUNK_CUES]
        joined = "\n" + "\n".join(chunk) + "\n"
        starts: list[int] = []  # each cue's text in joined, counted only for a chunk with a token
        found = set()
        for token in tokens:
            p = joined.find(token)
            if p < 0:
                continue  # most tokens in most chunks (an ASR file has none)
            found.add(token)
            if "\n" not in token:
                # In the cues as they are, one test each at C speed: a delivery file's "<" is
                # in every chunk, twice in each of 5,000 italic cues (one bisect each: 8 ms).
                special.update(compress(range(first, first + len(chunk)), map(contains, chunk, repeat(token))))
                continue
            starts = starts or list(accumulate(map(add, map(len, chunk), repeat(1)), initial=1))
            shift = token.startswith("\n")  # the character that matters comes after the newline
            while p >= 0:
                special.add(first + bisect_right(starts, p + shift) - 1)
                p = joined.find(token, p + 1)
        # A line ending in a space is the " \n" token already found; in a tab only where a
        # tab is. (A two-character str.find walks the whole text: each one spared is 4 ms
        # of an 8 MB file.)
        trailing = trailing or " \n" in found or ("\t" in found and "\t\n" in joined)
    return sorted(special), trailing


def italic_only(text: str) -> bool:
    """Whether ``text`` holds no braces and no tag but one ``<i>`` and a ``</i>`` after it
    (its two "<"): a delivery file's marked cues are mostly these."""
    return "{" not in text and "}" not in text and text.count("<") == 2 and 0 <= text.find("<i>") < text.find("</i>")


def _has_markup(raw: str, vtt: bool, ass: bool) -> bool:
    return "<" in raw or "{" in raw or "}" in raw or (vtt and "&" in raw) or (ass and "\\" in raw)


class CueColumns:
    """The entries of ``sub`` as columns, with the limits they are checked against."""

    def __init__(self, sub: SubtitleFile, lim: Thresholds, fps: Fraction) -> None:
        self.sub = sub
        self.entries = entries = sub.entries  # for the few cues a rule reports
        self.lim = lim
        self.fmt = sub.format
        module = FORMATS[sub.format]
        self.ass = sub.format is SubtitleFormat.ASS
        # SRT/WebVTT text lines are reported at their own line; an ASS event or a JSON cue at its one line.
        self.one_line = not module.BLOCKS
        # Players show SRT/WebVTT cues in file order; ASS and JSON list places (cards, signs) apart.
        self.ordered = module.ORDERED
        self.frames_per_ms = float(fps) / 1000
        # Below these many ms a duration or gap may be short; above, no rounding is needed.
        self.short_dur_ms = (lim.min_frames + _ROUNDING_MARGIN_FRAMES) / self.frames_per_ms
        self.short_gap_ms = max(lim.chain_ms, (lim.min_gap_frames + _ROUNDING_MARGIN_FRAMES) / self.frames_per_ms)
        made = sub.columns  # the reader's own columns (big SRT files), else taken from the entries
        self.starts: list[int] = made.start_ms if made else _field(entries, "start_ms")
        self.ends: list[int] = made.end_ms if made else _field(entries, "end_ms")
        self.durs = list(map(minus, self.ends, self.starts))
        self.raws: list[str] = made.text if made else _field(entries, "text")  # raw text, markup included
        self.regions: list[str] = made.region if made else _field(entries, "region")
        self._newlines = made.newlines if made else None
        self._made = made
        # Signs and title cards (regions "sign:…": ASS top/positioned events, JSON title cards)
        # are typesetting, not read at subtitle speed.
        # (Looked for among the few distinct regions first: most files have none, and a
        # Python-level pass over 100,000 regions costs 10 ms.)
        has_signs = any(r.startswith("sign:") for r in set(self.regions))
        self.signs = (
            frozenset(k for k, r in enumerate(self.regions) if r.startswith("sign:")) if has_signs else frozenset()
        )
        self._read_text()
        self._read_language()

    def _read_text(self) -> None:
        """``marked`` (positions of the cues with markup) and ``texts`` (visible text). Most
        cues of a big file have no markup and no stray spaces around a line: their text is
        shown as written."""
        vtt, ass, raws = self.fmt is SubtitleFormat.VTT, self.ass, self.raws
        # The cues where markup or a stray space can be, found with str.find over joined text.
        tokens = ["<", "{", "}", "\t", " \n", "\n "] + (["&"] if vtt else []) + (["\\"] if ass else [])
        special, self.trailing_space = _find_special(raws, tokens)
        self.special = self._special = frozenset(special)  # cues with markup or stray spaces
        self.marked = [k for k in special if _has_markup(raws[k], vtt, ass)]
        self._marked = frozenset(self.marked)
        # Visible lines joined by newlines: the raw text itself for most cues, no copy made.
        # (Every use counts characters, words or whitespace, where a newline is a space.)
        self.texts: list[str] = list(raws)
        srt = self.fmt is SubtitleFormat.SRT
        for k in special:
            raw = raws[k]
            if srt and italic_only(raw):  # most marked cues: their two tags removed, as visible_lines does
                self.texts[k] = "\n".join([ln.strip() for ln in raw.replace("<i>", "").replace("</i>", "").split("\n")])
            else:
                self.texts[k] = "\n".join(self.shown(k))

    def _read_language(self) -> None:
        """``langs``: the language limits of each cue the reading rules apply to (visible
        text, not a sign), None for the others; ``chars``: its characters as counted."""
        en, ko, texts = self.lim.en, self.lim.ko, self.texts
        ascii_flags = list(map(str.isascii, texts))
        # Each cue's language as a code, 0 (none), 1 (en) or 2 (ko): per_language looks limits
        # up by it (by id() of each language's limits, it made 100,000 numbers: 9 ms).
        codes = list(map({True: 1, False: 2}.__getitem__, ascii_flags))
        empty = positions(map(not_, texts)) if not all(texts) else []
        # The SRT reader's columns hold text with a non-space (its pattern's \S, which is
        # not str.isspace): only the cues whose visible text differs from it can be blank.
        maybe_blank = self.marked if self._made else range(len(texts))
        blank = list(compress(maybe_blank, map(str.isspace, map(texts.__getitem__, maybe_blank))))
        for k in (*empty, *blank, *self.signs):
            codes[k] = 0  # no visible text, or a sign
        non_ascii = positions(map(not_, ascii_flags))
        non_ascii_texts = list(map(texts.__getitem__, non_ascii))
        hangul = hangul_counts(non_ascii_texts)
        # Non-ASCII cues that are not mainly Korean (names in Hangul, accents) are English.
        for k in compress(non_ascii, map(not_, korean_flags(non_ascii_texts, hangul))):
            if codes[k] == 2:
                codes[k] = 1
        self._lang_codes = codes
        langs: list[LangLimits | None] = list(map([None, en, ko].__getitem__, codes))
        self.langs = langs
        self.chars: list[float] = list(map(len, texts))
        # text_width(text, weighted=True), the wide characters of all the cues counted at once
        # (where only the non-ASCII cues can be weighted, from their Hangul counts if they hold
        # no other wide character), at C speed: a delivery file's Korean fifth is 20,000 cues.
        if en.weighted:
            weighted = [k for k, lang in enumerate(langs) if lang is not None and lang.weighted]
            wide = cjk_counts(list(map(texts.__getitem__, weighted)))
        else:
            keep = list(map(is_, map(langs.__getitem__, non_ascii), repeat(ko))) if ko.weighted else []
            weighted = list(compress(non_ascii, keep))
            wide = cjk_counts(list(compress(non_ascii_texts, keep)), list(compress(hangul, keep)))
        counted = map(mul, map(add, map(len, map(texts.__getitem__, weighted)), wide), repeat(0.5))
        any(map(self.chars.__setitem__, weighted, counted))  # each set (None, so any() walks them all)

    def shown(self, k: int) -> tuple[str, ...]:
        """The visible lines of cue ``k``."""
        lines = split_lines(self.raws[k])
        if k not in self._special:
            return lines
        if k in self._marked:
            return visible_lines(lines, self.fmt)
        return tuple(ln.strip() for ln in lines)

    def per_language(self, limit: str) -> list[float]:
        """One limit of each cue's language (``width``, ``floor``); infinite for the cues
        without one, so no rule ever fires for them."""
        by_code = [math.inf, getattr(self.lim.en, limit), getattr(self.lim.ko, limit)]
        return list(map(by_code.__getitem__, self._lang_codes))

    @cached_property
    def idents(self) -> list[str | None]:
        """Each cue's number or id as written (None where it has none)."""
        return self._made.ident if self._made else _field(self.entries, "ident")  # type: ignore[return-value]

    def places_of(self, ks: list[int]) -> tuple[list[int], list[int]]:
        """The timing lines and numbers of cues ``ks``, at C speed (from the reader's columns
        when it made them: an Entry asked for is made one at a time)."""
        if self._made:
            return list(map(self._made.timing_line.__getitem__, ks)), list(map(add, ks, repeat(1)))
        found = list(map(self.entries.__getitem__, ks))
        return list(map(_TIMING_LINE, found)), list(map(_NUMBER, found))

    @cached_property
    def newlines(self) -> list[int]:
        """The newlines in each cue's raw text (its lines less one, when it has text)."""
        return self._newlines if self._newlines is not None else list(map(str.count, self.raws, repeat("\n")))

    @cached_property
    def line_counts(self) -> list[int]:
        """The number of lines of each cue."""
        return [n + 1 if raw else 0 for raw, n in zip(self.raws, self.newlines, strict=True)]

    def above(self, k: int) -> int:
        """The position of the latest-ending cue above cue ``k`` in its screen region (-1 for
        the first in its region): what it may overlap or follow too closely."""
        return k - 1 if self.in_sequence else self._previous[k]

    @cached_property
    def _previous(self) -> list[int]:
        ends = self.ends
        last: dict[str, int] = {}
        out: list[int] = []
        add = out.append
        for k, (end, region) in enumerate(zip(ends, self.regions, strict=True)):
            j = last.get(region, -1)
            add(j)
            if j < 0 or end >= ends[j]:
                last[region] = k
        return out

    @cached_property
    def in_sequence(self) -> bool:
        """One screen region and every cue ending no earlier than the one above: most files,
        where the cue each cue follows is simply the one above it."""
        return len(set(self.regions)) <= 1 and self.ends == sorted(self.ends)

    @cached_property
    def gaps(self) -> list[float]:
        """For each cue, ms from the end of the cue it follows (``above``) to its start
        (negative: they overlap); infinite for the first in its region, so it is never close."""
        starts, ends = self.starts, self.ends
        if not ends:
            return []
        if self.in_sequence:
            return [math.inf, *map(minus, islice(starts, 1, None), ends)]
        return [math.inf if j < 0 else start - ends[j] for start, j in zip(starts, self._previous, strict=True)]

    @cached_property
    def close_gaps(self) -> tuple[list[int], list[int]]:
        """The cues that follow the cue above them in their region by less than
        ``short_gap_ms`` (signs excepted), the gap rules' cases: their positions, and their
        gaps in whole frames."""
        gaps = self.gaps
        close = positions(map(gt, repeat(self.short_gap_ms), gaps))
        close = list(compress(close, map(le, repeat(0), map(gaps.__getitem__, close))))  # overlaps are not gaps
        if self.signs:
            close = [k for k in close if k not in self.signs]
        frames = list(map(round, map(mul, map(gaps.__getitem__, close), repeat(self.frames_per_ms))))
        return close, frames
