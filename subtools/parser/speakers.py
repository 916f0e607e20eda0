"""Who speaks: speaker tags and labels, hand-offs, sign-offs and person names.

Patterns follow the shapes of the fixtures under ``fixtures/transcripts/``. Each one is anchored
to a line start, a sentence start or a sentence end, and each person name it yields
passes ``is_person_name``, so a source credit ("CBS News reports.") or a place
("North Korea has more missiles") is not taken for a speaker.
"""

from __future__ import annotations

import re

from subtools.language import DISCOURSE_WORDS, HARD_WRAP_WORDS
from subtools.model import Role
from subtools.startup.patterns import compile_pattern
from subtools.startup.records import value_class

__all__ = [
    "SOUND_LABEL_WORDS",
    "Handoff",
    "Label",
    "Signoff",
    "find_handoff",
    "find_person_names",
    "is_korean_name",
    "is_person_name",
    "match_signoff",
    "parse_label",
    "role_for_title",
    "split_garbled_signoff",
    "tag_role",
    "tidy_name",
    "tidy_title",
]

KOREAN_SURNAMES = frozenset(
    "lee kim park choi jung jeong kang cho yoon yun jang lim im han oh seo shin kwon hwang ahn an song yoo yu "
    "hong jeon ko moon yang son bae baek heo nam shim sim noh roh ha kwak sung seong cha joo ju woo koo gu min "
    "ryu yoo na jin ji eom chae won cheon bang gong hyun ham byun yeom yeo chu do seok sun seol ma gil yeon pyo "
    "myung ki ban ra wang geum ok yook maeng je mo tak eun rhee yi chung chang choe chun pak lyu suh koh hahn "
    "cheong kyung".split()
)
# Words that never belong to a person's name in these transcripts: places, outlets,
# institutions, pronouns, calendar words. Keeps "North Korea has more…", "Yonhap
# reports…", "CBS News reports." (a source credit, tests/test_speakers.py) from becoming speakers.
_NOT_NAME = frozenset(
    form
    for w in (
        "Korea Korean Koreas North South Seoul Busan Incheon Washington Pyongyang Tokyo Beijing China Chinese "
        "Japan Japanese Russia Russian Moscow Europe European America American U.S. US USA UK U.K. UN EU NATO "
        "United States Nations Kingdom Peninsula Asia Pacific President Minister Ministry Government Police "
        "Court Assembly Party House Blue Council News Agency Yonhap Reuters AP CNN KBS Arirang YTN SBS MBC JTBC "
        "TBS eFM NPR PBS BBC VOA ABC CBS NBC Fox NHK Bank Group Company Inc Corp Samsung Hyundai Apple Google "
        "Team Committee Office Department Army Military Forces Coast Guard Olympics Festival It This That These "
        "Those He She They We I You The A An Our Their His Her Its My Today Tomorrow Yesterday Monday Tuesday "
        "Wednesday Thursday Friday Saturday Sunday January February March April May June July August September "
        "October November December Meanwhile However But And Also So Now Here There Then Still Yet Well Yes No "
        "Thank Thanks Good Hello Hi Welcome Morning Evening Night Weather Sports Business World Secretary State "
        "Foreign Affairs Defense Unification Finance Trade Health Education National Central Democratic "
        "People's Republic Republican Democrats Republicans Senate Congress Parliament Cabinet Presidential "
        "Office Union Federation Association University Institute Center Centre Hospital School Station Airport "
        "Stock Exchange Kospi Kosdaq Won Dollar Yen Covid COVID-19 Coronavirus Omicron Christmas Chuseok "
        "Seollal Lunar Year Day Week Month Time Times Post Journal Herald Daily Report Reports Story Video "
        "Photo Update Breaking Live Special Opinion Editorial Weekly Professor Prof. Dr. Mr. Mrs. Ms. "
        "Correspondent Reporter Anchor Host Chairman Spokesperson Spokesman Spokeswoman Ambassador Envoy "
        "Lawmaker Senator Governor Mayor Director Leader Chief Commissioner General Premier Chancellor Vice "
        "Deputy Officials Official Joining Joined According Despite After Before During While Since Following "
        "Prime Speaking Former Acting Interim First Lady Crown Supreme Top Senior Junior".split()
    )
    for form in (w.casefold(), w.strip(".").casefold())
)
_TITLE_WORDS = (
    r"(?:Minister|President|Secretary|Spokesperson|Spokesman|Spokeswoman|Professor|Prof\.|"
    r"Chairman|Chairwoman|Chair|Ambassador|Envoy|Lawmaker|Representative|Rep\.|Senator|Sen\.|"
    r"Governor|Gov\.|Mayor|Director|Leader|Chief|CEO|Official|Analyst|Researcher|Expert|"
    r"Commissioner|General|Gen\.|Mr\.|Ms\.|Mrs\.|Dr\.|Premier|Chancellor|Prime Minister|"
    r"Vice|Deputy|Speaker|Justice|Judge|Prosecutor|Correspondent|Reporter|Anchor|Coach|"
    r"Head|Head Coach|Manager|Captain|Officer|Commander|Admiral|Lt\.|Col\.|Sgt\.|Pastor|"
    r"Father|Bishop|Cardinal|Pope|King|Queen|Prince|Princess|Emperor|Chairperson|Founder|"
    r"Resident|Student|Citizen|Activist|Economist|Scientist|Doctor|Nurse|Teacher|Lawyer)"
)
_NAME_WORD = r"[A-Z][a-z'’]*(?:[A-Z][a-z'’]+)?(?:-[A-Za-z][a-z'’]*)*"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
_NAME_RE = compile_pattern(rf"\b{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,6}}\b")
_LOWER_NAME = r"[a-z][a-z'’]*(?:-[a-z][a-z'’]*)*(?:\s+[a-z][a-z'’]*(?:-[a-z][a-z'’]*)*){1,2}"


