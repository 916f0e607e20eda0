"""Benchmark: a whole `subtools convert` process on the seed vs. importing its libraries.

Prints the median wall and CPU time (user + system) of each command, the commands run in
turn (so the machine's load moves them alike), and their ratios to the import line.
Not a test: speed is reported, not asserted.

    python benchmarks/bench_convert.py [--runs 15]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "transcripts" / "arirang-lee-ji-won.txt"


def _once(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one run of ``cmd``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def interleaved_medians(cmds: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """The median wall and CPU time of each command, the commands run in turn ``runs`` times."""
    times: list[list[tuple[float, float]]] = [[] for _ in cmds]
    for _ in range(runs):
        for cmd, out in zip(cmds, times, strict=True):
            out.append(_once(cmd))
    return [(statistics.median(w for w, _ in t), statistics.median(c for _, c in t)) for t in times]


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
        medians = interleaved_medians(list(cases.values()), args.runs)
    (base, base_cpu) = medians[0]
    print(f"median of {args.runs} interleaved runs each (python {sys.version.split()[0]}): wall, then CPU")
    for name, (wall, cpu) in zip(cases, medians, strict=True):
        print(f"  {wall * 1000:7.1f} ms  {wall / base:5.2f}x  {cpu * 1000:7.1f} ms  {cpu / base_cpu:5.2f}x  {name}")


if __name__ == "__main__":
    main()
