"""parse_transcript: raw news transcript text → speaker-tagged stories.

Three passes over the lines, each with one job:

1. ``_tokenise_line`` cuts every line into items: dropped pieces (chrome, timestamps,
   artefacts, labels), metadata, turn markers (tags, labels, chevrons, language
   markers), sign-offs and plain text spans. Every non-blank character of a line lands
   in exactly one item; ``Piece.col`` records where.
2. ``_split_stories`` finds story boundaries and each story's header: title, headline,
   metadata.
3. ``_assign_roles`` walks each story's sentences with a small state machine (anchor
   until the hand-off, then the reporter; labels and tags override; full-line quotes
   are soundbites attributed from the narration around them).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from subtools import classify, speakers
from subtools.errors import ParseError
from subtools.language import detect_lang, script_lang
from subtools.model import (
    Dropped,
    DropReason,
    Headline,
    Metadata,
    Piece,
    Role,
    Segment,
    Signoff,
    Story,
    Title,
    Transcript,
)
from subtools.textio import read_text, split_lines

__all__ = ["parse_transcript", "read_transcript"]

# ----------------------------------------------------------------------------- items


@dataclass(slots=True, repr=False, eq=False)
class Item:
    """One piece of one line and what it is."""

    kind: str  # drop | meta | text | tag | label | chevron | lang | signoff | story
    line: int
    col: int
    text: str
    reason: DropReason | None = None
    meta_kind: str | None = None
    role: Role | None = None
    name: str | None = None
    title: str | None = None
    modifiers: tuple[str, ...] = ()
    level: int = 0
    lang: str | None = None
    outlet: str | None = None
    line_start: bool = False

    def piece(self) -> Piece:
        return Piece(self.line, self.col, self.text)


_WS = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_QUOTE_OPEN = "\"“„«'‘"
_QUOTE_CLOSE = "\"”»'’"
_SENT_END = re.compile(r"[.?!…。][\"”’'»)\]]*$")
_CHEVRON = re.compile(r">>>?")
_BRACKET = re.compile(r"\[\[[^\[\]]*\]\]|\(\([^()]{1,80}\)\)|\[[^\[\]]{1,200}\]|<[^<>]{1,30}>|◀[^▶]{1,20}▶")
_INLINE_CUE = re.compile(r"\((?:[A-Z][A-Z ,'&/.-]{3,})\)")
_LANG_MARKER = re.compile(
    r"\((?:in\s+)?(?P<lang>Korean|English|Japanese|Chinese|Mandarin|Russian|French|Spanish|German)\)",
    re.I,
)
_LANG_CODES = {
    "korean": "ko", "english": "en", "japanese": "ja", "chinese": "zh", "mandarin": "zh",
    "russian": "ru", "french": "fr", "spanish": "es", "german": "de",
}  # fmt: skip
_AP_SOUNDBITE = re.compile(r"^(?:SOUND ?BITES?|SOT|UPSOUND)\b\s*(?:\d+\s*)?:?\s*", re.I)
_CLIP_LINE = re.compile(r"^(?:IN|OUT|DUR|RUNS|OUTCUE|INCUE)\s*:", re.I)
_STORY_MARKER = re.compile(r"^\[(?:Headline|Top Story|Story\s*\d*|Lead Story|Headlines)\]\s*", re.I)
# Section headings of agency scripts (AP, §4): not speech, and they end a soundbite.
_HEADING = re.compile(
    r"^(?:SHOT ?LIST|STORY ?LINE|DESCRIPTION|RESTRICTIONS|LENGTH|DATELINE|KEYWORDS|SCRIPT)\s*:?\s*$", re.I
)
_ROLE_LABEL = re.compile(
    r"(?i:(?P<role>anchor|reporter|correspondent|host|narrator|interviewer|interviewee|guest|q|a|"
    r"앵커|기자))\s*(?:\((?P<who>[^()]{2,40})\))?\s*:(?=\s|$)"
)
_SHOT_NUMBER = re.compile(r"^\d{1,3}[.)]\s+")
_MODIFIER = re.compile(r"\s*\((?:through|via|voice|on\s|by\s|in\s|off\s|speaking|translated)[^()]{0,40}\)", re.I)
_NUMBERED_TITLE = re.compile(r"^(?P<num>\d{1,2})[.)]\s+(?=[A-Z\"“'‘])")
_SPEECH_CUE = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|stressed|stresses|noted|notes|explained|"
    r"explains|emphasi[sz]ed|urged|warned|warns|insisted|argued|claimed|stated|announced|"
    r"remarked|pointed out|according to|asked|vowed|pledged|expressed|believes|described|"
    r"put it|spoke|speaking|commented|responded|replied|answered|agreed|confirmed|"
    r"acknowledged|admitted|called|calls|voiced|shared|explaining|saying|adding)\b",
    re.I,
)
_SENTENCE_STARTERS = frozenset(
    "the a an but and so despite however also on in it this that they he she we there meanwhile after "
    "before for at as while with from last earlier later now still yet".split()
)
_PRONOUN = re.compile(r"\b(?:he|she|her|him|his|they|them|their)\b", re.I)
_ABBREV = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col sgt st jr sr no vol vs etc inc corp co ltd jan feb mar apr jun "
    "jul aug sep sept oct nov dec a.m p.m u.s u.k u.n e.u h.w d.c".split()
)


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


_EDGE = re.compile(r"^[\s\u200b\u200c\u200d\u2060\ufeff]+|[\s\u200b\u200c\u200d\u2060\ufeff]+$")


def _trim(text: str) -> tuple[int, str]:
    """(offset, text) without whitespace or invisible marks (a stray BOM, ZWSP) at the ends.

    >>> _trim("\ufeff  Lee Ji-won \u200b")
    (3, 'Lee Ji-won')
    """
    m = _EDGE.match(text)
    offset = m.end() if m else 0
    return offset, _EDGE.sub("", text)


def _strip_span(line: int, raw: str, start: int, end: int) -> tuple[int, str] | None:
    """(col, text) of raw[start:end] without surrounding whitespace, or None if blank."""
    offset, stripped = _trim(raw[start:end])
    if not stripped:
        return None
    return start + offset, stripped


def _add(items: list[Item], kind: str, line: int, raw: str, start: int, end: int, **kw: object) -> None:
    got = _strip_span(line, raw, start, end)
    if got is not None:
        items.append(Item(kind, line, got[0], got[1], **kw))  # type: ignore[arg-type]


def _drop(items: list[Item], line: int, raw: str, start: int, end: int, reason: DropReason) -> None:
    _add(items, "drop", line, raw, start, end, reason=reason)


# ----------------------------------------------------------------------------- pass 1


@dataclass(slots=True, repr=False, eq=False)
class _DocFacts:
    """Whole-document facts the line pass needs."""

    mixed_labels: bool  # PBS/KBS mixed-case "Name Name:" labels are in use
    in_shotlist: bool = False  # inside an AP SHOTLIST section (numbered shot lines)


def _count_mixed_labels(lines: list[str]) -> int:
    count = 0
    for raw in lines:
        s = _trim(raw)[1]
        if speakers.parse_label(s) is None and speakers.parse_label(s, mixed_case=True):
            count += 1
    return count


def _tokenise_line(n: int, raw: str, facts: _DocFacts, out: list[Item]) -> None:
    """Cut one non-blank line into items (pass 1)."""
    first, s = _trim(raw)
    end = first + len(s)
    whole_tag = _BRACKET.fullmatch(s)
    if whole_tag is None or not _bracket_item(n, raw, first, end, out, probe=True):
        if reason := classify.chrome_reason(s):
            _drop(out, n, raw, first, end, DropReason(reason))
            return
        if kind := classify.metadata_kind(s):
            _add(out, "meta", n, raw, first, end, meta_kind=kind)
            return
    if classify.is_artefact(s):
        _drop(out, n, raw, first, end, DropReason.ARTEFACT)
        return
    if _CLIP_LINE.match(s):
        # Radio feeds stand an IN:/OUT:/DUR: cue sheet in for a clip (§4): the clip's
        # words are not in the transcript, so nothing here is spoken text.
        _drop(out, n, raw, first, end, DropReason.CLIP)
        return
    if sign := speakers.match_signoff(s):
        _add(out, "signoff", n, raw, first, end, name=sign.name, outlet=sign.outlet)
        return
    if _HEADING.match(s):
        facts.in_shotlist = s.upper().replace(" ", "").startswith("SHOTLIST")
        _drop(out, n, raw, first, end, DropReason.HEADING)
        out.append(Item("heading", n, end, ""))  # a turn break for pass 3; holds no text
        return
    pos = first
    if facts.in_shotlist and (m := _SHOT_NUMBER.match(raw, pos)):
        # "1. Wide of Seoul train station" describes a picture; a numbered SOUNDBITE
        # line in the same list is speech, so only its number is dropped.
        if not _AP_SOUNDBITE.match(raw, m.end()):
            _drop(out, n, raw, first, end, DropReason.SHOT)
            return
        _drop(out, n, raw, pos, m.end(), DropReason.SHOT)
        pos = m.end()
    if (meta := classify.split_trailing_metadata(s)) is not None:
        # "Title    Updated: 2019-02-21 19:00 KST" (§2): the date shares the title's line.
        head_end = first + len(meta[0])
        _add(out, "meta", n, raw, head_end, end, meta_kind="date")
        end = head_end
    ts = classify.split_leading_timestamp(s)
    if ts:
        _drop(out, n, raw, pos, pos + len(ts[0]), DropReason.TIMESTAMP)
        pos += len(ts[0])
    m = _STORY_MARKER.match(raw, pos)
    if m and m.end() > pos:
        _add(out, "story", n, raw, pos, m.end())
        pos = m.end()
    elif m := _NUMBERED_TITLE.match(raw, pos):
        rest = raw[m.end() : end].strip()
        # "1. Moon to visit Europe next week" opens a story in a numbered list; a
        # numbered question in a live two-way ("1. What is …?") is only numbered.
        if rest and not _SENT_END.search(rest) and not rest.endswith(("?", ",")) and len(rest.split()) <= 20:
            _add(out, "story", n, raw, pos, m.end())
        else:
            _drop(out, n, raw, pos, m.end(), DropReason.LIST_NUMBER)
        pos = m.end()
    if m := _ROLE_LABEL.match(raw, pos):
        # "Anchor:", "REPORTER (Kim Min-ji):", "Q:" name a role, not a person.
        who = (m.group("who") or "").strip()
        name = speakers.tidy_name(who) if who and speakers.is_person_name(speakers.tidy_name(who)) else None
        _add(out, "tag", n, raw, pos, m.end(), role=speakers.tag_role(m.group("role")), name=name)
        pos = m.end()
    if m := _AP_SOUNDBITE.match(raw, pos):
        _add(out, "tag", n, raw, pos, m.end(), role=Role.SOUNDBITE)
        pos = m.end()
    _tokenise_text(n, raw, pos, end, facts, out, line_start=True)


def _bracket_item(n: int, raw: str, start: int, end: int, out: list[Item], probe: bool = False) -> bool:
    """A bracketed tag or soundbite; appends its items unless probing. True if it was one."""
    body = raw[start:end]
    inner = body.strip("[]()<>◀▶ ")
    role = speakers.tag_role(inner)
    if role is not None:
        if not probe:
            _add(out, "tag", n, raw, start, end, role=role)
        return True
    if body.startswith("(("):
        # VOA scripts (§4): ((INTRO)) anchor, ((NARRATOR)) reporter, ((Name)) a clip.
        lang = None
        lm = re.search(r"\bin\s+(\w+)", inner)
        if lm and lm.group(1).casefold() in _LANG_CODES:
            lang = _LANG_CODES[lm.group(1).casefold()]
        first_part = inner.split(",")[0].strip()
        name = first_part if speakers.is_person_name(first_part) else None
        if not probe:
            _add(out, "tag", n, raw, start, end, role=Role.SOUNDBITE, name=name, lang=lang)
        return True
    if body.startswith("[") and ":" in inner and " / " in inner.split(":")[0]:
        # YTN puts a whole soundbite in one bracket: [Name / title (date): words] (§4).
        if not probe:
            colon = raw.index(":", start)
            who = inner.split(" / ")[0].strip()
            _add(
                out, "tag", n, raw, start, colon + 1, role=Role.SOUNDBITE,
                name=speakers.tidy_name(who) if speakers.is_person_name(who) else None,
            )  # fmt: skip
            _add(out, "text", n, raw, colon + 1, end - 1, line_start=True)
            _drop(out, n, raw, end - 1, end, DropReason.ARTEFACT)
        return True
    if body.startswith("[[") or (body.startswith("[") and classify.chrome_reason(body)):
        if not probe:
            _drop(out, n, raw, start, end, DropReason.CUE_MARKER)
        return True
    return False


def _tokenise_text(
    n: int, raw: str, start: int, end: int, facts: _DocFacts, out: list[Item], *, line_start: bool
) -> None:
    """Split running text at chevrons, tags, labels and inline cues."""
    pos = start
    at_start = line_start
    while pos < end:
        while pos < end and raw[pos].isspace():
            pos += 1
        if pos >= end:
            return
        chunk_end = end
        # Caption chevrons: >> speaker change, >>> new story (§5), glued or not.
        chev = _CHEVRON.search(raw, pos, end)
        if chev and chev.start() == pos:
            _add(out, "chevron", n, raw, pos, chev.end(), level=len(chev.group(0)))
            pos = chev.end()
            at_start = True
            continue
        if chev:
            chunk_end = chev.start()
        # Tags in brackets anywhere (TBS puts [Anchor] … [Reporter] in one paragraph).
        found = None
        for bm in _BRACKET.finditer(raw, pos, chunk_end):
            if _bracket_item(n, raw, bm.start(), bm.end(), [], probe=True):
                found = bm
                break
        if found and found.start() == pos:
            _bracket_item(n, raw, pos, found.end(), out)
            pos = found.end()
            at_start = True
            continue
        if found:
            chunk_end = found.start()
        if at_start and (lm := _LANG_MARKER.match(raw, pos)):
            # AP: SOUNDBITE: (Korean) Name, title: "…" — the marker comes before the name.
            _add(out, "lang", n, raw, pos, lm.end(), lang=_LANG_CODES[lm.group("lang").casefold()])
            pos = lm.end()
            continue
        # Speaker labels at the chunk start.
        label = speakers.parse_label(raw, pos, mixed_case=facts.mixed_labels and at_start)
        after_tag = bool(out) and (
            out[-1].kind == "tag" or (out[-1].kind == "lang" and len(out) > 1 and out[-2].kind == "tag")
        )
        if label is None and at_start and after_tag:
            label = _tag_label(raw, pos, chunk_end)
        if label is not None and label.start == pos:
            label_end, modifiers = label.end, label.modifiers
            # NPR puts the modifier after the colon: "PARK JI-SUNG: (Through interpreter) …".
            while mm := _MODIFIER.match(raw, label_end, chunk_end):
                modifiers = (*modifiers, mm.group(0).strip()[1:-1])
                label_end = mm.end()
            _add(
                out, "label", n, raw, pos, label_end, name=label.name, title=label.title,
                modifiers=modifiers,
            )  # fmt: skip
            pos = label_end
            at_start = False
            continue
        # A label after a sentence end inside the chunk: "... world. ROMANS: Thanks."
        for lm in re.finditer(r"(?<=[.?!\"”)\]—-])\s+(?=[A-Z])", raw[pos:chunk_end]):
            cand = speakers.parse_label(raw, pos + lm.end())
            if cand is not None:
                chunk_end = pos + lm.end()
                break
        _text_chunk(n, raw, pos, chunk_end, out, at_start)
        pos = chunk_end
        at_start = False


def _tag_label(raw: str, pos: int, end: int) -> speakers.Label | None:
    """The label after a soundbite tag: ``Name(Title) :`` or ``Name (affiliation (date)):``."""
    m = re.match(r"\s*(?P<who>[^:\"“”]{2,100}?)\s*:(?=\s|$)", raw[pos:end])
    if not m:
        return None
    who = m.group("who")
    bare = re.sub(r"\([^()]*(?:\([^()]*\))?[^()]*\)", "", who)
    bare = re.sub(r"\b(?:Prof|Dr|Mr|Mrs|Ms|Rep|Sen|Gov|Gen|Lt|Col|St|Jr)\.", "", bare)
    if re.search(r"[.?!]\s", bare):
        return None  # a sentence, not a label
    name_part = who.split("(")[0].strip().rstrip(",")
    # "Prof. Park Sung-jin (Korea University) :" — the title word is not the name.
    words = name_part.split()
    while len(words) > 1 and not speakers.is_person_name(words[0]):
        words.pop(0)
    name_part = " ".join(words)
    title_m = re.search(r"\((.*)\)", who)
    title = title_m.group(1) if title_m else None
    if "," in name_part and title is None:
        name_part, title = (p.strip() for p in name_part.split(",", 1))
    # Labels that are an event, place or date rather than a person get no name (§4).
    name = speakers.tidy_name(name_part) if speakers.is_person_name(name_part) else None
    if name and re.search(
        r"\b(?:briefing|conference|ceremony|rally|meeting|speech|statement|address|hearing|"
        r"session|forum|summit|interview|video|footage)\b",
        name,
        re.I,
    ):
        name = None
    return speakers.Label(pos, pos + m.end(), name, title, ())


def _text_chunk(n: int, raw: str, start: int, end: int, out: list[Item], at_start: bool) -> None:
    """Plain text, minus inline cue markers, language markers and trailing artefacts."""
    pos = start
    cuts: list[tuple[int, int, str, str | None]] = []
    for m in _INLINE_CUE.finditer(raw, start, end):
        cuts.append((m.start(), m.end(), "cue", None))
    for m in _LANG_MARKER.finditer(raw, start, end):
        cuts.append((m.start(), m.end(), "lang", _LANG_CODES[m.group("lang").casefold()]))
    cuts.sort()
    for c_start, c_end, kind, lang in cuts:
        if c_start < pos:
            continue
        _text_piece(n, raw, pos, c_start, out, at_start)
        if kind == "cue":
            _drop(out, n, raw, c_start, c_end, DropReason.CUE_MARKER)
        else:
            _add(out, "lang", n, raw, c_start, c_end, lang=lang)
        at_start = at_start and not raw[pos:c_start].strip()
        pos = c_end
    _text_piece(n, raw, pos, end, out, at_start)


def _text_piece(n: int, raw: str, start: int, end: int, out: list[Item], at_start: bool) -> None:
    got = _strip_span(n, raw, start, end)
    if got is None:
        return
    col, text = got
    if classify.is_artefact(text):
        _drop(out, n, raw, col, col + len(text), DropReason.ARTEFACT)
        return
    tail = classify.split_trailing_artefact(text)
    if tail:
        _add(out, "text", n, raw, col, col + len(tail[0]), line_start=at_start)
        _drop(out, n, raw, col + len(tail[0]), col + len(text), DropReason.ARTEFACT)
        return
    out.append(Item("text", n, col, text, line_start=at_start))


# ----------------------------------------------------------------------------- pass 2


@dataclass(slots=True, repr=False, eq=False)
class _StoryDraft:
    title: Item | None = None
    headline: Item | None = None
    metadata: list[Item] = field(default_factory=list)
    body: list[Item] = field(default_factory=list)
    signoff: Item | None = None


def _is_title_like(item: Item, next_item: Item | None) -> bool:
    """A line that reads as a headline: capitalised, no sentence end, not continued."""
    text = item.text
    if not item.line_start or len(text) > 200 or len(text.split()) > 30:
        return False
    if not (text[:1].isupper() or text[:1].isdigit() or text[:1] in _QUOTE_OPEN):
        return False
    if script_lang(text) != "en":
        return False
    follows_header = next_item is not None and (
        next_item.kind in {"meta", "story"} or (next_item.kind == "text" and script_lang(next_item.text) == "ko")
    )
    if follows_header:
        return True
    if _SENT_END.search(text) or text.endswith((",", ":", ";")):
        return False
    # Hard-wrapped captions: a line continued in lower case on the next line is
    # the start of a sentence, not a title.
    return not (next_item is not None and next_item.kind == "text" and next_item.text[:1].islower())


def _next_content(items: list[Item], i: int) -> Item | None:
    for j in range(i + 1, len(items)):
        if items[j].kind != "drop":
            return items[j]
    return None


def _split_stories(items: list[Item], dropped: list[Item]) -> list[_StoryDraft]:
    stories: list[_StoryDraft] = [_StoryDraft()]
    in_body = False
    after_signoff = False
    for i, item in enumerate(items):
        story = stories[-1]
        nxt = _next_content(items, i)
        if item.kind == "drop":
            dropped.append(item)
            continue
        new_story = False
        if item.kind == "story" or (item.kind == "chevron" and item.level >= 3):
            new_story = in_body or story.title is not None or story.headline is not None
        elif item.kind == "text" and (in_body or after_signoff) and item.line_start:
            # Multi-story pages (§1): after a sign-off a title-like line opens the next
            # story; elsewhere only a title followed by a date or a Korean headline does.
            if after_signoff and _is_title_like(item, nxt):
                new_story = True
            elif _is_title_like(item, nxt) and nxt is not None and nxt.kind in {"meta", "text"}:
                new_story = nxt.kind == "meta" or script_lang(nxt.text) == "ko"
        elif item.kind == "meta" and after_signoff:
            new_story = True
        if new_story and (in_body or after_signoff or story.title or story.headline):
            stories.append(_StoryDraft())
            story = stories[-1]
            in_body = after_signoff = False
        if item.kind == "story":
            dropped.append(Item("drop", item.line, item.col, item.text, reason=DropReason.STORY_MARKER))
            continue
        if item.kind == "chevron" and item.level >= 3:
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
        if not in_body and item.kind == "text":
            lang = script_lang(item.text)
            if lang == "ko" and story.headline is None:
                story.headline = item
                continue
            if lang == "ko" and story.headline is not None and _looks_headline_zone(items, i):
                story.metadata.append(Item("meta", item.line, item.col, item.text, meta_kind="subheading"))
                continue
            if story.title is None and story.headline is None and _is_title_like(item, nxt):
                story.title = item
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
            for it in (story.title, story.headline):
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


def _looks_headline_zone(items: list[Item], i: int) -> bool:
    """A second Korean line right under the headline is a sub-heading, not speech."""
    nxt = _next_content(items, i)
    return nxt is None or nxt.kind != "text" or script_lang(nxt.text) != "ko"


# ----------------------------------------------------------------------------- pass 3


@dataclass(slots=True, repr=False, eq=False)
class _Sentence:
    spans: list[tuple[int, int, str]]  # (line, col, text)
    para: int
    quote: bool = False

    @property
    def text(self) -> str:
        return _clean(" ".join(t for _, _, t in self.spans))

    @property
    def first_line(self) -> int:
        return self.spans[0][0]

    @property
    def last_line(self) -> int:
        return self.spans[-1][0]

    def split_at(self, offset: int) -> tuple[_Sentence, _Sentence]:
        """Two sentences cut at ``offset`` of the spans joined by single spaces."""
        first: list[tuple[int, int, str]] = []
        second: list[tuple[int, int, str]] = []
        pos = 0
        for line, col, text in self.spans:
            if pos + len(text) <= offset:
                first.append((line, col, text))
            elif pos >= offset:
                second.append((line, col, text))
            else:
                k = offset - pos
                head = _trim(text[:k])[1]
                offset, tail = _trim(text[k:])
                if head:
                    first.append((line, col, head))
                if tail:
                    second.append((line, col + k + offset, tail))
            pos += len(text) + 1
        return _Sentence(first, self.para), _Sentence(second, self.para)


def _sentence_cuts(text: str) -> list[int]:
    """Offsets just after each sentence end inside ``text`` (not at its very end)."""
    cuts = []
    for m in re.finditer(r"[.?!…。]+[\"”’'»)\]]*(?=\s+[\"“(\[]?[A-Z0-9가-힣])", text):
        word = re.search(r"(\S+)$", text[: m.start() + 1])
        token = (word.group(1) if word else "").rstrip(".").lstrip('"“(').casefold()
        # "U.S. Secretary", "Mr. Kim", "H.W. Bush": a dot after an abbreviation or an
        # initial is not a sentence end (the reference transcript has all three).
        if m.group(0) == "." and (token in _ABBREV or len(token) == 1 or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token)):
            continue
        cuts.append(m.end())
    return cuts


def _quote_blocks(texts: list[Item]) -> dict[int, int]:
    """Index of each text item inside a full-line quote (§4) → the quote's block id.

    A quote block starts at a line start with an opening quote and ends at a line end
    with a closing quote, with no quote mark in between, within ten lines. A quote that
    ends mid-line ('"…," the minister said.') is the reporter's narration.
    """
    members: dict[int, int] = {}
    i = 0
    while i < len(texts):
        t = texts[i]
        if t.line_start and t.text[:1] in '"“„«':
            for j in range(i, min(i + 10, len(texts))):
                if j > i and (not texts[j].line_start or texts[j].line != texts[j - 1].line + 1):
                    break
                joined = " ".join(x.text for x in texts[i : j + 1])
                if joined[-1:] in _QUOTE_CLOSE and len(joined) > 2 and j >= i:
                    if not any(q in joined[1:-1] for q in '"“”'):
                        for k in range(i, j + 1):
                            members[k] = i
                        i = j
                    break
                if any(q in joined[1:] for q in '"“”'):
                    break
        i += 1
    return members


@dataclass(slots=True)
class _Turn:
    role: Role
    speaker: str | None
    original_lang: str | None = None
    delivery: tuple[str, ...] = ()
    explicit: bool = False  # set by a tag or label, not inferred
    scoped: bool = False  # a tagged soundbite: it ends with its line or paragraph


def _build_sentences(body: list[Item]) -> list[_Sentence | Item]:
    """Text items become sentences; markers stay items, in order."""
    out: list[_Sentence | Item] = []
    texts = [it for it in body if it.kind == "text"]
    blocks = {id(texts[k]): b for k, b in _quote_blocks(texts).items()}
    para = 0
    current: _Sentence | None = None
    prev: Item | None = None
    for it in body:
        if it.kind != "text":
            current = None
            para += 1
            out.append(it)
            prev = it
            continue
        block = blocks.get(id(it))
        new_para = (
            prev is None
            or prev.kind != "text"
            or it.line > prev.line + 1
            or block != blocks.get(id(prev))
            or (it.line_start and bool(_SENT_END.search(prev.text)))
            or script_lang(it.text) != script_lang(prev.text)
        )
        if new_para:
            para += 1
            current = None
        if block is not None:
            if block == blocks.get(id(prev)) and out and isinstance(out[-1], _Sentence) and out[-1].quote:
                current = out[-1]  # a quote running over several lines stays one soundbite
            elif current is None or not current.quote:
                current = _Sentence([], para, quote=True)
                out.append(current)
            current.spans.append((it.line, it.col, it.text))
            prev = it
            continue
        cuts = [0, *_sentence_cuts(it.text), len(it.text)]
        for a, b in itertools.pairwise(cuts):
            offset, stripped = _trim(it.text[a:b])
            if not stripped:
                continue
            col = it.col + a + offset
            if current is None or a > 0:
                current = _Sentence([], para)
                out.append(current)
            current.spans.append((it.line, col, stripped))
        if _SENT_END.search(it.text):
            current = None
        prev = it
    return out


_RUN_HANDOFF = re.compile(
    r"\b(?:has|have)\s+(?:this|the|our|more)(?:\s+(?:report|story|latest|details|top\s+story))?\b|"
    r"\breports\b(?!\s+that)|\bexplains\b",
    re.I,
)


def _split_run_on_handoff(seq: list[_Sentence | Item]) -> tuple[int, speakers.Handoff] | None:
    """Unpunctuated captions run the hand-off into the reporter's first words (§3):
    "… kim eun-sun has / this report apartment prices …". Cut the run after it."""
    for k, x in enumerate(seq[:12]):
        if not isinstance(x, _Sentence) or x.quote:
            continue
        joined = " ".join(t for _, _, t in x.spans)
        for m in _RUN_HANDOFF.finditer(joined):
            if m.end() >= len(joined.rstrip()):
                continue
            before = joined[: m.start()].split()
            for n in (2, 3):
                h = speakers.find_handoff(" ".join([*before[-n:], m.group(0)]))
                if h is not None:
                    head, tail = x.split_at(m.end())
                    seq[k : k + 1] = [head, tail]
                    return k, h
    return None


def _unpunctuated(sentences: list[_Sentence]) -> bool:
    """Auto-caption text with (almost) no sentence punctuation (§10)."""
    words = sum(len(s.text.split()) for s in sentences)
    marks = sum(len(re.findall(r"[.?!]", s.text)) for s in sentences)
    return words >= 30 and marks * 40 < words


def _resolve(name: str, known: list[str]) -> str:
    """A surname-only mention ("Minister Kang") → the full name met earlier."""
    for full in known:
        parts = full.split()
        if name != full and name in (parts[0], parts[-1]):
            return full
    return name


def _attribute_quote(narration: list[str], after: str | None, exclude: set[str]) -> str | None:
    """Who a bare quote belongs to, from the narration around it (§4).

    Only where the text says so: a speech cue in the sentence before the quote
    ("…, he said:", "According to her, …") names the speaker directly or by a pronoun
    that points at the first person named in the sentences before; "That was NAME"
    after the quote names them too. Otherwise None.
    """
    known: list[str] = []
    for sent in narration:
        for nm in speakers.find_person_names(sent):
            if " " in nm and nm not in known:
                known.append(nm)

    def names_in(sent: str) -> list[str]:
        resolved = (_resolve(n, known) for n in speakers.find_person_names(sent))
        return [r for r in resolved if r not in exclude]

    if narration:
        last = narration[-1]
        if _SPEECH_CUE.search(last) or last.rstrip().endswith(":"):
            direct = names_in(last)
            if direct:
                return direct[0]
            if _PRONOUN.search(last) or re.search(r"\bthe\s+\w+\s*:?\s*$", last):
                for sent in reversed(narration[-5:-1]):
                    found = names_in(sent)
                    if found:
                        return found[0]
    if after:
        m = re.match(rf"^(?:That\s+was|That's|So\s+said|Said)\s+(?P<n>{speakers._NAME})", after)
        if m and speakers.is_person_name(m.group("n")):
            return _resolve(m.group("n"), known)
        # '"…" / Kim Ho-jun said the ministry would …': the narration goes on with the
        # speaker's name and a speech verb.
        names = speakers.find_person_names(after)
        verb = re.match(r"^(?:[\w.'’-]+\s+){1,6}?(?:said|says|added|explained|stressed|noted|told)\b", after)
        if names and verb and after.startswith(names[0].split()[0]) and names[0] not in exclude:
            return _resolve(names[0], known)
    return None


@dataclass(slots=True, repr=False, eq=False)
class _SegDraft:
    turn: _Turn
    spans: list[tuple[int, int, str]]
    turn_id: int


_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|my|me|mine)\b")
_GREETING_NAME = re.compile(
    r"^(?:(?:Hello|Hi|Thanks|Thank you|Yes|Good (?:morning|evening|afternoon)),?\s+)?"
    r"(?P<n>[A-Z][a-z]+)[.,!]"
)
_THANKS = re.compile(r"\bthank(?:s| you)\b", re.I)


def _find_handoff(seq: list[_Sentence | Item], sign_name: str | None) -> tuple[int, speakers.Handoff] | None:
    """The anchor's hand-off: the first one before any explicit non-anchor turn."""
    for k, x in enumerate(seq):
        if isinstance(x, Item) and (
            (x.kind == "tag" and x.role not in (None, Role.ANCHOR))
            or (x.kind == "label" and speakers.role_for_title(x.title or "") is Role.REPORTER)
        ):
            return None
        if isinstance(x, _Sentence) and not x.quote:
            h = speakers.find_handoff(x.text)
            if h is None and sign_name and sign_name in x.text and k < 8:
                # An unknown hand-off phrase that names the signing reporter.
                h = speakers.Handoff(sign_name, live=False, guest=False)
            if h is not None:
                return k, h
    return _split_run_on_handoff(seq)


