"""SRT: read, write, rewrite and round trip through the format's one module."""

from __future__ import annotations

import pytest
import strategies
from hypothesis import example, given
from hypothesis import strategies as st

from subtools.formats import FORMATS, SubtitleFormat, format_from_content, srt
from subtools.formats.base import source_lines
from subtools.model import Cue, CueTrack

CLEAN = "1\n00:00:01,000 --> 00:00:02,500\nHello <i>there</i>\n\n2\n00:00:03,000 --> 00:00:04,000\n{\\an8}Top\n"


def test_registry_holds_the_module() -> None:
    assert FORMATS[SubtitleFormat.SRT] is srt
    assert format_from_content(CLEAN, "x.srt") is SubtitleFormat.SRT
    assert format_from_content(CLEAN, "") is SubtitleFormat.SRT  # no signature: the fallback


def test_read_gives_lines_times_and_places() -> None:
    sub = srt.read(CLEAN, "x.srt")
    assert [(e.line, e.timing_line, e.start_ms, e.end_ms, e.region) for e in sub.entries] == [
        (1, 2, 1000, 2500, "bottom"),
        (5, 6, 3000, 4000, "top"),
    ]
    assert [c.lines for c in sub.cues] == [("Hello there",), ("Top",)]
    assert sub.findings == ()


def test_read_reports_what_it_cannot_read_and_goes_on() -> None:
    sub = srt.read("1\n00:00:61,000 --> 00:00:62,000\nbad\n\n2\n00:00:03,000 --> 00:00:04,000\nGood\n", "x.srt")
    assert [e.text for e in sub.entries] == ["Good"]
    assert [(f.rule, f.line) for f in sub.findings] == [("bad-timestamp", 2), ("bad-timestamp", 2)]
    assert sub.unreadable == 1


def test_write_labels_top_cues_and_bom() -> None:
    track = CueTrack((Cue(0, 1000, ("Hi",), label="LEE"), Cue(1100, 2000, ("Up",), top=True)))
    text = srt.write(track)
    assert text == "1\n00:00:00,000 --> 00:00:01,000\nLEE: Hi\n\n2\n00:00:01,100 --> 00:00:02,000\n{\\an8}Up\n\n"
    from subtools.formats import WriteOptions

    assert srt.write(track, WriteOptions(bom=True)) == "\ufeff" + text


def test_rewrite_renumbers_and_retimes_only() -> None:
    text = "3\n00:00:01.000 --> 00:00:02,000\nA  \n\n\n\n7\n00:00:03,000 --> 00:00:04,000\nB\n"
    sub = srt.read(text, "x.srt")
    lines, changes = srt.rewrite(sub, source_lines(text), [0, 1], {0: 2000, 1: 3900})
    assert lines == ["1", "00:00:01,000 --> 00:00:02,000", "A", "", "2", "00:00:03,000 --> 00:00:03,900", "B"]
    assert {c.rule for c in changes} == {"bad-index", "nonstandard-timestamp", "trailing-whitespace"}


@given(strategies.tracks(extra="&"))
def test_write_then_read_gives_the_same_cues(track: CueTrack) -> None:
    back = srt.read(srt.write(track), "x.srt")
    assert back.findings == ()
    assert [(c.start_ms, c.end_ms, c.lines) for c in back.cues] == [(c.start_ms, c.end_ms, c.lines) for c in track]


def test_stamps_ms_reads_every_field_and_long_hours() -> None:
    long_hours = ((123 * 60 + 59) * 60 + 59) * 1000 + 999
    timings = ["00:00:01,000 --> 00:00:02,500", "01:02:03,004 --> 123:59:59,999"]
    assert srt.stamps_ms(timings) == ([1000, 3_723_004], [2500, long_hours])
    # Two-digit hours throughout: each line read as one number.
    timings = ["00:00:01,000 --> 00:00:02,500", "01:02:03,004 --> 99:59:59,999", "23:59:00,000 --> 00:00:00,001"]
    assert srt.stamps_ms(timings) == ([1000, 3_723_004, 86_340_000], [2500, 359_999_999, 1])


