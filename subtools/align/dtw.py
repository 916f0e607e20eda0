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
COARSE = 10  # frames of one level per frame of the level above (10 ms, 100 ms, 1 s)
_LEVELS = 3
# Frames either side of the path one level up (six of its frames): that path is right to
# within its own frames, so this leaves room for it to be several frames off.
FINE_RADIUS = 60
# The top band, either side of the diagonal: a fifth of the length, since the real
# speech drifts from its proportional place in the reference by the difference in pace
# (news at 150-190 wpm against espeak-ng's 175, under a fifth) plus its pauses; but at
# least 30 s, for a short report where a fifth is one long pause. At 1 s frames this band
# costs 2.6 MB for an hour; at 100 ms (as it was) it was 460 MB, growing with the square.
_BAND_SHARE = 5
_BAND_MIN_S = 30
_BAND_CELLS = 32_000_000  # 32 million cells (8 MB of moves): a 100 ms top band up to about 13 minutes
# Passing over a reference frame costs 1.1 times the median well-matched step: just over
# what the right words cost, well under wrong words (about twice, see the confidence in
# subtools.align). Measured on a report cut at the end, at the start and in the middle:
# 1.1 passes over exactly the missing cues, 1.5 the spoken cue at a cut's edge as well.
SKIP_FACTOR = 1.1
# Rows between progress calls: 20 s of fine frames, often enough for a bar, rare
# enough to cost nothing next to the rows themselves.
_PROGRESS_ROWS = 2000
_PACK_CELLS = 1 << 18  # moves packed at a time (256 KB of them before packing)


def banded_dtw(
    a: NDArray[np.float32],
    b: NDArray[np.float32],
    lo: NDArray[np.int64],
    hi: NDArray[np.int64],
    progress: Callable[[int], None] | None = None,
    skip_cost: NDArray[np.float64] | None = None,
    open_cost: float | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.int64], float]:
    """The cheapest monotonic path from (0, 0) to (len(a)-1, len(b)-1) with row ``i``
    restricted to columns ``lo[i]:hi[i]`` (non-decreasing, ``lo[0] == 0``,
    ``hi[-1] == len(b)``). Returns the path's rows, columns and mean step cost.

    ``skip_cost`` (one per column of ``b``, ``inf`` where not allowed) caps what a
    horizontal step onto that column costs: columns of ``b`` with nothing like them in
    ``a`` (text that was not spoken) are passed over at that price wherever the rest
    matches best, instead of being crushed into whatever neighbouring speech costs least.

    ``open_cost`` caps it the same way on the first and the last row, for every column:
    the reference may begin before ``a`` does and end after it (open ends), whatever the
    mask says; the path still runs corner to corner, and the columns it passes over on
    those rows are the text ``a`` lacks."""
    n = a.shape[0]
    # Every row's moves in one buffer (a row's at offset[i]): an hour's 360,000 rows as
    # arrays of their own cost 40 MB of object headers more.
    offset = np.concatenate([[0], np.cumsum(hi - lo)])
    moves = _Moves(int(offset[-1]))
    prev: NDArray[np.float64] = np.empty(0)
    prev_lo = prev_hi = 0
    for i in range(n):
        lo_i, hi_i = int(lo[i]), int(hi[i])
        diff = b[lo_i:hi_i] - a[i]
        cost = np.sqrt(np.einsum("ij,ij->i", diff, diff)).astype(np.float64)
        across = cost if skip_cost is None else np.minimum(cost, skip_cost[lo_i:hi_i])
        if open_cost is not None and i in (0, n - 1):
            across = np.minimum(across, open_cost)
        if i == 0 and (skip_cost is not None or open_cost is not None):
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
        moves.add(move)
        prev, prev_lo, prev_hi = row, lo_i, hi_i
        if progress is not None and i % _PROGRESS_ROWS == 0:
            progress(i)
    total = float(prev[-1])
    path_rows, path_cols = _backtrack(moves.done(), offset, lo, int(hi[-1]))
    return path_rows, path_cols, total / path_rows.size


