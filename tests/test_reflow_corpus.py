"""``reflow`` on inputs built from people's subtitles (``tests/reflowkit.py``): (a) Whisper-like
segments (SRT, and Whisper's JSON with word times), (b) rolling auto-captions with word times, (c) greedy vendor cues.

Issue #13's bar: every word once and in order, every cue starting inside its first word's
source cue and not before that word, no rule broken but reading speed, and reading speed
over 20 cps only where the words' own times make 20 impossible (``reflowkit.impossible``
proves it for each such cue), over 21 only where 21 is impossible too; breaks against the
human ones with the issue's F1 floors.
"""

from __future__ import annotations

import pytest
import reflowkit

from subtools.build.reflow import reflow_subtitles
from subtools.formats import parse_subtitles

pytestmark = pytest.mark.skipif(not reflowkit.CORPUS.exists(), reason=f"no corpus at {reflowkit.CORPUS}")

# (kind, least cue-break F1, least line-break F1, most cues over 20 cps, most over 21) as
# measured when set: 2/2, 7/4 and 2/2 cues over 20/21 cps, all of them proven unavoidable
# (the human cue of "between breeding and wintering grounds." runs at 35 cps); rolling went
# from 6 to 7 when the line breaker's cue-break costs changed (a cue break moved to a comma).
BARS = [
    ("whisper", 0.65, 0.40, 2, 2),
    ("whisper-json", 0.65, 0.40, 2, 2),
    ("rolling", 0.60, 0.40, 7, 4),
    ("vendor", 0.60, 0.40, 2, 2),
]


@pytest.mark.parametrize(("kind", "eob", "eol", "over_20", "over_21"), BARS)
def test_reflow_keeps_the_rules_people_keep(kind: str, eob: float, eol: float, over_20: int, over_21: int) -> None:
    fig = reflowkit.measure(kind)
    assert fig.words_kept
    assert fig.starts_inside
    assert fig.unproven == 0
    assert fig.over_20 <= over_20
    assert fig.over_21 <= over_21
    # validate under the same profile: the only errors are the unavoidable fast cues.
    assert set(fig.errors) <= {"max-cps"}
    assert fig.errors.get("max-cps", 0) == fig.over_20
    # Gaps under half a second are closed or widened to it (chaining), all but a few that a
    # 7 s cue or a cue's reading time leaves (4, 3, 3, 2 when set; 31 in (a) before).
    assert fig.warnings.get("chain-gap", 0) <= 4
    assert fig.eob_f1 >= eob
    assert fig.eol_f1 >= eol


def test_the_proof_of_impossible_can_fail() -> None:
    """``impossible`` says no for words with room, yes for words people put at 35 cps."""
    text = "1\n00:00:01,000 --> 00:00:05,000\nThe river rose overnight.\n\n2\n00:00:09,000 --> 00:00:10,000\n"
    text += "Bird migration is the regular seasonal movement, often north and south.\n"
    sub = parse_subtitles(text, "t.srt")
    track = reflow_subtitles(sub)
    fast = [k for k, cue in enumerate(track) if reflowkit.cps(cue) > 20]
    assert fast
    assert 0 not in fast
    assert not reflowkit.impossible(sub, track, 0, 20)
    assert all(reflowkit.impossible(sub, track, k, 21) for k in fast)
