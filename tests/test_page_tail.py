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
