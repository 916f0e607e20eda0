"""The frozen transcript model: stories, segments, headline, sign-off and dropped lines.

No I/O here. Every object keeps the source pieces it was built from (``Piece``: one
1-based line and the exact text taken from it), so that the parser can prove that each
input line ended up in exactly one place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import field
from enum import StrEnum
from fractions import Fraction
from typing import overload

from subtools.startup.records import value_class

__all__ = [
    "Cue",
    "CueKind",
    "CueTrack",
    "DropReason",
    "Dropped",
    "Headline",
    "Metadata",
    "Piece",
    "Role",
    "Segment",
    "Signoff",
    "SourceTime",
    "Story",
    "Title",
    "Transcript",
    "Voice",
]


class Role(StrEnum):
    """Who is speaking, in broadcast terms."""

    ANCHOR = "anchor"  # studio presenter, including the hand-off sentence
    REPORTER = "reporter"  # correspondent's narration and live answers
    SOUNDBITE = "soundbite"  # recorded quote from a newsmaker inside a package
    INTERVIEWEE = "interviewee"  # guest answering in a live interview or panel
    UNKNOWN = "unknown"  # the text gives no cue; better than a confident wrong guess


class DropReason(StrEnum):
    """Why a piece of an input line is not spoken text, title, headline or sign-off."""

    BLANK = "blank"
    PAGE_CHROME = "page-chrome"
    ARTEFACT = "artefact"
    TIMESTAMP = "timestamp"
    CUE_MARKER = "cue-marker"
    SPEAKER_LABEL = "speaker-label"
    STORY_MARKER = "story-marker"
    LANGUAGE_MARKER = "language-marker"
    DUPLICATE = "duplicate"
    CLIP = "clip-reference"
    HEADING = "heading"  # section headings of agency scripts (STORYLINE:, SHOTLIST)
    SHOT = "shot-description"  # numbered shot lines of an AP shotlist
    LIST_NUMBER = "list-number"  # "1." before a numbered question or item


@value_class
class Piece:
    """The exact text taken from one source line: 1-based ``line``, 0-based ``col``."""

    line: int
    col: int
    text: str


@value_class
class SourceTime:
    """A time the pasted transcript gives (``0:05``, ``[00:00:04]``) for the text that
    starts at ``line``/``col``, in int milliseconds from the start of the programme."""

    line: int
    col: int
    ms: int


@value_class
class Title:
    """A story's English title line (``pieces`` say where each part of it came from)."""

    text: str
    line: int
    pieces: tuple[Piece, ...]


@value_class
class Headline:
    """The on-screen headline line, usually Korean (``lang`` is a BCP 47 code)."""

    text: str
    lang: str
    line: int
    pieces: tuple[Piece, ...]


@value_class
class Metadata:
    """A line about the story rather than of it: a date, a view count, an outlet name."""

    kind: str
    text: str
    line: int
    pieces: tuple[Piece, ...]


@value_class
class Segment:
    """One uninterrupted turn of one speaker.

    ``text`` is the spoken text with whitespace collapsed; ``pieces`` are the raw
    fragments it came from. ``original_lang`` is set when the transcript marks the
    speech as translated (``(Korean) "..."``, ``(through translator)``);
    ``delivery`` keeps modifiers such as ``voice-over``; ``times`` keeps the pasted
    transcript's timestamps for the lines the segment came from; ``speaker_title`` is the job
    title or affiliation the transcript gives the speaker (``Director, Port Policy
    Bureau``, ``(R), Nevada``, ``서울시 교통정책과장``), for a name super.
    """

    role: Role
    speaker: str | None
    lang: str
    text: str
    line: int
    end_line: int
    pieces: tuple[Piece, ...]
    original_lang: str | None = None
    delivery: tuple[str, ...] = ()
    speaker_title: str | None = None
    times: tuple[SourceTime, ...] = ()  # the paste's timestamps for lines of this segment

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError("a segment needs text")
        if not 1 <= self.line <= self.end_line:
            raise ValueError(f"bad line span {self.line}-{self.end_line}")


