"""`subtools parse` through click's CliRunner: stdout, stderr and exit codes apart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import SEED

from subtools.cli import cli


def test_parse_table(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["parse", str(SEED)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "headline [ko]" in result.stdout
    assert "soundbite (Kang Kyung-wha)" in result.stdout
    assert "page-chrome" in result.stdout


def test_parse_json_shape(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["parse", str(SEED), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) >= {"source", "stories", "dropped"}
    story = data["stories"][0]
    assert set(story) >= {"title", "headline", "segments", "signoff"}
    assert story["headline"]["lang"] == "ko"
    assert set(story["segments"][0]) >= {"role", "speaker", "lang", "text", "line", "end_line"}
    assert story["signoff"] == {"text": "Lee Ji-won, Arirang News.", "name": "Lee Ji-won",
                                "outlet": "Arirang News", "line": 20}  # fmt: skip
    assert {
        "line": 21,
        "text": "Recommended",
        "reason": "page-chrome",
    } in data["dropped"]


def test_parse_stdin(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["parse", "-", "--format", "json"], input=SEED.read_bytes())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_parse_errors_are_one_line(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(cli, ["parse", str(empty)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {empty}: file is empty (found 0 bytes, expected a transcript)\n"


def test_missing_file_is_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["parse", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.stderr.endswith("nope.txt: no such file\n")


def test_bad_option_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["parse", str(SEED), "--format", "xml"])
    assert result.exit_code == 2


def test_python_m_subtools() -> None:
    proc = subprocess.run([sys.executable, "-m", "subtools", "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert "parse" in proc.stdout
