"""Benchmark: a whole `subtools convert` process on the seed vs. importing its libraries.

Prints medians over repeated runs and their ratio (run in the same session, so the
ratio holds on any machine). Not a test: speed is reported, not asserted.

    python benchmarks/bench_convert.py [--runs 15]
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "transcripts" / "arirang-lee-ji-won.txt"


def median_s(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    # Installed packages come with bytecode; an editable checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would otherwise recompile subtools on every start
    # while click, srt and pysubs2 load their .pyc files.
    compileall.compile_dir(str(ROOT / "subtools"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "seed"
        subtools = [sys.executable, "-m", "subtools"]
        cases = {
            "python -c 'import click, srt, pysubs2'": [sys.executable, "-c", "import click, srt, pysubs2"],
            **{
                f"subtools convert seed -o seed.{ext}": [*subtools, "convert", str(SEED), "-o", f"{out}.{ext}"]
                for ext in ("srt", "ass")
            },
            "subtools parse seed": [*subtools, "parse", str(SEED)],
        }
        results = {name: median_s(cmd, args.runs) for name, cmd in cases.items()}
    base = results["python -c 'import click, srt, pysubs2'"]
    print(f"median of {args.runs} runs each (python {sys.version.split()[0]})")
    for name, seconds in results.items():
        print(f"  {seconds * 1000:7.1f} ms  {seconds / base:5.2f}x  {name}")


if __name__ == "__main__":
    main()
