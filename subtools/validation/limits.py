"""What the validator checks against: a profile's limits, per-rule overrides, and both
resolved into the numbers the rules use.

Timing limits are counted in frames of the exact frame rate through
:class:`~subtools.clock.FrameLimits`, the same limits the cue builder builds with, so
``convert`` output is measured by the rule it was built with.
"""

from __future__ import annotations

import math
from dataclasses import field, replace
from fractions import Fraction

from subtools.clock import FrameLimits
from subtools.errors import ConfigError
from subtools.findings import RULES, Severity
from subtools.profile import PROFILES, Limits, Profile
from subtools.startup.records import value_class

__all__ = ["RuleOverride", "Thresholds", "ValidateOptions", "build_profile", "parse_override", "resolve_limits"]

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
_LANGUAGES = ("en", "ko")
_SEVERITY_VALUES = ("off", "error", "warning")


@value_class
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
        ConfigError: an unknown rule, qualifier or value.
    """
    key, sep, raw = spec.partition("=")
    if not sep:
        raise ConfigError(f"a rule setting needs '=' (found {spec!r}, expected RULE=VALUE)", source)
    parts = key.strip().split(".")
    rule, quals = parts[0], parts[1:]
    if rule not in RULES:
        raise ConfigError(f"unknown rule (found {rule!r}, expected one of {', '.join(RULES)})", source)
    lang = next((q for q in quals if q in _LANGUAGES), None)
    warn = "warn" in quals
    bad = [q for q in quals if q not in (*_LANGUAGES, "warn")]
    if bad or (lang and rule not in _PER_LANGUAGE) or (warn and rule != "max-cps"):
        raise ConfigError(f"unknown qualifier for {rule} (found {key!r}, expected e.g. max-cps.ko.warn)", source)
    raw = raw.strip().lower()
    if raw in _SEVERITY_VALUES:
        if lang or warn:
            raise ConfigError(f"{key} takes a number (found {raw!r})", source)
        return RuleOverride(rule, raw)
    if rule not in _NUMERIC:
        raise ConfigError(f"{rule} takes off, error or warning (found {raw!r})", source)
    try:
        number = float(raw)
    except ValueError:
        raise ConfigError(
            f"{key} needs a number of {_NUMERIC[rule]}, off, error or warning (found {raw!r})", source
        ) from None
    if not math.isfinite(number) or number < 0:
        raise ConfigError(f"{key} needs a number of 0 or more (found {raw!r})", source)
    return RuleOverride(rule, number, lang, warn)


# The frame rate when neither --fps nor [tool.subtools] names one: NTSC 29.97, exact.
DEFAULT_FPS = Fraction(30000, 1001)


@value_class
class ValidateOptions:
    """Profile, frame rate and per-rule overrides (command line and ``[tool.subtools]``)."""

    profile: Profile = PROFILES["auto"]
    fps: Fraction = DEFAULT_FPS
    overrides: tuple[RuleOverride, ...] = ()


@value_class
class LangLimits:
    """The reading limits of one language (English or Korean cues)."""

    width: float  # longest line, in characters (weighted when ``weighted``)
    weighted: bool  # Hangul and other wide characters count 1, the rest 1/2
    cps: float | None  # characters per second: error above
    warn_cps: float | None  # characters per second: warning above
    floor: float = field(init=False, repr=False, compare=False)  # the lower of the two: no finding at or below

    def __post_init__(self) -> None:
        limits = [x for x in (self.cps, self.warn_cps) if x is not None]
        object.__setattr__(self, "floor", min(limits, default=math.inf))


@value_class
class Thresholds:
    """Every threshold in the units the rules use."""

    severity: dict[str, Severity | None]  # None: the rule is off
    en: LangLimits
    ko: LangLimits
    max_lines: int
    frames: FrameLimits  # shortest cue and least gap, in whole frames
    max_ms: float
    chain_ms: float
    max_wpm: float | None
    min_ms: float = 0.0  # shortest cue in ms, as written (``frames`` holds it rounded to frames)

    @property
    def min_frames(self) -> int:
        return self.frames.min_frames

    @property
    def min_gap_frames(self) -> int:
        return self.frames.gap_frames


def resolve_limits(options: ValidateOptions) -> Thresholds:
    """The profile of ``options`` with its overrides applied."""
    p = options.profile
    severity: dict[str, Severity | None] = {rule: sev for rule, (sev, _) in RULES.items()}
    langs = {
        "en": LangLimits(p.english.max_line_width, p.english.weighted, p.english.max_cps, p.english.target_cps),
        "ko": LangLimits(p.korean.max_line_width, p.korean.weighted, p.korean.max_cps, p.korean.target_cps),
    }
    numbers: dict[str, float] = {}
    for o in options.overrides:
        if isinstance(o.value, str):
            severity[o.rule] = None if o.value == "off" else Severity(o.value)
        elif o.rule in _PER_LANGUAGE:
            for code in (o.lang,) if o.lang else _LANGUAGES:
                langs[code] = _with_limit(langs[code], o, o.value)
        else:
            numbers[o.rule] = o.value
    min_ms = numbers["min-duration"] * 1000 if "min-duration" in numbers else p.min_duration_ms
    max_ms = numbers.get("max-duration", p.max_duration_ms / 1000) * 1000
    chain_ms = numbers.get("chain-gap", p.chain_gap_below_ms / 1000) * 1000
    gap_frames = int(numbers.get("min-gap", p.min_gap_frames))
    # The minimum is rounded to whole ms first, as the profile holds it: 5/6 s is 833 ms,
    # 25 frames at 29.97 (fixtures/validate/min-duration.srt: 800 ms is short, 834 ms is not).
    frames = FrameLimits.of(round(min_ms), max_ms, gap_frames, chain_ms, options.fps)
    return Thresholds(
        severity=severity,
        en=langs["en"],
        ko=langs["ko"],
        max_lines=int(numbers.get("max-lines", p.max_lines)),
        frames=frames,
        max_ms=max_ms,
        chain_ms=chain_ms,
        max_wpm=numbers.get("max-wpm", p.target_wpm),
        min_ms=round(min_ms),
    )


def build_profile(options: ValidateOptions) -> Profile:
    """The profile ``convert`` and ``reflow`` build cues to: ``options``'s profile with
    the same overrides ``validate`` applies (``--rule``, ``[tool.subtools.rules]``), so
    built cues are measured by the rules they were built with. A rule turned off or set
    to a severity keeps the profile's number: the builder still needs one."""
    t = resolve_limits(options)
    p = options.profile

    def limits(base: Limits, lang: LangLimits) -> Limits:
        return replace(base, max_line_width=lang.width, max_cps=lang.cps or base.max_cps, target_cps=lang.warn_cps)

    return replace(
        p,
        english=limits(p.english, t.en),
        korean=limits(p.korean, t.ko),
        max_lines=max(1, t.max_lines),
        min_duration_ms=int(t.min_ms),
        max_duration_ms=int(t.max_ms),
        min_gap_frames=t.frames.gap_frames,
        chain_gap_below_ms=int(t.chain_ms),
    )


def _with_limit(lang: LangLimits, o: RuleOverride, value: float) -> LangLimits:
    if o.rule == "max-line-length":
        return replace(lang, width=value)
    if o.warn:
        return replace(lang, warn_cps=value)
    return replace(lang, cps=value)
