"""The reference transcript parses exactly as a news editor reads it (issue #2)."""

from __future__ import annotations

from accounting import accounting_errors
from conftest import SEED

from subtools import DropReason, Role, read_transcript


def test_seed_structure() -> None:
    t = read_transcript(SEED)
    assert len(t.stories) == 1
    story = t.stories[0]
    assert story.title is not None
    assert story.title.text.startswith("Seoul, Washington maintain close alliances")
    assert story.headline is not None
    assert (story.headline.lang, story.headline.line) == ("ko", 3)
    assert [(m.kind, m.text, m.line) for m in story.metadata] == [("date", "• 5 years ago", 2)]
    roles = [(s.role, s.speaker) for s in story.segments]
    assert roles == [
        (Role.ANCHOR, None),
        (Role.REPORTER, "Lee Ji-won"),
        (Role.SOUNDBITE, "Kang Kyung-wha"),
        (Role.REPORTER, "Lee Ji-won"),
    ]
    anchor, reporter, bite, _ = story.segments
    # The anchor's three lead-in sentences, up to and including the hand-off.
    assert anchor.text.startswith("Weeks have gone by")
    assert anchor.text.endswith("Lee Ji-won has the latest in coordination and talks between the allies.")
    assert reporter.text.startswith("South Korea's foreign minister Kang Kyung-wha")
    assert (reporter.line, anchor.end_line) == (7, 7)
    assert bite.text.startswith('"We discussed')
    assert bite.text.endswith('as well."')
    assert story.signoff is not None
    assert (story.signoff.name, story.signoff.outlet, story.signoff.line) == (
        "Lee Ji-won",
        "Arirang News",
        20,
    )
    dropped = {(d.line, d.text, d.reason) for d in t.dropped}
    assert (9, ", ,", DropReason.ARTEFACT) in dropped
    assert (21, "Recommended", DropReason.PAGE_CHROME) in dropped


def test_seed_accounts_for_every_line() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert accounting_errors(text, read_transcript(SEED)) == []