def tidy_name(name: str) -> str:
    """Title-case a name written in capitals or lower case, keep mixed case as given.

    >>> tidy_name("CHRISTINE ROMANS"), tidy_name("kim eun-sun"), tidy_name("McDonald")
    ('Christine Romans', 'Kim Eun-sun', 'McDonald')
    """
    name = " ".join(name.split()).strip(" ,.:;")
    if name.isupper() or name.islower():
        parts = []
        for word in name.split(" "):
            # Korean given names keep their second syllable in lower case: Eun-sun.
            parts.append(word[:1].upper() + word[1:].lower())
        name = " ".join(parts)
    return name


# Short words a job title keeps in lower case when it is written in capitals.
_TITLE_LOWER = frozenset("of for the and in on at to with from de".split())
# Initials a job title in capitals keeps: outlets and institutions ("CNN ANCHOR").
_TITLE_INITIALS = frozenset(
    "CNN BBC ABC CBS NBC NPR PBS KBS YTN SBS MBC JTBC TBS VOA NHK DW AP UN EU US USA UK NATO CEO CFO IMF WHO "
    "FBI CIA GOP EFM".split()
)
# NPR's "BYLINE" says only that the speaker is the reporter: no title for a name super.
_NOT_TITLES = frozenset({"byline"})


def tidy_title(title: str | None) -> str | None:
    """A label's job title for a name super: capitals become Title Case, but initials keep
    theirs; mixed case is kept as given; a date in brackets is left out (a KBS label's
    "(Feb. 17)", kbs-world-tags.txt), and a title that is only a date is None.

    >>> tidy_title("CNN ANCHOR"), tidy_title("(R), NEVADA"), tidy_title("Director, Port Policy Bureau")
    ('CNN Anchor', '(R), Nevada', 'Director, Port Policy Bureau')
    """
    if title is None:
        return None
    title = " ".join(title.split()).strip(" ,:;")
    title = compile_pattern(r"\s*\((?:[^()]*\d[^()]*)\)$").sub("", title)
    if (
        not title
        or not compile_pattern(r"[^\W\d]").search(title)
        or _looks_date(title)
        or title.casefold() in _NOT_TITLES
    ):
        return None
    if not title.isupper():
        return title
    words = []
    for k, word in enumerate(title.split(" ")):
        bare = word.strip("(),.;:")
        if bare in _TITLE_INITIALS or "." in bare or len(bare) <= 1 or not bare.isalpha():
            words.append(word)
        elif k > 0 and bare.casefold() in _TITLE_LOWER:
            words.append(word.lower())
        else:
            lead = len(word) - len(word.lstrip("(\"'"))
            words.append(word[: lead + 1] + word[lead + 1 :].lower())
    return " ".join(words)


def _looks_date(text: str) -> bool:
    return bool(compile_pattern(r"[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d[\d./-]*").fullmatch(text))


# A person's name is at most four words: Korean names are two or three ("Lee Ji-won",
# "Kim Eun Sun"), and a longer capitalised run is a title or an institution ("Minister of
# Trade, Industry and Energy" in ytn-bracket.txt).
_NAME_MAX_WORDS = 4


def is_person_name(name: str) -> bool:
    """True when ``name`` can be a person's name (1-4 capitalised words, none a place,
    institution or pronoun).

    >>> is_person_name("Lee Ji-won"), is_person_name("CBS News"), is_person_name("North Korea")
    (True, False, False)
    """
    words = name.replace("’", "'").split()
    if not 1 <= len(words) <= _NAME_MAX_WORDS:
        return False
    for word in words:
        bare = word.strip(".,")
        if bare.casefold() in _NOT_NAME or bare.removesuffix("'s").casefold() in _NOT_NAME:
            return False
        if not bare[:1].isupper() or not any(ch.isalpha() for ch in bare):
            return False
        if len(bare) == 1 and not word.endswith("."):
            return False  # "U.S." splits into "U" and "S"; an initial keeps its dot
    return True


