"""Pass 3 of the parser: who speaks each sentence of a story.

A small state machine per story: the anchor until the hand-off, then the reporter;
labels and tags override; full-line quotes are soundbites attributed from the narration
around them; live two-ways and studio interviews go by question paragraphs.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from subtools.language import SENTENCE_END, detect_lang, script_lang
from subtools.model import DropReason, Piece, Role, Segment, SourceTime
from subtools.parser import speakers
from subtools.parser.items import Item, ItemKind, join_pieces
from subtools.parser.sentences import Sentence, build_sentences
from subtools.startup.patterns import compile_pattern
from subtools.startup.records import value_class

__all__ = ["assign_roles"]

_SPEECH_CUE = compile_pattern(
    r"\b(?:said|says|say|told|tells|added|adds|stressed|stresses|noted|notes|explained|"
    r"explains|emphasi[sz]ed|urged|warned|warns|insisted|argued|claimed|stated|announced|"
    r"remarked|pointed out|according to|asked|vowed|pledged|expressed|believes|described|"
    r"put it|spoke|speaking|commented|responded|replied|answered|agreed|confirmed|"
    r"acknowledged|admitted|called|calls|voiced|shared|explaining|saying|adding)\b",
    re.I,
)
_PRONOUN = compile_pattern(r"\b(?:he|she|her|him|his|they|them|their)\b", re.I)
_THIRD_PERSON_START = compile_pattern(r"^(?:The|A|An|He|She|They|His|Her|Its|Their|This|That|These|Those)\b")
_FIRST_PERSON_WORDS = compile_pattern(r"\b(?:I|I'm|I've|we|we're|we've|our|us|my|me)\b", re.I)


def _is_narration(text: str) -> bool:
    """Third-person narration, not a newsmaker's own words: no first person, and a third-
    person start or a speech verb ("The second bidder … said it would …")."""
    if _FIRST_PERSON_WORDS.search(text) or text[:1] in '"“':
        return False
    return bool(_THIRD_PERSON_START.match(text) or _SPEECH_CUE.search(text))


@value_class
class _Turn:
    """Who is speaking from here on, and how the parser knows it."""

    role: Role
    speaker: str | None
    original_lang: str | None = None
    delivery: tuple[str, ...] = ()
    explicit: bool = False  # set by a tag or label, not inferred
    title: str | None = None  # the speaker's job title or affiliation, from a label or tag
    scoped: bool = False  # a tagged soundbite: it ends with its line or paragraph
    para_scoped: bool = False  # a newsmaker's label: the turn ends with its paragraph
    chant: bool = False  # a crowd's chant: it lasts while the sentences are exclamations
    chevron: bool = False  # a clip opened by ">>" after a speech cue: the next ">>" ends it


_RUN_HANDOFF = compile_pattern(
    r"\b(?:has|have)\s+(?:this|the|our|more)(?:\s+(?:report|story|latest|details|top\s+story))?\b|"
    r"\breports\b(?!\s+that)|\bexplains\b",
    re.I,
)


# The run-on hand-off of auto-captions comes early in the story: look at its first
# _RUN_HANDOFF_SENTENCES sentences, with a reporter's name of two or three words before
# "has / this report" (autocaption-lowercase.txt).
_RUN_HANDOFF_SENTENCES = 12
_RUN_HANDOFF_NAME_WORDS = (2, 3)


def _split_run_on_handoff(seq: list[Sentence | Item]) -> tuple[int, speakers.Handoff] | None:
    """Unpunctuated captions run the hand-off into the reporter's first words
    (fixtures/transcripts/autocaption-lowercase.txt): "… kim eun-sun has / this report
    apartment prices …". Cut the run after it."""
    for k, x in enumerate(seq[:_RUN_HANDOFF_SENTENCES]):
        if not isinstance(x, Sentence) or x.quote:
            continue
        joined = " ".join(t for _, _, t in x.spans)
        for m in _RUN_HANDOFF.finditer(joined):
            if m.end() >= len(joined.rstrip()):
                continue
            before = joined[: m.start()].split()
            for n in _RUN_HANDOFF_NAME_WORDS:
                h = speakers.find_handoff(" ".join([*before[-n:], m.group(0)]))
                if h is not None:
                    head, tail = x.split_at(m.end())
                    seq[k : k + 1] = [head, tail]
                    return k, h
    return None


# ASR turns "the AP's Rosa Delmar" into "the a.p. / Is Rosa Delmar utility workers …"
# (asr-report-from.txt): after a nameless "here is a report from …", a name that opens the
# next caption sentence (after a stray "Is"/"'s") is the reporter's byline, read by the anchor.
_BYLINE_START = compile_pattern(
    rf"^(?:(?:Is|is|'s|s)\s+)?(?P<n>{speakers._NAME_WORD}\s+{speakers._NAME_WORD})\s+(?=[a-z])"
)


def _name_after_anonymous_handoff(seq: list[Sentence | Item], k: int) -> tuple[int, speakers.Handoff] | None:
    nxt = next((j for j in range(k + 1, min(k + 3, len(seq))) if isinstance(seq[j], Sentence)), None)
    if nxt is None:
        return None
    sent = seq[nxt]
    assert isinstance(sent, Sentence)
    m = _BYLINE_START.match(sent.text)
    if m is None or not speakers.is_person_name(m.group("n")) or sent.text.islower():
        return None
    head, tail = sent.split_at(m.end())
    if not head.spans or not tail.spans:
        return None
    seq[nxt : nxt + 1] = [head, tail]
    return nxt, speakers.Handoff(m.group("n"), live=False, guest=False)


