"""``validate`` reads every format ``convert`` writes without a false reading finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TRANSCRIPTS

from subtools import read_transcript
from subtools.build import CueOptions
from subtools.formats import FORMATS, SubtitleFormat, parse_subtitles
from subtools.pipeline import convert
from subtools.validation import validate_text

READING = {"parse-error", "bad-timestamp", "nonstandard-timestamp", "bad-index"}


@pytest.mark.parametrize("path", sorted(TRANSCRIPTS.glob("*.txt")), ids=lambda p: p.stem)
def test_convert_output_reads_back_cleanly_in_every_format(path: Path) -> None:
    transcript = read_transcript(path)
    options = CueOptions(headline=True, labels=True)
    _, track = convert(transcript, SubtitleFormat.SRT, options)
    for fmt in FORMATS:
        text, _ = convert(transcript, fmt, options)
        name = f"x{FORMATS[fmt].EXTENSIONS[0]}"
        report = validate_text(text, name)  # the format found as validate finds it: content, then name
        assert [f.message for f in report.findings if f.rule in READING] == [], fmt
        if fmt not in (SubtitleFormat.ASS, SubtitleFormat.JSON):  # these two also hold the title cards
            assert len(parse_subtitles(text, name).entries) == len(track.cues), fmt
