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
import sys
import tempfile
from pathlib import Path

from bench_convert import ROOT, SEED, interleaved_medians  # one home for the paths and the timing


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
