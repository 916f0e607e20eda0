"""Subtitles drawn by libass through ffmpeg: one preview frame, or a burned-in copy.

Every format subtools reads works, and libass only ever sees ASS: ASS as it is, SRT and
WebVTT read by subtools' own readers and written as ASS in the house style (Noto Sans CJK
KR, so Hangul never falls back to a font without it), JSON turned back into our ASS.
ffmpeg's own WebVTT reader (5.1) draws nothing for a file with a STYLE or REGION block
and drops the cue after a NOTE. The ASS is written into a temporary folder under a plain
name and ffmpeg runs there, so no path needs escaping inside the filter graph.

The output is checked before any work (not one of the inputs; ``--video`` has a video
stream) and written through :func:`subtools.textio.atomic_target`; an interrupted run
(Ctrl-C, SIGTERM) stops ffmpeg and removes every temporary file.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from subtools.errors import MediaError
from subtools.formats import SubtitleFormat
from subtools.media import require_tool
from subtools.startup.patterns import compile_pattern

__all__ = ["RenderResult", "burn_subtitles", "render_frame"]

_MISSING_GLYPH = compile_pattern(r"Glyph 0x[0-9A-Fa-f]+ not found|failed to find any fallback[^\n]*")
# Lines of ffmpeg's log that are statistics or progress, never the reason for a failure.
_NOISE = compile_pattern(r"Statistics:|bytes read|seeks|^\s*(frame=|size=|video:|Stream mapping|Press \[q\])")
_REASON = compile_pattern(
    r"error|invalid|no such|denied|not found|unable|could not|cannot|failed|no space|read-only", re.I
)
_TAG = compile_pattern(r"<(/?)([ibu])>|<[^>]*>")


class RenderResult:
    """What libass said while rendering: the glyphs it could not find (should be none)."""

    def __init__(self, log: str) -> None:
        self.log = log
        self.missing_glyphs = _MISSING_GLYPH.findall(log)


def _ass_line(raw: str, fmt: SubtitleFormat) -> str:
    """A cue's raw SRT/WebVTT text as ASS: italics, bold and underline kept, other tags
    (voices, classes, fonts, inline times) dropped, WebVTT entities decoded."""

    def tag(m: re.Match[str]) -> str:
        return f"{{\\{m[2]}{0 if m[1] else 1}}}" if m[2] else ""

    text = _TAG.sub(tag, raw)
    if fmt is SubtitleFormat.VTT:
        text = html.unescape(text)
    return text.replace("\n", "\\N")


def _format_of(subs: Path) -> SubtitleFormat:
    """The format of ``subs`` by its extension: every format subtools reads renders."""
    from subtools.formats import FORMATS

    suffix = subs.suffix.lower()
    fmt = next((fmt for fmt, module in FORMATS.items() if suffix in module.EXTENSIONS), None)
    if fmt is None:
        known = ", ".join(sorted(ext for module in FORMATS.values() for ext in module.EXTENSIONS))
        raise MediaError(f"cannot render this format (found {suffix or 'no extension'!r}, expected {known})", str(subs))
    return fmt


def _plain_ass_line(lines: tuple[str, ...], fmt: SubtitleFormat) -> str:
    """A cue of another format (SBV, SAMI, TTML) as ASS: its visible text, escaped as the
    ASS writer escapes text."""
    from subtools.formats import visible_lines
    from subtools.formats.ass import _text

    return _text(visible_lines(lines, fmt))


def _as_ass(subs: Path) -> tuple[str, tuple[int, int]]:
    """The ASS text libass gets for ``subs``, and its canvas size.

    Raises:
        MediaError: not a format subtools reads. ParseError: unreadable subtitles.
    """
    from subtools.formats import ass, parse_subtitles
    from subtools.formats import json as json_format
    from subtools.model import CueTrack
    from subtools.textio import read_text

    fmt = _format_of(subs)
    text, encoding = read_text(subs)
    if fmt is SubtitleFormat.JSON:
        return ass.write(json_format.read_track(text, str(subs))), (1920, 1080)
    sub = parse_subtitles(text, str(subs), fmt, encoding)
    if fmt is SubtitleFormat.ASS:
        try:
            size = (int(sub.info.get("PlayResX", "1920")), int(sub.info.get("PlayResY", "1080")))
        except ValueError:  # a damaged header: libass falls back to its own canvas too
            size = (1920, 1080)
        return text, size
    doc = ass.to_ssafile(CueTrack(()))
    import pysubs2

    for entry in sub.entries:
        if fmt in (SubtitleFormat.SRT, SubtitleFormat.VTT):
            line = _ass_line(entry.text, fmt)
        else:
            line = _plain_ass_line(entry.lines, fmt)
        if entry.region == "top" and "\\an" not in line:
            line = "{\\an8}" + line
        doc.append(pysubs2.SSAEvent(start=entry.start_ms, end=entry.end_ms, text=line, style="Unknown",
                                    name=entry.speaker or ""))  # fmt: skip
    return doc.to_string("ass"), (1920, 1080)


def _prepare(subs: Path, folder: Path) -> tuple[tuple[int, int], str]:
    """The subtitles as ``subs.ass`` inside ``folder``: (canvas size, subtitles filter)."""
    text, size = _as_ass(subs)
    (folder / "subs.ass").write_text(text, encoding="utf-8")
    return size, "subtitles=subs.ass"


def _reason(log: str, code: int) -> str:
    """ffmpeg's meaningful line: the last that names an error, not its statistics."""
    lines = [ln.strip() for ln in log.splitlines() if ln.strip() and not _NOISE.search(ln)]
    named = [ln for ln in lines if _REASON.search(ln)]
    return (named or lines or [f"exit code {code}"])[-1]