# A live cross in unpunctuated captions (asr-live-cross.txt): "… we have our Kang Yu-jin on
# the line for us Yu-jin how long will the closures last yes the city says …". The
# correspondent starts at the first answer word after the cue.
_RUN_LIVE = compile_pattern(
    rf"\b(?:we\s+have|we've\s+got|joining\s+us\s+is|let's\s+go\s+to|we\s+go\s+to)\s+our\s+"
    rf"(?P<name>{speakers._NAME_WORD}\s+{speakers._NAME_WORD}|[a-z]+\s+[a-z]+-[a-z]+)\s+"
    r"(?:on\s+the\s+(?:line|phone)|live|in|at|from)\b",
    re.I,
)
_ANSWER_START = compile_pattern(r"\b(?:yes|yeah|well|that's\s+right|thank\s+you|thanks)\b", re.I)
_RUN_LIVE_ANSWER_WORDS = 30  # the answer comes within this many words of the cue


def _split_live_run(seq: list[Sentence | Item]) -> tuple[int, speakers.Handoff] | None:
    """Cut an unpunctuated run at the correspondent's answer after a live cross."""
    for k, x in enumerate(seq[:_RUN_HANDOFF_SENTENCES]):
        if not isinstance(x, Sentence) or x.quote:
            continue
        joined = " ".join(t for _, _, t in x.spans)
        cue = _RUN_LIVE.search(joined)
        if cue is None:
            continue
        window = " ".join(joined[cue.end() :].split()[:_RUN_LIVE_ANSWER_WORDS])
        answer = _ANSWER_START.search(joined, cue.end(), cue.end() + len(window) + 1)
        name = speakers.tidy_name(cue.group("name"))
        if answer is None or not speakers.is_person_name(name):
            continue
        head, tail = x.split_at(answer.start())
        seq[k : k + 1] = [head, tail]
        return k, speakers.Handoff(name, live=False, guest=False)
    return None


# Unpunctuated auto-captions (autocaption-lowercase.txt): at least _UNPUNCTUATED_MIN_WORDS
# words with fewer than one sentence mark per _WORDS_PER_MARK words. A short brief with
# one missing full stop is not caught.
_UNPUNCTUATED_MIN_WORDS = 30
_WORDS_PER_MARK = 40


def _unpunctuated(sentences: list[Sentence]) -> bool:
    """Auto-caption text with (almost) no sentence punctuation (autocaption-lowercase.txt)."""
    words = sum(len(s.text.split()) for s in sentences)
    marks = sum(len(compile_pattern(r"[.?!]").findall(s.text)) for s in sentences)
    return words >= _UNPUNCTUATED_MIN_WORDS and marks * _WORDS_PER_MARK < words


def _resolve(name: str, known: list[str]) -> str:
    """A surname-only mention ("Minister Kang") → the full name met earlier."""
    for full in known:
        parts = full.split()
        if name != full and name in (parts[0], parts[-1]):
            return full
    return name


# Full names a surname-only mention may stand for are looked for in the last
# _KNOWN_NAMES_LOOKBACK narration sentences (a long story's every quote would otherwise
# rescan the whole story).
_KNOWN_NAMES_LOOKBACK = 60
# A pronoun in the cue sentence ("…, she said:") points back at most this many sentences
# for the person it names.
_PRONOUN_LOOKBACK = 4
# With no speech cue, a quote belongs to the subject of one of the last _SUBJECT_LOOKBACK
# narration sentences, if one opens with a person's full name.
_SUBJECT_LOOKBACK = 2


def _attribute_quote(narration: list[str], after: str | None, exclude: set[str]) -> str | None:
    """Who a bare quote belongs to, from the narration around it (fixtures/transcripts/arirang-curly-quotes.txt).

    Only where the text says so: a speech cue in the sentence before the quote
    ("…, he said:", "According to her, …") names the speaker directly or by a pronoun
    that points at the first person named in the sentences before; "That was NAME"
    after the quote names them too. Otherwise None.
    """
    known: list[str] = []
    for sent in narration[-_KNOWN_NAMES_LOOKBACK:]:
        for nm in speakers.find_person_names(sent):
            if " " in nm and nm not in known:
                known.append(nm)

    def names_in(sent: str) -> list[str]:
        resolved = (_resolve(n, known) for n in speakers.find_person_names(sent))
        return [r for r in resolved if r not in exclude]

    if narration:
        last = narration[-1]
        asked = compile_pattern(
            rf"\basked\s+(?:[A-Z][a-z]+\s+)?(?P<n>{speakers._NAME_WORD}(?:\s+{speakers._NAME_WORD})?)"
        ).search(last)
        if asked and speakers.is_person_name(asked.group("n")):
            # "We asked Auditor Jang why Mayor Seo …": the one asked answers (quote-attribution-subject.txt).
            who = _resolve(asked.group("n"), known)
            if who not in exclude and " " in who:
                return who
        if _SPEECH_CUE.search(last) or last.rstrip().endswith(":"):
            direct = names_in(last)
            if direct:
                return direct[0]
            if _PRONOUN.search(last) or compile_pattern(r"\bthe\s+\w+\s*:?\s*$").search(last):
                for sent in reversed(narration[-(_PRONOUN_LOOKBACK + 1) : -1]):
                    found = names_in(sent)
                    if found:
                        return found[0]
    if after:
        m = compile_pattern(rf"^(?:That\s+was|That's|So\s+said|Said)\s+(?P<n>{speakers._NAME})").match(after)
        if m and speakers.is_person_name(m.group("n")):
            return _resolve(m.group("n"), known)
        # '"…" / Kim Ho-jun said the ministry would …': the narration goes on with the
        # speaker's name and a speech verb.
        names = speakers.find_person_names(after)
        verb = compile_pattern(r"^(?:[\w.'’-]+\s+){1,6}?(?:said|says|added|explained|stressed|noted|told)\b").match(
            after
        )
        if names and verb and after.startswith(names[0].split()[0]) and names[0] not in exclude:
            return _resolve(names[0], known)
        # "Ku also said …": a surname met before, then the verb (quote-attribution-subject.txt).
        later = compile_pattern(r"^(?P<n>[A-Z][a-z]+)\s+(?:also|later|then|further)?\s*(?:said|says|added)\b").match(
            after
        )
        if later and (full := _resolve(later.group("n"), known)) != later.group("n") and full not in exclude:
            return full
    for sent in reversed(narration[-_SUBJECT_LOOKBACK:]):
        # No cue at all: the paragraph's subject, "Jang Woo-seok calls the files …", speaks.
        subject_pattern = rf"^(?P<n>{speakers._NAME_WORD}(?:\s+{speakers._NAME_WORD}){{1,2}})\s+[a-z]"
        subject = compile_pattern(subject_pattern).match(sent)
        if subject and subject.group("n") in known and subject.group("n") not in exclude:
            return subject.group("n")
    return None


