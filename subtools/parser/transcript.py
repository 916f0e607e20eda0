"""parse_transcript: raw news transcript text → speaker-tagged stories.

Three passes over the lines, each in its own module:

1. ``lineitems.tokenise_line`` cuts every line into items: dropped pieces, metadata,
   turn markers, sign-offs and plain text spans.
2. ``_split_stories`` (here) finds story boundaries and each story's header: title,
   headline, metadata.
3. ``roles.assign_roles`` decides who speaks each sentence.

Every non-blank character of every line ends up in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from subtools.errors import ParseError
from subtools.language import detect_lang, script_lang
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
from subtools.parser import chrome, speakers
from subtools.parser.lines import (
    QUOTE_OPEN,
    SENT_END,
    DocFacts,
    Item,
    clean,
    count_mixed_labels,
    drop,
    join_pieces,
    tokenise_line,
    trim,
)
from subtools.parser.roles import assign_roles
from subtools.textio import read_text, split_lines

__all__ = ["parse_transcript", "read_transcript"]

# ----------------------------------------------------------------------------- pass 2


@dataclass(slots=True, repr=False, eq=False)
class _StoryDraft:
    title: Item | None = None
    title_more: list[Item] = field(default_factory=list)  # a title wrapped onto a second line
    headline: Item | None = None
    metadata: list[Item] = field(default_factory=list)
    body: list[Item] = field(default_factory=list)
    signoff: Item | None = None


_TRAILING_FUNCTION_WORDS = frozenset(
    "a an the of to in on at for with from by and or but that this these those its their his her our "
    "is are was were be been has have had will would can could should as than into about".split()
)


def _is_title_like(item: Item, next_item: Item | None) -> bool:
    """A line that reads as a headline: capitalised, no sentence end, not continued."""
    text = item.text
    if not item.line_start or len(text) > 200 or len(text.split()) > 30:
        return False
    if not (text[:1].isupper() or text[:1].isdigit() or text[:1] in QUOTE_OPEN):
        return False
    if script_lang(text) != "en":
        return False
    follows_header = next_item is not None and (
        next_item.kind in {"meta", "story"} or (next_item.kind == "text" and script_lang(next_item.text) == "ko")
    )
    if follows_header:
        return True
    if SENT_END.search(text) or text.endswith((",", ":", ";")):
        return False
    # A hard-wrapped sentence stops anywhere, often after a function word ("… data
    # from the" / "Trade Ministry showed …"); a headline does not.
    if text.split()[-1].casefold() in _TRAILING_FUNCTION_WORDS:
        return False
    # Hard-wrapped captions: a line continued in lower case on the next line is
    # the start of a sentence, not a title.
    return not (next_item is not None and next_item.kind == "text" and next_item.text[:1].islower())


def _wrapped_title(items: list[Item], i: int, nxt: Item | None) -> Item | None:
    """The second line of a title wrapped before a Korean headline or a date line."""
    item = items[i]
    if nxt is None or nxt.kind != "text" or not nxt.text[:1].islower() or nxt.line != item.line + 1:
        return None
    after = _next_content(items, items.index(nxt))
    joined = f"{item.text} {nxt.text}"
    header_follows = after is not None and (
        after.kind == "meta" or (after.kind == "text" and script_lang(after.text) == "ko")
    )
    if not header_follows or SENT_END.search(joined) or len(joined) > 200 or script_lang(joined) != "en":
        return None
    return nxt if item.line_start and item.text[:1].isupper() else None


def _next_content(items: list[Item], i: int) -> Item | None:
    for j in range(i + 1, len(items)):
        if items[j].kind != "drop":
            return items[j]
    return None


def _split_stories(items: list[Item], dropped: list[Item]) -> list[_StoryDraft]:
    stories: list[_StoryDraft] = [_StoryDraft()]
    in_body = False
    after_signoff = False
    skip: set[int] = set()
    english_report = _mostly_english_lines(items)
    for i, item in enumerate(items):
        story = stories[-1]
        nxt = _next_content(items, i)
        if item.kind == "drop":
            dropped.append(item)
            continue
        if id(item) in skip:
            continue
        new_story = False
        if item.kind == "story" or (item.kind == "chevron" and item.level >= 3):
            new_story = in_body or story.title is not None or story.headline is not None
        elif item.kind == "text" and (in_body or after_signoff) and item.line_start:
            # Multi-story pages (§1): after a sign-off a title-like line opens the next
            # story; elsewhere only a title followed by a date or a Korean headline does.
            if after_signoff and _is_title_like(item, nxt):
                new_story = True
            elif (
                _is_title_like(item, nxt)
                and not SENT_END.search(item.text)
                and nxt is not None
                and nxt.kind in {"meta", "text"}
            ):
                new_story = nxt.kind == "meta" or script_lang(nxt.text) == "ko"
        elif item.kind == "meta" and after_signoff:
            new_story = True
        if new_story and (in_body or after_signoff or story.title or story.headline):
            stories.append(_StoryDraft())
            story = stories[-1]
            in_body = after_signoff = False
        if item.kind == "story" or (item.kind == "chevron" and item.level >= 3):
            dropped.append(Item("drop", item.line, item.col, item.text, reason=DropReason.STORY_MARKER))
            continue
        if item.kind == "meta":
            story.metadata.append(item)
            continue
        if item.kind == "signoff":
            if story.signoff is None and (story.body or story.title):
                story.signoff = item
                after_signoff = True
                continue
            item.kind = "text"  # a second sign-off-like line is spoken text
        if (
            in_body
            and item.kind == "text"
            and story.headline is None
            and item.line_start
            and script_lang(item.text) == "ko"
            and not SENT_END.search(item.text)
            and item.text[:1] not in QUOTE_OPEN
            and english_report
        ):
            # Some pages print the Korean headline under the English text. A Korean line
            # without a sentence end in an English report is that headline; an
            # untranslated Korean clip is a sentence ("…했습니다.") or a quote.
            story.headline = item
            continue
        if not in_body and item.kind == "text":
            lang = script_lang(item.text)
            if lang == "ko" and story.headline is None:
                story.headline = item
                continue
            if (
                lang == "ko"
                and story.headline is not None
                and not story.body
                and not SENT_END.search(item.text)
                and _looks_headline_zone(items, i)
            ):
                story.metadata.append(Item("meta", item.line, item.col, item.text, meta_kind="subheading"))
                continue
            if story.title is None and story.headline is None and _is_title_like(item, nxt):
                story.title = item
                continue
            wrapped = _wrapped_title(items, i, nxt)
            if story.title is None and story.headline is None and wrapped:
                # "Moon, Trump agree to keep up dialogue" / "with North Korea" above the
                # Korean headline: one title hard-wrapped over two lines.
                story.title = item
                story.title_more.append(wrapped)
                skip.add(id(wrapped))
                continue
            if (
                story.title is None
                and story.headline is not None
                and _is_title_like(item, nxt)
                and (nxt is None or nxt.kind == "meta")
            ):
                story.title = item
                continue
            if (
                story.title is not None
                and story.headline is None
                and lang == "en"
                and nxt is not None
                and (nxt.kind == "meta" or (nxt.kind == "text" and script_lang(nxt.text) == "ko"))
                and _is_title_like(item, nxt)
            ):
                # A video page's second, longer title line ("…: JCS") above the Korean
                # headline is a heading, not the anchor's first words.
                story.metadata.append(Item("meta", item.line, item.col, item.text, meta_kind="heading"))
                continue
        # Tags are not speech: a Korean headline may still follow "[Anchor Lead]".
        in_body = in_body or item.kind in {"text", "label", "chevron", "lang"}
        if after_signoff and item.kind == "text":
            after_signoff = False
        story.body.append(item)
    for story in stories:
        _split_garbled_signoff(story)
    return _merge_header_only(stories)


def _split_garbled_signoff(story: _StoryDraft) -> None:
    """Auto-captions run the sign-off into the last line (§7): split it off."""
    texts = [it for it in story.body if it.kind == "text"]
    if story.signoff is not None or not texts:
        return
    last = texts[-1]
    found = speakers.split_garbled_signoff(last.text)
    if found is None:
        return
    head, sign, tail = found
    cut = len(last.text) - len(tail)
    story.signoff = Item("signoff", last.line, last.col + cut, tail, name=sign.name, outlet=sign.outlet)
    last.text = head.rstrip()


def _merge_header_only(stories: list[_StoryDraft]) -> list[_StoryDraft]:
    """A page heading above a list of stories ("Today's top stories") is metadata of the
    story under it, not a story of its own."""
    out: list[_StoryDraft] = []
    carry: list[Item] = []
    for story in stories:
        if not story.body and story.signoff is None:
            # title_more: the second line of a hard-wrapped title goes with it (found by hypothesis).
            for it in (story.title, *story.title_more, story.headline):
                if it is not None:
                    carry.append(Item("meta", it.line, it.col, it.text, meta_kind="page-heading"))
            carry.extend(story.metadata)
            continue
        story.metadata = carry + story.metadata
        carry = []
        out.append(story)
    if carry and out:
        out[-1].metadata.extend(carry)
    elif carry:
        out.append(_StoryDraft(metadata=carry))
    return out


def _mostly_english_lines(items: list[Item]) -> bool:
    texts = [it for it in items if it.kind == "text"]
    return sum(script_lang(it.text) == "en" for it in texts) * 2 > len(texts)


def _looks_headline_zone(items: list[Item], i: int) -> bool:
    """A second Korean line right under the headline is a sub-heading, not speech."""
    nxt = _next_content(items, i)
    return nxt is None or nxt.kind != "text" or script_lang(nxt.text) != "ko"


# ----------------------------------------------------------------------------- entry


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
    facts = DocFacts(mixed_labels=count_mixed_labels(lines) >= 2, lines=lines)
    items: list[Item] = []
    blanks: list[Item] = []
    end_of_page = False
    seen_speech = False
    for n, raw in enumerate(lines, start=1):
        if not clean(raw):
            blanks.append(Item("drop", n, 0, "", reason=DropReason.BLANK))
            continue
        first, s = trim(raw)
        if end_of_page:
            drop(items, n, raw, first, first + len(s), DropReason.PAGE_CHROME)
            continue
        if seen_speech and chrome.is_end_of_page(s):
            # The page's sidebar starts here ("Recommended"); the rest is not the report.
            end_of_page = True
            drop(items, n, raw, first, first + len(s), DropReason.PAGE_CHROME)
            continue
        before = len(items)
        tokenise_line(n, raw, facts, items)
        if any(it.kind in {"text", "label", "tag"} for it in items[before:]):
            seen_speech = True
    items = _drop_repeats(items)
    dropped: list[Item] = list(blanks)
    drafts = _split_stories(items, dropped)
    stories: list[Story] = []
    for d in drafts:
        segments = assign_roles(d.body, d.signoff, dropped)
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


def _drop_repeats(items: list[Item]) -> list[Item]:
    """Caption lines repeated or looping back (§9) are dropped as duplicates."""
    out: list[Item] = []
    recent: list[str] = []
    for it in items:
        if it.kind == "text" and it.line_start and len(it.text) >= 25:
            key = clean(it.text).casefold()
            if key in recent:
                out.append(Item("drop", it.line, it.col, it.text, reason=DropReason.DUPLICATE))
                continue
            recent = [*recent[-9:], key]
        out.append(it)
    return out


def _story(d: _StoryDraft, segments: list[Segment]) -> Story:
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
