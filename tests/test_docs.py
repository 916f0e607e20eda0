"""The README documents every command and option, and .ci/run runs the README's test command."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from conftest import FIXTURES

from subtools.cli import cli

ROOT = FIXTURES.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_and_options_in_readme(name: str) -> None:
    command = cli.commands[name]
    assert f"subtools {name}" in README
    for param in command.params:
        if isinstance(param, click.Option):
            assert any(opt in README for opt in param.opts), f"{name} {param.opts} missing from README"


def test_ci_runs_the_readme_test_command() -> None:
    fence = re.findall(r"```sh\n(.+?)\n```", README, flags=re.S)
    test_command = next(c for c in fence if "pytest" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


_PYTHON_BLOCKS = re.findall(r"```python\n(.+?)\n```", README, flags=re.S)


@pytest.mark.parametrize("code", _PYTHON_BLOCKS, ids=[f"block{k}" for k in range(1, len(_PYTHON_BLOCKS) + 1)])
def test_readme_python_examples_run(code: str, tmp_path: Path) -> None:
    """Each library example runs as written, in a folder where its file names exist, and
    in a fresh interpreter (so ``from subtools import validate`` is what a user gets)."""
    folder = tmp_path
    (folder / "report.txt").write_bytes((FIXTURES / "transcripts" / "arirang-lee-ji-won.txt").read_bytes())
    (folder / "episode.srt").write_bytes((FIXTURES / "validate" / "clean.srt").read_bytes())
    proc = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
