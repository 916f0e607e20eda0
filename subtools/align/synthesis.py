"""The reference recording: each cue's text spoken by espeak-ng, laid end to end.

espeak-ng is small, in Debian, needs no model download and speaks Korean as well as
English. Every cue is synthesised on its own (two at a time, one per core, a few ahead of
whoever reads the reference, which is never whole in memory), trimmed of
the voice's own leading and trailing silence, and placed with a short pause after it,
so the reference knows exactly where each cue's speech starts and ends. Half a second
of silence opens and closes the reference: without it the first and last boundaries
drift by most of a second, because DTW must match the real recording's edges somewhere.
"""

from __future__ import annotations

import itertools
import subprocess
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

import numpy as np

from subtools.errors import MediaError
from subtools.media import require_tool

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["EDGE_S", "VOICES", "reference_blocks", "synthesize"]

EDGE_S = 0.5  # silence opening and closing the reference (see above)
PAUSE_S = 0.15  # after each cue: a breath, so the reference keeps the pace of read news
VOICES = {"en": "en-us", "ko": "ko"}
_ESPEAK_RATE = 22050  # espeak-ng's output rate: the reference's rate when there is no text
_ERROR_CHARS = 200  # of espeak-ng's stderr in an error: its reason, not a screenful
_BLIP_S = 0.05  # a piece with no sound (punctuation only) still gets a token 50 ms
# Trimming: 5 ms blocks (short next to a syllable) under -40 dB of the clip's peak (a
# voice's own lead-in and tail are digital silence or near it, a soft onset is louder).
_TRIM_BLOCKS_PER_S = 200
_TRIM_LEVEL = 0.01
_AHEAD = 8  # pieces spoken ahead of the reader: enough to keep both cores busy


def _wav_samples(data: bytes) -> tuple[NDArray[np.float32], int]:
    # espeak-ng streams a WAV to stdout with placeholder sizes: read the fmt and data chunks by hand.
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise MediaError("espeak-ng wrote no WAV data", "espeak-ng")
    rate = int.from_bytes(data[24:28], "little")
    pos = 12
    while pos + 8 <= len(data):
        chunk, size = data[pos : pos + 4], int.from_bytes(data[pos + 4 : pos + 8], "little")
        if chunk == b"data":
            body = data[pos + 8 :]
            body = body[: len(body) // 2 * 2]
            return np.frombuffer(body, dtype="<i2").astype(np.float32) / 32768.0, rate  # 16-bit full scale
        pos += 8 + size
    raise MediaError("espeak-ng wrote a WAV without samples", "espeak-ng")


def _speak(espeak: str, text: str, lang: str) -> tuple[NDArray[np.float32], int]:
    voice = VOICES.get(lang, "en-us")
    proc = subprocess.run([espeak, "-v", voice, "--stdout", text], capture_output=True, check=False)
    if proc.returncode != 0:
        raise MediaError(
            f"espeak-ng failed ({proc.stderr.decode('utf-8', 'replace').strip()[:_ERROR_CHARS]})", "espeak-ng"
        )
    return _wav_samples(proc.stdout)


def _trim(samples: NDArray[np.float32], rate: int) -> NDArray[np.float32]:
    """Without the voice's leading and trailing silence (5 ms blocks under -40 dB of the peak)."""
    if samples.size == 0:
        return samples
    block = max(1, rate // _TRIM_BLOCKS_PER_S)
    n = samples.size // block
    if n == 0:
        return samples
    level = np.abs(samples[: n * block]).reshape(n, block).max(axis=1)
    loud = np.nonzero(level > level.max() * _TRIM_LEVEL)[0]
    if loud.size == 0:
        return samples[:0]
    trimmed: NDArray[np.float32] = samples[loud[0] * block : (loud[-1] + 1) * block]
    return trimmed


def _clips(espeak: str, texts: list[tuple[str, str]]) -> Iterator[tuple[NDArray[np.float32], int]]:
    """Each piece spoken, in order, two at a time (one per core) and at most _AHEAD ahead
    of the reader, so an hour of reference is never held at once (300 MB at 22 kHz)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        pending: deque[Future[tuple[NDArray[np.float32], int]]] = deque()
        ahead = iter(texts)
        for text, lang in itertools.islice(ahead, _AHEAD):
            pending.append(pool.submit(_speak, espeak, text, lang))
        while pending:
            clip = pending.popleft().result()
            for text, lang in itertools.islice(ahead, 1):
                pending.append(pool.submit(_speak, espeak, text, lang))
            yield clip


def reference_blocks(
    texts: list[tuple[str, str]],
) -> tuple[int, Iterator[NDArray[np.float32]], list[tuple[int, int]]]:
    """The reference for ``(text, lang)`` pieces as it is spoken: its sample rate, its
    samples in blocks (the opening silence, each piece's speech and the pause after it,
    the closing silence), and each piece's speech as a (start, end) sample span, a list
    complete once the blocks have been read.

    Raises:
        MediaError: espeak-ng is missing or fails.
    """
    clips = _clips(require_tool("espeak-ng"), texts)
    first = next(clips, None)
    rate = first[1] if first is not None else _ESPEAK_RATE
    spans: list[tuple[int, int]] = []

    def blocks() -> Iterator[NDArray[np.float32]]:
        edge = np.zeros(round(EDGE_S * rate), dtype=np.float32)
        pause = np.zeros(round(PAUSE_S * rate), dtype=np.float32)
        yield edge
        at = edge.size
        for samples, clip_rate in itertools.chain([first] if first is not None else [], clips):
            if clip_rate != rate:
                raise MediaError(f"espeak-ng changed its sample rate (found {clip_rate}, expected {rate})", "espeak-ng")
            speech = _trim(samples, rate)
            if speech.size == 0:
                speech = np.zeros(round(_BLIP_S * rate), dtype=np.float32)
            spans.append((at, at + speech.size))
            yield speech
            yield pause
            at += speech.size + pause.size
        yield edge

    return rate, blocks(), spans


def synthesize(texts: list[tuple[str, str]]) -> tuple[NDArray[np.float32], int, list[tuple[int, int]]]:
    """The reference for ``(text, lang)`` pieces whole (:func:`reference_blocks` joined):
    samples, sample rate, and each piece's speech as a (start, end) sample span.

    Raises:
        MediaError: espeak-ng is missing or fails.
    """
    rate, blocks, spans = reference_blocks(texts)
    return np.concatenate(list(blocks)), rate, spans