def _run(cmd: list[str], cwd: Path, what: str) -> str:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, check=False)
    log = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise MediaError(f"ffmpeg could not {what} ({_reason(log, proc.returncode)})", "ffmpeg")
    return log


def require_video(path: str | Path) -> None:
    """``path`` is a file with a video stream (asked of ffprobe).

    Raises:
        MediaError: missing, a directory, not media, or audio only.
    """
    name = str(path)
    if Path(path).is_dir():
        raise MediaError("is a directory (expected a video file)", name)
    if not Path(path).is_file():
        raise MediaError("no such file", name)
    ffprobe = require_tool("ffprobe")
    proc = subprocess.run(
        [ffprobe, "-v", "error", "-show_entries", "stream=codec_type", "-of", "json", name],
        capture_output=True, check=False,
    )  # fmt: skip
    try:
        kinds = [s.get("codec_type") for s in json.loads(proc.stdout or b"{}").get("streams", [])]
    except ValueError:
        kinds = []
    if proc.returncode != 0 or not kinds:
        raise MediaError("not a video ffmpeg can read (found no audio or video stream, expected a video file)", name)
    if "video" not in kinds:
        found = "audio only" if "audio" in kinds else ", ".join(sorted({str(k) for k in kinds}))
        raise MediaError(f"no video stream (found {found}, expected a video file)", name)


def _check_paths(subs: str | Path, output: str | Path, video: str | Path | None) -> None:
    from subtools.textio import refuse_same_file

    refuse_same_file(output, subs, video)
    if video is not None:
        require_video(video)


