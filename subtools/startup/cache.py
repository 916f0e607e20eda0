"""The files in which subtools keeps what it compiled, between runs, as Python keeps a
module's bytecode in ``__pycache__``: one file a kind (``patterns``, ``inits``) and
interpreter, in the user's cache directory (``~/.cache/subtools/`` on Linux, the platform's
cache folder elsewhere; ``SUBTOOLS_CACHE_DIR`` moves it, ``SUBTOOLS_NO_CACHE=1`` turns it off).

Best effort by design: a missing, damaged, unreadable or read-only cache costs the next run
its start-up time, never a command its result. Only the command line writes the files, at
exit; a program that imports the library reads them and never writes. A file holds a CRC-32
of what follows it (a damaged byte would otherwise run as a wrong ``__init__`` or a wrong
pattern: the review of the cache found both), and a file that another user owns, or that
others may write, is not read (it would run their code as this user).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
import sys
import zlib
from collections.abc import Callable
from typing import Any

__all__ = ["Store", "cache_file", "read_cache", "save_all", "write_cache"]

_CRC_BYTES = 4
# A store grows only when subtools' own patterns or classes change (a new release); past
# this many entries its file is written anew with only what the saving process used.
_MAX_ENTRIES = 2000
_STORES: list[Store] = []  # every store made in this process, for save_all


def cache_file(kind: str, tag: str) -> str | None:
    """The file for ``kind`` on this interpreter (its exact version: ``tag`` says what else
    the contents depend on), or None when caching is off or impossible."""
    if os.environ.get("SUBTOOLS_NO_CACHE", "0") not in ("", "0") or sys.implementation.name != "cpython":
        return None
    folder = os.environ.get("SUBTOOLS_CACHE_DIR") or _user_cache_dir()
    if folder is None:
        return None
    name = f"{kind}-{sys.implementation.cache_tag}-{sys.hexversion:x}-{tag}.marshal"
    return os.path.join(folder, name)


def _user_cache_dir() -> str | None:
    """The platform's cache folder for subtools, or None with no home to put it in (a
    service account without HOME: ``~`` would stay a relative folder of the working one)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~")
    elif sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "subtools") if os.path.isabs(base) else None


def read_cache(path: str | None) -> dict[Any, Any]:
    """What the file holds, or an empty dict when it is absent, unreadable, damaged or not
    the user's own."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as f:
            if not _trusted(os.fstat(f.fileno())):
                return {}
            raw = f.read()  # marshal.load reads a file a few bytes at a time: 14 ms, not 1
        crc, payload = int.from_bytes(raw[:_CRC_BYTES], "little"), raw[_CRC_BYTES:]
        if zlib.crc32(payload) != crc:  # damaged, or shorter than the CRC
            return {}
        data = marshal.loads(payload)
    except Exception:  # marshal raises SystemError too on some damage: any failure is a miss
        return {}
    return data if isinstance(data, dict) else {}


def _trusted(st: os.stat_result) -> bool:
    if sys.platform == "win32":
        return True  # no owner bits to go by; the folder is the user's LOCALAPPDATA
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write_cache(path: str | None, data: dict[Any, Any]) -> bool:
    """Write ``data`` to the file whole or not at all; False when it could not be written."""
    if path is None:
        return False
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        payload = marshal.dumps(data)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        with open(fd, "wb") as out:
            out.write(zlib.crc32(payload).to_bytes(_CRC_BYTES, "little") + payload)
        os.replace(tmp, path)  # readers see the old file or the new one, never half of one
        return True
    except (OSError, ValueError):  # ValueError: marshal met a value it cannot write
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False


class Store:
    """One kind of compiled work kept between runs: what its file holds (read at the first
    lookup), what this process used of it or added to it, and whether any of that is new."""

    def __init__(self, path: Callable[[], str | None]) -> None:
        self.path = path  # the file, found when it is first needed (the environment may change)
        self._stored: dict[Any, Any] | None = None
        self.used: dict[Any, Any] = {}
        self.unsaved = False
        _STORES.append(self)

    def get(self, key: Any) -> Any:
        """What the file holds for ``key``, or None."""
        if self._stored is None:
            self._stored = read_cache(self.path())
        return self._stored.get(key)

    def keep(self, key: Any, value: Any) -> None:
        """``value`` is what this process used for ``key``; the file is to hold it too."""
        self.used[key] = value
        if self.get(key) != value:  # new, or a damaged entry to write over
            self.unsaved = True

    def save(self) -> None:
        """Write the file if this process used anything it does not hold."""
        if not self.unsaved:
            return
        merged = {**(self._stored or {}), **self.used}
        if write_cache(self.path(), merged if len(merged) <= _MAX_ENTRIES else dict(self.used)):
            self.unsaved = False


def save_all() -> None:
    """Save every store this process made (the command line, at exit)."""
    for store in _STORES:
        store.save()
