"""Subtitles drawn by libass through ffmpeg: one preview frame, or a burned-in copy.

Every format subtools writes works: ASS as it is, SRT and WebVTT with Noto Sans CJK KR
forced (so Hangul never falls back to a font without it), JSON turned back into our ASS.
The subtitle file is copied into a temporary folder under a plain name and ffmpeg runs
there, so no path needs escaping inside the filter graph.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from subtools.errors import MediaError
from subtools.formats.ass import FONT
from subtools.media import require_tool

__all__ = ["RenderResult", "burn_subtitles", "render_frame"]

_MISSING_GLYPH = re.compile(r"Glyph 0x[0-9A-Fa-f]+ not found|failed to find any fallback[^\n]*")


class RenderResult:
    """What libass said while rendering: the glyphs it could not find (should be none)."""

    def __init__(self, log: str) -> None:
        self.log = log
        self.missing_glyphs = _MISSING_GLYPH.findall(log)


def _prepare(subs: Path, folder: Path) -> tuple[str, tuple[int, int], str]:
    """The subtitle file inside ``folder``: (file name, canvas size, subtitles filter)."""
    if not subs.is_file():
        raise MediaError("no such file", str(subs))
    suffix = subs.suffix.lower()
    size = (1920, 1080)
    if suffix == ".json":
        from subtools.formats import ass, json
        from subtools.textio import read_text

        track = json.read_track(read_text(subs)[0], str(subs))
        (folder / "subs.ass").write_text(ass.write(track), encoding="utf-8")
        return "subs.ass", size, "subtitles=subs.ass"
    if suffix in (".ass", ".ssa"):
        from subtools.formats import read_subtitles

        info = read_subtitles(subs).info
        with contextlib.suppress(ValueError):
            size = (int(info.get("PlayResX", "1920")), int(info.get("PlayResY", "1080")))
        name = f"subs{suffix}"
        shutil.copyfile(subs, folder / name)
        return name, size, f"subtitles={name}"
    if suffix not in (".srt", ".vtt", ".webvtt"):
        found = suffix or "no extension"
        raise MediaError(f"cannot render this format (found {found!r}, expected .srt, .vtt, .ass or .json)", str(subs))
    name = f"subs{'.vtt' if suffix == '.webvtt' else suffix}"
    shutil.copyfile(subs, folder / name)
    # SRT/WebVTT carry no font: force one with Hangul, sized for a 288-line canvas (libass's default).
    return name, size, f"subtitles={name}:force_style='FontName={FONT},Fontsize=18,Outline=1.5'"


def _run(cmd: list[str], cwd: Path, what: str) -> str:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, check=False)
    log = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        last = [ln for ln in log.strip().splitlines() if ln.strip()][-1:] or [f"exit code {proc.returncode}"]
        raise MediaError(f"ffmpeg could not {what} ({last[0].strip()})", "ffmpeg")
    return log


def render_frame(subs: str | Path, at_ms: int, output: str | Path, video: str | Path | None = None) -> RenderResult:
    """One PNG frame at ``at_ms`` with the subtitles drawn: over ``video``, or over a
    neutral grey background at the subtitle file's resolution. Written atomically.

    Raises:
        MediaError: ffmpeg is missing or fails; a file is missing or unreadable.
    """
    ffmpeg = require_tool("ffmpeg")
    out = Path(output)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _, (w, h), subtitle_filter = _prepare(Path(subs), folder)
        seconds = at_ms / 1000
        # Frames get the time asked for, so libass shows the cues of that moment.
        shift = f"setpts=PTS+{seconds:.3f}/TB"
        if video is not None:
            if not Path(video).is_file():
                raise MediaError("no such file", str(video))
            source = ["-ss", f"{seconds:.3f}", "-i", str(Path(video).resolve())]
        else:
            source = ["-f", "lavfi", "-i", f"color=c=0x404040:s={w}x{h}:r=25:d=1"]
        frame = folder / "frame.png"
        cmd = [ffmpeg, "-nostdin", "-hide_banner", "-v", "verbose", *source,
               "-vf", f"{shift},{subtitle_filter}", "-frames:v", "1", "-y", str(frame)]  # fmt: skip
        log = _run(cmd, folder, "render the frame")
        if not frame.exists():
            raise MediaError(f"no frame at {seconds:.3f} s (is the video shorter?)", str(video or subs))
        tmp_out = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        try:
            shutil.copyfile(frame, tmp_out)
            os.replace(tmp_out, out)
        except OSError as exc:
            tmp_out.unlink(missing_ok=True)
            raise MediaError(f"cannot write the frame ({exc.strerror or exc})", str(out)) from None
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
        MediaError: ffmpeg is missing or fails; a file is missing.
    """
    ffmpeg = require_tool("ffmpeg")
    src = Path(video)
    if not src.is_file():
        raise MediaError("no such file", str(video))
    out = Path(output).resolve()
    tmp_out = out.with_name(f".{out.stem}.{os.getpid()}.tmp{out.suffix or '.mp4'}")
    duration_ms = _duration_ms(src)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _, _, subtitle_filter = _prepare(Path(subs), folder)
        cmd = [ffmpeg, "-nostdin", "-hide_banner", "-v", "verbose", "-i", str(src.resolve()),
               "-vf", subtitle_filter, "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
               "-pix_fmt", "yuv420p", "-c:a", "copy", "-progress", "pipe:1", "-y", str(tmp_out)]  # fmt: skip
        # stderr to a file: libass's verbose log would fill a pipe while we read progress.
        with tempfile.TemporaryFile() as err_file:
            try:
                with subprocess.Popen(cmd, cwd=folder, stdout=subprocess.PIPE, stderr=err_file) as proc:
                    assert proc.stdout is not None
                    for raw in proc.stdout:
                        line = raw.decode("ascii", "replace").strip()
                        if progress is not None and line.startswith("out_time_us=") and line[12:].isdigit():
                            progress(min(int(line[12:]) // 1000, duration_ms), duration_ms)
                    code = proc.wait()
                err_file.seek(0)
                log = err_file.read().decode("utf-8", "replace")
                if code != 0:
                    last = [ln for ln in log.strip().splitlines() if ln.strip()][-1:] or ["failed"]
                    raise MediaError(f"ffmpeg could not burn the subtitles ({last[0].strip()})", "ffmpeg")
                os.replace(tmp_out, out)
            finally:
                tmp_out.unlink(missing_ok=True)
    if progress is not None:
        progress(0, 0)
    return RenderResult(log)


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
