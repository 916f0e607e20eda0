"""Benchmark: `subtools convert --audio` on a generated programme (10 minutes unless told).

The programme's text is the narration of every transcript fixture, repeated until the
speech lasts the length asked for; its audio is each cue spoken on its own by an espeak-ng
voice other than the aligner's reference (en-gb, female variant, 150 wpm), joined with
known pauses and noise at 15 dB (tests/speechkit.py). Prints, for the convert process, the
wall and CPU time, the wall time's ratio to the programme's length (the real-time factor,
a baseline every length shares), its peak memory (max RSS) and the cue-start errors
against the known truth. ``--against SRC`` also runs another checkout's subtools (``SRC`` on PYTHONPATH, e.g.
``git worktree add /tmp/base main``) on the same programme, the two alternating, and
prints the ratios. Not a test: speed is reported, not asserted.

The programme is made by a child process: a process that had made an hour of audio
(over a gigabyte) passes its peak on to the max RSS of whatever it starts.

    python benchmarks/bench_align.py [--minutes 10] [--voice espeak:en-gb+f3:150] [--against SRC] [--runs 1]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def _narration() -> list[str]:
    from subtools import read_transcript

    lines = []
    for path in sorted((ROOT / "fixtures" / "transcripts").glob("*.txt")):
        for seg in read_transcript(path).segments:
            if seg.lang == "en":
                lines.append(seg.text)
    return lines


def make_programme(folder: Path, minutes: float, voice: str) -> None:
    """programme.txt, programme.wav and truth.json (each cue's true start and end, ms)."""
    from speechkit import build_report

    from subtools import build_cues, parse_transcript

    narration = _narration()
    paragraphs: list[str] = []
    words = 0
    # About 150 words a minute.
    while words < minutes * 150:
        for text in narration:
            paragraphs.append(text)
            words += len(text.split())
            if words >= minutes * 150:
                break
    transcript = folder / "programme.txt"
    transcript.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    cues = build_cues(parse_transcript(transcript.read_text(encoding="utf-8"), source=str(transcript)))
    truth = build_report([" ".join(c.lines) for c in cues], folder / "programme.wav", voice=voice, snr_db=15.0, seed=11)
    (folder / "truth.json").write_text(json.dumps(truth), encoding="utf-8")


def _convert(folder: Path, src: str | None) -> tuple[float, float, float, list[dict[str, object]]]:
    """Wall seconds, CPU seconds (user and system, espeak-ng's and ffmpeg's included),
    peak RSS (MiB) and the cues of one `convert --audio` run."""
    out = folder / "programme.json"
    cmd = [sys.executable, "-m", "subtools", "convert", str(folder / "programme.txt"),
           "--audio", str(folder / "programme.wav"), "-o", str(out)]  # fmt: skip
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = src
    t0 = time.perf_counter()
    # cwd: the folder, since `-m` puts the current directory first on the path (before PYTHONPATH).
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=folder)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    # Linux's wait4 reports the process with the children it waited for (espeak-ng, ffmpeg).
    cpu = usage.ru_utime + usage.ru_stime
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(err)
    cues: list[dict[str, object]] = json.loads(out.read_text(encoding="utf-8"))["cues"]
    return wall, cpu, usage.ru_maxrss / 1024, cues


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--voice", default="espeak:en-gb+f3:150")
    ap.add_argument("--against", metavar="SRC", help="another checkout to run on the same programme")
    ap.add_argument("--runs", type=int, default=1, help="runs of each (alternating)")
    ap.add_argument("--make", metavar="DIR", help=argparse.SUPPRESS)  # the child that makes the programme
    args = ap.parse_args()
    if args.make:
        make_programme(Path(args.make), args.minutes, args.voice)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        maker = [sys.executable, __file__, "--make", tmp, "--minutes", str(args.minutes), "--voice", args.voice]
        subprocess.run(maker, check=True)
        made_s = time.perf_counter() - t0
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        audio_s = (truth[-1][1] + 1000) / 1000
        print(f"programme: {len(truth)} cues, {audio_s / 60:.1f} min of audio (made in {made_s:.0f} s), "
              f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
        sources = [("this", None)] + ([("against", args.against)] if args.against else [])
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _ in sources}
        for _ in range(args.runs):
            for name, src in sources:
                wall, cpu, rss, got = _convert(folder, src)
                results[name].append((wall, cpu, rss))
                starts = [abs(int(str(c["start_ms"])) - ts) for c, (ts, _) in zip(got, truth, strict=True)]
                flagged = sum(1 for c in got if c["flags"])
                print(f"{name}: {wall:.1f} s wall, {cpu:.1f} s CPU, real-time factor {wall / audio_s:.3f}, "
                      f"peak RSS {rss:.0f} MiB; cue starts vs truth: mean {sum(starts) / len(starts):.0f} ms, "
                      f"worst {max(starts)} ms; flagged {flagged} of {len(got)}; "
                      f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
        if args.against:
            # Best of the runs for the times (the least disturbed by other work), worst for memory.
            best = {
                name: [min(x[0] for x in r), min(x[1] for x in r), max(x[2] for x in r)] for name, r in results.items()
            }
            this, other = best["this"], best["against"]
            print(f"this / against (best of {args.runs}): wall {this[0] / other[0]:.2f}x, "
                  f"CPU {this[1] / other[1]:.2f}x, peak RSS {this[2] / other[2]:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
