"""The invented examples of ../shared/parse-shapes/ give the parse their card describes.

Each expectation below was written from reading the card (../shared/parse-shapes.md),
not from the parser's output: the titles of the stories, the Korean headline, the turns
in order (role and speaker name; ``ANY`` where the card names nobody, ``None`` where it
says the name is unknown) and the sign-offs. The directory sits beside the repository;
without it the test is skipped, except under CI=true, where it must run.

The fixtures of the test suite (fixtures/transcripts/) are our own, in the same shapes
and with other words; this test only checks that the parser also gives the cards'
own examples the parse the cards describe.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from subtools import parse_transcript
from subtools.model import Transcript

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHAPES = SHARED / "parse-shapes"
ANY = object()  # any speaker name, or none
_UNSET = object()


@dataclass(frozen=True)
class Expect:
    """What a card says the right parse is; fields left unset are not checked."""

    titles: object = _UNSET  # list of each story's title (or None)
    headline: object = _UNSET  # the first story's Korean headline (or None)
    turns: object = _UNSET  # [(role, name)] over all stories, in order
    signoffs: object = _UNSET  # list of each story's sign-off name (or None)
    starts: dict[int, str] = field(default_factory=dict)  # turn index → how its text begins
    absent: tuple[str, ...] = ()  # words that must not be in any segment (chrome, metadata)


A, R, S, G = "anchor", "reporter", "soundbite", "interviewee"  # G: a guest (interviewee)

CASES: dict[str, Expect] = {
    # P01: three stories by their "Title:" slots; the header lines are metadata.
    "01_rundown_title_fields": Expect(
        titles=["Headlines", "Opening", "Ferry fares to rise in April"],
        turns=[(A, None), (A, None), (A, None), (R, "Yun Da-hye")],
        absent=("THIS IS THE TRANSCRIPT", "Title:"),
    ),
    "01b_rundown_unindented": Expect(
        titles=["Headlines", "Opening", "Central bank holds rates steady"],
        turns=[(A, None), (A, None), (A, None), (R, "Ahn Jae-won")],
        absent=("Tip", "Select text", "MIDDAY LINE"),
    ),
    # P32: both notice lines are chrome; no Korean headline.
    "02_kbs_readaloud_wrap": Expect(titles=["Orchard Frost Damage"], headline=None, turns=[(A, None), (R, ANY)]),
    # P10b/P28/P33: a news list: bulleted titles, a sign-off ending a paragraph, no headline.
    "03_korean_furniture_space": Expect(
        titles=["City Adds Night Buses To Airport Routes", "Rainy Season Starts Early In Jeju"],
        headline=None,
        turns=[(A, None), (R, "Bae Ha-rin"), (A, None)],
        signoffs=["Bae Ha-rin", None],
        absent=("Photo", "■"),
    ),
    # P03: bullets dropped; a co-presenter's "And I'm NAME" label is an anchor.
    "04_subtitle_bullets": Expect(
        titles=[None],
        turns=[(A, "Mara Quill"), (A, "Tobias Renn"), (A, "Mara Quill")],
        starts={0: "Good evening. I'm Mara Quill.", 1: "And I'm Tobias Renn. On the program tonight"},
        absent=("•",),
    ),
    # P04: capitals names with mixed-case affiliations; the presenter resumes.
    "05_caps_name_mixed_title": Expect(
        turns=[
            (A, "Mara Quill"),
            (S, "Helena Voss"),
            (A, "Mara Quill"),
            (S, "Oswin Parke"),
            (S, "Ivan Dross"),
            (A, ANY),
        ],
        starts={1: "Children eat more", 3: "We have not raised", 4: "We will open", 5: "The council also"},
    ),
    # P05: the header above the transcript marker is metadata; the title is kept.
    "06_transcript_marker_header": Expect(
        titles=["Ferry service resumes after storm"],
        turns=[(A, None)],
        starts={0: "Ferries are running again"},
        absent=("Boats returned", "09/14/21", "Transcript"),
    ),
    "07_archive_item_header": Expect(
        starts={0: "the bridge over the river"}, absent=("Publication date", "Topics", "Audio Preview")
    ),
    # P05/P25/P23: a podcast page: presenters split at each "I'm NAME", a nameless hand-off.
    "08_podcast_header": Expect(
        titles=["Everyday Words Podcast - May 3, 2021"],
        turns=[(A, "Lena Brook"), (A, "Omar Field"), (R, ANY)],
        absent=("Ratings", "Summary", "On this episode", "Podcast Logo"),
    ),
    # P06/P26: prompts are chrome; narrator, clip, narrator.
    "09_site_prompts_chevrons": Expect(
        titles=[None], turns=[(A, None), (S, None), (A, None)], absent=("Great choice", "Short on time", "Edition")
    ),
    # P07: the title is the line above "Aired …"; the show name is metadata.
    "10_cnn_header": Expect(
        titles=["Dam Inspections Ordered; Wildfire Season Starts Early"], turns=[(A, "Paula Reyes")]
    ),
    # P09: a title that ends in a date.
    "11_title_with_date": Expect(titles=["Harbor Hour full episode March 9, 2021"], turns=[(A, "Hanna Lowe")]),
    # P08: chrome is not the title.
    "12_chrome_as_title": Expect(titles=["Cargo ship refloated after two days aground"], turns=[(A, None)]),
    "12b_image_alt_title": Expect(titles=[None], turns=[(A, "Hanna Lowe")]),
    # P10a: an ALL-CAPS heading above "[Anchor Lead]" opens the second story.
    "13_kbs_caps_second_story": Expect(
        titles=["TUNNEL OPENS AHEAD OF SCHEDULE", "LANTERN FESTIVAL DRAWS RECORD CROWD"],
        turns=[(A, None), (R, None), (A, None)],
    ),
    # P10c: a station listing: the header is chrome; two stories by their headings.
    "15_npr_listing": Expect(
        titles=["Library Reopens After Flood Repairs", "Bridge Tolls To Rise In Summer"],
        starts={0: "Good evening, I'm Ruth Calder."},
        absent=("Weekdays", "For thirty years", "Originally published", "NPR Story"),
    ),
    # P11/P12: a KBS story without "[Pkg]"; a lone "Name (Job title):" label is a soundbite.
    "16_kbs_untagged_pkg_single_label": Expect(turns=[(A, None), (R, None), (S, "Park Min-seo"), (R, None)]),
    "17_first_label_is_newsmaker": Expect(
        titles=["HARVEST FORECAST CUT"],
        turns=[(A, None), (R, None), (S, "Choi Dae-won"), (R, None), (S, "Choi Dae-won"), (R, None)],
    ),
    # P13: a colon-less soundbite label with no words gives no segment; the reporter's
    # narration on either side of it are two turns, as the card lists them.
    "18_kbs_soundbite_label_no_colon": Expect(
        turns=[(A, None), (R, None), (R, None), (S, "Ko Eun-bi")],
        starts={1: "The first bidder", 2: "The second bidder", 3: "We will vote"},
    ),
    # P14: an event label: a soundbite with no person's name.
    "19_soundbite_event_label": Expect(
        turns=[(A, None), (R, None), (S, None), (R, None)], starts={2: '"This station belongs'}
    ),
    # P15: live two-ways.
    "20_live_vocative": Expect(turns=[(A, "Mina"), (R, "Song Ha-eun")], starts={1: "Mina, thanks."}),
    "20b_live_two_reporters": Expect(turns=[(A, ANY), (R, "Song Ha-eun")], starts={1: "Mina. Yes."}),
    "20c_live_late_handoff": Expect(turns=[(A, None), (R, "Noh Ji-hoon")], starts={1: "Yes, the heat wave"}),
    # P16: hand-offs in unpunctuated captions.
    "21_asr_live_cross": Expect(turns=[(A, None), (R, "Kang Yu-jin")], starts={1: "yes the city says"}),
    "21b_asr_report_from": Expect(turns=[(A, None), (R, "Rosa Delmar")], starts={1: "utility workers"}),
    # P17: a VOA TV script.
    "22_voa_script": Expect(
        titles=["Villages Dig Deeper As Drought Spreads"],
        turns=[(A, None), (R, "Lorna Petit"), (S, "Amos Keter"), (R, "Lorna Petit")],
        absent=("Mandatory courtesy", "TVPKG", "PLAYBOOK"),
    ),
    # P18: a YTN panel with bracket labels.
    "23_ytn_panel": Expect(
        turns=[(A, None), (S, "Kim Ha-neul"), (A, None), (G, "Tak Seo-rin"), (G, None)],
        absent=("This script may not match",),
    ),
    # P20: capitalised words are not people.
    "24_false_handoff_words": Expect(turns=[(A, None)]),
    "24b_false_runon_reports": Expect(turns=[(A, None)]),
    "24c_false_label_plus": Expect(turns=[(A, "Mara Quill"), (S, "Kim Do-yun"), (A, "Mara Quill")]),
    # P21: quote blocks.
    "25_quote_blank_lines": Expect(
        turns=[(A, None), (R, "Yoo Ga-eun"), (S, ANY), (R, "Yoo Ga-eun")], starts={3: "Beach patrols"}
    ),
    # (b) the quoted programme name ends the anchor's sentence; the label after (BREAK) is
    # a second anchor segment.
    "25b_quote_wrapped_continuation": Expect(
        turns=[(A, "Hanna Lowe"), (A, "Hanna Lowe")],
        starts={0: 'Good evening. Tonight, a look at the new season of "Harbor Hour."'},
    ),
    # P21 (c) and P36: numbered questions are the questioner's, the answers the delegate's.
    "25c_quote_attrib_glued": Expect(turns=[(R, None), (G, "Ra Gyong-su"), (R, None), (G, "Ra Gyong-su")]),
    "25d_quote_unclosed_eof": Expect(turns=[(A, None), (R, "Moon Ye-jin"), (S, ANY), (R, "Moon Ye-jin"), (S, ANY)]),
    # P22: attribution without a speech verb.
    "26_quote_attribution_noverb": Expect(
        turns=[
            (A, None),
            (R, "Pyo Na-rae"),
            (S, "Jang Woo-seok"),
            (R, "Pyo Na-rae"),
            (S, "Jang Woo-seok"),
            (R, "Pyo Na-rae"),
            (S, "Ku Bo-ra"),
            (R, "Pyo Na-rae"),
        ]
    ),
    # P23: hand-off phrasings.
    "27_handoff_forms": Expect(turns=[(A, None), (R, "Moon Ye-jin")]),
    "27b_handoff_has_been_to": Expect(turns=[(A, None), (R, "Anna Borg")]),
    "27c_begins_our_coverage": Expect(turns=[(A, "Hanna Lowe"), (R, "Tomas Vik")]),
    # P24: a chant mid-line.
    "28_chanting_inline": Expect(
        turns=[(A, None), (S, None), (A, None)], starts={1: "Safe wards now! Safe wards now!", 2: "Bus fares"}
    ),
    # P25: the hand-off line is the anchor's.
    "29_vox_pop_misfire": Expect(turns=[(A, None), (R, ANY)], starts={1: "Heavy rain"}),
    # P27: text after the report is chrome.
    "31_post_report_junk": Expect(
        titles=["Port strike ends after nine days"],
        turns=[(A, None)],
        signoffs=["Bo Yun-seo"],
        absent=("Good news for the exporters", "Keep it u"),
    ),
    "31b_after_signoff_foreign": Expect(
        turns=[(A, None), (R, "Lee Ha-rim")], signoffs=["Lee Ha-rim"], absent=("unrelated text", "this song")
    ),
    # P19: an AP record on one line.
    "33_ap_flat_record": Expect(
        turns=[(S, "Kwon Hae-sol"), (A, ANY)], starts={0: '"The canal has been dry'}, absent=("TAPE", "Wide of")
    ),
    # P29, P30, P31: titles.
    "34_title_full_stop": Expect(
        titles=["Drought Forces Water Limits , Across Three Provinces."], turns=[(A, None)], starts={0: "On Sunday"}
    ),
    "35_title_blank_lowercase": Expect(
        titles=["Exporters warn a strong won will hurt sales abroad"], turns=[(A, None), (R, "Kang Min-ho")]
    ),
    "36_collapsed_header": Expect(titles=["HARBOR CRANES UPGRADED"], turns=[(A, None)]),
    # P34 (to be decided): the cue sheet is either dropped or Dana Holt's soundbite; both pass.
    "37_radio_cue_sheet": Expect(starts={0: "The city is asking residents"}),
    # P02: a second anchor without "And".
    "38_two_anchor_no_and": Expect(
        turns=[(A, "Yeon Bo-ra"), (A, "Daniel Frost")], starts={1: "It's a busy night of news"}
    ),
    # P12: indented newsmaker labels, narration between them.
    "40_indented_mixed_label": Expect(turns=[(S, "Park Min-seo"), (R, None), (S, "Ko Eun-bi"), (R, None)]),
}

# Cards whose examples the parser does not yet parse as the card says (strict: once one
# passes, it must move out of this list).
NOT_YET: dict[str, str] = {}


def _turns(t: Transcript) -> list[tuple[str, str | None]]:
    return [(seg.role.value, seg.speaker) for seg in t.segments]


def _check(name: str, t: Transcript, want: Expect) -> None:
    if want.titles is not _UNSET:
        assert [s.title.text if s.title else None for s in t.stories] == want.titles, name
    if want.headline is not _UNSET:
        first = t.stories[0].headline
        assert (first.text if first else None) == want.headline, name
    if want.turns is not _UNSET:
        got = _turns(t)
        assert isinstance(want.turns, list)
        assert len(got) == len(want.turns), f"{name}: {got}"
        for (role, speaker), (w_role, w_name) in zip(got, want.turns, strict=True):
            assert role == w_role, f"{name}: {got}"
            assert w_name is ANY or speaker == w_name, f"{name}: {got}"
    if want.signoffs is not _UNSET:
        assert [s.signoff.name if s.signoff else None for s in t.stories] == want.signoffs, name
    for k, start in want.starts.items():
        assert t.segments[k].text.startswith(start), f"{name}: turn {k} is {t.segments[k].text[:60]!r}"
    spoken = " ".join(seg.text for seg in t.segments)
    for word in want.absent:
        assert word not in spoken, f"{name}: {word!r} is in the spoken text"


def _params() -> list[Any]:
    out = []
    for name in sorted(CASES):
        marks = [pytest.mark.xfail(reason=NOT_YET[name], strict=True)] if name in NOT_YET else []
        out.append(pytest.param(name, id=name, marks=marks))
    return out


def _need_shapes() -> None:
    if not SHAPES.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHAPES} is missing: CI must have ../shared")
        pytest.skip(f"{SHAPES} is not here (the shared material sits beside the repository)")


@pytest.mark.parametrize("name", _params())
def test_card_example_parses_as_its_card_says(name: str) -> None:
    _need_shapes()
    path = SHAPES / f"{name}.txt"
    t = parse_transcript(path.read_text(encoding="utf-8"), source=str(path))
    _check(name, t, CASES[name])


def test_every_card_example_has_an_expectation() -> None:
    _need_shapes()
    assert sorted(p.stem for p in SHAPES.glob("*.txt")) == sorted(CASES)
