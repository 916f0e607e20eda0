"""Alignment's memory does not grow faster than a few bytes per 10 ms frame.

Measured with tracemalloc (numpy reports its buffers to it) on synthetic frames, so no
audio, espeak-ng or ffmpeg is needed: the band energies of a stream are held compact, the
cepstra are made from them block by block, and the band's moves take two bits a cell.
Sizes only: no time is asserted.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterator

import numpy as np

from subtools.align.dtw import banded_dtw
from subtools.align.features import N_MELS, BandEnergies, mel_energies_of_blocks, mfcc
from subtools.media import RATE


def _peak_above_start(work: Callable[[], object]) -> int:
    """Bytes ``work`` had allocated at its peak, above what was allocated before it."""
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        work()
        return tracemalloc.get_traced_memory()[1] - start
    finally:
        tracemalloc.stop()


def _noise(seconds: int) -> Iterator[np.ndarray]:
    rng = np.random.default_rng(1)
    for _ in range(seconds):
        yield rng.normal(0.0, 0.1, RATE).astype(np.float32)


def test_band_energies_of_a_stream_are_held_in_about_a_hundred_bytes_a_frame() -> None:
    energies = mel_energies_of_blocks(_noise(60), RATE)
    held = sum(b.nbytes for b in energies.blocks) + energies.total.nbytes
    assert energies.frames == 1 + (60 * RATE - 400) // 160  # 25 ms windows (400 samples) 10 ms apart
    # 26 bands in float32 and a float64 total: 112 bytes, where float64 bands were 208.
    assert held <= energies.frames * (N_MELS * 4 + 8) + 4096


def test_cepstra_are_made_without_a_copy_that_grows_with_the_length() -> None:
    rng = np.random.default_rng(2)

    def cepstra_of(frames: int) -> int:
        raw = rng.gamma(1.0, 1e-6, (frames, N_MELS)).astype(np.float32)
        blocks = [raw[k : k + 512] for k in range(0, frames, 512)]
        energies = BandEnergies(blocks, raw.sum(axis=1, dtype=np.float64))
        speech = rng.random(frames) > 0.3
        out_bytes = frames * 13 * 4
        return _peak_above_start(lambda: mfcc(energies, np.full(N_MELS, 1e-8), speech)) - out_bytes

    small, large = cepstra_of(60_000), cepstra_of(240_000)
    # The output is all that grows: what is left of the peak is a block's work (a float64
    # copy of the cepstra was 104 bytes a frame more, 19 MB for these 180,000 frames).
    assert large - small < 1_000_000, (small, large)


def test_the_bands_moves_take_under_a_byte_a_cell() -> None:
    rng = np.random.default_rng(3)

    def warp_of(n: int) -> int:
        a = rng.normal(size=(n, 13)).astype(np.float32)
        b = rng.normal(size=(n, 13)).astype(np.float32)
        centre = np.arange(n)
        lo = np.clip(centre - 80, 0, n - 1).astype(np.int64)
        hi = np.clip(centre + 81, 1, n).astype(np.int64)
        lo[0], hi[-1] = 0, n
        return _peak_above_start(lambda: banded_dtw(a, b, lo, hi))

    n = 10_000
    small, large = warp_of(n), warp_of(2 * n)
    # Per extra row: 161 cells at two bits (41 bytes), its offset (8) and the path's rows
    # and columns (int64, built and then kept): 86 bytes measured. At a byte a cell, as
    # the moves once were, it was 217.
    assert (large - small) / n < 120, (small, large)
