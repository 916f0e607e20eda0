"""The files in which subtools keeps what it compiled, between runs, as Python keeps a
module's bytecode in ``__pycache__``: one file a kind (``patterns``, ``inits``) and
interpreter, in the user's cache directory (``~/.cache/subtools/``; ``SUBTOOLS_CACHE_DIR``
moves it, ``SUBTOOLS_NO_CACHE=1`` turns it off).

Best effort by design: a missing, damaged, unreadable or read-only cache costs the next run
its start-up time, never a command its result. Only the command line writes the files, at
exit; a program that imports the library reads them and never writes.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from typing import Any

__all__ = ["cache_file", "read_cache", "write_cache"]


def cache_file(kind: str, tag: str) -> str | None:
    """The file for ``kind`` on this interpreter (``tag`` says what else its contents
    depend on), or None when caching is off or this is not CPython."""
    if os.environ.get("SUBTOOLS_NO_CACHE") or sys.implementation.name != "cpython":
        return None
    folder = os.environ.get("SUBTOOLS_CACHE_DIR") or os.path.join(_user_cache_dir(), "subtools")
    return os.path.join(folder, f"{kind}-{sys.implementation.cache_tag}-{tag}.marshal")


def _user_cache_dir() -> str:
    if sys.platform == "win32":
        return os.environ.get("LOCALAPPDATA") or os.path.expanduser("~")
    if sys.platform == "darwin":
        return os.path.expanduser("~/Library/Caches")
    return os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")


def read_cache(path: str | None) -> dict[Any, Any]:
    """What the file holds, or an empty dict when it is absent, unreadable or damaged."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as f:
            data = marshal.loads(f.read())  # marshal.load reads a file a few bytes at a time: 14 ms, not 1
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def write_cache(path: str | None, data: dict[Any, Any]) -> bool:
    """Write ``data`` to the file whole or not at all; False when it could not be written."""
    if path is None:
        return False
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as out:
            marshal.dump(data, out)
        os.replace(tmp, path)  # readers see the old file or the new one, never half of one
        return True
    except (OSError, ValueError):  # ValueError: marshal met a value it cannot write
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
