"""`subtools preview` and `subtools burn`: frames rendered by libass, checked pixel by pixel.
They need ffmpeg and fonts-noto-cjk; under CI=true they run, never skip."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED
from speechkit import need

from subtools import read_transcript
from subtools.cli import cli
from subtools.formats import SubtitleFormat
from subtools.media.render import render_frame
from subtools.pipeline import render_transcript


@pytest.fixture(autouse=True)
def _tools() -> None:
    need("ffmpeg")


def _gray(png: Path) -> tuple[bytes, int, int]:
    """The frame as 8-bit gray pixels, decoded by ffmpeg (no image library needed)."""
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of",
         "csv=p=0", str(png)], capture_output=True, check=True, text=True,
    )  # fmt: skip
    w, h = (int(x) for x in probe.stdout.strip().split(","))
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(png), "-f", "rawvideo", "-pix_fmt", "gray", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    assert len(raw) == w * h
    return raw, w, h


def _lit_rows(frame: tuple[bytes, int, int], top: float, bottom: float, background: int) -> int:
    """Rows in [top, bottom) (fractions of the height) with a pixel far from the background."""
    raw, w, h = frame
    return sum(
        1
        for y in range(int(top * h), int(bottom * h))
        if max(abs(p - background) for p in raw[y * w : (y + 1) * w]) > 60
    )


GREY = 0x40  # the neutral background, color=0x404040


@pytest.fixture(scope="module")
def subs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("subs")
    out = {}
    for fmt in (SubtitleFormat.ASS, SubtitleFormat.SRT, SubtitleFormat.VTT, SubtitleFormat.JSON):
        path = folder / f"seed.{fmt.value}"
        path.write_text(render_transcript(read_transcript(SEED), fmt), encoding="utf-8")
        out[fmt.value] = path
    return out


def test_ass_frame_has_title_card_on_top_and_narration_below(subs: dict[str, Path], tmp_path: Path) -> None:
    png = tmp_path / "frame.png"
    result = render_frame(subs["ass"], 3000, png)
    assert result.missing_glyphs == []
    assert "NotoSansCJK" in result.log
    frame = _gray(png)
    assert frame[1:] == (1920, 1080)  # the file's PlayRes
    assert _lit_rows(frame, 0.0, 0.4, GREY) > 60  # title and the Korean headline
    assert _lit_rows(frame, 0.45, 0.75, GREY) == 0  # nothing in the middle of the picture
    assert _lit_rows(frame, 0.8, 1.0, GREY) > 30  # the anchor's words


@pytest.mark.parametrize("fmt", ["srt", "vtt", "json"])
def test_every_format_renders(fmt: str, subs: dict[str, Path], tmp_path: Path) -> None:
    png = tmp_path / "frame.png"
    result = CliRunner().invoke(cli, ["preview", str(subs[fmt]), "--at", "3", "-o", str(png)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no missing glyph reported
    frame = _gray(png)
    assert _lit_rows(frame, 0.8, 1.0, GREY) > 20
    assert _lit_rows(frame, 0.45, 0.75, GREY) == 0
    # Only JSON carries the title cards; SRT and WebVTT have narration alone.
    assert (_lit_rows(frame, 0.0, 0.4, GREY) > 0) == (fmt == "json")


def test_a_moment_without_cues_is_an_empty_frame(subs: dict[str, Path], tmp_path: Path) -> None:
    png = tmp_path / "frame.png"
    render_frame(subs["ass"], 3_600_000, png)
    assert _lit_rows(_gray(png), 0.0, 1.0, GREY) == 0


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("video") / "blue.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=blue:s=640x360:r=25:d=12", "-f", "lavfi",
         "-i", "sine=f=440:d=12", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(path)],
        check=True,
    )  # fmt: skip
    return path


def test_preview_over_video_at_a_time(subs: dict[str, Path], video: Path, tmp_path: Path) -> None:
    png = tmp_path / "frame.png"
    result = CliRunner().invoke(
        cli, ["preview", str(subs["srt"]), "--at", "10.5", "--video", str(video), "-o", str(png)]
    )
    assert result.exit_code == 0, result.output
    frame = _gray(png)
    raw, w, h = frame
    blue = raw[(h // 2) * w + w // 2]
    assert (w, h) == (640, 360)
    assert _lit_rows(frame, 0.85, 1.0, blue) > 5  # "in close touch." (10.210-11.345 s)
    assert _lit_rows(frame, 0.0, 0.8, blue) == 0


def test_burn_writes_a_whole_subtitled_copy(subs: dict[str, Path], video: Path, tmp_path: Path) -> None:
    out = tmp_path / "burned.mp4"
    result = CliRunner().invoke(cli, ["burn", str(subs["ass"]), "--video", str(video), "-o", str(out)])
    assert result.exit_code == 0, result.output
    duration = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(out)],
        capture_output=True, check=True, text=True,
    ).stdout  # fmt: skip
    assert abs(float(duration) - 12.0) < 0.2
    png = tmp_path / "frame.png"
    subprocess.run(["ffmpeg", "-v", "error", "-ss", "3", "-i", str(out), "-frames:v", "1", str(png)], check=True)
    frame = _gray(png)
    raw, w, h = frame
    blue = raw[(h // 2) * w + w // 2]
    assert _lit_rows(frame, 0.8, 1.0, blue) > 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["burned.mp4", "frame.png"]  # no temporary left


def test_bad_inputs_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["preview", str(tmp_path / "none.srt"), "--at", "1", "-o", str(tmp_path / "f.png")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'none.srt'}: no such file\n"
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    result = runner.invoke(cli, ["preview", str(notes), "--at", "1", "-o", str(tmp_path / "f.png")])
    assert result.exit_code == 1
    assert "cannot render this format (found '.txt', expected .ass, " in result.stderr
    assert not (tmp_path / "f.png").exists()
