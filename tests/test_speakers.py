"""Hand-offs, sign-offs, labels and names, with the look-alikes that must not match."""

from __future__ import annotations

import pytest

from subtools.parser.speakers import find_handoff, find_person_names, match_signoff, parse_label, split_garbled_signoff


@pytest.mark.parametrize(
    ("sentence", "name", "live"),
    [
        ("Lee Ji-won has the latest in coordination and talks between the allies.", "Lee Ji-won", False),
        ("Kim Min-ji reports.", "Kim Min-ji", False),
        ("Park Se-young explains.", "Park Se-young", False),
        ("Choi Jae-hoon starts us off.", "Choi Jae-hoon", False),
        ("Devin Kim has more.", "Devin Kim", False),
        ("Oh Jung-hee gives us a sneak peek.", "Oh Jung-hee", False),
        ("As talks resume, our Kim Hyo-jin tells us how the deal works.", "Kim Hyo-jin", False),
        ("Lee Ji-won has our top story.", "Lee Ji-won", False),
        ("kim eun-sun has this report", "Kim Eun-sun", False),
        ("CNN's Will Ripley has the latest from Seoul.", "Will Ripley", False),
        ("Here is our Kim Min-ji with the details.", "Kim Min-ji", False),
        ("Our correspondent Devin Kim joins us live from Washington.", "Devin Kim", True),
        ("Let's go first to Kim Ji-hyun.", "Kim Ji-hyun", True),
    ],
)
def test_handoffs(sentence: str, name: str, live: bool) -> None:
    h = find_handoff(sentence)
    assert h is not None
    assert (h.name, h.live) == (name, live)


@pytest.mark.parametrize(
    "sentence",
    [
        "CBS News reports.",
        "Yonhap reports that the two sides met.",
        "North Korea has more missiles than before.",
        "Kim Jong-un has the final say.",
        "President Yoon has the power to veto the bill.",
        "Weeks have gone by with no progress in talks between North Korea and the U.S.",
    ],
)
def test_not_handoffs(sentence: str) -> None:
    assert find_handoff(sentence) is None


def test_guest_handoff() -> None:
    h = find_handoff("Joining us now is Professor Kim Dong-yup of Kyungnam University.")
    assert h is not None
    assert (h.name, h.live, h.guest) == ("Kim Dong-yup", True, True)


@pytest.mark.parametrize(
    ("line", "name", "outlet"),
    [
        ("Lee Ji-won, Arirang News.", "Lee Ji-won", "Arirang News"),
        ("Kim Min-ji, KBS World Radio News.", "Kim Min-ji", "KBS World Radio News"),
        ("Oh Soo-young, eFM News.", "Oh Soo-young", "eFM News"),
        ("Paula Hancocks, CNN, Seoul.", "Paula Hancocks", "CNN"),
        ("For Arirang News, I'm Kim Ji-yeon.", "Kim Ji-yeon", "Arirang News"),
        ("KBS 뉴스 이지원입니다.", "이지원", "KBS 뉴스"),
        ("(Meteorological Caster Park Eun-ji)", "Park Eun-ji", None),
    ],
)
def test_signoffs(line: str, name: str, outlet: str | None) -> None:
    s = match_signoff(line)
    assert s is not None
    assert (s.name, s.outlet) == (name, outlet)


@pytest.mark.parametrize("line", ["That's Korea for you.", "Arirang News", "Reporter :", "Seoul, Washington talk."])
def test_not_signoffs(line: str) -> None:
    assert match_signoff(line) is None


def test_garbled_signoff() -> None:
    got = split_garbled_signoff("the talks will continue next week lee ji-won arirang news")
    assert got is not None
    head, sign, tail = got
    assert (head, sign.name, sign.outlet, tail) == (
        "the talks will continue next week ",
        "Lee Ji-won",
        "Arirang News",
        "lee ji-won arirang news",
    )


@pytest.mark.parametrize(
    ("text", "name", "title", "mods"),
    [
        ("CHRISTINE ROMANS, CNN ANCHOR (voice-over): Good morning.", "Christine Romans", "CNN ANCHOR", ("voice-over",)),
        ("ROMANS: hi", "Romans", None, ()),
        ("S. KIM: x", "S. Kim", None, ()),
        ("UNIDENTIFIED MALE (through translator): We will", None, None, ("through translator",)),
    ],
)
def test_labels(text: str, name: str | None, title: str | None, mods: tuple[str, ...]) -> None:
    label = parse_label(text)
    assert label is not None
    assert (label.name, label.title, label.modifiers) == (name, title, mods)


@pytest.mark.parametrize("text", ["NOTE: x", "IN: first words", "South Korea: the talks"])
def test_not_labels(text: str) -> None:
    assert parse_label(text, mixed_case=True) is None


def test_person_names_in_order_of_mention() -> None:
    sentence = "South Korea's foreign minister Kang Kyung-wha met with U.S. Secretary of State Mike Pompeo."
    assert find_person_names(sentence) == ["Kang Kyung-wha", "Mike Pompeo"]
    assert find_person_names("President Yoon Suk Yeol met Japanese Prime Minister Fumio Kishida.") == [
        "Yoon Suk Yeol",
        "Fumio Kishida",
    ]
