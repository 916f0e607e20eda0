"""Our readers judged against the references on other projects' subtitle files.

``../shared/peer-subs`` beside the checkout (CI has a copy there) holds the files and the scorer:
browsers' WebVTT tests, webvtt-py's, srt's and pysubs2's test files, read by subtools and by the
references (the W3C algorithm, webvtt-py, srt, pysubs2, libass). The test skips, saying so, where
the folder is absent; under ``CI=true`` it must run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "peer-subs"
SCORER = CORPUS / "score_peer_subs.py"


def test_readers_agree_with_the_references() -> None:
    if not SCORER.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"no peer-subs corpus at {CORPUS} under CI=true")
        pytest.skip(f"no peer-subs corpus at {CORPUS}")
    run = subprocess.run(
        [sys.executable, str(SCORER), sys.executable, str(CORPUS)], capture_output=True, text=True, timeout=900
    )
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr[-2000:]
    counts = dict(re.findall(r"(\w+)=(\d+)", last))
    assert last.startswith("peer-subs:"), last
    wrong = {k: v for k, v in counts.items() if k not in ("files", "read") and v != "0"}
    assert not wrong, run.stdout[-6000:]
