"""build_cues: a parsed transcript → timed subtitle cues, and the options both share."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from subtools.build.linebreak import break_text
from subtools.build.timing import CueTiming, SpokenCue, fit_to_speech, place_cues
from subtools.errors import TimingError
from subtools.frames import frames_to_ms
from subtools.language import hangul_count, script_lang
from subtools.model import Cue, CueKind, Piece, Role, Story, Transcript
from subtools.profile import PROFILES, Profile, text_width

__all__ = ["CueOptions", "build_cues", "build_title_cards", "normalise_text"]


@dataclass(frozen=True, slots=True)
class CueOptions:
    """Everything that decides cues and times; the CLI's options map onto these fields.

    Attributes:
        profile: the subtitle rules (``broadcast-news-en``, ``korean``, ``bbc``).
        fps: exact frame rate; times snap to its frames (Korean broadcast is NTSC 29.97).
        wpm: English narration rate in words per minute (news is read at 150-190).
        ko_syllables_per_minute: the Korean equivalent (about 5.5 syllables a second).
        start_ms: offset of the first cue.
        duration_ms: fit all cues within this length of video, or None.
        sentence_pause_ms: silence after a sentence.
        speaker_pause_ms: silence at a change of speaker.
        headline: open each story with its title and Korean headline as top cues.
        labels: put the speaker's name (caps, BBC style) before speech at speaker changes.
        bom: start text output (SRT, VTT, ASS) with a UTF-8 byte-order mark, for players
            that need one to detect UTF-8; off by default (BBC: UTF-8, no BOM).
        audio: the report's audio or video: cues are timed to the speech in it
            (``subtools[align]``, espeak-ng and ffmpeg) instead of by reading rate.
        progress: called with (done, total) while aligning long audio.
    """

    profile: Profile = field(default_factory=lambda: PROFILES["broadcast-news-en"])
    fps: Fraction = Fraction(30000, 1001)
    wpm: float = 170.0
    ko_syllables_per_minute: float = 330.0
    start_ms: int = 0
    duration_ms: int | None = None
    sentence_pause_ms: int = 250
    speaker_pause_ms: int = 600
    headline: bool = False
    labels: bool = False
    bom: bool = False
    audio: str | None = None
    progress: Callable[[int, int], None] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.wpm <= 0 or self.ko_syllables_per_minute <= 0:
            raise ValueError("reading rates must be positive")
        if self.start_ms < 0 or (self.duration_ms is not None and self.duration_ms <= 0):
            raise ValueError("start must be >= 0 and duration > 0")


_SENTENCE_END = re.compile(r"[.?!…][\"”’')\]]*$")


def normalise_text(text: str) -> str:
    """Collapse whitespace and write an ellipsis as one character (Netflix style).

    >>> normalise_text("issues...  with ,.. it")
    'issues… with ,… it'
    """
    text = re.sub(r"\.{2,}", "…", text)
    return " ".join(text.split())


@dataclass(slots=True, repr=False, eq=False)
class _Draft:
    lines: list[str]
    kind: CueKind
    role: Role | None
    speaker: str | None
    lang: str
    line: int
    end_line: int
    story: int
    top: bool
    label: str | None
    turn: int  # segments are turns; a change means a speaker pause


def _speech_ms(text: str, lang: str, options: CueOptions) -> float:
    if lang == "ko":
        syllables = hangul_count(text) + len(re.findall(r"[A-Za-z0-9]+", text))
        return syllables * 60000 / options.ko_syllables_per_minute
    return len(text.split()) * 60000 / options.wpm


def _max_words(options: CueOptions) -> int:
    # A cue's words must be sayable within the maximum duration at the reading rate.
    return max(1, int(options.profile.max_duration_ms / 1000 * options.wpm / 60) - 1)


def _text_drafts(
    text: str, lang: str, options: CueOptions, label: str | None, word_lines: list[int], **common: object
) -> list[_Draft]:
    """Cue drafts of one text; ``word_lines`` is the source line of each of its words."""
    # Any Hangul in the text: measure by the Korean rule, which is the stricter one for
    # mixed lines ("Lee Ji-won (이지원)") and equal for Korean ones.
    limits = options.profile.limits_for("ko" if hangul_count(text) else lang)
    prefix = text_width(f"{label}: ", limits.weighted) if label else 0.0
    cues = break_text(
        text,
        limits,
        max_lines=options.profile.max_lines,
        max_words_per_cue=_max_words(options),
        first_prefix_width=prefix,
    )
    out = []
    pos = 0
    for k, lines in enumerate(cues):
        count = sum(len(line.split()) for line in lines)
        span = word_lines[pos : pos + count] or word_lines[-1:]
        pos += count
        out.append(
            _Draft(lines, lang=lang, label=label if k == 0 else None, line=min(span), end_line=max(span), **common)  # type: ignore[arg-type]
        )
    return out


def _word_lines(pieces: tuple[Piece, ...]) -> list[int]:
    return [p.line for p in pieces for _ in p.text.split()]


def _story_drafts(number: int, story: Story, options: CueOptions, turn0: int) -> list[_Draft]:
    drafts: list[_Draft] = []
    turn = turn0
    if options.headline:
        for item, kind in ((story.title, CueKind.TITLE), (story.headline, CueKind.HEADLINE)):
            if item is None:
                continue
            lang = "ko" if kind is CueKind.HEADLINE and hangul_count(item.text) else "en"
            turn += 1
            drafts += _text_drafts(
                normalise_text(item.text), lang, options, None, _word_lines(item.pieces), kind=kind,
                role=None, speaker=None, story=number, top=True, turn=turn,
            )  # fmt: skip
    previous: tuple[Role | None, str | None] = (None, None)
    spoken = [(seg.role, seg.speaker, seg.lang, seg.text, seg.pieces) for seg in story.segments]
    if story.signoff is not None:
        last = story.segments[-1] if story.segments else None
        # The sign-off is spoken, by the reporter who signs.
        speaker = story.signoff.name or (last.speaker if last else None)
        lang = "ko" if hangul_count(story.signoff.text) else "en"
        spoken.append((Role.REPORTER, speaker, lang, story.signoff.text, story.signoff.pieces))
    for role, speaker, lang, text, pieces in spoken:
        same_voice = (role, speaker) == previous and speaker is not None
        if not same_voice:
            turn += 1
        label = None
        if options.labels and not same_voice:
            label = (speaker or role.value).upper()
        previous = (role, speaker)
        drafts += _text_drafts(
            normalise_text(text), lang, options, label, _word_lines(pieces), kind=CueKind.SPEECH, role=role,
            speaker=speaker, story=number, top=False, turn=turn,
        )  # fmt: skip
    return drafts


def build_cues(transcript: Transcript, options: CueOptions | None = None) -> tuple[Cue, ...]:
    """Timed cues for everything spoken in the transcript (and its headlines, if asked).

    Raises:
        TimingError: the text cannot be shown within the profile's rules in the
            requested duration.
    """
    options = options or CueOptions()
    drafts: list[_Draft] = []
    for number, story in enumerate(transcript.stories, start=1):
        drafts += _story_drafts(number, story, options, turn0=drafts[-1].turn if drafts else 0)
    timings = []
    for k, d in enumerate(drafts):
        text = " ".join(d.lines)
        shown = f"{d.label}: {text}" if d.label else text
        # Reading time satisfies every rule that may apply: the segment's language and the
        # cue's own script (a Latin-only cue of a Korean segment is read as English).
        langs = {d.lang, script_lang(text) or d.lang}
        reading_ms = max(
            text_width(shown, lim.weighted) / lim.max_cps * 1000
            for lim in (options.profile.limits_for(lang) for lang in langs)
        )
        pause = 0
        if k + 1 < len(drafts):
            if drafts[k + 1].turn != d.turn:
                pause = options.speaker_pause_ms
            elif _SENTENCE_END.search(text):
                pause = options.sentence_pause_ms
        speech = _speech_ms(text, d.lang, options) if d.kind is CueKind.SPEECH else reading_ms * 1.3
        timings.append(CueTiming(speech, reading_ms, pause))
    confidences: list[float | None] = [None] * len(drafts)
    flags: list[tuple[str, ...]] = [()] * len(drafts)
    if options.audio is not None:
        times, confidences, flags = _aligned_times(drafts, timings, options)
    else:
        try:
            times = place_cues(timings, options.profile, options.fps, options.start_ms, options.duration_ms)
        except TimingError as err:
            raise TimingError(err.message, transcript.source) from None
    cues = tuple(
        Cue(
            start_ms=start,
            end_ms=end,
            lines=tuple(d.lines),
            kind=d.kind,
            role=d.role,
            speaker=d.speaker,
            lang=d.lang,
            line=d.line,
            end_line=d.end_line,
            story=d.story,
            top=d.top,
            label=d.label,
            confidence=conf,
            flags=flag,
        )
        for d, (start, end), conf, flag in zip(drafts, times, confidences, flags, strict=True)
    )
    return _in_time_order(cues) if options.audio is not None else cues


def _aligned_times(
    drafts: list[_Draft], timings: list[CueTiming], options: CueOptions
) -> tuple[list[tuple[int, int]], list[float | None], list[tuple[str, ...]]]:
    """Times from the audio: spoken cues aligned to their speech, on-screen title and
    headline cues (``headline``) over their story's opening speech."""
    from subtools.media import require_numpy

    require_numpy()
    from subtools.align import LOW_CONFIDENCE, align_speech

    assert options.audio is not None
    spoken = [k for k, d in enumerate(drafts) if d.kind is CueKind.SPEECH]
    spans = align_speech([(" ".join(drafts[k].lines), drafts[k].lang) for k in spoken], options.audio, options.progress)
    fitted = fit_to_speech(
        [SpokenCue(sp.start_ms, sp.end_ms, timings[k].reading_ms) for k, sp in zip(spoken, spans, strict=True)],
        options.profile,
        options.fps,
    )
    times: list[tuple[int, int]] = [(0, 0)] * len(drafts)
    confidences: list[float | None] = [None] * len(drafts)
    flags: list[tuple[str, ...]] = [()] * len(drafts)
    for k, sp, (start, end, too_fast) in zip(spoken, spans, fitted, strict=True):
        times[k] = (start, end)
        confidences[k] = sp.confidence
        flags[k] = (("low-confidence",) if sp.confidence < LOW_CONFIDENCE else ()) + (("too-fast",) if too_fast else ())
    # Title and headline cues are on-screen text, not speech: at the top from the story's
    # first words on, one after another, each as long as it takes to read (at least 2 s).
    gap_ms = frames_to_ms(options.profile.min_gap_frames, options.fps)
    at: dict[int, int] = {}
    for k, d in enumerate(drafts):
        if d.kind is CueKind.SPEECH:
            continue
        start = at.get(d.story, next((times[j][0] for j in spoken if drafts[j].story == d.story), 0))
        end = start + round(max(timings[k].reading_ms + 1000, 2000))
        times[k] = (start, end)
        at[d.story] = end + gap_ms
    return times, confidences, flags


