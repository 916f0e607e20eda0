"""Speech features for alignment: mel band energies and MFCCs, 10 ms apart (numpy).

Both signals (the real report and the synthetic reference) are measured as power per
mel band in the same physical units whatever their sample rate, so that the real
recording's noise floor can be given to the reference before the log (see
:func:`noise_floor`): a reference whose pauses are digital silence pulls sentence
starts early into the real audio's noisy pauses, by up to a second at 15 dB.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from subtools.startup.records import value_class

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "HOP_S",
    "NOISE_QUANTILE",
    "BandEnergies",
    "NoiseFloor",
    "mel_energies",
    "mel_energies_of_blocks",
    "mfcc",
    "noise_floor",
]

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
_CHUNK = 512  # frames per FFT batch (and per block of BandEnergies): 15 MB of spectra at a time


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


@value_class
class BandEnergies:
    """Power in each mel band, one row per 10 ms frame, kept compact for long programmes:
    float32 in blocks of _CHUNK frames (an hour of one recording is 37 MB, where float64
    in one array was 75 MB and twice that while it was joined), and each frame's total
    power over the bands summed in float64 before the rounding (the noise floor and the
    speech frames are read from it as they always were)."""

    blocks: list[NDArray[np.float32]]
    total: NDArray[np.float64]

    @property
    def frames(self) -> int:
        return int(self.total.size)

    def array(self) -> NDArray[np.float64]:
        """Every frame's energies in one float64 array (frames x 26): for short pieces and tests."""
        if not self.blocks:
            return np.empty((0, N_MELS))
        return np.concatenate(self.blocks).astype(np.float64)

    def mean_of(self, frames: NDArray[np.bool_]) -> NDArray[np.float64]:
        """The mean energies of the ``frames`` marked (at least one)."""
        acc = np.zeros(N_MELS)
        first = 0
        for block in self.blocks:
            acc += block[frames[first : first + block.shape[0]]].astype(np.float64).sum(axis=0)
            first += block.shape[0]
        mean: NDArray[np.float64] = acc / np.count_nonzero(frames)
        return mean

    def totals_with(self, add: NDArray[np.float64]) -> NDArray[np.float64]:
        """Each frame's total power once ``add`` (one per band) is added to its energies."""
        if not self.blocks:
            return np.empty(0)
        return np.concatenate([(block.astype(np.float64) + add).sum(axis=1) for block in self.blocks])


def mel_energies(signal: NDArray[np.float32], rate: int) -> NDArray[np.float64]:
    """Power in each mel band, one row per 10 ms frame (frames x 26)."""
    return mel_energies_of_blocks([signal], rate).array()


def mel_energies_of_blocks(blocks: Iterable[NDArray[np.float32]], rate: int) -> BandEnergies:
    """:func:`mel_energies` of the blocks of samples laid end to end, read one at a time:
    the same frames, without the whole signal in memory."""
    hop = round(HOP_S * rate)
    win = round(WIN_S * rate)
    nfft = 1 << (win - 1).bit_length()
    window = np.hamming(win)
    scale = 1.0 / (rate * float(np.sum(window**2)))  # periodogram to power spectral density
    bank = _mel_filters(rate, nfft)
    out: list[NDArray[np.float32]] = []
    totals: list[NDArray[np.float64]] = []

    def keep(energies: NDArray[np.float64]) -> None:
        totals.append(energies.sum(axis=1))
        out.append(energies.astype(np.float32))

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
            keep(((spec.real**2 + spec.imag**2) * scale) @ bank.T)
        held = held[frames * hop :]
    if seen < win:  # shorter than one window: one frame of it padded with silence
        padded = np.pad(held, (0, win - held.size))[None, :].astype(np.float64)
        spec = np.fft.rfft(padded * window, n=nfft)
        keep(((spec.real**2 + spec.imag**2) * scale) @ bank.T)
    return BandEnergies(out, np.concatenate(totals) if totals else np.empty(0))


