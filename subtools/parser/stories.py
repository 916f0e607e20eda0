"""Pass 2 of the parser: the items of a page cut into stories, each with its header.

A story's header is what comes before its first spoken words: an English title (maybe
hard-wrapped over two lines), a Korean headline, metadata. A new story opens at a story
marker, after a sign-off, or where a title-like line is followed by a date or a Korean
headline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from subtools.language import HARD_WRAP_WORDS, SENTENCE_END, script_lang
from subtools.model import DropReason, Role
from subtools.parser import chrome, speakers
from subtools.parser.items import QUOTE_OPEN, Item, ItemKind

__all__ = ["StoryDraft", "split_stories"]


@dataclass(slots=True, repr=False, eq=False)
class StoryDraft:
    """The items of one story, sorted into header, body and sign-off."""

    title: Item | None = None
    title_more: list[Item] = field(default_factory=list)  # a title wrapped onto a second line
    headline: Item | None = None
    metadata: list[Item] = field(default_factory=list)
    body: list[Item] = field(default_factory=list)
    signoff: Item | None = None
    title_dated: bool = False  # a date line comes right under the title


# A title is one headline line: the longest in the fixtures is 78 characters and 9 words
# (arirang-lee-ji-won.txt). A line over these limits is a paragraph of narration that
# happens to have no sentence end (a caption line, an unwrapped lead).
_TITLE_MAX_CHARS = 200
_TITLE_MAX_WORDS = 30
# ">>>" opens a new story in caption text (captions-chevrons.txt); ">>" only changes speaker.
_STORY_CHEVRON_LEVEL = 3


def _is_title_like(item: Item, next_item: Item | None) -> bool:
    """A line that reads as a headline: capitalised, no sentence end, not continued."""
    text = item.text
    if not item.line_start or len(text) > _TITLE_MAX_CHARS or len(text.split()) > _TITLE_MAX_WORDS:
        return False
    if not (text[:1].isupper() or text[:1].isdigit() or text[:1] in QUOTE_OPEN):
        return False
    if script_lang(text) != "en":
        return False
    follows_header = next_item is not None and (
        next_item.kind in {ItemKind.META, ItemKind.STORY}
        or (next_item.kind is ItemKind.TEXT and script_lang(next_item.text) == "ko")
    )
    if follows_header:
        return True
    short = len(text.split()) <= _SHOW_NAME_MAX_WORDS
    if text.endswith(("...", "…")) and short and _is_title_case(text.rstrip(".…"), 2):
        return True  # a show's name may trail off: "Morning Report..." (cnn-show-header.txt)
    if SENTENCE_END.search(text) or text.endswith((",", ":", ";")):
        return False
    # A hard-wrapped sentence stops anywhere, often after a function word ("… data
    # from the" / "Trade Ministry showed …"); a headline does not.
    if text.split()[-1].casefold() in HARD_WRAP_WORDS:
        return False
    # Hard-wrapped captions: a line continued in lower case on the next line is the start
    # of a sentence, not a title; after a blank line, lower-case caption text is not a
    # continuation (title-blank-lowercase.txt).
    return not (
        next_item is not None
        and next_item.kind is ItemKind.TEXT
        and next_item.text[:1].islower()
        and not next_item.after_blank
    )


_SHOW_NAME_MAX_WORDS = 5
# Words a Title Case headline leaves in lower case.
_TITLE_SMALL_WORDS = frozenset("a an the of in on at for to and or but by with as from into vs via nor".split())
_TITLE_CASE_MIN_WORDS = 4


def _is_title_case(text: str, min_words: int = _TITLE_CASE_MIN_WORDS) -> bool:
    """Every word but the small ones starts with a capital: "Drought Forces Water Limits,
    Across Three Provinces." (title-full-stop.txt), "LANTERN FESTIVAL DRAWS RECORD CROWD"."""
    words = [w.strip("\"“”'‘’,.:;()") for w in text.split()]
    words = [w for w in words if w and any(ch.isalpha() for ch in w)]
    if len(words) < min_words and not (len(words) >= 2 and text.isupper()):
        return False
    return all(w[:1].isupper() or w.casefold() in _TITLE_SMALL_WORDS for w in words) and words[0][:1].isupper()


