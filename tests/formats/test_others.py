"""Formats subtools does not read are named, never misread as SRT."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from subtools import ParseError
from subtools.cli import cli
from subtools.formats import parse_subtitles, read_subtitles

EXPECTED = "expected one of SRT, WebVTT, ASS/SSA, SBV, SAMI, TTML, subtools JSON"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("x.txt", "Scenarist_SCC V1.0\n\n00:00:00:00\t9420 9420\n"),
        ("x.txt", "{1}{25}Hello|world\n"),
        ("x.txt", "[10][25]Hello\n"),
        ("x.txt", "00:00:01:Hello\n"),
        ("x.sub", "Ook!\n"),
    ],
    ids=["scc", "microdvd", "mpl2", "tmp", "microdvd-by-extension"],
)
def test_text_formats_are_named(name: str, text: str) -> None:
    with pytest.raises(ParseError, match=rf"unsupported subtitle format \(found [\w -]+, {EXPECTED}\)"):
        parse_subtitles(text, name)


def test_srt_is_still_srt() -> None:
    assert len(parse_subtitles("1\n00:00:01,000 --> 00:00:02,000\nHi\n", "x.txt").entries) == 1


def test_ebu_stl_is_named_by_validate(tmp_path: Path) -> None:
    path = tmp_path / "news.stl"
    path.write_bytes(b"850STL25.01" + bytes(range(1, 200)) * 6)
    with pytest.raises(ParseError, match="found EBU-STL"):
        read_subtitles(path)
    result = CliRunner().invoke(cli, ["validate", "--no-config", str(path)])
    assert result.exit_code == 1
    assert f"{path}: parse-error unsupported subtitle format (found EBU-STL, {EXPECTED})" in result.output
