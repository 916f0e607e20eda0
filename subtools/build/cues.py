"""The spoken cues of a transcript: drafts broken by the line breaker, timed by reading rate
or aligned to the report's audio."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from subtools.build.linebreak import break_text
from subtools.build.options import CueOptions
from subtools.build.timing import CueTiming, SpokenCue, fit_to_speech, place_cues
from subtools.clock import frames_to_ms
from subtools.errors import AlignmentError, TimingError
from subtools.language import KOREAN_ROLE_LABELS, hangul_count, script_lang
from subtools.model import Cue, CueKind, Piece, Role, SourceTime, Story, Transcript, Voice
from subtools.profile import Limits, Profile, text_width
from subtools.startup.patterns import compile_pattern

__all__ = [
    "DUAL_SPEAKER",
    "build_cue_list",
    "dual_speaker_cue",
    "dual_speaker_lines",
    "normalise_text",
    "pair_turns",
    "reading_need_ms",
]

_T = TypeVar("_T")


_SENTENCE_END = compile_pattern(r"[.?!…][\"”’')\]]*$")
DUAL_SPEAKER = "dual-speaker"  # the flag of a cue that holds two speakers' turns


def reading_need_ms(shown: str, limits: Limits, profile: Profile) -> float:
    """How long a cue's text must be on screen: its reading time, at least the minimum."""
    return max(profile.min_duration_ms, text_width(shown, limits.weighted) / limits.max_cps * 1000)


def dual_speaker_lines(first: str, second: str, limits: Limits) -> list[str] | None:
    """Two one-line turns of two speakers as one cue, each line opening with the profile's
    dash (``-Yes.`` in English, ``- 네.`` in Korean); None where the profile keeps speakers
    apart or a line with its dash would be too wide."""
    dash = limits.dual_speaker_dash
    if dash is None:
        return None
    lines = [f"{dash}{first}", f"{dash}{second}"]
    if any(text_width(line, limits.weighted) > limits.max_line_width for line in lines):
        return None
    return lines


def dual_speaker_cue(
    first: str, second: str, limits: Limits, profile: Profile, room_ms: tuple[float, float], total_ms: float
) -> list[str] | None:
    """The lines of a dual-speaker cue of two speakers' one-line turns, or None: the one
    rule of ``convert`` and ``reflow``. The pair shares a cue only where one of the two has
    less time (``room_ms``, each turn's) than it needs on screen (a one-word reply: alone it
    would stay up over the next speaker's words) and the two lines are read in
    ``total_ms``, the time the pair has."""
    lines = dual_speaker_lines(first, second, limits)
    if lines is None:
        return None
    needs = [reading_need_ms(line, limits, profile) for line in (first, second)]
    if all(room >= need for room, need in zip(room_ms, needs, strict=True)):
        return None
    if reading_need_ms(" ".join(lines), limits, profile) > total_ms:
        return None
    return lines


def pair_turns(
    items: list[_T], turns: Callable[[_T], tuple[int, int]], dual: Callable[[_T, _T, _T | None], _T | None]
) -> list[_T]:
    """``items`` (cues of turns, ``turns`` giving each one's first and last turn) with two in
    a row made one by ``dual(a, b, next)`` where it can. Only whole turns, each one cue: a
    turn's last words ("Is Marek Novak" | "rescue crews reached…", ap-flat-record.txt) are
    not a short turn."""
    out: list[_T] = []
    k = 0
    while k < len(items):
        merged = None
        whole = k + 1 < len(items) and (k == 0 or turns(items[k - 1])[1] != turns(items[k])[0])
        if whole and (k + 2 == len(items) or turns(items[k + 2])[0] != turns(items[k + 1])[1]):
            merged = dual(items[k], items[k + 1], items[k + 2] if k + 2 < len(items) else None)
        out.append(merged or items[k])
        k += 2 if merged else 1
    return out


def normalise_text(text: str) -> str:
    """Collapse whitespace and write an ellipsis as one character (Netflix style).

    >>> normalise_text("issues...  with ,.. it")
    'issues… with ,… it'
    """
    text = compile_pattern(r"\.{2,}").sub("…", text)
    return " ".join(text.split())