def _is_title_sentence(item: Item) -> bool:
    """A Title Case headline with a final full stop, at the head of a story (title-full-stop.txt)."""
    return (
        item.line_start
        and item.text.endswith(".")
        and not item.text.endswith("..")
        and len(item.text) <= _TITLE_MAX_CHARS
        and _is_title_case(item.text)
    )


def _wrapped_title(item: Item, nxt: Item | None, after: Item | None) -> Item | None:
    """The second line of a title wrapped before a Korean headline or a date line;
    ``after`` is what comes after that second line."""
    if nxt is None or nxt.kind is not ItemKind.TEXT or not nxt.text[:1].islower() or nxt.line != item.line + 1:
        return None
    joined = f"{item.text} {nxt.text}"
    header_follows = after is not None and (
        after.kind is ItemKind.META or (after.kind is ItemKind.TEXT and script_lang(after.text) == "ko")
    )
    if (
        not header_follows
        or SENTENCE_END.search(joined)
        or len(joined) > _TITLE_MAX_CHARS
        or script_lang(joined) != "en"
    ):
        return None
    return nxt if item.line_start and item.text[:1].isupper() else None


def _next_contents(items: list[Item]) -> list[Item | None]:
    """For each index, the next item that is not dropped: one pass from the end, so a page
    with a long run of dropped lines is not scanned again from every one of them."""
    out: list[Item | None] = [None] * len(items)
    nxt: Item | None = None
    for i in range(len(items) - 1, -1, -1):
        out[i] = nxt
        if items[i].kind is not ItemKind.DROP:
            nxt = items[i]
    return out


def _opens_story_marker(item: Item) -> bool:
    """ "[Top Story]", "1. Title" in a numbered list, a ">>>" caption chevron."""
    return item.kind is ItemKind.STORY or (item.kind is ItemKind.CHEVRON and item.level >= _STORY_CHEVRON_LEVEL)


