"""Every transcript fixture against its hand-reviewed golden JSON (pytest --update-golden)."""

from __future__ import annotations

from pathlib import Path

import pytest
from accounting import accounting_errors
from conftest import FIXTURES, TRANSCRIPTS, check_golden

from subtools import read_transcript
from subtools.parser.report import format_transcript_json
from subtools.textio import read_text

CASES = sorted(TRANSCRIPTS.glob("*.txt"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_parse_golden(path: Path, update_golden: bool) -> None:
    transcript = read_transcript(path)
    actual = format_transcript_json(transcript).replace(str(TRANSCRIPTS), "fixtures/transcripts")
    check_golden(FIXTURES / "golden" / f"{path.stem}.parse.json", actual, update_golden)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_line_accounted(path: Path) -> None:
    text, _ = read_text(path)
    assert accounting_errors(text, read_transcript(path)) == []
