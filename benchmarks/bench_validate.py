"""Benchmark: `subtools validate big.srt` (a whole process) against srt's parse alone.

Generates SRT files of 25,000, 50,000 and 100,000 cues (1-2 lines, about a fifth in
Korean, some italics, a few deliberate faults), then runs, in the same session:

    python -c "import srt; list(srt.parse(open('big.srt').read()))"
    subtools validate big.srt

and prints median wall time and peak memory (max RSS of the child process) of each,
with the ratio. Not a test: speed is reported, not asserted.

    python benchmarks/bench_validate.py [--runs 5] [--cues 100000]
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_EN = ("The minister said talks would resume", "Prices rose for the third month",
       "We have no choice but to wait", "Officials expect a decision by Friday", "It was a long night",
       "Rescue teams are still searching the area", "Thank you", "Lee Ji-won, Arirang News.")  # fmt: skip
_KO = ("회담이 다음 주 열립니다", "물가가 석 달째 올랐습니다", "감사합니다", "현장에서 전해드렸습니다")


def write_big_srt(path: Path, cues: int, seed: int = 1) -> None:
    """A deterministic delivery-sized SRT file."""
    rng = random.Random(seed)
    out = []
    t = 1000
    for i in range(1, cues + 1):
        korean = rng.random() < 0.2
        pool = _KO if korean else _EN
        lines = [rng.choice(pool)]
        if rng.random() < 0.45:
            lines.append(rng.choice(pool))
        # Mostly within the rules (as a delivery file is): slower than 15 cps, 10 for Korean.
        chars = sum(len(ln) for ln in lines)
        dur = min(6500, max(1200, int(chars * (100 if korean else 67)) + rng.randint(0, 800)))
        if rng.random() < 0.05:
            lines[0] = f"<i>{lines[0]}</i>"
        start, end = t, t + dur
        if rng.random() < 0.01:
            start -= 300  # an overlap now and then, so the rules have something to report
        out.append(f"{i}\n{_ts(start)} --> {_ts(end)}\n" + "\n".join(lines) + "\n")
        t = end + rng.choice((67, 83, 500, 800))
    path.write_text("\n".join(out), encoding="utf-8")


def _ts(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, rest = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{rest:03d}"


def _run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return seconds, usage.ru_maxrss


def _measure(cmd: list[str], runs: int) -> tuple[float, int]:
    results = [_run(cmd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cues", type=int, default=100_000)
    args = ap.parse_args()
    compileall.compile_dir(str(ROOT / "subtools"), quiet=1)  # as an installed package would have
    print(f"median of {args.runs} runs each (python {sys.version.split()[0]}); memory = peak RSS")
    with tempfile.TemporaryDirectory() as tmp:
        for cues in (args.cues // 4, args.cues // 2, args.cues):
            big = Path(tmp) / "big.srt"
            write_big_srt(big, cues)
            size_mb = big.stat().st_size / 1e6
            baseline = [sys.executable, "-c", f"import srt; list(srt.parse(open({str(big)!r}).read()))"]
            ours = [sys.executable, "-m", "subtools", "validate", str(big)]
            base_s, base_kb = _measure(baseline, args.runs)
            our_s, our_kb = _measure(ours, args.runs)
            print(f"{cues:>7} cues, {size_mb:5.2f} MB")
            print(f"    {base_s * 1000:7.0f} ms  {base_kb / 1024:6.1f} MiB  srt.parse only")
            print(f"    {our_s * 1000:7.0f} ms  {our_kb / 1024:6.1f} MiB  subtools validate  "
                  f"({our_s / base_s:.2f}x the time of srt.parse)")  # fmt: skip


if __name__ == "__main__":
    main()
