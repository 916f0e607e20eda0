"""Batch runs at their edges: subtitle files beside transcripts, nothing to do, an output
that is not a folder."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import SEED

from subtools.batch import convert_many
from subtools.cli import cli

SRT = "1\n00:00:01,000 --> 00:00:03,000\nThe ferry leaves at noon.\n"


def test_convert_of_a_folder_passes_over_its_subtitle_files(runner: CliRunner, tmp_path: Path) -> None:
    # Why: `convert DIR -o OUT/` read a report's .vtt beside its transcript as a transcript
    # (its timestamps and tags became words) and counted it converted.
    src = tmp_path / "in"
    src.mkdir()
    (src / "report.txt").write_bytes(SEED.read_bytes())
    (src / "report.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHello.\n", encoding="utf-8")
    (src / "old.srt").write_text(SRT, encoding="utf-8")
    out, report = tmp_path / "out", tmp_path / "run.jsonl"
    result = runner.invoke(cli, ["convert", str(src), "-o", f"{out}/", "--to", "vtt", "--report", str(report)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert [json.loads(line)["input"] for line in report.read_text(encoding="utf-8").splitlines()] == [
        str(src / "report.txt")
    ]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["report.vtt"]


def test_a_report_written_into_the_input_folder_is_not_an_input(runner: CliRunner, tmp_path: Path) -> None:
    # Why: `convert IN -o OUT/ --report IN/run.jsonl` read the report it had just opened as
    # a transcript (an empty file: an error every night, so the job never exited 0), and
    # its summary said "failed 1 of 1 inputs" beside one converted. (Named .log here: a
    # folder passes over .jsonl files anyway; the run's report is left out by its path.)
    src = tmp_path / "in"
    src.mkdir()
    (src / "report.txt").write_bytes(SEED.read_bytes())
    report, out = src / "run.log", tmp_path / "out"
    for extra in ([], ["--resume"]):
        result = runner.invoke(cli, ["convert", str(src), "-o", f"{out}/", "--report", str(report), *extra])
        assert (result.exit_code, result.stdout) == (0, ""), result.stderr
        assert result.stderr.splitlines()[-1].startswith(
            "converted 0, skipped 1, failed 0 of 1 inputs" if extra else "converted 1, skipped 0, failed 0 of 1 inputs"
        )
        assert [json.loads(line)["input"] for line in report.read_text(encoding="utf-8").splitlines()] == [
            str(src / "report.txt")
        ]


def test_a_report_named_as_an_input_is_refused_and_the_input_kept(runner: CliRunner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(SEED.read_bytes())
    result = runner.invoke(cli, ["convert", str(story), "-o", f"{tmp_path / 'out'}/", "--report", str(story)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {story}: the output is the input (found {str(story)!r}; choose another)\n"
    assert story.read_bytes() == SEED.read_bytes()


def test_a_report_path_holding_anything_but_a_report_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    # Why: `convert in -o out/ --report in/c.txt` put the report over the transcript c.txt
    # (found by walking the folder, so not named as an input); a hard link to an input too.
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(SEED.read_bytes())
    (src / "c.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "hard.jsonl").hardlink_to(src / "a.txt")
    for report in (src / "c.txt", tmp_path / "hard.jsonl"):
        result = runner.invoke(cli, ["convert", str(src), "-o", f"{tmp_path / 'out'}/", "--report", str(report)])
        assert (result.exit_code, result.stdout) == (1, "")
        first = SEED.read_text(encoding="utf-8").splitlines()[0].strip()[:40]
        assert result.stderr.startswith(f"Error: {report}: is not a report of an earlier run (found {first!r}, ")
        assert result.stderr.endswith('expected JSON lines with "input" and "status"); choose another report path\n')
        assert result.stderr.count("\n") == 1
        assert report.read_bytes() == SEED.read_bytes()
        assert not (tmp_path / "out").exists()
    # An earlier run's report, or an empty file, is replaced.
    report = tmp_path / "run.jsonl"
    for before in ("", '{"input": "x.txt", "output": null, "status": "error", "error": "e", "cues": 0, "ms": 0}\n'):
        report.write_text(before, encoding="utf-8")
        result = runner.invoke(cli, ["convert", str(src), "-o", f"{tmp_path / 'out'}/", "--report", str(report)])
        assert result.exit_code == 0, result.stderr
        assert len(report.read_text(encoding="utf-8").splitlines()) == 2


def test_earlier_reports_in_an_input_folder_are_passed_over(runner: CliRunner, tmp_path: Path) -> None:
    # Why: last night's in/2026-12-01.jsonl was read as a transcript by tonight's run.
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(SEED.read_bytes())
    for night in ("2026-12-01", "2026-12-02"):
        result = runner.invoke(
            cli, ["convert", str(src), "-o", f"{tmp_path / night}/", "--report", f"{src}/{night}.jsonl"]
        )
        assert (result.exit_code, result.stdout) == (0, ""), result.stderr
        assert result.stderr.splitlines()[-1].startswith("converted 1, skipped 0, failed 0 of 1 inputs")
    assert sorted(p.name for p in (tmp_path / "2026-12-02").iterdir()) == [".subtools-batch.jsonl", "a.srt"]


def test_a_skipped_input_reports_the_cues_its_output_holds(runner: CliRunner, tmp_path: Path) -> None:
    # Why: a resumed run's report gave 0 cues for every skipped output: totals undercounted.
    out = tmp_path / "out"
    first = {r.input: r for r in convert_many([SEED], out)}
    again = {r.input: r for r in convert_many([SEED], out, resume=True)}
    assert first[str(SEED)].status == "ok"
    assert again[str(SEED)].status == "skipped"
    assert again[str(SEED)].cues == first[str(SEED)].cues == (out / "arirang-lee-ji-won.srt").read_text().count(" --> ")


def test_a_subtitle_file_named_in_a_batch_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    sub = tmp_path / "old.srt"
    sub.write_text(SRT, encoding="utf-8")
    result = runner.invoke(cli, ["convert", str(SEED), str(sub), "-o", f"{tmp_path / 'out'}/"])
    assert (result.exit_code, result.stdout) == (2, "")  # named on the command line: a usage error
    assert f"Error: {sub}: is a subtitle file (found srt, expected a transcript); use `subtools reflow" in result.stderr
    assert not (tmp_path / "out").exists()
    # From the library, the same file is that input's error and the run goes on.
    results = {Path(r.input).name: r for r in convert_many([SEED, sub], tmp_path / "lib")}
    assert results[SEED.name].status == "ok"
    assert (results["old.srt"].status, results["old.srt"].error) == (
        "error", f"{sub}: is a subtitle file (found srt, expected a transcript); use `subtools reflow {sub} -o OUT`"
    )  # fmt: skip


def test_a_batch_with_nothing_to_do_is_one_line_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    # Why: an empty folder, a glob matching nothing or a folder without subtitle files for
    # reflow said "0 of 0 inputs" and exited 0: a nightly run at the wrong path passed as done.
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.txt").write_text("not a subtitle\n", encoding="utf-8")
    for argv in (["convert", str(tmp_path / "empty")], ["convert", str(tmp_path / "nomatch" / "*.txt")],
                 ["reflow", str(tmp_path)]):  # fmt: skip
        result = runner.invoke(cli, [*argv, "-o", f"{tmp_path / 'out'}/"])
        assert (result.exit_code, result.stdout) == (1, ""), argv
        assert result.stderr.count("\n") == 1
        assert "nothing to do (found no " in result.stderr
        assert not (tmp_path / "out").exists()


def test_several_inputs_need_an_output_folder(runner: CliRunner, tmp_path: Path) -> None:
    # Why: `convert a.txt b.txt -o merged.srt` (or `-o -`) made a folder of that name.
    sub = tmp_path / "a.srt"
    sub.write_text(SRT, encoding="utf-8")
    for argv in (["convert", str(SEED), str(SEED), "-o"], ["reflow", str(sub), str(sub), "-o"]):
        for output in (str(tmp_path / "merged.srt"), "-"):
            result = runner.invoke(cli, [*argv, output])
            assert (result.exit_code, result.stdout) == (2, "")
            assert "several inputs need an output folder (found -o " in result.stderr
            assert not Path(output).exists()
            assert not (tmp_path / "merged.srt").exists()


def test_reflow_reads_standard_input(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["reflow", "-", "-o", "-"], input=SRT)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[2] == "The ferry leaves at noon."
