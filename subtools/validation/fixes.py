"""``validate --fix``: the fixes that cannot change what a viewer reads or hears.

Applied: renumbering SRT cues, sorting SRT/WebVTT cues by start, trimming spaces at
line ends and runs of blank lines, closing gaps under ½ s to the minimum gap, extending a
too-short cue into free time, one kind of line ending, UTF-8. Everything else (overlaps,
long lines, reading speed, empty cues) needs an editor and stays a finding.

The file is rewritten from its own lines: cue text is copied as written (markup,
entities, ASS override blocks untouched) and only numbers and timing lines are made
anew, so nothing the reader does not model (WebVTT NOTE/STYLE blocks, ASS styles and
fonts) can be lost. A file with blocks that cannot be read is not rewritten at all.
"""

from __future__ import annotations

import math

from subtools.clock import frames_to_ms
from subtools.findings import Change
from subtools.formats import FORMATS, SubtitleFormat, parse_subtitles, visible_lines
from subtools.formats.base import Entry, SubtitleFile, source_lines
from subtools.startup.records import value_class
from subtools.validation.columns import reading_load
from subtools.validation.limits import Thresholds, ValidateOptions, resolve_limits

__all__ = ["Change", "FixResult", "fix_text", "write_entries"]


@value_class
class FixResult:
    """The fixed text (None when nothing changed or the file was not rewritten)."""

    text: str | None
    changes: tuple[Change, ...]
    refused: str | None = None  # why the file was left alone


def _retime(sub: SubtitleFile, options: ValidateOptions, order: list[int]) -> tuple[dict[int, int], list[Change]]:
    """New end times (by entry position) for too-short cues and short gaps, per region."""
    lim = resolve_limits(options)
    fps = options.fps
    step = FORMATS[sub.format].TICK_MS

    def up(ms: float) -> int:
        return math.ceil(ms / step) * step

    # Frame boundaries rounded as the cue builder rounds them (25 frames at 29.97 = 834 ms).
    gap_ms = up(frames_to_ms(lim.min_gap_frames, fps))
    min_ms = up(frames_to_ms(lim.min_frames, fps))
    frames_per_ms = float(fps) / 1000
    entries = sub.entries
    ends = {k: entries[k].end_ms for k in order}
    changes: list[Change] = []
    by_region: dict[str, list[int]] = {}
    for k in order:
        by_region.setdefault(entries[k].region, []).append(k)
    for ks in by_region.values():
        for pos, k in enumerate(ks):
            e = entries[k]
            nxt = entries[ks[pos + 1]].start_ms if pos + 1 < len(ks) else None
            if e.end_ms <= e.start_ms:
                continue
            # A cue too short to read gets the free time after it, if that is enough.
            frames = round((ends[k] - e.start_ms) * frames_per_ms)
            if frames < lim.min_frames:
                new_end = e.start_ms + min_ms
                if nxt is None or new_end <= nxt - gap_ms:
                    changes.append(
                        Change(
                            "min-duration",
                            e.timing_line,
                            e.number,
                            f"end {ends[k]} ms -> {new_end} ms (now {new_end - e.start_ms} ms)",
                        )
                    )
                    ends[k] = new_end
            if nxt is None or nxt < ends[k]:
                continue  # last in its region, or an overlap: an editor's call
            gap = nxt - ends[k]
            gap_frames = round(gap * frames_per_ms)
            if gap_frames == lim.min_gap_frames or gap >= lim.chain_ms:
                continue
            new_end = nxt - gap_ms
            if new_end - e.start_ms > lim.max_ms:
                continue
            if new_end < ends[k] and not _can_shorten(e, ends[k], new_end, sub.format, lim, frames_per_ms):
                continue
            rule = "min-gap" if gap_frames < lim.min_gap_frames else "chain-gap"
            changes.append(
                Change(
                    rule,
                    e.timing_line,
                    e.number,
                    f"gap {gap} ms -> {nxt - new_end} ms (end {ends[k]} ms -> {new_end} ms)",
                )
            )
            ends[k] = new_end
    return ends, changes