def is_korean_name(name: str) -> bool:
    """A Korean name in Hangul: two to four syllables ("한지민", "남궁민수").

    >>> is_korean_name("한지민"), is_korean_name("서울시 교통정책과장")
    (True, False)
    """
    return bool(compile_pattern(r"[가-힣]{2,4}").fullmatch(name.strip()))


def find_person_names(sentence: str) -> list[str]:
    """Person names in a sentence, in order of mention.

    A name is accepted when its shape says so: a Korean name (``Kang Kyung-wha``,
    ``Lee Do-hoon``: a known surname, or a hyphenated given name), a name after a title
    word (``Secretary of State Mike Pompeo``, ``Minister Kang``), or a name right before
    a speech verb (``Smith said``). Lone capitalised words elsewhere are too often
    places or sentence starts.

    >>> find_person_names("South Korea's foreign minister Kang Kyung-wha met with U.S. "
    ...                   "Secretary of State Mike Pompeo on Thursday.")
    ['Kang Kyung-wha', 'Mike Pompeo']
    """
    found: list[tuple[int, str]] = []
    for m in _NAME_RE.finditer(sentence):
        words = m.group(0).split()
        # Trim leading non-name words ("Secretary of State Mike" → handled by the title
        # rule below; "Minister Kang" → "Kang").
        while words and not is_person_name(words[0]):
            words.pop(0)
        while words and not is_person_name(words[-1]):
            words.pop()
        if not words:
            continue
        name = " ".join(words)
        start = m.start() + m.group(0).index(words[0])
        before = sentence[:start].rstrip()
        after = sentence[start + len(name) :]
        korean = words[0].casefold() in KOREAN_SURNAMES and len(words) >= 2
        hyphenated = len(words) >= 2 and "-" in words[-1]
        titled = bool(compile_pattern(rf"{_TITLE_WORDS}(?:\s+(?:of|for)(?:\s+[A-Z][\w.]*)+)?$", re.I).search(before))
        speech = bool(
            compile_pattern(r"^,?\s+(?:said|says|told|tells|added|adds|stressed|noted|explained)").match(after)
        )
        if korean or hyphenated or titled or (speech and len(words) >= 1):
            if not is_person_name(name):
                continue
            found.append((start, name))
    return [name for _, name in sorted(found)]


# ----------------------------------------------------------------------------- tags

_TAG_ROLES: dict[str, Role] = {}
for _words, _role in (
    (
        "anchor|anchor lead|anchorlead|anchor intro|anchor closing|anchor outro|anchor comment|"
        "closing|lead|intro|host|presenter|studio|q|question|interviewer|앵커|앵커 멘트|앵커멘트",
        Role.ANCHOR,
    ),
    (
        "pkg|package|reporter|report|narrator|narration|standup|stand up|stand-up|correspondent|"
        "vo|voice over|weather caster|weathercaster|caster|meteorological caster|기자|리포트|"
        "기자 리포트|기자리포트",
        Role.REPORTER,
    ),
    (
        "soundbite|sound bite|sot|interview|vox pop|voxpop|bite|인터뷰|녹취|싱크",
        Role.SOUNDBITE,
    ),
    ("a|answer|guest|interviewee", Role.INTERVIEWEE),
):
    for _w in _words.split("|"):
        _TAG_ROLES[_w] = _role


def tag_role(tag: str) -> Role | None:
    """The role a bracket tag names (``[Anchor Lead]``, ``[Pkg]``, ``<Weather Caster>``).

    >>> tag_role("Anchor Lead"), tag_role("Pkg"), tag_role("sic")
    (<Role.ANCHOR: 'anchor'>, <Role.REPORTER: 'reporter'>, None)
    """
    key = " ".join(compile_pattern(r"[^\w\s-]").sub(" ", tag).split()).casefold()
    return _TAG_ROLES.get(key)


def role_for_title(title: str) -> Role | None:
    """Role from a label's job title: ``CNN ANCHOR`` → anchor, ``CORRESPONDENT`` → reporter."""
    t = title.casefold()
    if compile_pattern(r"\b(?:anchor|host|co-host|presenter|moderator|newsreader|anchorwoman)\b").search(t):
        return Role.ANCHOR
    if compile_pattern(r"\b(?:correspondent|reporter|byline|contributor|producer)\b").search(t):
        return Role.REPORTER
    # The channel's own weather presenter or analyst ("CNN METEOROLOGIST",
    # cnn-politician-labels.txt) is staff, not a guest.
    if compile_pattern(r"\b(?:meteorologist|weather\s+(?:presenter|forecaster|caster|anchor)|forecaster)\b").search(t):
        return Role.REPORTER
    return None


