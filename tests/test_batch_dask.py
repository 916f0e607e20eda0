"""The same batch on a Dask cluster (a LocalCluster on loopback only) gives the same bytes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TRANSCRIPTS, build_archive

from subtools.batch import convert_many

distributed = pytest.importorskip("distributed")

GOOD = sorted(TRANSCRIPTS.glob("*.txt"))[:30]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    # Threads in this process, one worker, a TCP scheduler on 127.0.0.1 and no dashboard:
    # nothing listens beyond loopback.
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, host="127.0.0.1", protocol="tcp",
        dashboard_address=None,
    )  # fmt: skip
    try:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:"), address
        yield address
    finally:
        cluster.close()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return build_archive(tmp_path / "archive", GOOD, bytes(range(256)))


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.srt")}


def test_library_on_a_dask_executor_is_byte_identical(scheduler: str, archive: Path, tmp_path: Path) -> None:
    local = {r.input: r.status for r in convert_many([archive], tmp_path / "local")}
    with distributed.Client(scheduler) as client:
        remote = {r.input: r.status for r in convert_many([archive], tmp_path / "dask", executor=client.get_executor())}
    assert remote == local
    assert sorted(local.values()).count("error") == 2
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
    assert len(_outputs(tmp_path / "local")) == len(GOOD)


def test_cli_dask_option_is_byte_identical(scheduler: str, archive: Path, tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "subtools", "convert", str(archive)]
    local = subprocess.run([*cmd, "-o", f"{tmp_path}/local/", "-j", "2"], capture_output=True, text=True, check=False)
    remote = subprocess.run([*cmd, "-o", f"{tmp_path}/dask/", "--dask", scheduler], capture_output=True, text=True,
                            check=False, timeout=300)  # fmt: skip
    assert (remote.returncode, remote.stdout) == (local.returncode, local.stdout) == (1, "")
    assert "Traceback" not in remote.stderr
    assert remote.stderr.splitlines()[-1].startswith(f"converted {len(GOOD)}, skipped 0, failed 2 of ")
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
    assert len(_outputs(tmp_path / "dask")) == len(GOOD)
