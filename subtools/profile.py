"""Subtitle rule profiles: line length, reading speed, durations and gaps.

Netflix English (42 characters, 20 cps; its timed-text style guide), Netflix Korean (16
weighted characters, 12 weighted cps, Hangul 1, Latin/space/punctuation 0.5; its Korean
guide), both with 5/6 s-7 s durations, 2-frame gaps and chaining of gaps under ½ s; BBC
(37 characters, the Teletext width, and 160-180 words per minute; its subtitle guidelines).
"""

from __future__ import annotations

from dataclasses import replace

from subtools.errors import ConfigError
from subtools.language import cjk_count
from subtools.startup.records import value_class

__all__ = ["PROFILES", "Limits", "Profile", "get_profile", "text_width"]


def text_width(text: str, weighted: bool) -> float:
    """Characters as the profile counts them: plain, or Netflix Korean weights.

    >>> text_width("한국 TV", weighted=True), text_width("Lee Ji-won", weighted=False)
    (3.5, 10)
    """
    if not weighted:
        return len(text)
    return 0.5 * (len(text) + cjk_count(text))


@value_class
class Limits:
    """The limits that apply to one cue's text."""

    max_line_width: float  # characters per line (weighted when ``weighted``)
    weighted: bool
    max_cps: float  # characters per second, counted the same way (an error above it)
    target_cps: float | None = None  # a warning above it (Netflix English template 17 cps)
    # Two speakers in one cue, one per line, each line opening with this dash; None: the
    # profile never puts two speakers in one cue (BBC tells speakers apart by colour).
    dual_speaker_dash: str | None = None


@value_class
class Profile:
    """A named set of broadcast subtitle rules.

    ``english`` applies to Latin-script cues and ``korean`` to Hangul cues, so an
    English track can carry an untranslated Korean clip without breaking either rule.
    """

    name: str
    english: Limits
    korean: Limits
    max_lines: int = 2
    min_duration_ms: int = 833  # 5/6 s: 25 frames at 29.97, 20 at 24 (rounded up to frames)
    max_duration_ms: int = 7000
    min_gap_frames: int = 2
    chain_gap_below_ms: int = 500
    target_wpm: float | None = None  # words per minute; a warning above it (BBC 160-180 wpm)
    description: str = ""

    def limits_for(self, lang: str) -> Limits:
        return self.korean if lang == "ko" else self.english


# Netflix Korean: 16 weighted characters, 12 weighted cps; the target of 11 keeps the same
# margin under the cap as English 17 under 20. Dual speakers: Netflix English opens each
# line with a hyphen and no space ("-Are you coming?"), Netflix Korean with a hyphen and a
# space ("- 하지만 왜").
_KOREAN = Limits(max_line_width=16, weighted=True, max_cps=12, target_cps=11, dual_speaker_dash="- ")
_ENGLISH = Limits(max_line_width=42, weighted=False, max_cps=20, target_cps=17, dual_speaker_dash="-")

_AUTO = Profile(
    name="auto",
    english=_ENGLISH,
    korean=_KOREAN,
    description="Netflix Korean limits for mainly-Hangul cues, Netflix English for the rest",
)
_NETFLIX_KO = Profile(
    name="netflix-ko",
    english=_KOREAN,
    korean=_KOREAN,
    description="Netflix Korean for every cue: 16 weighted chars, 12 weighted cps",
)


def _alias(profile: Profile, name: str, description: str) -> Profile:
    """The same rules under another name (a name users know from a workflow)."""
    return replace(profile, name=name, description=description)


PROFILES: dict[str, Profile] = {
    "auto": _AUTO,
    "broadcast-news-en": _alias(
        _AUTO,
        "broadcast-news-en",
        "English news subtitles: Netflix English 42 chars, 20 cps; Korean cues by Netflix Korean",
    ),
    "netflix-en": Profile(
        name="netflix-en",
        english=_ENGLISH,
        korean=_ENGLISH,
        description="Netflix English for every cue: 42 chars, 2 lines, 20 cps (17 a warning)",
    ),
    "netflix-ko": _NETFLIX_KO,
    "korean": _alias(_NETFLIX_KO, "korean", "Korean subtitles: Netflix Korean 16 weighted chars, 12 weighted cps"),
    "bbc": Profile(
        name="bbc",
        english=Limits(max_line_width=37, weighted=False, max_cps=20),
        # BBC tells speakers apart by colour, dashes only with colour when unavoidable
        # (BBC §7.1): no dual-speaker cues, in Korean cues either.
        korean=replace(_KOREAN, dual_speaker_dash=None),
        target_wpm=180,
        description="BBC: Teletext width (37 chars), 160-180 wpm (a warning above 180)",
    ),
}


def get_profile(name: str) -> Profile:
    """The profile called ``name``.

    Raises:
        ConfigError: no such profile.
    """
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise ConfigError(f"unknown profile (found {name!r}, expected one of {known})", "--profile") from None
