"""Benchmark: one `subtools convert DIR -o OUT/` batch vs. one `subtools convert` process per file.

The folder is every transcript of fixtures/transcripts/ (copied ``--copies`` times into
subfolders). Both are timed in the same run, so the ratio holds on any machine. Not a test:
speed is reported, not asserted (target: the batch in at most a quarter of the time).

    python benchmarks/bench_batch.py [--copies 1] [--runs 3] [--jobs N]
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPTS = ROOT / "fixtures" / "transcripts"


def _make_archive(folder: Path, copies: int) -> list[Path]:
    files = []
    for copy in range(copies):
        for n, source in enumerate(sorted(TRANSCRIPTS.glob("*.txt"))):
            target = folder / f"copy{copy}" / ("day1" if n % 2 else "day2") / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            files.append(target)
    return files


def _time_per_file(files: list[Path], out: Path) -> float:
    t0 = time.perf_counter()
    for n, path in enumerate(files):
        cmd = [sys.executable, "-m", "subtools", "convert", str(path), "-o", str(out / f"{n}.srt")]
        subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t0


def _time_batch(folder: Path, out: Path, jobs: list[str]) -> float:
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "subtools", "convert", str(folder), "-o", f"{out}/", *jobs],
                   check=True, capture_output=True)  # fmt: skip
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    compileall.compile_dir(str(ROOT / "subtools"), quiet=1)  # as installed: bytecode present
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    with tempfile.TemporaryDirectory() as tmp:
        files = _make_archive(Path(tmp) / "archive", args.copies)
        (Path(tmp) / "single").mkdir()
        per_file = _time_per_file(files, Path(tmp) / "single")
        batch = statistics.median(
            _time_batch(Path(tmp) / "archive", Path(tmp) / "batch", jobs) for _ in range(args.runs)
        )
    print(f"{len(files)} transcripts (python {sys.version.split()[0]}); batch: median of {args.runs} runs")
    print(f"  {per_file:7.2f} s  1.00x  one `subtools convert FILE -o FILE.srt` process per file")
    print(f"  {batch:7.2f} s  {batch / per_file:5.2f}x  `subtools convert DIR -o OUT/` {' '.join(jobs)}".rstrip())


if __name__ == "__main__":
    main()
