"""Reflow: an existing subtitle file's words, re-segmented into cues by the line breaker
and timed by the speech-fitting rules, each word keeping its own time.

Subtitles from ASR (one long line per segment), rolling auto-captions (every line shown
twice) or greedy vendor breaks hold the right words at the right times in the wrong
cues. :func:`reflow_subtitles` reads the words back in order, drops the rolling repeats
and nothing else, gives each word its time (its own in Whisper's JSON, its karaoke tag
where the file has one, WebVTT ``<00:00:01.234>`` or ASS ``\\k``; else a share of its
source cue by length), cuts the words into turns of one speaker (WebVTT ``<v>``, ASS Name,
whisperX ``speaker``, ``NAME:`` labels, ``- `` dialogue dashes) and breaks each turn with
:func:`~subtools.build.linebreak.break_text`. A cue holds one turn, or two short ones as a
dual-speaker cue with the profile's dashes; an annotation line (``[Music]``, ``♪ …``) stays
a cue of its own, or goes with ``keep_sound=False``. The cues are then timed for reading
speed within what the words' times allow (:func:`_time_cues`).
"""

from __future__ import annotations

import math
from fractions import Fraction

from subtools.build.cues import DUAL_SPEAKER, _max_words, dual_speaker_cue, pair_turns
from subtools.build.linebreak import break_text
from subtools.build.options import CueOptions
from subtools.build.timing import MAX_HANG_MS, MAX_TAIL_MS
from subtools.clock import FrameLimits, format_clock, frames_to_ms, ms_to_frames
from subtools.errors import ParseError
from subtools.formats import SubtitleFormat, visible_lines
from subtools.formats.base import Entry, SubtitleFile
from subtools.language import cue_lang, script_lang
from subtools.model import Cue, CueTrack, Voice
from subtools.profile import text_width
from subtools.startup.patterns import compile_pattern
from subtools.startup.records import value_class

__all__ = ["reflow_subtitles", "source_words", "too_fast_warnings"]

_VTT_STAMP = compile_pattern(r"<((?:\d+:)?\d{2}:\d{2}\.\d{3})>")
_ASS_KARAOKE = compile_pattern(r"\{[^}]*\\[kK][fo]?(\d+)[^}]*\}")
# A speaker label opening a line: "ANCHOR:", "DR. KIM:", "앵커:" (caps or Hangul, short),
# never "Note: …" in running text.
_LABEL = compile_pattern(r"^((?:[A-Z][A-Z0-9.'-]*)(?: [A-Z][A-Z0-9.'-]*){0,3}|[가-힣]{1,6}):\s+")
_DASH = compile_pattern(r"^[-‐–—]\s*")
# A line that is only a sound: "[Music]", "(applause)", "♪ la la ♪".
_SOUND = compile_pattern(r"^\s*(?:[\[(][^\])]*[\])]|♪.*)\s*$")
# A pause as long as the hang limit (MAX_HANG_MS) between two words ends a cue whatever the
# breaker prefers: the subtitle would otherwise hang over silence (BBC: do not hang more than 1.5 s).


@value_class
class Word:
    """One spoken word of a subtitle file, with its time and who says it."""

    text: str
    start_ms: int
    end_ms: int
    source: int  # the index of the cue it was read from
    turn: int  # a new number at every change of speaker
    speaker: str | None
    label: str | None  # the "NAME:" written before this word in the file, if any
    lang: str
    sound: bool = False  # part of a sound annotation ("[Music]"), a turn of its own


def _stamp_ms(stamp: str) -> int:
    parts = stamp.split(":")
    secs = float(parts[-1]) + 60 * int(parts[-2]) + (3600 * int(parts[0]) if len(parts) == 3 else 0)
    return round(secs * 1000)


