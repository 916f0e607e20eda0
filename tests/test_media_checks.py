"""`preview` and `burn` check their inputs, write atomically and clean up when stopped.

They need ffmpeg and fonts-noto-cjk; under CI=true they run, never skip.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from envkit import assert_one_line, leftovers, make_read_only, run_cli, tmpfs
from speechkit import need
from test_preview import GREY, _gray, _lit_rows

from subtools.cli import cli
from subtools.media.render import _reason

SRT = "1\n00:00:01,000 --> 00:00:09,000\nA line to draw.\n"


@pytest.fixture(autouse=True)
def _tools() -> None:
    need("ffmpeg")


def _make_video(path: Path, seconds: int, size: str = "640x360", audio_only: bool = False) -> Path:
    video = ["-f", "lavfi", "-i", f"color=c=blue:s={size}:r=25:d={seconds}"]
    audio = ["-f", "lavfi", "-i", f"sine=f=440:d={seconds}"]
    codecs = ["-c:a", "aac"] if audio_only else ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    subprocess.run(["ffmpeg", "-v", "error", *(audio if audio_only else video), *codecs, str(path)], check=True)
    return path


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_video(tmp_path_factory.mktemp("video") / "blue.mp4", 4)


@pytest.fixture
def srt(tmp_path: Path) -> Path:
    path = tmp_path / "subs.srt"
    path.write_text(SRT, encoding="utf-8")
    return path


VTT_BLOCKS = {
    "style": "STYLE\n::cue {\n  color: yellow;\n}\n\n",
    "region": "REGION\nid:fred\nwidth:40%\nlines:3\n\n",
    "note": "NOTE a comment\nthat runs on\n\n",
    # No blank line: browsers read a cue with the id NOTE; ffmpeg's reader drops it.
    "note-then-cue": "NOTE a comment\n",
}


@pytest.mark.parametrize("block", sorted(VTT_BLOCKS))
def test_webvtt_blocks_never_blank_the_picture(block: str, tmp_path: Path) -> None:
    # Why: a STYLE or REGION block drew nothing and exited 0; after a NOTE the cue was lost.
    vtt = tmp_path / "subs.vtt"
    vtt.write_text(f"WEBVTT\n\n{VTT_BLOCKS[block]}00:00:01.000 --> 00:00:09.000\nA line to draw.\n", encoding="utf-8")
    png = tmp_path / "frame.png"
    result = CliRunner().invoke(cli, ["preview", str(vtt), "--at", "3", "-o", str(png)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert _lit_rows(_gray(png), 0.8, 1.0, GREY) > 20


def test_srt_italics_and_top_cues_reach_libass(tmp_path: Path) -> None:
    srt = tmp_path / "top.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:09,000\n{\\an8}<i>Up here.</i>\n", encoding="utf-8")
    png = tmp_path / "frame.png"
    result = CliRunner().invoke(cli, ["preview", str(srt), "--at", "3", "-o", str(png)])
    assert result.exit_code == 0, result.stderr
    frame = _gray(png)
    assert _lit_rows(frame, 0.0, 0.2, GREY) > 20
    assert _lit_rows(frame, 0.5, 1.0, GREY) == 0


def test_burn_refuses_to_replace_its_video(srt: Path, video: Path, tmp_path: Path) -> None:
    # Why: `burn subs.ass --video in.mp4 -o in.mp4` replaced the source video without a word.
    copy = tmp_path / "in.mp4"
    copy.write_bytes(video.read_bytes())
    link = tmp_path / "link.mp4"
    link.symlink_to(copy)
    for out in (copy, link):
        result = CliRunner().invoke(cli, ["burn", str(srt), "--video", str(copy), "-o", str(out)])
        assert (result.exit_code, result.stdout) == (1, "")
        assert_one_line(result.stderr, "the output is the input")
    assert copy.read_bytes() == video.read_bytes()
    assert leftovers(tmp_path) == []


def test_preview_refuses_to_replace_its_subtitles(srt: Path) -> None:
    result = CliRunner().invoke(cli, ["preview", str(srt), "--at", "1", "-o", str(srt)])
    assert result.exit_code == 1
    assert_one_line(result.stderr, "the output is the input")
    assert srt.read_text(encoding="utf-8") == SRT


@pytest.mark.parametrize("kind", ["text", "audio"])
def test_video_must_have_a_video_stream(kind: str, srt: Path, tmp_path: Path) -> None:
    # Why: `burn --video report.txt` made a 0.2 s clip and exited 0.
    if kind == "text":
        source = tmp_path / "report.txt"
        source.write_text("Not a video at all.\n", encoding="utf-8")
        expected = "not a video ffmpeg can read"
    else:
        source = _make_video(tmp_path / "sound.m4a", 1, audio_only=True)
        expected = "no video stream (found audio only, expected a video file)"
    for command in (["burn", str(srt)], ["preview", str(srt), "--at", "1"]):
        out = tmp_path / ("out.mp4" if command[0] == "burn" else "out.png")
        result = CliRunner().invoke(cli, [*command, "--video", str(source), "-o", str(out)])
        assert (result.exit_code, result.stdout) == (1, "")
        assert_one_line(result.stderr, str(source), expected)
        assert not out.exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", ["preview", "burn"])
def test_read_only_folder_is_one_line(command: str, srt: Path, video: Path, tmp_path: Path) -> None:
    # Why: preview and burn to a read-only folder raised OSError [Errno 30], then again in clean-up.
    with tmpfs(tmp_path / "ro", "1m") as mount:
        out = mount / ("out.png" if command == "preview" else "out.mp4")
        out.write_bytes(b"original")
        make_read_only(mount)
        args = ["--at", "2"] if command == "preview" else []
        result = run_cli(command, str(srt), *args, "--video", str(video), "-o", str(out))
        assert result.code == 1
        assert_one_line(result.stderr, str(out), "Read-only file system")
        assert out.read_bytes() == b"original"
        assert leftovers(mount) == []


def test_ffmpeg_failure_is_its_reason_not_its_statistics() -> None:
    # Why: burn's own error message was ffmpeg's "[AVIOContext @ …] Statistics: 88629 bytes read, 2 seeks".
    log = (
        "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'in.mp4':\n"
        "[out#0/mp4 @ 0x55] Error opening output /x/out.mp4: Permission denied\n"
        "Error opening output file /x/out.mp4.\n"
        "[AVIOContext @ 0x5566] Statistics: 88629 bytes read, 2 seeks\n"
    )
    assert _reason(log, 1) == "Error opening output file /x/out.mp4."


def _ffmpeg_writing(name: str) -> list[int]:
    """Pids of live processes whose command line mentions ``name``."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if name.encode() in cmdline and b"ffmpeg" in cmdline:
                pids.append(int(entry.name))
    return pids


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_interrupted_burn_cleans_up(sig: signal.Signals, code: int, srt: Path, tmp_path: Path) -> None:
    # Why: a SIGTERM to burn left a partial .out.PID.tmp.mp4, a temp folder and an orphan ffmpeg.
    long_video = _make_video(tmp_path / "long.mp4", 120, size="1280x720")
    out_dir = tmp_path / "out"
    temp_dir = tmp_path / "temp"
    out_dir.mkdir()
    temp_dir.mkdir()
    out = out_dir / "burned.mp4"
    cmd = [sys.executable, "-c", "from subtools.cli import main; main()", "burn", str(srt), "--video",
           str(long_video), "-o", str(out)]  # fmt: skip
    env = {**os.environ, "TMPDIR": str(temp_dir)}
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        deadline = time.monotonic() + 30
        # Matched by this test's own folder: other runs of the suite may burn at the same time.
        while not _ffmpeg_writing(str(out_dir)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _ffmpeg_writing(str(out_dir)), "ffmpeg never started"
        time.sleep(0.5)
        proc.send_signal(sig)
        stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == code
    assert stdout == b""
    assert_one_line(stderr.decode(), "interrupted")
    assert list(out_dir.iterdir()) == []
    assert list(temp_dir.iterdir()) == []
    assert _ffmpeg_writing(str(out_dir)) == []


@pytest.mark.parametrize("fmt", ["sbv", "sami", "ttml", "ebu-tt-d"])
def test_every_format_subtools_reads_renders(fmt: str, tmp_path: Path) -> None:
    from conftest import SEED

    suffix = {"sami": "smi", "ebu-tt-d": "xml"}.get(fmt, fmt)
    subs = tmp_path / f"seed.{suffix}"
    made = CliRunner().invoke(cli, ["convert", str(SEED), "-o", str(subs), "--to", fmt])
    assert made.exit_code == 0, made.stderr
    png = tmp_path / "frame.png"
    result = CliRunner().invoke(cli, ["preview", str(subs), "--at", "3", "-o", str(png)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert _lit_rows(_gray(png), 0.8, 1.0, GREY) > 20