# ----------------------------------------------------------------------------- labels


@value_class
class Label:
    """A speaker label found at ``start:end`` of a text (the colon included)."""

    start: int
    end: int
    name: str | None
    title: str | None
    modifiers: tuple[str, ...]


_CAPS_WORD = r"(?:[A-Z][A-Z'’.\-]*|Mc[A-Z]+|[A-Z]\.)"
# PBS gives a capitals name a mixed-case affiliation: ``HELENA VOSS, Nutrition Researcher:``,
# ``IVAN DROSS, Mayor of Eastfield (through interpreter):`` (pbs-mixed-affiliation.txt).
_MIXED_TITLE = r"[A-Z][\w'’.&\-]*(?:(?:\s+|\s*,\s*)(?:[A-Z][\w'’.&\-]*|of|for|the|and|at|in|on|de)){0,7}"
# ``NAME, CNN ANCHOR (voice-over):``, ``ROMANS:``, ``S. NAME:`` (cnn-labels.txt). Capitals only.
# A politician's party comes in brackets after the name: ``GOV. ELENA VARGAS (R), ARIZONA:``,
# ``REP. ANNA BELL (D-OR):`` (cnn-politician-labels.txt); it belongs to the title.
_CAPS_LABEL = compile_pattern(
    rf"(?P<name>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,4}})(?P<party>\s*\((?:[RDI]|[RDI]-[A-Z]{{2}})\))?"
    rf"(?:,\s*(?P<title>[A-Z][A-Z0-9'’.&\-]*(?:[ ,]+[A-Z0-9][A-Z0-9'’.&\-]*){{0,7}}|{_MIXED_TITLE}))?"
    rf"(?P<mods>(?:\s*\([^()]{{1,40}}\))*)\s*:(?=\s|$)"
)
# PBS/KBS mixed case at a line start: ``Judy Woodruff:``, ``Kim Min-su(Professor) :``.
_MIXED_LABEL = compile_pattern(
    rf"(?:[•·*\-]\s*)?(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
    rf"(?:,\s*(?P<title>[^:()]{{2,60}}?))?"
    rf"(?P<mods>(?:\s*\((?:[^()]|\([^()]*\)){{1,80}}\))*)\s*:(?=\s|$)"
)
_NOT_LABEL_CAPS = frozenset(
    "NOTE UPDATE EDITOR'S BREAKING SOUNDBITE SOT VO IN OUT DUR SHOTLIST STORYLINE DATELINE RESTRICTIONS LENGTH "
    "TIME SOURCE PHOTO VIDEO TRANSCRIPT SHOW AIRED HEADLINE TOPIC TAGS WARNING ALERT CAPTION GRAPHIC TEXT TITLE "
    "NAT SOUND NATS UPSOT TRT TC TIP".split()
)
# A crowd's cue as a label, "CHANTING: Safe wards now!" (cnn-chanting-inline.txt): a soundbite
# with no name, not a person called Chanting.
SOUND_LABEL_WORDS = frozenset("CHANTING SINGING SHOUTING CHEERING CHANTS CHANT".split())


def _mods(raw: str) -> tuple[str, ...]:
    return tuple(m.strip() for m in compile_pattern(r"\(((?:[^()]|\([^()]*\))*)\)").findall(raw) if m.strip())


def _strip_honorific(name: str) -> str:
    """``GOV. ELENA VARGAS`` → ``ELENA VARGAS``: an abbreviated office before the name is not
    part of it (cnn-politician-labels.txt); an initial ("S. CHO") is."""
    words = name.split()
    if len(words) > 1 and compile_pattern(r"[A-Za-z]{2,5}\.").fullmatch(words[0]):
        return " ".join(words[1:])
    return name


