"""Title cards: each story's on-screen title and Korean headline, shown at the top while
the story's opening speech plays (ASS title events, JSON ``title_cards``)."""

from __future__ import annotations

from subtools.build.cues import normalise_text
from subtools.build.linebreak import BreakWeights, break_text
from subtools.language import hangul_count
from subtools.model import Cue, CueKind, Transcript
from subtools.profile import PROFILES, Profile

__all__ = ["build_title_cards"]

# A card is read at a glance as one block, not line by line like speech: balance counts
# for more than the best joint ("정부," / "청년 주거비 부담 완화 대책 발표" reads as a stub
# and a bar; "정부, 청년 주거비" / "부담 완화 대책 발표" as a card); and all its lines are one
# event, so a "cue" break costs as much as a bad line break.
_CARD_WEIGHTS = BreakWeights(cue=10.0, imbalance_per_char=0.8, short_line=0.0)


def build_title_cards(transcript: Transcript, cues: tuple[Cue, ...], profile: Profile | None = None) -> tuple[Cue, ...]:
    """On-screen title and headline of each story, shown at the top while the story's
    opening speech plays (at least 5 s, at most until the story's last cue): the ASS
    title card, never merged with narration."""
    profile = profile or PROFILES["broadcast-news-en"]
    cards: list[Cue] = []
    for number, story in enumerate(transcript.stories, start=1):
        spoken = [c for c in cues if c.story == number and c.kind is CueKind.SPEECH]
        if not spoken:
            continue
        start = spoken[0].start_ms
        first_turn_end = next(
            (c.end_ms for c in reversed(spoken) if c.line <= story.segments[0].end_line), spoken[0].end_ms
        ) if story.segments else spoken[0].end_ms  # fmt: skip
        end = min(max(first_turn_end, start + 5000), spoken[-1].end_ms)
        end = max(end, start + 1)
        for item, kind in ((story.title, CueKind.TITLE), (story.headline, CueKind.HEADLINE)):
            if item is None:
                continue
            lang = "ko" if hangul_count(item.text) else "en"
            # A card is not a subtitle: all its lines stay together in one event.
            lines = [
                ln
                for cue in break_text(normalise_text(item.text), profile.limits_for(lang), weights=_CARD_WEIGHTS)
                for ln in cue
            ]
            cards.append(
                Cue(
                    start,
                    end,
                    tuple(lines),
                    kind=kind,
                    lang=lang,
                    line=item.line,
                    end_line=item.line,
                    story=number,
                    top=True,
                )
            )
    return tuple(cards)
