"""Batch reflow over a folder: `reflow IN... -o OUTDIR/`, the same runner as batch convert.

The folder holds subtitle files made from real transcripts (SRT and WebVTT, two subfolders),
plus an empty and a binary subtitle file and files reflow must pass over (a transcript, a
video's name); every good output must be byte-identical to reflowing that file alone.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TRANSCRIPTS

from subtools import build_cues, read_transcript
from subtools.batch import ReflowSpec, convert_many
from subtools.cli import cli
from subtools.formats import SubtitleFormat
from subtools.pipeline import export_cues

SOURCES = sorted(TRANSCRIPTS.glob("*.txt"))[:12]
BAD = {"empty.vtt": "file is empty", "junk.srt": "binary file, not text"}
IGNORED = ("notes.txt", "report.mp4")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("subs")
    for n, path in enumerate(SOURCES):
        fmt = SubtitleFormat.VTT if n % 2 else SubtitleFormat.SRT
        folder = root / ("day1" if n % 2 else "day2")
        folder.mkdir(exist_ok=True)
        text = export_cues(build_cues(read_transcript(path)), fmt)
        (folder / path.with_suffix(".vtt" if n % 2 else ".srt").name).write_text(text, encoding="utf-8")
    (root / "empty.vtt").write_bytes(b"")
    (root / "junk.srt").write_bytes(bytes(range(256)) * 4)
    (root / "notes.txt").write_text("Not a subtitle file.\n", encoding="utf-8")
    (root / "report.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    return root


def _good(archive: Path) -> list[Path]:
    return sorted(p for p in archive.rglob("*") if p.suffix in (".srt", ".vtt") and p.name not in BAD)


def test_a_folder_reflows_in_one_command(runner: CliRunner, archive: Path, tmp_path: Path) -> None:
    out, report = tmp_path / "out", tmp_path / "run.jsonl"
    argv = ["reflow", str(archive), "-o", f"{out}/", "--to", "vtt", "--jobs", "2", "--report", str(report)]
    result = runner.invoke(cli, argv)
    assert (result.exit_code, result.stdout) == (1, "")
    good = _good(archive)
    *errors, summary = result.stderr.splitlines()
    assert summary.startswith(f"reflowed {len(good)}, skipped 0, failed 2 of {len(good) + 2} inputs in ")
    assert sorted(Path(line.split(":")[0]).name for line in errors) == sorted(BAD)
    entries = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert {Path(e["input"]).name for e in entries} == {p.name for p in good} | set(BAD)  # nothing of IGNORED
    for entry in entries:
        name = Path(entry["input"]).name
        assert (entry["status"], name in BAD) in {("ok", False), ("error", True)}, entry
        if name in BAD:
            assert BAD[name] in entry["error"]
    alone = tmp_path / "alone.vtt"
    for source in good:
        single = runner.invoke(cli, ["reflow", str(source), "-o", str(alone)])
        assert (single.exit_code, single.stderr) == (0, "")
        rel = source.relative_to(archive).with_suffix(".vtt")
        assert (out / rel).read_bytes() == alone.read_bytes(), rel
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.vtt")) == sorted(
        p.relative_to(archive).with_suffix(".vtt").as_posix() for p in good
    )

    again = runner.invoke(cli, [*argv, "--resume"])
    assert again.exit_code == 1  # the two bad files fail again; every good one is skipped
    assert again.stderr.splitlines()[-1].startswith(f"reflowed 0, skipped {len(good)}, failed 2 of ")


def test_the_library_runs_reflow_on_any_executor(archive: Path, tmp_path: Path) -> None:
    spec = ReflowSpec(SubtitleFormat.SRT)
    here = {r.input: r for r in convert_many([archive], tmp_path / "here", spec)}
    with ThreadPoolExecutor(2) as pool:
        there = {r.input: r for r in convert_many([archive], tmp_path / "pool", spec, pool)}
    assert sorted(here) == sorted(there) == sorted(str(p) for p in _good(archive) + [archive / n for n in BAD])
    for source, result in here.items():
        assert (result.status, result.cues) == (there[source].status, there[source].cues)
        if result.status == "ok":
            name = Path(result.output or "").relative_to(tmp_path / "here")
            assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes()


def test_batch_options_need_a_batch(runner: CliRunner, archive: Path, tmp_path: Path) -> None:
    source = _good(archive)[0]
    result = runner.invoke(cli, ["reflow", str(source), "-o", str(tmp_path / "x.srt"), "--jobs", "2"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "--jobs, --report, --resume and --dask are for batch runs" in result.stderr