def parse_label(text: str, pos: int = 0, *, mixed_case: bool = False) -> Label | None:
    """A speaker label starting exactly at ``text[pos:]``, or None.

    >>> lab = parse_label("CHRISTINE ROMANS, CNN ANCHOR (voice-over): Good morning.")
    >>> lab.name, lab.title, lab.modifiers
    ('Christine Romans', 'CNN ANCHOR', ('voice-over',))
    """
    m = _CAPS_LABEL.match(text, pos)
    if m:
        name = m.group("name")
        words = name.replace(".", " ").split()
        if (
            not any(len(w) > 1 for w in words)
            or name.strip(". ") in _NOT_LABEL_CAPS
            or any(w in _NOT_LABEL_CAPS for w in words)
        ):
            m = None
    if m and m.group("title") and not m.group("title").isupper() and not is_person_name(tidy_name(m.group("name"))):
        m = None  # a dateline, "SEOUL, South Korea:", not a speaker
    if m is None and mixed_case:
        m = _MIXED_LABEL.match(text, pos)
        if m and not (is_person_name(m.group("name")) or m.group("mods")):
            m = None
        if m and m.group("name").casefold() in DISCOURSE_WORDS:
            m = None
    if m is None:
        return None
    name = _strip_honorific(m.group("name").strip())
    title = (m.group("title") or "").strip() or None
    if m.re is _CAPS_LABEL and m.group("party"):
        title = ", ".join(p for p in (m.group("party").strip(), title) if p)
    mods = _mods(m.group("mods") or "")
    # A KBS label's parenthesis holds the job title: ``Kim Min-su(Professor) :``.
    if m.re is not _CAPS_LABEL and mods and title is None:
        title = mods[0]
        mods = mods[1:]
    # The name of an unnamed speaker is not a name (UNIDENTIFIED MALE, CROWD).
    if name.split()[-1] in SOUND_LABEL_WORDS or compile_pattern(
        r"^(?:UNIDENTIFIED|UNKNOWN|MAN|WOMAN|MALE|FEMALE|CROWD|GROUP|VOICE|PROTESTERS)\b", re.I
    ).match(name):
        shown: str | None = None
    else:
        shown = tidy_name(name)
    return Label(m.start(), m.end(), shown, title, mods)


# ----------------------------------------------------------------------------- hand-offs


@value_class
class Handoff:
    """An anchor's sentence handing over to a reporter (or a guest)."""

    name: str
    live: bool  # a live two-way or interview follows, not a package
    guest: bool  # the named person is a guest (interviewee), not a reporter


_HANDOFF_TAIL = (
    r"(?:has|have|brings|gives|takes|tells|walks|fills|starts|picks|looks|explains|reports|"
    r"filed|files|was|is|joins|digs|sums|breaks)\b"
)
# What follows a reporter's name in a hand-off to a package. "has" needs a news object
# ("has the latest", "has more", "has this report"): "Kim Jong-un has the final say" is
# narration, not a hand-off.
_PACKAGE_VERB = compile_pattern(
    r"^(?:has|have)\s+(?:more|details|further\s+details|the\s+details|"
    r"(?:the|this|our|today's|tonight's|that|this\s+morning's|all\s+the)\s+(?:\w+\s+)?"
    r"(?:latest|details|story|report|update|exclusive|scoop|highlights|lowdown|breakdown|rest|more)|"
    r"(?:a|an)\s+(?:\w+\s+)?(?:report|look|update|story|preview|round-?up|wrap|explainer))\b|"
    r"^reports(?:\s+(?:from|on|in)\b[^.?!]*)?[.!]?\s*$|^reports\s+(?:from|on)\b|"
    r"^(?:explains|starts\s+us\s+off|gives\s+us|takes\s+(?:a|us)|tells\s+us|walks\s+us|"
    r"fills\s+us|picks\s+up|looks\s+(?:at|into|back)|filed\s+(?:this|the|our)|files|"
    r"was\s+(?:there|at\s+the)|brings\s+us|digs|sums|breaks\s+(?:it|down)|finds\s+out|"
    r"has\s+been\s+following|went\s+to\s+see|takes\s+over|"
    # "Anna Borg / has been to the harbor …", "… Tomas Vik / begins our coverage." (handoff-phrasings.txt)
    r"has\s+been\s+to|(?:begins|starts|opens|leads)\s+(?:our|this|the)\s+(?:coverage|report)|"
    r"leads\s+us\s+off|kicks\s+(?:us|things)\s+off)\b",
    re.I,
)
_LIVE_VERB = compile_pattern(
    r"^(?:joins\s+us|is\s+(?:live|standing\s+by|on\s+the\s+(?:line|phone)|with\s+us|"
    r"in\s+the\s+studio|here))\b",
    re.I,
)
# "[A-Z]{2,}'s" is an outlet's possessive ("CNN's"), in capitals only: "People's Forum" is not
# one (false-handoff-words.txt).
_BEFORE_NAME = compile_pattern(
    # "…, as VOA's NAME reports." (voa-tv-script.txt)
    r"(?:^|\b(?:our|correspondent|reporter|colleague|as|(?-i:[A-Z]{2,})'s)\s+|"
    r"^(?:here's|here\s+is|(?:let's|let\s+us|we)\s+(?:now\s+)?(?:go|turn|cross|head|connect)\s+"
    r"(?:\w+\s+){0,2}?(?:to|over\s+to|with)|over\s+to|(?:let's|let\s+us)\s+bring\s+in|"
    # "Let's get the latest from our NAME in PLACE" (live-handoff-forms.txt)
    r"(?:let's|let\s+us)\s+get\s+(?:\w+\s+){0,3}?from|"
    r"joining\s+us(?:\s+now)?\s+(?:is|from\s+\w+\s+is)|"
    r"we're\s+joined\s+by|with\s+us\s+(?:now\s+)?is)\s+(?:our\s+)?(?:\w+\s+)?"
    r"(?:(?:correspondent|reporter|colleague|professor|prof\.|dr\.|analyst)\s+)?)$",
    re.I,
)
_GUEST_CUE = compile_pattern(
    r"^(?:joining\s+us|we're\s+joined\s+by|with\s+us)\b|\b(?:professor|prof\.|dr\.|analyst|"
    r"expert|researcher|fellow)\s*$",
    re.I,
)
_LIVE_CUE = compile_pattern(
    r"^(?:let's\s+go|let\s+us\s+go|we\s+go|over\s+to|let's\s+cross|we\s+(?:now\s+)?connect|"
    r"(?:let's|let\s+us)\s+(?:bring\s+in|get\b))",
    re.I,
)