class _RoleWalker:
    """The state machine of pass 3: one instance per story."""

    def __init__(self, seq: list[_Sentence | Item], signoff: Item | None) -> None:
        self.seq = seq
        sign_name = signoff.name if signoff else None
        found = _find_handoff(seq, sign_name)  # may split a run-on caption sentence
        self.sentences = [x for x in seq if isinstance(x, _Sentence)]
        self.handoff_at: int | None = found[0] if found else None
        self.handoff: speakers.Handoff | None = found[1] if found else None
        h = self.handoff
        self.reporter_name = h.name if h and not h.guest else sign_name
        self.guest_name = h.name if h and h.guest else None
        self.live = h is not None and h.live
        self.anchor_name: str | None = None
        self.people: dict[str, tuple[str, Role | None]] = {}
        has_markers = any(isinstance(x, Item) and x.kind in {"tag", "label"} for x in seq)
        if has_markers or h is not None:
            start = _Turn(Role.ANCHOR, None)
        elif sign_name:
            start = _Turn(Role.REPORTER, sign_name)
        elif _unpunctuated(self.sentences):
            start = _Turn(Role.UNKNOWN, None)
        else:
            start = _Turn(Role.ANCHOR, None)  # a single-voice brief is the anchor's (§10)
        self.turn = start
        self.staff = start  # the narration turn a scoped soundbite returns to
        # With labels, no staff voice is known until one speaks (PBS opens with the host).
        self.last_staff: Role | None = None if has_markers or start.role is Role.UNKNOWN else start.role
        self.drafts: list[_SegDraft] = []
        self.turn_id = 0
        self.narration: list[str] = []
        self.paras: dict[int, tuple[int, int]] = {}
        for x in self.sentences:
            first, last = self.paras.get(x.para, (x.first_line, x.last_line))
            self.paras[x.para] = (min(first, x.first_line), max(last, x.last_line))

    # -- helpers

    def new_turn(self, turn: _Turn) -> None:
        if turn != self.turn:
            self.turn_id += 1
        self.turn = turn

    def emit(self, turn: _Turn, sent: _Sentence) -> None:
        d = self.drafts[-1] if self.drafts else None
        if d is not None and d.turn_id == self.turn_id and d.turn == turn:
            d.spans.extend(sent.spans)
        else:
            self.turn_id += 1
            self.drafts.append(_SegDraft(turn, list(sent.spans), self.turn_id))

    def set_staff(self, turn: _Turn) -> None:
        self.staff = turn
        self.last_staff = turn.role

    # -- markers

    def marker(self, x: Item, prev: _Sentence | Item | None) -> None:
        if x.kind in {"chevron", "heading"}:
            if x.kind == "heading":
                self.new_turn(self.staff)
                return
            turn = _Turn(Role.UNKNOWN, None)
            if (
                self.handoff_at is not None
                and self.seq.index(x) > self.handoff_at
                and self.last_staff
                in (
                    None,
                    Role.ANCHOR,
                )
            ):
                turn = _Turn(Role.REPORTER, self.reporter_name)
                self.set_staff(turn)
            elif not self.drafts:
                turn = _Turn(Role.ANCHOR, None)
            self.turn_id += 1
            self.turn = turn
        elif x.kind == "tag":
            role = x.role or Role.UNKNOWN
            name = {Role.ANCHOR: self.anchor_name, Role.REPORTER: self.reporter_name}.get(role, x.name)
            turn = _Turn(role, name, original_lang=x.lang, explicit=True, scoped=role is Role.SOUNDBITE)
            self.turn_id += 1
            self.turn = turn
            if role in (Role.ANCHOR, Role.REPORTER):
                self.set_staff(turn)
        elif x.kind == "label":
            if isinstance(prev, Item) and prev.kind in {"tag", "lang"} and self.turn.scoped:
                # KBS/AP: "[Soundbite] Name(Title) :" names the tagged soundbite.
                self.turn = _Turn(
                    self.turn.role, x.name, self.turn.original_lang, x.modifiers, explicit=True, scoped=True
                )
                return
            turn = _label_turn(x, self.people, self.last_staff, self.reporter_name, self.anchor_name)
            self.turn_id += 1
            self.turn = turn
            if turn.role in (Role.ANCHOR, Role.REPORTER):
                self.set_staff(turn)
                if turn.role is Role.ANCHOR and turn.speaker:
                    self.anchor_name = self.anchor_name or turn.speaker
        elif x.kind == "lang":
            self.pending_lang = x.lang

    pending_lang: str | None = None

    # -- sentences

    def sentence(self, idx: int, sent: _Sentence, prev: _Sentence | Item | None) -> None:
        text = sent.text
        if self.turn.scoped and isinstance(prev, Item) and sent.first_line > prev.line + 1:
            # A tag whose answer was dropped ("[Soundbite] Name :" then "……").
            self.new_turn(self.staff)
        if sent.quote and not (self.turn.explicit and self.turn.role in (Role.SOUNDBITE, Role.INTERVIEWEE)):
            nxt = next((y.text for y in self.seq[idx + 1 :] if isinstance(y, _Sentence)), None)
            exclude = {n for n in (self.reporter_name, self.anchor_name) if n}
            who = _attribute_quote(self.narration, nxt, exclude)
            self.turn_id += 1
            self.emit(_Turn(Role.SOUNDBITE, who, original_lang=self.pending_lang), sent)
            self.pending_lang = None
            self.turn_id += 1
            return
        if self.pending_lang and self.turn.role not in (Role.SOUNDBITE, Role.INTERVIEWEE):
            self.turn_id += 1
            self.emit(_Turn(Role.SOUNDBITE, None, original_lang=self.pending_lang), sent)
            self.pending_lang = None
            self.turn_id += 1
            return
        if self.pending_lang and self.turn.original_lang is None:
            t = self.turn
            self.turn = _Turn(t.role, t.speaker, self.pending_lang, t.delivery, t.explicit, t.scoped)
        self.pending_lang = None
        narrating = self.turn.role in (Role.ANCHOR, Role.REPORTER) and not self.turn.explicit
        if narrating and script_lang(text) == "ko" and _mostly_english(self.sentences):
            # A Korean sentence inside English narration is an untranslated clip.
            self.turn_id += 1
            self.emit(_Turn(Role.SOUNDBITE, None), sent)
            self.turn_id += 1
            return
        if self.live and self.handoff_at is not None and idx > self.handoff_at and not self.turn.explicit:
            self.live_paragraph(sent)
        elif narrating and self.is_vox_pop(sent):
            self.turn_id += 1
            self.emit(_Turn(Role.SOUNDBITE, None), sent)
            self.turn_id += 1
            return
        self.emit(self.turn, sent)
        self.narration.append(text)
        self.learn_anchor_name(text)
        if idx == self.handoff_at and not self.live:
            # The sentence after the hand-off is the reporter's, unless a marker says otherwise.
            turn = _Turn(Role.REPORTER, self.reporter_name)
            self.new_turn(turn)
            self.set_staff(turn)
        if self.turn.scoped and _SENT_END.search(text):
            following = self.seq[idx + 1] if idx + 1 < len(self.seq) else None
            if isinstance(following, _Sentence) and following.first_line > sent.last_line:
                self.new_turn(self.staff)  # a tagged soundbite ends with its line

    def live_paragraph(self, sent: _Sentence) -> None:
        """Live two-ways and studio interviews without labels (§3, §10): question
        paragraphs and short thank-yous naming the other side are the anchor's; the
        rest is the correspondent's or the guest's."""
        first_of_para = all(s.para != sent.para for s in self.sentences[: self.sentences.index(sent)])
        handoff_sent = self.seq[self.handoff_at] if self.handoff_at is not None else None
        if not first_of_para or (isinstance(handoff_sent, _Sentence) and handoff_sent.para == sent.para):
            return
        para_text = " ".join(s.text for s in self.sentences if s.para == sent.para)
        other = (self.guest_name or self.reporter_name or "").split()
        names_other = any(w in para_text for w in other) or re.search(
            r"\b(?:Professor|Doctor|Dr\.|Minister|Ambassador)\b", para_text
        )
        thanks = (
            _THANKS.search(para_text)
            and len(para_text.split()) <= 14
            and "having me" not in para_text
            and (names_other or sent is self.sentences[-1])
        )
        if para_text.rstrip().endswith("?") or thanks:
            turn = _Turn(Role.ANCHOR, self.anchor_name)
        elif self.guest_name is not None:
            turn = _Turn(Role.INTERVIEWEE, self.guest_name)
        else:
            turn = _Turn(Role.REPORTER, self.reporter_name)
            m = _GREETING_NAME.match(para_text)
            # The reporter greets the anchor by name: "Hello, Aram."
            if self.anchor_name is None and m and speakers.is_person_name(m.group("n")):
                self.anchor_name = m.group("n")
                self.backfill_anchor()
        self.new_turn(turn)

    def backfill_anchor(self) -> None:
        for d in self.drafts:
            if d.turn.role is Role.ANCHOR and d.turn.speaker is None:
                t = d.turn
                d.turn = _Turn(t.role, self.anchor_name, t.original_lang, t.delivery, t.explicit, t.scoped)

    def is_vox_pop(self, sent: _Sentence) -> bool:
        """An unquoted vox pop (§4): a short first-person paragraph set off by blank
        lines inside third-person narration."""
        first, last = self.paras[sent.para]
        paras = sorted(self.paras.values())
        pos = paras.index((first, last))
        if pos == 0 or len(paras) < 3:
            return False
        para_text = " ".join(s.text for s in self.sentences if s.para == sent.para)
        gap_before = first - paras[pos - 1][1] > 1
        gap_after = pos == len(paras) - 1 or paras[pos + 1][0] - last > 1
        return (
            gap_before
            and gap_after
            and len(para_text.split()) <= 40
            and bool(_FIRST_PERSON.search(para_text))
            and sent.para != self.sentences[0].para
        )

    def learn_anchor_name(self, text: str) -> None:
        if self.turn.role is not Role.ANCHOR or self.anchor_name is not None:
            return
        lower = text.islower()
        pattern = rf"\b[Ii]'m\s+(?P<n>{speakers._LOWER_NAME if lower else speakers._NAME})"
        m = re.search(pattern, text)
        if m:
            name = speakers.tidy_name(" ".join(m.group("n").split()[:3]))
            if speakers.is_person_name(name):
                self.anchor_name = name
                self.backfill_anchor()
                t = self.turn
                self.turn = _Turn(t.role, name, t.original_lang, t.delivery, t.explicit, t.scoped)

    def run(self, dropped: list[Item]) -> list[Segment]:
        prev: _Sentence | Item | None = None
        for idx, x in enumerate(self.seq):
            if isinstance(x, Item):
                if x.text:
                    dropped.append(_as_drop(x))
                self.marker(x, prev)
            else:
                self.sentence(idx, x, prev)
            prev = x
        return [_segment(d) for d in self.drafts]


