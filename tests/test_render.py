"""The ASS output rendered by libass (ffmpeg's subtitles filter): Hangul glyphs, narration
at the bottom, title card at the top. Needs ffmpeg and fonts-noto-cjk (``.ci/run``
installs both); it must run, not skip, under CI=true."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SEED

from subtools import read_transcript
from subtools.formats import SubtitleFormat
from subtools.pipeline import render_transcript

W, H = 640, 360  # rendered small: the script's PlayRes scales to it


def _ffmpeg() -> str:
    path = shutil.which("ffmpeg")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("ffmpeg is missing under CI=true; .ci/run must install it")
        pytest.skip("ffmpeg is not installed (CI installs it); libass render test not run")
    return path


def test_libass_renders_hangul_headline_and_bottom_narration(tmp_path: Path) -> None:
    ffmpeg = _ffmpeg()
    ass = tmp_path / "seed.ass"
    ass.write_text(render_transcript(read_transcript(SEED), SubtitleFormat.ASS), encoding="utf-8")
    cmd = [
        ffmpeg, "-hide_banner", "-nostdin", "-v", "verbose", "-f", "lavfi",
        "-i", f"color=c=black:s={W}x{H}:d=1", "-vf", f"subtitles={ass.name}", "-frames:v", "1",
        "-f", "rawvideo", "-pix_fmt", "gray", "-",
    ]  # fmt: skip
    proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, check=False, timeout=120)
    log = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, log[-2000:]
    # libass names each missing glyph; none may be missing.
    assert not re.search(r"Glyph 0x[0-9A-Fa-f]+ not found|failed to find any fallback", log), log[-2000:]
    assert re.search(r"fontselect: \(Noto Sans CJK KR, 400, 0\) -> \S*NotoSansCJK", log), log[-2000:]
    pixels = proc.stdout
    assert len(pixels) == W * H

    def lit_rows(top: int, bottom: int) -> int:
        return sum(1 for y in range(top, bottom) if max(pixels[y * W : (y + 1) * W]) > 128)

    assert lit_rows(0, H // 4) > 10  # title card and headline at the top
    assert lit_rows(H // 4, H // 2) < lit_rows(0, H // 4)  # nothing much in the middle
    assert lit_rows(3 * H // 4, H) > 5  # narration at the bottom
