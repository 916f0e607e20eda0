"""The validator's rules: profile limits, per-rule overrides, and the check over a file's cues.

Timing limits are counted in frames of the exact frame rate, as the cue builder makes
them (``timing.py``), so ``convert`` output is measured by the rule it was built with.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from fractions import Fraction

from subtools.errors import UnknownFormatError
from subtools.findings import RULES, Finding, Severity
from subtools.formats import FORMATS, SubtitleFormat, visible_lines
from subtools.formats.base import SubtitleFile
from subtools.frames import ms_to_frames
from subtools.language import cjk_count
from subtools.profile import PROFILES, Profile

__all__ = [
    "RuleOverride",
    "Thresholds",
    "ValidateOptions",
    "check_file",
    "parse_override",
    "reading_load",
    "resolve_limits",
]

# Rules that take a number, and what the number is.
_NUMERIC = {
    "max-lines": "lines",
    "max-line-length": "characters",
    "max-cps": "characters per second",
    "max-wpm": "words per minute",
    "min-duration": "seconds",
    "max-duration": "seconds",
    "min-gap": "frames",
    "chain-gap": "seconds",
}
_PER_LANGUAGE = ("max-line-length", "max-cps")


@dataclass(frozen=True, slots=True)
class RuleOverride:
    """One change to a profile: ``max-cps.ko=14``, ``max-cps.warn=18``, ``encoding=off``.

    ``value`` is a number (the limit) or ``off`` / ``error`` / ``warning``.
    """

    rule: str
    value: float | str
    lang: str | None = None  # "en" or "ko": only cues in that language (max-line-length, max-cps)
    warn: bool = False  # the warning threshold rather than the error limit (max-cps)


def parse_override(spec: str, source: str = "--rule") -> RuleOverride:
    """Parse ``RULE[.en|.ko][.warn]=VALUE``.

    >>> parse_override("max-cps.ko.warn=10")
    RuleOverride(rule='max-cps', value=10.0, lang='ko', warn=True)

    Raises:
        UnknownFormatError: an unknown rule, qualifier or value.
    """
    key, sep, raw = spec.partition("=")
    if not sep:
        raise UnknownFormatError(f"a rule setting needs '=' (found {spec!r}, expected RULE=VALUE)", source)
    parts = key.strip().split(".")
    rule, quals = parts[0], parts[1:]
    if rule not in RULES:
        raise UnknownFormatError(f"unknown rule (found {rule!r}, expected one of {', '.join(RULES)})", source)
    lang = next((q for q in quals if q in ("en", "ko")), None)
    warn = "warn" in quals
    bad = [q for q in quals if q not in ("en", "ko", "warn")]
    if bad or (lang and rule not in _PER_LANGUAGE) or (warn and rule != "max-cps"):
        raise UnknownFormatError(f"unknown qualifier for {rule} (found {key!r}, expected e.g. max-cps.ko.warn)", source)
    raw = raw.strip().lower()
    if raw in ("off", "error", "warning"):
        if lang or warn:
            raise UnknownFormatError(f"{key} takes a number (found {raw!r})", source)
        return RuleOverride(rule, raw)
    if rule not in _NUMERIC:
        raise UnknownFormatError(f"{rule} takes off, error or warning (found {raw!r})", source)
    try:
        number = float(raw)
    except ValueError:
        raise UnknownFormatError(
            f"{key} needs a number of {_NUMERIC[rule]}, off, error or warning (found {raw!r})", source
        ) from None
    if not math.isfinite(number) or number < 0:
        raise UnknownFormatError(f"{key} needs a number of 0 or more (found {raw!r})", source)
    return RuleOverride(rule, number, lang, warn)


@dataclass(frozen=True, slots=True)
class ValidateOptions:
    """Profile, frame rate and per-rule overrides (command line and ``[tool.subtools]``)."""

    profile: Profile = PROFILES["auto"]
    fps: Fraction = Fraction(30000, 1001)
    overrides: tuple[RuleOverride, ...] = ()


@dataclass(frozen=True, slots=True)
class _Lang:
    width: float
    weighted: bool
    cps: float | None
    warn_cps: float | None


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every threshold in the units the check loop uses."""

    severity: dict[str, Severity | None]  # None: the rule is off
    en: _Lang
    ko: _Lang
    max_lines: int
    min_frames: int
    max_ms: float
    min_gap_frames: int
    chain_ms: float
    max_wpm: float | None


