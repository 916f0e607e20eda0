"""Whisper's JSON (openai-whisper ``word_timestamps=True``, whisperX) read for reflow: each
word at its own time; subtools' own JSON still read as subtools'."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from subtools.build.reflow import reflow_subtitles, source_words
from subtools.cli import cli
from subtools.formats import SubtitleFormat, format_from_content, parse_subtitles, write_track
from subtools.formats.json import read_track
from subtools.model import Cue, CueTrack


def _word(text: str, start: float | None, end: float | None) -> dict[str, Any]:
    out: dict[str, Any] = {"word": f" {text}", "probability": 0.91}
    if start is not None:
        out |= {"start": start, "end": end}
    return out


# Invented speech: a pause of 1.3 s inside one segment, which interpolation by length
# would not know about.
_Timed = list[tuple[str, float | None, float | None]]
WORDS: _Timed = [("The", 0.0, 0.2), ("ferry", 0.2, 0.6), ("leaves", 0.6, 1.0), ("at", 1.0, 1.1), ("noon.", 1.1, 1.5),
                 ("Bring", 2.8, 3.1), ("a", 3.1, 3.2), ("warm", 3.2, 3.5), ("coat.", 3.5, 4.0)]  # fmt: skip


def _whisper(words: _Timed = WORDS, **seg: Any) -> str:
    text = "".join(f" {w}" for w, _, _ in words)
    segment = {"id": 0, "seek": 0, "start": 0.0, "end": 4.0, "text": text, "tokens": [50364, 440],
               "temperature": 0.0, "avg_logprob": -0.21, "compression_ratio": 1.2, "no_speech_prob": 0.02,
               "words": [_word(*w) for w in words], **seg}  # fmt: skip
    return json.dumps({"text": text, "segments": [segment], "language": "en"})


def test_each_word_keeps_its_own_time() -> None:
    sub = parse_subtitles(_whisper(), "w.json")
    assert sub.format is SubtitleFormat.JSON
    words = source_words(sub)
    assert [w.text for w in words] == [w for w, _, _ in WORDS]
    assert [(w.start_ms, w.end_ms) for w in words] == [
        (round(s * 1000), round(e * 1000)) for _, s, e in WORDS if s is not None and e is not None
    ]
    track = reflow_subtitles(sub)
    assert [c.text for c in track] == ["The ferry leaves at noon.", "Bring a warm coat."]
    # The second cue starts on "Bring" (2.8 s), not where a share by length would put it.
    assert 2800 <= track.cues[1].start_ms <= 2834


def test_words_without_times_and_segments_without_words_are_shared_out() -> None:
    gappy = [("Tides", 0.0, 0.5), ("rise", None, None), ("at", None, None), ("dusk.", 1.5, 2.0)]
    words = source_words(parse_subtitles(_whisper(gappy, end=2.0), "w.json"))
    assert words[0].start_ms == 0
    assert 500 <= words[1].start_ms < words[2].start_ms < 1500 == words[3].start_ms
    plain = json.loads(_whisper())
    del plain["segments"][0]["words"]
    words = source_words(parse_subtitles(json.dumps(plain), "w.json"))
    assert [w.text for w in words] == [w for w, _, _ in WORDS]
    assert words[0].start_ms == 0
    assert words[-1].end_ms == 4000


def test_whisperx_speakers_and_word_segments() -> None:
    doc: dict[str, Any] = {
        "segments": [
            {"start": 0.0, "end": 1.5, "text": " Is the road open?", "speaker": "SPEAKER_00",
             "words": [{"word": w, "start": s, "end": e, "score": 0.8} for w, s, e in
                       [("Is", 0.0, 0.3), ("the", 0.3, 0.5), ("road", 0.5, 0.9), ("open?", 0.9, 1.5)]]},
            {"start": 1.8, "end": 2.6, "text": " Not yet.", "speaker": "SPEAKER_01",
             "words": [{"word": "Not", "start": 1.8, "end": 2.1}, {"word": "yet.", "start": 2.1, "end": 2.6}]},
        ],
        "word_segments": [],
    }  # fmt: skip
    track = reflow_subtitles(parse_subtitles(json.dumps(doc), "x.json"))
    assert [(c.text, c.speaker) for c in track] == [("Is the road open?", "SPEAKER_00"), ("Not yet.", "SPEAKER_01")]
    only_words = {"word_segments": doc["segments"][0]["words"] + doc["segments"][1]["words"]}
    sub = parse_subtitles(json.dumps(only_words), "x.json")
    assert [e.text for e in sub.entries] == ["Is the road open?", "Not yet."]
    assert [w.start_ms for w in source_words(sub)] == [0, 300, 500, 900, 1800, 2100]


def test_sniffing_tells_whisper_from_subtools_json() -> None:
    long_text = " word" * 1000  # Whisper's "text" comes first: its segments are far past the head
    doc = json.loads(_whisper())
    doc["text"] = long_text
    assert format_from_content(json.dumps(doc), "stdin") is SubtitleFormat.JSON
    ours = write_track(CueTrack((Cue(0, 1000, ('He said "segments" twice.',)),)), SubtitleFormat.JSON)
    sub = parse_subtitles(ours, "ours")
    assert sub.format is SubtitleFormat.JSON
    assert sub.words == ()
    assert [c.text for c in sub.cues] == ['He said "segments" twice.']
    assert [c.text for c in read_track(ours).cues] == ['He said "segments" twice.']
    assert [c.text for c in read_track(_whisper()).cues] == [" ".join(w for w, _, _ in WORDS)]
    assert format_from_content('{"segments": [1]}', "x") is SubtitleFormat.JSON
    assert format_from_content('{"other": 1}', "x") is SubtitleFormat.SRT


def test_unreadable_segment_is_a_finding_and_the_rest_is_read() -> None:
    doc = json.loads(_whisper())
    doc["segments"].insert(0, {"text": "no times", "start": "soon"})
    sub = parse_subtitles(json.dumps(doc), "w.json")
    assert sub.unreadable == 1
    assert [f.rule for f in sub.findings] == ["parse-error"]
    assert "Whisper segment 1" in sub.findings[0].message
    assert len(sub.entries) == 1


def test_cli_reflow_of_whisper_json(tmp_path: Path) -> None:
    src = tmp_path / "whisper.json"
    src.write_text(_whisper(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["reflow", str(src), "-o", str(tmp_path / "out.srt")])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == ""
    out = (tmp_path / "out.srt").read_text(encoding="utf-8")
    assert "00:00:02,8" in out
    assert "Bring a warm coat." in out
    result = CliRunner().invoke(cli, ["convert", str(src), "-o", str(tmp_path / "t.srt")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "use `subtools reflow" in result.stderr
    assert not (tmp_path / "t.srt").exists()
    other = tmp_path / "notes.json"
    other.write_text('["not cues"]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(other), "-o", str(tmp_path / "n.srt")])
    assert "use `subtools reflow" not in result.stderr


def test_validate_fix_retimes_whisper_segments_in_seconds(tmp_path: Path) -> None:
    doc = {"text": " Hi. Go now.", "segments": [{"start": 0.0, "end": 0.3, "text": " Hi."},
                                                {"start": 2.0, "end": 2.2, "text": " Go now."}]}  # fmt: skip
    src = tmp_path / "w.json"
    src.write_text(json.dumps(doc), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(src), "--fix"])
    assert result.exit_code == 0, result.output
    fixed = json.loads(src.read_text(encoding="utf-8"))
    assert [s["end"] for s in fixed["segments"]] == [0.834, 2.834]
    assert fixed["text"] == doc["text"]


def test_an_infinite_time_is_an_unreadable_segment_not_a_traceback(tmp_path: Path) -> None:
    # Why: "end": 1e999 (JSON's way to write inf) raised OverflowError from round() in the
    # reader, out of validate, reflow and every batch.
    src = tmp_path / "inf.json"
    src.write_text('{"text": " Hi.", "segments": [{"start": 0.0, "end": 1e999, "text": " Hi."}]}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(src)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    first = result.stdout.splitlines()[0]
    assert first == f"{src}:1: parse-error cannot read Whisper segment 1 (found no start or end time)"


def test_fix_moves_a_segments_words_with_its_end(tmp_path: Path) -> None:
    # Why: --fix moved a segment's end but left its last word ending after it.
    doc = {"text": " Hi. Go now.", "segments": [
        {"start": 0.0, "end": 0.3, "text": " Hi.", "words": [_word("Hi.", 0.0, 0.3)]},
        {"start": 0.4, "end": 3.0, "text": " Go now.", "words": [_word("Go", 0.4, 1.0), _word("now.", 1.0, 3.0)]},
    ]}  # fmt: skip
    sub = parse_subtitles(json.dumps(doc), "w.json")
    from subtools.formats import FORMATS

    lines, changes = FORMATS[SubtitleFormat.JSON].rewrite(sub, [json.dumps(doc)], [0, 1], {0: 300, 1: 2000})
    out = json.loads("\n".join(lines))
    assert changes == []
    assert out["segments"][0] == doc["segments"][0]  # not moved: written as it was
    assert out["segments"][1]["end"] == 2.0
    assert [w["end"] for w in out["segments"][1]["words"]] == [1.0, 2.0]


def test_fix_of_word_segments_only_reports_what_it_cannot_move(tmp_path: Path) -> None:
    # Why: on a whisperX file of word_segments only, --fix said it fixed gaps and durations
    # but the edits never reached the document.
    words = [_word("Hi.", 0.0, 0.3), _word("Go", 0.35, 0.5), _word("now.", 0.5, 0.6)]
    src = tmp_path / "wx.json"
    src.write_text(json.dumps({"word_segments": words}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(src), "--fix"])
    assert "Traceback" not in result.output
    assert json.loads(src.read_text(encoding="utf-8")) == {"word_segments": words}
    assert "not retimed: a file of word_segments only has no cue ends to move" in result.stdout
    assert "fixed min-duration" not in result.stdout