@dataclass(slots=True, repr=False, eq=False)
class _StorySplitter:
    """Walks the items once; each item opens a story, joins the header or the body."""

    items: list[Item]
    dropped: list[Item]
    english_report: bool  # most text lines are English (a Korean line may be the headline)
    stories: list[StoryDraft] = field(default_factory=lambda: [StoryDraft()])
    in_body: bool = False  # the current story's spoken text has begun
    after_signoff: bool = False  # the current story is signed off; its next text opens a story
    skip: set[int] = field(default_factory=set)  # ids of items already taken (a title's second line)
    bullet_titles: bool = False  # the page's first title is a list bullet: a news list page
    following: list[Item | None] = field(default_factory=list)  # the next non-dropped item after each
    position: dict[int, int] = field(default_factory=dict)  # id(item) → its index in items

    @property
    def story(self) -> StoryDraft:
        return self.stories[-1]

    def split(self) -> list[StoryDraft]:
        following = self.following = _next_contents(self.items)
        self.position = {id(it): k for k, it in enumerate(self.items)}
        for i, item in enumerate(self.items):
            if item.kind is ItemKind.DROP:
                self.dropped.append(item)
                continue
            if id(item) in self.skip:
                continue
            nxt = following[i]
            if self.opens_story(item, nxt):
                self.stories.append(StoryDraft())
                self.in_body = self.after_signoff = False
            taken = (
                self.takes_marker(item)
                or self.takes_metadata(item)
                or self.takes_signoff(item)
                or self.takes_korean_headline(item)
                or self.takes_header(i, item, nxt)
            )
            if not taken:
                self.take_body(item)
        for story in self.stories:
            _split_garbled_signoff(story)
        return _merge_header_only(self.stories)

    def opens_story(self, item: Item, nxt: Item | None) -> bool:
        story = self.story
        if _opens_story_marker(item):
            return self.in_body or story.title is not None or story.headline is not None
        if item.kind is ItemKind.TEXT and (self.in_body or self.after_signoff) and item.line_start:
            # Multi-story pages (multi-story.txt): after a sign-off a title-like line opens the next
            # story; elsewhere only a title followed by a date or a Korean headline does.
            if self.after_signoff and _is_title_like(item, nxt):
                return True
            if item.bullet and self.bullet_titles and _is_title_like(item, nxt):
                return True  # a news list opens every story with a bulleted title (tbs-news-list.txt)
            if (
                nxt is not None
                and nxt.kind is ItemKind.TAG
                and nxt.role is Role.ANCHOR
                and not SENTENCE_END.search(item.text)
                and _is_title_case(item.text)
            ):
                return True  # KBS: a second story's heading right above its "[Anchor Lead]" (kbs-two-stories.txt)
            if (
                _is_title_like(item, nxt)
                and not SENTENCE_END.search(item.text)
                and nxt is not None
                and nxt.kind in {ItemKind.META, ItemKind.TEXT}
            ):
                return nxt.kind is ItemKind.META or script_lang(nxt.text) == "ko"
            return False
        return item.kind is ItemKind.META and self.after_signoff

    def takes_marker(self, item: Item) -> bool:
        if not _opens_story_marker(item):
            return False
        self.dropped.append(Item(ItemKind.DROP, item.line, item.col, item.text, reason=DropReason.STORY_MARKER))
        return True

    def takes_metadata(self, item: Item) -> bool:
        if item.kind is not ItemKind.META:
            return False
        self.story.metadata.append(item)
        return True

    def takes_signoff(self, item: Item) -> bool:
        if item.kind is not ItemKind.SIGNOFF:
            return False
        story = self.story
        if story.signoff is None and (story.body or story.title):
            story.signoff = item
            self.after_signoff = True
            return True
        item.kind = ItemKind.TEXT  # a second sign-off-like line is spoken text
        return False

    def takes_korean_headline(self, item: Item) -> bool:
        """Some pages print the Korean headline under the English text. A Korean line
        without a sentence end in an English report is that headline; an untranslated
        Korean clip is a sentence ("…했습니다.") or a quote."""
        if not (
            self.in_body
            and item.kind is ItemKind.TEXT
            and self.story.headline is None
            and item.line_start
            and script_lang(item.text) == "ko"
            and not SENTENCE_END.search(item.text)
            and item.text[:1] not in QUOTE_OPEN
            and self.english_report
        ):
            return False
        self.story.headline = item
        return True

    def takes_header(self, i: int, item: Item, nxt: Item | None) -> bool:
        """Text before the body: the Korean headline, a sub-heading, the title."""
        if self.in_body or item.kind is not ItemKind.TEXT:
            return False
        story = self.story
        lang = script_lang(item.text)
        after_tag = any(it.kind is ItemKind.TAG for it in story.body)
        if lang == "ko" and story.headline is None and not (after_tag and SENTENCE_END.search(item.text)):
            # A Korean sentence after "[앵커]" is the anchor's, not a headline (ytn-interview-forms.txt).
            story.headline = item
            return True
        if (
            lang == "ko"
            and story.headline is not None
            and not story.body
            and not SENTENCE_END.search(item.text)
            and _looks_headline_zone(nxt)
        ):
            story.metadata.append(Item(ItemKind.META, item.line, item.col, item.text, meta_kind="subheading"))
            return True
        if story.title is None and story.headline is None and (_is_title_like(item, nxt) or _is_title_sentence(item)):
            story.title, story.title_dated = item, _is_date(nxt)
            self.bullet_titles = self.bullet_titles or (item.bullet and len(self.stories) == 1)
            return True
        wrapped = _wrapped_title(item, nxt, self.following[self.position[id(nxt)]] if nxt is not None else None)
        if story.title is None and story.headline is None and wrapped:
            # "Moon, Trump agree to keep up dialogue" / "with North Korea" above the
            # Korean headline: one title hard-wrapped over two lines.
            story.title = item
            story.title_more.append(wrapped)
            self.skip.add(id(wrapped))
            return True
        if (
            story.title is None
            and story.headline is not None
            and _is_title_like(item, nxt)
            and (nxt is None or nxt.kind is ItemKind.META)
        ):
            story.title = item
            return True
        if (
            story.title is not None
            and story.headline is None
            and lang == "en"
            and nxt is not None
            and (nxt.kind is ItemKind.META or (nxt.kind is ItemKind.TEXT and script_lang(nxt.text) == "ko"))
            and _is_title_like(item, nxt)
        ):
            if _is_date(nxt) and not story.title_dated:
                # CNN: the show's name, then the segment's title right above "Aired …"
                # (cnn-show-header.txt): the line above the date is the title.
                old = story.title
                story.metadata.append(Item(ItemKind.META, old.line, old.col, old.text, meta_kind="programme"))
                story.metadata.extend(
                    Item(ItemKind.META, t.line, t.col, t.text, meta_kind="programme") for t in story.title_more
                )
                story.title, story.title_more = item, []
                return True
            # A video page's second, longer title line ("…: JCS") above the Korean
            # headline is a heading, not the anchor's first words.
            story.metadata.append(Item(ItemKind.META, item.line, item.col, item.text, meta_kind="heading"))
            return True
        return False

    def take_body(self, item: Item) -> None:
        # Tags are not speech: a Korean headline may still follow "[Anchor Lead]".
        self.in_body = self.in_body or item.kind in {ItemKind.TEXT, ItemKind.LABEL, ItemKind.CHEVRON, ItemKind.LANG}
        if self.after_signoff and item.kind is ItemKind.TEXT:
            self.after_signoff = False
        self.story.body.append(item)


