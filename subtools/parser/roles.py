"""Pass 3 of the parser: who speaks each sentence of a story.

A small state machine per story: the anchor until the hand-off, then the reporter;
labels and tags override; full-line quotes are soundbites attributed from the narration
around them; live two-ways and studio interviews go by question paragraphs.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from subtools.language import detect_lang, script_lang
from subtools.model import DropReason, Piece, Role, Segment
from subtools.parser import speakers
from subtools.parser.lines import QUOTE_CLOSE, SENT_END, Item, join_pieces, trim

__all__ = ["assign_roles"]

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


@dataclass(slots=True, repr=False, eq=False)
class _Sentence:
    spans: list[tuple[int, int, str]]  # (line, col, text)
    para: int
    quote: bool = False

    @property
    def text(self) -> str:
        return join_pieces([t for _, _, t in self.spans])

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
                head = trim(text[:k])[1]
                offset, tail = trim(text[k:])
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
                if joined[-1:] in QUOTE_CLOSE and len(joined) > 2 and j >= i:
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
            or (it.line_start and bool(SENT_END.search(prev.text)))
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
            offset, stripped = trim(it.text[a:b])
            if not stripped:
                continue
            col = it.col + a + offset
            if current is None or a > 0:
                current = _Sentence([], para)
                out.append(current)
            current.spans.append((it.line, col, stripped))
        if SENT_END.search(it.text):
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
    """The anchor's hand-off: the first one before any explicit non-anchor turn.

    Without speaker labels it must come within the first eight sentences: an anchor's
    lead-in is short, and a late "NAME has the latest …" is more likely narration.
    """
    labelled = any(isinstance(x, Item) and x.kind in {"tag", "label"} for x in seq)
    seen = 0
    for k, x in enumerate(seq):
        if isinstance(x, Item) and (
            (x.kind == "tag" and x.role not in (None, Role.ANCHOR))
            or (x.kind == "label" and speakers.role_for_title(x.title or "") is Role.REPORTER)
        ):
            return None
        if isinstance(x, _Sentence) and not x.quote:
            seen += 1
            if seen > 8 and not labelled:
                break
            h = speakers.find_handoff(x.text)
            if h is None and sign_name and sign_name in x.text and seen <= 5:
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
        self.pending_lang: str | None = None  # "(Korean)" waiting for its quote
        self.in_tape = False  # between (BEGIN VIDEO…) and (END VIDEO…)
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

    def marker(self, idx: int, x: Item, prev: _Sentence | Item | None) -> None:
        if x.kind == "tape":
            self.in_tape = bool(x.level)
            return
        if x.kind in {"chevron", "heading"}:
            if x.kind == "heading":
                self.new_turn(self.staff)
                return
            turn = _Turn(Role.UNKNOWN, None)
            after_handoff = self.handoff_at is not None and idx > self.handoff_at
            if after_handoff and self.last_staff in (None, Role.ANCHOR):
                turn = _Turn(Role.REPORTER, self.reporter_name)
                self.set_staff(turn)
            elif not self.drafts:
                turn = _Turn(Role.ANCHOR, None)
            self.turn_id += 1
            self.turn = turn
        elif x.kind == "tag":
            role = x.role or Role.UNKNOWN
            known = {Role.ANCHOR: self.anchor_name, Role.REPORTER: self.reporter_name}.get(role)
            name = x.name or known  # "[Reporter: Kim Min-ji]" names itself
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
            turn = _label_turn(x, self.people, self.last_staff, self.reporter_name, self.anchor_name, self.in_tape)
            self.turn_id += 1
            self.turn = turn
            if turn.role in (Role.ANCHOR, Role.REPORTER):
                self.set_staff(turn)
                if turn.role is Role.ANCHOR and turn.speaker:
                    self.anchor_name = self.anchor_name or turn.speaker
        elif x.kind == "lang":
            self.pending_lang = x.lang

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
        self.second_anchor(sent)
        self.emit(self.turn, sent)
        self.narration.append(text)
        self.learn_anchor_name(text)
        if idx == self.handoff_at and not self.live:
            # The sentence after the hand-off is the reporter's, unless a marker says otherwise.
            turn = _Turn(Role.REPORTER, self.reporter_name)
            self.new_turn(turn)
            self.set_staff(turn)
        if self.turn.scoped and SENT_END.search(text):
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

    def second_anchor(self, sent: _Sentence) -> None:
        """Two-anchor openers without labels (§10): "And I'm NAME." starts the second
        anchor's turn."""
        if self.turn.role is not Role.ANCHOR or self.anchor_name is None or self.turn.explicit:
            return
        m = re.match(rf"^(?:And|and)\s+I'm\s+(?P<n>{speakers._NAME})", sent.text)
        if m and speakers.is_person_name(m.group("n")) and m.group("n") != self.turn.speaker:
            self.new_turn(_Turn(Role.ANCHOR, m.group("n")))

    def run(self, dropped: list[Item]) -> list[Segment]:
        prev: _Sentence | Item | None = None
        for idx, x in enumerate(self.seq):
            if isinstance(x, Item):
                if x.text:
                    dropped.append(_as_drop(x))
                self.marker(idx, x, prev)
            else:
                self.sentence(idx, x, prev)
            prev = x
        return [_segment(d) for d in self.drafts]


def assign_roles(body: list[Item], signoff: Item | None, dropped: list[Item]) -> list[Segment]:
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
    in_tape: bool = False,
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
        role = Role.INTERVIEWEE if last_staff is Role.ANCHOR and not in_tape else Role.SOUNDBITE
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
    )