# A hand-off's lead-in and verb sit within a few words of the name. In a "sentence" longer
# than _LONG_SENTENCE (a pasted block with no full stop, base64 noise: tests/test_fuzz.py)
# each candidate sees only _WINDOW characters (_WINDOW_WORDS words) either side, so the cost
# stays linear; ordinary sentences see all of it.
_LONG_SENTENCE = 2000
_WINDOW = 300
_WINDOW_WORDS = 40


def _name_candidates(s: str) -> list[tuple[str, str, str]]:
    """``(name, text before, text after)`` for every possible name in a sentence."""
    long = len(s) > _LONG_SENTENCE
    out: list[tuple[str, str, str]] = []
    if s.islower():
        # Auto-captions in lower case: the name is the two words before the verb when
        # the given name is hyphenated ("kim eun-sun has"), else two or three.
        tokens = [(m.start(), m.group()) for m in compile_pattern(r"\S+").finditer(s)]
        for i, (start, _) in enumerate(tokens):
            for n in (2, 3):
                if i < n:
                    continue
                words = [w for _, w in tokens[i - n : i]]
                if n == 3 and ("-" in words[-1] or words[0] not in KOREAN_SURNAMES):
                    continue
                lo = max(0, i - n - _WINDOW_WORDS) if long else 0
                before = ("… " if lo else "") + " ".join(w for _, w in tokens[lo : i - n])
                after = s[start : start + _WINDOW] if long else s[start:]
                out.append((" ".join(words), before + (" " if before else ""), after))
        return out
    for m in compile_pattern(_NAME).finditer(s):
        words = m.group(0).split()
        lo = max(0, m.start() - _WINDOW) if long else 0
        before = ("… " if lo else "") + s[lo : m.start()]
        while len(words) > 1 and not is_person_name(words[0]):
            before += words.pop(0) + " "
        out.append((" ".join(words), before, s[m.end() : m.end() + _WINDOW] if long else s[m.end() :]))
    return out


_OUTLET_WORDS = r"(?:Arirang|Yonhap|Reuters|Bloomberg|Al\s+Jazeera|Sky|Channel\s+\w+)"
_TWO_REPORTERS = compile_pattern(
    rf"\b[Oo]ur\s+(?:\w+\s+)?(?:reporters|correspondents)\s+(?P<a>{_NAME})\s+and\s+(?P<b>{_NAME})\s+"
    r"(?:are|join|have\s+been)\b"
)
# A hand-off that names nobody: "But first, a story about a bakery." (podcast-page-header.txt),
# "Here is a report from …".
_ANON_HANDOFF = compile_pattern(
    r"^(?:but\s+)?first,?\s+(?:a|this|our)\s+(?:story|report|look)\b|"
    r"^(?:here\s+is|here's)\s+(?:a|the|this|our)\s+(?:report|story)\b",
    re.I,
)


# Korean hand-offs: "김민지 기자가 보도합니다", "김민지 기자입니다", "현장에 나가 있는 김민지 기자 연결합니다".
_KOREAN_HANDOFF = compile_pattern(
    r"(?P<name>[가-힣]{2,4})\s*(?:기자|특파원)(?:가|의|를|와|입니다|\s*(?P<live>연결))?\s*"
    r"(?:보도|전해|전합|취재|정리|알아|짚어|들어|입니다|\.|$|연결|나와|이야기)"
)


