"""Line-level patterns: page chrome, metadata, timestamps, non-speech cues and artefacts.

Each pattern names the transcript shape that needed it, with a fixture under
``fixtures/transcripts/`` where one shows it. They are deliberately anchored to whole lines, or to the start or
end of a line, so that ordinary narration never matches them by accident.
"""

from __future__ import annotations

import re
import unicodedata

from subtools.language import hangul_count
from subtools.startup.patterns import compile_pattern

__all__ = [
    "chrome_reason",
    "is_artefact",
    "is_breadcrumb",
    "is_encoded_data",
    "is_end_of_page",
    "is_site_prompt",
    "is_transcript_marker",
    "metadata_kind",
    "split_leading_timestamp",
    "split_trailing_artefact",
    "split_trailing_metadata",
    "timestamp_ms",
]

_TS = r"(?:\d{1,2})?:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# Timestamps on their own line (``00:00:04``, ``0:12.9``, ``[00:01:02]``).
_TIMESTAMP_LINE = compile_pattern(rf"^[\[(•·>\s]*(?:{_TS}\.?\s*(?:-->|-|–|>)?\s*)+[\])]?$")
# Timestamps glued to the front of caption text: ``:00:00. > :00:09. text``
# (fixtures/transcripts/autocaption-lowercase.txt).
_LEADING_TS = compile_pattern(rf"^(?:[\[(>\s]*{_TS}[\])]?\.?\s*(?:-->|>|-)?\s*)+(?=\S)")

_CHROME_EXACT = frozenset(
    s.casefold()
    for s in (
        # Arirang / video pages (fixtures/transcripts/arirang-lee-ji-won.txt)
        "Recommended",
        "Other Stories",
        "arirang mobile",
        "Share This Video",
        "Share",
        "Download",
        "Report",
        "RELATED VIDEOS",
        "Related Videos",
        "Related Articles",
        "Related Stories",
        "More Stories",
        "Most Viewed",
        "Latest News",
        "Top Stories",
        "Editor's Picks",
        "Embed",
        "Save",
        "Like",
        "Dislike",
        "Reply",
        "Comments",
        "Comment",
        "Show more",
        "Show less",
        "Read more",
        "Watch",
        "Watch Video",
        "Play",
        "Pause",
        "Up next",
        "Autoplay",
        "Subscribe",
        "Subscribed",
        "Transcript",
        "Video",
        "Photo",
        "Print",
        "Email",
        "E-mail",
        "Facebook",
        "Twitter",
        "KakaoTalk",
        "Kakao",
        "Naver",
        "Copy link",
        "Copy URL",
        "Close",
        "Menu",
        "Home",
        "Search",
        "Log in",
        "Login",
        "Sign in",
        "Sign up",
        "Next",
        "Previous",
        "Prev",
        "Next story",
        "Previous story",
        "Back to top",
        "Top",
        "Advertisement",
        "AD",
        "Loading...",
        "Skip to content",
        "Accept",
        "Accept all",
        "Reject all",
        "Cookie settings",
        "Privacy Policy",
        "Terms of Use",
        "Terms of Service",
        "Contact Us",
        "About Us",
        "Newsletter",
        # repost sites (fixtures/transcripts/brief-repost.txt)
        "Source Link",
        "Leave a Reply",
        "Cancel reply",
        "Post Comment",
        "Website",
        "Name",
        "Name *",
        "Email *",
        "Tags",
        "Categories",
        "Uncategorized",
        "Like this:",
        "Share this:",
        "Loading…",
        "Related",
        "Posted in",
        "You may also like",
        # newsletter and edition prompts around a video page's transcript (site-prompts-chevrons.txt)
        "US Edition",
        "Intl. Edition",
        "International Edition",
        "More Info",
        "Replay Program",
        "Replay",
        # an annotation widget above a rundown (rundown-title-fields.txt): "Tip:", its close "X"
        "Tip",
        "X",
        "×",
        # an archive item's player block (archive-item-header.txt)
        "Audio Preview",
        "Share or Embed This Item",
        "Audio",
        # Korean page furniture (fixtures/transcripts/arirang-video-page.txt)
        "동영상 고정 취소",
        "동영상 고정",
        "고정 취소",
        "공유하기",
        "공유",
        "댓글",
        "좋아요",
        "구독",
        "구독하기",
        "인쇄",
        "프린트",
        "스크랩",
        "닫기",
        "기사 저장",
        "글자 크기",
        "글자크기",
        "관련 기사",
        "관련기사",
        "많이 본 뉴스",
        "이전 기사",
        "다음 기사",
        "정치",
        "경제",
        "사회",
        "국제",
        "문화",
        "스포츠",
        "연예",
        "생활",
        "북한",
        "전국",
        "사설",
        "오피니언",
        "날씨",
        "뉴스",
        "속보",
        "단독",
        "전체",
        "최신",
        "인기",
        "영상",
        "포토",
        "라이프",
        "기획",
        "광고",
        "[광고]",
        "국제 뉴스",
        "정치 뉴스",
        "사회 뉴스",
        "경제 뉴스",
        "북한 뉴스",
        "전체 뉴스",
        "뉴스 홈",
        "이 시각 주요뉴스",
    )
)