def write_entries(sub: SubtitleFile, text: str) -> str:
    """``sub`` (read from ``text``) written back in its format from its entries: numbers and
    timing lines made anew, cue text and everything between cues copied.

    Reading the result gives the same cues (times, text, order); the round-trip tests
    hold the writer that ``--fix`` uses to that.
    """
    order = list(range(len(sub.entries)))
    ends = {k: e.end_ms for k, e in enumerate(sub.entries)}
    out, _ = FORMATS[sub.format].rewrite(sub, source_lines(text), order, ends)
    return sub.newline.join(out) + sub.newline


def _can_shorten(e: Entry, end: int, new_end: int, fmt: SubtitleFormat, lim: Thresholds, frames_per_ms: float) -> bool:
    """Whether ending ``e`` earlier keeps it long enough and readable (no new finding)."""
    if round((new_end - e.start_ms) * frames_per_ms) < lim.min_frames:
        return False
    chars, limit, target = reading_load(visible_lines(e.lines, fmt), lim)
    old_cps, new_cps = chars * 1000 / (end - e.start_ms), chars * 1000 / (new_end - e.start_ms)
    if limit is not None and new_cps > limit and old_cps <= limit:
        return False
    return not (target is not None and new_cps > target and old_cps <= target)


def fix_text(
    text: str,
    source: str = "<string>",
    options: ValidateOptions | None = None,
    fmt: SubtitleFormat | None = None,
    encoding: str = "utf-8",
) -> FixResult:
    """Apply the safe fixes to subtitle ``text``; returns the new text and what changed."""
    options = options or ValidateOptions()
    sub = parse_subtitles(text, source, fmt, encoding)
    if sub.unreadable or (sub.format is not SubtitleFormat.ASS and any(f.rule == "parse-error" for f in sub.findings)):
        bad = [f for f in sub.findings if f.rule in ("parse-error", "bad-timestamp")]
        where = f" (first at line {bad[0].line})" if bad and bad[0].line else ""
        return FixResult(None, (), f"not rewritten: {len(bad)} part(s) cannot be read{where}; fix those by hand first")
    module = FORMATS[sub.format]
    changes: list[Change] = []
    n = len(sub.entries)
    order = list(range(n))
    if module.ORDERED:
        # A stable sort: cues with the same start keep their order.
        order.sort(key=lambda k: sub.entries[k].start_ms)
        for pos, k in enumerate(order):
            if k != pos:
                e = sub.entries[k]
                changes.append(
                    Change("out-of-order", e.timing_line, e.number, f"cue {e.number} moved to place {pos + 1}")
                )
    ends, timing_changes = _retime(sub, options, order)
    changes.extend(timing_changes)
    out, rewrite_changes = module.rewrite(sub, source_lines(text), order, ends)
    # A rewriter that cannot move a cue's end says so as a parse-error change (SAMI's shared
    # syncs, a whisperX file of word_segments only): that cue's timing fix was not made, so
    # it is not reported as made.
    kept_back = {c.cue for c in rewrite_changes if c.rule == "parse-error"}
    if kept_back:
        timing = {id(c) for c in timing_changes}
        changes = [c for c in changes if id(c) not in timing or c.cue not in kept_back]
    changes.extend(rewrite_changes)
    nl = sub.newline
    new_text = nl.join(out) + nl
    if sub.mixed_newlines:
        kind = "CRLF" if nl == "\r\n" else "LF"
        changes.append(Change("line-endings", None, None, f"line endings made {kind}"))
    if encoding != "utf-8":
        changes.append(Change("encoding", None, None, f"re-encoded from {encoding} to utf-8"))
    original = text.lstrip("\ufeff")
    if new_text == original and encoding == "utf-8":
        return FixResult(None, tuple(changes))
    if not changes:
        changes.append(Change("trailing-whitespace", None, None, "blank lines and line ends tidied"))
    return FixResult(new_text, tuple(sorted(changes, key=lambda c: c.line or 0)))
