"""`subtools convert`: goldens, broadcast QC read back independently, nothing lost or added."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import subcheck
from click.testing import CliRunner
from conftest import FIXTURES, SEED, TRANSCRIPTS, check_golden

from subtools import read_transcript
from subtools.build import CueOptions, build_cues
from subtools.cli import cli
from subtools.formats import SubtitleFormat
from subtools.model import CueKind, Transcript
from subtools.pipeline import render_transcript

CASES = sorted(TRANSCRIPTS.glob("*.txt"))


@pytest.mark.parametrize("fmt", list(SubtitleFormat), ids=lambda f: f.value)
def test_seed_golden(fmt: SubtitleFormat, update_golden: bool) -> None:
    text = render_transcript(read_transcript(SEED), fmt)
    text = text.replace(str(SEED), "fixtures/transcripts/arirang-lee-ji-won.txt")
    check_golden(FIXTURES / "golden" / f"arirang-lee-ji-won.{fmt.value}", text, update_golden)


def spoken_words(t: Transcript) -> list[str]:
    """Every spoken word in source order: a sign-off may end a package inside a story
    (cnn-labels.txt), and it is spoken where it stands."""
    out: list[str] = []
    for story in t.stories:
        spoken = [(seg.pieces[0].line, seg.pieces[0].col, seg.text) for seg in story.segments]
        if story.signoff:
            first = story.signoff.pieces[0]
            spoken.append((first.line, first.col, story.signoff.text))
        for _, _, text in sorted(spoken):
            out += subcheck.words(text)
    return out


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_srt_passes_qc_and_keeps_every_word(path: Path) -> None:
    t = read_transcript(path)
    text = render_transcript(t, SubtitleFormat.SRT)
    for cues in (subcheck.read_srt(text), subcheck.read_pysubs2(text, "srt")):
        assert subcheck.violations(cues) == []
        got = [w for c in cues for w in subcheck.words(" ".join(c.lines))]
        assert got == spoken_words(t)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_vtt_passes_qc_and_keeps_every_word(path: Path) -> None:
    t = read_transcript(path)
    text = render_transcript(t, SubtitleFormat.VTT)
    assert text.startswith("WEBVTT\n\n")
    cues = subcheck.read_pysubs2(text, "vtt")
    assert subcheck.violations(cues) == []
    assert [w for c in cues for w in subcheck.words(" ".join(c.lines))] == spoken_words(t)


@pytest.mark.parametrize("profile", ["korean", "bbc"])
def test_other_profiles_pass_their_limits(profile: str) -> None:
    from subtools.profile import get_profile

    options = CueOptions(profile=get_profile(profile))
    text = render_transcript(read_transcript(SEED), SubtitleFormat.SRT, options)
    cues = subcheck.read_srt(text)
    if profile == "korean":
        for c in cues:
            assert all(subcheck.width(line, True) <= 16 for line in c.lines)
    else:
        assert subcheck.violations(cues, max_chars=37) == []


def test_headline_option_opens_with_top_cues() -> None:
    t = read_transcript(SEED)
    srt_text = render_transcript(t, SubtitleFormat.SRT, CueOptions(headline=True))
    first = subcheck.read_srt(srt_text)
    assert srt_text.startswith("1\n00:00:00,000 --> ")
    assert "{\\an8}Seoul, Washington" in srt_text
    assert subcheck.violations(first) == []
    vtt_text = render_transcript(t, SubtitleFormat.VTT, CueOptions(headline=True))
    assert "line:0" in vtt_text.split("\n\n")[1]
    cues = build_cues(t, CueOptions(headline=True))
    kinds = [c.kind for c in cues]
    assert kinds[0] is CueKind.TITLE
    assert CueKind.HEADLINE in kinds
    assert kinds.index(CueKind.HEADLINE) < kinds.index(CueKind.SPEECH)


def test_start_offsets_everything() -> None:
    t = read_transcript(SEED)
    plain = build_cues(t)
    moved = build_cues(t, CueOptions(start_ms=10_000))
    assert moved[0].start_ms == 10_010  # 10 s rounded up to the next frame boundary (300 frames at 29.97)
    assert len(plain) == len(moved)


def test_duration_fits_and_spreads() -> None:
    t = read_transcript(SEED)
    natural = build_cues(t)
    target = natural[-1].end_ms + 30_000
    stretched = build_cues(t, CueOptions(duration_ms=target))
    assert stretched[-1].end_ms <= target
    assert stretched[-1].end_ms > natural[-1].end_ms + 10_000
    assert (
        subcheck.violations(subcheck.read_srt(render_transcript(t, SubtitleFormat.SRT, CueOptions(duration_ms=target))))
        == []
    )


def test_labels_names_prefix_speaker_changes() -> None:
    text = render_transcript(read_transcript(SEED), SubtitleFormat.SRT, CueOptions(labels=True))
    assert "\nLEE JI-WON: South Korea's" in text
    assert "KANG KYUNG-WHA: " in text
    assert subcheck.violations(subcheck.read_srt(text)) == []


def test_json_for_video_tooling() -> None:
    t = read_transcript(SEED)
    data = json.loads(render_transcript(t, SubtitleFormat.JSON))
    cue = data["cues"][0]
    assert set(cue) >= {"start_ms", "end_ms", "lines", "role", "speaker", "lang", "source"}
    assert data["cues"][-1]["lines"] == ["Lee Ji-won, Arirang News."]
    assert {c["kind"] for c in data["title_cards"]} == {"title", "headline"}


def test_ass_structure() -> None:
    import pysubs2

    text = render_transcript(read_transcript(SEED), SubtitleFormat.ASS)
    subs = pysubs2.SSAFile.from_string(text)
    assert subs.info["PlayResX"] == "1920"
    assert subs.info["PlayResY"] == "1080"
    assert subs.info["ScaledBorderAndShadow"] == "yes"
    assert subs.info["WrapStyle"] == "2"
    assert {"Anchor", "Reporter", "Soundbite", "Interviewee", "Title", "Headline"} <= set(subs.styles)
    colours = {
        (subs.styles[n].primarycolor.r, subs.styles[n].primarycolor.g, subs.styles[n].primarycolor.b)
        for n in ("Anchor", "Reporter", "Soundbite", "Interviewee")
    }
    assert len(colours) == 4
    assert subs.styles["Headline"].fontname == "Noto Sans CJK KR"
    assert subs.styles["Headline"].alignment == pysubs2.Alignment.TOP_CENTER
    headline = [e for e in subs if e.style == "Headline"]
    assert len(headline) == 1
    assert "한미" in headline[0].text
    assert any(e.name == "Kang Kyung-wha" and e.style == "Soundbite" for e in subs)
    assert any("\\N" in e.text for e in subs if e.style == "Reporter")


def test_convert_cli_writes_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "seed.srt"
    result = runner.invoke(cli, ["convert", str(SEED), "-o", str(out)], catch_exceptions=False)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert out.read_text(encoding="utf-8").startswith("1\n00:00:00,000 --> ")


def test_convert_cli_stdout_and_to(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["convert", str(SEED), "-o", "-", "--to", "vtt"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("WEBVTT")


def test_convert_cli_duration_too_short_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "seed.srt"
    result = runner.invoke(cli, ["convert", str(SEED), "-o", str(out), "--duration", "10"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {SEED}: text does not fit the video (found 10000 ms, expected at least ")
    cues = len(build_cues(read_transcript(SEED)))
    assert result.stderr.endswith(f" ms for {cues} cues at broadcast-news-en limits)\n")
    assert result.stderr.count("\n") == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_convert_cli_unknown_extension(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["convert", str(SEED), "-o", str(tmp_path / "x.doc")])
    assert result.exit_code == 1
    assert "cannot tell the format from the extension (found '.doc'" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [("soon", "hours: seconds (12.5)"), ("-3", "expected a time from 0 to 100 hours"), ("1e400", "100 hours"),
     ("nan", "100 hours")],
)  # fmt: skip
def test_convert_cli_bad_time_is_usage_error(runner: CliRunner, tmp_path: Path, value: str, expected: str) -> None:
    result = runner.invoke(cli, ["convert", str(SEED), "-o", str(tmp_path / "x.srt"), "--start", value])
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_bom_only_when_asked(runner: CliRunner, tmp_path: Path) -> None:
    plain, marked = tmp_path / "a.srt", tmp_path / "b.srt"
    assert runner.invoke(cli, ["convert", str(SEED), "-o", str(plain)]).exit_code == 0
    assert runner.invoke(cli, ["convert", str(SEED), "-o", str(marked), "--bom"]).exit_code == 0
    assert plain.read_bytes()[:3] == b"1\n0"
    assert marked.read_bytes()[:3] == b"\xef\xbb\xbf"
    assert marked.read_bytes()[3:] == plain.read_bytes()


def test_unwritable_output_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.srt"
    result = runner.invoke(cli, ["convert", str(SEED), "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {target}: cannot write file (No such file or directory)\n"