def resolve_limits(options: ValidateOptions) -> Thresholds:
    p = options.profile
    severity: dict[str, Severity | None] = {rule: sev for rule, (sev, _) in RULES.items()}
    langs = {
        "en": _Lang(p.english.max_line_width, p.english.weighted, p.english.max_cps, p.english.target_cps),
        "ko": _Lang(p.korean.max_line_width, p.korean.weighted, p.korean.max_cps, p.korean.target_cps),
    }
    numbers: dict[str, float] = {}
    for o in options.overrides:
        if isinstance(o.value, str):
            severity[o.rule] = None if o.value == "off" else Severity(o.value)
            continue
        if o.rule in _PER_LANGUAGE:
            for code in (o.lang,) if o.lang else ("en", "ko"):
                lang = langs[code]
                if o.rule == "max-line-length":
                    langs[code] = replace(lang, width=o.value)
                elif o.warn:
                    langs[code] = replace(lang, warn_cps=o.value)
                else:
                    langs[code] = replace(lang, cps=o.value)
        else:
            numbers[o.rule] = o.value
    fps = options.fps
    min_ms = numbers["min-duration"] * 1000 if "min-duration" in numbers else p.min_duration_ms
    return Thresholds(
        severity=severity,
        en=langs["en"],
        ko=langs["ko"],
        max_lines=int(numbers.get("max-lines", p.max_lines)),
        # Same rounding as the cue builder: 5/6 s is 25 frames at 29.97 (style-rules §2.3).
        min_frames=math.ceil(ms_to_frames(round(min_ms), fps)),
        max_ms=numbers.get("max-duration", p.max_duration_ms / 1000) * 1000,
        min_gap_frames=int(numbers.get("min-gap", p.min_gap_frames)),
        chain_ms=numbers.get("chain-gap", p.chain_gap_below_ms / 1000) * 1000,
        max_wpm=numbers.get("max-wpm", p.target_wpm),
    )


_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile("[A-Za-z]")
_TAG = re.compile(r"<(/?)([a-zA-Z]+)[^>]*>")
_TAGS_NEEDING_CLOSE = frozenset("i b u c ruby rt lang font".split())


def reading_load(shown: tuple[str, ...], th: Thresholds) -> tuple[float, float | None, float | None]:
    """(characters as counted, cps limit, cps target) for a cue's visible lines."""
    text = " ".join(shown)
    lang = th.ko if _is_korean(text) else th.en
    chars = 0.5 * (len(text) + cjk_count(text)) if lang.weighted else len(text)
    return chars, lang.cps, lang.warn_cps


def _is_korean(text: str) -> bool:
    # "Mainly Hangul" as the parser decides it (language.script_lang): twice the Hangul
    # count reaches the Latin letter count. ASCII text, most of a big file, skips the scan.
    if text.isascii():
        return False
    hangul = len(_HANGUL.findall(text))
    # Latin letters are at most the whole length: no need to count them when Hangul is half.
    return hangul > 0 and (2 * hangul >= len(text) or 2 * hangul >= len(_LATIN.findall(text)))


_SPACE = (" ", "\t")


def _unbalanced(lines: tuple[str, ...], fmt: SubtitleFormat) -> str | None:
    """The first unbalanced tag in a cue, described; None when all are balanced."""
    if fmt is SubtitleFormat.ASS:
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