@value_class
class _Person:
    """A speaker met in a label: a later short label ("ROMANS:") resolves to them."""

    name: str
    role: Role | None
    title: str | None


@dataclass(slots=True, repr=False, eq=False)
class _SegDraft:
    """A segment being gathered: its turn and the (line, col, text) spans said in it."""

    turn: _Turn
    spans: list[tuple[int, int, str]]
    turn_id: int


_FIRST_PERSON = compile_pattern(r"\b(?:I|I'm|I've|I'd|I'll|my|me|mine)\b")
_GREETING_NAME = compile_pattern(
    r"^(?:(?:Hello|Hi|Thanks|Thank you|Yes|Good (?:morning|evening|afternoon)),?\s+)?"
    r"(?P<n>[A-Z][a-z]+)[.,!]"
)
_THANKS = compile_pattern(r"\bthank(?:s| you)\b", re.I)
_VOCATIVE = compile_pattern(r"^(?:[A-Z][\w'-]*\s+){0,3}[A-Z][\w'-]*,\s+(?:tell|what|how|can|could|go|over|please)\b")


# Without labels the anchor's hand-off comes within _HANDOFF_SENTENCES sentences: a lead-in
# is short, and a later "NAME has the latest …" is more likely narration. A hand-off
# phrase nobody knows that names the signing reporter counts only within
# _SIGNED_HANDOFF_SENTENCES.
_HANDOFF_SENTENCES = 8
_SIGNED_HANDOFF_SENTENCES = 5
# A named live cross ("we now connect with our NAME at PLACE") may follow a long lead of
# headlines (live-late-handoff.txt): it is looked for up to _LIVE_HANDOFF_SENTENCES.
_LIVE_HANDOFF_SENTENCES = 20


def _find_handoff(seq: list[Sentence | Item], sign_name: str | None) -> tuple[int, speakers.Handoff] | None:
    """The anchor's hand-off: the first one before any explicit non-anchor turn.

    Without speaker labels it must come within the first _HANDOFF_SENTENCES sentences: an anchor's
    lead-in is short, and a late "NAME has the latest …" is more likely narration.
    """
    labelled = any(isinstance(x, Item) and x.kind in {ItemKind.TAG, ItemKind.LABEL} for x in seq)
    seen = 0
    for k, x in enumerate(seq):
        if isinstance(x, Item) and (
            (x.kind is ItemKind.TAG and x.role not in (None, Role.ANCHOR))
            or (x.kind is ItemKind.LABEL and speakers.role_for_title(x.title or "") is Role.REPORTER)
        ):
            return None
        if isinstance(x, Sentence) and not x.quote:
            seen += 1
            if seen > _LIVE_HANDOFF_SENTENCES and not labelled:
                break
            h = speakers.find_handoff(x.text)
            if h is not None and seen > _HANDOFF_SENTENCES and not labelled and not (h.live and h.name):
                continue  # after a long lead only a named live cross counts (live-late-handoff.txt)
            if h is None and sign_name and sign_name in x.text and seen <= _SIGNED_HANDOFF_SENTENCES:
                # An unknown hand-off phrase that names the signing reporter.
                h = speakers.Handoff(sign_name, live=False, guest=False)
            if h is not None and not h.name:
                return _name_after_anonymous_handoff(seq, k) or (k, h)
            if h is not None:
                return k, h
    sentences = [x for x in seq if isinstance(x, Sentence)]
    if not _unpunctuated(sentences) and not all(s.text.islower() for s in sentences):
        # "Growing reports of job losses …" is a sentence, not a run-on hand-off (false-handoff-words.txt)
        return None
    return _split_live_run(seq) or _split_run_on_handoff(seq)


# A second anchor's "I'm NAME." closes the group of sentences that is theirs: looked for in
# the next _INTRO_LOOKAHEAD items (two-anchor-no-and.txt).
_INTRO_LOOKAHEAD = 3


# A thank-you paragraph in a live two-way is the anchor's only if it is short ("Devin,
# thank you for that update." in live-two-way.txt, "Professor Kim, thank you." in
# studio-interview.txt); a long one is the guest thanking and going on.
_THANKS_MAX_WORDS = 14
# An unquoted vox pop is a short paragraph (a sentence or two) set off by blank lines, and
# only inside a story of at least three paragraphs (narration before and after it).
_VOX_POP_MAX_WORDS = 40
_VOX_POP_MIN_PARAS = 3
# "I'm Christine Romans." (cnn-labels.txt): the name pattern may run on into the next
# words of an unpunctuated caption; a name is at most three words.
_ANCHOR_NAME_MAX_WORDS = 3


