"""Speech features for alignment: mel band energies and MFCCs, 10 ms apart (numpy).

Both signals (the real report and the synthetic reference) are measured as power per
mel band in the same physical units whatever their sample rate, so that the real
recording's noise floor can be given to the reference before the log (see
:func:`with_noise_floor`): a reference whose pauses are digital silence pulls sentence
starts early into the real audio's noisy pauses, by up to a second at 15 dB.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["HOP_S", "NOISE_QUANTILE", "mel_energies", "mel_energies_of_blocks", "mfcc", "with_noise_floor"]

HOP_S = 0.010  # one feature frame every 10 ms
# 25 ms windows: the usual speech analysis frame, long enough to hold two pitch periods
# of a low voice, short enough for one speech sound to be steady inside it.
WIN_S = 0.025
# The common speech-recognition sizes: 26 bands over the voice's range, and 13 cepstra
# (12 plus energy) that keep the spectral envelope (what is said) and drop the pitch.
N_MELS = 26
N_MFCC = 13
F_MIN = 60.0  # under the pitch of a low voice: below it there is hum and rumble, not speech
F_MAX = 7600.0  # below the 8 kHz Nyquist of 16 kHz audio, so every input rate covers it
# The quietest tenth of a recording's frames stands for its noise: a news report pauses
# between sentences and speakers, while a tenth is more than a few dropouts.
NOISE_QUANTILE = 0.10
_LOG_FLOOR = 1e-12  # keeps the log finite on digital silence, far below any real band energy
# Fewer speech frames than this (100 ms) give no usable mean and spread: use all frames.
_MIN_SPEECH_FRAMES = 10
_CHUNK = 2048  # frames per FFT batch: bounds memory on long programmes
_MFCC_CHUNK = 1 << 16  # frames (11 minutes) per block of cepstra: a report is one block


@cache
def _mel_filters(rate: int, nfft: int) -> NDArray[np.float64]:
    # The usual mel scale (O'Shaughnessy's formula) and its inverse below.
    def mel(f: NDArray[np.float64]) -> NDArray[np.float64]:
        return 2595.0 * np.log10(1.0 + f / 700.0)

    edges_mel = np.linspace(mel(np.array(F_MIN)), mel(np.array(F_MAX)), N_MELS + 2)
    edges = 700.0 * (10 ** (edges_mel / 2595.0) - 1.0)
    freqs = np.arange(nfft // 2 + 1) * rate / nfft
    bank = np.zeros((N_MELS, freqs.size))
    for m in range(N_MELS):
        lo, mid, hi = edges[m], edges[m + 1], edges[m + 2]
        rising = (freqs - lo) / (mid - lo)
        falling = (hi - freqs) / (hi - mid)
        bank[m] = np.clip(np.minimum(rising, falling), 0.0, None)
    # Band power per Hz of bandwidth: comparable across sample rates.
    return bank * (rate / nfft)


def mel_energies(signal: NDArray[np.float32], rate: int) -> NDArray[np.float64]:
    """Power in each mel band, one row per 10 ms frame (frames x 26)."""
    return mel_energies_of_blocks([signal], rate)


def mel_energies_of_blocks(blocks: Iterable[NDArray[np.float32]], rate: int) -> NDArray[np.float64]:
    """:func:`mel_energies` of the blocks of samples laid end to end, read one at a time:
    the same frames, without the whole signal in memory."""
    hop = round(HOP_S * rate)
    win = round(WIN_S * rate)
    nfft = 1 << (win - 1).bit_length()
    window = np.hamming(win)
    scale = 1.0 / (rate * float(np.sum(window**2)))  # periodogram to power spectral density
    bank = _mel_filters(rate, nfft)
    out: list[NDArray[np.float64]] = []
    held = np.zeros(0, dtype=np.float32)  # samples of frames not yet complete
    seen = 0
    for block in blocks:
        seen += block.size
        held = np.concatenate([held, block]) if held.size else block
        frames = 1 + (held.size - win) // hop if held.size >= win else 0
        for first in range(0, frames, _CHUNK):
            n = min(_CHUNK, frames - first)
            idx = (first + np.arange(n))[:, None] * hop + np.arange(win)[None, :]
            spec = np.fft.rfft(held[idx].astype(np.float64) * window, n=nfft)
            psd = (spec.real**2 + spec.imag**2) * scale
            out.append(psd @ bank.T)
        held = held[frames * hop :]
    if seen < win:  # shorter than one window: one frame of it padded with silence
        padded = np.pad(held, (0, win - held.size))[None, :].astype(np.float64)
        spec = np.fft.rfft(padded * window, n=nfft)
        out.append(((spec.real**2 + spec.imag**2) * scale) @ bank.T)
    return np.concatenate(out) if out else np.empty((0, N_MELS))


def with_noise_floor(
    reference: NDArray[np.float64], real: NDArray[np.float64], floor_db: float = 50.0
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Both recordings' band energies over one noise floor, at the real recording's SNR,
    added in place (an hour's energies are 70 MB each: no copies).

    The floor is the mean spectrum of the real audio's quietest tenth of frames, but at
    least ``floor_db`` under its speech (a studio recording's digital silence would make
    the log of a pause meaningless). The reference gets it scaled by the ratio of the two
    recordings' speech levels (their loudest half of frames), so both have the same
    signal-to-noise ratio and a pause looks like a pause in both.
    """
    real_total = real.sum(axis=1)
    ref_total = reference.sum(axis=1)
    loud = real_total >= np.median(real_total)
    speech_spectrum = real[loud].mean(axis=0) if loud.any() else np.ones(real.shape[1])
    quiet = real_total <= np.quantile(real_total, NOISE_QUANTILE)
    noise = real[quiet].mean(axis=0) if quiet.any() else np.zeros(real.shape[1])
    floor = np.maximum(noise, speech_spectrum * 10 ** (-floor_db / 10))
    real_speech = float(np.mean(real_total[loud]))
    ref_speech = float(np.mean(ref_total[ref_total >= np.median(ref_total)]))
    if real_speech <= 0 or ref_speech <= 0:
        return reference, real
    reference += floor * (ref_speech / real_speech)
    real += floor - noise
    return reference, real