@value_class
class NoiseFloor:
    """The real recording's noise, as :func:`noise_floor` measures it: what each
    recording's band energies get added before the log, so that both have the real
    recording's signal-to-noise ratio and a pause looks like a pause in both."""

    floor: NDArray[np.float64]  # per band: the noise, but at least floor_db under the speech
    noise: NDArray[np.float64]  # per band: the mean of the real recording's quietest tenth
    speech: float  # the real recording's speech level (mean total of its loudest half)

    def for_real(self) -> NDArray[np.float64]:
        """What the real recording's energies get: its noise raised to the floor. (It is
        given before the reference is spoken, so unlike the reference's it does not wait
        on the reference's level: a text with nothing to speak, a reference of digital
        silence, now leaves the real audio lifted where it once left it as it was.)"""
        return self.floor - self.noise if self.speech > 0 else np.zeros(self.floor.size)

    def for_reference(self, reference: BandEnergies) -> NDArray[np.float64]:
        """What the reference's energies get: the floor scaled by the ratio of the two
        recordings' speech levels (their loudest half of frames)."""
        total = reference.total
        ref_speech = float(np.mean(total[total >= np.median(total)]))
        if self.speech <= 0 or ref_speech <= 0:
            return np.zeros(self.floor.size)
        scaled: NDArray[np.float64] = self.floor * (ref_speech / self.speech)
        return scaled


def noise_floor(real: BandEnergies, floor_db: float = 50.0) -> NoiseFloor:
    """The real recording's noise floor: the mean spectrum of its quietest tenth of
    frames, but at least ``floor_db`` under its speech (a studio recording's digital
    silence would make the log of a pause meaningless)."""
    real_total = real.total
    loud = real_total >= np.median(real_total)
    speech_spectrum = real.mean_of(loud) if loud.any() else np.ones(N_MELS)
    quiet = real_total <= np.quantile(real_total, NOISE_QUANTILE)
    noise = real.mean_of(quiet) if quiet.any() else np.zeros(N_MELS)
    floor = np.maximum(noise, speech_spectrum * 10 ** (-floor_db / 10))
    return NoiseFloor(floor, noise, float(np.mean(real_total[loud])))


@cache
def _dct_matrix() -> NDArray[np.float64]:
    k = np.arange(N_MFCC)[:, None]
    n = np.arange(N_MELS)[None, :]
    matrix: NDArray[np.float64] = np.cos(np.pi * k * (2 * n + 1) / (2 * N_MELS)) * np.sqrt(2.0 / N_MELS)
    return matrix


def _cepstra(block: NDArray[np.float32], add: NDArray[np.float64]) -> NDArray[np.float64]:
    """Cepstra 1-12 and log energy of a block of band energies once ``add`` is added."""
    energies = block.astype(np.float64) + add
    part: NDArray[np.float64] = np.log(energies + _LOG_FLOOR) @ _dct_matrix().T
    part[:, 0] = np.log(energies.sum(axis=1) + _LOG_FLOOR)
    return part


def mfcc(
    energies: BandEnergies, add: NDArray[np.float64] | None = None, speech: NDArray[np.bool_] | None = None
) -> NDArray[np.float32]:
    """Cepstra 1-12 plus log energy of ``energies`` with ``add`` (one per band, a
    :class:`NoiseFloor`'s) added, normalised to zero mean and unit variance over the
    ``speech`` frames (all frames when not given), so loudness and channel differences
    between the voices cancel. Statistics of speech only: a recording with longer pauses
    would otherwise shift its whole scale, and pauses would stop looking alike."""
    # Block by block, three times over (the mean, the spread about it, the output): the
    # float64 cepstra of an hour would be 37 MB more, and the logs are cheap to redo.
    plus = np.zeros(N_MELS) if add is None else add
    use = speech if speech is not None and np.count_nonzero(speech) > _MIN_SPEECH_FRAMES else None
    count = energies.frames if use is None else int(np.count_nonzero(use))

    def basis() -> Iterator[NDArray[np.float64]]:
        first = 0
        for block in energies.blocks:
            yield _cepstra(block if use is None else block[use[first : first + block.shape[0]]], plus)
            first += block.shape[0]

    mean = sum((part.sum(axis=0) for part in basis()), np.zeros(N_MFCC)) / max(count, 1)
    spread = sum((((part - mean) ** 2).sum(axis=0) for part in basis()), np.zeros(N_MFCC)) / max(count, 1)
    std = np.sqrt(spread)
    std[std == 0] = 1.0
    out: NDArray[np.float32] = np.empty((energies.frames, N_MFCC), dtype=np.float32)
    first = 0
    for block in energies.blocks:
        out[first : first + block.shape[0]] = (_cepstra(block, plus) - mean) / std
        first += block.shape[0]
    return out
