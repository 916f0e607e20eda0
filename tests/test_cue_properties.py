"""Hypothesis: for any segment text, cues are sorted, apart, within limits and lossless."""

from __future__ import annotations

from fractions import Fraction

import subcheck
from hypothesis import given
from hypothesis import strategies as st
from reflowkit import cue_words

from subtools import ParseError, parse_transcript
from subtools.build import CueOptions, build_cues
from subtools.build.cues import normalise_text
from subtools.formats import SubtitleFormat
from subtools.model import Piece, Role, Segment, Story, Transcript
from subtools.pipeline import render_transcript
from subtools.profile import PROFILES, text_width

_EN_WORDS = st.sampled_from(
    "the talks resumed on Friday , Lee Ji-won said . North Korea's 300 millimeters of rain and but "
    'Minister Kang met U.S. Secretary Mike Pompeo in Seoul ... " government officials expect more '
    "than four million visitors working-level denuclearization ? !".split()
)
_KO_WORDS = st.sampled_from(
    "한미 외교장관회담 워킹그룹 실무회담 개최 다양한 레벨에서 공조 할 수 있다 3 명 BTS 새 앨범".split()
)
_PARSEABLE = st.lists(
    st.sampled_from(
        [
            "Lee Ji-won has the latest.",
            "Kim Min-ji, Arirang News.",
            '"We will keep talking."',
            "[Anchor Lead]",
            "[Pkg]",
            "[Soundbite] Kim Su-min(Professor) : ",
            "ROMANS: ",
            ">> ",
            "한미 외교장관회담 개최",
            "The talks resumed on Friday in Seoul and Washington,",
            "officials said.",
            "Recommended",
            "  • 5 years ago",
            "\n",
            "\n",
            "U.S.",
            "...",
        ]
    ),
    max_size=40,
).map("".join)
_WORD = st.text(alphabet=st.characters(categories=["L", "N", "P"]), min_size=1, max_size=12)


def _transcript(texts: list[tuple[str, str]]) -> Transcript:
    segments = tuple(
        Segment(Role.REPORTER if k % 2 else Role.ANCHOR, None, lang, text, k + 1, k + 1, (Piece(k + 1, 0, text),))
        for k, (lang, text) in enumerate(texts)
    )
    return Transcript("prop.txt", (Story(None, None, segments, None),), (), len(texts))


_SEGMENT = st.one_of(
    st.lists(_EN_WORDS, min_size=1, max_size=120).map(lambda w: ("en", " ".join(w))),
    st.lists(_KO_WORDS, min_size=1, max_size=60).map(lambda w: ("ko", " ".join(w))),
    st.lists(_WORD, min_size=1, max_size=60).map(lambda w: ("en", " ".join(w))),
)


@given(
    st.lists(_SEGMENT, min_size=1, max_size=4),
    st.sampled_from(sorted(PROFILES)),
    st.sampled_from(["23.976", "25", "29.97", "59.94"]),
    st.integers(min_value=120, max_value=260),
)
def test_cues_hold_the_rules(segments: list[tuple[str, str]], profile: str, fps: str, wpm: int) -> None:
    from subtools.clock import parse_fps

    rate = parse_fps(fps)
    options = CueOptions(profile=PROFILES[profile], fps=rate, wpm=wpm)
    cues = build_cues(_transcript(segments), options)
    frame = Fraction(1000) / rate
    for k, cue in enumerate(cues):
        limits = options.profile.limits_for(cue.lang)
        assert 1 <= len(cue.lines) <= 2
        for line in cue.lines:
            # A single word wider than a line is kept whole (never broken inside a word).
            assert text_width(line, limits.weighted) <= limits.max_line_width or " " not in line
        duration = cue.end_ms - cue.start_ms
        assert duration >= 833
        assert duration <= 7000
        assert text_width(cue.text, limits.weighted) / (duration / 1000) <= limits.max_cps + 1e-9 or (
            " " not in cue.text and duration == 7000
        )
        if k:
            gap = cue.start_ms - cues[k - 1].end_ms
            assert gap >= 2 * frame - 1  # two frames, give or take the rounding to ms
    assert [c.start_ms for c in cues] == sorted(c.start_ms for c in cues)
    # Nothing lost, nothing added: the cue text joined back is the segment text (the line
    # dashes of a dual-speaker cue are the convention, not words).
    assert " ".join(" ".join(cue_words(c)) for c in cues) == " ".join(normalise_text(t) for _, t in segments)


@given(_PARSEABLE)
def test_any_transcript_converts_within_qc(text: str) -> None:
    try:
        transcript = parse_transcript(text)
    except ParseError:
        return
    srt_text = render_transcript(transcript, SubtitleFormat.SRT)
    cues = subcheck.read_srt(srt_text)
    # Words wider than a line are kept whole; only they may break the width rule.
    problems = [p for p in subcheck.violations(cues) if "wide" not in p or " " in p.split("'")[1]]
    assert problems == []