@dataclass(slots=True, repr=False, eq=False)
class _Draft:
    """A cue before its times are known."""

    lines: list[str]
    kind: CueKind
    role: Role | None
    speaker: str | None
    speaker_title: str | None
    lang: str
    line: int
    end_line: int
    story: int
    top: bool
    label: str | None
    turn: int  # segments are turns; a change means a speaker pause
    anchor_ms: int | None = None  # the paste's timestamp for the cue's first word
    dual: bool = False  # two speakers' turns, one a line, each with the profile's dash
    voices: tuple[Voice, ...] = ()  # a dual cue's speaker of each line


def _speech_ms(text: str, lang: str, options: CueOptions) -> float:
    if lang == "ko":
        syllables = hangul_count(text) + len(compile_pattern(r"[A-Za-z0-9]+").findall(text))
        return syllables * 60000 / options.ko_syllables_per_minute
    return len(text.split()) * 60000 / options.wpm


def _max_words(options: CueOptions) -> int:
    # A cue's words must be sayable within the maximum duration at the reading rate.
    return max(1, int(options.profile.max_duration_ms / 1000 * options.wpm / 60) - 1)


def _text_drafts(
    text: str,
    lang: str,
    options: CueOptions,
    label: str | None,
    word_lines: list[int],
    word_times: list[int | None] | None = None,
    **common: object,
) -> list[_Draft]:
    """Cue drafts of one text; ``word_lines`` is the source line of each of its words, and
    ``word_times`` the paste's timestamp of each word that starts a stamped line (or None)."""
    # Any Hangul in the text: measure by the Korean rule, which is the stricter one for
    # mixed lines ("Lee Ji-won (이지원)") and equal for Korean ones.
    limits = options.profile.limits_for("ko" if hangul_count(text) else lang)
    cues: list[list[str]] = []
    for k, chunk in enumerate(_stamped_chunks(text, word_times)):
        prefix = text_width(f"{label}: ", limits.weighted) if label and k == 0 else 0.0
        cues += break_text(
            chunk,
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
        anchor = word_times[pos] if word_times and pos < len(word_times) else None
        pos += count
        first = label if k == 0 else None
        draft = _Draft(lines, lang=lang, label=first, line=min(span), end_line=max(span), anchor_ms=anchor, **common)  # type: ignore[arg-type]
        out.append(draft)
    return out


def _label(role: Role | None, speaker: str | None, lang: str) -> str | None:
    """The speaker label of a turn: the name in capitals, else the role word in the cue's
    language (``ANCHOR``, ``앵커``), else none."""
    if speaker:
        return speaker.upper()
    if lang == "ko":
        return KOREAN_ROLE_LABELS.get(role.value) if role else None
    return role.value.upper() if role else None


def _stamped_chunks(text: str, word_times: list[int | None] | None) -> list[str]:
    """The text cut before each word a timestamp stands at (autocaption-timestamps.txt), so
    that a cue can start where the paste says a caption line starts."""
    words = text.split()
    if not word_times or len(word_times) != len(words):
        return [text]
    chunks: list[list[str]] = [[]]
    for word, ms in zip(words, word_times, strict=True):
        if ms is not None and chunks[-1]:
            chunks.append([])
        chunks[-1].append(word)
    return [" ".join(c) for c in chunks]


def _word_lines(pieces: tuple[Piece, ...]) -> list[int]:
    return [p.line for p in pieces for _ in p.text.split()]


def _word_times(pieces: tuple[Piece, ...], times: tuple[SourceTime, ...]) -> list[int | None]:
    """The paste's time for each word that starts a stamped piece, else None."""
    at = {(t.line, t.col): t.ms for t in times}
    out: list[int | None] = []
    for p in pieces:
        for k, _ in enumerate(p.text.split()):
            out.append(at.get((p.line, p.col)) if k == 0 else None)
    return out


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
                role=None, speaker=None, speaker_title=None, story=number, top=True, turn=turn,
            )  # fmt: skip
    previous: tuple[Role | None, str | None] = (None, None)
    spoken = [
        (seg.role, seg.speaker, seg.speaker_title, seg.lang, seg.text, seg.pieces, seg.times) for seg in story.segments
    ]
    if story.signoff is not None:
        last = story.segments[-1] if story.segments else None
        # The sign-off is spoken, by the reporter who signs.
        speaker = story.signoff.name or (last.speaker if last else None)
        lang = "ko" if hangul_count(story.signoff.text) else "en"
        title = last.speaker_title if last and last.speaker == speaker else None
        spoken.append((Role.REPORTER, speaker, title, lang, story.signoff.text, story.signoff.pieces, ()))
        # A sign-off may end a package inside a story ("Will Ripley, CNN, Seoul." before the
        # anchor goes on, cnn-labels.txt): spoken words keep their order in the source.
        spoken.sort(key=lambda s: (s[5][0].line, s[5][0].col) if s[5] else (0, 0))
    for role, speaker, speaker_title, lang, text, pieces, times in spoken:
        same_voice = (role, speaker) == previous and speaker is not None
        if not same_voice:
            turn += 1
        label = _label(role, speaker, lang) if options.labels and not same_voice else None
        previous = (role, speaker)
        drafts += _text_drafts(
            normalise_text(text), lang, options, label, _word_lines(pieces), _word_times(pieces, times),
            kind=CueKind.SPEECH, role=role, speaker=speaker, speaker_title=speaker_title, story=number, top=False,
            turn=turn,
        )  # fmt: skip
    return drafts