_BLOCKS = (
    "{n}\n00:00:{s:02d},000 --> 00:00:{s:02d},500\nHello\n",
    "{n}\n00:00:{s:02d},100 --> 00:01:00,000\n{{\\an8}}Up\n  two  \n\n",
)


def test_clean_chunks_read_as_the_careful_rows_do(monkeypatch: pytest.MonkeyPatch) -> None:
    # A chunk of well-formed cues is read column by column; one line that is not (here a
    # note before the first cue, or a cue without text) sends its chunk through the
    # row-by-row loop instead. Both must give the same entries, numbers and lines.
    body = "\n".join(_BLOCKS[k % 2].format(n=k + 1, s=k % 60) for k in range(30))
    with monkeypatch.context() as m:
        m.setattr(srt, "_add_rows", None)  # the column path only: the row loop would fail
        clean = srt.read(body, "x.srt")
    rows = srt.read("note\n\n" + body, "x.srt")
    assert len(clean.entries) == 30
    assert [e._replace(line=e.line + 2, timing_line=e.timing_line + 2) for e in clean.entries] == list(rows.entries)
    assert [(e.line, e.region, e.text) for e in clean.entries[:3]] == [
        (1, "bottom", "Hello"),
        (5, "top", "{\\an8}Up\n  two  "),
        (11, "bottom", "Hello"),
    ]
    assert [f.rule for f in rows.findings] == ["parse-error"]
    empty = srt.read(body + "\n31\n00:00:31,000 --> 00:00:31,900\n\n32\n00:00:32,000 --> 00:00:33,000\nEnd\n", "x.srt")
    assert list(empty.entries[:30]) == list(clean.entries)
    assert [(e.number, e.line, e.text, e.end_ms) for e in empty.entries[30:]] == [
        (31, 151, "", 31900),
        (32, 154, "End", 33000),
    ]


def test_numbers_and_stamps_in_other_digits_read_as_ascii_ones() -> None:
    # The column path takes ASCII digits only; a cue numbered or timed in other decimal
    # digits (Arabic-Indic here) goes to the careful reader, which reads it the same.
    ascii_text = "\n".join(_BLOCKS[0].format(n=k + 1, s=k) for k in range(6))
    arabic = ascii_text.replace("3\n00:00:02,000", "\u0663\n00:00:0\u0662,\u0660\u0660\u0660")
    assert arabic != ascii_text
    read_ascii, read_arabic = srt.read(ascii_text, "x.srt"), srt.read(arabic, "x.srt")
    assert read_arabic.findings == read_ascii.findings == ()
    assert [e._replace(ident=None) for e in read_arabic.entries] == [e._replace(ident=None) for e in read_ascii.entries]
    assert read_arabic.entries[2].ident == "\u0663"


def test_a_clean_file_keeps_its_entries_as_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    from subtools.formats.base import EntryTable

    body = "\n".join(_BLOCKS[k % 2].format(n=k + 1, s=k % 60) for k in range(30))
    clean = srt.read(body, "x.srt")
    table = clean.entries
    assert isinstance(table, EntryTable)
    # One entry asked for is made alone, and is the entry the whole table holds.
    one, last = table[4], table[-1]
    assert table._made is None
    made = tuple(table)
    assert (one, last) == (made[4], made[-1])
    assert table == made
    assert made == table
    assert hash(table) == hash(made)
    assert table[2:4] == made[2:4]
    assert pickle.loads(pickle.dumps(table)) == made
    with pytest.raises(IndexError):
        table[30]
    # Chunks of a few cues: a chunk the careful reader had (the note) turns the clean ones
    # before and after it into entries, numbered on.
    monkeypatch.setattr(srt._srt_chunks, "__defaults__", (60,))
    mixed = srt.read(body.replace("\n\n7\n", "\n\nnote\n\n7\n"), "x.srt")
    assert not isinstance(mixed.entries, EntryTable)
    assert mixed.columns is None
    assert [e.number for e in mixed.entries] == list(range(1, 31))
    assert [e.text for e in mixed.entries] == [e.text for e in made]
    assert [e.line for e in mixed.entries[7:]] == [e.line + 2 for e in made[7:]]


