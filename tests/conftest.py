"""Shared fixtures: paths, the CLI runner and the --update-golden flag."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TRANSCRIPTS = FIXTURES / "transcripts"
SEED = TRANSCRIPTS / "arirang-lee-ji-won.txt"

settings.register_profile("dev", max_examples=150, deadline=None)
settings.register_profile("big", max_examples=3000, deadline=None)
settings.register_profile("ci", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files under fixtures/ from the current output (review the diff!)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare ``actual`` with the golden file byte for byte (or rewrite it)."""
    if update or not path.exists():
        if not update:
            pytest.fail(f"golden file {path} is missing; run pytest --update-golden and review it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{path.name} differs from the golden file (pytest --update-golden)"


def build_archive(root: Path, sources: list[Path], junk: bytes) -> Path:
    """An archive folder as batch runs meet it: ``sources`` alternately in ``day1``/``day2``,
    plus an empty transcript and a binary file (``junk``) at the top."""
    for n, path in enumerate(sources):
        folder = root / ("day1" if n % 2 else "day2")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / path.name).write_bytes(path.read_bytes())
    (root / "empty.txt").write_bytes(b"")
    (root / "junk.bin").write_bytes(junk)
    return root