def _dual_draft(a: _Draft, b: _Draft, options: CueOptions) -> _Draft | None:
    """``a`` and ``b`` as one dual-speaker cue, where they are two speakers' one-line turns
    and one of them is said faster than it can be read, and the pair reads in the time of
    both (each turn's time: its speech at the reading rate)."""
    if a.kind is not CueKind.SPEECH or b.kind is not CueKind.SPEECH or a.turn == b.turn or a.story != b.story:
        return None
    if a.label or b.label or a.top or b.top or len(a.lines) != 1 or len(b.lines) != 1 or a.lang != b.lang:
        return None
    text = f"{a.lines[0]} {b.lines[0]}"
    limits = options.profile.limits_for("ko" if hangul_count(text) else a.lang)
    speech = (_speech_ms(a.lines[0], a.lang, options), _speech_ms(b.lines[0], b.lang, options))
    together = max(sum(speech) + options.speaker_pause_ms, options.profile.min_duration_ms)
    lines = dual_speaker_cue(a.lines[0], b.lines[0], limits, options.profile, speech, together)
    if lines is None:
        return None
    voices = (Voice(a.speaker, a.role), Voice(b.speaker, b.role))
    return replace(a, lines=lines, end_line=b.end_line, turn=b.turn, dual=True, voices=voices)


def build_cue_list(
    transcript: Transcript,
    options: CueOptions,
    audio: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    allow_partial: bool = False,
) -> tuple[tuple[Cue, ...], tuple[Cue, ...]]:
    """Timed cues for everything spoken in the transcript (and its headlines, if asked),
    and the cues left out because ``audio`` does not hold their speech (``allow_partial``).

    Raises:
        TimingError: the text cannot be shown within the profile's rules in the
            requested duration.
        AlignmentError: the audio does not hold every cue's speech (without ``allow_partial``).
    """
    drafts: list[_Draft] = []
    for number, story in enumerate(transcript.stories, start=1):
        drafts += _story_drafts(number, story, options, turn0=drafts[-1].turn if drafts else 0)
    drafts = pair_turns(drafts, lambda d: (d.turn, d.turn), lambda a, b, _: _dual_draft(a, b, options))
    timings = []
    for k, d in enumerate(drafts):
        text = " ".join(d.lines)
        shown = f"{d.label}: {text}" if d.label else text
        # Reading time satisfies every rule that may apply: the segment's language and the
        # cue's own script (a Latin-only cue of a Korean segment is read as English).
        langs = {d.lang, script_lang(text) or d.lang}
        limits = [options.profile.limits_for(lang) for lang in langs]
        reading_ms = max(text_width(shown, lim.weighted) / lim.max_cps * 1000 for lim in limits)
        # The aim: the profile's targets, which validate warns above (17 cps, 180 wpm).
        aim_ms = max(text_width(shown, lim.weighted) / (lim.target_cps or lim.max_cps) * 1000 for lim in limits)
        if options.profile.target_wpm:
            aim_ms = max(aim_ms, len(shown.split()) * 60000 / options.profile.target_wpm)
        pause = 0
        if k + 1 < len(drafts):
            if drafts[k + 1].turn != d.turn:
                pause = options.speaker_pause_ms
            elif _SENTENCE_END.search(text):
                pause = options.sentence_pause_ms
        speech = _speech_ms(text, d.lang, options) if d.kind is CueKind.SPEECH else reading_ms * 1.3
        timings.append(CueTiming(speech, reading_ms, pause, aim_ms))
    confidences: list[float | None] = [None] * len(drafts)
    flags: list[tuple[str, ...]] = [()] * len(drafts)
    kept = [True] * len(drafts)
    if audio is not None:
        aligned = _aligned_times(drafts, timings, options, audio, progress)
        times, confidences, flags, kept = aligned[:4]
        if not all(kept) and not allow_partial:
            raise AlignmentError(_coverage_message(drafts, kept, aligned[4]), transcript.source)
    else:
        source = options.timing == "source" or (options.timing == "auto" and transcript.has_times)
        anchors = [d.anchor_ms for d in drafts] if source else None
        try:
            times = place_cues(timings, options.profile, options.fps, options.start_ms, options.duration_ms, anchors)
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
            speaker_title=d.speaker_title,
            lang=d.lang,
            line=d.line,
            end_line=d.end_line,
            story=d.story,
            top=d.top,
            label=d.label,
            confidence=conf,
            flags=flag + ((DUAL_SPEAKER,) if d.dual else ()),
            voices=d.voices,
        )
        for d, (start, end), conf, flag in zip(drafts, times, confidences, flags, strict=True)
    )
    if audio is None:
        return cues, ()
    left_out = tuple(replace(c, start_ms=0, end_ms=0) for c, k in zip(cues, kept, strict=True) if not k)
    return _in_time_order(tuple(c for c, k in zip(cues, kept, strict=True) if k)), left_out


