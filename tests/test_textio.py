"""Decoding real-world files: BOMs, UTF-16, CP949, line endings, and bad input."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from subtools import ParseError, read_transcript
from subtools.textio import atomic_target, decode_text, path_suffix, split_lines, write_text_atomic

TEXT = "Title line\n한미 외교장관회담 개최\n\nKim Min-ji reports.\nPrices rose on Friday.\nKim Min-ji, Arirang News.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("cp949"), "cp949"),
        (TEXT.encode("euc-kr"), "cp949"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "cp949", "euc-kr"],
)
def test_decodes(data: bytes, encoding: str) -> None:
    assert decode_text(data) == (TEXT, encoding)


def test_line_endings_mixed() -> None:
    assert split_lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"]


def test_same_parse_for_every_encoding_and_ending(tmp_path: Path) -> None:
    results = set()
    for i, data in enumerate(
        [
            TEXT.encode("utf-8"),
            TEXT.replace("\n", "\r\n").encode("cp949"),
            TEXT.replace("\n", "\r").encode("utf-16"),
            TEXT.replace("\n", "\t \n").encode("utf-8-sig"),
        ]
    ):
        path = tmp_path / f"t{i}.txt"
        path.write_bytes(data)
        t = read_transcript(path)
        story = t.stories[0]
        assert story.headline is not None
        results.add((story.headline.text, tuple((s.role, s.speaker, s.text) for s in story.segments)))
    assert len(results) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x.txt: file is empty (found 0 bytes, expected a transcript)"),
        (
            b"PK\x03\x04\x00\x00binary",
            "x.txt:1: binary file, not text (found a NUL byte at offset 4, expected UTF-8, UTF-16 or CP949 text)",
        ),
        (
            b"ok line\n\xff\xfe\xfd bad",
            "x.txt:2: cannot decode text (found byte 0xff, expected UTF-8, UTF-16 with a BOM, or CP949/EUC-KR)",
        ),
        (
            b"Recommended\n  \xe2\x80\xa2 5 years ago\n",
            "x.txt: no speech found (found 2 lines of titles, metadata or page chrome, expected narration)",
        ),
    ],
    ids=["empty", "binary", "undecodable", "no-speech"],
)
def test_bad_input_messages(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    with pytest.raises(ParseError) as info:
        read_transcript(path)
    assert str(info.value) == message.replace("x.txt", str(path))


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.srt"
    target.write_text("old")
    write_text_atomic(target, "new text\n")
    assert target.read_text() == "new text\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.srt"]


@given(st.lists(st.sampled_from(["a", "b.", ".", "..", "x.srt", ".hidden", "tar.gz", " ", ""]), min_size=1, max_size=4))
@example(["report.srt"])
@example(["dir.d", "noext"])
@example([".."])
@example(["x.srt", "a", ".."])
@example(["x.srt", "."])
@example(["a", ""])
def test_path_suffix_is_pathlibs_suffix(parts: list[str]) -> None:
    path = "/".join(parts)
    if path.rstrip("/").endswith(".") and not path.rstrip("/").endswith("/.") and sys.version_info >= (3, 14):
        assert path_suffix(path) == ""  # Python 3.14's pathlib gives "." for "b."; the 3.11-3.13 rule is kept
        return
    assert path_suffix(path) == Path(path).suffix


def test_path_suffix_of_a_name_ending_in_a_dot_is_none() -> None:
    assert [path_suffix(name) for name in ("b.", "a.b.", "x/b.", "b.srt")] == ["", "", "", ".srt"]


def test_atomic_target_writes_beside_the_target_under_its_suffix(tmp_path: Path) -> None:
    # ffmpeg picks its muxer by the temporary file's suffix; the rename is atomic in the same folder.
    target = tmp_path / "clip.final.mp4"
    with atomic_target(target) as tmp:
        assert isinstance(tmp, str)
        assert Path(tmp).parent == tmp_path
        assert tmp.endswith(".mp4")
        assert Path(tmp).name.startswith(".clip.final.mp4.")
        Path(tmp).write_bytes(b"done")
    assert target.read_bytes() == b"done"
    assert [p.name for p in tmp_path.iterdir()] == ["clip.final.mp4"]


@pytest.mark.parametrize(
    "name",
    ["한" * 83 + ".srt", "é" * 125 + ".srt", "a" * 251 + ".srt", "x." + "e" * 252],
    ids=["hangul-253-bytes", "latin-254-bytes", "ascii-255", "suffix-too-long-to-keep"],
)
def test_atomic_write_takes_a_name_at_the_folders_byte_limit(tmp_path: Path, name: str) -> None:
    # Why: the temporary name was cut by characters; the limit (ext4: 255) is in bytes.
    target = tmp_path / name
    write_text_atomic(target, "1\n")
    assert target.read_text() == "1\n"
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_read_file_reads_what_a_file_grew_by_after_its_size_was_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A regular file is read in one call of the size fstat gives; bytes added since are read too.
    import os

    from subtools import textio

    path = tmp_path / "growing.srt"
    path.write_bytes(b"0123456789" * 1000)
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> os.stat_result:
        fields = list(real_fstat(fd))
        fields[6] = 10  # st_size, as it was when the file held its first ten bytes
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", stale_fstat)  # the os module textio uses
    assert textio.read_file(path) == path.read_bytes()
    with textio.input_limit(5000), pytest.raises(ParseError, match="input too large"):
        textio.read_file(path)