# Prefixes that only page furniture starts with (share buttons, subscriber counts, cookie
# notices, copyright lines).
_CHROME_PREFIX = compile_pattern(
    r"^(?:[\d.,]+\s*[KM만천]?\s*(?:subscribers|구독자)|구독자\s*[\d.,]+|좋아요\s*[\d,]+|댓글\s*[\d,]+|"
    r"Your email address will not be published|Required fields are marked|"
    r"Return to Transcripts|Copyright\b|©|ⓒ|All rights reserved|"
    r"Sign up for|Subscribe to|Follow us|Click here|Read more:|Tags?:|Filed under|"
    r"Posted by|Posted in|We use cookies|This (?:site|website) uses cookies|"
    r"By continuing to|Get the latest|Enter your email|Thank you for subscribing|"
    r"Source Link:|Source:\s*https?://|https?://|www\.|Share on|Related:|"
    r"Download the|Watch the full|Watch more|For more (?:news|stories|videos)|"
    r"Like us on|Find us on|Stay informed|Photo\s*:|Photo credit|\[Photo|<Photo|■|"
    r"입력\s*:?\s*\d|수정\s*:?\s*\d{4}|읽어주기|무단\s*전재|재배포\s*금지|"
    r"기사 원문|다른 기사|이 기사를|글씨\s*크기|글자\s*크기|많이 본|"
    # newsletter prompts (site-prompts-chevrons.txt): "Thanks for signing up!", "COMING UP: …"
    r"Thanks for signing up|Coming up\s*:|"
    # an archive search's status line (ap-flat-record.txt)
    r"(?:Searching|Loading)\b.{0,40}(?:please\s+wait|\.\.\.|…)$|"
    # a video page's "This video is unavailable" notice above the title (transcript-marker-header.txt)
    r"(?:This|The)\s+video\s+(?:is\s+)?(?:not\s+|un)available)",
    re.IGNORECASE,
)
# Empty or e-mail-only bylines are not sign-offs: ``Reporter :``, ``Reporter : a@b``.
_EMPTY_BYLINE = compile_pattern(
    r"^(?:Reporter|Editor|Writer|Producer|Photographer|Camera|Edited by|By|기자|영상편집|"
    r"촬영기자|편집)\s*:?\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?\s*$",
    re.IGNORECASE,
)
# Editor initials under a story (``ed: mi, mark`` in fixtures/transcripts/brief-repost.txt).
_EDITOR_INITIALS = compile_pattern(r"^ed\s*:\s*[a-z]{1,10}(?:\s*,\s*[a-z]{1,10})*\.?$", re.IGNORECASE)
# Listing furniture: hash-like ids and video ids (letters and digits mixed, no spaces).
_HASH_ID = compile_pattern(r"^(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{8,64}$")
# Encoded data pasted with a page (a data: URI's base64, a script's token, a long hash): one
# unbroken run of 40+ base64/URL-safe characters mixing letters and digits. No word of any
# language is that long without a space, and a parse of 30 MB of base64 (tests/test_fuzz.py)
# must not read it as 400,000 lines of speech.
_ENCODED_MIN_CHARS = 40
_ENCODED = compile_pattern(r"^(?=[A-Za-z0-9+/=_-]*\d)(?=[A-Za-z0-9+/=_-]*[A-Za-z])[A-Za-z0-9+/=_-]+$")
_VIEWS = compile_pattern(
    r"^(?:Views?\s*:?\s*[\d,.]+[KM]?|[\d,.]+[KM]?\s+(?:views?|조회)|조회수\s*[\d,.]+\s*[만천]?\s*회)"
    r"(?:\s*[•·]?\s*(?:\d{4}\.\s*\d{1,2}\.\s*\d{1,2}\.?|\d+\s*\w+\s+ago))?$",
    re.I,
)
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"  # month names
# "21/04/2014", "09/14/21" (day or month first) count as dates too (transcript-marker-header.txt).
_DATE = (
    rf"(?:\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|"
    rf"\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}}))"
)
# The head of an "outlet plus date" line is an outlet's name ("Arirang News 2018-05-21"):
# a known broadcaster or a name ending in News/TV/Radio. Any other text before a date is a
# title that ends in a date ("Harbor Hour full episode March 9, 2021", title-ends-in-date.txt).
_OUTLET_HEAD = (
    r"(?:[A-Za-z][\w.&'-]*\s+){0,3}(?:News|TV|Radio|Television|World|Daily|Times|Herald|NewsHour)|"
    r"Arirang|KBS|YTN|TBS|eFM|SBS|MBC|JTBC|CNN|NPR|PBS|BBC|VOA|Reuters|AP|Yonhap|NHK|DW|ABC|Sky"
)
_METADATA_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # ``  • 5 years ago``, ``6 years ago`` (the date line of
    # fixtures/transcripts/arirang-lee-ji-won.txt)
    (
        "date",
        compile_pattern(
            r"^[•·\-*\s]*(?:\d+|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\.?$",
            re.I,
        ),
    ),
    (
        "date",
        compile_pattern(
            r"^[•·\-*\s]*(?:Published|Posted|Updated|Uploaded|Aired|First Aired|Last Updated|"
            r"Edited|Broadcast|Date|Input|Released|Streamed live|Originally published)\b\s*(?:on|:)?\s*.*\d.*$",
            re.I,
        ),
    ),
    ("date", compile_pattern(rf"^[•·\-*\s]*{_DATE}\b[\s\d:,.APMKSTET()-]*$", re.I)),
    # YouTube's Korean date "2019. 3. 4." and "Premiered …" lines
    ("date", compile_pattern(r"^\d{4}\.\s*\d{1,2}\.\s*\d{1,2}\.?$")),
    ("date", compile_pattern(r"^(?:Premiered|Streamed live on|최초 공개)\b.*\d.*$", re.I)),
    # ``Arirang News 2018-05-21`` (outlet plus date)
    ("date", compile_pattern(rf"^(?:{_OUTLET_HEAD})\s+{_DATE}[\s\d:]*$", re.I)),
    # A listing's air time, "4:12 pm" (npr-station-listing.txt).
    ("time", compile_pattern(r"^\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?|[AP]M)(?:\s+[A-Z]{2,4})?$", re.I)),
    # A video's "duration | date" line: "1:48 | 09/14/21" (transcript-marker-header.txt).
    ("date", compile_pattern(rf"^\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*[|•·]\s*{_DATE}$", re.I)),
    # A rundown page's "(THIS IS THE TRANSCRIPT FOR <outlet> THAT AIRED ON <date>…)" line
    # (rundown-title-fields.txt).
    ("transcript-status", compile_pattern(r"^\(?\s*THIS IS THE TRANSCRIPT\b.*$", re.I)),
    # A show slot in capitals with its air time, "NIGHTLINE 21:00" (rundown-title-fields.txt).
    ("programme", compile_pattern(r"^[A-Z][A-Z0-9'&.]*(?:\s+[A-Z0-9][A-Z0-9'&.]*){0,4}\s+\d{1,2}:\d{2}$")),
    # A closing credit block (site-prompts-chevrons.txt): "Video sourced from …",
    # "Translated by …", "Edited by …".
    (
        "credit",
        compile_pattern(
            r"^(?:(?:Video|Audio|Footage|Photos?|Images?)\s+(?:sourced|provided|produced|supplied|courtesy)\b|"
            r"(?:Translated|Edited|Produced|Filmed|Written|Subtitled|Captioned)\s+by\b).{1,100}$",
            re.I,
        ),
    ),
    ("date", compile_pattern(r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+.*\d{4}.{0,20}$", re.I)),
    ("views", _VIEWS),
    ("transcript-status", compile_pattern(r"^(?:THIS IS A )?RUSH TRANSCRIPT\b.*$", re.I)),
    (
        "transcript-status",
        compile_pattern(r"^(?:THIS COPY MAY NOT BE IN ITS FINAL FORM|SHOW:|TRANSCRIPT:).*$"),
    ),
    # A channel name alone is a page header, not a sign-off
    # ("Arirang News" in fixtures/transcripts/brief-repost.txt).
    (
        "outlet",
        compile_pattern(
            r"^(?:Arirang(?: News| TV)?|KBS(?: World)?(?: Radio)?(?: News)?|YTN|TBS(?: eFM)?|eFM|"
            r"SBS(?: News)?|MBC(?: News)?|JTBC|JoongAng(?: Daily)?|CNN|NPR|PBS NewsHour|"
            r"PBS|BBC(?: News)?|VOA|Reuters|ABC News|AP|Yonhap(?: News)?)\.?$",
            re.I,
        ),
    ),
    # The same in Hangul, bracketed or not: "아리랑 뉴스", "[KBS 뉴스9]", "연합뉴스TV".
    (
        "outlet",
        compile_pattern(
            r"^[\[(<]?\s*(?:아리랑|KBS|MBC|SBS|YTN|JTBC|TBS|MBN|채널A|TV조선|연합뉴스|연합)?\s*"
            r"(?:뉴스|뉴스\s*9|뉴스데스크|8\s*뉴스|뉴스룸|TV|라디오|월드|투데이)?\s*(?:TV)?\s*[\])>]?$"
        ),
    ),
    # A Korean byline: "김민지 기자", "워싱턴 김민지 특파원", "기자 김민지".
    (
        "byline",
        compile_pattern(r"^(?:[가-힣]{2,5}\s+)?[가-힣]{2,4}\s*(?:기자|특파원|앵커)$|^(?:기자|앵커)\s+[가-힣]{2,4}$"),
    ),
)
_TRAILING_METADATA = compile_pattern(
    r"(?P<meta>(?:\s{2,}|\t+|\s+[|•·]\s*)(?:(?:Updated|Published|Posted|Aired|Input|Edited)\b\s*:?.*\d.*|"
    r"(?:\d+|an?)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\.?))$",
    re.I,
)
# Non-speech cues: whole bracketed lines in capitals or sound words ("(BEGIN VIDEOTAPE)"
# in fixtures/transcripts/cnn-labels.txt).
_SOUND_WORDS = (
    r"music|applause|laughter|laughs|laughing|crosstalk|inaudible|unintelligible|"
    r"silence|cheering|cheers|chanting|singing|sirens?|gunfire|explosion|noise|"
    r"commercial break|break|natural sound|nat sound|nats|ambient sound|"
    r"begin video ?tape|end video ?tape|begin video clip|end video clip|"
    r"begin audio clip|end audio clip|video clip|videotape|sot|end|intro music"
)
_CUE_MARKER = compile_pattern(
    rf"^(?:\((?:[A-Z][A-Z ,'&/.-]{{2,}}|(?i:{_SOUND_WORDS}))\)|"
    rf"\[(?:[A-Z][A-Z ,'&/.-]{{2,}}|(?i:{_SOUND_WORDS}))\]|"
    rf"♪+.*|\[\[.*\]\])$"
)
_SOUND_LABEL = compile_pattern(
    r"^(?:CROWD |PROTESTERS |CROWDS )?(?:CHANTING|SINGING|CHEERING|APPLAUSE|LAUGHTER|"
    r"SHOUTING|SCREAMING|CROSSTALK)\s*(?:\([^)]*\))?\s*:"
)
_ARTEFACT_WORDS = compile_pattern(r"\b(?:Korean|English|Japanese|Chinese)\b", re.I)
_TRAILING_ARTEFACT = compile_pattern(r"(?<=[\"”’])(?P<tail>(?:\s*[,.;]\s*)+|\s*\((?:[A-Za-z]+\s*/?\s*)?\)?\.?)$")
# Words that end the transcript on a scraped page: everything after them is the page's
# sidebar, comments or unrelated text ("Recommended" in
# fixtures/transcripts/arirang-lee-ji-won.txt).
_END_OF_PAGE = frozenset(
    s.casefold()
    for s in (
        "Recommended",
        "Other Stories",
        "RELATED VIDEOS",
        "Related Videos",
        "Related Articles",
        "Related Stories",
        "More Stories",
        "Leave a Reply",
        "Comments",
        "You may also like",
        "Most Viewed",
        "More from this show",
        "Return to Transcripts main page",
        "관련 기사",
        "관련기사",
        "많이 본 뉴스",
    )
)


def _key(text: str) -> str:
    return " ".join(text.split()).strip(" :").casefold()


def is_end_of_page(text: str) -> bool:
    """A sidebar heading after which a scraped page holds no more transcript.

    >>> is_end_of_page("Recommended"), is_end_of_page("Recommended reading list for")
    (True, False)
    """
    key = _key(text)
    return key in _END_OF_PAGE or bool(compile_pattern(r"\d+\s+comments?").fullmatch(key))


def _only_symbols(text: str) -> bool:
    """Emoji lines and decorative rules ("👍👍👍" in brief-repost.txt): no letter or digit at all."""
    return not any(unicodedata.category(ch)[0] in "LN" for ch in text) and any(
        unicodedata.category(ch) == "So" for ch in text
    )


# A font-size widget "+ A" / "A -" on a page's first line (site-prompts-chevrons.txt).
_FONT_WIDGET = compile_pattern(r"^(?:[+\-−]\s*A|A\s*[+\-−])(?:\s+(?:[+\-−]\s*A|A\s*[+\-−]))*$")
# A disclaimer "* This script may differ from the broadcast" (ytn-panel-brackets.txt): starts
# with an asterisk and speaks of the script or transcript, not of the news.
_DISCLAIMER = compile_pattern(r"^\*\s+.*\b(?:script|transcript|captions?)\b.*\b(?:air|aired|broadcast|cit\w*)\b", re.I)
# Player chrome: an image's alt text ("Image placeholder"), a line ending in "Play video"
# (caption-bullets.txt, chrome-above-title.txt).
_PLAYER = compile_pattern(
    r"^(?:(?:image|photo|video|thumbnail|picture)(?:\s+(?:placeholder|thumbnail|player|unavailable))?|"
    r"(?:[\w'-]+\s+){0,2}logo|"
    r".{0,60}[·|•-]\s*(?:Play|Watch)\s+(?:video|now))$",
    re.I,
)
# Breadcrumbs above a title: two to five single category words separated by commas or
# arrows ("Stories, Blog", "News > World" in chrome-above-title.txt).
_BREADCRUMB = compile_pattern(r"^[A-Z][\w&'-]*(?:\s*[,>»/|]\s*[A-Z][\w&'-]*){1,4}$")
# Markers after which the transcript proper starts ("Video Transcript", "Transcript for
# <title>", "Closed captions transcript:", "Read the Full Transcript", "Download Subtitles",
# a "tap a timestamp" hint): transcript-marker-header.txt, podcast-page-header.txt.
_TRANSCRIPT_MARKER = compile_pattern(
    r"^(?:(?:video|full|show|episode|audio|interactive|closed[- ]captions?|captions?)\s+)?transcript"
    r"(?:\s+for\b.*)?\s*:?$|^read\s+the\s+(?:full\s+)?transcript\.?$|^download\s+(?:subtitles|captions|"
    r"(?:the\s+)?transcript)\.?$|^(?:tap|click|select)\s+(?:on\s+)?(?:a|any)\s+(?:timestamp|line|word)\b.*$",
    re.I,
)
# Newsletter and video prompts before a transcript (site-prompts-chevrons.txt): short lines
# that speak to the reader about the site, never about the news. Only looked for before
# the first spoken line (``before_speech``).
_SITE_PROMPT = compile_pattern(
    r"\b(?:newsletter|inbox|briefing in|sign(?:ing|ed)?\s+up|subscribe|enjoy\s+the\s+(?:video|show|episode)|"
    r"short\s+on\s+time|great\s+choice|log\s+in|logged\s+in|ratings?\b|reviews?\b)",
    re.I,
)
_SITE_PROMPT_MAX_CHARS = 70


def is_transcript_marker(text: str) -> bool:
    """A line saying the transcript starts here ("Video Transcript", "Transcript for …").

    >>> is_transcript_marker("Video Transcript"), is_transcript_marker("Transcript of the day's news said")
    (True, False)
    """
    return bool(_TRANSCRIPT_MARKER.match(" ".join(text.split())))


def is_breadcrumb(text: str) -> bool:
    """Category words above a title ("Stories, Blog"); looked for only before the first spoken line.

    >>> is_breadcrumb("News, World"), is_breadcrumb("Moon, Trump agree to talk")
    (True, False)
    """
    return bool(_BREADCRUMB.match(text.strip()))


def is_site_prompt(text: str) -> bool:
    """A short newsletter or video prompt line above the transcript ("Short on time?").

    >>> is_site_prompt("Get our evening digest in your inbox."), is_site_prompt("Prices rose again.")
    (True, False)
    """
    return len(text) <= _SITE_PROMPT_MAX_CHARS and bool(_SITE_PROMPT.search(text))


def is_encoded_data(text: str) -> bool:
    """A stripped line that is encoded data (base64, a token, a hash), never speech.

    >>> is_encoded_data("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"), is_encoded_data("Seoul")
    (True, False)
    """
    return len(text) >= _ENCODED_MIN_CHARS and _ENCODED.match(text) is not None


def chrome_reason(text: str) -> str | None:
    """``"page-chrome"``, ``"timestamp"`` or ``"cue-marker"`` for a whole line, else None."""
    s = text.strip()
    key = _key(s)
    if _TIMESTAMP_LINE.match(s):
        return "timestamp"
    if _CUE_MARKER.match(s) or _SOUND_LABEL.match(s):
        return "cue-marker"
    if key in _CHROME_EXACT or compile_pattern(r"\d+\s+comments?").fullmatch(key):
        return "page-chrome"
    if _CHROME_PREFIX.match(s) or _EMPTY_BYLINE.match(s) or _EDITOR_INITIALS.match(s):
        return "page-chrome"
    if _HASH_ID.match(s) or is_encoded_data(s) or _only_symbols(s):
        return "page-chrome"
    if _FONT_WIDGET.match(s) or _DISCLAIMER.match(s) or _PLAYER.match(s) or is_transcript_marker(s):
        return "page-chrome"
    # Korean page furniture: a short Hangul word with no space is a category or a
    # button (정치, 구독), never a headline; a headline has at least two words.
    if hangul_count(s) and " " not in s and len(s) <= _KOREAN_BUTTON_MAX_CHARS:
        return "page-chrome"
    return None


# Page buttons and categories are one short Hangul word (정치, 구독, 공유하기); five
# syllables cover them, and a headline has a space in it anyway.
_KOREAN_BUTTON_MAX_CHARS = 5
# Metadata lines (dates, views, outlets) are short; a longer line that starts like one is
# a paragraph of text, not a date line.
_METADATA_MAX_CHARS = 120


def metadata_kind(text: str) -> str | None:
    """The kind of a metadata line (``date``, ``views``, ``outlet``…), else None.

    >>> metadata_kind("  • 5 years ago"), metadata_kind("Updated: 2019-02-21 19:00 KST")
    ('date', 'date')
    """
    s = text.strip()
    if len(s) > _METADATA_MAX_CHARS:
        return None
    for kind, pattern in _METADATA_PATTERNS:
        if pattern.match(s):
            return kind
    return None


def split_trailing_metadata(text: str) -> tuple[str, str] | None:
    """A title with its date on the same line: ``Title    Updated: 2019-02-21``."""
    m = _TRAILING_METADATA.search(text)
    if m and m.start() > 0:
        return text[: m.start()], m.group("meta")
    return None


_TIME_VALUE = compile_pattern(r"(?P<a>\d{0,2}):(?P<b>\d{2})(?::(?P<c>\d{2}))?(?:[.,](?P<f>\d{1,3}))?")


def timestamp_ms(text: str) -> int | None:
    """The first time in a timestamp, in ms: ``a:b`` is minutes and seconds, ``a:b:c`` hours,
    minutes and seconds (``:00:09.`` of an auto-caption paste has no hours).

    >>> timestamp_ms("0:05"), timestamp_ms("[00:01:02]"), timestamp_ms("0:12.9"), timestamp_ms(":00:09. > :00:14.")
    (5000, 62000, 12900, 9000)
    """
    m = _TIME_VALUE.search(text)
    if m is None:
        return None
    a, b = int(m.group("a") or 0), int(m.group("b"))
    h, mm, s = (a, b, int(m.group("c"))) if m.group("c") else (0, a, b)
    frac = (m.group("f") or "").ljust(3, "0")[:3]
    return ((h * 60 + mm) * 60 + s) * 1000 + (int(frac) if frac else 0)


def split_leading_timestamp(text: str) -> tuple[str, str] | None:
    """``(timestamp, rest)`` when caption text starts with glued timestamps."""
    m = _LEADING_TS.match(text)
    if m and compile_pattern(r"\d:\d\d").search(m.group(0)):
        return m.group(0), text[m.end() :]
    return None


def is_artefact(text: str) -> bool:
    """Punctuation left where Korean text was stripped (``, ,``, ``(Korean/ )``, ``( .``).

    >>> is_artefact(" , ,"), is_artefact("(Korean/ )"), is_artefact("……"), is_artefact("Yes.")
    (True, True, True, False)
    """
    rest = _ARTEFACT_WORDS.sub("", text)
    return bool(text.strip()) and not any(ch.isalnum() for ch in rest) and not _only_symbols(rest)


def split_trailing_artefact(text: str) -> tuple[str, str] | None:
    """A quote followed by stripped-Korean debris: ``"…" , ,`` → (quote, debris)."""
    m = _TRAILING_ARTEFACT.search(text)
    if m and m.group("tail").strip():
        return text[: m.start("tail")], m.group("tail")
    return None