def split_stories(items: list[Item], dropped: list[Item]) -> list[StoryDraft]:
    """The page's stories, in order; dropped items (and story markers) go to ``dropped``."""
    _demote_page_header(items)
    _drop_page_tail(items)
    return _StorySplitter(items, dropped, _mostly_english_lines(items)).split()


def _foreign_script(text: str) -> bool:
    """The line opens in a script that is neither Latin, Hangul nor Han/Kana (another page's
    text pasted after the report, after-signoff-foreign.txt)."""
    first = next((ch for ch in text if ch.isalpha()), "")
    return bool(first) and not (first.isascii() or script_lang(first) in {"ko", "en"} or "\u3040" <= first <= "\u9fff")


def _drop_page_tail(items: list[Item]) -> None:
    """Text after the report is the page's, not the story's: a numbered comment list that runs
    to the end of the page (post-report-junk.txt) and, after a sign-off, lines in another
    script (after-signoff-foreign.txt). Both become page chrome."""
    signed = False
    foreign: set[int] = set()
    for it in items:
        signed = signed or it.kind is ItemKind.SIGNOFF
        if signed and it.kind is ItemKind.TEXT and it.line_start and _foreign_script(it.text):
            foreign.add(it.line)
    if foreign:
        _to_chrome([it for it in items if it.line in foreign])
    groups: list[list[Item]] = []  # the page's last lines, from the end, each line's items
    for it in reversed(items):
        if groups and groups[-1][0].line == it.line:
            groups[-1].append(it)
            continue
        if groups and not _is_numbered(groups[-1]):
            break
        groups.append([it])
    before = groups.pop() if groups and not _is_numbered(groups[-1]) else None  # the line before the list
    numbered = [g for g in groups if _has_content(g)]
    # Set apart from the report by at least two blank lines, and not quotes: a numbered Q&A
    # inside the story ('2) "Will trade be discussed?"', qa-numbered-quotes.txt) is spoken.
    apart = before is not None and numbered and numbered[-1][0].line - before[0].line > _COMMENT_LIST_GAP
    quoted = any(it.kind is ItemKind.TEXT and it.text[:1] in QUOTE_OPEN for g in numbered for it in g)
    if len(numbered) >= _COMMENT_LIST_MIN and apart and not quoted:
        for g in numbered:
            _to_chrome(g)


def _has_content(group: list[Item]) -> bool:
    return any(it.kind is not ItemKind.DROP for it in group)


def _is_numbered(group: list[Item]) -> bool:
    """A line of a numbered list ("2. The anchor sounds so calm…"), or one with nothing on it."""
    return not _has_content(group) or any(
        it.reason is DropReason.LIST_NUMBER or it.kind is ItemKind.STORY for it in group
    )


# A trailing numbered list of at least this many entries, more than _COMMENT_LIST_GAP lines
# after the report's last line, is a comment list.
_COMMENT_LIST_MIN = 2
_COMMENT_LIST_GAP = 2


