"""Bad environments for tests: tiny and read-only file systems, the CLI in a subprocess.

A full disk and a read-only folder need a file system of their own: a tmpfs mounted for
the test (root only; chmod does not stop root). Without root the tests are skipped with a
message, except under ``CI=true``, where root is available and a skip would hide a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Run:
    """What a CLI run in a subprocess did."""

    code: int
    stdout: str
    stderr: str


def run_cli(
    *args: str, cwd: Path | None = None, stdin: Path | None = None, stdout: Path | None = None, timeout: float = 60
) -> Run:
    """``subtools ARGS`` in a fresh interpreter, stdin and stdout optionally opened on files
    (``/dev/zero``, ``/dev/full``); a hang fails the test after ``timeout`` seconds."""
    cmd = [sys.executable, "-c", "from subtools.cli import main; main()", *args]
    with open(stdin or os.devnull, "rb") as fin, open(stdout, "wb") if stdout else _nothing() as fout:
        proc = subprocess.run(
            cmd, cwd=cwd, stdin=fin, stdout=fout if fout else subprocess.PIPE, stderr=subprocess.PIPE,
            timeout=timeout, check=False,
        )  # fmt: skip
    out = proc.stdout.decode("utf-8", "replace") if proc.stdout is not None else ""
    return Run(proc.returncode, out, proc.stderr.decode("utf-8", "replace"))


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


def assert_one_line(stderr: str, *fragments: str) -> None:
    """stderr is one ``Error: …`` line holding every fragment, and no traceback."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    for fragment in fragments:
        assert fragment in lines[0], stderr


def leftovers(folder: Path) -> list[str]:
    """Temporary files subtools left in ``folder`` (hidden ``.tmp`` names)."""
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


def require_root() -> None:
    """Skip without root, with a message, except under CI=true where that is a failure."""
    if os.geteuid() == 0:
        return
    if os.environ.get("CI") == "true":
        pytest.fail("bad-environment tests need root under CI=true (tmpfs mounts)")
    pytest.skip("needs root to mount a tmpfs (read-only folder, full disk); run as root or in CI")


@contextmanager
def tmpfs(where: Path, size: str = "64k") -> Iterator[Path]:
    """A fresh tmpfs of ``size`` mounted at ``where``."""
    require_root()
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def make_read_only(mount: Path) -> None:
    """Remount a tmpfs read-only (the files already in it stay readable)."""
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)


def fill(mount: Path) -> None:
    """Fill a tmpfs to the last byte."""
    for name, block in (("filler", 4096), ("filler2", 1)):  # then the last partial page
        with open(mount / name, "wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * block)
            except OSError:
                pass