@dataclass(slots=True, repr=False, eq=False)
class _StoryFacts:
    """What pass 3 knows about a story before walking it; fixed during the walk."""

    seq: list[Sentence | Item]
    sentences: list[Sentence]
    handoff_at: int | None  # index in ``seq`` of the anchor's hand-off sentence
    handoff: speakers.Handoff | None
    reporter_name: str | None
    guest_name: str | None
    live: bool  # a live two-way or studio interview: turns go by question paragraphs
    labelled: bool  # the story has tags or speaker labels
    paras: dict[int, tuple[int, int]]  # paragraph → (first line, last line)
    blocks: bool  # some line follows another without a blank line between them
    para_order: list[int]  # paragraph numbers in order
    para_pos: dict[int, int]  # paragraph number → its place in para_order
    para_first: dict[int, Sentence]  # each paragraph's first sentence
    para_text: dict[int, str]  # each paragraph's text
    following: list[Sentence | None]  # for each index of seq, the next sentence after it
    qa_list: bool = False  # numbered quoted questions: a Q&A list
    qa_name: str | None = None  # the one person a Q&A list's quotes are attributed to
    qa_title: str | None = None

    @classmethod
    def read(cls, seq: list[Sentence | Item], sign_name: str | None) -> _StoryFacts:
        found = _find_handoff(seq, sign_name)  # may split a run-on caption sentence
        lead_end = None if found else _lead_paragraph_end(seq)
        qa = _qa_facts(seq)
        sentences = [x for x in seq if isinstance(x, Sentence)]
        h = found[1] if found else None
        paras: dict[int, tuple[int, int]] = {}
        para_first: dict[int, Sentence] = {}
        para_parts: dict[int, list[str]] = {}
        for x in sentences:
            first, last = paras.get(x.para, (x.first_line, x.last_line))
            paras[x.para] = (min(first, x.first_line), max(last, x.last_line))
            para_first.setdefault(x.para, x)
            para_parts.setdefault(x.para, []).append(x.text)
        return cls(
            seq=seq,
            sentences=sentences,
            handoff_at=found[0] if found else lead_end,
            handoff=h,
            reporter_name=(h.name or sign_name) if h and not h.guest else sign_name,
            guest_name=h.name if h and h.guest else None,
            live=h is not None and h.live,
            labelled=any(isinstance(x, Item) and x.kind in {ItemKind.TAG, ItemKind.LABEL} for x in seq),
            paras=paras,
            para_order=list(para_first),
            para_pos={p: k for k, p in enumerate(para_first)},
            para_first=para_first,
            para_text={k: " ".join(v) for k, v in para_parts.items()},
            following=_following_sentences(seq),
            qa_list=qa[0],
            qa_name=qa[1],
            qa_title=qa[2],
            blocks=any(b.first_line > a.last_line and not b.after_blank for a, b in itertools.pairwise(sentences)),
        )

    def next_sentence(self, idx: int) -> Sentence | None:
        """The first sentence after ``seq[idx]`` (looked up, not searched)."""
        return self.following[idx] if idx < len(self.following) else None

    def after_handoff(self, idx: int) -> bool:
        return self.handoff_at is not None and idx > self.handoff_at


def _qa_facts(seq: list[Sentence | Item]) -> tuple[bool, str | None, str | None]:
    """A numbered Q&A list: at least two numbered quoted questions (qa-numbered-quotes.txt);
    the person its quotes are attributed to, and their title."""
    questions = [x for x in seq if isinstance(x, Sentence) and x.quote and x.numbered and "?" in x.text]
    if len(questions) < _QA_MIN_QUESTIONS:
        return False, None, None
    tag = next((x for x in seq if isinstance(x, Item) and x.kind is ItemKind.TAG and x.name), None)
    return True, tag.name if tag else None, speakers.tidy_title(tag.title) if tag else None


_QA_MIN_QUESTIONS = 2


def _following_sentences(seq: list[Sentence | Item]) -> list[Sentence | None]:
    out: list[Sentence | None] = [None] * len(seq)
    nxt: Sentence | None = None
    for k in range(len(seq) - 1, -1, -1):
        out[k] = nxt
        if isinstance(seq[k], Sentence):
            nxt = seq[k]  # type: ignore[assignment]
    return out


def _lead_paragraph_end(seq: list[Sentence | Item]) -> int | None:
    """KBS without "[Pkg]" (kbs-untagged-package.txt): a story that opens with "[Anchor Lead]"
    and has no hand-off and no other tag goes to the reporter at its first paragraph break.
    Returns the index of the lead's last sentence."""
    if not seq:
        return None
    tagged = isinstance(seq[0], Item) and seq[0].kind is ItemKind.TAG and seq[0].role is Role.ANCHOR
    if any(isinstance(x, Item) and x.kind in {ItemKind.TAG, ItemKind.CHEVRON} for x in seq[1:]):
        return None
    if not tagged and (isinstance(seq[0], Item) or not _is_untagged_package(seq)):
        return None
    first = next((k for k, x in enumerate(seq) if isinstance(x, Sentence)), None)
    if first is None:
        return None
    para = seq[first].para  # type: ignore[union-attr]
    last = first
    for k in range(first + 1, len(seq)):
        x = seq[k]
        if isinstance(x, Sentence) and x.para == para:
            last = k
        elif isinstance(x, Sentence):
            return last
        else:
            return None  # a label right after the lead: the labels say who speaks
    return None


def _is_untagged_package(seq: list[Sentence | Item]) -> bool:
    """A story with no tags whose labels are all newsmakers with job titles
    (kbs-first-label-newsmaker.txt): a reporter's package under an anchor's lead."""
    labels = [x for x in seq if isinstance(x, Item) and x.kind is ItemKind.LABEL]
    return bool(labels) and all(x.title and speakers.role_for_title(x.title) is None for x in labels)


def _choose_opening_turn(facts: _StoryFacts, sign_name: str | None, garbled: bool = False) -> _Turn:
    """Who speaks first: the anchor, unless a story without markers or hand-off is
    signed (a reporter's package) or is unpunctuated auto-captions (nobody known)."""
    first = facts.seq[0] if facts.seq else None
    if isinstance(first, Item) and first.kind is ItemKind.LABEL and _is_untagged_package(facts.seq):
        # A story that opens on a newsmaker's label (indented-mixed-label.txt) is a package:
        # the narration between the soundbites is the reporter's.
        return _Turn(Role.REPORTER, sign_name)
    if facts.labelled or facts.handoff is not None:
        return _Turn(Role.ANCHOR, None)
    if sign_name and not garbled:
        return _Turn(Role.REPORTER, sign_name)
    if garbled:
        # A caption paste with its sign-off run into the last line (post-report-junk.txt) shows
        # no hand-off: nothing says where the reporter starts, so the opening voice is the anchor's.
        return _Turn(Role.ANCHOR, None)
    if _unpunctuated(facts.sentences):
        return _Turn(Role.UNKNOWN, None)
    return _Turn(Role.ANCHOR, None)  # a single-voice brief is the anchor's (brief-repost.txt)


