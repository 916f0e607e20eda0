"""Where each cue is spoken in the real audio: synthesise, compare, warp.

The known text is spoken by espeak-ng (``synthesis``), both recordings become MFCC
frames 10 ms apart (``features``; the reference is given the real recording's noise
floor first), dynamic time warping finds the cheapest monotonic match between them
(``dtw``), and each cue's reference span is carried across that match. Nothing is
downloaded and no model is loaded: it runs on a laptop CPU, faster than real time.

Each cue also gets a confidence: how much better its words matched their stretch of the
real audio than the same reference frames played backwards do. Audio that is silent or
much shorter than the text is an error. Cues whose speech is not in the audio (cut off at
either end, a stretch missing) are found where the warp crushed them into a few frames,
and aligned again with their reference free to be passed over; audio of another text
scores near zero on almost every cue. Those cues are marked not spoken, never quietly
given wrong times; cues that merely match poorly are named in warnings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from subtools.errors import AlignmentError
from subtools.startup.records import value_class

# numpy and the modules built on it (dtw, features, synthesis) are imported inside
# align_speech: this package's top stays importable without numpy, for
# alignment_warnings and for `subtools convert` without --audio.
if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from subtools.model import Cue

__all__ = [
    "LOW_CONFIDENCE",
    "SpeechAlignment",
    "SpeechSpan",
    "align_pieces",
    "align_speech",
    "alignment_warnings",
    "left_out_warnings",
]

LOW_CONFIDENCE = 0.35  # below it a cue is flagged: its words did not match the audio well
# Real speech takes at least 0.6 of espeak-ng's time for the same words: 175 wpm against
# news read at 150-190 (0.92-1.17) or a fast talker at 250 (0.7). A poorly matched cue the
# warp gave less than that was crushed into a few frames: its speech is not in the audio
# (measured on the test voices: spoken cues 0.86-1.5, cues cut from the audio 0.0-0.58).
_SQUEEZED = 0.6
# Speech between the spoken cues around a missing stretch that is more than a pause (half a
# second, the shortest cue in the test reports is 0.8 s): a cue at its edge is spoken there.
_GAP_SPEECH_FRAMES = 50
# A median confidence under 0.1 is another text's audio: another report scores 0.00-0.28
# (median 0.05) on the seed's 37 cues, the right words 0.40-0.64 with espeak-ng voices and
# 0.1-0.3 with flite's (README). Between the two the audio is kept and the cues flagged.
_ANOTHER_TEXT = 0.1
# Edge cues taken back per run, one per warp (each warp is a whole alignment again).
_GROW_PASSES = 3
# 100 ms: how far inside a cue's speech its start and end are read (see align_speech).
_EDGE_FRAMES = 10
# An RMS level under -80 dBFS is quieter than the noise floor of any real recording:
# there is no speech to align to.
_SILENT_RMS = 1e-4
# News is read at 150-190 wpm and espeak-ng at 175: real speech under 40 % of the
# synthetic length cannot be this text.
_SHORTEST_SPEECH = 0.4
# Frames a stretch of speech must beat the noise floor by: 3 dB (twice the power). Speech
# is tens of dB over the floor, so the margin only keeps the floor's own flutter out.
_OVER_FLOOR = 2.0
# 50 ms of smoothing: shorter than a syllable, so a pause between words still shows,
# longer than the silent closure of a stop consonant inside a word.
_SMOOTH_FRAMES = 5
_STEP_BLOCK = 1 << 16  # path steps per block of step costs (11 minutes): a report is one block


@value_class
class SpeechSpan:
    """Where a piece of text is spoken in the real audio (int ms) and how sure we are.

    ``spoken`` is False for a piece the audio does not hold (cut off, a stretch missing,
    or another text's audio): its times are where the warp passed it over, not speech.
    """

    start_ms: int
    end_ms: int
    confidence: float
    spoken: bool = True


@value_class
class SpeechAlignment:
    """Every piece's span, the speech found in the audio and the speech the text needs
    (espeak-ng's pace), in int ms: what an error about missing speech says."""

    spans: tuple[SpeechSpan, ...]
    speech_ms: int
    text_ms: int

    @property
    def unspoken(self) -> list[int]:
        """Indexes of the pieces the audio does not hold."""
        return [k for k, span in enumerate(self.spans) if not span.spoken]


def _speech_frames(total: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Frames whose total power (over the bands) is clearly above the recording's noise
    floor (3 dB over its quietest tenth, smoothed over 50 ms)."""
    import numpy as np

    from subtools.align.features import NOISE_QUANTILE

    floor = float(np.quantile(total, NOISE_QUANTILE))
    smooth = np.convolve(total, np.ones(_SMOOTH_FRAMES) / _SMOOTH_FRAMES, mode="same")
    active: NDArray[np.bool_] = smooth > _OVER_FLOOR * floor
    return active


def _warp_cost(a: NDArray[np.float32], b: NDArray[np.float32]) -> float:
    """Mean step cost of the best unconstrained warp of ``a`` onto ``b`` (short pieces)."""
    import numpy as np

    from subtools.align.dtw import banded_dtw

    if a.shape[0] == 0 or b.shape[0] == 0:
        return 0.0
    n, m = a.shape[0], b.shape[0]
    _, _, cost = banded_dtw(a, b, np.zeros(n, dtype=np.int64), np.full(n, m, dtype=np.int64))
    return cost


def _frames(samples: int, rate: int) -> int:
    from subtools.align.features import HOP_S

    # Frames are a whole number of samples apart (220 at 22,050 Hz is 9.977 ms, not 10):
    # counting in seconds instead drifts by 0.23 %, 300 ms over two minutes.
    return round(samples / round(HOP_S * rate))


def _cue_spans(
    spans: list[tuple[int, int]],
    ref_rate: int,
    f_real: NDArray[np.float32],
    f_ref: NDArray[np.float32],
    rows: NDArray[np.int64],
    cols: NDArray[np.int64],
) -> list[SpeechSpan]:
    """Each cue's reference span (samples at ``ref_rate``) carried across the warping
    path ``rows``/``cols`` onto the real audio, with its confidence; a poorly matched cue
    the path crushed into under _SQUEEZED of its reference length is not ``spoken``."""
    import numpy as np

    from subtools.align.features import HOP_S

    m = f_ref.shape[0]
    # The path visits columns in order, so the first/last row seen for a column is its min/max.
    order = np.arange(rows.size)
    first_idx = np.full(m, rows.size, dtype=np.int64)
    np.minimum.at(first_idx, cols, order)
    last_idx = np.full(m, -1, dtype=np.int64)
    np.maximum.at(last_idx, cols, order)
    first = rows[np.clip(first_idx, 0, rows.size - 1)]
    last = rows[np.clip(last_idx, 0, rows.size - 1)]
    # A path step's cost in blocks of steps: the whole path's frame pairs at once were
    # four copies of 13 floats per step, 100 MB an hour.
    step_cost = np.empty(rows.size)
    for at in range(0, rows.size, _STEP_BLOCK):
        pair = slice(at, at + _STEP_BLOCK)
        step_cost[pair] = np.sqrt(((f_real[rows[pair]] - f_ref[cols[pair]]) ** 2).sum(axis=1))
    out: list[SpeechSpan] = []
    for s, e in spans:
        c0 = min(_frames(s, ref_rate), m - 1)
        c1 = max(c0, min(_frames(e, ref_rate) - 1, m - 1))
        on_path = step_cost[first_idx[c0] : last_idx[c1] + 1]
        matched = float(on_path.mean()) if on_path.size else np.inf
        # The control: the same frames played backwards (speech-like, but not these words)
        # warped onto the same stretch of real audio. The right words match far better
        # than their reversal; another text matches both about equally badly.
        r0, r1 = int(first[c0]), int(last[c1]) + 1
        control = _warp_cost(f_real[r0:r1], f_ref[c0 : c1 + 1][::-1])
        confidence = float(np.clip(1.0 - matched / control, 0.0, 1.0)) if control > 0 else 0.0
        # Edge frames are ambiguous (a weak onset looks like the pause before it, a fading
        # end like the pause after): read the match 100 ms inside the speech and step out
        # by as much. Measured on the test voices: worst boundary 90-99 ms with this, 310 ms
        # reading the edge frames themselves; scaling the step by the cue's speaking rate
        # gave a better mean (11 ms against 16) but a worse worst case (119 ms).
        # A short cue steps in by a third of its length at most, so its start and end
        # are read in order with the middle third between them.
        squeezed = (int(last[c1]) - int(first[c0]) + 1) < _SQUEEZED * (c1 - c0 + 1)
        k = min(_EDGE_FRAMES, (c1 - c0) // 3)
        start_row = int(first[c0 + k]) - k
        end_row = int(last[c1 - k]) + k
        out.append(
            SpeechSpan(
                start_ms=round(max(0, start_row) * HOP_S * 1000),
                end_ms=round((end_row + 1) * HOP_S * 1000),
                confidence=round(confidence, 3),  # three decimals: ample to rank cues, short in the JSON output
                spoken=not (squeezed and round(confidence, 3) < LOW_CONFIDENCE),
            )
        )
    return out


def _counted(blocks: Iterable[NDArray[np.float32]], seen: list[float]) -> Iterator[NDArray[np.float32]]:
    """``blocks`` as they pass, counting into ``seen`` their samples and the sum of their squares."""
    import numpy as np

    for block in blocks:
        seen[0] += block.size
        # Squares summed in float64 a second (16,000 samples) at a time: a minute's block
        # in float64 is 8 MB.
        for at in range(0, block.size, 16_000):
            wide = block[at : at + 16_000].astype(np.float64)
            seen[1] += float(np.dot(wide, wide))
        yield block


def align_speech(
    pieces: list[tuple[str, str]],
    audio: str | Path,
    progress: Callable[[int, int], None] | None = None,
    samples: NDArray[np.float32] | None = None,
) -> list[SpeechSpan]:
    """The speech span of each ``(text, lang)`` piece in ``audio``
    (:func:`align_pieces`' spans)."""
    return list(align_pieces(pieces, audio, progress, samples).spans)


def align_pieces(
    pieces: list[tuple[str, str]],
    audio: str | Path,
    progress: Callable[[int, int], None] | None = None,
    samples: NDArray[np.float32] | None = None,
) -> SpeechAlignment:
    """Where each ``(text, lang)`` piece is spoken in ``audio``, and which are not.

    ``samples`` (16 kHz mono) may be given instead of decoding ``audio`` again.

    ``progress`` is called with ``(done, total)`` rows of the time warping as it goes
    (:func:`subtools.align.dtw.align_frames`), ``total`` always above 0. The same
    callback type serves other long jobs (``subtools.media.render``), where a call with
    ``total == 0`` means "finished" (a progress bar closes on it): alignment never makes
    that call; whoever passes ``progress`` makes it once the job is done.

    Pieces the audio does not hold come back with ``spoken=False``: crushed by the warp
    into a few frames (cut off at either end, or a stretch missing), found again by a
    second warp that may pass their reference over (:func:`_realign`); or every piece,
    when the median piece matches no better than another text's do (_ANOTHER_TEXT).

    Raises:
        MediaError: the audio cannot be decoded, or espeak-ng/ffmpeg is missing.
        AlignmentError: the audio is silent or much too short for the text.
    """
    import numpy as np

    from subtools.align.dtw import align_frames
    from subtools.align.features import HOP_S, mel_energies_of_blocks, mfcc, noise_floor
    from subtools.align.synthesis import reference_blocks
    from subtools.media import RATE, require_tool, stream_audio

    name = str(audio)
    # Both tools are checked before any work, so a missing one is the first thing said.
    require_tool("ffmpeg")
    require_tool("espeak-ng")
    # The audio is read a minute at a time into its features: an hour of samples is 230 MB.
    seen = [0, 0.0]  # samples, sum of their squares
    real = mel_energies_of_blocks(_counted([samples] if samples is not None else stream_audio(audio), seen), RATE)
    size = int(seen[0])
    # Under a tenth of a second there is nothing to align either.
    if size < RATE // 10 or (seen[1] / max(size, 1)) ** 0.5 < _SILENT_RMS:
        raise AlignmentError(f"the audio is silent (found {size / RATE:.1f} s below -80 dBFS)", name)
    active = _speech_frames(real.total)
    noise = noise_floor(real)
    # Each recording's band energies (37 MB an hour) are let go once its cepstra are made,
    # the real one's before the reference is spoken: only one is ever held.
    f_real = mfcc(real, noise.for_real(), active)
    del real
    ref_rate, ref_blocks, spans = reference_blocks(pieces)
    ref = mel_energies_of_blocks(ref_blocks, ref_rate)  # spans are complete once it is read
    real_s, text_s = size / RATE, sum(e - s for s, e in spans) / ref_rate
    if real_s < _SHORTEST_SPEECH * text_s:
        raise AlignmentError(
            f"the audio is much shorter than the text (found {real_s:.1f} s, expected about {text_s:.0f} s of speech)",
            name,
        )
    lift = noise.for_reference(ref)
    f_ref = mfcc(ref, lift, _speech_frames(ref.totals_with(lift)))
    del ref
    rows, cols, _ = align_frames(f_real, f_ref, progress)
    out = _cue_spans(spans, ref_rate, f_real, f_ref, rows, cols)
    if not all(sp.spoken for sp in out):
        out = _realign(out, spans, ref_rate, (f_real, f_ref, active), (rows, cols))
    placed = sorted(sp.confidence for sp in out if sp.spoken)
    if placed and placed[len(placed) // 2] < _ANOTHER_TEXT:
        # The audio of another text: its few cues that scored well did so by chance, and
        # none is placed as if spoken.
        out = [replace(sp, spoken=False) for sp in out]
    speech_ms = round(int(np.count_nonzero(active)) * HOP_S * 1000)
    return SpeechAlignment(tuple(out), speech_ms, round(text_s * 1000))


def _runs(spans: Sequence[SpeechSpan]) -> list[tuple[int, int]]:
    """Each maximal run of unspoken pieces as (first, last) index."""
    out: list[tuple[int, int]] = []
    for k, span in enumerate(spans):
        if span.spoken:
            continue
        if out and out[-1][1] == k - 1:
            out[-1] = (out[-1][0], k)
        else:
            out.append((k, k))
    return out


def _speaking_edges(spans: Sequence[SpeechSpan], active: NDArray[np.bool_]) -> set[int]:
    """For each run of unspoken pieces whose stretch of audio (between the spoken pieces
    around it) holds more speech than a pause: the piece at its edge on the side where
    that speech is, which a passed-over run can take with it."""
    import numpy as np

    from subtools.align.features import HOP_S

    frame_ms = HOP_S * 1000
    out: set[int] = set()
    for a, b in _runs(spans):
        lo = round(spans[a - 1].end_ms / frame_ms) if a > 0 else 0
        hi = round(spans[b + 1].start_ms / frame_ms) if b + 1 < len(spans) else active.size
        speech = np.nonzero(active[lo:hi])[0]
        if speech.size < _GAP_SPEECH_FRAMES:
            continue
        if a == 0 or b + 1 == len(spans):
            out.add(b if a == 0 else a)
        else:
            out.add(a if float(speech.mean()) < (hi - lo) / 2 else b)
    return out


def _realign(
    first: list[SpeechSpan],
    spans: list[tuple[int, int]],
    ref_rate: int,
    features: tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.bool_]],
    path: tuple[NDArray[np.int64], NDArray[np.int64]],
) -> list[SpeechSpan]:
    """The spans again, from warps that may pass over the reference of each run of
    unspoken pieces and of its neighbours, which the crushed run had pulled off their
    speech. The last spoken piece before a stretch that is passed over can go with it
    (its speech matched to the missing text's frames): while the audio between the spoken
    pieces holds speech, the piece on that side is made to be matched, and kept if it
    then matches well."""
    import numpy as np

    from subtools.align.dtw import align_frames

    f_real, f_ref, active = features
    m = f_ref.shape[0]
    bounds = [min(_frames(s, ref_rate), m - 1) for s, _ in spans] + [_frames(spans[-1][1], ref_rate)]
    cols_of = [np.arange(bounds[k], max(bounds[k], bounds[k + 1])) for k in range(len(spans))]
    skippable = {k for k in range(len(first)) if not all(x.spoken for x in first[max(0, k - 1) : k + 2])}
    good = np.zeros(m, dtype=np.bool_)
    for k, sp in enumerate(first):
        good[cols_of[k]] = k not in skippable and sp.confidence >= LOW_CONFIDENCE
    rows, cols = path
    guide = (rows[good[cols]], cols[good[cols]])
    if guide[0].size == 0:
        return first  # nothing matched well to price a skip by: the other-text rule decides

    def warp(skipped: set[int]) -> list[SpeechSpan]:
        skip = np.zeros(m, dtype=np.bool_)
        for k in skipped:
            skip[cols_of[k]] = True
        # Open ends: the first warp pins the text's last frame to the audio's, so a cut at
        # the end left the text's last cues on the last speech heard and the run of crushed
        # cues before them (a seed cut after cue 22 was named 21-35, not 23-38). Passing
        # over the text's opening or closing frames costs what passing over a run does.
        r, c, _ = align_frames(f_real, f_ref, skip=skip, guide=guide, open_ends=True)
        return _cue_spans(spans, ref_rate, f_real, f_ref, r, c)

    out = warp(skippable)
    for _ in range(_GROW_PASSES):
        edges = _speaking_edges(out, active) & skippable
        if not edges:
            break
        trial = warp(skippable - edges)
        lost = any(o.spoken and not t.spoken for t, o in zip(trial, out, strict=True))
        if lost or any(not trial[k].spoken for k in edges):
            break  # the edge is not spoken after all (or matching it broke another): keep the last warp
        skippable -= edges
        out = trial
    return out


def alignment_warnings(cues: Sequence[Cue], source: str) -> list[str]:
    """One line per aligned cue an editor should look at (``source:line: warning: …``),
    then a summary line when more than half the aligned cues matched poorly: the audio
    is probably another report's. Cues without a confidence (not aligned) are not counted.
    """
    aligned = [c for c in cues if c.confidence is not None]
    out: list[str] = []
    for number, cue in enumerate(cues, start=1):
        if not cue.flags:
            continue
        why = []
        if "low-confidence" in cue.flags:
            why.append(f"its words matched the audio poorly (confidence {cue.confidence:.2f})")
        if "too-fast" in cue.flags:
            why.append("the speech is too fast to read under the profile (shown as long as the speech allows)")
        out.append(f"{source}:{cue.line}: warning: cue {number} at {cue.start_ms} ms: {'; '.join(why)}")
    low = [c for c in aligned if "low-confidence" in c.flags]
    if aligned and len(low) * 2 > len(aligned):
        out.append(
            f"{source}: warning: {len(low)} of {len(aligned)} cues matched the audio poorly: "
            "is this the audio of this transcript?"
        )
    return out


def left_out_warnings(left_out: Sequence[Cue], source: str) -> list[str]:
    """One line per cue left out because the audio does not hold its speech
    (``track.left_out`` with ``allow_partial``): ``source:line: warning: left out, not
    spoken in the audio: "its text"``, in text order."""
    return [f'{source}:{cue.line}: warning: left out, not spoken in the audio: "{cue.text}"' for cue in left_out]