def find_handoff(sentence: str) -> Handoff | None:
    """The hand-off in a sentence, if it is one (cases in tests/test_speakers.py).

    >>> find_handoff("Lee Ji-won has the latest in coordination and talks between the allies.")
    Handoff(name='Lee Ji-won', live=False, guest=False)
    >>> find_handoff("CBS News reports.") is None, find_handoff("Yonhap reports that it rained.")
    (True, None)
    >>> find_handoff("kim eun-sun has this report.")
    Handoff(name='Kim Eun-sun', live=False, guest=False)
    """
    korean = _KOREAN_HANDOFF.search(sentence)
    if korean:
        return Handoff(korean.group("name"), live=bool(korean.group("live")), guest=False)
    # An outlet's possessive before the name is not part of it: "CNN's Kylie Atwood",
    # "Arirang's Moon ye-jin" (handoff-phrasings.txt).
    s = compile_pattern(rf"\b(?:[A-Z]{{2,}}|{_OUTLET_WORDS})['’]s\s+").sub("", sentence.strip())
    # A Korean given name left in lower case after its surname: "Moon ye-jin".
    s = compile_pattern(r"\b([A-Z][a-z]+)\s+([a-z]+-[a-z]+)\b").sub(
        lambda m: f"{m.group(1)} {m.group(2).capitalize()}" if m.group(1).casefold() in KOREAN_SURNAMES else m.group(0),
        s,
    )
    if pair := _TWO_REPORTERS.search(s):
        # "Our reporters Song Ha-eun and Jo Tae-min are in Andong": a live two-way, the first named speaks first.
        return Handoff(pair.group("a"), live=True, guest=False)
    if _ANON_HANDOFF.match(s):
        return Handoff("", live=False, guest=False)
    for name, before, after in _name_candidates(s):
        after = compile_pattern(r"^\([^)]*\)\s*").sub("", after.lstrip(" ,"))
        shown = tidy_name(name)
        if not is_person_name(shown):
            continue
        if not _BEFORE_NAME.search(before) and not compile_pattern(r"[.:;]\s*$|^\s*$").search(before):
            continue
        if _PACKAGE_VERB.match(after):
            return Handoff(shown, live=False, guest=False)
        if _LIVE_VERB.match(after):
            return Handoff(shown, live=True, guest=bool(_GUEST_CUE.search(before)))
        # The lead-in ends at the name, within one clause: "Tonight we have two guests, NAME, a
        # lawyer for … Forum of …" is not a hand-off to "Forum" (false-handoff-words.txt).
        lead = compile_pattern(
            r"(?:^|\b)(here's(?:\s+our)?|here\s+is(?:\s+our)?|let's\b[^,;]*|let\s+us\b[^,;]*|we\b[^,;]*|"
            r"we're\b[^,;]*|over\s+to|joining\b[^,;]*|with\s+us\b[^,;]*)$",
            re.I,
        ).search(before.rstrip())
        if lead and compile_pattern(r"^(?:with|for|and|of|from|at|in|\.|,|$|who|reporting)", re.I).match(after):
            return Handoff(
                shown,
                live=bool(_LIVE_CUE.search(lead.group(1))) or bool(_GUEST_CUE.search(lead.group(1))),
                guest=bool(_GUEST_CUE.search(lead.group(1))),
            )
    return None


# ----------------------------------------------------------------------------- sign-offs


@value_class
class Signoff:
    """A sign-off's reporter name and outlet, either of which may be missing."""

    name: str | None
    outlet: str | None


# International broadcasters sign off by name too: "NAME, Al Jazeera, Ferrara.", "NAME, DW,
# Bonn." (intl-signoffs.txt).
_OUTLET = (
    r"(?:(?:[A-Za-z][\w.&'-]*\s+){0,3}(?:News|Radio|TV|Television|NewsHour|Network|World(?:\s+Radio)?)|"
    r"CNN|BBC|KBS|YTN|VOA|NPR|AP|Reuters|Yonhap|Arirang|SBS|MBC|JTBC|TBS(?:\s+eFM)?|eFM|NHK|"
    r"Al\s+Jazeera|DW|Deutsche\s+Welle|France\s+24|Euronews|ABC|CBC|RNZ|CNA|Channel\s+News\s+Asia)"
)
_SIGNOFF_LINE = compile_pattern(
    rf"^(?:(?:I'm|This\s+is)\s+)?(?P<name>{_NAME})\s*,\s*(?:reporting\s+for\s+|for\s+)?"
    rf"(?P<outlet>{_OUTLET})(?:\s*,\s*[A-Z][\w. ]{{1,30}})?\s*\.?$"
)
_SIGNOFF_FOR = compile_pattern(
    rf"^(?:For\s+(?P<outlet1>{_OUTLET}),?\s+I'm\s+(?P<name1>{_NAME})|"
    rf"(?P<name2>{_NAME})\s+reporting\s+for\s+(?P<outlet2>{_OUTLET})(?:\s+in\s+[A-Z][\w ]+)?)\s*\.?$"
)
_SIGNOFF_KO = compile_pattern(
    r"^(?P<outlet>(?:[A-Z]{2,}|[가-힣]{2,6})(?:\s*뉴스)?)\s+(?P<name>[가-힣]{2,4})(?:\s*기자)?입니다\.?$"
)
_SIGNOFF_CASTER = compile_pattern(r"^\((?:Meteorological|Weather)\s+Caster\s+(?P<name>[^)]+)\)$", re.I)
_GARBLED_TAIL = compile_pattern(
    r"(?P<name>(?:[A-Za-z][\w'’-]*\s+){1,2}[A-Za-z][\w'’-]*)\s*,?\s+"
    r"(?P<outlet>arirang|kbs|ytn|tbs|efm|sbs|mbc|jtbc|yonhap)\s+news\.?$",
    re.I,
)
# Any outlet in lower-case captions: "… six weeks noah park metro news" (autocaption-anchor-intro.txt).
# The outlet is one word before "news" ("metro news"); two only if one gives no name.
_GARBLED_TAIL_LOWER = tuple(
    compile_pattern(rf"(?P<name>[a-z][a-z'’-]*\s+[a-z][a-z'’-]*)\s+(?P<outlet>{outlet})\s+news$")
    for outlet in (r"[a-z]{2,}", r"[a-z]{2,}\s+[a-z]{2,}")
)


