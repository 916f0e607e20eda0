"""Text after the report (card P27) is page chrome; numbered lines of the report are not."""

from __future__ import annotations

from subtools import parse_transcript

_REPORT = "Harbor Fees Frozen\n\nThe port will not raise its fees this year, the authority said on Monday.\n"


def test_a_numbered_comment_list_after_the_report_is_chrome() -> None:
    t = parse_transcript(_REPORT + "\n\n  1. Great news for the fishermen.\n\n  2. I watch this every day, thank yo\n")
    spoken = " ".join(seg.text for seg in t.segments)
    assert "Great news" not in spoken
    assert "thank yo" not in spoken
    assert {d.text for d in t.dropped} >= {"Great news for the fishermen.", "I watch this every day, thank yo"}


def test_numbered_quotes_of_the_report_stay_spoken() -> None:
    text = (
        'Answers at the border\n\n1) "When do the talks resume?"\n"In May."\n\n'
        '2) "Will fees be cut?"\n\n3) "Ask the port."\n'
    )
    spoken = " ".join(seg.text for seg in parse_transcript(text).segments)
    for words in ("When do the talks resume?", "Will fees be cut?", "Ask the port."):
        assert words in spoken


def test_encoded_data_in_a_page_is_chrome_and_accounted_for() -> None:
    # Why: base64 pasted with a page (a data: URI, a script token) was read as speech, and a
    # 30 MB file of it took minutes to parse (tests/test_fuzz.py holds the time).
    blob = ["QmFzZTY0IGJsb2IgZm9yIGEgdGVzdCwgbm90IHNwZWVjaC4gMTIzNDU2Nzg5MA==", "a1B2c3D4" * 6 + "+/=="]
    t = parse_transcript(_REPORT + "\n".join(blob) + "\nThe fees stay frozen until next spring.\n")
    spoken = " ".join(seg.text for seg in t.segments)
    assert "fees stay frozen" in spoken
    assert "QmFz" not in spoken
    assert "a1B2" not in spoken
    assert {d.text: d.reason.value for d in t.dropped if d.text in blob} == dict.fromkeys(blob, "page-chrome")


def test_long_words_without_digits_stay_spoken() -> None:
    long = "Rindfleischetikettierungsueberwachungsaufgabenuebertragungsgesetz"  # 65 letters, no digit
    t = parse_transcript(_REPORT + f"The law was called the {long}.\n{long}\n")
    assert sum(seg.text.count(long) for seg in t.segments) == 2
