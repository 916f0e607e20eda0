"""Benchmark: `subtools convert --audio` on a generated 10-minute programme.

The programme's text is the narration of every transcript fixture, repeated until the
speech lasts about ten minutes; its audio is each cue spoken on its own by an espeak-ng
voice other than the aligner's reference (en-gb, female variant, 150 wpm), joined with
known pauses and noise at 15 dB (tests/speechkit.py). Prints the wall time and peak
memory (max RSS) of the whole process, and the boundary errors against the known truth.
Not a test: speed is reported, not asserted.

    python benchmarks/bench_align.py [--minutes 10] [--voice espeak:en-gb+f3:150]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from speechkit import build_report  # noqa: E402

from subtools import build_cues, parse_transcript, read_transcript  # noqa: E402


def _narration() -> list[str]:
    lines = []
    for path in sorted((ROOT / "fixtures" / "transcripts").glob("*.txt")):
        for seg in read_transcript(path).segments:
            if seg.lang == "en":
                lines.append(seg.text)
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--voice", default="espeak:en-gb+f3:150")
    args = ap.parse_args()
    narration = _narration()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paragraphs: list[str] = []
        words = 0
        # About 150 words a minute.
        while words < args.minutes * 150:
            for text in narration:
                paragraphs.append(text)
                words += len(text.split())
                if words >= args.minutes * 150:
                    break
        transcript = folder / "programme.txt"
        transcript.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        cues = build_cues(parse_transcript(transcript.read_text(encoding="utf-8"), source=str(transcript)))
        wav = folder / "programme.wav"
        t0 = time.perf_counter()
        truth = build_report([" ".join(c.lines) for c in cues], wav, voice=args.voice, snr_db=15.0, seed=11)
        made_s = time.perf_counter() - t0
        audio_s = (truth[-1][1] + 1000) / 1000
        out = folder / "programme.json"
        cmd = [sys.executable, "-m", "subtools", "convert", str(transcript), "--audio", str(wav), "-o", str(out)]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        assert proc.stderr is not None
        err = proc.stderr.read().decode()
        proc.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(err)
        import json

        got = json.loads(out.read_text(encoding="utf-8"))["cues"]
        starts = [abs(c["start_ms"] - ts) for c, (ts, _) in zip(got, truth, strict=True)]
        print(f"programme: {len(cues)} cues, {audio_s / 60:.1f} min of audio (made in {made_s:.0f} s)")
        print(f"subtools convert --audio: {wall:.1f} s wall ({audio_s / wall:.0f}x real time), "
              f"peak memory {usage.ru_maxrss / 1024:.0f} MiB")  # fmt: skip
        print(f"cue starts vs truth: mean {sum(starts) / len(starts):.0f} ms, worst {max(starts)} ms")
        flagged = sum(1 for c in got if c["flags"])
        print(f"flagged cues: {flagged} of {len(got)}")


if __name__ == "__main__":
    main()