def _timed_pieces(raw: str, fmt: SubtitleFormat, start_ms: int) -> list[tuple[str, int | None]]:
    """A raw line cut at its karaoke tags: (visible text, start time or None)."""
    if fmt is SubtitleFormat.VTT and _VTT_STAMP.search(raw):
        parts = _VTT_STAMP.split(raw)
        pieces: list[tuple[str, int | None]] = [(parts[0], None)]
        pieces += [(parts[k + 1], _stamp_ms(parts[k])) for k in range(1, len(parts) - 1, 2)]
    elif fmt is SubtitleFormat.ASS and _ASS_KARAOKE.search(raw):
        parts = _ASS_KARAOKE.split(raw)
        pieces, at = [(parts[0], None)], start_ms
        for k in range(1, len(parts) - 1, 2):
            pieces.append((parts[k + 1], at))
            at += int(parts[k]) * 10  # \k counts centiseconds
    else:
        pieces = [(raw, None)]
    return [(" ".join(visible_lines((text,), fmt)), ms) for text, ms in pieces]


def _norm(line: str) -> str:
    return " ".join(line.casefold().split())


def _new_lines(raw_lines: tuple[str, ...], previous: list[str], fmt: SubtitleFormat) -> tuple[str, ...]:
    """The raw lines of a cue less its leading lines that repeat the previous cue's last
    lines: a rolling caption shows each line twice, first at the bottom, then at the top."""
    # Blank lines are left out on both sides: YouTube's auto-captions hold a line of one
    # space above the new words and below the 10 ms bridge cue's repeat, and with it kept
    # as '' no repeat ever matched (every line came out twice).
    shown = [(at, norm) for at, raw in enumerate(raw_lines) if (norm := _norm(" ".join(visible_lines((raw,), fmt))))]
    for k in range(min(len(shown), len(previous)), 0, -1):
        if [norm for _, norm in shown[:k]] == previous[-k:]:
            return raw_lines[shown[k - 1][0] + 1 :]
    return raw_lines


# YouTube's hand-over cues last 10 ms; a little over that still is no cue anyone reads.
_BRIDGE_MS = 20


def _is_rolling(sub: SubtitleFile) -> bool:
    """Whether ``sub`` is rolling captions, where a line shown again is not said again.

    Only there are repeats dropped: in an ordinary file "No." in one cue and "No." in the
    next (or a chant said twice) are words said twice. Rolling captions show it: a bridge
    cue (YouTube's 10 ms cue holding the line just finished), or most cues opening with the
    last line of the cue before and going on with a new line under it.
    """
    shown = [[norm for line in cue.lines if (norm := _norm(line))] for cue in sub.cues]
    rolled = pairs = 0
    for entry, before, lines in zip(sub.entries[1:], shown, shown[1:], strict=False):
        if not before or not lines:
            continue
        pairs += 1
        if lines[0] == before[-1] and entry.end_ms - entry.start_ms <= _BRIDGE_MS:
            return True
        rolled += lines[0] == before[-1] and len(lines) > 1
    return rolled >= 2 and 2 * rolled >= pairs


