"""Parse time per byte at growing sizes: the parser must grow linearly.

Three shapes, each made of distinct sentences (so nothing is dropped as a repeat):

- ``stories``: a multi-story page (title, lead, hand-off, package, sign-off per story);
- ``one-line``: a whole transcript pasted as one paragraph on a single line;
- ``dropped``: a page where most lines are dropped (timestamps and page chrome between captions).

For each size it prints the time, the microseconds per kilobyte and the ratio of that to the
smallest size (the fastest of three runs each): within 2x is linear enough.
Run: ``python benchmarks/bench_parse.py [--quick]``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from subtools import parse_transcript

_WORDS = "harbor river council market bridge school tunnel ferry station garden".split()


def _sentence(k: int) -> str:
    a, b = _WORDS[k % len(_WORDS)], _WORDS[(k // len(_WORDS)) % len(_WORDS)]
    return f"Officials said the {a} plan number {k} would cost {k * 7 % 997} million won near the {b}."


def stories_page(n_bytes: int) -> str:
    out: list[str] = []
    k = 0
    story = 0
    while sum(len(x) + 1 for x in out) < n_bytes:
        story += 1
        out += [f"Story {story}: City Approves Plan {story}", "", _sentence(k), f"Kim Min-ji{story % 7} has more.", ""]
        for _ in range(4):
            k += 1
            out.append(_sentence(k))
        out += [f"Kim Min-ji{story % 7}, Arirang News.", ""]
        k += 1
    return "\n".join(out) + "\n"


def one_line(n_bytes: int) -> str:
    parts: list[str] = []
    size = 0
    k = 0
    while size < n_bytes:
        s = _sentence(k)
        parts.append(s)
        size += len(s) + 1
        k += 1
    return " ".join(parts) + "\n"


def dropped_lines(n_bytes: int) -> str:
    """A lead, then one long run of lines the parser drops (timestamps, page chrome, a
    caption line repeated), then the closing narration."""
    out = ["Story 1: Harbor Crews Finish Repairs", "", _sentence(0), "Kim Min-ji has more."]
    size = sum(len(x) + 1 for x in out)
    k = 0
    repeated = _sentence(1)
    while size < n_bytes:
        block = [f"00:{k // 3600 % 60:02d}:{k // 60 % 60:02d}:{k % 60:02d}", "Share", repeated, "Advertisement"]
        out += block
        size += sum(len(x) + 1 for x in block)
        k += 1
    out += [_sentence(2), "Kim Min-ji, Arirang News."]
    return "\n".join(out) + "\n"


SHAPES: dict[str, tuple[Callable[[int], str], list[int]]] = {
    "stories": (stories_page, [50_000, 200_000, 500_000]),
    "one-line": (one_line, [20_000, 200_000, 2_000_000]),
    "dropped": (dropped_lines, [60_000, 240_000, 960_000]),
}


# Each size is parsed this many times and the fastest kept: other work on the machine only
# ever makes a run slower, so the minimum is the parser's own cost.
REPEATS = 3


def time_parse(text: str, repeats: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        parse_transcript(text)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    worst = 0.0
    for name, (make, sizes) in SHAPES.items():
        base: float | None = None
        for n in sizes[:2] if quick else sizes:
            text = make(n)
            seconds = time_parse(text)
            per_kb = seconds / (len(text.encode()) / 1000) * 1e6
            base = base or per_kb
            ratio = per_kb / base
            worst = max(worst, ratio)
            lines = text.count("\n")
            size = len(text.encode())
            print(f"{name:9} {size:>9} bytes {lines:>7} lines {seconds:8.3f} s {per_kb:9.1f} µs/KB  x{ratio:.2f}")
    print(f"worst ratio to the smallest size: x{worst:.2f} (linear: within x2)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
