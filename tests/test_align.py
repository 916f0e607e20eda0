"""`convert --audio`: alignment measured against audio whose truth is exact by construction.

The "real" reports are built by tests/speechkit.py from each cue's text spoken on its own
by espeak-ng voices other than the aligner's reference (en-gb female at 150 wpm, en-us
male variant at 190 wpm; the reference is en-us at 175), joined with known pauses (every
other one 0-30 ms, so silence cannot find the boundaries) and seeded noise at 15 and 7 dB.
These need espeak-ng and ffmpeg: under CI=true they run, never skip.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import SEED, TRANSCRIPTS
from speechkit import RATE, build_report, need

from subtools import read_transcript
from subtools.align import LOW_CONFIDENCE, align_pieces, align_speech, alignment_warnings
from subtools.build import CueOptions, build_cues
from subtools.cli import cli
from subtools.errors import AlignmentError, MediaError
from subtools.formats import parse_subtitles
from subtools.model import Cue, CueKind
from subtools.validation import validate_text

FIXTURES = ["arirang-lee-ji-won", "kbs-world-tags", "multi-story", "live-two-way"]
VOICES = ["espeak:en-gb+f3:150", "espeak:en-us+m3:190"]


@pytest.fixture(autouse=True)
def _tools() -> None:
    need("espeak-ng")
    need("ffmpeg")


def _pieces(name: str) -> list[tuple[str, str]]:
    cues = build_cues(read_transcript(TRANSCRIPTS / f"{name}.txt"))
    return [(" ".join(c.lines), c.lang) for c in cues]


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[float]]:
    """Every boundary and cue-start error over 4 reports x 2 voices x 2 noise levels."""
    tmp = tmp_path_factory.mktemp("align")
    errors: dict[str, list[float]] = {"boundary": [], "start": [], "cue_start": []}
    for name in FIXTURES:
        pieces = _pieces(name)
        for voice in VOICES:
            for snr in (15.0, 7.0):
                wav = tmp / f"{name}-{voice.replace(':', '_')}-{snr:.0f}.wav"
                truth = build_report([t for t, _ in pieces], wav, voice=voice, snr_db=snr, seed=7)
                spans = align_speech(pieces, wav)
                for (ts, te), span in zip(truth, spans, strict=True):
                    errors["boundary"] += [abs(span.start_ms - ts), abs(span.end_ms - te)]
                    errors["start"].append(abs(span.start_ms - ts))
                cues = build_cues(read_transcript(TRANSCRIPTS / f"{name}.txt"), audio=str(wav))
                errors["cue_start"] += [abs(c.start_ms - ts) for c, (ts, _) in zip(cues, truth, strict=True)]
    return errors


def test_boundaries_within_40_ms_on_average_and_120_at_worst(measured: dict[str, list[float]]) -> None:
    b = measured["boundary"]
    assert len(b) == 2 * 2 * 2 * sum(len(_pieces(n)) for n in FIXTURES)
    assert np.mean(b) <= 40, f"mean {np.mean(b):.1f} ms"
    assert max(b) <= 120, f"worst {max(b):.0f} ms"


def test_cue_starts_within_80_ms_on_average_and_300_at_worst(measured: dict[str, list[float]]) -> None:
    s = measured["cue_start"]
    assert np.mean(s) <= 80, f"mean {np.mean(s):.1f} ms"
    assert max(s) <= 300, f"worst {max(s):.0f} ms"


def test_aligned_cues_keep_the_profile_and_flag_what_they_cannot(tmp_path: Path) -> None:
    pieces = _pieces("arirang-lee-ji-won")
    wav = tmp_path / "seed.wav"
    truth = build_report([t for t, _ in pieces], wav, voice=VOICES[1], snr_db=15, seed=3)
    options = CueOptions(headline=True)
    transcript = read_transcript(SEED)
    cues = build_cues(transcript, options, audio=str(wav))
    speech = [c for c in cues if c.kind is CueKind.SPEECH]
    for cue, (_, te) in zip(speech, truth, strict=True):
        assert cue.confidence is not None
        assert cue.confidence >= LOW_CONFIDENCE
        assert cue.end_ms <= te + 500 + 150  # at most half a second after its speech (+ alignment error)
    # The title and Korean headline are on-screen text: top cues from the first words on.
    cards = [c for c in cues if c.kind is not CueKind.SPEECH]
    assert cards[0].kind is CueKind.TITLE
    assert {c.kind for c in cards} == {CueKind.TITLE, CueKind.HEADLINE}
    assert cards[0].start_ms == speech[0].start_ms
    assert all(c.top for c in cards)
    assert all(a.end_ms < b.start_ms for a, b in itertools.pairwise(cards))  # one card at a time
    from subtools.formats import SubtitleFormat
    from subtools.pipeline import export_cues

    # Every format, title cards included: any error is on a cue the aligner flagged as too
    # fast to read, none is silent (ASS lists its cards first, so compare by start time).
    too_fast = {c.start_ms for c in speech if "too-fast" in c.flags}
    for fmt in (SubtitleFormat.SRT, SubtitleFormat.VTT, SubtitleFormat.ASS):
        text = export_cues(cues, fmt)
        sub_file = parse_subtitles(text, f"aligned.{fmt.value}", fmt)
        report = validate_text(text, f"aligned.{fmt.value}", fmt=fmt)
        starts = {sub_file.entries[f.cue - 1].start_ms for f in report.findings if f.severity == "error" and f.cue}
        # ASS holds centiseconds: a cue's start there is within 5 ms of ours.
        assert all(any(abs(s - t) <= 5 for t in too_fast) for s in starts), fmt


def _write_wav(path: Path, samples: np.ndarray) -> None:
    import wave

    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())


def test_silent_audio_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    wav = tmp_path / "silence.wav"
    _write_wav(wav, np.zeros(RATE * 60, dtype=np.float32))
    out = tmp_path / "out.srt"
    result = CliRunner().invoke(cli, ["convert", str(SEED), "--audio", str(wav), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {wav}: the audio is silent (found 60.0 s below -80 dBFS)\n"
    assert not out.exists()


def test_audio_far_shorter_than_the_text_is_an_error(tmp_path: Path) -> None:
    pieces = _pieces("arirang-lee-ji-won")
    wav = tmp_path / "short.wav"
    build_report([t for t, _ in pieces[:3]], wav, voice=VOICES[0], snr_db=15)
    with pytest.raises(AlignmentError, match=r"much shorter than the text \(found 1\d\.\d s, expected about"):
        align_speech(pieces, wav)


def test_another_texts_audio_is_flagged_cue_by_cue(tmp_path: Path) -> None:
    seed, other = _pieces("arirang-lee-ji-won"), _pieces("multi-story") + _pieces("kbs-world-tags")
    wav = tmp_path / "seed.wav"
    build_report([t for t, _ in seed], wav, voice=VOICES[0], snr_db=15, seed=5)
    # The first half of the text is what was said, the second half another report's words.
    mixed = seed[:18] + other[:18]
    spans = align_speech(mixed, wav)
    right = [s.confidence for s in spans[:18]]
    wrong = [s.confidence for s in spans[18:]]
    assert min(right) >= LOW_CONFIDENCE
    assert sum(c < LOW_CONFIDENCE for c in wrong) >= 16


# Programmes that do not cover the text: the seed report (N cues, 38 when written) with cues
# cut from its audio (1-based, inclusive): all from cue 23 on (about 60 % kept, the end cut),
# a stretch in the middle, the opening.
N = len(build_cues(read_transcript(SEED)))
CUTS = {"end": (23, N), "middle": (13, 21), "start": (1, 9)}
COVERAGE = re.compile(
    rf"Error: (?P<src>.+): audio covers (?P<got>\d+) of {N} cues \(cues (?P<gone>[\d, -]+) not spoken; "
    r"found (?P<found>\d+) s of speech, expected about (?P<expected>\d+) s\); "
    r"pass --allow-partial to write the spoken ones\n"
)


def _messages(stderr: str) -> str:
    """stderr without the progress bar, which a slow machine shows after two seconds
    (off a terminal, click writes its label once on a line of its own)."""
    return "".join(ln for ln in stderr.splitlines(keepends=True) if ln.strip() != "aligning")


@pytest.fixture(scope="module")
def partial(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[tuple[int, int]]]]:
    """Each cut programme's WAV and the true (start_ms, end_ms) of each cue it still holds."""
    tmp = tmp_path_factory.mktemp("partial")
    texts = [t for t, _ in _pieces("arirang-lee-ji-won")]
    out = {}
    for name, (a, b) in CUTS.items():
        wav = tmp / f"{name}.wav"
        out[name] = (wav, build_report(texts[: a - 1] + texts[b:], wav, voice=VOICES[0], snr_db=15, seed=5))
    return out


