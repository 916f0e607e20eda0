"""Parse cost grows linearly: a quadratic regression fails here instead of hanging.

The inputs are benchmarks/bench_parse.py's shapes at sizes where a quadratic parser takes
minutes and a linear one a few seconds: a transcript pasted as one 1 MB line of distinct
sentences, and a page with a run of 32,000 dropped lines. Each parse runs in a child
process with a generous time limit, so a slow parser ends the test rather than the run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Seconds allowed per parse: about 10x what a linear parser needs on a slow machine; the
# quadratic parser this replaced took 8 s at 200 KB and far longer at these sizes.
LIMIT_S = 90

_SCRIPT = """
import sys, time
sys.path.insert(0, {bench!r})
import bench_parse
from subtools import parse_transcript
text = bench_parse.{maker}({size})
start = time.perf_counter()
t = parse_transcript(text)
print(round(time.perf_counter() - start, 3), len(t.segments))
"""


@pytest.mark.parametrize(("maker", "size"), [("one_line", 1_000_000), ("dropped_lines", 1_000_000)])
def test_parse_is_linear_enough(maker: str, size: int) -> None:
    script = _SCRIPT.format(bench=str(ROOT / "benchmarks"), maker=maker, size=size)
    try:
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=LIMIT_S, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"parsing {size} bytes of {maker} took over {LIMIT_S} s: the parser is not linear")
    assert done.returncode == 0, done.stderr
    seconds, segments = done.stdout.split()
    assert int(segments) >= 1
    assert float(seconds) < LIMIT_S
