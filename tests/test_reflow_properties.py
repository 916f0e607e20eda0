"""Hypothesis: for any cue list, reflow keeps the words exactly, in order, and never breaks
a profile rule it can satisfy.

"Can satisfy", rule by rule:
- always: at most the profile's lines; no line over the width unless it is one word wider
  than a line; no cue over the maximum duration; the minimum gap between cues; no cue
  before its first word's speech;
- where time allows: the minimum duration and the cps limit (with ``validate``'s counting),
  and starting inside the source cue of the first word. A cue may break them only where
  ``reflowkit.impossible`` shows that it and the cues next to it cannot all have their
  time (minimum duration, reading time at the limit) within what their words' times allow;
  and it goes over the limit by more than 1 cps only where that is impossible too.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st
from reflowkit import cue_words, impossible, reading_need, shown
from strategies import srt_files

from subtools.build import CueOptions
from subtools.build.reflow import reflow_subtitles, source_words
from subtools.clock import ms_to_frames
from subtools.formats import SubtitleFormat, parse_subtitles, write_track
from subtools.language import is_mainly_korean
from subtools.profile import PROFILES, text_width
from subtools.validation import report_file
from subtools.validation.limits import ValidateOptions

# Rules reflow keeps wherever the words' times leave the room for them.
_TIME_BOUND = {"max-cps", "min-duration"}
FPS = CueOptions().fps


@settings(max_examples=300, deadline=None)
@given(srt_files(), st.sampled_from(["netflix-en", "korean", "bbc"]))
def test_reflow_keeps_words_and_every_rule_it_can(text: str, name: str) -> None:
    profile = PROFILES[name]
    sub = parse_subtitles(text, "any.srt")
    track = reflow_subtitles(sub, CueOptions(profile=profile))
    words = source_words(sub)
    assert [w for cue in track for w in cue_words(cue)] == [w.text for w in words]
    need, over = reading_need(profile), reading_need(profile, 1.0)
    pos = 0
    for k, cue in enumerate(track):
        first = words[pos]
        pos += len(cue_words(cue))
        assert cue.start_ms >= first.start_ms
        source_end = sub.entries[first.source].end_ms
        if cue.start_ms > source_end:
            # Cues start on frames: a source cue shorter than a frame may hold none; else
            # the cues before this one could not all be shown by then.
            no_frame = math.ceil(ms_to_frames(first.start_ms, FPS)) > math.floor(ms_to_frames(source_end, FPS))
            assert no_frame or (k > 0 and impossible(sub, track, k - 1, need))
        text_of = shown(cue)
        lim = profile.limits_for("ko" if is_mainly_korean(text_of) else "en")
        if text_width(text_of, lim.weighted) * 1000 / (cue.end_ms - cue.start_ms) > lim.max_cps + 1:
            assert impossible(sub, track, k, over)
    written = write_track(track, SubtitleFormat.SRT)
    report = report_file(parse_subtitles(written, "out.srt"), ValidateOptions(profile=profile))
    for finding in report.findings:
        if finding.severity.value != "error":
            continue
        assert finding.cue is not None, finding
        k = finding.cue - 1
        if finding.rule == "max-line-length":
            assert any(" " not in line for line in track.cues[k].lines), finding
        else:
            assert finding.rule in _TIME_BOUND, finding
            assert impossible(sub, track, k, need), finding