@dataclass(slots=True, repr=False, eq=False)
class _RoleWalker:
    """The state machine of pass 3: one instance per story.

    ``turn`` is who speaks now; ``open_turn`` starts a new segment even where the next
    sentence has the same speaker as the last one (a label repeated, a soundbite
    between two stretches of narration).
    """

    story: _StoryFacts
    turn: _Turn
    staff: _Turn  # the narration turn a scoped soundbite returns to
    last_staff: Role | None  # the role of the last anchor or reporter turn, if any
    anchor_name: str | None = None
    people: dict[str, _Person] = field(default_factory=dict)  # label keys → who they are
    drafts: list[_SegDraft] = field(default_factory=list)
    turn_id: int = 0
    narration: list[str] = field(default_factory=list)  # the story's narration so far
    pending_lang: str | None = None  # "(Korean)" waiting for its quote
    in_tape: bool = False  # between (BEGIN VIDEO…) and (END VIDEO…)
    squashed: dict[str, str] = field(default_factory=dict)  # "takseorin" → "Tak Seo-rin", from the narration
    names_read: int = 0  # how many narration sentences ``squashed`` has read

    @classmethod
    def start(cls, seq: list[Sentence | Item], signoff: Item | None) -> _RoleWalker:
        sign_name = signoff.name if signoff else None
        story = _StoryFacts.read(seq, sign_name)
        turn = _choose_opening_turn(story, sign_name, garbled=bool(signoff and signoff.meta_kind == "garbled"))
        # With labels, no staff voice is known until one speaks (PBS opens with the host).
        last_staff = None if story.labelled or turn.role is Role.UNKNOWN else turn.role
        return cls(story, turn, turn, last_staff)

    # -- turns

    def open_turn(self, turn: _Turn | None = None) -> None:
        """Start a new segment with the next sentence, spoken by ``turn`` (or the
        current turn's speaker)."""
        self.turn_id += 1
        if turn is not None:
            self.turn = turn

    def switch_turn(self, turn: _Turn) -> None:
        """Hand over to ``turn``; a new segment only if the speaker changes."""
        if turn != self.turn:
            self.open_turn(turn)

    def open_staff_turn(self, turn: _Turn) -> None:
        self.open_turn(turn)
        self.set_staff(turn)

    def set_staff(self, turn: _Turn) -> None:
        self.staff = turn
        self.last_staff = turn.role

    def emit(self, turn: _Turn, sent: Sentence) -> None:
        d = self.drafts[-1] if self.drafts else None
        if d is not None and d.turn_id == self.turn_id and d.turn == turn:
            d.spans.extend(sent.spans)
        else:
            self.drafts.append(_SegDraft(turn, list(sent.spans), self.turn_id))

    def emit_aside(self, turn: _Turn, sent: Sentence) -> None:
        """A sentence of its own voice (a soundbite) inside the current turn."""
        self.open_turn()
        self.emit(turn, sent)
        self.open_turn()

    # -- markers

    def take_marker(self, idx: int, x: Item, prev: Sentence | Item | None) -> None:
        if x.kind is ItemKind.TAPE:
            self.in_tape = bool(x.level)
        elif x.kind is ItemKind.HEADING:
            self.switch_turn(self.staff)  # an agency script's section heading ends a soundbite
        elif x.kind is ItemKind.CHEVRON:
            self.take_chevron(idx)
        elif x.kind is ItemKind.TAG:
            self.take_tag(x)
        elif x.kind is ItemKind.LABEL:
            self.take_label(idx, x, prev)
        elif x.kind is ItemKind.LANG:
            self.pending_lang = x.lang

    def take_chevron(self, idx: int) -> None:
        """ ">>" says only that the speaker changes: after the hand-off, from the anchor to
        the reporter; before any speech, the anchor; after narration that ends on a speech
        cue ("saying, quote, …"), a clip, and after the clip the narrator again
        (site-prompts-chevrons.txt); otherwise nobody known."""
        cue = bool(self.narration) and bool(_SPEECH_CUE.search(self.narration[-1]))
        if self.story.after_handoff(idx) and self.last_staff in (None, Role.ANCHOR):
            self.open_staff_turn(_Turn(Role.REPORTER, self.story.reporter_name))
        elif not self.drafts:
            self.open_staff_turn(_Turn(Role.ANCHOR, None))
        elif self.is_narrating() and cue and self.drafts[-1].turn == self.turn:
            self.open_turn(_Turn(Role.SOUNDBITE, None, chevron=True))
        elif self.turn.chevron and self.last_staff is not None:
            self.open_turn(self.staff)
        else:
            self.open_turn(_Turn(Role.UNKNOWN, None))

    def take_tag(self, x: Item) -> None:
        role = x.role or Role.UNKNOWN
        known = {Role.ANCHOR: self.anchor_name, Role.REPORTER: self.story.reporter_name}.get(role)
        name = x.name or known  # "[Reporter: Kim Min-ji]" names itself
        title = speakers.tidy_title(x.title)
        turn = _Turn(role, name, original_lang=x.lang, explicit=True, scoped=role is Role.SOUNDBITE, title=title)
        if role in (Role.ANCHOR, Role.REPORTER):
            self.open_staff_turn(turn)
        else:
            self.open_turn(turn)

    def take_label(self, idx: int, x: Item, prev: Sentence | Item | None) -> None:
        if isinstance(prev, Item) and prev.kind in {ItemKind.TAG, ItemKind.LANG} and self.turn.scoped:
            # KBS/AP: "[Soundbite] Name(Title) :" names the tagged soundbite.
            title = speakers.tidy_title(x.title) or self.turn.title
            self.turn = replace(self.turn, speaker=x.name, delivery=x.modifiers, explicit=True, title=title)
            nxt = self.story.next_sentence(idx)
            if ":" not in x.text and nxt is not None and _is_narration(nxt.text):
                # "[Soundbite] Name (Title)" with no words: the next line is the reporter's
                # (kbs-soundbite-no-colon.txt); the empty soundbite is not printed.
                self.switch_turn(self.staff)
            return
        if x.role is Role.SOUNDBITE and x.name is None:
            # "CHANTING: Safe wards now!" (cnn-chanting-inline.txt): the crowd, for as long as it chants.
            self.open_turn(_Turn(Role.SOUNDBITE, None, delivery=x.modifiers, explicit=True, chant=True))
            return
        x = self.resolve_run_together(x)
        talks_back = self.is_conversation(idx)
        turn = _label_turn(x, self.people, self.last_staff, self.story.reporter_name, self.anchor_name, self.in_tape)
        if turn.role is Role.INTERVIEWEE and not talks_back and x.title:
            # A newsmaker with a job title, not asked or answering: a recorded soundbite
            # for its paragraph (kbs-untagged-newsmaker.txt, pbs-mixed-affiliation.txt).
            turn = replace(turn, role=Role.SOUNDBITE)
        nxt = self.story.next_sentence(idx)
        if nxt is not None and turn.speaker and re.match(rf"^(?:And\s+)?I'm\s+{re.escape(turn.speaker)}", nxt.text):
            # "TOBIAS RENN: And I'm Tobias Renn." is a co-presenter (caption-bullets.txt).
            turn = replace(turn, role=Role.ANCHOR)
        if turn.role is Role.SOUNDBITE:
            turn = replace(turn, para_scoped=True)
        if turn.role not in (Role.ANCHOR, Role.REPORTER):
            self.open_turn(turn)
            return
        self.open_staff_turn(turn)
        if turn.role is Role.ANCHOR and turn.speaker:
            self.anchor_name = self.anchor_name or turn.speaker

    def is_conversation(self, idx: int) -> bool:
        """A labelled newsmaker is in a conversation (a guest, not a clip) when the anchor's
        last words asked something or the newsmaker's first words answer the anchor."""
        last = self.drafts[-1] if self.drafts else None
        asked = last is not None and last.turn.role is Role.ANCHOR and last.spans[-1][2].rstrip().endswith("?")
        nxt = self.story.next_sentence(idx)
        answers = nxt is not None and bool(
            compile_pattern(r"^(?:thank|thanks|yes|well|good (?:morning|evening|afternoon)|hello|hi)\b", re.I).match(
                nxt.text
            )
        )
        return asked or answers or (last is not None and last.turn.role is Role.INTERVIEWEE)

    def resolve_run_together(self, x: Item) -> Item:
        """A panel label that runs a guest's name together ("[Takseorin]", ytn-panel-brackets.txt)
        is the guest introduced by name earlier."""
        if not x.name or " " in x.name:
            return x
        # Names of the narration read so far, each sentence once (no rescan per label).
        for sent in self.narration[self.names_read :]:
            for found in speakers.find_person_names(sent):
                self.squashed.setdefault(compile_pattern(r"[\W_]").sub("", found).casefold(), found)
        self.names_read = len(self.narration)
        full = self.squashed.get(x.name.casefold())
        if full is None:
            return x
        return Item(x.kind, x.line, x.col, x.text, name=full, title=x.title, modifiers=x.modifiers)

    # -- sentences

    def take_sentence(self, idx: int, sent: Sentence, prev: Sentence | Item | None) -> None:
        if self.turn.scoped and isinstance(prev, Item) and sent.first_line > prev.line + 1:
            # A tag whose answer was dropped ("[Soundbite] Name :" then "……").
            self.switch_turn(self.staff)
        if self.turn.chant and not sent.text.rstrip("\"”’' ").endswith("!"):
            self.switch_turn(self.staff)  # the chant is over (cnn-chanting-inline.txt)
        if self.turn.para_scoped and isinstance(prev, Sentence) and prev.para != sent.para:
            self.switch_turn(self.staff)  # a newsmaker's label speaks for its paragraph
        aside = self.find_aside_turn(idx, sent)
        if aside is None and self.story.live and self.story.after_handoff(idx) and not self.turn.explicit:
            self.take_live_paragraph(sent)
        elif aside is None and self.is_narrating() and self.is_vox_pop(sent):
            aside = _Turn(Role.SOUNDBITE, None)
        if aside is not None:
            self.emit_aside(aside, sent)
        else:
            self.narrate(idx, sent)

    def is_narrating(self) -> bool:
        """The anchor or reporter speaks, as far as the text shows (no label says so)."""
        return self.turn.role in (Role.ANCHOR, Role.REPORTER) and not self.turn.explicit

    def find_aside_turn(self, idx: int, sent: Sentence) -> _Turn | None:
        """The soundbite turn of a sentence that is not the current speaker's: a full-line
        quote, the sentence after a language marker, an untranslated Korean clip."""
        lang, self.pending_lang = self.pending_lang, None
        if sent.quote and self.story.qa_list:
            # A numbered Q&A list (qa-numbered-quotes.txt): numbered questions are the
            # questioner's, the other quotes the answers of the one person named.
            if sent.numbered and sent.text.rstrip("\"”’' ").endswith("?"):
                return _Turn(Role.REPORTER, None)
            return _Turn(Role.INTERVIEWEE, self.story.qa_name, title=self.story.qa_title)
        if sent.quote and not (self.turn.explicit and self.turn.role in (Role.SOUNDBITE, Role.INTERVIEWEE)):
            after = self.story.next_sentence(idx)
            nxt = after.text if after else None
            exclude = {n for n in (self.story.reporter_name, self.anchor_name) if n}
            return _Turn(Role.SOUNDBITE, _attribute_quote(self.narration, nxt, exclude), original_lang=lang)
        if lang and self.turn.role not in (Role.SOUNDBITE, Role.INTERVIEWEE):
            return _Turn(Role.SOUNDBITE, None, original_lang=lang)
        if lang and self.turn.original_lang is None:
            self.turn = replace(self.turn, original_lang=lang)
        if self.is_narrating() and script_lang(sent.text) == "ko" and _mostly_english(self.story.sentences):
            # A Korean sentence inside English narration is an untranslated clip.
            return _Turn(Role.SOUNDBITE, None)
        return None

    def narrate(self, idx: int, sent: Sentence) -> None:
        """The current speaker says ``sent``; what it says may change the next turn."""
        self.open_second_anchor(idx, sent)
        self.emit(self.turn, sent)
        self.narration.append(sent.text)
        self.learn_anchor_name(sent.text)
        if idx == self.story.handoff_at and not self.story.live:
            # The sentence after the hand-off is the reporter's, unless a marker says otherwise.
            turn = _Turn(Role.REPORTER, self.story.reporter_name)
            self.switch_turn(turn)
            self.set_staff(turn)
        if self.turn.scoped and SENTENCE_END.search(sent.text):
            seq = self.story.seq
            following = seq[idx + 1] if idx + 1 < len(seq) else None
            if isinstance(following, Sentence) and following.first_line > sent.last_line:
                self.switch_turn(self.staff)  # a tagged soundbite ends with its line

    def take_live_paragraph(self, sent: Sentence) -> None:
        """Live two-ways and studio interviews without labels (live-two-way.txt, studio-interview.txt): question
        paragraphs and short thank-yous naming the other side are the anchor's; the
        rest is the correspondent's or the guest's."""
        sentences = self.story.sentences
        first_of_para = self.story.para_first[sent.para] is sent
        handoff_sent = self.story.seq[self.story.handoff_at] if self.story.handoff_at is not None else None
        if not first_of_para or (isinstance(handoff_sent, Sentence) and handoff_sent.para == sent.para):
            return
        para_text = self.story.para_text[sent.para]
        other = (self.story.guest_name or self.story.reporter_name or "").split()
        names_other = any(w in para_text for w in other) or compile_pattern(
            r"\b(?:Professor|Doctor|Dr\.|Minister|Ambassador)\b"
        ).search(para_text)
        thanks = (
            _THANKS.search(para_text)
            and len(para_text.split()) <= _THANKS_MAX_WORDS
            and "having me" not in para_text
            and (names_other or sent is sentences[-1])
        )
        if para_text.rstrip().endswith("?") or thanks or _addresses(para_text, other):
            turn = _Turn(Role.ANCHOR, self.anchor_name)
        elif self.story.guest_name is not None:
            turn = _Turn(Role.INTERVIEWEE, self.story.guest_name)
        else:
            turn = _Turn(Role.REPORTER, self.story.reporter_name)
            m = _GREETING_NAME.match(para_text)
            # The reporter greets the anchor by name: "Hello, Aram."
            if self.anchor_name is None and m and speakers.is_person_name(m.group("n")):
                self.anchor_name = m.group("n")
                self.backfill_anchor()
        self.switch_turn(turn)

    def backfill_anchor(self) -> None:
        for d in self.drafts:
            if d.turn.role is Role.ANCHOR and d.turn.speaker is None:
                d.turn = replace(d.turn, speaker=self.anchor_name)

    def is_vox_pop(self, sent: Sentence) -> bool:
        """An unquoted vox pop: a short first-person paragraph set off by blank
        lines inside third-person narration."""
        story = self.story
        order = story.para_order
        pos = story.para_pos.get(sent.para, 0)
        if pos == 0 or len(order) < _VOX_POP_MIN_PARAS:
            return False
        if not story.blocks:
            # Every line stands alone between blank lines (a caption or podcast page,
            # podcast-page-header.txt): a gap says nothing about a change of voice.
            return False
        para_text = story.para_text[sent.para]
        if len(para_text.split()) > _VOX_POP_MAX_WORDS:
            return False
        if (
            compile_pattern(r"\bI'm\s+[A-Z]").search(para_text)
            or _VOCATIVE.match(para_text)
            or compile_pattern(r"\bplease\b", re.I).search(para_text)
        ):
            return False  # a presenter introducing themselves or speaking to someone (vox-pop-misfire.txt)
        gap_before = story.para_first[sent.para].after_blank
        gap_after = pos == len(order) - 1 or story.para_first[order[pos + 1]].after_blank
        return gap_before and gap_after and bool(_FIRST_PERSON.search(para_text))

    def learn_anchor_name(self, text: str) -> None:
        if self.turn.role is not Role.ANCHOR or self.anchor_name is not None:
            return
        lower = text.islower()
        pattern = rf"\b[Ii]'m\s+(?P<n>{speakers._LOWER_NAME if lower else speakers._NAME})"
        m = compile_pattern(pattern).search(text)
        if m:
            # Lower-case captions run the name on ("i'm hana seo and this is …"): two words there.
            words = m.group("n").split()[: 2 if lower else _ANCHOR_NAME_MAX_WORDS]
            name = speakers.tidy_name(" ".join(words))
            if speakers.is_person_name(name):
                self.anchor_name = name
                self.backfill_anchor()
                self.turn = replace(self.turn, speaker=name)

    def open_second_anchor(self, idx: int, sent: Sentence) -> None:
        """Two-anchor openers without labels: "And I'm NAME." (two-anchor-opener.txt) or a
        presenter's own "I'm NAME." (podcast-page-header.txt) starts that anchor's turn; so does
        the sentence after the first anchor's "I'm NAME." when a different "I'm NAME." closes
        the next sentence or two (two-anchor-no-and.txt)."""
        if self.turn.role is not Role.ANCHOR or self.anchor_name is None or self.turn.explicit:
            return
        m = compile_pattern(rf"^(?:(?:And|and)\s+)?I'm\s+(?P<n>{speakers._NAME})\.?$").match(sent.text)
        m = m or compile_pattern(rf"^(?:And|and)\s+I'm\s+(?P<n>{speakers._NAME})").match(sent.text)
        if m and speakers.is_person_name(m.group("n")) and m.group("n") != self.turn.speaker:
            self.switch_turn(_Turn(Role.ANCHOR, m.group("n")))
            return
        following = [y for y in self.story.seq[idx + 1 : idx + 1 + _INTRO_LOOKAHEAD] if isinstance(y, Sentence)]
        prev = self.drafts[-1].spans[-1][2] if self.drafts else ""
        if not re.search(rf"\bI'm\s+{re.escape(self.turn.speaker or self.anchor_name)}\.?$", prev):
            return
        for y in [sent, *following]:
            later = compile_pattern(rf"\bI'm\s+(?P<n>{speakers._NAME})\.?$").search(y.text)
            if later and speakers.is_person_name(later.group("n")) and later.group("n") != self.anchor_name:
                self.switch_turn(_Turn(Role.ANCHOR, later.group("n")))
                return

    def run(self, dropped: list[Item]) -> list[Segment]:
        prev: Sentence | Item | None = None
        for idx, x in enumerate(self.story.seq):
            if isinstance(x, Item):
                if x.text:
                    dropped.append(_as_drop(x))
                self.take_marker(idx, x, prev)
            else:
                self.take_sentence(idx, x, prev)
            prev = x
        return [_segment(d) for d in self.drafts]


