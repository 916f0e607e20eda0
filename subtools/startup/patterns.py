"""Regular expressions compiled once, and kept compiled between runs.

Why this module exists: the parser, the line breaker and the language tests hold about 170
regular expressions. ``re`` compiles in pure Python, and it expands a character class such as
``[가-힣]`` one code point at a time (11,172 for the Hangul syllables alone), so a ``subtools
convert`` process spent about 45 ms of its 170 ms compiling patterns before it read a byte —
issue 14 asks for start-up within 1.3x of importing click, srt and pysubs2. Python keeps
compiled patterns only for the life of a process and cannot pickle them (unpickling compiles
again), and no well-kept library does this job: google-re2 compiles fast but has none of the
lookarounds the parser needs, and ``regex`` compiles in Python too. So this module keeps what
sre's compiler produced — a pattern's code, a list of ints — in a file in the user's cache
directory, as Python keeps a module's bytecode in ``__pycache__``, and hands that code back to
``_sre.compile`` on the next start.

That leans on CPython's internals (``re._parser``, ``re._compiler``, ``_sre``), so every step is
guarded: the file's name holds the interpreter's cache tag and sre's MAGIC and CODESIZE, so
another Python never reads it; ``_sre`` validates any code it is given; any failure, reading
the file or compiling from it, falls back to ``re.compile``, which gives the same pattern
(``tests/test_patterns.py`` compares them with ``==``, which compares the code). Only the
command line writes the file (``cache.save_all``), never a program that imports the
library. ``SUBTOOLS_CACHE_DIR`` moves the cache; ``SUBTOOLS_NO_CACHE=1`` turns it off.

A pattern built around a transcript's own words (a speaker's name, through ``re.escape``)
is compiled by ``re`` and never kept, so that no news text reaches the cache.
"""

from __future__ import annotations

import re
from array import array
from typing import Any

from subtools.startup.cache import Store, cache_file

try:
    import _sre  # type: ignore[import-not-found]  # CPython's regex engine: no stubs
except ImportError:  # another Python: patterns compile as re does, uncached
    _sre = None

# (pattern, flags) -> the arguments _sre.compile takes after the pattern: flags, code,
# groups, groupindex, indexgroup. The code is kept as the bytes of an array of sre's code
# words: marshal reads bytes in one copy, a list int by int (the ~58,000 words of the
# cache took 1.4 ms to read as a list, 0.2 ms as bytes, under load).
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_WORD = "I"
# In the file's name: a version of subtools that kept lists (or a later change of form)
# has a file of its own, instead of two versions run in turn writing over each other's.
_FORMAT = "b"

_Key = tuple[str, int]

_in_process: dict[_Key, re.Pattern[str]] = {}


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when it holds the pattern.

    Calls with the same arguments return the same object, as ``re``'s own cache does, so a
    pattern written inside a function costs a dictionary lookup after its first use."""
    key = (pattern, int(flags))
    compiled = _in_process.get(key)
    if compiled is None:
        compiled = _in_process[key] = _load_or_compile(key)
    return compiled


def _load_or_compile(key: _Key) -> re.Pattern[str]:
    entry = _store.get(key)
    if entry is not None:
        try:
            compiled = _sre_compile(key[0], entry)
        except Exception:  # a damaged file, or a Python whose sre changed: compile afresh
            compiled = None
        if compiled is not None:
            _store.keep(key, entry)
            return compiled
    return _compile_and_keep(key)


def cache_path() -> str | None:
    """The cache file for this interpreter, or None when caching is off or impossible."""
    if _sre is None or array(_WORD).itemsize != getattr(_sre, "CODESIZE", None):
        return None  # no sre, or its code words are not what the array holds: no cache
    try:
        tag = f"{_sre.MAGIC}-{_sre.CODESIZE}-{_FORMAT}"
    except AttributeError:
        return None
    return cache_file("patterns", tag)


_store = Store(cache_path)


def _compile_and_keep(key: _Key) -> re.Pattern[str]:
    """Compile as ``re.compile`` does, keeping the code the cache needs."""
    pattern, flags = key
    try:
        entry = _entry_of(pattern, flags)
        compiled = _sre_compile(pattern, entry)
    except Exception:  # internals not as expected: the pattern still compiles, uncached
        return re.compile(pattern, flags)
    _store.keep(key, entry)
    return compiled


def _entry_of(pattern: str, flags: int) -> _Entry:
    """What ``re._compiler.compile`` hands ``_sre.compile``, in the same steps (CPython 3.11-3.13)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed: Any = _parser.parse(pattern, flags)
    code = array(_WORD, _compiler._code(parsed, flags)).tobytes()
    groupindex: dict[str, int] = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _sre_compile(pattern: str, entry: _Entry) -> re.Pattern[str]:
    final_flags, code, groups, groupindex, indexgroup = entry
    words = array(_WORD)
    words.frombytes(code)
    compiled: re.Pattern[str] = _sre.compile(pattern, final_flags, words.tolist(), groups, groupindex, indexgroup)
    return compiled