@cache
def _dct_matrix() -> NDArray[np.float64]:
    k = np.arange(N_MFCC)[:, None]
    n = np.arange(N_MELS)[None, :]
    matrix: NDArray[np.float64] = np.cos(np.pi * k * (2 * n + 1) / (2 * N_MELS)) * np.sqrt(2.0 / N_MELS)
    return matrix


def mfcc(energies: NDArray[np.float64], speech: NDArray[np.bool_] | None = None) -> NDArray[np.float32]:
    """Cepstra 1-12 plus log energy, normalised to zero mean and unit variance over the
    ``speech`` frames (all frames when not given), so loudness and channel differences
    between the voices cancel. Statistics of speech only: a recording with longer pauses
    would otherwise shift its whole scale, and pauses would stop looking alike."""
    # In blocks of _MFCC_CHUNK frames: the log energies of an hour would be 70 MB more.
    cep = np.empty((energies.shape[0], N_MFCC))
    for first in range(0, energies.shape[0], _MFCC_CHUNK):
        block = energies[first : first + _MFCC_CHUNK]
        part = np.log(block + _LOG_FLOOR) @ _dct_matrix().T
        part[:, 0] = np.log(block.sum(axis=1) + _LOG_FLOOR)
        cep[first : first + _MFCC_CHUNK] = part
    basis = cep[speech] if speech is not None and np.count_nonzero(speech) > _MIN_SPEECH_FRAMES else cep
    mean = basis.mean(axis=0)
    std = basis.std(axis=0)
    std[std == 0] = 1.0
    del basis
    out: NDArray[np.float32] = np.empty(cep.shape, dtype=np.float32)
    for first in range(0, cep.shape[0], _MFCC_CHUNK):
        out[first : first + _MFCC_CHUNK] = (cep[first : first + _MFCC_CHUNK] - mean) / std
    return out