def render_frame(subs: str | Path, at_ms: int, output: str | Path, video: str | Path | None = None) -> RenderResult:
    """One PNG frame at ``at_ms`` with the subtitles drawn: over ``video``, or over a
    neutral grey background at the subtitle file's resolution. Written atomically.

    Raises:
        MediaError: ffmpeg is missing or fails; ``video`` has no video stream.
        ParseError: the subtitles cannot be read. ExportError: the output cannot be written.
    """
    from subtools.textio import atomic_target

    ffmpeg = require_tool("ffmpeg")
    _check_paths(subs, output, video)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (w, h), subtitle_filter = _prepare(Path(subs), folder)
        seconds = at_ms / 1000
        # Frames get the time asked for, so libass shows the cues of that moment.
        shift = f"setpts=PTS+{seconds:.3f}/TB"
        if video is not None:
            source = ["-ss", f"{seconds:.3f}", "-i", str(Path(video).resolve())]
        else:
            source = ["-f", "lavfi", "-i", f"color=c=0x404040:s={w}x{h}:r=25:d=1"]
        frame = folder / "frame.png"
        cmd = [ffmpeg, "-nostdin", "-hide_banner", "-v", "verbose", *source,
               "-vf", f"{shift},{subtitle_filter}", "-frames:v", "1", "-y", str(frame)]  # fmt: skip
        log = _run(cmd, folder, "render the frame")
        if not frame.exists():
            raise MediaError(f"no frame at {seconds:.3f} s (is the video shorter?)", str(video or subs))
        with atomic_target(output) as tmp_out:
            shutil.copyfile(frame, tmp_out)
    return RenderResult(log)


def burn_subtitles(
    subs: str | Path,
    video: str | Path,
    output: str | Path,
    progress: Callable[[int, int], None] | None = None,
) -> RenderResult:
    """A copy of ``video`` with the subtitles burned in (H.264, audio copied), written to a
    temporary file beside ``output`` and renamed when ffmpeg has finished.

    Raises:
        MediaError: ffmpeg is missing or fails; ``video`` has no video stream.
        ParseError: the subtitles cannot be read. ExportError: the output cannot be written.
    """
    from subtools.textio import atomic_target

    ffmpeg = require_tool("ffmpeg")
    _check_paths(subs, output, video)
    src = Path(video).resolve()
    duration_ms = _duration_ms(src)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _, subtitle_filter = _prepare(Path(subs), folder)
        with atomic_target(output) as tmp_out:
            cmd = [ffmpeg, "-nostdin", "-hide_banner", "-v", "verbose", "-i", str(src),
                   "-vf", subtitle_filter, "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
                   "-pix_fmt", "yuv420p", "-c:a", "copy", "-progress", "pipe:1", "-y", str(tmp_out)]  # fmt: skip
            log = _run_with_progress(cmd, folder, duration_ms, progress)
    if progress is not None:
        progress(0, 0)
    return RenderResult(log)


def _run_with_progress(cmd: list[str], cwd: Path, duration_ms: int, progress: Callable[[int, int], None] | None) -> str:
    """Run ffmpeg, reporting its progress; its log, or a MediaError with its reason."""
    # stderr to a file: libass's verbose log would fill a pipe while we read progress.
    with tempfile.TemporaryFile() as err_file, _stopped_on_exit(cmd, cwd, err_file) as proc:
        assert proc.stdout is not None
        for raw in proc.stdout:
            line = raw.decode("ascii", "replace").strip()
            if progress is not None and line.startswith("out_time_us=") and line[12:].isdigit():
                progress(min(int(line[12:]) // 1000, duration_ms), duration_ms)
        code = proc.wait()
        err_file.seek(0)
        log = err_file.read().decode("utf-8", "replace")
    if code != 0:
        raise MediaError(f"ffmpeg could not burn the subtitles ({_reason(log, code)})", "ffmpeg")
    return log


@contextmanager
def _stopped_on_exit(cmd: list[str], cwd: Path, err_file: object) -> Iterator[subprocess.Popen[bytes]]:
    """ffmpeg as a child that is killed (and waited for) if we leave early: Ctrl-C,
    SIGTERM or an error must not leave it writing a file nobody will rename."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=err_file)  # type: ignore[call-overload]
    try:
        yield proc
    except BaseException:
        proc.kill()
        raise
    finally:
        if proc.stdout is not None:
            proc.stdout.close()
        proc.wait()


def _duration_ms(video: Path) -> int:
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        return 0
    proc = subprocess.run(
        [ffprobe, "-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", str(video)],
        capture_output=True,
        check=False,
    )
    try:
        return round(float(proc.stdout.decode().strip()) * 1000)
    except ValueError:
        return 0
