"""Benchmark: start-up of `subtools --help` and `subtools convert` beside the imports they race.

Targets (issue 14): `subtools --help` within 1.2x `python -c "import click"`; `subtools convert
seed -o seed.srt` within 1.3x `python -c "import click, srt, pysubs2"`. Medians over repeated
runs, both sides in the same run. Not a test: reported, not asserted.

    python benchmarks/bench_startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import compileall
import sys
import tempfile

from bench_convert import ROOT, SEED, median_s  # one timing helper for the start-up benchmarks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=21)
    args = ap.parse_args()
    compileall.compile_dir(str(ROOT / "subtools"), quiet=1)  # as installed: bytecode present
    py, subtools = sys.executable, [sys.executable, "-m", "subtools"]
    with tempfile.TemporaryDirectory() as tmp:
        pairs = [
            ("subtools --help", [*subtools, "--help"], "python -c 'import click'", [py, "-c", "import click"], 1.2),
            ("subtools convert seed -o seed.srt", [*subtools, "convert", str(SEED), "-o", f"{tmp}/seed.srt"],
             "python -c 'import click, srt, pysubs2'", [py, "-c", "import click, srt, pysubs2"], 1.3),
        ]  # fmt: skip
        print(f"median of {args.runs} runs each (python {sys.version.split()[0]})")
        for name, cmd, base_name, base_cmd, target in pairs:
            base, seconds = median_s(base_cmd, args.runs), median_s(cmd, args.runs)
            print(f"  {base * 1000:7.1f} ms  1.00x  {base_name}")
            print(f"  {seconds * 1000:7.1f} ms  {seconds / base:5.2f}x  {name}  (target {target}x)")


if __name__ == "__main__":
    main()