def _ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 7]`` as ``1-3, 7``."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _coverage_message(drafts: list[_Draft], kept: list[bool], speech: tuple[int, int]) -> str:
    """``audio covers 9 of 15 cues (cues 10-15 not spoken; found 36 s …)``: cue numbers
    count the spoken cues in text order (title cards are not speech); ``speech`` is the
    (found, expected) speech in ms."""
    spoken = [k for k, d in enumerate(drafts) if d.kind is CueKind.SPEECH]
    missing = [n for n, k in enumerate(spoken, start=1) if not kept[k]]
    word = "cue" if len(missing) == 1 else "cues"
    return (
        f"audio covers {len(spoken) - len(missing)} of {len(spoken)} cues ({word} {_ranges(missing)} not spoken; "
        f"found {speech[0] / 1000:.0f} s of speech, expected about {speech[1] / 1000:.0f} s); "
        "pass --allow-partial to write the spoken ones"
    )


def _aligned_times(
    drafts: list[_Draft],
    timings: list[CueTiming],
    options: CueOptions,
    audio: str,
    progress: Callable[[int, int], None] | None,
) -> tuple[list[tuple[int, int]], list[float | None], list[tuple[str, ...]], list[bool], tuple[int, int]]:
    """Times from the audio: spoken cues aligned to their speech, on-screen title and
    headline cues (``headline``) over their story's opening speech; whether each cue is
    in the audio (a title card only if a cue of its story is); and the speech found and
    expected (ms). Cues the audio does not hold are not timed: the times the warp passed
    them over at are not speech, and would crush them into the others' seconds."""
    from subtools.media import require_numpy

    require_numpy()
    from subtools.align import LOW_CONFIDENCE, align_pieces

    found = [k for k, d in enumerate(drafts) if d.kind is CueKind.SPEECH]
    alignment = align_pieces([(" ".join(drafts[k].lines), drafts[k].lang) for k in found], audio, progress)
    kept = [True] * len(drafts)
    for k, sp in zip(found, alignment.spans, strict=True):
        kept[k] = sp.spoken
    spoken = [k for k in found if kept[k]]
    spans = [sp for sp in alignment.spans if sp.spoken]
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
        opening = next((times[j][0] for j in spoken if drafts[j].story == d.story), None)
        # A story whose every spoken cue is left out loses its cards too: they would be
        # shown over speech that is not there (a story with no speech keeps them at 0).
        kept[k] = opening is not None or all(drafts[j].story != d.story for j in found)
        start = at.get(d.story, opening or 0)
        end = start + round(max(timings[k].reading_ms + 1000, 2000))
        times[k] = (start, end)
        at[d.story] = end + gap_ms
    return times, confidences, flags, kept, (alignment.speech_ms, alignment.text_ms)


def _in_time_order(cues: tuple[Cue, ...]) -> tuple[Cue, ...]:
    # Aligned title and headline cues overlap the opening speech (at the top): SRT and
    # WebVTT list cues by start, so the cue list is put in that order (stable).
    return tuple(sorted(cues, key=lambda c: c.start_ms))
