"""The pattern cache (subtools.startup.patterns): a pattern from the cache is the pattern ``re`` compiles,
and a missing, damaged or unwritable cache changes nothing but the start-up time."""

from __future__ import annotations

import linecache
import marshal
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from subtools import read_transcript
from subtools.build import build_cues
from subtools.startup import patterns
from subtools.startup.cache import Store, read_cache

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"
SEED = FIXTURES / "arirang-lee-ji-won.txt"


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The module as a new process finds it, its cache in ``tmp_path``."""
    monkeypatch.setenv("SUBTOOLS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SUBTOOLS_NO_CACHE", raising=False)
    _restart(monkeypatch)
    return tmp_path


@pytest.fixture(scope="module")
def subtools_patterns() -> list[tuple[str, int]]:
    """Every pattern subtools compiles at import and while converting every fixture (set up
    before ``fresh``, which forgets them: pytest sets up wider-scoped fixtures first)."""
    for path in sorted(FIXTURES.glob("*.txt")):
        build_cues(read_transcript(path))
    return list(patterns._in_process)


def _restart(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process compiled, as the next process would."""
    monkeypatch.setattr(patterns, "_in_process", {})
    monkeypatch.setattr(patterns, "_store", Store(patterns.cache_path))


def test_every_cached_pattern_equals_what_re_compiles(
    subtools_patterns: list[tuple[str, int]], fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = subtools_patterns
    assert len(keys) > 150  # the parser's, the line breaker's and the language tests' patterns
    for pattern, flags in keys:
        patterns.compile_pattern(pattern, flags)
    patterns._store.save()
    assert patterns.cache_path() is not None
    _restart(monkeypatch)

    def no_compiling(pattern: str, flags: int) -> None:
        raise AssertionError(f"compiled, not read from the cache: {pattern!r}")

    monkeypatch.setattr(patterns, "_entry_of", no_compiling)
    for pattern, flags in keys:
        # == compares the pattern, the flags and the compiled code
        assert patterns.compile_pattern(pattern, flags) == re.compile(pattern, flags), pattern


def test_same_arguments_give_the_same_object(fresh: Path) -> None:
    first = patterns.compile_pattern(r"(?P<who>[가-힣]{2,4})\s*기자", re.I)
    assert patterns.compile_pattern(r"(?P<who>[가-힣]{2,4})\s*기자", re.I) is first
    assert first.match("김민지 기자") is not None
    assert first.groupindex == {"who": 1}


def _framed(payload: bytes) -> bytes:
    """A cache file's bytes: the CRC-32 of the payload, then the payload."""
    return zlib.crc32(payload).to_bytes(4, "little") + payload


@pytest.mark.parametrize(
    "damage",
    [
        b"",  # an empty file (a disk that filled up mid-write elsewhere)
        b"\x00not marshal at all",
        _framed(marshal.dumps({("a+", 0): (0, b"", 0, {}, (None,))}))[:-3],  # cut short: the CRC fails
        _framed(b"\x00not marshal at all"),  # a right CRC of what marshal cannot read
        _framed(marshal.dumps(["a list, not a dict"])),
        _framed(marshal.dumps({("a+", 0): "not an entry"})),
        _framed(marshal.dumps({("a+", 0): (0, b"\x01\x00\x00\x00\x02\x00\x00\x00", 0, {}, (None,))})),  # bad code
        _framed(marshal.dumps({("a+", 0): (0, [1, 2, 3], 0, {}, (None,))})),  # the lists of an older version
        _framed(marshal.dumps({("a+", 0): (0, b"", 0, {}, (None,))})),
    ],
    ids=["empty", "garbage", "short", "right-crc-garbage", "list", "bad-entry", "bad-code", "old-form", "no-code"],
)
def test_a_damaged_cache_only_costs_compiling(fresh: Path, damage: bytes) -> None:
    path = patterns.cache_path()
    assert path is not None
    Path(path).write_bytes(damage)
    compiled = patterns.compile_pattern("a+")
    assert compiled == re.compile("a+")
    assert compiled.fullmatch("aaa") is not None
    patterns._store.save()  # the damaged file is written over, so the next start reads "a+"
    assert read_cache(path)[("a+", 0)][1] == patterns._entry_of("a+", 0)[1]


@pytest.mark.skipif(sys.platform == "win32", reason="owner and mode bits are POSIX")
def test_a_cache_file_others_may_write_is_not_read(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = patterns.cache_path()
    assert path is not None
    patterns.compile_pattern("a+")
    patterns._store.save()
    assert read_cache(path)  # the user's own file is read
    os.chmod(path, 0o666)  # anyone may write it: what it holds could be anyone's
    assert read_cache(path) == {}


def test_a_cache_that_cannot_be_written_is_no_error(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = fresh / "a-file-not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("SUBTOOLS_CACHE_DIR", str(blocker / "cache"))
    patterns.compile_pattern("b+")
    patterns._store.save()  # must not raise
    assert not (blocker / "cache").exists()
    assert [p.name for p in fresh.iterdir()] == [blocker.name]  # no temporary file left behind


def test_no_cache_turns_it_off(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUBTOOLS_NO_CACHE", "1")
    assert patterns.cache_path() is None
    patterns.compile_pattern("c+")
    patterns._store.save()
    assert list(fresh.iterdir()) == []


def test_nothing_new_writes_nothing(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterns.compile_pattern("d+")
    patterns._store.save()
    path = Path(str(patterns.cache_path()))
    before = path.stat().st_mtime_ns
    os.utime(path, ns=(before - 10**9, before - 10**9))
    _restart(monkeypatch)
    patterns.compile_pattern("d+")
    patterns._store.save()
    assert path.stat().st_mtime_ns == before - 10**9


def test_the_command_line_writes_the_cache_and_reads_it_back(tmp_path: Path) -> None:
    env = {**os.environ, "SUBTOOLS_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("SUBTOOLS_NO_CACHE", None)
    outs = []
    for n in range(2):
        out = tmp_path / f"seed{n}.srt"
        subprocess.run([sys.executable, "-m", "subtools", "convert", str(SEED), "-o", str(out)], env=env, check=True)
        outs.append(out.read_bytes())
        if n == 0:
            assert list((tmp_path / "cache").glob("patterns-*.marshal"))  # written by the first run
    assert outs[0] == outs[1]


def test_a_warm_start_compiles_only_patterns_that_hold_a_transcripts_words(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every pattern the parser and the line breaker use comes from the cache once it is warm;
    only a pattern built around a transcript's own words (a speaker's name, passed through
    ``re.escape``) is compiled by ``re``, so that no news text is written to the cache."""
    fixtures = sorted(FIXTURES.glob("*.txt"))
    for path in fixtures:
        build_cues(read_transcript(path))
    patterns._store.save()
    _restart(monkeypatch)
    re.purge()  # re's own cache would hide a pattern that bypasses ours
    package = str(Path(patterns.__file__).parents[1])  # subtools/
    compiled_at: set[tuple[str, int]] = set()
    real = re._compiler.compile  # type: ignore[attr-defined]

    def spy(pattern: object, flags: int = 0) -> object:
        frame = sys._getframe(1)
        while frame is not None and not frame.f_code.co_filename.startswith(package):
            frame = frame.f_back  # type: ignore[assignment]
        if frame is not None:
            compiled_at.add((frame.f_code.co_filename, frame.f_lineno))
        return real(pattern, flags)

    monkeypatch.setattr("re._compiler.compile", spy)
    for path in fixtures:
        build_cues(read_transcript(path))
    sources = {f"{Path(name).name}:{line}: {linecache.getline(name, line).strip()}" for name, line in compiled_at}
    assert compiled_at  # the fixtures do name speakers in such patterns: the spy sees them
    assert all("re.escape" in source for source in sources), sorted(sources)
