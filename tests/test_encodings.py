"""Legacy encodings: what the detection chain names, and ``--encoding`` on the commands that read text.

The detector is charset-normalizer behind a Korean and a Chinese check (``textio._decode_legacy``);
these are the short files it was measured on before it was chosen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from subtools import ParseError
from subtools.cli import cli
from subtools.formats import read_subtitles
from subtools.textio import decode_text

HEAD = "1\n00:00:01,000 --> 00:00:02,000\n"


@pytest.mark.parametrize(
    ("text", "written", "named"),
    [
        ("안녕하세요 여러분", "cp949", "cp949"),
        ("대통령이 기자회견을 열었습니다", "cp949", "cp949"),
        ("你好，世界", "gb2312", "gb18030"),
        ("今天的新闻报道", "gb2312", "gb18030"),
        ("Привет, как дела?", "cp1251", "cp1251"),
        ("Příliš žluťoučký kůň úpěl", "cp1250", "cp1250"),
        # cp1252 text is named cp1250 by the detector; every character of it reads the same there.
        ("Die Größe der Straße", "cp1252", None),
    ],
)
def test_short_legacy_files_decode_to_their_text(text: str, written: str, named: str | None) -> None:
    decoded, encoding = decode_text((HEAD + text + "\n").encode(written))
    assert decoded == HEAD + text + "\n"
    assert named is None or encoding == named


def test_utf32_with_a_bom() -> None:
    assert decode_text("héllo 한국".encode("utf-32")) == ("héllo 한국", "utf-32")


def test_named_encoding_wins_and_is_checked() -> None:
    data = (HEAD + "Café\n").encode("cp1252")
    assert decode_text(data, encoding="cp1252") == (HEAD + "Café\n", "cp1252")
    with pytest.raises(ParseError, match=r"not valid utf-8 \(found byte 0xe9\)"):
        decode_text(data, encoding="utf-8")
    with pytest.raises(ParseError, match="unknown encoding"):
        decode_text(data, encoding="no-such")


def test_a_guess_is_reported_by_validate(tmp_path: Path) -> None:
    path = tmp_path / "x.srt"
    path.write_bytes((HEAD + "Привет, как дела?\n").encode("cp1251"))
    assert read_subtitles(path).encoding == "cp1251"
    result = CliRunner().invoke(cli, ["validate", "--no-config", str(path)])
    assert f"{path}: encoding file is cp1251 (expected utf-8)" in result.output


def test_encoding_option_on_validate_and_convert(tmp_path: Path) -> None:
    sub = tmp_path / "x.srt"
    sub.write_bytes((HEAD + "Zażółć gęślą jaźń\n").encode("cp1250"))
    result = CliRunner().invoke(cli, ["validate", "--no-config", "--encoding", "cp1250", "--format", "json", str(sub)])
    assert '"encoding": "cp1250"' in result.output
    transcript = tmp_path / "t.txt"
    transcript.write_bytes("Kim Min-ji reports.\nPrices rose on Friday in Seoul.\n".encode("utf-16-le"))
    result = CliRunner().invoke(cli, ["parse", "--encoding", "utf-16-le", str(transcript)])
    assert result.exit_code == 0, result.output
    assert "Prices rose" in result.output
    out = tmp_path / "t.srt"
    result = CliRunner().invoke(cli, ["convert", "--encoding", "utf-16-le", str(transcript), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Prices rose" in out.read_text(encoding="utf-8")
