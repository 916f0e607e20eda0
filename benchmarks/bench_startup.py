"""Benchmark: start-up of `subtools --help` and `subtools convert` beside the imports they race.

Targets (issue 14): `subtools --help` within 1.2x `python -c "import click"`; `subtools convert
seed -o seed.srt` within 1.3x `python -c "import click, srt, pysubs2"`. Each command and its
baseline run alternately (the machine's load moves both alike), medians over the runs, of
wall time and of the child's CPU time (user + system, which other processes on a busy
machine disturb less). The
`subtools` console script is timed when it is installed beside this Python, and `python -m
subtools` too (runpy adds about 3 ms). Not a test: reported, not asserted.

    python benchmarks/bench_startup.py [--runs 31]
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

from bench_convert import ROOT, SEED  # one home for the paths of the start-up benchmarks


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
    ap.add_argument("--runs", type=int, default=31)
    args = ap.parse_args()
    compileall.compile_dir(str(ROOT / "subtools"), quiet=1)  # as installed: bytecode present
    py = sys.executable
    script = Path(py).with_name("subtools")
    launchers = {"python -m subtools": [py, "-m", "subtools"]}
    if script.exists():
        launchers = {"subtools": [str(script)], **launchers}
    print(f"median of {args.runs} interleaved runs each (python {sys.version.split()[0]}): wall, then CPU")
    with tempfile.TemporaryDirectory() as tmp:
        pairs = [
            ("python -c 'import click'", [py, "-c", "import click"], "--help", ["--help"], 1.2),
            ("python -c 'import click, srt, pysubs2'", [py, "-c", "import click, srt, pysubs2"],
             "convert seed -o seed.srt", ["convert", str(SEED), "-o", f"{tmp}/seed.srt"], 1.3),
        ]  # fmt: skip
        for base_name, base_cmd, name, cli_args, target in pairs:
            cmds = [base_cmd, *([*launcher, *cli_args] for launcher in launchers.values())]
            (base, base_cpu), *ours = interleaved_medians(cmds, args.runs)
            print(f"  {base * 1000:7.1f} ms  1.00x  {base_cpu * 1000:7.1f} ms  1.00x  {base_name}")
            for launcher, (wall, cpu) in zip(launchers, ours, strict=True):
                print(f"  {wall * 1000:7.1f} ms  {wall / base:5.2f}x  {cpu * 1000:7.1f} ms  {cpu / base_cpu:5.2f}x  "
                      f"{launcher} {name}  (target {target}x)")  # fmt: skip


if __name__ == "__main__":
    main()
