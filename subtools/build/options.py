"""The options that decide cues: profile, frame rate, reading rates, pauses, offsets."""

from __future__ import annotations

from dataclasses import field
from fractions import Fraction

from subtools.errors import ConfigError
from subtools.profile import PROFILES, Profile
from subtools.startup.records import value_class

__all__ = ["TIMINGS", "CueOptions"]

TIMINGS = ("auto", "source", "reading")


@value_class
class CueOptions:
    """Everything that decides cues and times; the CLI's options map onto these fields.

    Attributes:
        profile: the subtitle rules (``broadcast-news-en``, ``korean``, ``bbc``).
        fps: exact frame rate; times snap to its frames (Korean broadcast is NTSC 29.97).
        wpm: English narration rate in words per minute (news is read at 150-190).
        ko_syllables_per_minute: the Korean equivalent (about 5.5 syllables a second).
        start_ms: offset of the first cue.
        duration_ms: fit all cues within this length of video, or None.
        sentence_pause_ms: silence after a sentence.
        speaker_pause_ms: silence at a change of speaker.
        headline: open each story with its title and Korean headline as top cues.
        labels: the speaker's name (caps, BBC style) opens the first cue of each speaker
            change (``Cue.label``; SRT writes it). A cue decision, not a writer flag: the
            name takes room on the line, so it changes where lines break.
        timing: ``source``: a cue whose first words carry a timestamp of the pasted
            transcript starts at that time, the reading rate fills in between;
            ``reading``: the reading rate only; ``auto`` (default): source when the
            transcript has timestamps. Audio alignment, when given, wins over both.
    """

    profile: Profile = field(default_factory=lambda: PROFILES["broadcast-news-en"])
    fps: Fraction = Fraction(30000, 1001)
    wpm: float = 170.0
    ko_syllables_per_minute: float = 330.0
    start_ms: int = 0
    duration_ms: int | None = None
    sentence_pause_ms: int = 250
    speaker_pause_ms: int = 600
    headline: bool = False
    labels: bool = False
    timing: str = "auto"

    def __post_init__(self) -> None:
        if not (self.wpm > 0 and self.ko_syllables_per_minute > 0):
            raise ConfigError(
                f"reading rates must be positive (found {self.wpm:g} wpm, {self.ko_syllables_per_minute:g} "
                "syllables per minute)",
                "CueOptions",
            )
        if self.start_ms < 0:
            raise ConfigError(f"start must be 0 or later (found {self.start_ms} ms)", "CueOptions")
        if self.timing not in TIMINGS:
            raise ConfigError(f"timing must be one of {', '.join(TIMINGS)} (found {self.timing!r})", "CueOptions")
        if self.duration_ms is not None and self.duration_ms <= 0:
            raise ConfigError(f"duration must be more than 0 (found {self.duration_ms} ms)", "CueOptions")
