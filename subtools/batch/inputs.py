"""Inputs of a batch run: files, folders (recursive) and globs, each with the path its
output takes under the output folder."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from subtools.errors import UnknownFormatError
from subtools.startup.records import value_class

# pathlib is imported where folders and globs are walked: validate of files named one by
# one needs none of it (5 ms of its start-up).
if TYPE_CHECKING:
    from pathlib import Path, PurePath

__all__ = ["BatchInput", "collect_inputs", "collect_subtitle_paths"]


@value_class
class BatchInput:
    """One input file: ``path`` as found (a missing file is reported by the run) and
    ``relative``, its path under the folder or glob base it was found in."""

    path: Path
    relative: PurePath


def _visible_files(folder: str | Path) -> Iterator[Path]:
    from pathlib import Path

    # Hidden files and folders (.git, editors' swap files, our own manifest and temporary
    # files) are not inputs; the order is sorted so runs and reports are repeatable.
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _glob_base(pattern: str) -> Path:
    """The folder a glob's matches are relative to: its parts before the first wildcard."""
    from pathlib import Path, PurePath

    parts: list[str] = []
    for part in PurePath(pattern).parts:
        if glob.has_magic(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def _expand(pattern: str, wanted: Callable[[Path], bool]) -> Iterator[BatchInput]:
    from pathlib import Path, PurePath

    path = Path(pattern)
    if path.is_dir():
        for file in filter(wanted, _visible_files(path)):
            yield BatchInput(file, file.relative_to(path))
    elif path.exists() or not glob.has_magic(pattern):
        yield BatchInput(path, PurePath(path.name))
    else:
        base = _glob_base(pattern)
        for match in sorted(glob.glob(pattern, recursive=True)):
            found = Path(match)
            if found.is_dir():
                for file in filter(wanted, _visible_files(found)):
                    yield BatchInput(file, file.relative_to(base))
            elif not found.name.startswith(".") and wanted(found):
                yield BatchInput(found, found.relative_to(base))


def collect_inputs(patterns: Iterable[str], wanted: Callable[[Path], bool] | None = None) -> list[BatchInput]:
    """Every input file of ``patterns``, in order, each once.

    A folder gives every visible file under it (recursively), relative to the folder; a glob
    (``reports/**/*.txt``) its matches relative to the part before the first wildcard; a file
    its name. ``wanted`` picks among the files a folder or glob finds (a file named on the
    command line is always taken, so that its job says what is wrong with it). A path that
    does not exist is kept, so the run reports it.
    """
    wanted = wanted or (lambda _file: True)
    seen: set[str] = set()
    out: list[BatchInput] = []
    for pattern in patterns:
        for item in _expand(pattern, wanted):
            key = os.path.realpath(item.path)
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out


def collect_subtitle_paths(paths: Iterable[str], extensions: frozenset[str]) -> list[str]:
    """``validate``'s files: a folder becomes the files under it whose extension is a subtitle
    format's; any other path (a file, ``-``) is kept as given.

    Raises UnknownFormatError for a folder holding no subtitle file: a linter pointed at
    the wrong folder must not pass it as clean (a script would read exit 0 as "checked").
    """
    out: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            files = list(_visible_files(path))
            found = [str(f) for f in files if f.suffix.lower() in extensions]
            if not found:
                kinds = f"{len(files)} file{'' if len(files) == 1 else 's'} of other kinds" if files else "nothing"
                raise UnknownFormatError(
                    f"no subtitle file in this folder (found {kinds}, expected names ending "
                    f"{', '.join(sorted(extensions))})",
                    path,
                )
            out.extend(found)
        else:
            out.append(path)
    return out