def _assign_roles(body: list[Item], signoff: Item | None, dropped: list[Item]) -> list[Segment]:
    return _RoleWalker(_build_sentences(body), signoff).run(dropped)


def _mostly_english(sentences: list[_Sentence]) -> bool:
    en = sum(1 for s in sentences if script_lang(s.text) == "en")
    return en * 2 > len(sentences)


def _label_turn(
    x: Item,
    people: dict[str, tuple[str, Role | None]],
    last_staff: Role | None,
    reporter_name: str | None,
    anchor_name: str | None,
) -> _Turn:
    """The turn a speaker label opens, resolving short labels to full names (§5)."""
    name = x.name
    role = speakers.role_for_title(x.title or "")
    original = "und" if any("translat" in m.casefold() or "interpret" in m.casefold() for m in x.modifiers) else None
    delivery = tuple(m for m in x.modifiers if not ("translat" in m.casefold() or "interpret" in m.casefold()))
    if re.fullmatch(r"q(?:uestion)?", (name or "").casefold()):
        return _Turn(Role.ANCHOR, anchor_name, explicit=True)
    if name:
        words = name.split()
        keys = [name.casefold(), words[-1].casefold()]
        if len(words) >= 2:
            keys.append(f"{words[0][0]}. {words[-1]}".casefold())
        known = next((people[k] for k in keys if k in people), None)
        if known is not None and (len(words) == 1 or "." in name or known[0] == name):
            name, role = known[0], role or known[1]
        elif reporter_name and role is None and words[-1] == reporter_name.split()[-1]:
            name, role = reporter_name, Role.REPORTER
        elif anchor_name and role is None and words[-1] == anchor_name.split()[-1]:
            name, role = anchor_name, Role.ANCHOR
        if role is None and last_staff is None:
            # The first voice of a labelled show with no titles (PBS "Judy Woodruff:")
            # is its presenter.
            role = Role.ANCHOR
        full = name.split()
        for key in (name.casefold(), full[-1].casefold(), f"{full[0][0]}. {full[-1]}".casefold()):
            if key not in people or people[key][1] is None:
                people[key] = (name, role)
    if role is None:
        # A newsmaker: recorded inside a package, a guest in a studio conversation.
        role = Role.INTERVIEWEE if last_staff is Role.ANCHOR else Role.SOUNDBITE
    return _Turn(role, name, original_lang=original, delivery=delivery, explicit=True)