def check_file(sub: SubtitleFile, options: ValidateOptions | None = None) -> list[Finding]:
    """Every finding for ``sub``: what reading found, then the rules over its cues, by line."""
    options = options or ValidateOptions()
    lim = resolve_limits(options)
    sev = lim.severity
    out: list[Finding] = []
    add = out.append

    def emit(rule: str, line: int | None, cue: int | None, message: str, severity: Severity | None = None) -> None:
        level = sev[rule]
        if level is None:
            return
        if severity is Severity.WARNING and level is Severity.ERROR:
            level = Severity.WARNING  # a rule's warning threshold stays a warning
        add(Finding(rule, level, line, cue, message))

    for f in sub.findings:
        emit(f.rule, f.line, f.cue, f.message, f.severity)
    fmt = sub.format
    if sub.encoding != "utf-8":
        emit("encoding", None, None, f"file is {sub.encoding} (expected utf-8)")
    if sub.mixed_newlines:
        emit("line-endings", None, None, "mixed or CR-only line endings (expected LF or CRLF throughout)")
    if fmt is SubtitleFormat.ASS and not ("PlayResX" in sub.info and "PlayResY" in sub.info):
        emit("missing-playres", None, None, "no PlayResX/PlayResY in [Script Info] (libass then assumes 384x288)")

    fps = float(options.fps)
    frames_per_ms = fps / 1000
    max_lines = lim.max_lines
    min_frames, max_ms = lim.min_frames, lim.max_ms
    gap_frames, chain_ms = lim.min_gap_frames, lim.chain_ms
    en, ko = lim.en, lim.ko
    check_index = fmt is SubtitleFormat.SRT
    ass = fmt is SubtitleFormat.ASS
    ordered = FORMATS[fmt].ORDERED
    styles = sub.styles
    vtt = fmt is SubtitleFormat.VTT
    check_tags = sev["unbalanced-tag"] is not None
    max_wpm = lim.max_wpm
    # Rounding to frames only near a limit: below these many ms a duration or gap may be short.
    short_dur_ms = (min_frames + 0.5) / frames_per_ms
    short_gap_ms = max(chain_ms, (gap_frames + 0.5) / frames_per_ms)
    # Per screen region: start of the last cue, and (end, start, number) of the latest-ending cue.
    last_start: dict[str, int] = {}
    last_end: dict[str, tuple[int, int, int]] = {}
    prev_start = -1
    prev_index = 0
    prev_line = 0
    # A cue that could not be read is reported once, not again as a gap in the numbering.
    lost_lines = sorted(f.line for f in sub.findings if f.rule in ("parse-error", "bad-timestamp") and f.line)
    # Unpacking the tuple is the fastest way through 100,000 entries (no attribute lookups).
    for number, line, tline, start, end, raw, region, ident, _settings, _speaker, style in sub.entries:
        # Index (SRT only: WebVTT ids are free text). Compared with the number above it,
        # so one missing cue is one finding, not one per cue after it.
        if check_index:
            prev_index += 1
            if (
                ident != str(prev_index)
                and ident is not None
                and ident.isdigit()
                and lost_lines
                and (bisect_left(lost_lines, prev_line) < bisect_left(lost_lines, line))
            ):
                prev_index = int(ident)
            elif ident != str(prev_index):
                if ident is None:
                    emit("bad-index", tline, number, f"cue {number} has no number (expected {prev_index})")
                else:
                    emit(
                        "bad-index",
                        line,
                        number,
                        f"cue number out of sequence (found {ident[:20]!r}, expected {prev_index})",
                    )
                    if ident.isdigit():
                        prev_index = int(ident)
            prev_line = line
        # Text. Most cues of a big file have no markup and no stray spaces: they skip both passes.
        lines = tuple(raw.split("\n")) if "\n" in raw else (raw,) if raw else ()
        if "<" in raw or "{" in raw or "}" in raw or (vtt and "&" in raw) or (ass and "\\" in raw):
            shown = visible_lines(lines, fmt)
            if check_tags and (why := _unbalanced(lines, fmt)):
                emit("unbalanced-tag", tline, number, f"cue {number}: {why}")
        elif raw[:1] in _SPACE or raw[-1:] in _SPACE or "\n " in raw or " \n" in raw or "\t" in raw:
            shown = tuple(ln.strip() for ln in lines)
        else:
            shown = lines
        if raw[-1:] in _SPACE or " \n" in raw or "\t\n" in raw:
            k = next(k for k, ln in enumerate(lines) if ln[-1:] in _SPACE)
            emit("trailing-whitespace", tline if ass else tline + 1 + k, number, "spaces at the end of the line")
        text = " ".join(shown)
        dur = end - start
        # ASS signs and title cards (subtitles.py: _ass_region) are typesetting, not read at subtitle speed.
        sign = region.startswith("sign:")
        if not text or text.isspace():
            emit("empty-cue", tline, number, f"cue {number} has no visible text")
        elif not sign:
            nlines = len(shown)
            if nlines > max_lines:
                emit(
                    "max-lines",
                    tline if ass else tline + 1,
                    number,
                    f"cue {number} has {nlines} lines (limit {max_lines})",
                )
            lang = en if text.isascii() or not _is_korean(text) else ko
            weighted = lang.weighted
            width_limit = lang.width
            if weighted:
                widths = [0.5 * (len(ln) + cjk_count(ln)) for ln in shown]
                chars = sum(widths) + 0.5 * (nlines - 1)  # the joining spaces
            else:
                chars = len(text)
            if weighted or max(map(len, shown)) > width_limit:
                for k, ln in enumerate(shown):
                    w = widths[k] if weighted else len(ln)
                    if w > width_limit:
                        emit(
                            "max-line-length",
                            tline if ass else tline + 1 + k,
                            number,
                            f"line is {w:g} {'weighted ' if weighted else ''}characters (limit {width_limit:g})",
                        )
            if dur > 0:
                cps = chars * 1000 / dur
                if lang.cps is not None and cps > lang.cps:
                    emit("max-cps", tline, number, f"{cps:.1f} characters per second (limit {lang.cps:g})")
                elif lang.warn_cps is not None and cps > lang.warn_cps:
                    emit(
                        "max-cps",
                        tline,
                        number,
                        f"{cps:.1f} characters per second (target {lang.warn_cps:g})",
                        Severity.WARNING,
                    )
                if max_wpm is not None:
                    wpm = len(text.split()) * 60000 / dur
                    if wpm > max_wpm:
                        emit("max-wpm", tline, number, f"{wpm:.0f} words per minute (limit {max_wpm:g})")
        if ass and style is not None and style.lstrip("*") not in styles and style != "Default":
            emit("undefined-style", tline, number, f"style {style!r} is not defined in the file")
        # Times.
        if dur <= 0:
            emit(
                "end-before-start",
                tline,
                number,
                f"cue {number} ends at {_clock(end)}, not after its start {_clock(start)}",
            )
        elif not sign:
            if dur < short_dur_ms and (frames := round(dur * frames_per_ms)) < min_frames:
                emit(
                    "min-duration",
                    tline,
                    number,
                    f"cue {number} lasts {dur} ms = {frames} frames (minimum {min_frames} frames)",
                )
            if dur > max_ms:
                emit("max-duration", tline, number, f"cue {number} lasts {dur} ms (maximum {max_ms:g} ms)")
        # SRT and WebVTT show cues in file order; ASS draws by time, so only events in the
        # same place are expected in order (Aegisub files often list signs apart).
        if not ordered:
            if start < last_start.get(region, -1):
                emit("out-of-order", tline, number, f"cue {number} starts at {_clock(start)}, before the cue above it")
            last_start[region] = start
        elif start < prev_start:
            emit("out-of-order", tline, number, f"cue {number} starts at {_clock(start)}, before the cue above it")
        prev_start = start
        previous = last_end.get(region)
        if previous is None:
            last_end[region] = (end, start, number)
            continue
        p_end, p_start, p_number = previous
        gap = start - p_end
        if gap < 0 and end <= p_start:
            pass  # out of order but not overlapping in time: reported as out-of-order only
        elif gap < 0:
            emit("overlap", tline, number, f"cue {number} starts {-gap} ms before cue {p_number} ends")
        elif gap < short_gap_ms and not sign:
            frames = round(gap * frames_per_ms)
            if frames < gap_frames:
                emit(
                    "min-gap",
                    tline,
                    number,
                    f"gap after cue {p_number} is {gap} ms = {frames} frames (minimum {gap_frames} frames)",
                )
            elif frames > gap_frames and gap < chain_ms:
                emit(
                    "chain-gap",
                    tline,
                    number,
                    f"gap after cue {p_number} is {gap} ms (close it to {gap_frames} frames or leave {chain_ms:g} ms)",
                )
        if end >= p_end:
            last_end[region] = (end, start, number)
    out.sort(key=lambda f: f.line if f.line is not None else 0)
    return out


def _clock(ms: int) -> str:
    sign = "-" if ms < 0 else ""
    h, rest = divmod(abs(ms), 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, rest = divmod(rest, 1000)
    return f"{sign}{h:02d}:{m:02d}:{s:02d}.{rest:03d}"
