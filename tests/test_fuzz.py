"""Mutated transcripts and subtitle files: every command answers in bounded time, no traceback.

The work runs in a subprocess with a timeout (``fuzzkit.py``): a regression that hangs
fails here, naming the case it hung on, instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED
from fuzzkit import write_cases

WORKER = Path(__file__).resolve().parent / "fuzzkit.py"
SUBTITLES = [FIXTURES / "validate" / name for name in ("clean.srt", "clean.vtt", "clean.ass")]
EVERY = ["flip", "cut", "nuls", "cp949", "utf16", "utf16-no-bom", "blank-20000", "binary", "long-line-2mb"]


def _run_worker(folder: Path, command: list[str], timeout: float) -> None:
    try:
        proc = subprocess.run(
            [sys.executable, str(WORKER), str(folder), *command],
            capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        last = out.strip().splitlines()[-1:] or ["(no case started)"]
        pytest.fail(f"{' '.join(command)} did not finish in {timeout:g} s; last: {last[0]}")
    failures = [ln for ln in proc.stdout.splitlines() if ln.startswith("FAIL")]
    assert not failures, proc.stdout[-4000:]
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.mark.parametrize(
    "command", [["parse"], ["parse", "--format", "json"], ["convert", "-o", "-", "--to", "vtt"]], ids=" ".join
)
def test_mutated_transcripts(command: list[str], tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    # A 2 MB line of words is 200,000 words of cues for convert: minutes of honest work, not a hang.
    names = EVERY if command[0] == "parse" else EVERY[:-1]
    write_cases([SEED, FIXTURES / "transcripts" / "kbs-cp949-crlf.txt"], cases, names)
    _run_worker(cases, command, timeout=120)


@pytest.mark.parametrize("command", [["validate"], ["validate", "--fix"], ["preview", "--at", "1", "-o", "{out}.png"]])
def test_mutated_subtitles(command: list[str], tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    write_cases(SUBTITLES, cases, EVERY)
    _run_worker(cases, command, timeout=120)


@pytest.mark.parametrize(
    "shape",
    [
        "long-line-2mb",
        "base64-30mb",
    ],
)
def test_parse_answers_huge_texts_in_bounded_time(shape: str, tmp_path: Path) -> None:
    # Why: `parse` of a 30 MB file of random base64 text, or of a 2 MB single line, did not
    # finish in 30 s (validate answers the same files in 0.2-1.5 s).
    cases = tmp_path / "cases"
    cases.mkdir()
    if shape == "long-line-2mb":
        (cases / "line.txt").write_bytes(b"x" * 2_000_000 + b"\n")
    else:
        import base64
        import random

        rng = random.Random(11)
        raw = base64.encodebytes(rng.randbytes(22 * 1024 * 1024))
        (cases / "base64.txt").write_bytes(raw)
    _run_worker(cases, ["parse"], timeout=10)