def _as_drop(x: Item) -> Item:
    reason = {
        "chevron": DropReason.SPEAKER_LABEL,
        "tag": DropReason.SPEAKER_LABEL,
        "label": DropReason.SPEAKER_LABEL,
        "lang": DropReason.LANGUAGE_MARKER,
    }.get(x.kind, DropReason.PAGE_CHROME)
    return Item("drop", x.line, x.col, x.text, reason=reason)


def _segment(d: _SegDraft) -> Segment:
    pieces: list[Piece] = []
    for line, col, text in d.spans:
        pieces.append(Piece(line, col, text))
    text = _clean(" ".join(p.text for p in pieces))
    return Segment(
        role=d.turn.role,
        speaker=d.turn.speaker,
        lang=detect_lang(text),
        text=text,
        line=min(p.line for p in pieces),
        end_line=max(p.line for p in pieces),
        pieces=tuple(pieces),
        original_lang=d.turn.original_lang,
        delivery=d.turn.delivery,
    )


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
    facts = _DocFacts(mixed_labels=_count_mixed_labels(lines) >= 2)
    items: list[Item] = []
    blanks: list[Item] = []
    end_of_page = False
    seen_speech = False
    for n, raw in enumerate(lines, start=1):
        if not _clean(raw):
            blanks.append(Item("drop", n, 0, "", reason=DropReason.BLANK))
            continue
        first, s = _trim(raw)
        if end_of_page:
            _drop(items, n, raw, first, first + len(s), DropReason.PAGE_CHROME)
            continue
        if seen_speech and classify.is_end_of_page(s):
            # The page's sidebar starts here ("Recommended"); the rest is not the report.
            end_of_page = True
            _drop(items, n, raw, first, first + len(s), DropReason.PAGE_CHROME)
            continue
        before = len(items)
        _tokenise_line(n, raw, facts, items)
        if any(it.kind in {"text", "label", "tag"} for it in items[before:]):
            seen_speech = True
    items = _drop_repeats(items)
    dropped: list[Item] = list(blanks)
    drafts = _split_stories(items, dropped)
    stories: list[Story] = []
    for d in drafts:
        segments = _assign_roles(d.body, d.signoff, dropped)
        stories.append(_story(d, segments))
    if not any(s.segments or s.signoff for s in stories):
        raise ParseError(
            f"no speech found (found {len(lines)} lines of titles, metadata or page chrome, expected narration)",
            source,
        )
    stories = [s for s in stories if s.segments or s.signoff or s.title or s.headline]
    drops = tuple(
        Dropped(it.line, it.text, it.reason or DropReason.PAGE_CHROME, it.col)
        for it in sorted(dropped, key=lambda it: (it.line, it.col))
    )
    return Transcript(source, tuple(stories), drops, len(lines), encoding)