def assign_roles(
    body: list[Item], signoff: Item | None, dropped: list[Item], times: dict[tuple[int, int], int] | None = None
) -> list[Segment]:
    """The story's segments; ``times`` maps (line, col) of a text's start to the paste's timestamp."""
    return [_with_times(seg, times or {}) for seg in _RoleWalker.start(build_sentences(body), signoff).run(dropped)]


def _with_times(seg: Segment, times: dict[tuple[int, int], int]) -> Segment:
    found = tuple(SourceTime(p.line, p.col, times[(p.line, p.col)]) for p in seg.pieces if (p.line, p.col) in times)
    return replace(seg, times=found) if found else seg


# The anchor's side of a live cross (live-vocative.txt): the correspondent's given name as a
# vocative ("Ha-eun, bring us up to date."), a cue to begin, or a short line to "you".
_INVITES = compile_pattern(
    r"\b(?:over\s+to\s+you|(?:let's|let\s+us)\s+(?:begin|start)\s+with|bring\s+us\s+up\s+to\s+date|"
    r"what\s+can\s+you\s+tell\s+us|tell\s+us\s+(?:more|what)|good\s+to\s+have\s+you|nice\s+to\s+have\s+you)\b",
    re.I,
)
_ADDRESS_MAX_WORDS = 12


