"""Dynamic time warping in a band, coarse to fine, in memory linear in the length.

A full cost matrix for a 10-minute programme at 10 ms frames has 3.6 billion cells. We
first align 100 ms averages of the frames inside a wide diagonal band, then the 10 ms
frames inside a narrow band around that coarse path. Each row is computed with numpy in
one go: the horizontal step ``D[i, j-1]`` would make a row sequential, but
``D[i, j] = min(A[j], c[i, j] + D[i, j-1])`` unrolls to ``S[j] + min(A[k] - S[k], k <= j)``
with ``S`` the running sum of the row's costs, which is ``np.minimum.accumulate``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["align_frames", "banded_dtw"]

_DIAG, _UP, _LEFT = 0, 1, 2
COARSE = 10  # fine frames per coarse frame (100 ms)
# Fine frames either side of the coarse path (0.6 s): the coarse path is right to within
# its 100 ms frames, so this leaves room for it to be several coarse frames off.
FINE_RADIUS = 60
# The coarse band, either side of the diagonal: a fifth of the length, since the real
# speech drifts from its proportional place in the reference by the difference in pace
# (news at 150-190 wpm against espeak-ng's 175, under a fifth) plus its pauses; but at
# least 30 s (300 coarse frames), for a short report where a fifth is one long pause.
_BAND_SHARE = 5
_BAND_MIN = 300
# Passing over a reference frame costs 1.1 times the median well-matched step: just over
# what the right words cost, well under wrong words (about twice, see the confidence in
# subtools.align). Measured on a report cut at the end, at the start and in the middle:
# 1.1 passes over exactly the missing cues, 1.5 the spoken cue at a cut's edge as well.
SKIP_FACTOR = 1.1
# Rows between progress calls: 20 s of fine frames, often enough for a bar, rare
# enough to cost nothing next to the rows themselves.
_PROGRESS_ROWS = 2000


def banded_dtw(
    a: NDArray[np.float32],
    b: NDArray[np.float32],
    lo: NDArray[np.int64],
    hi: NDArray[np.int64],
    progress: Callable[[int], None] | None = None,
    skip_cost: NDArray[np.float64] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.int64], float]:
    """The cheapest monotonic path from (0, 0) to (len(a)-1, len(b)-1) with row ``i``
    restricted to columns ``lo[i]:hi[i]`` (non-decreasing, ``lo[0] == 0``,
    ``hi[-1] == len(b)``). Returns the path's rows, columns and mean step cost.

    ``skip_cost`` (one per column of ``b``, ``inf`` where not allowed) caps what a
    horizontal step onto that column costs: columns of ``b`` with nothing like them in
    ``a`` (text that was not spoken) are passed over at that price wherever the rest
    matches best, instead of being crushed into whatever neighbouring speech costs least."""
    n = a.shape[0]
    moves: list[NDArray[np.int8]] = []
    prev: NDArray[np.float64] = np.empty(0)
    prev_lo = prev_hi = 0
    for i in range(n):
        lo_i, hi_i = int(lo[i]), int(hi[i])
        diff = b[lo_i:hi_i] - a[i]
        cost = np.sqrt(np.einsum("ij,ij->i", diff, diff)).astype(np.float64)
        across = cost if skip_cost is None else np.minimum(cost, skip_cost[lo_i:hi_i])
        if i == 0 and skip_cost is not None:
            across[0] = cost[0]  # the path's first cell is entered, not stepped onto
        running = np.cumsum(across)
        move = np.full(hi_i - lo_i, _LEFT, dtype=np.int8)
        if i == 0:
            row = running
            move[0] = _DIAG
        else:
            vert = np.full(hi_i - lo_i, np.inf)
            diag = np.full(hi_i - lo_i, np.inf)
            # Columns the previous row covers, seen from this row's window.
            s, e = max(lo_i, prev_lo), min(hi_i, prev_hi)
            if s < e:
                vert[s - lo_i : e - lo_i] = prev[s - prev_lo : e - prev_lo]
            s, e = max(lo_i, prev_lo + 1), min(hi_i, prev_hi + 1)
            if s < e:
                diag[s - lo_i : e - lo_i] = prev[s - 1 - prev_lo : e - 1 - prev_lo]
            best = np.minimum(diag, vert)
            entry = cost + best
            shifted = entry - running
            acc = np.minimum.accumulate(shifted)
            row = running + acc
            own = shifted <= acc  # reached from the row above, not from the left
            move[own] = np.where(diag[own] <= vert[own], _DIAG, _UP)
        moves.append(move)
        prev, prev_lo, prev_hi = row, lo_i, hi_i
        if progress is not None and i % _PROGRESS_ROWS == 0:
            progress(i)
    total = float(prev[-1])
    rows: list[int] = []
    cols: list[int] = []
    i, j = n - 1, int(hi[-1]) - 1
    while True:
        rows.append(i)
        cols.append(j)
        if i == 0 and j == 0:
            break
        step = moves[i][j - int(lo[i])]
        if i == 0 or step == _LEFT:
            j -= 1
        elif step == _UP:
            i -= 1
        else:
            i, j = i - 1, j - 1
    path_rows = np.array(rows[::-1], dtype=np.int64)
    path_cols = np.array(cols[::-1], dtype=np.int64)
    return path_rows, path_cols, total / len(rows)


def _pool(x: NDArray[np.float32], k: int) -> NDArray[np.float32]:
    n = -(-x.shape[0] // k)
    padded = np.concatenate([x, np.repeat(x[-1:], n * k - x.shape[0], axis=0)])
    pooled: NDArray[np.float32] = padded.reshape(n, k, -1).mean(axis=1)
    return pooled


def _monotone(lo: NDArray[np.int64], hi: NDArray[np.int64], width: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    lo = np.maximum.accumulate(np.clip(lo, 0, width - 1))
    hi = np.minimum.accumulate(np.clip(hi, 1, width)[::-1])[::-1]
    hi = np.maximum(hi, lo + 1)
    lo[0] = 0
    hi[-1] = width
    return lo, hi


def _skip_costs(
    a: NDArray[np.float32], b: NDArray[np.float32], skip: NDArray[np.bool_], guide: tuple[NDArray[np.int64], ...]
) -> NDArray[np.float64]:
    """Per column of ``b``: what passing it over costs where ``skip`` allows it (else inf).

    The price is SKIP_FACTOR times the median step cost along ``guide`` (rows into ``a``,
    columns into ``b`` that matched well), so it is in the units of these features."""
    rows, cols = guide
    diff = a[rows] - b[cols]
    typical = float(np.median(np.sqrt(np.einsum("ij,ij->i", diff, diff)))) if rows.size else np.inf
    return np.where(skip, SKIP_FACTOR * typical, np.inf)


def align_frames(
    real: NDArray[np.float32],
    ref: NDArray[np.float32],
    progress: Callable[[int, int], None] | None = None,
    skip: NDArray[np.bool_] | None = None,
    guide: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.int64], float]:
    """Path (real rows, reference columns) between two feature sequences, coarse to fine.

    ``progress`` gets ``(rows done, total rows)`` over both passes, ``total`` above 0:
    the ``total == 0`` "finished" call of a progress bar is the caller's to make.

    ``skip`` marks reference columns that may have no speech in ``real`` (see
    :func:`banded_dtw`'s ``skip_cost``), priced from ``guide``, (rows, columns) of an
    earlier path where it matched well. The coarse band widens by the skippable length,
    since the path may run that far from the diagonal.
    """
    n, m = real.shape[0], ref.shape[0]
    cr, cf = _pool(real, COARSE), _pool(ref, COARSE)
    cn, cm = cr.shape[0], cf.shape[0]
    coarse_skip = fine_skip = None
    widen = 0
    if skip is not None and guide is not None:
        fine_skip = _skip_costs(real, ref, skip, guide)
        cskip = _pool(skip[:, None].astype(np.float32), COARSE)[:, 0] > 0
        coarse_skip = _skip_costs(cr, cf, cskip, (guide[0] // COARSE, guide[1] // COARSE))
        widen = int(np.count_nonzero(cskip))
    # Coarse band: the diagonal scaled to the two lengths, 30 s or a fifth of the length either side.
    centre = np.arange(cn) * (cm / cn)
    radius = max(_BAND_MIN, cm // _BAND_SHARE) + widen
    clo, chi = _monotone((centre - radius).astype(np.int64), (centre + radius + 1).astype(np.int64), cm)
    total_rows = cn + n

    def report(done: int) -> None:
        if progress is not None:
            progress(done, total_rows)

    pr, pc, _ = banded_dtw(cr, cf, clo, chi, report, coarse_skip)
    # Fine band: every fine row within FINE_RADIUS frames of the coarse path's columns.
    span_lo = np.full(cn, cm, dtype=np.int64)
    span_hi = np.zeros(cn, dtype=np.int64)
    np.minimum.at(span_lo, pr, pc)
    np.maximum.at(span_hi, pr, pc)
    rows = np.arange(n) // COARSE
    lo = span_lo[rows] * COARSE - FINE_RADIUS
    hi = (span_hi[rows] + 1) * COARSE + FINE_RADIUS
    flo, fhi = _monotone(lo, hi, m)
    return banded_dtw(real, ref, flo, fhi, lambda i: report(cn + i), fine_skip)
