"""TTML (IMSC 1.1 Text) and EBU-TT-D: written, read back, and read by ttconv as the SRT."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import strategies
from conftest import TRANSCRIPTS
from hypothesis import given
from ttconv.imsc.reader import to_model
from ttconv.srt.writer import from_model

from subtools import read_transcript
from subtools.build import CueOptions
from subtools.formats import FORMATS, SubtitleFormat, ebu_tt_d, format_from_content, format_from_path, srt, ttml
from subtools.model import Cue, CueKind, CueTrack, Role
from subtools.pipeline import convert

DOC = """<?xml version="1.0" encoding="ISO-8859-1"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="25">
  <body>
    <div begin="10s">
      <p begin="00:00:01.500" end="00:00:03.000">Caf\u00e9<br/>au <span>lait</span></p>
      <p begin="4s" dur="1.5s">two</p>
      <p begin="00:00:06:05" end="bad">three</p>
    </div>
  </body>
</tt>
"""


def test_registry_sniff_and_extensions() -> None:
    assert FORMATS[SubtitleFormat.TTML] is ttml
    assert FORMATS[SubtitleFormat.EBU_TT_D] is ebu_tt_d
    assert format_from_content(DOC, "") is SubtitleFormat.TTML
    assert format_from_path("x.ttml") is SubtitleFormat.TTML
    assert format_from_path("x.xml") is SubtitleFormat.EBU_TT_D


def test_read_inherits_begin_and_reports_bad_times_at_their_line() -> None:
    sub = ttml.read(DOC, "x.ttml")
    assert [(e.line, e.start_ms, e.end_ms, e.text) for e in sub.entries] == [
        (5, 11500, 13000, "Caf\u00e9\nau lait"),
        (6, 14000, 15500, "two"),
    ]
    assert [(f.line, f.rule) for f in sub.findings] == [(7, "bad-timestamp"), (7, "bad-timestamp")]


def test_broken_xml_is_a_finding_at_its_line() -> None:
    sub = ttml.read('<tt xmlns="http://www.w3.org/ns/ttml"><body><div>\n<p begin="1s" end="2s">a</div></tt>')
    assert [(f.line, f.rule) for f in sub.findings] == [(2, "parse-error")]


def _ttconv_cues(text: str, caplog: pytest.LogCaptureFixture) -> list[tuple[int, int, tuple[str, ...]]]:
    with caplog.at_level(logging.WARNING):
        out = from_model(to_model(ET.ElementTree(ET.fromstring(text.encode("utf-8")))))
    assert [r.getMessage() for r in caplog.records] == []
    return [(c.start_ms, c.end_ms, c.lines) for c in srt.read(out).cues]


@pytest.mark.parametrize("fmt", [SubtitleFormat.TTML, SubtitleFormat.EBU_TT_D], ids=str)
@pytest.mark.parametrize("path", sorted(TRANSCRIPTS.glob("*.txt")), ids=lambda p: p.stem)
def test_ttconv_reads_convert_output_as_the_srt(
    path: Path, fmt: SubtitleFormat, caplog: pytest.LogCaptureFixture
) -> None:
    transcript = read_transcript(path)
    options = CueOptions(headline=True, labels=True)
    srt_text, _ = convert(transcript, SubtitleFormat.SRT, options)
    text, _ = convert(transcript, fmt, options)
    assert _ttconv_cues(text, caplog) == [(c.start_ms, c.end_ms, c.lines) for c in srt.read(srt_text).cues]
    assert ttml.read(text).findings == ()


def test_ebu_tt_d_carries_what_the_profile_requires() -> None:
    track = CueTrack((Cue(0, 1500, ("Title",), kind=CueKind.TITLE, top=True),
                      Cue(1500, 3_723_004, ("한국", "말"), lang="ko", role=Role.REPORTER)))  # fmt: skip
    text = ebu_tt_d.write(track)
    root = ET.fromstring(text.encode("utf-8"))
    ns = {"tt": ttml.NS["tt"], "ebuttm": ttml.NS["ebuttm"]}
    assert root.get(f"{{{ttml.NS['ttp']}}}timeBase") == "media"
    assert root.get(f"{{{ttml.NS['xml']}}}lang") in ("en", "ko")
    assert root.find("tt:head/tt:metadata/ebuttm:documentMetadata/ebuttm:conformsToStandard", ns) is not None
    regions = root.findall("tt:head/tt:layout/tt:region", ns)
    assert {r.get(f"{{{ttml.NS['xml']}}}id") for r in regions} == {"top", "bottom"}
    assert all(re.fullmatch(r"\d+% \d+% ?", r.get(f"{{{ttml.NS['tts']}}}origin", "") + " ") for r in regions)
    ps = root.findall(".//tt:p", ns)
    assert [(p.get("begin"), p.get("end"), p.get("region")) for p in ps] == [
        ("00:00:00.000", "00:00:01.500", "top"), ("00:00:01.500", "01:02:03.004", "bottom"),
    ]  # fmt: skip
    assert [p.get(f"{{{ttml.NS['xml']}}}lang") for p in ps] == ["en", "ko"]
    assert [s.get("style") for s in ps[1].findall("tt:span", ns)] == ["role-reporter", "role-reporter"]
    assert "ttm:agent" not in text


def test_imsc_names_speakers_as_agents() -> None:
    text = ttml.write(CueTrack((Cue(0, 1000, ("Hi",), speaker="Lee Ji-won"),)))
    assert ttml.IMSC11_TEXT in text
    assert '<ttm:agent type="person" xml:id="agent1">' in text
    assert 'ttm:agent="agent1"' in text
    (e,) = ttml.read(text).entries
    assert e.speaker == "agent1"


@given(strategies.tracks(extra="&<>{}"))
def test_write_then_read_gives_the_same_cues(track: CueTrack) -> None:
    for module in (ttml, ebu_tt_d):
        back = module.read(module.write(track), "x.ttml")
        assert back.findings == ()
        assert [(c.start_ms, c.end_ms, c.lines) for c in back.cues] == [(c.start_ms, c.end_ms, c.lines) for c in track]
