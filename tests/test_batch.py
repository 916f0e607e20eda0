"""Batch runs over an archive folder: `convert IN... -o OUTDIR/`, reports, resume, executors, Dask.

The folder is several dozen real transcripts in two subfolders plus an empty and a binary
file; every good output must be byte-identical to converting that file alone.
"""

from __future__ import annotations

import io
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TRANSCRIPTS, build_archive

from subtools.batch import MANIFEST_NAME, BatchResult, ConvertSpec, convert_many
from subtools.batch.command import BatchProgress
from subtools.cli import cli
from subtools.formats import SubtitleFormat, WriteOptions

GOOD = sorted(TRANSCRIPTS.glob("*.txt"))[:40]
BAD = {"empty.txt": "file is empty", "junk.bin": "binary file, not text"}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return build_archive(tmp_path / "archive", GOOD, bytes(range(256)) * 4)


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.srt")}


def _report(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _alone(runner: CliRunner, source: Path, out: Path) -> bytes:
    result = runner.invoke(cli, ["convert", str(source), "-o", str(out)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    return out.read_bytes()


def test_a_folder_converts_in_one_command(runner: CliRunner, archive: Path, tmp_path: Path) -> None:
    out, report = tmp_path / "out", tmp_path / "run.jsonl"
    result = runner.invoke(cli, ["convert", str(archive), "-o", f"{out}/", "--jobs", "2", "--report", str(report)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1].startswith(f"converted {len(GOOD)}, skipped 0, failed 2 of {len(GOOD) + 2} inputs in ")
    assert sorted(lines[:-1]) == sorted(
        [f"{archive / 'empty.txt'}: file is empty (found 0 bytes, expected a transcript)",
         f"{archive / 'junk.bin'}:1: binary file, not text (found a NUL byte at offset 0, expected UTF-8, UTF-16 "
         "or CP949 text)"]
    )  # fmt: skip
    entries = _report(report)
    assert len(entries) == len(GOOD) + 2
    assert {e["input"] for e in entries} == {str(p) for p in archive.rglob("*") if p.is_file()}
    errors = {Path(str(e["input"])).name: e for e in entries if e["status"] == "error"}
    assert sorted(errors) == sorted(BAD)
    for name, what in BAD.items():
        assert what in str(errors[name]["error"])
    assert all(e["status"] == "ok" and int(str(e["cues"])) > 0 and e["error"] is None
               for e in entries if e["status"] != "error")  # fmt: skip
    outputs = _outputs(out)
    assert len(outputs) == len(GOOD)
    alone = tmp_path / "alone.srt"
    for source in archive.rglob("*.txt"):
        if source.name != "empty.txt":
            rel = source.relative_to(archive).with_suffix(".srt").as_posix()
            assert outputs[rel] == _alone(runner, source, alone), rel


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_resume_skips_all_and_rewrites_nothing(runner: CliRunner, archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(cli, ["convert", str(archive), "-o", f"{out}/", "-j", "2"]).exit_code == 1
    before = _stamps(out)
    report = tmp_path / "again.jsonl"
    result = runner.invoke(cli, ["convert", str(archive), "-o", str(out), "--resume", "--report", str(report)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[-1].startswith(f"converted 0, skipped {len(GOOD)}, failed 2 of ")
    assert sorted(str(e["status"]) for e in _report(report)) == ["error"] * 2 + ["skipped"] * len(GOOD)
    assert _stamps(out) == before


def test_resume_redoes_a_damaged_a_missing_and_a_changed_output(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = {r.input: r for r in convert_many([archive], out)}
    day1 = sorted((archive / "day1").iterdir())
    damaged, missing, changed = (out / "day1" / p.with_suffix(".srt").name for p in day1[:3])
    whole = damaged.read_bytes()
    damaged.write_bytes(whole[: len(whole) // 2])  # as if the machine stopped mid-write without atomic rename
    missing.unlink()
    day1[2].write_bytes(day1[2].read_bytes().replace(b".", b"!", 1))
    second = {r.input: r.status for r in convert_many([archive], out, resume=True)}
    redone = sorted(Path(k).name for k, v in second.items() if v == "ok")
    assert redone == sorted(p.name for p in day1[:3])
    assert damaged.read_bytes() == whole
    assert missing.exists()
    assert changed.exists()
    assert len(first) == len(second) == len(GOOD) + 2
    manifest = out / MANIFEST_NAME
    assert manifest.read_text(encoding="utf-8").count("\n") == len(GOOD) + 3  # appended
    assert list(convert_many([], out)) == []
    assert manifest.read_text(encoding="utf-8").count("\n") == len(GOOD)  # compacted when next opened


def test_resume_with_other_options_redoes_everything(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    list(convert_many([archive / "day1"], out))
    spec = ConvertSpec(SubtitleFormat.SRT, write_options=WriteOptions(bom=True))
    statuses = {r.status for r in convert_many([archive / "day1"], out, spec, resume=True)}
    assert statuses == {"ok"}


def test_any_executor_gives_the_same_bytes(archive: Path, tmp_path: Path) -> None:
    list(convert_many([archive], tmp_path / "here"))
    with ThreadPoolExecutor(3) as pool:
        results = list(convert_many([archive], tmp_path / "threads", executor=pool, window=4))
    assert len(results) == len(GOOD) + 2
    assert _outputs(tmp_path / "threads") == _outputs(tmp_path / "here")


def test_globs_files_and_clashes(runner: CliRunner, archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    one = archive / "day1" / sorted(os.listdir(archive / "day1"))[0]
    result = runner.invoke(cli, ["convert", f"{archive}/**/*.txt", str(one), "-o", str(out) + "/", "-j", "1",
                                 "--to", "vtt"])  # fmt: skip
    assert (result.exit_code, result.stdout) == (1, "")  # empty.txt
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.vtt")) == sorted(
        p.relative_to(archive).with_suffix(".vtt").as_posix() for p in _good_inputs(archive)
    )
    clash = tmp_path / "clash"
    clash.mkdir()
    (clash / one.name).write_bytes(one.read_bytes())
    result = runner.invoke(cli, ["convert", str(one), str(clash / one.name), "-o", f"{tmp_path / 'o2'}/", "-j", "1"])
    assert result.exit_code == 1
    assert "two inputs give the same output" in result.stderr


def _good_inputs(archive: Path) -> list[Path]:
    return [p for p in archive.rglob("*.txt") if p.name != "empty.txt"]


def test_an_output_folder_inside_the_input_is_not_read(runner: CliRunner, archive: Path) -> None:
    out = archive / "subs"
    for _ in range(2):
        result = runner.invoke(cli, ["convert", str(archive), "-o", str(out) + "/", "-j", "1"])
        assert result.exit_code == 1
        summary = f"converted {len(GOOD)}, skipped 0, failed 2 of {len(GOOD) + 2} inputs"
        assert result.stderr.splitlines()[-1].startswith(summary)
    assert len(_outputs(out)) == len(GOOD)


def test_batch_options_without_a_batch_are_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["convert", str(GOOD[0]), "-o", str(tmp_path / "x.srt"), "--resume"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "--jobs, --report, --resume and --dask are for batch runs" in result.stderr
    result = runner.invoke(cli, ["convert", str(GOOD[0]), "-", "-o", f"{tmp_path}/"])
    assert result.exit_code == 2
    assert "not standard input" in result.stderr


def test_validate_a_folder_with_jobs(runner: CliRunner, archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "subs"
    list(convert_many([archive / "day1"], out))
    serial = runner.invoke(cli, ["validate", str(out), "--format", "json"])
    parallel = runner.invoke(cli, ["validate", str(out), "--format", "json", "--jobs", "2"])
    assert (serial.exit_code, serial.stderr) == (parallel.exit_code, parallel.stderr) == (0, "")
    assert parallel.stdout == serial.stdout
    assert len(json.loads(serial.stdout)["files"]) == len(list((archive / "day1").iterdir()))


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_shows_done_failures_rate_and_time_left() -> None:
    stream = _Tty()
    bar = BatchProgress(2, stream)
    bar.update(BatchResult("a", "a.srt", "ok"))
    bar.say("b: file is empty")
    bar.update(BatchResult("b", "b.srt", "error", "b: file is empty"))
    bar.close()
    text = stream.getvalue()
    assert "b: file is empty\n" in text
    assert "2/2 files, 1 failed, " in text  # the last one is always drawn
    assert " left" in text
    plain = io.StringIO()
    quiet = BatchProgress(1, plain)
    quiet.update(BatchResult("a", "a.srt", "ok"))
    quiet.close()
    assert plain.getvalue() == ""
