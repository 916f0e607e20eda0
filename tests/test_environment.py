"""Bad environments: full disks, read-only folders, /dev/full and /dev/zero, links, modes.

Every case asserts the exit code, a single stderr line, no traceback, no temporary file
left behind and an original that is byte-for-byte as before.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED
from envkit import assert_one_line, fill, leftovers, make_read_only, require_root, run_cli, tmpfs

from subtools.cli import cli

TEXT = SEED.read_bytes()


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT)
    return path


@pytest.mark.parametrize("args", [["parse", "{in}"], ["convert", "{in}", "-o", "-"], ["validate", "{srt}"]])
def test_dev_full_as_stdout_is_one_line(report: Path, tmp_path: Path, args: list[str]) -> None:
    # Why: `parse report.txt > /dev/full` and `convert -o - > /dev/full` ended in OSError.
    srt = tmp_path / "x.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello.\n", encoding="utf-8")
    argv = [a.format(**{"in": str(report), "srt": str(srt)}) for a in args]
    result = run_cli(*argv, stdout=Path("/dev/full"))
    assert result.code == 1
    assert_one_line(result.stderr, "<stdout>: cannot write (No space left on device)")


def test_output_is_written_as_click_echo_writes_it(capsys: pytest.CaptureFixture[str]) -> None:
    # Output goes straight to a UTF-8 stdout, except what holds an escape character: that
    # goes through click.echo, which takes ANSI colour codes out when stdout is not a terminal.
    from subtools.cli import _emit

    _emit("한국어 ok\n")
    _emit("\x1b[31mred\x1b[0m\n")
    assert capsys.readouterr().out == "한국어 ok\nred\n"


def test_a_stdout_set_up_as_ascii_still_gets_korean(tmp_path: Path) -> None:
    # click.echo writes UTF-8 to a stdout misconfigured as ASCII; the direct write must not fail there.
    srt = tmp_path / "뉴스.srt"  # the path is in every finding
    srt.write_text("1\n00:00:01,000 --> 00:00:01,100\n안녕하세요 여러분\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = subprocess.run([sys.executable, "-m", "subtools", "validate", "--format", "json", str(srt)],
                          capture_output=True, env=env, check=False)  # fmt: skip
    assert (proc.returncode, proc.stderr) == (1, b"")
    assert f'"path": "{srt}"' in proc.stdout.decode("utf-8")


@pytest.mark.parametrize("command", [["parse"], ["convert", "-o", "-"]])
def test_dev_zero_as_input_stops(command: list[str]) -> None:
    # Why: `parse /dev/zero` grew to 5.8 GB. The timeout is the hang guard.
    result = run_cli(command[0], "/dev/zero", *command[1:], timeout=30)
    assert result.code == 1
    assert (result.stdout, leftovers(Path.cwd())) == ("", [])
    assert_one_line(result.stderr, "/dev/zero: input too large", "--max-size")


def test_dev_zero_on_stdin_stops() -> None:
    result = run_cli("parse", "-", stdin=Path("/dev/zero"), timeout=30)
    assert result.code == 1
    assert_one_line(result.stderr, "<stdin>: input too large")


def test_max_size_changes_the_limit(runner: CliRunner, report: Path) -> None:
    result = runner.invoke(cli, ["parse", "--max-size", "0.001", str(report)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert_one_line(result.stderr, "input too large (found over 0.001 MB")
    assert runner.invoke(cli, ["parse", "--max-size", "1", str(report)]).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [["parse", "{d}"], ["convert", "{d}", "-o", "{o}"], ["preview", "{d}", "--at", "1", "-o", "{o}.png"],
     ["burn", "{d}", "--video", "{d}", "-o", "{o}.mp4"], ["convert", "{d}/missing.txt", "-o", "{o}"]],
    ids=["parse", "convert", "preview", "burn", "missing"],
)  # fmt: skip
def test_directory_as_input_is_one_line_exit_1(runner: CliRunner, tmp_path: Path, args: list[str]) -> None:
    # Why: a directory as input gave exit 2 and a three-line usage block, a missing file exit 1.
    argv = [a.format(d=tmp_path, o=tmp_path / "out.srt") for a in args]
    result = runner.invoke(cli, argv)
    assert (result.exit_code, result.stdout) == (1, "")
    assert_one_line(result.stderr, str(tmp_path))
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("contents", [[], ["notes.txt"]], ids=["empty", "no-subtitles"])
def test_directory_without_subtitles_in_validate_is_one_line(
    runner: CliRunner, tmp_path: Path, contents: list[str]
) -> None:
    # Why: `validate DIR` of a folder without subtitle files printed a parse-error report on
    # stdout, unlike every other command's one stderr line for a directory.
    for name in contents:
        (tmp_path / name).write_text("hello", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(tmp_path)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert_one_line(result.stderr, f"{tmp_path}: no subtitle file in this folder (found ")


def test_directory_in_validate_checks_the_files_under_it(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "deep").mkdir()
    (tmp_path / "deep" / "a.srt").write_text("1\n00:00:01,000 --> 00:00:03,000\nHello there.\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a subtitle", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1].startswith("1 file, 1 cue")


def test_convert_keeps_the_mode_of_an_existing_target(runner: CliRunner, report: Path, tmp_path: Path) -> None:
    # Why: writing through a temp file turned a 0640 target into 0644.
    out = tmp_path / "x.srt"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    result = runner.invoke(cli, ["convert", str(report), "-o", str(out)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_text(encoding="utf-8").startswith("1\n")


def test_convert_writes_through_a_symlink(runner: CliRunner, report: Path, tmp_path: Path) -> None:
    # Why: a symlinked -o link.vtt became a regular file.
    real = tmp_path / "real.vtt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.vtt"
    link.symlink_to(real.name)
    result = runner.invoke(cli, ["convert", str(report), "-o", str(link)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("WEBVTT")
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["null", "stdout", "fifo"])
def test_convert_to_a_device_writes_it_and_keeps_it(report: Path, tmp_path: Path, kind: str) -> None:
    # Why: as root, -o /dev/null replaced the device node with a regular file. The test
    # uses its own device node, FIFO and /dev/stdout-style link, so a regression cannot
    # replace the machine's /dev/null.
    target = tmp_path / kind
    if kind == "null":
        require_root()
        os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    elif kind == "stdout":
        target.symlink_to("/proc/self/fd/1")
    else:
        os.mkfifo(target)
    read: list[bytes] = []
    reader = threading.Thread(target=lambda: read.append(target.read_bytes())) if kind == "fifo" else None
    if reader is not None:
        reader.start()
    result = run_cli("convert", str(report), "-o", str(target), "--to", "srt")
    if reader is not None:
        reader.join(timeout=30)
    assert (result.code, result.stderr) == (0, "")
    assert result.stdout.startswith("1\n") == (kind == "stdout")
    assert read[0].startswith(b"1\n") if read else True
    mode = os.lstat(target).st_mode
    assert {"null": stat.S_ISCHR, "stdout": stat.S_ISLNK, "fifo": stat.S_ISFIFO}[kind](mode)
    assert leftovers(tmp_path) == []


def test_convert_to_a_254_character_name(runner: CliRunner, report: Path, tmp_path: Path) -> None:
    # Why: a valid 254-character output name failed because the temp name was longer.
    out = tmp_path / ("a" * 250 + ".srt")
    result = runner.invoke(cli, ["convert", str(report), "-o", str(out)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert out.read_text(encoding="utf-8").startswith("1\n")
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("through_link", [False, True])
def test_convert_refuses_output_that_is_the_input(
    runner: CliRunner, report: Path, tmp_path: Path, through_link: bool
) -> None:
    # Why: `convert t.txt -o t.txt --to srt` overwrote the transcript.
    target = report
    if through_link:
        target = tmp_path / "link.txt"
        target.symlink_to(report)
    result = runner.invoke(cli, ["convert", str(report), "-o", str(target), "--to", "srt"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert_one_line(result.stderr, "the output is the input")
    assert report.read_bytes() == TEXT


@pytest.mark.parametrize(
    ("spoil", "why"), [(make_read_only, "Read-only file system"), (fill, "No space left on device")],
    ids=["read-only", "full"],
)  # fmt: skip
def test_convert_to_a_bad_folder(report: Path, tmp_path: Path, spoil: Callable[[Path], object], why: str) -> None:
    with tmpfs(tmp_path / "mnt") as mount:
        (mount / "x.srt").write_bytes(b"original")
        spoil(mount)
        result = run_cli("convert", str(report), "-o", str(mount / "x.srt"))
        assert result.code == 1
        assert_one_line(result.stderr, f"x.srt: cannot write file ({why})")
        assert (mount / "x.srt").read_bytes() == b"original"
        assert leftovers(mount) == []


MESSY = "2\n00:00:04,000 --> 00:00:06,000  \nSecond, listed first.  \n\n\n\n1\n00:00:01,000 --> 00:00:03,900\nFirst.\n"


def test_second_fix_keeps_the_first_backup(runner: CliRunner, tmp_path: Path) -> None:
    # Why: a second --fix overwrote the .bak, so the original was lost.
    path = tmp_path / "x.srt"
    path.write_text(MESSY, encoding="utf-8")
    (tmp_path / "x.srt.bak").write_text("an older backup", encoding="utf-8")
    first = runner.invoke(cli, ["validate", "--fix", str(path)])
    assert first.stderr == ""
    fixed = path.read_text(encoding="utf-8")
    assert fixed != MESSY
    path.write_text(MESSY + "\n\n", encoding="utf-8")  # messy again, then fixed again
    second = runner.invoke(cli, ["validate", "--fix", str(path)])
    assert second.stderr == ""
    assert (tmp_path / "x.srt.bak").read_text(encoding="utf-8") == "an older backup"
    assert (tmp_path / "x.srt.bak.1").read_text(encoding="utf-8") == MESSY
    assert (tmp_path / "x.srt.bak.2").read_text(encoding="utf-8") == MESSY + "\n\n"
    assert leftovers(tmp_path) == []


def test_fix_keeps_the_mode_and_writes_through_a_link(runner: CliRunner, tmp_path: Path) -> None:
    real = tmp_path / "real.srt"
    real.write_text(MESSY, encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.srt"
    link.symlink_to(real.name)
    result = runner.invoke(cli, ["validate", "--fix", "--no-backup", str(link)])
    assert result.stderr == ""
    assert link.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert real.read_text(encoding="utf-8") != MESSY


@pytest.mark.parametrize("trouble", ["read-only", "full"])
def test_fix_in_a_bad_folder_is_one_line(tmp_path: Path, trouble: str) -> None:
    # Why: --fix on a read-only folder or a full disk raised OSError writing the .bak, and
    # a full disk left an empty x.srt.bak.tmp behind.
    with tmpfs(tmp_path / "disk") as mount:
        path = mount / "x.srt"
        path.write_text(MESSY, encoding="utf-8")
        if trouble == "read-only":
            make_read_only(mount)
        else:
            fill(mount)
        result = run_cli("validate", "--fix", str(path))
        assert result.code == 1
        reason = "Read-only file system" if trouble == "read-only" else "No space left on device"
        assert_one_line(result.stderr, "x.srt.bak: cannot write file", reason)
        assert path.read_text(encoding="utf-8") == MESSY
        assert leftovers(mount) == []
        assert not (mount / "x.srt.bak").exists()