# Pieces of one-line cues, well-formed or nearly: the split-by-lines reader must take
# exactly the chunks _SRT_SCAN reads as clean cues, and read them the same.
_IDENTS = st.sampled_from(["1", "27", "", " 3", "4 ", "\u0663", "x", "0"])
_TIMINGS = st.sampled_from([
    "00:00:01,000 --> 00:00:02,500", "01:59:59,999 --> 02:00:00,000", "123:00:00,000 --> 123:00:01,000",
    "00:60:00,000 --> 00:60:01,000", "00:00:61,000 --> 00:00:62,000", "00:00:01.000 --> 00:00:02,000",
    "00:00:01,000 --> 00:00:02,500 ", "00:00:01,000-->00:00:02,500", "0:00:01,000 --> 0:00:02,500",
    "00:00:0\u0662,000 --> 00:00:03,000", "00:00:05,000 --> 00:00:04,000",
])  # fmt: skip
_ONE = "00:00:01,000 --> 00:00:02,500"
_CLEAN_TIMINGS = {"00:00:01,000 --> 00:00:02,500", "01:59:59,999 --> 02:00:00,000", "00:00:05,000 --> 00:00:04,000"}
_BODIES = st.sampled_from(["Hello", "  lead", "trail ", "", "   ", "a --> b", "\x1c", "{\\an8}Up", "<i>x</i>", "9"])
_AFTER = st.sampled_from(["", "", "", " ", "\n", "\nnote", "\ntwo lines"])


@given(st.lists(st.tuples(_IDENTS, _TIMINGS, _BODIES, _AFTER), min_size=1, max_size=12), st.booleans(), st.booleans())
@example([("1", _ONE, "Hello", ""), ("", _ONE, "x", "")], False, False)  # a cue without its number
@example([("1", _ONE, "Hello", "")] * 3, False, True)
def test_one_line_rows_read_as_the_scan_does(
    cues: list[tuple[str, str, str, str]], last_blank: bool, small_chunks: bool
) -> None:
    text = "\n".join(f"{ident}\n{timing}\n{body}{after}\n" for ident, timing, body, after in cues)
    text += "\n" if last_blank else ""
    taken: list[bool] = []
    one_line_rows = srt._one_line_rows

    def spy(part: str) -> srt._Rows | None:
        rows = one_line_rows(part)
        taken.append(rows is not None)
        return rows

    with pytest.MonkeyPatch.context() as m:
        if small_chunks:
            m.setattr(srt._srt_chunks, "__defaults__", (40,))
        m.setattr(srt, "_one_line_rows", spy)
        fast = srt.read(text, "x.srt")
        m.setattr(srt, "_one_line_rows", lambda _part: None)  # every chunk through _SRT_SCAN
        scanned = srt.read(text, "x.srt")
    assert fast == scanned
    assert list(fast.entries) == list(scanned.entries)
    assert (fast.columns is None) == (scanned.columns is None)
    clean = all(i.isdigit() and i.isascii() and t in _CLEAN_TIMINGS and b.strip() and "-->" not in b and not a
                for i, t, b, a in cues)  # fmt: skip
    if clean and not small_chunks:  # one chunk, all of it clean one-line cues: read by lines
        assert taken == [True]


def test_one_line_rows_take_a_clean_asr_chunk_and_leave_the_rest() -> None:
    clean = "1\n00:00:01,000 --> 00:00:02,500\nhello there\n\n2\n00:00:03,000 --> 00:00:04,000\nagain\n"
    rows = srt._one_line_rows(clean)
    assert rows is not None
    assert rows.idents == ["1", "2"]
    assert rows.bodies == ["hello there", "again"]
    assert rows.blank_lines == [1, 0]
    assert srt._one_line_rows(clean + "\n") is not None
    for other in (clean.replace("again", "again\nmore"), clean.replace(",000 -->", ".000 -->"),
                  clean.replace("2\n00:00:03", "2 \n00:00:03"), clean.replace("00:03,", "00:63,"),
                  clean + "\n\n", clean.replace("\n\n", "\n \n")):  # fmt: skip
        assert srt._one_line_rows(other) is None
