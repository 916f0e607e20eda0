"""Pass 1 of the parser: every line cut into items.

An item is one piece of one line and what it is: dropped (chrome, timestamps, artefacts,
labels), metadata, a turn marker (tag, label, chevron, language marker), a sign-off or
plain text. Every non-blank character of a line lands in exactly one item, and the
item's ``col`` records where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from subtools.language import HARD_WRAP_WORDS, SENTENCE_END
from subtools.model import DropReason, Role
from subtools.parser import chrome, speakers
from subtools.parser.items import Item, ItemKind, trim
from subtools.startup.patterns import compile_pattern

__all__ = ["DocFacts", "count_mixed_labels", "drop", "tokenise_line", "uses_bracket_tags"]


_CHEVRON = compile_pattern(r">>>?")
# A YTN soundbite fills one bracket, however long (ytn-panel-brackets.txt).
_BRACKET = compile_pattern(r"\[\[[^\[\]]*\]\]|\(\([^()]{1,80}\)\)|\[[^\[\]]{1,1000}\]|<[^<>]{1,30}>|◀[^▶]{1,20}▶")
_INLINE_CUE = compile_pattern(r"\((?:[A-Z][A-Z ,'&/.-]{3,})\)")
_LANG_MARKER = compile_pattern(
    r"\((?:in\s+)?(?P<lang>Korean|English|Japanese|Chinese|Mandarin|Russian|French|Spanish|German)\)",
    re.I,
)
_LANG_CODES = {
    "korean": "ko", "english": "en", "japanese": "ja", "chinese": "zh", "mandarin": "zh",
    "russian": "ru", "french": "fr", "spanish": "es", "german": "de", "arabic": "ar", "swahili": "sw",
    "hindi": "hi", "urdu": "ur", "persian": "fa", "turkish": "tr", "portuguese": "pt", "italian": "it",
    "vietnamese": "vi", "thai": "th", "indonesian": "id", "ukrainian": "uk", "hausa": "ha", "amharic": "am",
}  # fmt: skip
# A VOA TV script's header keys (voa-tv-script.txt): "BYLINE: Name", "DATELINE: Nairobi", some empty;
# the first may follow "Transcript/Script((" and the last close with "))".
_SCRIPT_HEADER = compile_pattern(
    r"^(?:Transcript/Script)?\(*\s*(?P<key>PLAYBOOK SLUG|SLUG|TEASER|PUBLISHED AT|BYLINE|CONTRIBUTOR|DATELINE|"
    r"TYPE|UPDATE|VIDEOGRAPHER|PRODUCER|SCRIPT EDITORS?|VIDEO SOURCES?|PLATFORMS?|TRT|VID APPROVED BY|EDITOR)"
    r"\s*:\s*(?P<value>.*?)\s*\)*\s*$"
)
# VOA cues in double brackets that are not a speaker: a voice and language note, a courtesy
# credit and its end (voa-tv-script.txt).
_VOICE_NOTE = compile_pattern(
    r"^\(\(\s*(?:male|female|man's|woman's|child's)?\s*voice\b[^()]*?(?:\bin\s+(?P<lang>\w+))?\s*\)\)$", re.I
)
_SCRIPT_CUE = compile_pattern(
    r"^\(\(\s*(?:mandatory\s+courtesy|courtesy|end\s+courtesy|nats?|sot|music|graphic|map|cg|super)\b", re.I
)
_AP_SOUNDBITE = compile_pattern(r"^(?:SOUND ?BITES?|SOT|UPSOUND)\b\s*(?:\d+\s*)?:?\s*", re.I)
_CLIP_LINE = compile_pattern(r"^(?:IN|OUT|DUR|RUNS|OUTCUE|INCUE)\s*:", re.I)
_STORY_MARKER = compile_pattern(r"^\[(?:Headline|Top Story|Story\s*\d*|Lead Story|Headlines)\]\s*", re.I)
# Section headings of agency scripts (AP, fixtures/transcripts/ap-shotlist.txt): not speech, and they end a soundbite.
_HEADING = compile_pattern(
    r"^(?:SHOT ?LIST|STORY ?LINE|DESCRIPTION|RESTRICTIONS|LENGTH|DATELINE|KEYWORDS|SCRIPT)\s*:?\s*$", re.I
)
_ROLE_LABEL = compile_pattern(
    r"(?i:(?P<role>anchor|reporter|correspondent|host|narrator|interviewer|interviewee|guest|q|a|"
    r"앵커|기자))\s*(?:\((?P<who>[^()]{2,40})\))?\s*:(?=\s|$)"
)
_SHOT_NUMBER = compile_pattern(r"^\d{1,3}[.)]\s+")
_MODIFIER = compile_pattern(r"\s*\((?:through|via|voice|on\s|by\s|in\s|off\s|speaking|translated)[^()]{0,40}\)", re.I)
# Matched at the line's first character, indented or not ("  1. Good news …", post-report-junk.txt).
_NUMBERED_TITLE = compile_pattern(r"(?P<num>\d{1,2})[.)]\s+(?=[A-Z\"“'‘])")
# A rundown page opens each slot of the show with "Title: <heading>", flush left or
# indented (rundown-title-fields.txt, rundown-flush-left.txt).
_TITLE_FIELD = compile_pattern(r"(?:Title|TITLE|Headline|HEADLINE)\s*:\s*(?=\S)")
# List bullets before a line's text: a caption list ("  • MARA QUILL: …", caption-bullets.txt),
# a news list ("  • ≡ Title", tbs-news-list.txt). Not "-" or "*": dialogue dashes and notes.
_BULLET = compile_pattern(r"(?:[•·▪◦‣≡▶►▸]\s*)+")
# A credit after a paragraph's last sentence: "… eFM News.■ <Photo: Agency>[2021.05.06]"
# (tbs-news-list.txt).
_TRAILING_CREDIT = compile_pattern(r"\s*■\s*(?:<[^<>]{0,80}>)?\s*(?:\[\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}\])?\s*$")
# A sign-off ends a paragraph: it is looked for in the last _SIGNOFF_TAIL_CHARS of a line.
_SIGNOFF_TAIL_CHARS = 90
# An archive's header collapsed onto one line (collapsed-header.txt): "date 2021-05-04
# TITLE IN CAPITALS Programme 입력 2021.05.04 (15:00) 수정 …".
_COLLAPSED_HEADER = compile_pattern(
    r"^(?P<date>date\s+\d{4}-\d{1,2}-\d{1,2})\s+"
    r"(?P<title>[A-Z][A-Z0-9'’,.:&-]*(?:\s+[A-Z0-9][A-Z0-9'’,.:&-]*)+)"
    r"(?:\s+(?P<prog>[^\s입][^입]*?))?\s*(?P<stamp>입력\s*\d.*)?$"
)
# A Korean widget notice cut onto a second line (kbs-readaloud-wrap.txt): the line before is
# dropped chrome ending mid-phrase in Hangul, and this short Hangul line ends the polite sentence.
_KOREAN_NOTICE_TAIL = compile_pattern(r"^[가-힣\s,]{2,40}니다\.?$")


# A numbered line opens a story only if it is as short as a headline: "1. Moon to visit
# Europe next week" in multi-story.txt is 6 words; a longer numbered line is a numbered
# sentence or question, whose number is only dropped.
_NUMBERED_TITLE_MAX_WORDS = 20


def _strip_span(line: int, raw: str, start: int, end: int) -> tuple[int, str] | None:
    """(col, text) of raw[start:end] without surrounding whitespace, or None if blank."""
    offset, stripped = trim(raw[start:end])
    if not stripped:
        return None
    return start + offset, stripped


def _add(items: list[Item], kind: ItemKind, line: int, raw: str, start: int, end: int, **kw: object) -> None:
    got = _strip_span(line, raw, start, end)
    if got is not None:
        items.append(Item(kind, line, got[0], got[1], **kw))  # type: ignore[arg-type]


def drop(items: list[Item], line: int, raw: str, start: int, end: int, reason: DropReason) -> None:
    _add(items, ItemKind.DROP, line, raw, start, end, reason=reason)


@dataclass(slots=True, repr=False, eq=False)
class DocFacts:
    """Whole-document facts the line pass needs."""

    mixed_labels: bool  # PBS/KBS mixed-case "Name Name:" labels are in use
    lines: list[str] = field(default_factory=list)  # the document, for looking one line ahead
    in_shotlist: bool = False  # inside an AP SHOTLIST section (numbered shot lines)
    bracket_tags: bool = False  # the page puts role tags alone on a line: "[Anchor]"
    label_tail: int = 0  # characters of this line that finish a label begun on the line before
    before_speech: bool = True  # no spoken line yet: site prompts above a transcript are chrome
    prev_chrome: str = ""  # the line before, when it was dropped whole as page chrome


def uses_bracket_tags(lines: list[str]) -> bool:
    """Some line is a bracketed role tag alone ("[Anchor]", ytn-panel-brackets.txt)."""
    for raw in lines:
        s = raw.strip()
        if s.startswith("[") and s.endswith("]") and len(s) <= _TAG_LINE_MAX and speakers.tag_role(s[1:-1]):
            return True
    return False


_TAG_LINE_MAX = 30
# On a page of "[Anchor]" lines, a bracket alone on a line that holds one to four words is the
# next speaker: "[Majunseo]", "[Practicing lawyer]" (ytn-panel-brackets.txt).
_BRACKET_SPEAKER = compile_pattern(r"^\[(?P<who>[A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*){0,3})\]$")


def count_mixed_labels(lines: list[str]) -> int:
    """Mixed-case labels in the document; one with a job title in brackets ("Park Min-seo
    (Head, Metro Office):", kbs-untagged-newsmaker.txt) counts as two: that shape is a label
    even when it is the only one."""
    count = 0
    for raw in lines:
        if ":" not in raw:  # every label ends in a colon (speakers.parse_label): skip the rest fast
            continue
        s = _BULLET.sub("", trim(raw)[1], count=1)
        if speakers.parse_label(s) is None and (label := speakers.parse_label(s, mixed_case=True)):
            count += 2 if label.title and "(" in s[: label.end] else 1
    return count


_BYLINE = compile_pattern(
    r"^(?:Reporter|Correspondent|Writer|Written by|Reported by|By)\s*:?\s*"
    r"(?P<who>[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){1,3})\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?$",
    re.I,
)
_CREDIT = compile_pattern(
    r"^[(\[]\s*(?:interview(?:ed)?|interviewee|guest|speaker|answers?)\s*(?:with|by|:)?\s*"
    r"(?P<who>[^,()\[\]]{3,60})(?:,[^()\[\]]*)?[)\]]$",
    re.I,
)
_WRAPPED_HEAD = compile_pattern(r"^[A-Z][A-Z.'’\- ]+,\s*[A-Z][A-Z0-9.&'’ ]*$")
# PBS wraps a label with a mixed-case affiliation after a sentence: "Also ahead: the price of
# bread. MARTA OYELARAN, Regional Grain Board," / "Chair: Flour prices …" (pbs-mixed-affiliation.txt).
_WRAPPED_TAIL_HEAD = compile_pattern(
    r"(?:(?<=[.?!:])\s+)(?P<head>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){1,3},\s*[A-Z][\w .&'’,-]*)$"
)


def _wrapped_label(line: str, next_line: str) -> tuple[speakers.Label, int, int] | None:
    """A label wrapped over two lines (fixtures/transcripts/cnn-wrapped-labels.txt):
    "CHRISTINE ROMANS, CNN" / "ANCHOR: …", or its head after a sentence on the first line.

    Returns the label, where its head starts in ``line`` and how many characters of the
    (trimmed) next line belong to it.
    """
    head_at = 0
    if not _WRAPPED_HEAD.match(line):
        tail = _WRAPPED_TAIL_HEAD.search(line)
        if tail is None:
            return None
        head_at = tail.start("head")
    head = line[head_at:]
    nxt = trim(next_line)[1]
    m = compile_pattern(r"^[A-Z][\w.&'’ ]*(?:\([^()]{1,40}\)\s*)*:(?=\s|$)").match(nxt)
    if not m or (head_at == 0 and not m.group(0).isupper()):
        return None
    label = speakers.parse_label(f"{head} {m.group(0)}")
    if label is None or label.end != len(head) + 1 + m.end():
        return None
    return label, head_at, m.end()


def tokenise_line(n: int, raw: str, facts: DocFacts, out: list[Item]) -> None:
    """Cut one non-blank line into items (pass 1)."""
    first, s = trim(raw)
    end = first + len(s)
    rest = _take_wrapped_label(n, raw, first, end, s, facts, out)
    if rest is None:
        return
    first, s = rest
    if _take_whole_line(n, raw, first, end, s, facts, out):
        return
    before = len(out)
    span = _take_line_prefixes(n, raw, first, end, s, facts, out)
    if span is None:
        return
    bulleted = any(it.kind is ItemKind.DROP and it.col == first and _BULLET.fullmatch(it.text) for it in out[before:])
    span = _take_glued_attribution(n, raw, span[0], span[1], out)
    text_end, sign = _split_trailing_signoff(raw, span[0], span[1])
    start_at = len(out)
    _tokenise_text(n, raw, span[0], text_end, facts, out, line_start=True)
    if sign is not None:
        _add(out, ItemKind.SIGNOFF, n, raw, text_end, span[1], name=sign.name, outlet=sign.outlet)
    numbered = any(it.reason is DropReason.LIST_NUMBER for it in out[before:])
    for it in out[start_at:]:
        if it.kind is ItemKind.TEXT:
            it.bullet, it.numbered = bulleted, numbered
            break


# A quote with its speaker glued after it: '"… the other side."- Ra Gyong-su, chief delegate …'
# (qa-numbered-quotes.txt). The attribution is written, not spoken: a tag naming the quote.
_GLUED_ATTRIBUTION = compile_pattern(
    r"(?<=[\"”])\s*[-–—]\s*(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3})\s*,\s*(?P<title>[^\"“”]{2,100})$"
)


def _take_glued_attribution(n: int, raw: str, pos: int, end: int, out: list[Item]) -> tuple[int, int]:
    m = _GLUED_ATTRIBUTION.search(raw, pos, end)
    if m is None or not speakers.is_person_name(m.group("who")) or raw[pos : m.start()].lstrip()[:1] not in '"“':
        return pos, end
    # The tag goes before the quote's text so that pass 3 meets the speaker first.
    _add(
        out, ItemKind.TAG, n, raw, m.start(), end, role=Role.SOUNDBITE, name=speakers.tidy_name(m.group("who")),
        title=m.group("title").rstrip(" ."),
    )  # fmt: skip
    return pos, m.start()


def _split_trailing_signoff(raw: str, pos: int, end: int) -> tuple[int, speakers.Signoff | None]:
    """A sign-off as the last sentence of a paragraph ("… after midnight. Bae Ha-rin, eFM
    News." in tbs-news-list.txt): (where the text before it ends, the sign-off)."""
    window = max(pos, end - _SIGNOFF_TAIL_CHARS)
    for m in compile_pattern(r"(?<=[.?!\"”])\s+(?=[A-Z])").finditer(raw[window:end]):
        cut = window + m.end()
        if cut > pos and (sign := speakers.match_signoff(raw[cut:end])):
            return cut, sign
    return end, None


def _take_wrapped_label(
    n: int, raw: str, first: int, end: int, s: str, facts: DocFacts, out: list[Item]
) -> tuple[int, str] | None:
    """A CNN label wrapped over two lines, either half. Returns the (col, text) of the
    line left to cut, or None if the label took all of it."""
    if facts.label_tail:
        # "ANCHOR:" finishing a label wrapped from the line before.
        drop(out, n, raw, first, first + facts.label_tail, DropReason.SPEAKER_LABEL)
        first += facts.label_tail
        facts.label_tail = 0
        offset, rest = trim(raw[first:end])
        return (first + offset, rest) if rest else None
    wrapped = _wrapped_label(s, facts.lines[n] if n < len(facts.lines) else "")
    if wrapped is None:
        return first, s
    label, head_at, tail = wrapped
    if head_at:
        _tokenise_text(n, raw, first, first + head_at, facts, out, line_start=True)
    _add(
        out, ItemKind.LABEL, n, raw, first + head_at, end, name=label.name, title=label.title,
        modifiers=label.modifiers,
    )  # fmt: skip
    facts.label_tail = tail
    return None


def _chrome_in_context(s: str, facts: DocFacts) -> bool:
    """Lines that are chrome because of where they sit: site prompts and breadcrumbs above
    the transcript, the instruction under a "Tip:" widget, the wrapped end of a Korean notice."""
    if facts.before_speech and (chrome.is_site_prompt(s) or chrome.is_breadcrumb(s)):
        return True
    if facts.prev_chrome.rstrip(":").casefold() == "tip" and not SENTENCE_END.search(s):
        return True  # "Tip:" / "Select text to add a note" (rundown-flush-left.txt)
    prev = facts.prev_chrome
    return bool(prev) and "\uac00" <= prev[-1] <= "\ud7a3" and bool(_KOREAN_NOTICE_TAIL.match(s))


def _take_collapsed_header(n: int, raw: str, first: int, s: str, out: list[Item]) -> bool:
    m = _COLLAPSED_HEADER.match(s)
    if not m:
        return False
    _add(out, ItemKind.META, n, raw, first + m.start("date"), first + m.end("date"), meta_kind="date")
    _add(out, ItemKind.TEXT, n, raw, first + m.start("title"), first + m.end("title"), line_start=True)
    if m.group("prog"):
        _add(out, ItemKind.META, n, raw, first + m.start("prog"), first + m.end("prog"), meta_kind="programme")
    if m.group("stamp"):
        _add(out, ItemKind.META, n, raw, first + m.start("stamp"), first + m.end("stamp"), meta_kind="date")
    return True


def _take_chrome_line(n: int, raw: str, first: int, end: int, s: str, facts: DocFacts, out: list[Item]) -> bool:
    """A line of page chrome or metadata, unless it is a bracketed tag or soundbite."""
    if facts.bracket_tags and (who := _BRACKET_SPEAKER.match(s)) and speakers.tag_role(who.group("who")) is None:
        name = who.group("who")
        _add(out, ItemKind.LABEL, n, raw, first, end, name=name if speakers.is_person_name(name) else None)
        return True
    whole_tag = _BRACKET.fullmatch(s)
    if whole_tag is not None and _bracket_item(n, raw, first, end, out, probe=True):
        return False
    if _chrome_in_context(s, facts):
        drop(out, n, raw, first, end, DropReason.PAGE_CHROME)
        return True
    if _take_collapsed_header(n, raw, first, s, out):
        return True
    if reason := chrome.chrome_reason(s):
        drop(out, n, raw, first, end, DropReason(reason))
        if tape := compile_pattern(r"^[(\[]\s*(BEGIN|END)\s+(?:VIDEO|AUDIO|TAPE)", re.I).match(s):
            # (BEGIN VIDEOTAPE) … (END VIDEOTAPE): a newsmaker inside is a recorded
            # soundbite, not a studio guest. A text-less marker tells pass 3.
            out.append(Item(ItemKind.TAPE, n, end, "", level=int(tape.group(1).upper() == "BEGIN")))
        return True
    if kind := chrome.metadata_kind(s):
        _add(out, ItemKind.META, n, raw, first, end, meta_kind=kind)
        return True
    return False


# An AP archive record flattened onto one line (ap-flat-record.txt): "NAME: … TAPE: … DATELINE: …
# RESTRICTIONS: SHOTLIST 1. … 3. SOUNDBITE: (Korean) Name, title: "…" 4. … STORYLINE …".
_RECORD_KEY = compile_pattern(
    r"\b(?P<key>NAME|TAPE|IN_TIME|DURATION|SOURCES|DATELINE|RESTRICTIONS|LENGTH|KEYWORDS)\s*:|\b(?P<head>SHOTLIST|STORYLINE)\b"
)
_RECORD_MIN_KEYS = 3
_RECORD_SHOT = compile_pattern(r"(?:(?<=\s)|^)\d{1,3}\.\s+")


def _take_flat_record(n: int, raw: str, first: int, end: int, s: str, facts: DocFacts, out: list[Item]) -> bool:
    keys = list(_RECORD_KEY.finditer(raw, first, end))
    if len(keys) < _RECORD_MIN_KEYS or keys[0].start() != first:
        return False
    for k, m in enumerate(keys):
        stop = keys[k + 1].start() if k + 1 < len(keys) else end
        if m.group("key"):
            _add(out, ItemKind.META, n, raw, m.start(), stop, meta_kind=m.group("key").casefold())
            continue
        drop(out, n, raw, m.start(), m.end(), DropReason.HEADING)
        out.append(Item(ItemKind.HEADING, n, m.end(), ""))
        if m.group("head") == "STORYLINE":
            _add(out, ItemKind.TEXT, n, raw, m.end(), stop, line_start=True)
        else:
            _take_record_shots(n, raw, m.end(), stop, facts, out)
    return True


def _take_record_shots(n: int, raw: str, start: int, stop: int, facts: DocFacts, out: list[Item]) -> None:
    """Numbered shots are pictures (dropped); a SOUNDBITE shot is speech."""
    shots = list(_RECORD_SHOT.finditer(raw, start, stop))
    for k, shot in enumerate(shots):
        shot_end = shots[k + 1].start() if k + 1 < len(shots) else stop
        bite = _AP_SOUNDBITE.match(raw[shot.end() : shot_end])
        if bite is None:
            drop(out, n, raw, shot.start(), shot_end, DropReason.SHOT)
            continue
        drop(out, n, raw, shot.start(), shot.end(), DropReason.SHOT)
        tag_end = shot.end() + bite.end()
        _add(out, ItemKind.TAG, n, raw, shot.end(), tag_end, role=Role.SOUNDBITE)
        _tokenise_text(n, raw, tag_end, shot_end, facts, out, line_start=True)


def _reads_as_speech(words: str) -> bool:
    """A byline's "name" that goes on as a sentence ("reporter noah park has more" in lower-case
    captions, autocaption-anchor-intro.txt) is spoken words, not a byline."""
    return any(w.casefold() in HARD_WRAP_WORDS or w.casefold() in _SPEECH_WORDS for w in words.split())


_SPEECH_WORDS = frozenset("more details latest story report reports says said tells joins".split())


def _take_whole_line(n: int, raw: str, first: int, end: int, s: str, facts: DocFacts, out: list[Item]) -> bool:
    """Lines that are one item as a whole: chrome, metadata, bylines, credits,
    artefacts, clip cue sheets, sign-offs, section headings."""
    if _take_flat_record(n, raw, first, end, s, facts, out):
        return True
    if (head := _SCRIPT_HEADER.match(s)) and not head.group("key").startswith("HEADLINE"):
        value = head.group("value")
        who = speakers.tidy_name(value) if head.group("key") == "BYLINE" and value else None
        _add(out, ItemKind.META, n, raw, first, end, meta_kind=head.group("key").casefold().replace(" ", "-"), name=who)
        return True
    if _take_chrome_line(n, raw, first, end, s, facts, out):
        return True
    if (
        (byline := _BYLINE.match(s))
        and speakers.is_person_name(speakers.tidy_name(byline.group("who")))
        and not _reads_as_speech(byline.group("who"))
    ):
        # "Reporter : Kim Min-ji" under a title is a byline (metadata), not speech.
        _add(out, ItemKind.META, n, raw, first, end, meta_kind="byline", name=speakers.tidy_name(byline.group("who")))
        return True
    if credit := _CREDIT.match(s):
        # "(Interview with Park Ji-hoon, senior researcher …)" names the guest of a Q&A
        # list once, at the end (fixtures/transcripts/qa-list-named-at-end.txt).
        who = speakers.tidy_name(credit.group("who").strip())
        name = who if speakers.is_person_name(who) else None
        _add(out, ItemKind.META, n, raw, first, end, meta_kind="interviewee", name=name)
        return True
    if chrome.is_artefact(s):
        drop(out, n, raw, first, end, DropReason.ARTEFACT)
        return True
    if _CLIP_LINE.match(s):
        # Radio feeds stand an IN:/OUT:/DUR: cue sheet in for a clip (radio-clip.txt): the clip's
        # words are not in the transcript, so nothing here is spoken text.
        drop(out, n, raw, first, end, DropReason.CLIP)
        return True
    if sign := speakers.match_signoff(s):
        _add(out, ItemKind.SIGNOFF, n, raw, first, end, name=sign.name, outlet=sign.outlet)
        return True
    if _HEADING.match(s):
        facts.in_shotlist = s.upper().replace(" ", "").startswith("SHOTLIST")
        drop(out, n, raw, first, end, DropReason.HEADING)
        out.append(Item(ItemKind.HEADING, n, end, ""))  # a turn break for pass 3; holds no text
        return True
    return False


def _take_line_prefixes(
    n: int, raw: str, first: int, end: int, s: str, facts: DocFacts, out: list[Item]
) -> tuple[int, int] | None:
    """What comes before a line's text: a shot number, a timestamp, a story marker or
    list number, a role label, an AP soundbite tag; and a date at the end of a title.
    Returns the span of the text left, or None if nothing is left."""
    pos = first
    if facts.in_shotlist and (m := _SHOT_NUMBER.match(raw, pos)):
        # "1. Wide of Seoul train station" describes a picture; a numbered SOUNDBITE
        # line in the same list is speech, so only its number is dropped.
        if not _AP_SOUNDBITE.match(raw, m.end()):
            drop(out, n, raw, first, end, DropReason.SHOT)
            return None
        drop(out, n, raw, pos, m.end(), DropReason.SHOT)
        pos = m.end()
    if (meta := chrome.split_trailing_metadata(s)) is not None:
        # "Title    Updated: 2019-02-21 19:00 KST" (hardwrap-crlf.txt): the date shares the title's line.
        head_end = first + len(meta[0])
        _add(out, ItemKind.META, n, raw, head_end, end, meta_kind="date")
        end = head_end
    ts = chrome.split_leading_timestamp(s)
    if ts:
        drop(out, n, raw, pos, pos + len(ts[0]), DropReason.TIMESTAMP)
        pos += len(ts[0])
    if (bullet := _BULLET.match(raw, pos)) and bullet.end() < end:
        drop(out, n, raw, pos, bullet.end(), DropReason.ARTEFACT)
        pos = bullet.end()
    if (credit := _TRAILING_CREDIT.search(raw, pos, end)) and credit.start() > pos and credit.group(0).strip():
        _add(out, ItemKind.META, n, raw, credit.start(), end, meta_kind="credit")
        end = credit.start()
    pos = _take_story_marker(n, raw, pos, end, out)
    if m := _ROLE_LABEL.match(raw, pos):
        # "Anchor:", "REPORTER (Kim Min-ji):", "Q:" name a role, not a person.
        who = (m.group("who") or "").strip()
        name = speakers.tidy_name(who) if who and speakers.is_person_name(speakers.tidy_name(who)) else None
        _add(out, ItemKind.TAG, n, raw, pos, m.end(), role=speakers.tag_role(m.group("role")), name=name)
        pos = m.end()
    if m := _AP_SOUNDBITE.match(raw, pos):
        _add(out, ItemKind.TAG, n, raw, pos, m.end(), role=Role.SOUNDBITE)
        pos = m.end()
    return pos, end


def _take_story_marker(n: int, raw: str, pos: int, end: int, out: list[Item]) -> int:
    """A story marker ("[Top Story]") or a list number at ``pos``; returns where the rest starts."""
    m = _STORY_MARKER.match(raw, pos) or _TITLE_FIELD.match(raw, pos)
    if m and m.end() > pos:
        _add(out, ItemKind.STORY, n, raw, pos, m.end())
        return m.end()
    if m := _NUMBERED_TITLE.match(raw, pos):
        rest = raw[m.end() : end].strip()
        # "1. Moon to visit Europe next week" opens a story in a numbered list; a
        # numbered question in a live two-way ("1. What is …?") is only numbered.
        if (
            rest
            and not SENTENCE_END.search(rest)
            and not rest.endswith(("?", ","))
            and len(rest.split()) <= _NUMBERED_TITLE_MAX_WORDS
        ):
            _add(out, ItemKind.STORY, n, raw, pos, m.end())
        else:
            drop(out, n, raw, pos, m.end(), DropReason.LIST_NUMBER)
        return m.end()
    return pos


def _double_bracket_item(n: int, raw: str, start: int, end: int, out: list[Item], probe: bool) -> bool:
    """VOA's double brackets (voa-script.txt, voa-tv-script.txt): voice notes, courtesy cues,
    the anchor's "[[…]]" intro text, and "((Name))" clip tags."""
    body = raw[start:end]
    inner = body.strip("[]()<>◀▶ ")
    if body.startswith("((") and (voice := _VOICE_NOTE.match(body)):
        # "((Male voice, in Swahili))" says how the clip is heard, not who speaks.
        if not probe:
            code = _LANG_CODES.get((voice.group("lang") or "").casefold(), "und")
            _add(out, ItemKind.LANG, n, raw, start, end, lang=code)
        return True
    if body.startswith("((") and _SCRIPT_CUE.match(body):
        if not probe:
            drop(out, n, raw, start, end, DropReason.CUE_MARKER)
        return True
    if body.startswith("[[") and _holds_speech(body[2:-2]):
        # VOA's "((INTRO)) [[A third dry season … reports.]]": the anchor's words in brackets.
        if not probe:
            drop(out, n, raw, start, start + 2, DropReason.ARTEFACT)
            _add(out, ItemKind.TEXT, n, raw, start + 2, end - 2, line_start=True)
            drop(out, n, raw, end - 2, end, DropReason.ARTEFACT)
        return True
    if body.startswith("(("):
        # VOA scripts (voa-script.txt): ((INTRO)) anchor, ((NARRATOR)) reporter, ((Name)) a clip.
        lang = None
        lm = compile_pattern(r"\bin\s+(\w+)").search(inner)
        if lm and lm.group(1).casefold() in _LANG_CODES:
            lang = _LANG_CODES[lm.group(1).casefold()]
        first_part, _, rest = (p.strip() for p in inner.partition(","))
        name = first_part if speakers.is_person_name(first_part) else None
        title = rest if name and rest else None
        if not probe:
            _add(out, ItemKind.TAG, n, raw, start, end, role=Role.SOUNDBITE, name=name, lang=lang, title=title)
        return True
    return False


def _bracket_item(n: int, raw: str, start: int, end: int, out: list[Item], probe: bool = False) -> bool:
    """A bracketed tag or soundbite; appends its items unless probing. True if it was one."""
    body = raw[start:end]
    inner = body.strip("[]()<>◀▶ ")
    role = speakers.tag_role(inner)
    if role is not None:
        if not probe:
            _add(out, ItemKind.TAG, n, raw, start, end, role=role)
        return True
    named = compile_pattern(r"^(?P<tag>[^:\-–/]{2,20}?)\s*[:\-–]\s*(?P<who>.{2,120})$").match(body[1:-1].strip())
    if body.startswith("[") and named and (role := speakers.tag_role(named.group("tag"))) is not None:
        # "[Sound bite: Finance Minister Choo Kyung-ho (Korean)]", "[Reporter: Kim Min-ji]".
        if not probe:
            _add_named_tag(n, raw, start, end, role, named.group("who"), out)
        return True
    if body.startswith(("((", "[[")) and (taken := _double_bracket_item(n, raw, start, end, out, probe)):
        return taken
    if body.startswith("[") and ":" in inner and " / " in inner.split(":")[0]:
        # YTN puts a whole soundbite in one bracket: [Name / title (date): words]
        # (fixtures/transcripts/ytn-bracket.txt).
        if not probe:
            colon = raw.index(":", start)
            who, _, rest = inner.split(":")[0].partition(" / ")
            who = who.strip()
            title = compile_pattern(r"\s*\([^()]*\d[^()]*\)\s*$").sub("", rest).strip() or None  # minus "(date)"
            named_ok = speakers.is_person_name(who) or speakers.is_korean_name(who)
            _add(
                out, ItemKind.TAG, n, raw, start, colon + 1, role=Role.SOUNDBITE,
                name=speakers.tidy_name(who) if named_ok else None, title=title,
            )  # fmt: skip
            _add(out, ItemKind.TEXT, n, raw, colon + 1, end - 1, line_start=True)
            drop(out, n, raw, end - 1, end, DropReason.ARTEFACT)
        return True
    if body.startswith("[[") or (body.startswith("[") and chrome.chrome_reason(body)):
        if not probe:
            drop(out, n, raw, start, end, DropReason.CUE_MARKER)
        return True
    return False


def _add_named_tag(n: int, raw: str, start: int, end: int, role: Role, who: str, out: list[Item]) -> None:
    """A bracketed tag with a speaker (``[Sound bite: NAME …]``): its name, title and language."""
    if ko := compile_pattern(r"^(?P<who>[가-힣]{2,4})\s*/\s*(?P<title>.+)$").match(who.strip()):
        # "[인터뷰:오태식 / 서울시 교통정책과장]" (ytn-interview-forms.txt)
        _add(out, ItemKind.TAG, n, raw, start, end, role=role, name=ko.group("who"), title=ko.group("title"))
        return
    lang_m = _LANG_MARKER.search(who)
    words = compile_pattern(r"\([^()]*\)").sub("", who).split(",")[0].split()
    popped: list[str] = []
    while len(words) > 1 and not speakers.is_person_name(words[0]):
        popped.append(words.pop(0))
    who_name = " ".join(words)
    named_ok = speakers.is_person_name(who_name)
    _add(
        out, ItemKind.TAG, n, raw, start, end, role=role,
        name=speakers.tidy_name(who_name) if named_ok else None,
        title=" ".join(popped) if named_ok and popped else None,
        lang=_LANG_CODES[lang_m.group("lang").casefold()] if lang_m else None,
    )  # fmt: skip


def _holds_speech(inner: str) -> bool:
    """Bracketed text that is a spoken sentence (four words or more, some in lower case)."""
    return len(inner.split()) >= _SPEECH_MIN_WORDS and any(w.islower() for w in inner.split())


_SPEECH_MIN_WORDS = 4


def _tokenise_text(
    n: int, raw: str, start: int, end: int, facts: DocFacts, out: list[Item], *, line_start: bool
) -> None:
    """Split running text at chevrons, tags, labels and inline cues."""
    pos = start
    at_start = line_start
    while pos < end:
        while pos < end and raw[pos].isspace():
            pos += 1
        if pos >= end:
            return
        chunk_end, after_marker = _take_turn_marker(n, raw, pos, end, out)
        if after_marker is not None:
            pos, at_start = after_marker, True
            continue
        if at_start and (lm := _LANG_MARKER.match(raw, pos)):
            # AP: SOUNDBITE: (Korean) Name, title: "…" — the marker comes before the name.
            _add(out, ItemKind.LANG, n, raw, pos, lm.end(), lang=_LANG_CODES[lm.group("lang").casefold()])
            pos = lm.end()
            continue
        after_label = _take_label(n, raw, pos, chunk_end, facts, out, at_start=at_start)
        if after_label is not None:
            pos, at_start = after_label, False
            continue
        chunk_end = _cut_before_label(raw, pos, chunk_end)
        _text_chunk(n, raw, pos, chunk_end, out, at_start)
        pos = chunk_end
        at_start = False


def _take_turn_marker(n: int, raw: str, pos: int, end: int, out: list[Item]) -> tuple[int, int | None]:
    """Take a chevron or bracketed tag at ``pos``: returns (its end, its end). If there
    is none at ``pos``: (where the next one starts, or ``end``; None), so that the text
    up to there is cut as one chunk."""
    chunk_end = end
    # Caption chevrons: >> speaker change, >>> new story (captions-chevrons.txt), glued or not.
    chev = _CHEVRON.search(raw, pos, end)
    if chev and chev.start() == pos:
        _add(out, ItemKind.CHEVRON, n, raw, pos, chev.end(), level=len(chev.group(0)))
        return chev.end(), chev.end()
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
        return found.end(), found.end()
    if found:
        chunk_end = found.start()
    return chunk_end, None


def _take_label(
    n: int, raw: str, pos: int, chunk_end: int, facts: DocFacts, out: list[Item], *, at_start: bool
) -> int | None:
    """A speaker label at ``pos``, with any modifiers after its colon; returns where it ends."""
    label = speakers.parse_label(raw, pos, mixed_case=facts.mixed_labels and at_start)
    after_tag = bool(out) and (
        out[-1].kind is ItemKind.TAG
        or (out[-1].kind is ItemKind.LANG and len(out) > 1 and out[-2].kind is ItemKind.TAG)
    )
    if label is None and at_start and after_tag:
        label = _tag_label(raw, pos, chunk_end)
    if label is None or label.start != pos:
        return None
    label_end, modifiers = label.end, label.modifiers
    # NPR puts the modifier after the colon: "PARK JI-SUNG: (Through interpreter) …".
    while mm := _MODIFIER.match(raw, label_end, chunk_end):
        modifiers = (*modifiers, mm.group(0).strip()[1:-1])
        label_end = mm.end()
    sound = raw[pos : label.end].split(":")[0].split()[-1] in speakers.SOUND_LABEL_WORDS
    if sound:
        modifiers = (*modifiers, raw[pos : label.end].split(":")[0].split()[-1].casefold())
    _add(
        out, ItemKind.LABEL, n, raw, pos, label_end, name=label.name, title=label.title, modifiers=modifiers,
        role=Role.SOUNDBITE if sound else None,
    )  # fmt: skip
    return label_end


def _cut_before_label(raw: str, pos: int, chunk_end: int) -> int:
    """Where a label after a sentence end inside the chunk starts ("... world. ROMANS:
    Thanks."), or ``chunk_end``."""
    # After a colon too: "Tonight: HELENA VOSS, Nutrition Researcher: …" (pbs-mixed-affiliation.txt).
    for lm in compile_pattern(r"(?<=[.?!\"”)\]—:-])\s+(?=[A-Z])").finditer(raw[pos:chunk_end]):
        if speakers.parse_label(raw, pos + lm.end()) is not None:
            return pos + lm.end()
    return chunk_end


def _tag_label(raw: str, pos: int, end: int) -> speakers.Label | None:
    """The label after a soundbite tag: ``Name(Title) :`` or ``Name (affiliation (date)):``,
    or the Korean ``이름/소속`` before the quote."""
    # YTN puts the name tag on the line under "[인터뷰]": "박서연 / 서울 마포구 :" (ytn-interview-forms.txt).
    ko = compile_pattern(r"\s*(?P<who>[가-힣]{2,4})\s*/\s*(?P<title>[^:\"“”]{1,60}?)\s*:?\s*(?=$|[\"“])").match(
        raw[pos:end]
    )
    if ko:
        return speakers.Label(pos, pos + ko.end(), ko.group("who"), ko.group("title").strip(), ())
    m = compile_pattern(r"\s*(?P<who>[^:\"“”]{2,100}?)\s*:(?=\s|$)").match(raw[pos:end])
    # KBS: "[Soundbite] Han Seo-jun (Director, Coastal Logistics)" with no colon, the words on
    # the next line or none at all (kbs-soundbite-no-colon.txt).
    m = m or compile_pattern(r"\s*(?P<who>[A-Z][^:\"“”()]{1,60}\([^()]{2,80}\))\s*$").match(raw[pos:end])
    if not m:
        return None
    who = m.group("who")
    bare = compile_pattern(r"\([^()]*(?:\([^()]*\))?[^()]*\)").sub("", who)
    # An abbreviated office before a name ("Prof.", "Pres.", "Amb.", "Supt.", "Cmdr."; kbs-event-label.txt)
    bare = compile_pattern(r"\b[A-Z][a-z]{1,4}\.(?=\s+[A-Z])").sub("", bare)
    if compile_pattern(r"[.?!]\s").search(bare):
        return None  # a sentence, not a label
    name_part = who.split("(")[0].strip().rstrip(",")
    # "Prof. Park Sung-jin (Korea University) :" — the title word is not the name.
    words = name_part.split()
    while len(words) > 1 and not speakers.is_person_name(words[0]):
        words.pop(0)
    name_part = " ".join(words)
    title_m = compile_pattern(r"\((.*)\)").search(who)
    title = title_m.group(1) if title_m else None
    if "," in name_part and title is None:
        name_part, title = (p.strip() for p in name_part.split(",", 1))
    # Labels that are an event, place or date rather than a person get no name ("briefing" in
    # fixtures/transcripts/kbs-world-tags.txt).
    name = speakers.tidy_name(name_part) if speakers.is_person_name(name_part) else None
    if name and compile_pattern(
        r"\b(?:briefing|conference|ceremony|rally|meeting|speech|statement|address|hearing|"
        r"session|forum|summit|interview|video|footage)\b",
        re.I,
    ).search(name):
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
            drop(out, n, raw, c_start, c_end, DropReason.CUE_MARKER)
        else:
            _add(out, ItemKind.LANG, n, raw, c_start, c_end, lang=lang)
        at_start = at_start and not raw[pos:c_start].strip()
        pos = c_end
    _text_piece(n, raw, pos, end, out, at_start)


def _text_piece(n: int, raw: str, start: int, end: int, out: list[Item], at_start: bool) -> None:
    got = _strip_span(n, raw, start, end)
    if got is None:
        return
    col, text = got
    if chrome.is_artefact(text):
        drop(out, n, raw, col, col + len(text), DropReason.ARTEFACT)
        return
    tail = chrome.split_trailing_artefact(text)
    if tail:
        _add(out, ItemKind.TEXT, n, raw, col, col + len(tail[0]), line_start=at_start)
        drop(out, n, raw, col + len(tail[0]), col + len(text), DropReason.ARTEFACT)
        return
    out.append(Item(ItemKind.TEXT, n, col, text, line_start=at_start))
