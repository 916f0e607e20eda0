"""Messages name a cue by the number the file gives it (an SRT cue number), else by its place."""

from __future__ import annotations

from subtools.validation import validate_text


def test_srt_messages_use_the_files_cue_numbers() -> None:
    text = "41\n00:00:01,000 --> 00:00:03,000\nHello there.\n\n42\n00:00:02,000 --> 00:00:04,000\n<i>\n"
    messages = [(f.rule, f.cue, f.message) for f in validate_text(text, "x.srt").findings]
    assert ("empty-cue", 2, "cue 42 has no visible text") in messages
    assert ("overlap", 2, "cue 42 starts 1000 ms before cue 41 ends") in messages


def test_webvtt_cues_are_named_by_place() -> None:
    text = "WEBVTT\n\nintro\n00:01.000 --> 00:03.000\nHello there.\n\n00:02.000 --> 00:04.000\n<i></i>\n"
    messages = [f.message for f in validate_text(text, "x.vtt").findings]
    assert "cue 2 has no visible text" in messages