def _in_time_order(cues: tuple[Cue, ...]) -> tuple[Cue, ...]:
    # Aligned title and headline cues overlap the opening speech (at the top): SRT and
    # WebVTT list cues by start, so the cue list is put in that order (stable).
    return tuple(sorted(cues, key=lambda c: c.start_ms))


def build_title_cards(transcript: Transcript, cues: tuple[Cue, ...], profile: Profile | None = None) -> tuple[Cue, ...]:
    """On-screen title and headline of each story, shown at the top while the story's
    opening speech plays (at least 5 s, at most until the story's last cue): the ASS
    title card, never merged with narration."""
    profile = profile or PROFILES["broadcast-news-en"]
    cards: list[Cue] = []
    for number, story in enumerate(transcript.stories, start=1):
        spoken = [c for c in cues if c.story == number and c.kind is CueKind.SPEECH]
        if not spoken:
            continue
        start = spoken[0].start_ms
        first_turn_end = next(
            (c.end_ms for c in reversed(spoken) if c.line <= story.segments[0].end_line), spoken[0].end_ms
        ) if story.segments else spoken[0].end_ms  # fmt: skip
        end = min(max(first_turn_end, start + 5000), spoken[-1].end_ms)
        end = max(end, start + 1)
        for item, kind in ((story.title, CueKind.TITLE), (story.headline, CueKind.HEADLINE)):
            if item is None:
                continue
            lang = "ko" if hangul_count(item.text) else "en"
            # A card is not a subtitle: all its lines stay together in one event.
            lines = [ln for cue in break_text(normalise_text(item.text), profile.limits_for(lang)) for ln in cue]
            cards.append(
                Cue(
                    start,
                    end,
                    tuple(lines),
                    kind=kind,
                    lang=lang,
                    line=item.line,
                    end_line=item.line,
                    story=number,
                    top=True,
                )
            )
    return tuple(cards)