@value_class
class Signoff:
    """The reporter's closing line, e.g. ``Lee Ji-won, Arirang News.``; it is spoken."""

    text: str
    name: str | None
    outlet: str | None
    line: int
    pieces: tuple[Piece, ...]


@value_class
class Dropped:
    """A piece of an input line that is not part of the report, with the reason."""

    line: int
    text: str
    reason: DropReason
    col: int = 0


@value_class
class Story:
    """One report: its title and headline, its spoken segments in order, its sign-off."""

    title: Title | None
    headline: Headline | None
    segments: tuple[Segment, ...]
    signoff: Signoff | None
    metadata: tuple[Metadata, ...] = field(default=())


@value_class
class Transcript:
    """A parsed transcript: its stories and every line dropped from them, with why."""

    source: str
    stories: tuple[Story, ...]
    dropped: tuple[Dropped, ...]
    line_count: int
    encoding: str = "utf-8"

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Every segment of every story, in order."""
        return tuple(seg for story in self.stories for seg in story.segments)

    @property
    def has_times(self) -> bool:
        """The paste gives timestamps for some of its spoken lines."""
        return any(seg.times for seg in self.segments)


class CueKind(StrEnum):
    SPEECH = "speech"  # spoken words: anchor, reporter, soundbite, sign-off
    TITLE = "title"  # the story's English on-screen title
    HEADLINE = "headline"  # the story's Korean on-screen headline


@value_class
class Voice:
    """Who says one line of a dual-speaker cue: the name, else the role."""

    speaker: str | None
    role: Role | None = None


@value_class
class Cue:
    """One subtitle: times in int milliseconds, at most a profile's number of lines.

    ``line``/``end_line`` point back at the source (the transcript, or the subtitle file
    a cue was read from); ``label`` is the speaker name to show when the speaker changes
    at this cue (SRT ``--labels names``). A cue read from a file holds what the file
    says, even an empty or inverted cue: the cue builder guarantees the profile rules
    for the cues it makes, and ``validate`` reports where a file breaks them.
    """

    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    kind: CueKind = CueKind.SPEECH
    role: Role | None = None
    speaker: str | None = None
    speaker_title: str | None = None  # the speaker's job title or affiliation, for a name super
    lang: str = "en"
    line: int = 0
    end_line: int = 0
    story: int = 0
    top: bool = False
    label: str | None = None
    confidence: float | None = None  # with --audio: how well the words matched the audio (0-1)
    flags: tuple[str, ...] = ()  # with --audio: "low-confidence", "too-fast" (for an editor)
    # A dual-speaker cue's speaker of each line (two turns, one a line); empty for a cue of
    # one turn, whose every line is ``speaker``'s (and ``speaker``/``role`` are the first line's).
    voices: tuple[Voice, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@value_class
class CueTrack(Sequence[Cue]):
    """What the cue builder makes and every writer takes: the cues in display order, the
    on-screen title cards of each story (``kind`` TITLE/HEADLINE, ``top``), and where they
    came from. A track is a sequence of its cues: ``len(track)``, ``track[0]``, ``for cue
    in track``.
    """

    cues: tuple[Cue, ...]
    cards: tuple[Cue, ...] = ()
    source: str | None = None
    profile: str = "broadcast-news-en"
    fps: Fraction = Fraction(30000, 1001)
    # With audio and allow_partial: the cues whose speech the audio does not hold, in text
    # order, untimed (start_ms == end_ms == 0); not written by any format.
    left_out: tuple[Cue, ...] = ()

    def __iter__(self) -> Iterator[Cue]:
        return iter(self.cues)

    def __len__(self) -> int:
        return len(self.cues)

    @overload
    def __getitem__(self, index: int) -> Cue: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Cue, ...]: ...
    def __getitem__(self, index: int | slice) -> Cue | tuple[Cue, ...]:
        return self.cues[index]
