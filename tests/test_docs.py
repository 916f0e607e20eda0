"""The README documents every command and option, and .ci/run runs the README's test command."""

from __future__ import annotations

import re

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
