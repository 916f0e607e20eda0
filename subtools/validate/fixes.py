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
import re
from dataclasses import dataclass

from subtools.formats import SubtitleFormat
from subtools.formats.base import Entry, SubtitleFile, parse_subtitles, visible_lines
from subtools.frames import frames_to_ms
from subtools.validate.columns import reading_load
from subtools.validate.limits import Thresholds, ValidateOptions, resolve_limits

__all__ = ["Change", "FixResult", "fix_text", "write_entries"]


@dataclass(frozen=True, slots=True)
class Change:
    """One fix: the rule it answers, where (in the file as it was), and what changed."""

    rule: str
    line: int | None
    cue: int | None
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"rule": self.rule, "line": self.line, "cue": self.cue, "message": self.message}


@dataclass(frozen=True, slots=True)
class FixResult:
    """The fixed text (None when nothing changed or the file was not rewritten)."""

    text: str | None
    changes: tuple[Change, ...]
    refused: str | None = None  # why the file was left alone


def _srt_time(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, rest = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{rest:03d}"


def _vtt_time(ms: int) -> str:
    return _srt_time(ms).replace(",", ".")


def _ass_time(ms: int) -> str:
    cs = ms // 10
    h, rest = divmod(cs, 360_000)
    m, rest = divmod(rest, 6000)
    s, rest = divmod(rest, 100)
    return f"{h:d}:{m:02d}:{s:02d}.{rest:02d}"


def _retime(sub: SubtitleFile, options: ValidateOptions, order: list[int]) -> tuple[dict[int, int], list[Change]]:
    """New end times (by entry position) for too-short cues and short gaps, per region."""
    lim = resolve_limits(options)
    fps = options.fps
    step = 10 if sub.format is SubtitleFormat.ASS else 1  # ASS holds centiseconds

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


def _source_lines(text: str) -> list[str]:
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def write_entries(sub: SubtitleFile, text: str) -> str:
    """``sub`` (read from ``text``) written back in its format from its entries: numbers and
    timing lines made anew, cue text and everything between cues copied.

    Reading the result gives the same cues (times, text, order); the round-trip tests
    hold the writer that ``--fix`` uses to that.
    """
    lines = _source_lines(text)
    order = list(range(len(sub.entries)))
    ends = {k: e.end_ms for k, e in enumerate(sub.entries)}
    changes: list[Change] = []
    if sub.format is SubtitleFormat.ASS:
        out = _rewrite_ass(sub, lines, ends, changes)
    else:
        out = _rewrite_blocks(sub, lines, order, ends, changes)
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


def _block_span(e: Entry) -> tuple[int, int]:
    """0-based [first, last] source lines of an SRT/VTT cue."""
    return e.line - 1, e.timing_line + len(e.lines) - 1


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
    lines = _source_lines(text)
    changes: list[Change] = []
    n = len(sub.entries)
    order = list(range(n))
    if sub.format is not SubtitleFormat.ASS:
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
    if sub.format is SubtitleFormat.ASS:
        out = _rewrite_ass(sub, lines, ends, changes)
    else:
        out = _rewrite_blocks(sub, lines, order, ends, changes)
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


def _rewrite_blocks(
    sub: SubtitleFile, lines: list[str], order: list[int], ends: dict[int, int], changes: list[Change]
) -> list[str]:
    entries = sub.entries
    srt = sub.format is SubtitleFormat.SRT
    spans = [_block_span(e) for e in entries]
    # What lies between cues (WebVTT NOTE blocks) travels with the cue after it.
    before: list[list[str]] = []
    prev_end = -1
    for first, last in spans:
        chunk = [ln.rstrip() for ln in lines[prev_end + 1 : first]]
        before.append(chunk)
        prev_end = last
    prefix = before[0] if entries else [ln.rstrip() for ln in lines]
    tail = [ln.rstrip() for ln in lines[prev_end + 1 :]] if entries else []
    out = _squeeze(prefix)
    trimmed_cues = 0
    for pos, k in enumerate(order, start=1):
        e = entries[k]
        if k and any(ln.strip() for ln in before[k]):
            if out:
                out.append("")
            out.extend(_squeeze(before[k]))
        if out:
            out.append("")
        text = [ln.rstrip() for ln in e.lines]
        if text != list(e.lines):
            trimmed_cues += 1
        settings = f" {e.settings}" if e.settings else ""
        if srt:
            if e.ident != str(pos):
                changes.append(Change("bad-index", e.line, e.number, f"number {e.ident or 'missing'} -> {pos}"))
            out.append(str(pos))
            timing = f"{_srt_time(e.start_ms)} --> {_srt_time(ends[k])}{settings}"
            original = f"{_srt_time(e.start_ms)} --> {_srt_time(e.end_ms)}{settings}"
        else:
            if e.ident is not None:
                out.append(e.ident.rstrip())
            timing = f"{_vtt_time(e.start_ms)} --> {_vtt_time(ends[k])}{settings}"
            original = f"{_vtt_time(e.start_ms)} --> {_vtt_time(e.end_ms)}{settings}"
        written = lines[e.timing_line - 1].strip()
        if written != original and written.rstrip() != original:
            # Same times, written the standard way ("00:00:01.000" in SRT, "->", full-width digits).
            changes.append(Change("nonstandard-timestamp", e.timing_line, e.number, f"{written!r} -> {original!r}"))
        out.append(timing)
        out.extend(text)
    if any(ln.strip() for ln in tail):
        out.append("")
        out.extend(_squeeze(tail))
    if trimmed_cues:
        changes.append(
            Change("trailing-whitespace", None, None, f"spaces trimmed at line ends in {trimmed_cues} cue(s)")
        )
    return out


def _squeeze(chunk: list[str]) -> list[str]:
    """Lines without leading/trailing blank lines and with single blank lines between blocks."""
    out: list[str] = []
    for ln in chunk:
        if ln or (out and out[-1]):
            out.append(ln)
    while out and not out[-1]:
        out.pop()
    return out


_DIALOGUE = re.compile(r"^(\s*Dialogue:\s*[^,]*,)([^,]*),([^,]*)(,.*)$")


def _rewrite_ass(sub: SubtitleFile, lines: list[str], ends: dict[int, int], changes: list[Change]) -> list[str]:
    out = [ln.rstrip() if not ln.lstrip().startswith("Dialogue:") else ln for ln in lines]
    trimmed = sum(1 for a, b in zip(out, lines, strict=True) if a != b)
    for k, e in enumerate(sub.entries):
        if ends[k] == e.end_ms:
            continue
        m = _DIALOGUE.match(lines[e.line - 1])
        if m is None or m.group(3).strip() != _ass_time(e.end_ms):
            changes.append(
                Change(
                    "parse-error",
                    e.line,
                    e.number,
                    "not retimed: the Dialogue line is not in the usual Layer, Start, End order",
                )
            )
            continue
        out[e.line - 1] = f"{m.group(1)}{m.group(2)},{_ass_time(ends[k])}{m.group(4)}"
    if trimmed:
        changes.append(Change("trailing-whitespace", None, None, f"spaces trimmed at the end of {trimmed} line(s)"))
    return out