def match_signoff(line: str) -> Signoff | None:
    """A whole line that is a reporter's sign-off (cases in tests/test_speakers.py).

    >>> match_signoff("Lee Ji-won, Arirang News.")
    Signoff(name='Lee Ji-won', outlet='Arirang News')
    >>> match_signoff("That's Korea for you.") is None
    True
    """
    s = " ".join(line.split())
    m = _SIGNOFF_LINE.match(s)
    if m and is_person_name(m.group("name")):
        return Signoff(tidy_name(m.group("name")), m.group("outlet"))
    m = _SIGNOFF_FOR.match(s)
    if m:
        name = m.group("name1") or m.group("name2")
        if is_person_name(name):
            return Signoff(tidy_name(name), m.group("outlet1") or m.group("outlet2"))
    m = _SIGNOFF_KO.match(s)
    if m:
        return Signoff(m.group("name"), m.group("outlet"))
    m = _SIGNOFF_CASTER.match(s)
    if m:
        return Signoff(tidy_name(m.group("name")), None)
    return None


# A run-on sign-off is a short tail (a name of up to three words, an outlet, "news"): the
# patterns look only at a line's last characters, so a 2 MB line without spaces costs one
# scan, not one per start position (tests/test_fuzz.py, long-line-2mb and base64-30mb).
_TAIL_WINDOW = 300


def _tail_start(line: str) -> int:
    return max(0, len(line) - _TAIL_WINDOW)


def _split_lower_signoff(line: str) -> tuple[str, Signoff, str] | None:
    trimmed = line.rstrip(" .")
    for pattern in _GARBLED_TAIL_LOWER:
        m = pattern.search(trimmed, _tail_start(trimmed))
        if not m or m.start() == 0:
            continue
        name, outlet = tidy_name(m.group("name")), m.group("outlet")
        if not is_person_name(name) or any(w in HARD_WRAP_WORDS or w in DISCOURSE_WORDS for w in outlet.split()):
            continue
        return line[: m.start()], Signoff(name, tidy_name(outlet) + " News"), line[m.start() :]
    return None


def split_garbled_signoff(line: str) -> tuple[str, Signoff, str] | None:
    """Auto-captions run the sign-off into the last line: ``… lee ji-won arirang news``.

    Returns ``(narration, signoff, signoff_text)``; the name is the last two words
    when the given name is hyphenated, else the last three when they start with a
    Korean surname, else the last two.
    """
    if not line.rstrip(" .").lower().endswith("news"):
        return None  # every sign-off pattern ends in "news"
    m = _GARBLED_TAIL.search(line, _tail_start(line))
    if (not m or m.start() == 0) and line.islower():
        return _split_lower_signoff(line)
    if not m or m.start() == 0:
        return None
    words = m.group("name").split()
    if "-" in words[-1] or len(words) < 3 or words[0].casefold() not in KOREAN_SURNAMES:
        words = words[-2:]
    name = " ".join(words)
    cut = m.start("name") + m.group("name").rindex(name) if name in m.group("name") else m.start()
    head = line[:cut]
    if not head.strip():
        return None
    outlet = tidy_name(m.group("outlet")) + " News"
    if m.group("outlet").casefold() in {"kbs", "ytn", "tbs", "sbs", "mbc", "jtbc"}:
        outlet = m.group("outlet").upper() + " News"
    return head, Signoff(tidy_name(name), outlet), line[cut:]
