"""Hypothesis builders shared by the property tests: cue texts, timed cue lists, tracks."""

from __future__ import annotations

from hypothesis import strategies as st

from subtools.model import Cue, CueKind, CueTrack, Role

# Characters that stress every format: markup, entities, override braces, arrows, Hangul.
ALPHABET = st.sampled_from(list("abc XYZ 09:,.-> 한국어 <i></i> { } & ; \\ ' \" ! ? 5 -> 6"))
LINE = st.text(ALPHABET, min_size=1, max_size=30).map(str.strip).filter(lambda s: s and "-->" not in s)
CUE_TEXT = st.lists(LINE, min_size=1, max_size=3)


def words(extra: str = "") -> st.SearchStrategy[str]:
    """One line of words, with ``extra`` characters a format must escape to carry exactly.

    SRT has no escape for ``<…>`` or ``{…}`` (players read both as markup), so its tests
    leave them out; WebVTT and JSON carry them exactly.
    """
    chars = list("abcdefgXYZ 0123456789,.?!'\"-한국어") + list(extra)
    return st.text(st.sampled_from(chars), min_size=1, max_size=40).map(lambda s: " ".join(s.split())).filter(bool)


@st.composite
def timed_cues(draw: st.DrawFn, max_ms: int = 36_000_000) -> list[tuple[int, int, list[str]]]:
    """(start_ms, end_ms, lines) in time order, gaps and durations of any size."""
    texts = draw(st.lists(CUE_TEXT, min_size=1, max_size=12))
    t = draw(st.integers(0, 5000))
    out = []
    for lines in texts:
        dur = draw(st.integers(1, 9000))
        out.append((t, min(t + dur, max_ms), lines))
        t += dur + draw(st.integers(0, 3000))
    return out


@st.composite
def tracks(draw: st.DrawFn, step_ms: int = 1, extra: str = "") -> CueTrack:
    """A cue track in time order: speakers, roles, top cues, one or two lines of plain words."""
    n = draw(st.integers(1, 10))
    t = draw(st.integers(0, 10_000)) // step_ms * step_ms
    cues = []
    for _ in range(n):
        dur = draw(st.integers(1, 8000)) // step_ms * step_ms + step_ms
        lines = tuple(draw(st.lists(words(extra), min_size=1, max_size=2)))
        role = draw(st.sampled_from([None, *Role]))
        speaker = draw(st.sampled_from([None, "Lee Ji-won", "Kang Kyung-wha"]))
        cues.append(Cue(t, t + dur, lines, kind=CueKind.SPEECH, role=role, speaker=speaker))
        t += dur + draw(st.integers(0, 2000)) // step_ms * step_ms
    return CueTrack(tuple(cues))


@st.composite
def srt_files(draw: st.DrawFn) -> str:
    """SRT text of cues of any length and gap (1 ms to 9 s, touching to 3 s apart), one
    or two lines of words, some opening with a ``NAME:`` label or a dialogue dash."""
    blocks, t = [], draw(st.integers(0, 5000))
    for k in range(draw(st.integers(1, 8))):
        lines = draw(st.lists(words(), min_size=1, max_size=2))
        lead = draw(st.sampled_from(["", "", "", "ANCHOR: ", "- "]))
        dur = draw(st.integers(1, 9000))
        stamp = f"{_srt_clock(t)} --> {_srt_clock(t + dur)}"
        blocks.append(f"{k + 1}\n{stamp}\n{lead}" + "\n".join(lines) + "\n")
        t += dur + draw(st.integers(0, 3000))
    return "\n".join(blocks)


def _srt_clock(ms: int) -> str:
    return f"{ms // 3600000:02}:{ms // 60000 % 60:02}:{ms // 1000 % 60:02},{ms % 1000:03}"