class _Moves:
    """Every cell's move (_DIAG, _UP or _LEFT), four to a byte, added a row at a time:
    the moves are the only thing the band keeps per cell, and at a byte each the fine
    band's were 0.9 MB per minute of programme (two bits is all three moves need)."""

    def __init__(self, cells: int) -> None:
        self._packed = np.zeros((cells + 3) // 4, dtype=np.uint8)
        self._rows: list[NDArray[np.int8]] = []  # added, not yet packed
        self._held = 0  # cells in _rows
        self._at = 0  # cells packed so far: a multiple of four until done

    def add(self, move: NDArray[np.int8]) -> None:
        self._rows.append(move)
        self._held += move.size
        # Packed in batches: row by row, the packing's own numpy calls would cost more
        # than the row's (a fine row is about 150 cells).
        if self._held >= _PACK_CELLS:
            self._pack(final=False)

    def done(self) -> bytes:
        """The packed moves (cell ``c`` in bits ``2 * (c % 4)`` of byte ``c // 4``)."""
        self._pack(final=True)
        return self._packed.tobytes()

    def _pack(self, final: bool) -> None:
        held = np.concatenate(self._rows) if self._rows else np.zeros(0, dtype=np.int8)
        take = held.size if final else held.size // 4 * 4
        quads = np.zeros(-(-take // 4) * 4, dtype=np.uint8)
        quads[:take] = held[:take]
        q = quads.reshape(-1, 4)
        first = self._at // 4
        self._packed[first : first + q.shape[0]] = q[:, 0] | (q[:, 1] << 2) | (q[:, 2] << 4) | (q[:, 3] << 6)
        self._at += take
        self._rows = [held[take:]]
        self._held = held.size - take


def _backtrack(
    moves: bytes, offset: NDArray[np.int64], lo: NDArray[np.int64], m: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The path's rows and columns, read back from the last corner along ``moves``
    (:class:`_Moves`' packing; row ``i``'s at cell ``offset[i]``, its first column ``lo[i]``)."""
    n = lo.shape[0]
    # The path has at most n + m - 1 steps; arrays, not lists of ints (36 bytes a step).
    rows = np.empty(n + m, dtype=np.int64)
    cols = np.empty(n + m, dtype=np.int64)
    count = 0
    i, j = n - 1, m - 1
    while True:
        rows[count], cols[count] = i, j
        count += 1
        if i == 0 and j == 0:
            break
        cell = int(offset[i]) + j - int(lo[i])
        step = (moves[cell >> 2] >> ((cell & 3) << 1)) & 3
        if i == 0 or step == _LEFT:
            j -= 1
        elif step == _UP:
            i -= 1
        else:
            i, j = i - 1, j - 1
    path_rows: NDArray[np.int64] = rows[:count][::-1].copy()
    path_cols: NDArray[np.int64] = cols[:count][::-1].copy()
    return path_rows, path_cols


def _pool(x: NDArray[np.float32], k: int) -> NDArray[np.float32]:
    """Means of ``k`` frames at a time, the last group padded with copies of the last
    frame (only that group is copied: a padded copy of the whole was 19 MB an hour)."""
    whole = x.shape[0] // k * k
    pooled: NDArray[np.float32] = x[:whole].reshape(whole // k, k, *x.shape[1:]).mean(axis=1)
    if whole < x.shape[0]:
        tail = np.concatenate([x[whole:], np.repeat(x[-1:], whole + k - x.shape[0], axis=0)])
        pooled = np.concatenate([pooled, tail.reshape(1, k, *x.shape[1:]).mean(axis=1)])
    return pooled


def _pool_mask(mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """A coarse frame is skippable where any of its frames is."""
    pooled: NDArray[np.bool_] = _pool(mask[:, None].astype(np.float32), COARSE)[:, 0] > 0
    return pooled


def _monotone(lo: NDArray[np.int64], hi: NDArray[np.int64], width: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    lo = np.maximum.accumulate(np.clip(lo, 0, width - 1))
    hi = np.minimum.accumulate(np.clip(hi, 1, width)[::-1])[::-1]
    hi = np.maximum(hi, lo + 1)
    lo[0] = 0
    hi[-1] = width
    return lo, hi


def _skip_price(a: NDArray[np.float32], b: NDArray[np.float32], guide: tuple[NDArray[np.int64], ...]) -> float:
    """What passing over one reference frame costs: SKIP_FACTOR times the median step
    cost along ``guide`` (rows into ``a``, columns into ``b`` that matched well), so it is
    in the units of these features."""
    rows, cols = guide
    diff = a[rows] - b[cols]
    typical = float(np.median(np.sqrt(np.einsum("ij,ij->i", diff, diff)))) if rows.size else np.inf
    return SKIP_FACTOR * typical


def _band_around(
    path: tuple[NDArray[np.int64], NDArray[np.int64]], upper_rows: int, n: int, m: int, radius: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Columns (of ``m``) each of ``n`` rows may use: within ``radius`` of the columns the
    path one level up (COARSE times coarser, ``upper_rows`` rows) takes at that row."""
    pr, pc = path
    span_lo = np.full(upper_rows, np.iinfo(np.int64).max // (2 * COARSE), dtype=np.int64)
    span_hi = np.zeros(upper_rows, dtype=np.int64)
    np.minimum.at(span_lo, pr, pc)
    np.maximum.at(span_hi, pr, pc)
    rows = np.minimum(np.arange(n) // COARSE, upper_rows - 1)
    return _monotone(span_lo[rows] * COARSE - radius, (span_hi[rows] + 1) * COARSE + radius, m)


def _top_radius(m: int, skip: NDArray[np.bool_] | None, depth: int) -> int:
    """The top band's half-width in frames of ``depth`` (0: 10 ms, 1: 100 ms, 2: 1 s)."""
    widen = 0 if skip is None else int(np.count_nonzero(skip))
    return max(_BAND_MIN_S * 100 // int(COARSE**depth), m // _BAND_SHARE) + widen


def align_frames(
    real: NDArray[np.float32],
    ref: NDArray[np.float32],
    progress: Callable[[int, int], None] | None = None,
    skip: NDArray[np.bool_] | None = None,
    guide: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None,
    open_ends: bool = False,
) -> tuple[NDArray[np.int64], NDArray[np.int64], float]:
    """Path (real rows, reference columns) between two feature sequences, coarse to fine:
    100 ms averages in a band around the diagonal (for a long programme, 1 s averages
    there first and 100 ms ones within 30 s of their path), then 10 ms frames in a narrow
    band around the path one level up, so memory grows with the length only.

    ``progress`` gets ``(rows done, total rows)`` over all the passes, ``total`` above 0:
    the ``total == 0`` "finished" call of a progress bar is the caller's to make.

    ``skip`` marks reference columns that may have no speech in ``real`` (see
    :func:`banded_dtw`'s ``skip_cost``), priced from ``guide``, (rows, columns) of an
    earlier path where it matched well. The top band widens by the skippable length,
    since the path may run that far from the diagonal. ``open_ends`` (with ``guide``)
    lets the reference's opening and closing frames be passed over at the same price
    wherever the mask is (:func:`banded_dtw`'s ``open_cost``).
    """
    levels = [(real, ref, skip)]
    for _ in range(_LEVELS - 1):
        a, b, sk = levels[-1]
        levels.append((_pool(a, COARSE), _pool(b, COARSE), None if sk is None else _pool_mask(sk)))
    # The 1 s level only where the 100 ms band would pass _BAND_CELLS: on a report of a
    # few minutes its crude frames misplaced the edge of a missing stretch, and under
    # about thirteen minutes the 100 ms band is small anyway. Past that, audio that lacks
    # a stretch is still found, but not cue-exactly (README): the 100 ms band around the
    # diagonal grows with the square of the length (460 MB for an hour).
    if levels[1][0].shape[0] * (2 * _top_radius(levels[1][1].shape[0], levels[1][2], 1) + 1) <= _BAND_CELLS:
        levels.pop()
    total_rows = sum(a.shape[0] for a, _, _ in levels)
    done = 0

    def report(i: int) -> None:
        if progress is not None:
            progress(done + i, total_rows)

    path: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None
    cost = 0.0
    for depth in range(len(levels) - 1, -1, -1):
        a, b, sk = levels[depth]
        n, m = a.shape[0], b.shape[0]
        scale = int(COARSE**depth)
        price = open_cost = None
        if sk is not None and guide is not None:
            each = _skip_price(a, b, (guide[0] // scale, guide[1] // scale))
            price = np.where(sk, each, np.inf)
            open_cost = each if open_ends else None
        if path is None:
            # Top band: the diagonal scaled to the two lengths, 30 s or a fifth of the
            # length either side, and the skippable length on top.
            centre = np.arange(n) * (m / n)
            radius = _top_radius(m, sk, depth)
            lo, hi = _monotone((centre - radius).astype(np.int64), (centre + radius + 1).astype(np.int64), m)
        else:
            radius = FINE_RADIUS if depth == 0 else _BAND_MIN_S * 100 // scale
            lo, hi = _band_around(path, levels[depth + 1][0].shape[0], n, m, radius)
        rows, cols, cost = banded_dtw(a, b, lo, hi, report, price, open_cost)
        path = (rows, cols)
        done += n
    assert path is not None
    return path[0], path[1], cost
