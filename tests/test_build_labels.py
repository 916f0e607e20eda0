"""Speaker labels follow the cue's language: a Korean cue gets a Korean role word or none."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import FIXTURES

from subtools.cli import cli


def test_korean_cues_get_korean_role_words() -> None:
    result = CliRunner().invoke(
        cli, ["convert", str(FIXTURES / "transcripts" / "kbs-korean-language.txt"), "-o", "-", "--labels", "names"]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "앵커: " in result.stdout
    for role in ("ANCHOR", "REPORTER", "SOUNDBITE", "INTERVIEWEE", "UNKNOWN"):
        assert f"{role}:" not in result.stdout