@pytest.mark.parametrize("cut", CUTS)
def test_audio_missing_cues_is_one_error_line_naming_them(
    tmp_path: Path, partial: dict[str, tuple[Path, list[tuple[int, int]]]], cut: str
) -> None:
    wav, _ = partial[cut]
    out = tmp_path / "out.srt"
    result = CliRunner().invoke(cli, ["convert", str(SEED), "--audio", str(wav), "-o", str(out)])
    assert result.exit_code == 1, result.stderr
    match = COVERAGE.fullmatch(_messages(result.stderr))
    assert match, result.stderr
    a, b = CUTS[cut]
    assert match["src"] == str(SEED)
    assert match["gone"] == f"{a}-{b}"
    assert int(match["got"]) == N - (b - a + 1)
    assert int(match["found"]) < int(match["expected"])
    assert not out.exists()
    # The library says the same.
    with pytest.raises(AlignmentError, match=f"audio covers {match['got']} of {N} cues"):
        build_cues(read_transcript(SEED), audio=str(wav))


@pytest.mark.parametrize("cut", CUTS)
def test_allow_partial_writes_the_spoken_cues_and_lists_the_rest(
    tmp_path: Path, partial: dict[str, tuple[Path, list[tuple[int, int]]]], cut: str
) -> None:
    wav, truth = partial[cut]
    a, b = CUTS[cut]
    everything = build_cues(read_transcript(SEED))
    out = tmp_path / "out.srt"
    args = ["convert", str(SEED), "--audio", str(wav), "--allow-partial", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    written = parse_subtitles(out.read_text(encoding="utf-8"), str(out)).entries
    expected = [c for k, c in enumerate(everything, start=1) if not a <= k <= b]
    # Exactly the spoken cues, in order, numbered 1, 2, 3 … and at their speech.
    assert [e.text for e in written] == ["\n".join(c.lines) for c in expected]
    srt_numbers = [line for line in out.read_text(encoding="utf-8").split("\n\n") if line]
    assert [int(block.split("\n")[0]) for block in srt_numbers] == list(range(1, len(expected) + 1))
    assert max(abs(e.start_ms - ts) for e, (ts, _) in zip(written, truth, strict=True)) <= 300
    # Nothing lost: every cue left out is one line on stderr, with its source line and text.
    left = [c for k, c in enumerate(everything, start=1) if a <= k <= b]
    listed = [ln for ln in result.stderr.splitlines() if "left out" in ln]
    assert listed == [f'{SEED}:{c.line}: warning: left out, not spoken in the audio: "{c.text}"' for c in left]
    track = build_cues(read_transcript(SEED), audio=str(wav), allow_partial=True)
    assert [c.text for c in track.left_out] == [c.text for c in left]
    assert sorted(c.text for c in [*track, *track.left_out]) == sorted(c.text for c in everything)


# Where the cut falls must not matter: the warp pins the text's ends to the audio's, so a
# cut that leaves some of the text's last (or first) cues in the first warp's stretch of
# the real end once named the wrong run (cues 21-35 for 23-38). Cut points by count from
# the end or the start, so they hold whatever the line breaker makes of the seed: the
# last 5, 10, 13, 14 and 21 cues, all but the first 15 (about 40 % kept), the first 5 and 12.
# Not yet right, and marked so: the last 14 (25-38 when written) came out of the first
# warp with 19-26 and 30-37 crushed and 27-29 matched poorly between them, outside the
# second warp's mask; crushed again, it is named 22-27,29-38 (so it was before open ends).
# Letting such an island join the runs fixed it, but on a 20-minute programme cut at 60 %
# it put spoken cues up to 155 s off, so it is not done.
_ISLAND = pytest.param(N - 13, N, marks=pytest.mark.xfail(strict=True, reason="poorly matched island"), id="island")
EDGE_CUTS = [(N - 4, N), (N - 9, N), (N - 12, N), _ISLAND, (N - 20, N), (16, N), (1, 5), (1, 12)]


@pytest.mark.parametrize(("a", "b"), EDGE_CUTS)
def test_a_cut_at_either_end_is_named_wherever_it_falls(tmp_path: Path, a: int, b: int) -> None:
    texts = [t for t, _ in _pieces("arirang-lee-ji-won")]
    wav = tmp_path / "cut.wav"
    build_report(texts[: a - 1] + texts[b:], wav, voice=VOICES[0], snr_db=15, seed=5)
    named = [k + 1 for k in align_pieces(_pieces("arirang-lee-ji-won"), wav).unspoken]
    # One run, reaching the text's edge, holding every missing cue.
    assert named == list(range(named[0], named[-1] + 1))
    assert (named[0] == 1) if a == 1 else (named[-1] == N)
    assert set(range(a, b + 1)) <= set(named)
    # Tolerance: the spoken cue at the cut may be named too (listed, never mistimed). A
    # short cue run into the next with no pause can take that one's speech in the second
    # warp: the last 21 cut (18-38 when written) is named 17-38, cue 16 ("and also
    # promised to continue working") stretched over cue 17's speech too (3.6 s for six
    # words). Measured over every end cut from the last 2 to the last 22 and start cut
    # from the first 2 to 14, on both voices (68 cuts): 66 exact, that one off by one.
    assert len(named) - (b - a + 1) <= 1


def test_another_texts_audio_is_an_error_and_partial_writes_no_cue(tmp_path: Path) -> None:
    wav = tmp_path / "other.wav"
    other = _pieces("multi-story") + _pieces("kbs-world-tags") + _pieces("live-two-way")
    build_report([t for t, _ in other], wav, voice=VOICES[0], snr_db=15, seed=5)
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["convert", str(SEED), "--audio", str(wav), "-o", str(out)])
    assert result.exit_code == 1
    match = COVERAGE.fullmatch(_messages(result.stderr))
    assert match, result.stderr
    assert (match["got"], match["gone"]) == ("0", f"1-{N}")
    assert not out.exists()
    # Written anyway, it places none of them as if spoken, and lists all N.
    result = CliRunner().invoke(cli, ["convert", str(SEED), "--audio", str(wav), "--allow-partial", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["cues"] == []
    assert sum("left out, not spoken in the audio" in ln for ln in result.stderr.splitlines()) == N


def test_allow_partial_needs_audio() -> None:
    result = CliRunner().invoke(cli, ["convert", str(SEED), "--allow-partial", "-o", "x.srt"])
    assert result.exit_code == 2
    assert "--allow-partial says what to do with audio that lacks some cues; it needs --audio" in result.stderr


def test_missing_tools_are_named_with_the_install_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import shutil

    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name == "espeak-ng" else real_which(name))
    wav = tmp_path / "a.wav"
    _write_wav(wav, np.random.default_rng(0).normal(0, 0.1, RATE * 5).astype(np.float32))
    with pytest.raises(MediaError, match=r"espeak-ng is not installed \(install it with: apt-get install espeak-ng\)"):
        align_speech([("Hello there.", "en")], wav)


def test_audio_options_conflict(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["convert", str(SEED), "--audio", "a.wav", "--duration", "60", "-o", "x.srt"])
    assert result.exit_code == 2
    assert "--audio times cues to the speech" in result.stderr


def test_undecodable_audio_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "notes.mp4"
    bad.write_text("not a video", encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(SEED), "--audio", str(bad), "-o", str(tmp_path / "o.srt")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}: cannot decode audio (")
    assert result.stderr.count("\n") == 1


def test_core_commands_never_import_numpy(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from subtools.cli import cli\n"
        "cli(['convert', sys.argv[1], '-o', sys.argv[2]], standalone_mode=False)\n"
        "cli(['validate', '--no-config', sys.argv[2]], standalone_mode=False)\n"
        "print('numpy' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(SEED), str(tmp_path / "seed.srt")],
        capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(SEED.parents[2])},
    )  # fmt: skip
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr


def _aligned(line: int, start_ms: int, confidence: float | None, *flags: str) -> Cue:
    return Cue(start_ms, start_ms + 2000, ("Words.",), line=line, confidence=confidence, flags=flags)


def test_alignment_warnings_name_each_flagged_cue() -> None:
    cues = [
        _aligned(5, 0, 0.81),
        _aligned(7, 2500, 0.2, "low-confidence"),
        _aligned(9, 5000, 0.66, "too-fast"),
        _aligned(11, 7500, 0.1, "low-confidence", "too-fast"),
        Cue(0, 5000, ("A TITLE",), kind=CueKind.TITLE, line=3),  # on-screen text: not aligned, not counted
        _aligned(13, 10000, 0.9),
    ]
    assert alignment_warnings(cues, "seed.txt") == [
        "seed.txt:7: warning: cue 2 at 2500 ms: its words matched the audio poorly (confidence 0.20)",
        "seed.txt:9: warning: cue 3 at 5000 ms: the speech is too fast to read under the profile "
        "(shown as long as the speech allows)",
        "seed.txt:11: warning: cue 4 at 7500 ms: its words matched the audio poorly (confidence 0.10); "
        "the speech is too fast to read under the profile (shown as long as the speech allows)",
    ]  # 2 of 5 aligned cues low: no summary


def test_alignment_warnings_ask_about_the_audio_when_most_cues_match_poorly() -> None:
    low = [_aligned(5 + k, 2500 * k, 0.1, "low-confidence") for k in range(3)]
    lines = alignment_warnings([*low, _aligned(9, 9000, 0.8), _aligned(10, 11000, 0.7)], "seed.txt")
    assert lines[-1] == "seed.txt: warning: 3 of 5 cues matched the audio poorly: is this the audio of this transcript?"
    assert len(lines) == 4
    # Exactly half is not more than half.
    assert len(alignment_warnings([*low[:2], _aligned(9, 9000, 0.8), _aligned(10, 11000, 0.7)], "seed.txt")) == 2
    assert alignment_warnings([Cue(0, 1000, ("Words.",))], "seed.txt") == []  # cues timed without audio


def test_alignment_warnings_import_without_numpy() -> None:
    import os
    import subprocess
    import sys

    code = "import sys\nfrom subtools.align import alignment_warnings\nprint('numpy' in sys.modules)\n"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(SEED.parents[2])},
    )  # fmt: skip
    assert out.stdout.strip() == "False", out.stderr


def test_progress_bar_waits_two_seconds(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import time

    from subtools import cli as cli_module

    clock = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    bar = cli_module._Progress("aligning")
    bar(10, 100)
    assert capsys.readouterr().err == ""  # a short job shows nothing
    clock[0] += 3
    bar(50, 100)
    bar(0, 0)
    err = capsys.readouterr().err
    assert "aligning" in err