def _drop_repeats(items: list[Item]) -> list[Item]:
    """Caption lines repeated or looping back (§9) are dropped as duplicates."""
    out: list[Item] = []
    recent: list[str] = []
    for it in items:
        if it.kind == "text" and it.line_start and len(it.text) >= 25:
            key = _clean(it.text).casefold()
            if key in recent:
                out.append(Item("drop", it.line, it.col, it.text, reason=DropReason.DUPLICATE))
                continue
            recent = [*recent[-9:], key]
        out.append(it)
    return out


def _story(d: _StoryDraft, segments: list[Segment]) -> Story:
    title = Title(_clean(d.title.text), d.title.line, (d.title.piece(),)) if d.title else None
    headline = None
    if d.headline:
        headline = Headline(
            _clean(d.headline.text), detect_lang(d.headline.text), d.headline.line, (d.headline.piece(),)
        )
    signoff = None
    if d.signoff:
        signoff = Signoff(
            _clean(d.signoff.text), d.signoff.name, d.signoff.outlet, d.signoff.line, (d.signoff.piece(),)
        )
    metadata = tuple(Metadata(m.meta_kind or "other", _clean(m.text), m.line, (m.piece(),)) for m in d.metadata)
    return Story(title, headline, tuple(segments), signoff, metadata)


def read_transcript(path: str | Path) -> Transcript:
    """Read, decode and parse a transcript file (UTF-8/16 with or without BOM, CP949).

    Raises:
        ParseError: unreadable, empty, binary or undecodable file, or no speech.
    """
    text, encoding = read_text(path)
    return parse_transcript(text, source=str(path), encoding=encoding)
