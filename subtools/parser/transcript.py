"""parse_transcript: raw news transcript text → speaker-tagged stories.

Three passes over the lines, each in its own module:

1. ``lines.tokenise_line`` cuts every line into items: dropped pieces, metadata,
   turn markers, sign-offs and plain text spans.
2. ``stories.split_stories`` finds story boundaries and each story's header: title,
   headline, metadata.
3. ``roles.assign_roles`` cuts each story body into sentences (``sentences``) and
   decides who speaks each one.

Every non-blank character of every line ends up in exactly one place.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from subtools.errors import ParseError
from subtools.language import detect_lang
from subtools.model import (
    Dropped,
    DropReason,
    Headline,
    Metadata,
    Role,
    Segment,
    Signoff,
    Story,
    Title,
    Transcript,
)
from subtools.parser import chrome
from subtools.parser.items import Item, ItemKind, clean, join_pieces, trim
from subtools.parser.lines import DocFacts, count_mixed_labels, drop, tokenise_line, uses_bracket_tags
from subtools.parser.roles import assign_roles
from subtools.parser.stories import StoryDraft, split_stories
from subtools.textio import read_text, split_lines

if TYPE_CHECKING:  # only named in a signature: pathlib (and urllib, which it imports) cost 4 ms of a convert's start
    from pathlib import Path

__all__ = ["parse_transcript", "read_transcript"]


def parse_transcript(text: str, *, source: str = "<string>", encoding: str = "utf-8") -> Transcript:
    """Parse a news transcript into stories of speaker-tagged segments.

    Every non-blank character of every line ends up in exactly one place: a segment,
    a title, a headline, a metadata entry, a sign-off, or ``dropped`` with a reason.

    >>> t = parse_transcript("Good evening.\\nKim Min-ji reports.\\nPrices rose.\\n")
    >>> [(s.role.value, s.speaker) for s in t.segments]
    [('anchor', None), ('reporter', 'Kim Min-ji')]

    Raises:
        ParseError: the text holds no speech at all.
    """
    lines = split_lines(text)
    facts = DocFacts(mixed_labels=count_mixed_labels(lines) >= 2, lines=lines, bracket_tags=uses_bracket_tags(lines))
    items: list[Item] = []
    blanks: list[Item] = []
    end_of_page = False
    seen_speech = False
    for n, raw in enumerate(lines, start=1):
        first, s = trim(raw)
        if not s:  # blank: nothing but spaces and invisible marks
            blanks.append(Item(ItemKind.DROP, n, 0, "", reason=DropReason.BLANK))
            continue
        if end_of_page:
            drop(items, n, raw, first, first + len(s), DropReason.PAGE_CHROME)
            continue
        if chrome.is_encoded_data(s):
            # Encoded data is page chrome wherever it sits and needs no further look: 30 MB
            # of base64 (tests/test_fuzz.py) must parse in seconds, not minutes.
            drop(items, n, raw, first, first + len(s), DropReason.PAGE_CHROME)
            facts.prev_chrome = s
            continue
        if seen_speech and chrome.is_end_of_page(s):
            # The page's sidebar starts here ("Recommended"); the rest is not the report.
            end_of_page = True
            drop(items, n, raw, first, first + len(s), DropReason.PAGE_CHROME)
            continue
        before = len(items)
        facts.before_speech = not seen_speech
        tokenise_line(n, raw, facts, items)
        made = items[before:]
        if n > 1 and not clean(lines[n - 2]):
            for it in made:
                it.after_blank = True
        facts.prev_chrome = s if made and all(it.reason is DropReason.PAGE_CHROME for it in made) else ""
        if any(it.kind in {ItemKind.TEXT, ItemKind.LABEL, ItemKind.TAG} for it in made):
            seen_speech = True
    items = _drop_repeats(items)
    times = _source_times(items)
    dropped: list[Item] = list(blanks)
    drafts = split_stories(items, dropped)
    stories: list[Story] = []
    for d in drafts:
        segments = assign_roles(d.body, d.signoff, dropped, times)
        # Names given once in a credit line fill the turns the text left unnamed.
        for kind, role in (("interviewee", Role.INTERVIEWEE), ("byline", Role.REPORTER)):
            name = next((m.name for m in d.metadata if m.meta_kind == kind and m.name), None)
            if name:
                segments = [
                    replace(seg, speaker=name) if seg.role is role and seg.speaker is None else seg for seg in segments
                ]
        stories.append(_story(d, segments))
    if not any(s.segments or s.signoff for s in stories):
        raise ParseError(
            f"no speech found (found {len(lines)} lines of titles, metadata or page chrome, expected narration)",
            source,
        )
    stories = _fold_empty_stories(stories)
    drops = tuple(
        Dropped(it.line, it.text, it.reason or DropReason.PAGE_CHROME, it.col)
        for it in sorted(dropped, key=lambda it: (it.line, it.col))
    )
    return Transcript(source, tuple(stories), drops, len(lines), encoding)


def _source_times(items: list[Item]) -> dict[tuple[int, int], int]:
    """(line, col) of the text each timestamp of a caption paste introduces → its time in ms
    (autocaption-timestamps.txt): a timestamp line or a glued ``:00:05. >`` stamps the next
    spoken text, on its own line or the lines after it."""
    times: dict[tuple[int, int], int] = {}
    pending: int | None = None
    for it in items:
        if it.kind is ItemKind.DROP and it.reason is DropReason.TIMESTAMP:
            ms = chrome.timestamp_ms(it.text)
            pending = ms if ms is not None else pending
        elif it.kind is ItemKind.TEXT and pending is not None:
            times[(it.line, it.col)] = pending
            pending = None
        elif it.kind in {ItemKind.SIGNOFF, ItemKind.META}:
            pending = None  # the stamp was the sign-off's or the header's, not the next turn's
    return times


def _fold_empty_stories(stories: list[Story]) -> list[Story]:
    """A story left with nothing but metadata (its body was all markers) hands that
    metadata to the story before it (or after it), so no line goes missing."""
    kept: list[Story] = []
    orphan: tuple[Metadata, ...] = ()
    for story in stories:
        if story.segments or story.signoff or story.title or story.headline:
            if orphan:
                story = replace(story, metadata=orphan + story.metadata)
                orphan = ()
            kept.append(story)
        elif kept:
            kept[-1] = replace(kept[-1], metadata=kept[-1].metadata + story.metadata)
        else:
            orphan += story.metadata
    return kept


# Auto-captions repeat a line or loop back a few lines (autocaption-lowercase.txt): a
# line that recurs among the last _REPEAT_WINDOW is a duplicate. Lines shorter than
# _REPEAT_MIN_CHARS ("Thank you.", "Yes.") are left alone: people do say them twice.
_REPEAT_WINDOW = 10
_REPEAT_MIN_CHARS = 25


def _drop_repeats(items: list[Item]) -> list[Item]:
    """Caption lines repeated or looping back (autocaption-lowercase.txt) are dropped as duplicates."""
    out: list[Item] = []
    recent: list[str] = []
    for it in items:
        if it.kind is ItemKind.TEXT and it.line_start and len(it.text) >= _REPEAT_MIN_CHARS:
            key = clean(it.text).casefold()
            if key in recent:
                out.append(Item(ItemKind.DROP, it.line, it.col, it.text, reason=DropReason.DUPLICATE))
                continue
            recent = [*recent[-(_REPEAT_WINDOW - 1) :], key]
        out.append(it)
    return out


def _story(d: StoryDraft, segments: list[Segment]) -> Story:
    title = None
    if d.title:
        parts = [d.title, *d.title_more]
        title = Title(join_pieces([p.text for p in parts]), d.title.line, tuple(p.piece() for p in parts))
    headline = None
    if d.headline:
        headline = Headline(
            clean(d.headline.text), detect_lang(d.headline.text), d.headline.line, (d.headline.piece(),)
        )
    signoff = None
    if d.signoff:
        signoff = Signoff(clean(d.signoff.text), d.signoff.name, d.signoff.outlet, d.signoff.line, (d.signoff.piece(),))
    metadata = tuple(Metadata(m.meta_kind or "other", clean(m.text), m.line, (m.piece(),)) for m in d.metadata)
    return Story(title, headline, tuple(segments), signoff, metadata)


def read_transcript(path: str | Path) -> Transcript:
    """Read, decode and parse a transcript file (UTF-8/16 with or without BOM, CP949).

    Raises:
        ParseError: unreadable, empty, binary or undecodable file, or no speech.
    """
    text, encoding = read_text(path)
    return parse_transcript(text, source=str(path), encoding=encoding)
