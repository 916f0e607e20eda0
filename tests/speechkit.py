"""Test audio with a known truth: pieces spoken by a voice other than the aligner's
reference (``espeak:VOICE:SPEED`` for another espeak-ng voice and speed, or a flite voice
name for another engine), joined with known pauses, with seeded noise at a chosen
signal-to-noise ratio."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np
import pytest

RATE = 16_000


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is missing under CI=true; .ci/run must install it")
        pytest.skip(f"{tool} is not installed (CI installs it)")
    return path


@functools.cache
def spoken_clip(text: str, voice: str = "slt") -> np.ndarray:
    """One piece spoken by flite (or ``espeak:VOICE:SPEED``) at 16 kHz, trimmed to its
    speech (-40 dB of its peak)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "piece.wav"
        if voice.startswith("espeak:"):
            _, name, speed = voice.split(":")
            cmd = [need("espeak-ng"), "-v", name, "-s", speed, "-w", str(out), text]
        else:
            cmd = [need("flite"), "-voice", voice, "-t", text, "-o", str(out)]
        subprocess.run(cmd, check=True, capture_output=True)
        with wave.open(str(out)) as w:
            rate = w.getframerate()
            data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768.0
    if rate != RATE:  # kal is 8 kHz: resample by interpolation, good enough for a test voice
        t = np.arange(round(data.size * RATE / rate)) * (rate / RATE)
        data = np.interp(t, np.arange(data.size), data).astype(np.float32)
    block = RATE // 200
    n = data.size // block
    level = np.abs(data[: n * block]).reshape(n, block).max(axis=1)
    loud = np.nonzero(level > level.max() * 0.01)[0]
    return data[loud[0] * block : (loud[-1] + 1) * block]


def build_report(
    texts: list[str],
    path: Path,
    *,
    voice: str = "slt",
    snr_db: float | None = 15.0,
    seed: int = 0,
    lead_s: float = 1.0,
) -> list[tuple[int, int]]:
    """Write a WAV of ``texts`` spoken one after another; returns each piece's true
    (start_ms, end_ms). Pauses: many clause gaps of 0-30 ms, so silence detection alone
    cannot find the boundaries, and sentence pauses of 0.2-0.9 s."""
    rng = np.random.default_rng(seed)
    parts = [np.zeros(round(lead_s * RATE), dtype=np.float32)]
    truth = []
    at = parts[0].size
    for k, text in enumerate(texts):
        clip = spoken_clip(text, voice)
        truth.append((round(at * 1000 / RATE), round((at + clip.size) * 1000 / RATE)))
        gap_s = rng.uniform(0.0, 0.03) if k % 2 == 0 else rng.uniform(0.2, 0.9)
        gap = np.zeros(round(gap_s * RATE), dtype=np.float32)
        parts += [clip, gap]
        at += clip.size + gap.size
    parts.append(np.zeros(RATE, dtype=np.float32))
    signal = np.concatenate(parts)
    if snr_db is not None:
        speech_power = float(
            np.mean(np.concatenate([signal[round(s * RATE / 1000) : round(e * RATE / 1000)] for s, e in truth]) ** 2)
        )
        noise = rng.normal(0.0, np.sqrt(speech_power / 10 ** (snr_db / 10)), signal.size)
        signal = signal + noise.astype(np.float32)
    pcm = (np.clip(signal, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())
    return truth