def _spread(texts: list[tuple[str, int | None]], start_ms: int, end_ms: int) -> list[tuple[str, int, int]]:
    """Words with times: a tagged word starts at its tag; the others share the time
    between the known times by length (a longer word takes longer to say)."""
    words: list[tuple[str, int | None]] = []
    for text, ms in texts:
        for k, word in enumerate(text.split()):
            words.append((word, ms if k == 0 else None))
    out: list[tuple[str, int, int]] = []
    k = 0
    while k < len(words):
        tagged = words[k][1]
        at = tagged if tagged is not None else start_ms
        j = k + 1
        while j < len(words) and words[j][1] is None:
            j += 1
        next_tag = words[j][1] if j < len(words) else None
        until = max(at, next_tag if next_tag is not None else end_ms)
        weights = [len(w) + 1 for w, _ in words[k:j]]
        total, done = sum(weights), 0
        for (word, _), weight in zip(words[k:j], weights, strict=True):
            begin = at + (until - at) * done // total
            done += weight
            out.append((word, begin, at + (until - at) * done // total))
        start_ms, k = until, j
    return out


def source_words(sub: SubtitleFile) -> list[Word]:
    """The words of ``sub`` in order, rolling repeats dropped (only in rolling captions)."""
    words: list[Word] = []
    previous: list[str] = []
    rolling = _is_rolling(sub)
    turn, speaker, label = 0, None, None
    for index, (entry, cue) in enumerate(zip(sub.entries, sub.cues, strict=True)):
        if cue.speaker is not None and cue.speaker != speaker:
            turn, speaker, label = turn + 1, cue.speaker, None
        if index < len(sub.words) and sub.words[index]:
            # A word list with times (Whisper JSON): the words as they are, no rolling
            # repeats to drop (a repeated segment there is said twice).
            pieces = [(text, begin) for text, begin, _ in sub.words[index]]
            spread = _spread(pieces, entry.start_ms, entry.end_ms)
            for (text, begin, end), (_, _, own_end) in zip(spread, sub.words[index], strict=True):
                end = max(begin, own_end) if own_end is not None else end
                words.append(Word(text, begin, end, index, turn, speaker, None, cue.lang))
            previous = []
            continue
        raw_lines = _new_lines(entry.lines, previous, sub.format) if rolling else entry.lines
        previous = [norm for line in cue.lines if (norm := _norm(line))] or previous
        lines: list[tuple[list[tuple[str, int | None]], int, str | None, str | None, bool]] = []
        for raw in raw_lines:
            pieces = _timed_pieces(raw, sub.format, entry.start_ms)
            text = " ".join(p for p, _ in pieces)
            sound = bool(_SOUND.match(text))
            head = pieces[0][0] if pieces else ""
            if sound:
                turn, pieces = turn + 1, [(text, None)]
            elif _DASH.match(head) or _LABEL.match(head):
                found = _LABEL.match(_DASH.sub("", head))
                turn, label = turn + 1, found.group(1) if found else None
                speaker = label or cue.speaker
                pieces = [(_LABEL.sub("", _DASH.sub("", head)), pieces[0][1]), *pieces[1:]]
            lines.append((pieces, turn, None if sound else speaker, None if sound else label, sound))
            label = None
            # After a sound, speech goes on as a new run of the same speaker.
            turn += sound
        # Times are shared out over the whole cue, all its lines together.
        timed = iter(_spread([p for line in lines for p in line[0]], entry.start_ms, entry.end_ms))
        for pieces, line_turn, who, line_label, sound in lines:
            for k in range(sum(len(p.split()) for p, _ in pieces)):
                word, begin, end = next(timed)
                first_label = line_label if k == 0 else None
                words.append(Word(word, begin, end, index, line_turn, who, first_label, cue.lang, sound))
    return words


def _turns(words: list[Word]) -> list[list[Word]]:
    """Runs of words one speaker says without a long pause."""
    runs: list[list[Word]] = []
    for word in words:
        if runs and runs[-1][-1].turn == word.turn and word.start_ms - runs[-1][-1].end_ms < MAX_HANG_MS:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


# Words of the other script in a row that start a new language span of a run: a Korean
# headline said in the same turn as English speech (arirang-lee-ji-won.txt with --headline)
# is broken by the Korean rule and the speech by the English one, while a name in Hangul
# inside an English sentence ("Lee Ji-won (이지원) said") or "K-pop" in Korean stays in its span.
_SWITCH_WORDS = 3


def _lang_spans(run: list[Word]) -> list[list[Word]]:
    """``run`` cut where its script changes for ``_SWITCH_WORDS`` words or more."""
    scripts = [script_lang(w.text) for w in run]
    lang = next((s for s in scripts if s), None)
    spans: list[list[Word]] = []
    for k, word in enumerate(run):
        here = scripts[k]
        if spans and here is not None and here != lang:
            ahead = [s for s in scripts[k:] if s][:_SWITCH_WORDS]
            if len(ahead) == _SWITCH_WORDS and all(s == here for s in ahead):
                spans.append([])
                lang = here
        if not spans:
            spans.append([])
        spans[-1].append(word)
    return spans


def _layout(run: list[Word], options: CueOptions) -> list[tuple[list[str], list[Word]]]:
    """The cues of one run: (lines, the words they hold), each language span of the run
    broken by its own rule (:func:`~subtools.language.cue_lang`, the rule it is timed and
    validated by)."""
    out: list[tuple[list[str], list[Word]]] = []
    for span in _lang_spans(run):
        text = " ".join(w.text for w in span)
        limits = options.profile.limits_for(cue_lang(text))
        label = span[0].label
        prefix = text_width(f"{label}: ", limits.weighted) if label else 0.0
        pos = 0
        cues = break_text(text, limits, max_lines=options.profile.max_lines, max_words_per_cue=_max_words(options),
                          first_prefix_width=prefix)  # fmt: skip
        for lines in cues:
            count = sum(len(line.split()) for line in lines)
            out.append((lines, span[pos : pos + count]))
            pos += count
    return out


_Laid = tuple[list[str], list[Word], bool]  # a new cue's lines, its words, two speakers


def _dual(a: _Laid, b: _Laid, following: _Laid | None, options: CueOptions) -> _Laid | None:
    """``a`` and ``b`` as one dual-speaker cue, where they are one-line turns of two
    speakers in one exchange (under the pause that ends a cue) and the rule of
    :func:`~subtools.build.cues.dual_speaker_cue` holds, each turn's time running to the
    next words and the pair's to the first words of ``following`` (or its hang)."""
    (lines_a, held_a, dual_a), (lines_b, held_b, dual_b) = a, b
    first, second = held_a[0], held_b[0]
    if dual_a or dual_b or len(lines_a) != 1 or len(lines_b) != 1 or held_a[-1].turn == second.turn:
        return None
    same_name = first.speaker is not None and first.speaker == second.speaker
    if first.sound or second.sound or first.label or second.label or same_name:
        return None
    if second.start_ms - held_a[-1].end_ms >= MAX_HANG_MS:
        return None
    text = f"{lines_a[0]} {lines_b[0]}"
    limits = options.profile.limits_for(cue_lang(text))
    after_ms = following[1][0].start_ms if following else held_b[-1].end_ms + MAX_TAIL_MS
    after_ms = min(after_ms, held_b[-1].end_ms + MAX_HANG_MS)
    room = (second.start_ms - first.start_ms, after_ms - second.start_ms)
    total = min(sum(room), options.profile.max_duration_ms)
    lines = dual_speaker_cue(lines_a[0], lines_b[0], limits, options.profile, room, total)
    return (lines, held_a + held_b, True) if lines is not None else None


def _voices(held: list[Word]) -> tuple[Voice, ...]:
    """The speaker of each line of a dual-speaker cue: its first turn's, then the other's."""
    second = next(w for w in held if w.turn != held[0].turn)
    return (Voice(held[0].speaker), Voice(second.speaker))


@value_class
class _Room:
    """Where one new cue may be, in frames: it starts in [earliest, latest], shows its
    words until ``speech_end`` and needs ``need`` frames to be read at the profile's limit."""

    earliest: int
    latest: int
    speech_end: int
    chars: float
    max_cps: float
    target_cps: float


# A cue may stay up after its words for its reading time, at most MAX_HANG_MS (BBC §5.2);
# without that need it ends within MAX_TAIL_MS of them (Netflix out-time), as fit_to_speech does.
# A cue may start after its first word, within that word's source cue, by at most this
# much to give the cue before it its reading time (BBC §5.4 never lags more than 2 s; we
# stay well inside it because late cues read as out of sync).
_LAG_MS = 1000
# Where the words come faster than max_cps allows anywhere (issue #13: people need 20.1
# cps in places), this much over the limit is taken before a cue is squeezed further.
_OVER_CPS = 1.0
# How many following cues may give up time for one that cannot be read: a window of 8 cues
# (some 15-25 s of speech) keeps the cost linear and the borrowed time local; the proof of
# "impossible" in tests/reflowkit.py looks over the same window.
_EASED_RUN = 8


def _frames_for(chars: float, cps: float, fps: Fraction) -> int:
    """The fewest whole frames in which ``chars`` read at ``cps``, with 1 ms to spare for the
    rounding of both ends to whole milliseconds."""
    return math.ceil(ms_to_frames(chars * 1000 / cps + 1, fps))


def _latest_starts(rooms: list[_Room], needs: list[int], lim: FrameLimits, hang: int) -> list[int]:
    """Backwards: the latest start of each cue that leaves every later cue its need."""
    latest = [0] * len(rooms)
    after: int | None = None
    for k in range(len(rooms) - 1, -1, -1):
        r = rooms[k]
        end = r.speech_end + hang if after is None else min(r.speech_end + hang, after - lim.gap_frames)
        latest[k] = max(r.earliest, min(r.latest, end - needs[k]))
        after = latest[k]
    return latest


def _needs(rooms: list[_Room], lim: FrameLimits, hang: int) -> list[int]:
    """Frames each cue needs: at max_cps where the rooms allow every cue that. A cue that
    cannot have it (backwards, so later cues are settled first) needs max_cps + 1, and where
    even that does not fit, the next cues (up to ``_EASED_RUN``) give up time down to
    max_cps + 1 one by one, only if that makes it fit; what still does not fit takes all
    the room there is."""
    fps, n = lim.fps, len(rooms)
    needs = [max(lim.min_frames, _frames_for(r.chars, r.max_cps, fps)) for r in rooms]
    eased = [max(lim.min_frames, _frames_for(r.chars, r.max_cps + _OVER_CPS, fps)) for r in rooms]
    latest = [0] * n

    def room(k: int) -> int:
        r = rooms[k]
        end = r.speech_end + hang if k + 1 == n else min(r.speech_end + hang, latest[k + 1] - lim.gap_frames)
        return end - r.earliest

    def settle(k: int) -> None:
        latest[k] = max(rooms[k].earliest, min(rooms[k].latest, rooms[k].earliest + room(k) - needs[k]))

    for k in range(n - 1, -1, -1):
        if room(k) < needs[k]:
            needs[k] = eased[k]
            given: list[tuple[int, int]] = []
            for j in range(k + 1, min(n, k + _EASED_RUN)):
                if room(k) >= needs[k]:
                    break
                if needs[j] > eased[j]:
                    given.append((j, needs[j]))
                    needs[j] = eased[j]
                    for m in range(j, k, -1):
                        settle(m)
            if given and room(k) < needs[k]:  # no use: the later cues keep their time
                for j, old in given:
                    needs[j] = old
                for m in range(given[-1][0], k, -1):
                    settle(m)
        settle(k)
    return needs


def _time_cues(rooms: list[_Room], lim: FrameLimits) -> list[tuple[int, int, bool]]:
    """(start, end, too_fast) frames of each cue: as early as its words allow, shown for
    its reading time where the rooms allow it, chained over gaps under half a second."""
    fps = lim.fps
    hang = math.floor(ms_to_frames(MAX_HANG_MS, fps))
    tail = math.floor(ms_to_frames(MAX_TAIL_MS, fps))
    needs = _needs(rooms, lim, hang)
    latest = _latest_starts(rooms, needs, lim, hang)
    out: list[tuple[int, int, bool]] = []
    prev_end: int | None = None
    for k, r in enumerate(rooms):
        start = r.earliest if prev_end is None else max(r.earliest, prev_end + lim.gap_frames)
        nxt = rooms[k + 1].earliest if k + 1 < len(rooms) else None
        bound = r.speech_end + hang if k + 1 == len(rooms) else min(r.speech_end + hang, latest[k + 1] - lim.gap_frames)
        bound = min(bound, start + lim.max_frames)
        natural = r.speech_end if nxt is None else min(r.speech_end, nxt - lim.gap_frames)
        end = max(natural, start + needs[k])
        # Room left before the next cue: up to the target rate, and chaining closes a gap
        # under half a second (Netflix), both no more than half a second after the words.
        soft = min(bound, r.speech_end + tail) if nxt is None else min(bound, r.speech_end + tail, nxt - lim.gap_frames)
        end = max(end, min(soft, start + _frames_for(r.chars, r.target_cps, fps)))
        if nxt is not None and 0 < nxt - lim.gap_frames - end < lim.chain_frames - lim.gap_frames:
            end = max(end, soft)
            # Still open (the next words come more than half a second after these): widen
            # the gap to half a second instead, where the cue can still be read and shows
            # all its words (whisper-like segments 0.5-1 s apart, abilities-barriers).
            widened = nxt - lim.chain_frames
            if end < nxt - lim.gap_frames and widened >= max(start + needs[k], r.speech_end):
                end = widened
        end = max(start + 1, min(end, bound))
        out.append((start, end, end - start < _frames_for(r.chars, r.max_cps, fps)))
        prev_end = end
    return out


def _rooms(laid: list[_Laid], sub: SubtitleFile, options: CueOptions) -> list[_Room]:
    fps = options.fps
    lag = math.floor(ms_to_frames(_LAG_MS, fps))
    rooms: list[_Room] = []
    for lines, held, _ in laid:
        shown = " ".join(lines) if not held[0].label else f"{held[0].label}: {' '.join(lines)}"
        # Reading speed as validate measures it (lines are broken by the stricter rule).
        lim = options.profile.limits_for(cue_lang(shown))
        source = sub.entries[held[0].source]
        earliest = math.ceil(ms_to_frames(held[0].start_ms, fps))
        if rooms:
            earliest = max(earliest, rooms[-1].earliest + 1)
        latest = max(earliest, min(math.floor(ms_to_frames(source.end_ms, fps)), earliest + lag))
        speech_end = max(earliest + 1, math.ceil(ms_to_frames(held[-1].end_ms, fps)))
        chars = text_width(shown, lim.weighted)
        rooms.append(_Room(earliest, latest, speech_end, chars, lim.max_cps, lim.target_cps or lim.max_cps))
    return rooms


def _merge_fast(laid: list[_Laid], times: list[tuple[int, int, bool]], options: CueOptions) -> list[_Laid]:
    """The new cues with each cue too fast to read merged with the next cue of its turn,
    where both fit one cue of the line breaker's and the two together are read in the time
    they had (a fast half-line before a slow one)."""
    out: list[_Laid] = []
    k = 0
    while k < len(laid):
        if k + 1 < len(laid) and (times[k][2] or times[k + 1][2]):
            (lines_a, held_a, dual_a), (lines_b, held_b, dual_b) = laid[k], laid[k + 1]
            same_run = held_a[-1].turn == held_b[0].turn and held_b[0].start_ms - held_a[-1].end_ms < MAX_HANG_MS
            if same_run and not (dual_a or dual_b or held_b[0].label or held_a[0].sound or held_b[0].sound):
                merged = _layout(held_a + held_b, options)
                # The breaker's one cue, else the two as they are, a line each ("Go now." over
                # the next sentence, where "Go now." alone would be 0.3 s).
                both = lines_a + lines_b if len(lines_a) + len(lines_b) <= options.profile.max_lines else None
                lines = merged[0][0] if len(merged) == 1 else both
                if lines is not None:
                    shown = " ".join(lines) if not held_a[0].label else f"{held_a[0].label}: {' '.join(lines)}"
                    lim = options.profile.limits_for(cue_lang(shown))
                    frames = _frames_for(text_width(shown, lim.weighted), lim.max_cps, options.fps)
                    if frames <= times[k + 1][1] - times[k][0]:
                        out.append((lines, held_a + held_b, False))
                        k += 2
                        continue
        out.append(laid[k])
        k += 1
    return out


_UNREAD_RULES = ("parse-error", "bad-timestamp")
_FOUND = compile_pattern(r"\((found .*)\)$")


def _check_readable(sub: SubtitleFile) -> None:
    """Raise where reflowing ``sub`` would lose words: a block it could not read (a bad
    timestamp, a line that is no cue) or no cue at all (a note saved as ``.srt``, a JSON
    file that holds no cues). Validate lists such blocks; reflow writes the words anew, so
    a block left out would be words gone without a word said."""
    if sub.unreadable:
        unread = [f for f in sub.findings if f.rule in _UNREAD_RULES]
        first = min(unread, key=lambda f: f.line or 0) if unread else None
        message = first.message if first else "a block that is no cue"
        found = _FOUND.search(message)
        detail = found.group(1) if found else f"found {message}, expected a cue"
        raise ParseError(
            f"cannot reflow a block subtools cannot read ({detail})", sub.source, first.line if first else None
        )
    if not sub.entries:
        raise ParseError("no cues to reflow (found 0 cues, expected a subtitle file)", sub.source)
    _check_times(sub)


def _check_times(sub: SubtitleFile) -> None:
    """Raise at a cue that ends before it starts or starts before the cue above it: its
    words have no place in time, and putting them somewhere would move them silently (a
    Whisper segment written 5 s -> 1 s came out after the next one)."""
    previous: Entry | None = None
    for e in sub.entries:
        if e.end_ms < e.start_ms:
            found = f"{format_clock(e.start_ms)} -> {format_clock(e.end_ms)}"
            message = f"cannot reflow cue {e.number}: it ends before it starts (found {found}, expected a later end)"
            raise ParseError(message, sub.source, e.line)
        if previous is not None and e.start_ms < previous.start_ms:
            raise ParseError(
                f"cannot reflow cue {e.number}: it starts before the cue above it (found {format_clock(e.start_ms)} "
                f"after {format_clock(previous.start_ms)}, expected cues in time order: `subtools validate --fix` "
                "sorts them)",
                sub.source,
                e.line,
            )
        previous = e


def reflow_subtitles(sub: SubtitleFile, options: CueOptions | None = None, *, keep_sound: bool = True) -> CueTrack:
    """The cues of ``sub`` rebuilt: every spoken word once and in order, at its time.

    A cue starts on its first word (never before it, and inside the source cue that word
    came from), shows its words and stays for its reading time at the profile's cps
    limit, borrowing silence after the words (up to 1.5 s) or starting up to a second late
    where the cue before needs it; a cue still too fast is merged with the next of its
    turn where the two fit one cue and are read in time; only where the words' own times
    leave no such room is a cue faster, up to one cps over the limit, and ``too-fast``
    then if even that does not fit.

    Raises:
        ParseError: a block of ``sub`` could not be read (its words would be lost), or
            ``sub`` holds no cue.
    """
    _check_readable(sub)
    options = options or CueOptions()
    words = [w for w in source_words(sub) if keep_sound or not w.sound]
    laid = pair_turns(
        [(lines, held, False) for run in _turns(words) for lines, held in _layout(run, options)],
        lambda cue: (cue[1][0].turn, cue[1][-1].turn),
        lambda a, b, following: _dual(a, b, following, options),
    )
    fps = options.fps
    lim = FrameLimits.from_profile(options.profile, fps)
    times = _time_cues(_rooms(laid, sub, options), lim)
    merged = _merge_fast(laid, times, options)
    if len(merged) < len(laid):
        laid, times = merged, _time_cues(_rooms(merged, sub, options), lim)
    cues = tuple(
        Cue(
            frames_to_ms(start, fps),
            frames_to_ms(end, fps),
            tuple(lines),
            speaker=held[0].speaker,
            label=held[0].label,
            lang=held[0].lang,
            flags=(("too-fast",) if fast else ()) + ((DUAL_SPEAKER,) if dual else ()),
            voices=_voices(held) if dual else (),
        )
        for (lines, held, dual), (start, end, fast) in zip(laid, times, strict=True)
    )
    return CueTrack(cues, source=sub.source, profile=options.profile.name, fps=options.fps)


def too_fast_warnings(track: CueTrack, options: CueOptions) -> list[str]:
    """One line per reflowed cue flagged ``too-fast`` (``source: warning: cue N is too fast
    to read (X cps; …)``), for an editor: the words' own times leave it no room, so the
    flag is all that says it, and a CLI user never sees ``Cue.flags``."""
    out: list[str] = []
    for number, cue in enumerate(track, start=1):
        if "too-fast" not in cue.flags:
            continue
        shown = f"{cue.label}: {cue.text}" if cue.label else cue.text
        limits = options.profile.limits_for(cue_lang(shown))
        cps = text_width(shown, limits.weighted) * 1000 / max(1, cue.end_ms - cue.start_ms)
        out.append(
            f"{track.source or '<string>'}: warning: cue {number} is too fast to read "
            f"({cps:.1f} cps; the words' own times leave no room)"
        )
    return out
