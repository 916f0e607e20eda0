"""Benchmark: `subtools validate big.srt` (a whole process) against srt's parse alone.

Generates two kinds of SRT file of 25,000, 50,000 and 100,000 cues: a delivery file (1-2
lines, about a fifth in Korean, some italics, a few deliberate faults) and an unchecked
ASR-like one (one long unpunctuated line per cue, fast, with short gaps: about 0.8
findings per cue). For each it runs, in turn and in the same session:

    python -c "import srt; list(srt.parse(open('big.srt').read()))"
    subtools validate big.srt
    subtools validate big.srt --format json

and prints the median wall and CPU time (user + system) and peak memory (max RSS) of
each, with the ratio to srt.parse (issue 14's target: at most 0.5x). Not a test: speed is
reported, not asserted (the coarse guard that is asserted is
tests/test_validate.py::test_check_file_speed_guard).

    python benchmarks/bench_validate.py [--runs 5] [--cues 100000]
"""

from __future__ import annotations

import argparse
import compileall
import json
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


# The mix of a news delivery file (each share is the chance per cue):
_KOREAN_SHARE = 0.2  # a bilingual programme: about a fifth of the cues in Korean
_TWO_LINE_SHARE = 0.45
_ITALIC_SHARE = 0.05  # voice-over and foreign speech in italics
_OVERLAP_SHARE = 0.01  # an overlap now and then, so the rules have something to report
_OVERLAP_MS = 300
# Mostly within the rules, as a delivery file is: ms per character for 15 cps in English
# and 10 in Korean, plus up to _SLACK_MS, between _MIN_MS and _MAX_MS (under 7 s).
_MS_PER_CHAR = {False: 67, True: 100}
_SLACK_MS = 800
_MIN_MS, _MAX_MS = 1200, 6500
# Gaps: 2 and 2.5 frames at 29.97 (chained cues), or a pause.
_GAPS_MS = (67, 83, 500, 800)


def write_big_srt(path: Path, cues: int, seed: int = 1) -> None:
    """A deterministic delivery-sized SRT file."""
    rng = random.Random(seed)
    out = []
    t = 1000
    for i in range(1, cues + 1):
        korean = rng.random() < _KOREAN_SHARE
        pool = _KO if korean else _EN
        lines = [rng.choice(pool)]
        if rng.random() < _TWO_LINE_SHARE:
            lines.append(rng.choice(pool))
        chars = sum(len(ln) for ln in lines)
        dur = min(_MAX_MS, max(_MIN_MS, int(chars * _MS_PER_CHAR[korean]) + rng.randint(0, _SLACK_MS)))
        if rng.random() < _ITALIC_SHARE:
            lines[0] = f"<i>{lines[0]}</i>"
        start, end = t, t + dur
        if rng.random() < _OVERLAP_SHARE:
            start -= _OVERLAP_MS
        out.append(f"{i}\n{_ts(start)} --> {_ts(end)}\n" + "\n".join(lines) + "\n")
        t = end + rng.choice(_GAPS_MS)
    path.write_text("\n".join(out), encoding="utf-8")


def _ts(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, rest = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{rest:03d}"


_ASR_WORDS = ("so", "the", "minister", "said", "that", "talks", "would", "resume", "next", "week", "and", "we",
              "have", "no", "choice", "but", "to", "wait", "officials", "expect", "a", "decision", "by", "friday",
              "prices", "rose", "for", "third", "month", "in", "row", "um", "you", "know", "rescue")  # fmt: skip
# ASR output as it comes: lines to 50 characters (42 is the limit), 2-4 s per cue (fast for
# the long ones), and cues that follow each other with 0-2 frames or a short pause.
_ASR_CHARS = (24, 50)
_ASR_MS = (2000, 4000)
_ASR_GAPS_MS = (0, 100, 500, 600, 800, 1000, 1200)


def write_asr_srt(path: Path, cues: int, seed: int = 2) -> None:
    """A deterministic unchecked ASR-like SRT file: one lower-case unpunctuated line per cue."""
    rng = random.Random(seed)
    out = []
    t = 1000
    for i in range(1, cues + 1):
        words: list[str] = []
        target = rng.randint(*_ASR_CHARS)
        while sum(map(len, words)) + len(words) < target:
            words.append(rng.choice(_ASR_WORDS))
        dur = rng.randint(*_ASR_MS)
        out.append(f"{i}\n{_ts(t)} --> {_ts(t + dur)}\n{' '.join(words)}\n")
        t += dur + rng.choice(_ASR_GAPS_MS)
    path.write_text("\n".join(out), encoding="utf-8")


def _run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def _measure(cmds: list[list[str]], runs: int) -> list[tuple[float, float, int]]:
    """Median wall and CPU seconds and the largest peak RSS of each command, run in turn."""
    results: list[list[tuple[float, float, int]]] = [[] for _ in cmds]
    for _ in range(runs):
        for cmd, out in zip(cmds, results, strict=True):
            out.append(_run(cmd))
    return [
        (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs), max(r[2] for r in rs))
        for rs in results
    ]


def _findings(path: Path) -> int:
    out = subprocess.run([sys.executable, "-m", "subtools", "validate", str(path), "--format", "json"],
                         capture_output=True, text=True, check=False).stdout  # fmt: skip
    summary = json.loads(out)["summary"]
    return int(summary["errors"]) + int(summary["warnings"])


_WRITERS = {"delivery": write_big_srt, "ASR-like": write_asr_srt}


def _write_apart(kind: str, cues: int, path: Path) -> None:
    """Write the file from a child process: a child forked from this one after it built a
    big file would report this process's memory as part of its own peak."""
    subprocess.run([sys.executable, __file__, "--write", kind, str(cues), str(path)], check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cues", type=int, default=100_000)
    ap.add_argument("--write", nargs=3, metavar=("KIND", "CUES", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.write:
        kind, cues, path = args.write
        _WRITERS[kind](Path(path), int(cues))
        return
    compileall.compile_dir(str(ROOT / "subtools"), quiet=1)  # as an installed package would have
    print(f"median of {args.runs} interleaved runs each (python {sys.version.split()[0]}); "
          "wall, CPU (user + system), memory = peak RSS")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for kind in _WRITERS:
            for cues in (args.cues // 4, args.cues // 2, args.cues):
                big = Path(tmp) / f"{kind}.srt"
                _write_apart(kind, cues, big)
                size_mb = big.stat().st_size / 1e6
                baseline = [sys.executable, "-c", f"import srt; list(srt.parse(open({str(big)!r}).read()))"]
                ours = [sys.executable, "-m", "subtools", "validate", str(big)]
                (base_s, base_cpu, base_kb), *results = _measure([baseline, ours, [*ours, "--format", "json"]],
                                                                 args.runs)  # fmt: skip
                print(f"{cues:>7} cues, {size_mb:5.2f} MB, {kind}, {_findings(big)} findings")
                print(f"    {base_s * 1000:7.0f} ms  {base_cpu * 1000:7.0f} ms cpu  {base_kb / 1024:6.1f} MiB  "
                      "srt.parse only")  # fmt: skip
                for name, (s, cpu, kb) in zip(("text", "json"), results, strict=True):
                    print(f"    {s * 1000:7.0f} ms  {cpu * 1000:7.0f} ms cpu  {kb / 1024:6.1f} MiB  "
                          f"subtools validate ({name}): {s / base_s:.2f}x the time of srt.parse, "
                          f"{cpu / base_cpu:.2f}x its CPU")  # fmt: skip


if __name__ == "__main__":
    main()