def _to_chrome(group: list[Item]) -> None:
    for it in group:
        if it.kind is not ItemKind.DROP or it.reason is DropReason.LIST_NUMBER:
            it.kind, it.reason = ItemKind.DROP, DropReason.PAGE_CHROME


_TURN_KINDS = frozenset({ItemKind.LABEL, ItemKind.TAG, ItemKind.CHEVRON, ItemKind.SIGNOFF, ItemKind.STORY})


def _header_end(items: list[Item]) -> tuple[int, bool] | None:
    """Where a page header ends: at a "Transcript" marker line (transcript-marker-header.txt;
    the title sits above it) or at a news list's first bulleted title (tbs-news-list.txt; the
    title is that line). Only before any turn marker; None if the page has no such header."""
    for i, it in enumerate(items):
        if it.kind in _TURN_KINDS:
            return None
        if it.kind is ItemKind.DROP and it.reason is DropReason.PAGE_CHROME and chrome.is_transcript_marker(it.text):
            return i, True
        if it.kind is ItemKind.TEXT and it.bullet and _is_title_like(it, None) and i > 0:
            return i, False
    return None


def _demote_page_header(items: list[Item]) -> None:
    """Above the transcript proper sit a deck, a summary, list headings and notices: not
    speech, so metadata ("page-header"). The title above a transcript marker is kept."""
    found = _header_end(items)
    if found is None:
        return
    end, title_above = found
    if not any(it.kind in {ItemKind.TEXT, *_TURN_KINDS} for it in items[end:]):
        return  # nothing spoken after it: not a header
    following = _next_contents(items)
    candidates = [
        i for i in range(end) if items[i].kind is ItemKind.TEXT and script_lang(items[i].text) == "en"
        and _is_title_like(items[i], None)
    ] if title_above else []  # fmt: skip
    # The title is the line right above a date (a station listing, npr-station-listing.txt), else the first.
    dated = [i for i in candidates if _is_date(following[i])]
    title_at = (dated or candidates or [-1])[0]
    for i, it in enumerate(items[:end]):
        if it.kind is ItemKind.TEXT and i != title_at:
            it.kind, it.meta_kind = ItemKind.META, "page-header"


def _is_date(item: Item | None) -> bool:
    return item is not None and item.kind is ItemKind.META and item.meta_kind == "date"


def _split_garbled_signoff(story: StoryDraft) -> None:
    """Auto-captions run the sign-off into the last line (autocaption-lowercase.txt): split it off."""
    texts = [it for it in story.body if it.kind is ItemKind.TEXT]
    if story.signoff is not None or not texts:
        return
    last = texts[-1]
    found = speakers.split_garbled_signoff(last.text)
    if found is None:
        return
    head, sign, tail = found
    cut = len(last.text) - len(tail)
    story.signoff = Item(
        ItemKind.SIGNOFF, last.line, last.col + cut, tail, name=sign.name, outlet=sign.outlet, meta_kind="garbled"
    )
    last.text = head.rstrip()


def _merge_header_only(stories: list[StoryDraft]) -> list[StoryDraft]:
    """A page heading above a list of stories ("Today's top stories") is metadata of the
    story under it, not a story of its own."""
    out: list[StoryDraft] = []
    carry: list[Item] = []
    for story in stories:
        if not story.body and story.signoff is None:
            # title_more: the second line of a hard-wrapped title goes with it (found by hypothesis).
            for it in (story.title, *story.title_more, story.headline):
                if it is not None:
                    carry.append(Item(ItemKind.META, it.line, it.col, it.text, meta_kind="page-heading"))
            carry.extend(story.metadata)
            continue
        story.metadata = carry + story.metadata
        carry = []
        out.append(story)
    if carry and out:
        out[-1].metadata.extend(carry)
    elif carry:
        out.append(StoryDraft(metadata=carry))
    return out


def _mostly_english_lines(items: list[Item]) -> bool:
    texts = [it for it in items if it.kind is ItemKind.TEXT]
    return sum(script_lang(it.text) == "en" for it in texts) * 2 > len(texts)


def _looks_headline_zone(nxt: Item | None) -> bool:
    """A second Korean line right under the headline is a sub-heading, not speech."""
    return nxt is None or nxt.kind is not ItemKind.TEXT or script_lang(nxt.text) != "ko"
