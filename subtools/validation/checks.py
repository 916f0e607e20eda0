"""The validator's QC rules, as data: each rule id is one check function in :data:`CHECKS`.

A check takes the file's :class:`~subtools.validation.columns.CueColumns` and returns its
:class:`Hits` (as columns, in any order). :func:`check_table` runs every check that is not turned off and sorts
the findings by line (:func:`check_file` gives them as a list): what reading found first,
then the file-level rules, then per cue in the order of ``CHECKS``.

Adding a rule is one function here, its entry in ``CHECKS`` (where its findings fall
among the others of a cue), its line in ``findings.RULES`` and a fixture in
``fixtures/validate/`` with the findings it expects.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat
from operator import add, and_, gt, is_, itemgetter, lt, mul, neg, not_, sub, truediv
from typing import NamedTuple

from subtools.clock import format_clock
from subtools.findings import Finding, Severity
from subtools.formats import SubtitleFormat
from subtools.formats.base import Entry, SubtitleFile
from subtools.language import cjk_counts
from subtools.startup.patterns import compile_pattern
from subtools.validation.columns import CueColumns, italic_only, positions, split_lines
from subtools.validation.limits import LangLimits, Thresholds, ValidateOptions, resolve_limits
from subtools.validation.report import FindingTable

__all__ = ["CHECKS", "Hit", "Hits", "check_file", "check_table"]


# One place a rule is broken: (line, cue, message, warning), line and cue None for the
# file as a whole; ``warning``: a warning threshold, a warning even when the rule is an
# error. The rules that find a few list them so; see Hits.
Hit = tuple[int | None, int | None, str, bool]


class Hits(NamedTuple):
    """A rule's hits as columns, which the driver makes rows of the findings table with
    the rule's severity. ``warnings`` is one flag for all of them or one per hit. The rules
    with thousands of hits (an ASR file's 80,000) make the columns at C speed: a tuple per
    hit, taken apart again by the driver, cost 20 ms; the driver puts them in file order,
    so a rule need not (an ordering sort per rule cost 8 ms more)."""

    lines: Sequence[int | None]
    cues: Sequence[int | None]
    messages: Sequence[str]
    warnings: Sequence[bool] | bool = False

    def rows(self) -> list[Hit]:
        """The hits as (line, cue, message, warning), in file order: by cue (the file's
        own hits first), each cue's in the order the rule found them."""
        warnings = repeat(self.warnings) if isinstance(self.warnings, bool) else self.warnings
        rows = zip(self.lines, self.cues, self.messages, warnings, strict=False)  # warnings may repeat
        return sorted(rows, key=lambda hit: hit[1] or 0)


_NO_HITS = Hits((), (), ())


def _rows(rows: Iterable[Hit]) -> Hits:
    """The hits of a rule that finds them one by one (those that find a few)."""
    columns = tuple(zip(*rows, strict=True))
    return Hits(*columns) if columns else _NO_HITS


Check = Callable[[CueColumns], Hits]

# ---------------------------------------------------------------------------------------
# File-level rules


def _encoding(c: CueColumns) -> Hits:
    enc = c.sub.encoding
    return _rows([(None, None, f"file is {enc} (expected utf-8)", False)]) if enc != "utf-8" else _NO_HITS


def _line_endings(c: CueColumns) -> Hits:
    message = "mixed or CR-only line endings (expected LF or CRLF throughout)"
    return _rows([(None, None, message, False)]) if c.sub.mixed_newlines else _NO_HITS


def _missing_playres(c: CueColumns) -> Hits:
    if not c.ass or ("PlayResX" in c.sub.info and "PlayResY" in c.sub.info):
        return _NO_HITS
    return _rows([(None, None, "no PlayResX/PlayResY in [Script Info] (libass then assumes 384x288)", False)])


# ---------------------------------------------------------------------------------------
# Per-cue rules: text


# Readers that lost a cue report these; the numbering gap they leave is not reported again.
_LOST_CUE_RULES = ("parse-error", "bad-timestamp")
_IDENT_SHOWN = 20  # characters of a bad cue number quoted in the message


def _counting_text(n: int) -> str:
    """``"\\n".join(map(str, range(1, n + 1)))``, made a thousand numbers at a time: each
    thousand is its prefix before the thousand three-digit endings joined at C speed
    (100,000 numbers: 1 ms, where 100,000 ``str`` calls took 10)."""
    if n < 1000:
        return "\n".join(map(str, range(1, n + 1)))
    blocks = ["\n".join(map(str, range(1, 1000)))]
    suffixes = [f"{k:03d}" for k in range(1000)]
    for thousand in range(1, n // 1000 + 1):
        prefix = str(thousand)
        endings = suffixes if thousand < n // 1000 else suffixes[: n % 1000 + 1]
        blocks.append(prefix + ("\n" + prefix).join(endings))
    return "\n".join(blocks)


def _bad_index(c: CueColumns) -> Hits:
    """SRT cue numbers (WebVTT ids are free text), each compared with the number above it,
    so one missing cue is one finding, not one per cue after it."""
    if c.fmt is not SubtitleFormat.SRT:
        return _NO_HITS
    entries, idents = c.entries, c.idents
    if None not in idents and "\n".join(idents) == _counting_text(len(idents)):  # type: ignore[arg-type]
        return _NO_HITS  # numbered 1, 2, 3…: most files (no number holds a newline)
    out: list[Hit] = []
    lost_lines = sorted(f.line for f in c.sub.findings if f.rule in _LOST_CUE_RULES and f.line)
    prev_index = 0
    for k, e in enumerate(entries):
        prev_index += 1
        ident = e.ident
        if ident == str(prev_index):
            continue
        prev_line = entries[k - 1].line if k else 0
        if (
            ident is not None
            and ident.isdigit()
            and lost_lines
            and (bisect_left(lost_lines, prev_line) < bisect_left(lost_lines, e.line))
        ):
            prev_index = int(ident)  # a cue that could not be read lies between the two
        elif ident is None:
            out.append((e.timing_line, e.number, f"cue {_name(e)} has no number (expected {prev_index})", False))
        else:
            found = ident[:_IDENT_SHOWN]
            message = f"cue number out of sequence (found {found!r}, expected {prev_index})"
            out.append((e.line, e.number, message, False))
            if ident.isdigit():
                prev_index = int(ident)
    return _rows(out)


_NUMBER, _TIMING_LINE = (itemgetter(Entry._fields.index(name)) for name in ("number", "timing_line"))

_TAG = compile_pattern(r"<(/?)([a-zA-Z]+)[^>]*>")
_TAGS_NEEDING_CLOSE = frozenset("i b u c ruby rt lang font".split())


def _unbalanced_tag(c: CueColumns) -> Hits:
    fmt, entries, raws = c.fmt, c.entries, c.raws
    # The cues in italics and nothing else, "<i>…</i>" (most of a delivery file's marked
    # cues, 5,000 of 100,000), are balanced: their two tags are the two "<" of the text.
    # Told by three C calls instead of the tag parser (30 of 45 ms).
    marked = c.marked if fmt is not SubtitleFormat.SRT else [k for k in c.marked if not italic_only(raws[k])]
    return _rows(
        (entries[k].timing_line, entries[k].number, f"cue {_name(entries[k])}: {why}", False)
        for k in marked
        if (why := _unbalanced(split_lines(raws[k]), fmt))
    )


def _unbalanced(lines: tuple[str, ...], fmt: SubtitleFormat) -> str | None:
    """The first unbalanced tag in a cue, described; None when all are balanced."""
    if fmt is SubtitleFormat.ASS:
        return _unbalanced_ass(lines)
    text = "\n".join(lines)
    if fmt is SubtitleFormat.SRT and "{" in text and text.count("{") != text.count("}"):
        return "'{' without '}'" if text.count("{") > text.count("}") else "'}' without '{'"
    if "<" not in text:
        return None
    stack: list[str] = []
    for m in _TAG.finditer(text):
        closing, name = m.group(1), m.group(2).lower()
        if name == "v" or name not in _TAGS_NEEDING_CLOSE:
            continue  # WebVTT lets <v> run to the end of the cue
        if not closing:
            stack.append(name)
        elif stack and stack[-1] == name:
            stack.pop()
        elif name in stack:
            return f"<{stack[-1]}> closed by </{name}>"
        else:
            return f"</{name}> without <{name}>"
    if stack:
        return f"<{stack[-1]}> without </{stack[-1]}>"
    return None


def _unbalanced_ass(lines: tuple[str, ...]) -> str | None:
    for ln in lines:
        depth = 0
        for ch in ln:
            if ch == "{":
                if depth:
                    return "'{' inside an override block"
                depth = 1
            elif ch == "}":
                if not depth:
                    return "'}' without '{'"
                depth = 0
        if depth:
            return "'{' without '}'"
    return None


_SPACE = (" ", "\t")


def _trailing_whitespace(c: CueColumns) -> Hits:
    if not c.trailing_space:
        return _NO_HITS
    out: list[Hit] = []
    for k, raw in enumerate(c.raws):
        if raw[-1:] in _SPACE or " \n" in raw or "\t\n" in raw:
            e = c.entries[k]
            n = next(n for n, ln in enumerate(split_lines(raw)) if ln[-1:] in _SPACE)
            out.append(
                (
                    e.timing_line if c.one_line else e.timing_line + 1 + n,
                    e.number,
                    "spaces at the end of the line",
                    False,
                )
            )
    return _rows(out)


def _empty_cue(c: CueColumns) -> Hits:
    # Counted by identity: list.count(None) calls LangLimits.__eq__ (Python-level) per cue, 20 ms.
    if list(map(is_, c.langs, repeat(None))).count(True) == len(c.signs):
        return _NO_HITS  # every cue but the signs has a language, so visible text
    return _rows(
        (e.timing_line, e.number, f"cue {_name(e)} has no visible text", False)
        for k, text in enumerate(c.texts)
        if not text or text.isspace()
        for e in (c.entries[k],)
    )


# The reading rules below apply to the cues with a language (visible text, not a sign).


def _max_lines(c: CueColumns) -> Hits:
    limit = c.lim.max_lines
    if max(c.newlines, default=-1) + 1 <= limit:
        return _NO_HITS  # no cue has more lines: checked at C speed
    return _rows(
        (
            e.timing_line if c.one_line else e.timing_line + 1,
            e.number,
            f"cue {_name(e)} has {n} lines (limit {limit})",
            False,
        )
        for k, n in enumerate(c.line_counts)
        if n > limit and c.langs[k] is not None
        for e in (c.entries[k],)
    )


def _max_line_length(c: CueColumns) -> Hits:
    # Markup, trimming and weighting only shorten a line: a cue is measured only when its
    # whole text, and then its longest raw line, are over the limit.
    wide = positions(map(gt, c.chars, c.per_language("width")))
    wide_langs = list(map(c.langs.__getitem__, wide))
    lines: list[int] = []
    cues: list[int] = []
    messages: list[str] = []
    # Each language's cues apart, every step over all of them at C speed (the 39,000 long
    # two-line cues of a delivery file, the 35,000 long lines of an ASR file).
    for limits in {id(x): x for x in (c.lim.en, c.lim.ko)}.values():
        ks = list(compress(wide, map(is_, wide_langs, repeat(limits))))
        # The end of the message, once per language rather than once per line.
        end = f" {'weighted ' if limits.weighted else ''}characters (limit {limits.width:g})"
        rest = ks
        if not limits.weighted:
            # One raw line shown as written, measured unweighted (most of an ASR file's long
            # lines): its width is its length, which is over the limit (its characters as
            # counted). The hits of them all are made at once; the other cues are measured.
            plain = list(map(not_, map(c.newlines.__getitem__, ks)))
            if c.special:
                plain = list(map(and_, plain, map(not_, map(c.special.__contains__, ks))))
            one = list(compress(ks, plain))
            rest = list(compress(ks, map(not_, plain)))
            timing_lines, numbers = c.places_of(one)
            lengths = list(map(len, map(c.raws.__getitem__, one)))
            # A whole number is written as str() writes it up to 6 digits, as :g does.
            escaped = end.replace("{", "{{").replace("}", "}}")
            message = (("line is {}" if max(lengths, default=0) < 10**6 else "line is {:g}") + escaped).format
            lines += timing_lines if c.one_line else map(add, timing_lines, repeat(1))
            cues += numbers
            messages += map(message, lengths)
        _measure_lines(c, rest, limits, end, (lines, cues, messages))
    return Hits(lines, cues, messages)


def _measure_lines(
    c: CueColumns, ks: list[int], limits: LangLimits, end: str, out: tuple[list[int], list[int], list[str]]
) -> None:
    """Add the lines of cues ``ks`` (of one language) wider than its limit to ``out``."""
    limit, weighted = limits.width, limits.weighted
    texts = list(map(c.texts.__getitem__, ks))  # their lines as shown, joined by newlines
    # No line shown over the limit, unweighted (most delivery files: 39,000 two-line cues),
    # told by one split of them all: none is measured (25 -> 6 ms).
    if max(map(len, "\n".join(texts).split("\n")), default=0) <= limit:
        return
    # The longer of "up to the first newline" and "after it" is at least the longest line.
    firsts = list(map(str.find, texts, repeat("\n")))
    bounds: Iterable[float] = map(max, firsts, map(sub, map(len, texts), map(add, firsts, repeat(1))))
    if weighted:
        # A line of L characters holding at most n wide ones, of the n in the cue's text
        # (2 chars - its length), is at most (L + min(n, L)) / 2 wide: two lines of Korean
        # each under the limit are not measured (8,000 cues of a delivery file).
        wides = map(sub, map(mul, map(c.chars.__getitem__, ks), repeat(2)), map(len, texts))
        longest = list(bounds)
        bounds = map(mul, map(add, longest, map(min, wides, longest)), repeat(0.5))
    measured = list(compress(ks, map(gt, bounds, repeat(limit))))
    # Their lines as shown (the visible text's lines), each measured as text_width measures
    # it, all at once: without a regex call or two per line (1,000 italic Korean cues of a
    # delivery file: 10 ms).
    shown = [text.split("\n") if text else [] for text in map(c.texts.__getitem__, measured)]  # shown(k)
    flat = [line for cue_lines in shown for line in cue_lines]
    widths = (
        list(map(mul, map(add, map(len, flat), cjk_counts(flat)), repeat(0.5))) if weighted else list(map(len, flat))
    )
    lines, cues, messages = out
    at = 0
    for cue_lines, timing_line, number in zip(shown, *c.places_of(measured), strict=True):
        for n, w in enumerate(widths[at : at + len(cue_lines)]):
            if w > limit:
                lines.append(timing_line if c.one_line else timing_line + 1 + n)
                cues.append(number)
                messages.append(f"line is {w:g}{end}")
        at += len(cue_lines)


def _max_cps(c: CueColumns) -> Hits:
    langs, chars, durs = c.langs, c.chars, c.durs
    if min(durs, default=1) > 0:  # no cue without time: characters per second at C speed
        cps = list(map(truediv, map(mul, chars, repeat(1000)), durs))
        fast = positions(map(gt, cps, c.per_language("floor")))
        # Above the floor (the lower of limit and target) is a hit; made at C speed, language
        # by language (18,000 on an ASR file).
        lines: list[int] = []
        cues: list[int] = []
        messages: list[str] = []
        warnings: list[bool] = []
        for limits in {id(x): x for x in (c.lim.en, c.lim.ko)}.values():
            ks = list(compress(fast, map(is_, map(langs.__getitem__, fast), repeat(limits))))
            speeds = list(map(cps.__getitem__, ks))
            error, target = limits.cps, limits.warn_cps
            over = list(map(gt, speeds, repeat(error))) if error is not None else [False] * len(ks)
            ends = {
                True: f" characters per second (limit {error:g})" if error is not None else "",
                False: f" characters per second (target {target:g})" if target is not None else "",
            }
            timing_lines, numbers = c.places_of(ks)
            lines += timing_lines
            cues += numbers
            messages += map(add, map(format, speeds, repeat(".1f")), map(ends.__getitem__, over))
            warnings += map(not_, over)
        return Hits(lines, cues, messages, warnings)
    out: list[Hit] = []
    fast = [k for k, (lang, dur) in enumerate(zip(langs, durs, strict=True)) if lang and dur > 0]
    for k in fast:
        lang, dur = langs[k], durs[k]
        if lang is None or dur <= 0 or (speed := chars[k] * 1000 / dur) <= lang.floor:
            continue
        e = c.entries[k]
        if lang.cps is not None and speed > lang.cps:
            out.append((e.timing_line, e.number, f"{speed:.1f} characters per second (limit {lang.cps:g})", False))
        else:
            message = f"{speed:.1f} characters per second (target {lang.warn_cps:g})"
            out.append((e.timing_line, e.number, message, True))
    return _rows(out)


def _hits(c: CueColumns, ks: list[int], messages: Iterable[str]) -> Hits:
    """Errors at the timing lines of cues ``ks``, made at C speed (from the columns, not
    the entries: a big SRT file's entries are made one by one when asked for)."""
    timing_lines, numbers = c.places_of(ks)
    return Hits(timing_lines, numbers, list(messages))


def _max_wpm(c: CueColumns) -> Hits:
    limit = c.lim.max_wpm
    if limit is None:
        return _NO_HITS
    return _rows(
        (e.timing_line, e.number, f"{wpm:.0f} words per minute (limit {limit:g})", False)
        for k, (lang, text, dur) in enumerate(zip(c.langs, c.texts, c.durs, strict=True))
        if lang is not None and dur > 0 and (wpm := len(text.split()) * 60000 / dur) > limit
        for e in (c.entries[k],)
    )


def _undefined_style(c: CueColumns) -> Hits:
    if not c.ass:
        return _NO_HITS
    styles = c.sub.styles
    return _rows(
        (e.timing_line, e.number, f"style {e.style!r} is not defined in the file", False)
        for e in c.entries
        if e.style is not None and e.style.lstrip("*") not in styles and e.style != "Default"
    )


# ---------------------------------------------------------------------------------------
# Per-cue rules: times


def _end_before_start(c: CueColumns) -> Hits:
    if min(c.durs, default=1) > 0:
        return _NO_HITS
    return _rows(
        (
            e.timing_line,
            e.number,
            f"cue {_name(e)} ends at {format_clock(e.end_ms)}, not after its start {format_clock(e.start_ms)}",
            False,
        )
        for k, dur in enumerate(c.durs)
        if dur <= 0
        for e in (c.entries[k],)
    )


def _min_duration(c: CueColumns) -> Hits:
    short, frames_per_ms, limit, signs = c.short_dur_ms, c.frames_per_ms, c.lim.min_frames, c.signs
    if min(c.durs, default=short) >= short:
        return _NO_HITS
    return _rows(
        (
            e.timing_line,
            e.number,
            f"cue {_name(e)} lasts {dur} ms = {frames} frames (minimum {limit} frames)",
            False,
        )
        for k, dur in enumerate(c.durs)
        if 0 < dur < short and k not in signs and (frames := round(dur * frames_per_ms)) < limit
        for e in (c.entries[k],)
    )


def _max_duration(c: CueColumns) -> Hits:
    limit, signs = c.lim.max_ms, c.signs
    if max(c.durs, default=0) <= limit:
        return _NO_HITS
    return _rows(
        (e.timing_line, e.number, f"cue {_name(e)} lasts {dur} ms (maximum {limit:g} ms)", False)
        for k, dur in enumerate(c.durs)
        if dur > limit and dur > 0 and k not in signs
        for e in (c.entries[k],)
    )


def _out_of_order(c: CueColumns) -> Hits:
    """SRT and WebVTT show cues in file order; ASS draws by time, so only events in the
    same place are expected in order (Aegisub files often list signs apart), and JSON lists
    its title cards after the cues."""
    starts = c.starts
    if not c.ordered:
        last: dict[str, int] = {}
        late = []
        for k, (start, region) in enumerate(zip(starts, c.regions, strict=True)):
            if start < last.get(region, -1):
                late.append(k)
            last[region] = start
    elif starts == sorted(starts):
        return _NO_HITS  # in order: most files, checked at C speed
    else:
        late = [k for k, (before, start) in enumerate(zip([-1, *starts], starts, strict=False)) if start < before]
    return _rows(
        (
            e.timing_line,
            e.number,
            f"cue {_name(e)} starts at {format_clock(e.start_ms)}, before the cue above it",
            False,
        )
        for k in late
        for e in (c.entries[k],)
    )


def _overlap(c: CueColumns) -> Hits:
    # A cue that starts earlier but also ends before the other starts is out of order, not overlapping.
    starts, ends, gaps = c.starts, c.ends, c.gaps
    ks = [k for k in positions(map(gt, repeat(0), gaps)) if ends[k] > starts[c.above(k)]]
    message = "cue {} starts {} ms before cue {} ends".format
    return _hits(c, ks, map(message, _names(c, ks), map(neg, map(gaps.__getitem__, ks)), _above_names(c, ks)))


def _min_gap(c: CueColumns) -> Hits:
    limit, gaps = c.lim.min_gap_frames, c.gaps
    close, frames = c.close_gaps
    short = list(map(gt, repeat(limit), frames))
    ks = list(compress(close, short))
    message = f"gap after cue {{}} is {{}} ms = {{}} frames (minimum {limit} frames)".format
    return _hits(c, ks, map(message, _above_names(c, ks), map(gaps.__getitem__, ks), compress(frames, short)))


def _chain_gap(c: CueColumns) -> Hits:
    least, chain_ms, gaps = c.lim.min_gap_frames, c.lim.chain_ms, c.gaps
    close, frames = c.close_gaps
    over_least = map(lt, repeat(least), frames)
    ks = list(compress(close, map(and_, over_least, map(gt, repeat(chain_ms), map(gaps.__getitem__, close)))))
    message = f"gap after cue {{}} is {{}} ms (close it to {least} frames or leave {chain_ms:g} ms)".format
    return _hits(c, ks, map(message, _above_names(c, ks), map(gaps.__getitem__, ks)))


def _above_names(c: CueColumns, ks: list[int]) -> list[str]:
    """The name of the cue each of cues ``ks`` follows in its region (the gap rules' 28,000
    hits on an ASR file)."""
    return _names(c, list(map(sub, ks, repeat(1))) if c.in_sequence else list(map(c.above, ks)))


def _names(c: CueColumns, ks: list[int]) -> list[str]:
    """:func:`_name` of each of cues ``ks``, at C speed where every one has a plain number
    (from the columns: an entry of a big SRT file is made when asked for)."""
    idents = list(map(c.idents.__getitem__, ks))
    if None in idents or not all(map(str.isdigit, idents)) or not all(map(str.isascii, idents)):  # type: ignore[arg-type]
        return list(map(_name, map(c.entries.__getitem__, ks)))
    names = list(map(str.lstrip, idents, repeat("0")))  # type: ignore[arg-type]
    return names if "" not in names else [name or "0" for name in names]


def _name(e: Entry) -> str:
    """How a message names a cue: by the number the file gives it (an SRT cue number), else
    by its place in the file, so "cue 12" is the cue an editor sees numbered 12."""
    ident = e.ident
    if ident is not None and ident.isdigit() and ident.isascii():
        return ident.lstrip("0") or "0"
    return str(e.number)


# ---------------------------------------------------------------------------------------
# The rule table and the driver

# Rule id -> check, in the order a cue's findings are listed (file-level rules first).
# The rules only readers report (parse-error, bad-timestamp, nonstandard-timestamp) are
# in findings.RULES but not here.
CHECKS: dict[str, Check] = {
    "encoding": _encoding,
    "line-endings": _line_endings,
    "missing-playres": _missing_playres,
    "bad-index": _bad_index,
    "unbalanced-tag": _unbalanced_tag,
    "trailing-whitespace": _trailing_whitespace,
    "empty-cue": _empty_cue,
    "max-lines": _max_lines,
    "max-line-length": _max_line_length,
    "max-cps": _max_cps,
    "max-wpm": _max_wpm,
    "undefined-style": _undefined_style,
    "end-before-start": _end_before_start,
    "min-duration": _min_duration,
    "max-duration": _max_duration,
    "out-of-order": _out_of_order,
    "overlap": _overlap,
    "min-gap": _min_gap,
    "chain-gap": _chain_gap,
}
_RANK = {rule: rank for rank, rule in enumerate(CHECKS, start=1)}  # 0: what reading found


def check_file(sub: SubtitleFile, options: ValidateOptions | None = None) -> list[Finding]:
    """Every finding for ``sub``: what reading found, then the rules over its cues, by line."""
    return list(check_table(sub, options))


def check_table(sub: SubtitleFile, options: ValidateOptions | None = None) -> FindingTable:
    """:func:`check_file`'s findings as columns: no Finding is made until one is asked for
    (the text and JSON reports are written from the columns: an ASR file has 80,000)."""
    options = options or ValidateOptions()
    lim = resolve_limits(options)
    table = FindingTable([], [], [], [], [])
    # Sorted by line; on one line, what reading found first (in its order), then the rules
    # cue by cue in the order of CHECKS, each rule's hits in its own order (the sort is
    # stable): the key (line, 0 for reading's or 1, cue, rank), written as one int.
    stride, ranks = len(sub.entries) + 2, len(CHECKS) + 1
    keys: list[int] = []
    for f in sub.findings:
        level = _level(lim, f.rule, f.severity is Severity.WARNING)
        if level is not None:
            table.append(f.rule, level, f.line, f.cue, f.message)
            keys.append((f.line or 0) * 2 * stride * ranks)
    columns = CueColumns(sub, lim, options.fps)
    for rule, check in CHECKS.items():
        level = lim.severity[rule]
        if level is None:
            continue  # turned off: not even computed
        lines, cues, messages, warnings = check(columns)
        if not messages:
            continue
        warn_level = Severity.WARNING if level is Severity.ERROR else level  # a warning threshold stays one
        if isinstance(warnings, bool):
            severities: Iterable[Severity] = repeat(warn_level if warnings else level, len(messages))
        else:
            severities = map({False: level, True: warn_level}.__getitem__, warnings)
        table.extend(rule, severities, lines, cues, messages)
        rank = stride * ranks + _RANK[rule]
        if None in lines or None in cues:  # file-level rules: a hit or two
            keys += [
                ((line or 0) * 2 * stride + (cue or 0)) * ranks + rank for line, cue in zip(lines, cues, strict=True)
            ]
        else:  # ((2 line + 1) stride + cue) ranks + rank, at C speed for the 35,000 hits of a rule
            keys += map(add, map(mul, map(add, map(mul, lines, repeat(2 * stride)), cues), repeat(ranks)), repeat(rank))
    table.sort(keys)
    return table


def _level(lim: Thresholds, rule: str, warning: bool) -> Severity | None:
    """The severity a finding of ``rule`` gets: a warning threshold stays a warning."""
    level = lim.severity[rule]
    if warning and level is Severity.ERROR:
        return Severity.WARNING
    return level
