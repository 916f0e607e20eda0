"""Every bad break quoted in issue #13, in sentences of the same shapes: the line breaker
must not make it. Each test names the rule, not the sentence."""

from __future__ import annotations

import pytest

from subtools.build.cards import _CARD_WEIGHTS
from subtools.build.linebreak import break_text
from subtools.language import CONJUNCTIONS, DETERMINERS, PREPOSITIONS
from subtools.profile import PROFILES

EN = PROFILES["broadcast-news-en"].english
KO = PROFILES["korean"].limits_for("ko")


def _lines(text: str) -> list[str]:
    return [line for cue in break_text(text, EN) for line in cue]


def _gaps(cues: list[list[str]]) -> list[tuple[str, str, str]]:
    """Every break as (last word before, kind, first word after); kind ``eol`` or ``eob``."""
    out = []
    for k, cue in enumerate(cues):
        for n, line in enumerate(cue):
            nxt = cue[n + 1] if n + 1 < len(cue) else (cues[k + 1][0] if k + 1 < len(cues) else None)
            if nxt is not None:
                out.append((line.split()[-1], "eol" if n + 1 < len(cue) else "eob", nxt.split()[0]))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Automation will make the harbour one of the most efficient hubs in the whole of Northeast Asia.",
        "Inspectors found rust in three of its steel supports during an inspection at the end of last month.",
        "The new line will carry passengers from the airport to the city centre in under twenty minutes.",
        "Lawmakers are expected to vote on the proposal before the end of the session next week.",
    ],
)
def test_no_line_ends_on_an_article_or_preposition(text: str) -> None:
    for before, _, _ in _gaps(break_text(text, EN)):
        assert before.casefold() not in DETERMINERS | PREPOSITIONS, _lines(text)


@pytest.mark.parametrize(
    "text",
    ["Then when will the city reopen it?", "Defense officials from the two countries met in Tokyo on Wednesday."],
)
def test_english_in_a_korean_profile_keeps_the_english_rules(text: str) -> None:
    # Why: under --profile korean an English cue was broken by the Korean word rules, which
    # know no articles ("Then when will the" / "city reopen it?").
    limits = PROFILES["korean"].limits_for("en")
    assert limits.weighted
    for before, _, _ in _gaps(break_text(text, limits)):
        assert before.casefold() not in DETERMINERS | PREPOSITIONS


@pytest.mark.parametrize(
    ("text", "together"),
    [
        ("The county says it has five hundred trucks ready to clear the snow tonight.", "five hundred"),
        ("Officials expect about sixty thousand visitors at the festival this weekend.", "sixty thousand visitors"),
        ("The storm dropped more than 300 millimeters of rain on the coast overnight.", "300 millimeters"),
    ],
)
def test_number_words_and_units_stay_together(text: str, together: str) -> None:
    assert any(together in line for line in _lines(text)), _lines(text)


@pytest.mark.parametrize(
    ("text", "together"),
    [
        ("If you don't need to drive tonight, please stay off the roads until morning.", "don't need"),
        ("This is not the way the budget process is supposed to work, the senator said.", "budget process"),
        ("Forecasters issued a heat wave warning for most of the southern provinces today.", "heat wave"),
        ("Crews worked through the night to clean up the debris before the morning rush hour.", "clean up"),
    ],
)
def test_contraction_compound_and_phrasal_verb_stay_on_one_line(text: str, together: str) -> None:
    assert any(together in line for line in _lines(text)), _lines(text)


def test_compound_noun_not_split_across_cues() -> None:
    text = "The port will open its first fully automated container terminal in the first half of next year."
    for before, kind, after in _gaps(break_text(text, EN)):
        assert (before, after) != ("container", "terminal"), break_text(text, EN)
        if kind == "eob":
            assert after.casefold() in PREPOSITIONS, break_text(text, EN)


def test_short_sentence_tail_is_not_a_cue_of_its_own() -> None:
    cues = break_text("Seoul and Washington are staying in close touch.", EN)
    assert len(cues) == 1, cues


@pytest.mark.parametrize(
    "text",
    [
        "According to the city's transport office, buses and trains will run a reduced service during the long "
        "holiday weekend, and commuters are advised to check the timetable before they travel.",
        "According to Seoul's foreign ministry, Kang and Secretary Pompeo reaffirmed their close cooperation toward "
        "the final, fully verified denuclearization of the Korean Peninsula, and also promised to continue working.",
        "After a week of heavy rain in the southern provinces, farmers say they have lost most of the rice harvest, "
        "and the government has promised emergency loans to the worst hit villages.",
    ],
)
def test_cue_breaks_fall_at_clause_joints_not_between_verb_and_object(text: str) -> None:
    # A long sentence with commas: each cue ends at a comma or before a conjunction or a
    # preposition, never between a verb and its object ("will run" | "a reduced service").
    for before, kind, after in _gaps(break_text(text, EN)):
        if kind == "eob":
            assert before.endswith(",") or after.casefold() in CONJUNCTIONS | PREPOSITIONS, break_text(text, EN)


def test_korean_compound_and_sentence_start_stay_in_their_cue() -> None:
    text = "서울시는 지난해 지하철 운영 적자가 5천억 원을 넘었다고 밝혔습니다. 시는 요금 인상을 검토하고 있습니다."
    cues = break_text(text, KO)
    split = {(before, after) for before, _, after in _gaps(cues)}
    assert ("운영", "적자가") not in split, cues
    assert ("검토하고", "있습니다.") not in split, cues
    for cue in cues:
        # A cue may end a sentence, or start one, not both and stop mid-way in the next.
        words = " ".join(cue).split()
        inner_end = any(w.endswith(".") for w in words[:-1])
        assert not inner_end or words[-1].endswith("."), cues


def test_korean_headline_card_is_balanced() -> None:
    (card,) = break_text("정부, 청년 주거비 부담 완화 대책 발표", KO, weights=_CARD_WEIGHTS)
    assert len(card) == 2
    short, long = sorted(len(line) for line in card)
    assert long - short <= 3, card


def test_two_line_cues_are_never_over_the_limit() -> None:
    text = " ".join(["Forecasters issued a heat wave warning for most of the southern provinces today."] * 6)
    for cue in break_text(text, EN):
        assert len(cue) <= 2
        assert all(len(line) <= EN.max_line_width for line in cue), cue