def _addresses(para: str, other: list[str]) -> bool:
    """The anchor speaks to the correspondent, not the correspondent to the audience."""
    names = [w for w in other if len(w) > 1]
    if names and re.match(rf"^(?:{'|'.join(map(re.escape, names))})\s*,", para):
        return True
    if _INVITES.search(para):
        return True
    short = len(para.split()) <= _ADDRESS_MAX_WORDS
    return short and bool(compile_pattern(r"\byou\b", re.I).search(para)) and not _FIRST_PERSON_WORDS.search(para)


def _mostly_english(sentences: list[Sentence]) -> bool:
    en = sum(1 for s in sentences if script_lang(s.text) == "en")
    return en * 2 > len(sentences)


def _label_turn(
    x: Item,
    people: dict[str, _Person],
    last_staff: Role | None,
    reporter_name: str | None,
    anchor_name: str | None,
    in_tape: bool = False,
) -> _Turn:
    """The turn a speaker label opens, resolving short labels to full names ("ROMANS:"
    after "CHRISTINE ROMANS, CNN ANCHOR:" in fixtures/transcripts/cnn-labels.txt)."""
    name = x.name
    role = speakers.role_for_title(x.title or "")
    title = speakers.tidy_title(x.title)
    original = "und" if any("translat" in m.casefold() or "interpret" in m.casefold() for m in x.modifiers) else None
    delivery = tuple(m for m in x.modifiers if not ("translat" in m.casefold() or "interpret" in m.casefold()))
    if compile_pattern(r"q(?:uestion)?").fullmatch((name or "").casefold()):
        return _Turn(Role.ANCHOR, anchor_name, explicit=True)
    if name:
        words = name.split()
        keys = [name.casefold(), words[-1].casefold()]
        if len(words) >= 2:
            keys.append(f"{words[0][0]}. {words[-1]}".casefold())
        known = next((people[k] for k in keys if k in people), None)
        if known is not None and (len(words) == 1 or "." in name or known.name == name):
            name, role, title = known.name, role or known.role, title or known.title
        elif reporter_name and role is None and words[-1] == reporter_name.split()[-1]:
            name, role = reporter_name, Role.REPORTER
        elif anchor_name and role is None and words[-1] == anchor_name.split()[-1]:
            name, role = anchor_name, Role.ANCHOR
        if role is None and last_staff is None and not x.title:
            # The first voice of a labelled show with no titles (PBS "Judy Woodruff:")
            # is its presenter; one with a job title is a newsmaker (kbs-first-label-newsmaker.txt).
            role = Role.ANCHOR
        full = name.split()
        for key in (name.casefold(), full[-1].casefold(), f"{full[0][0]}. {full[-1]}".casefold()):
            if key not in people or people[key].role is None:
                people[key] = _Person(name, role, title)
    if role is None:
        # A newsmaker: recorded inside a package, a guest in a studio conversation.
        role = Role.INTERVIEWEE if last_staff is Role.ANCHOR and not in_tape else Role.SOUNDBITE
    return _Turn(role, name, original_lang=original, delivery=delivery, explicit=True, title=title)


def _as_drop(x: Item) -> Item:
    reason = {
        ItemKind.CHEVRON: DropReason.SPEAKER_LABEL,
        ItemKind.TAG: DropReason.SPEAKER_LABEL,
        ItemKind.LABEL: DropReason.SPEAKER_LABEL,
        ItemKind.LANG: DropReason.LANGUAGE_MARKER,
    }.get(x.kind, DropReason.PAGE_CHROME)
    return Item(ItemKind.DROP, x.line, x.col, x.text, reason=reason)


def _segment(d: _SegDraft) -> Segment:
    pieces: list[Piece] = []
    for line, col, text in d.spans:
        pieces.append(Piece(line, col, text))
    text = join_pieces([p.text for p in pieces])
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
        speaker_title=d.turn.title,
    )
