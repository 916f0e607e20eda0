"""Reflow inputs built from the human subtitles of ``../shared/linebreak-corpus`` and the
figures ``reflow`` is judged by: words kept, reading speed, rules, breaks against people.

From each human file the words get times (each human cue's span shared out by length, the
speech it carries), and three kinds of input are written from those words:

(a) ``whisper``: Whisper-like SRT, one line per segment of a sentence or up to 12 s, and
    ``whisper-json``: the same segments as Whisper's JSON with each word's own time;
(b) ``rolling``: YouTube-style rolling two-line WebVTT, each line shown twice, with
    ``<00:00:01.234><c>`` word times and 10 ms hand-over cues;
(c) ``vendor``: greedy 42-character, two-line SRT cues.

The corpus scorer (``score_linebreaks.py``, loaded from the corpus, not copied) aligns the
reflowed words to the human ones and scores cue (<eob>) and line (<eol>) breaks.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from subtools.build import CueOptions
from subtools.build.reflow import reflow_subtitles, source_words
from subtools.formats import SubtitleFormat, parse_subtitles, read_subtitles, write_track
from subtools.formats.base import SubtitleFile
from subtools.language import is_mainly_korean
from subtools.model import Cue, CueTrack
from subtools.profile import PROFILES, Profile, text_width
from subtools.validation import report_file
from subtools.validation.limits import ValidateOptions

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "linebreak-corpus"
KINDS = ("whisper", "whisper-json", "rolling", "vendor")
_ANNOTATION = re.compile(r"^\s*[\[(][^\])]*[\])]\s*$")
_SENTENCE_END = re.compile(r"[.?!][\"')\]]*$")


@dataclass(frozen=True)
class TimedWord:
    text: str
    start_ms: int
    end_ms: int


def scorer() -> ModuleType:
    """The corpus's own scorer, imported from where it lives."""
    path = CORPUS / "score_linebreaks.py"
    if "score_linebreaks" not in sys.modules:
        spec = importlib.util.spec_from_file_location("score_linebreaks", path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["score_linebreaks"] = module
        spec.loader.exec_module(module)
    module = sys.modules["score_linebreaks"]
    return module


def documents() -> list[Path]:
    return sorted(CORPUS.rglob("*.vtt"))


def human_words(path: Path) -> list[TimedWord]:
    """The spoken words of a human file, each cue's span shared out by word length."""
    out: list[TimedWord] = []
    for cue in read_subtitles(path).cues:
        lines = [ln for ln in cue.lines if not _ANNOTATION.match(ln)]
        words = " ".join(lines).split()
        if not words:
            continue
        total, done = sum(len(w) + 1 for w in words), 0
        span = cue.end_ms - cue.start_ms
        for w in words:
            begin = cue.start_ms + span * done // total
            done += len(w) + 1
            out.append(TimedWord(w, begin, cue.start_ms + span * done // total))
    return out


def _clock(ms: int, sep: str) -> str:
    return f"{ms // 3600000:02}:{ms // 60000 % 60:02}:{ms // 1000 % 60:02}{sep}{ms % 1000:03}"


def _srt(cues: list[tuple[int, int, list[str]]]) -> str:
    blocks = [f"{k}\n{_clock(s, ',')} --> {_clock(e, ',')}\n" + "\n".join(lines) for k, (s, e, lines) in
              enumerate(cues, 1)]  # fmt: skip
    return "\n\n".join(blocks) + "\n"


def whisper_srt_segments(words: list[TimedWord]) -> list[list[TimedWord]]:
    """Whisper's segments: a sentence, or up to 12 s of speech."""
    segments: list[list[TimedWord]] = [[]]
    for w in words:
        if segments[-1] and w.end_ms - segments[-1][0].start_ms > 12000:
            segments.append([])
        segments[-1].append(w)
        if _SENTENCE_END.search(w.text):
            segments.append([])
    return [seg for seg in segments if seg]


def whisper_srt(words: list[TimedWord]) -> str:
    """(a) One line per sentence, or up to 12 s of speech."""
    return _srt(
        [(seg[0].start_ms, seg[-1].end_ms, [" ".join(w.text for w in seg)]) for seg in whisper_srt_segments(words)]
    )


def whisper_json(words: list[TimedWord]) -> str:
    """(a) as openai-whisper writes it with ``word_timestamps=True``: each word its time."""
    segments: list[dict[str, object]] = []
    for line in whisper_srt_segments(words):
        text = "".join(f" {w.text}" for w in line)
        ws = [{"word": f" {w.text}", "start": w.start_ms / 1000, "end": w.end_ms / 1000, "probability": 0.9}
              for w in line]  # fmt: skip
        segments.append({"id": len(segments), "start": line[0].start_ms / 1000, "end": line[-1].end_ms / 1000,
                         "text": text, "words": ws})  # fmt: skip
    return json.dumps({"text": "".join(str(s["text"]) for s in segments), "segments": segments, "language": "en"})


def _greedy_lines(words: list[TimedWord], width: int) -> list[list[TimedWord]]:
    lines: list[list[TimedWord]] = [[]]
    for w in words:
        if lines[-1] and len(" ".join(x.text for x in [*lines[-1], w])) > width:
            lines.append([])
        lines[-1].append(w)
    return [line for line in lines if line]


def vendor_srt(words: list[TimedWord]) -> str:
    """(c) Lines filled greedily to 42 characters, two to a cue."""
    lines = _greedy_lines(words, 42)
    cues = []
    for k in range(0, len(lines), 2):
        pair = lines[k : k + 2]
        cues.append((pair[0][0].start_ms, pair[-1][-1].end_ms, [" ".join(w.text for w in ln) for ln in pair]))
    return _srt(cues)


def rolling_vtt(words: list[TimedWord]) -> str:
    """(b) YouTube auto-captions: each new line types in under the line before it."""
    lines = _greedy_lines(words, 42)
    blocks = ["WEBVTT\n"]
    for k, line in enumerate(lines):
        start = line[0].start_ms
        end = lines[k + 1][0].start_ms if k + 1 < len(lines) else line[-1].end_ms
        end = max(end, start + 20)
        top = [" ".join(w.text for w in lines[k - 1])] if k else []
        typed = line[0].text + "".join(f"<{_clock(w.start_ms, '.')}><c> {w.text}</c>" for w in line[1:])
        blocks.append(f"{_clock(start, '.')} --> {_clock(end - 10, '.')}\n" + "\n".join([*top, typed]) + "\n")
        shown = "\n".join([*top, " ".join(w.text for w in line)])
        blocks.append(f"{_clock(end - 10, '.')} --> {_clock(end, '.')}\n{shown}\n")
    return "\n".join(blocks)


BUILDERS = {
    "whisper": (whisper_srt, "a.srt"),
    "whisper-json": (whisper_json, "a.json"),
    "rolling": (rolling_vtt, "b.vtt"),
    "vendor": (vendor_srt, "c.srt"),
}


@dataclass
class Figures:
    cues: int = 0
    over_20: int = 0
    over_21: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    words_kept: bool = True
    starts_inside: bool = True
    unproven: int = 0  # cues over 20 (or 21) cps that no window shows to be unavoidable
    eob_f1: float = 0.0
    eol_f1: float = 0.0


def cps(cue: Cue) -> float:
    return text_width(shown(cue), False) * 1000 / (cue.end_ms - cue.start_ms)


def reflow_input(kind: str, path: Path, profile: str = "netflix-en") -> tuple[SubtitleFile, CueTrack]:
    build, name = BUILDERS[kind]
    sub = parse_subtitles(build(human_words(path)), name)
    return sub, reflow_subtitles(sub, CueOptions(profile=PROFILES[profile]))


def measure(kind: str, profile: str = "netflix-en") -> Figures:
    """The figures of reflow on every corpus document turned into input ``kind``."""
    sc = scorer()
    fig = Figures()
    tally = sc.Tally()
    for path in documents():
        sub, track = reflow_input(kind, path, profile)
        out_words = [w for cue in track for w in cue_words(cue)]
        words = source_words(sub)
        fig.words_kept &= out_words == [w.text for w in words]
        pos = 0
        for k, cue in enumerate(track):
            first, entry = words[pos], sub.entries[words[pos].source]
            fig.starts_inside &= first.start_ms <= cue.start_ms <= entry.end_ms
            pos += len(cue_words(cue))
            fig.unproven += (cps(cue) > 20 and not impossible(sub, track, k, 20)) + (
                cps(cue) > 21 and not impossible(sub, track, k, 21)
            )
        fig.cues += len(track.cues)
        fig.over_20 += sum(cps(c) > 20 for c in track)
        fig.over_21 += sum(cps(c) > 21 for c in track)
        written = write_track(track, SubtitleFormat.SRT)
        report = report_file(parse_subtitles(written, "out.srt"), ValidateOptions(profile=PROFILES[profile]))
        for f in report.findings:
            counts = fig.errors if f.severity.value == "error" else fig.warnings
            counts[f.rule] = counts.get(f.rule, 0) + 1
        ref = sc.stream(sc.read_doc(path.name, [path]).cues)
        cand = []
        for cue in track:
            for n, line in enumerate(cue.lines):
                toks = line.split()
                for k, w in enumerate(toks):
                    brk = (sc.EOB if n == len(cue.lines) - 1 else sc.EOL) if k == len(toks) - 1 else sc.NONE
                    cand.append(sc.Token(w, brk))
        brks, _ = sc.project(ref, sc.glue_punct(cand))
        tally.add(sc.score([t.brk for t in ref], brks))
    fig.eob_f1 = tally.prf("eob")[2]
    fig.eol_f1 = tally.prf("eol")[2]
    return fig


# The reflow rules' room: hang after the words, lag of a start, the 2-frame gap, and the
# frames lost to whole frames (29.97 fps): one per cue for its length, one for the run,
# whose first start rounds up and last end down.
HANG_MS, LAG_MS, GAP_MS, FRAME_MS = 1500, 1000, 67, 34


def cue_words(cue: Cue) -> list[str]:
    """The spoken words of a cue: a dual-speaker cue's line dashes are not words (a word
    never starts with a space, so "-" then one optional space is the dash)."""
    lines = [re.sub(r"^- ?", "", line) for line in cue.lines] if "dual-speaker" in cue.flags else cue.lines
    return [w for line in lines for w in line.split()]


def shown(cue: Cue) -> str:
    """The cue's text as a viewer reads it: the label the writers put before it too."""
    text = " ".join(cue.lines)
    return f"{cue.label}: {text}" if cue.label else text


def reading_need(profile: Profile, over_cps: float = 0.0) -> Callable[[Cue], float]:
    """The ms a cue needs on screen by ``profile`` (its minimum duration, and its
    characters at the cps limit plus ``over_cps``), measured as validate measures it."""

    def need(cue: Cue) -> float:
        text = shown(cue)
        lim = profile.limits_for("ko" if is_mainly_korean(text) else "en")
        return max(profile.min_duration_ms, text_width(text, lim.weighted) * 1000 / (lim.max_cps + over_cps))

    return need


def impossible(sub: SubtitleFile, track: CueTrack, k: int, need: float | Callable[[Cue], float]) -> bool:
    """Whether cue ``k`` and the cues next to it cannot all have the time they need
    (``need(cue)`` ms, or the cps limit ``need`` for plain English counting).

    For some run of cues i..j around k, as reflow grouped the words, the needs and gaps
    add up to more than the most time the run can have: from cue i's first word (no cue
    starts before its speech) to cue j's last word plus the 1.5 s hang, or to the latest
    start of cue j+1 (its first word plus a second of lag, inside that word's source cue)
    less a gap. Then at least one cue of the run must be shorter than it needs.
    """
    if not callable(need):
        limit = need
        need = lambda cue: text_width(shown(cue), False) * 1000 / limit  # noqa: E731
    words = source_words(sub)
    firsts, pos = [], 0
    for cue in track:
        firsts.append(pos)
        pos += len(cue_words(cue))
    firsts.append(pos)
    cues = list(track)
    needs = [need(c) + FRAME_MS for c in cues]

    def latest_start(j: int) -> int:
        w = words[firsts[j]]
        return min(sub.entries[w.source].end_ms, w.start_ms + LAG_MS)

    for i in range(max(0, k - 6), k + 1):
        for j in range(k, min(len(cues), k + 7)):
            end = words[firsts[j + 1] - 1].end_ms + HANG_MS
            if j + 1 < len(cues):
                end = min(end, latest_start(j + 1) - GAP_MS)
            if sum(needs[i : j + 1]) + GAP_MS * (j - i) + FRAME_MS > end - words[firsts[i]].start_ms:
                return True
    return False


if __name__ == "__main__":
    for kind in KINDS:
        print(kind, measure(kind))
