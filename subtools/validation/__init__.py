"""``validate``: read subtitle files, check them against a profile, report like a linter.

The modules: ``limits`` (options, overrides, thresholds), ``config`` (``[tool.subtools]``
and :func:`resolve_options`), ``columns`` (a file's cues as columns), ``checks`` (one
function per rule id, and the driver), ``fixes`` (``--fix``), ``report`` (FileReport and
the text/JSON forms).
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, ParamSpec, TypeVar

from subtools.errors import ParseError
from subtools.validation.config import resolve_options
from subtools.validation.limits import ValidateOptions

# The checks, the readers and the report are imported when a file is validated, not with
# the package: convert and reflow read their options here (resolve_options) and need none
# of them (issue 14's start-up).
if TYPE_CHECKING:
    from pathlib import Path

    from subtools.formats import SubtitleFormat
    from subtools.formats.base import SubtitleFile
    from subtools.validation.report import FileReport, format_json, format_text, stream_json, stream_text

__all__ = [
    "FileReport",
    "ValidateOptions",
    "fix_and_validate",
    "format_json",
    "format_text",
    "paused_gc",
    "report_file",
    "resolve_options",
    "stream_json",
    "stream_text",
    "validate",
    "validate_paths",
    "validate_stdin",
    "validate_text",
]


_P = ParamSpec("_P")
_R = TypeVar("_R")


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused for the block. Reading and checking a file
    makes a few objects per cue and per finding (entries, columns, findings), none of them
    in a cycle, so the collector frees nothing, yet it walks every live object again
    each time enough new ones pile up: on a 100,000-cue file with 80,000 findings it was
    40 % of validate's time. Reference counting still frees everything as before. The pause
    is process-wide: in a program with other threads, their cycles wait until the block
    ends (a collector a caller has switched off stays off)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _without_gc(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """``func`` run under :func:`paused_gc`."""

    @functools.wraps(func)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with paused_gc():
            return func(*args, **kwargs)

    return paused


def __getattr__(name: str) -> Any:
    if name in ("FileReport", "format_json", "format_text", "stream_json", "stream_text"):
        from importlib import import_module

        return getattr(import_module("subtools.validation.report"), name)
    raise AttributeError(f"module 'subtools.validation' has no attribute {name!r}")


@_without_gc
def report_file(sub: SubtitleFile, options: ValidateOptions | None = None) -> FileReport:
    """Check an already-read file."""
    from subtools.validation.checks import check_table
    from subtools.validation.report import FileReport

    return FileReport(sub.source, sub.format, sub.encoding, len(sub.entries), check_table(sub, options))


def _unreadable(path: str, err: ParseError) -> FileReport:
    # A file that cannot be read at all (missing, binary, undecodable) is one finding,
    # so a batch run goes on with the other files.
    from subtools.findings import Finding, Severity
    from subtools.formats import format_from_content
    from subtools.validation.report import FileReport

    finding = Finding("parse-error", Severity.ERROR, err.line, None, err.message)
    return FileReport(path, format_from_content("", path), "unknown", 0, (finding,))


@_without_gc
def validate(path: str | Path, options: ValidateOptions | None = None, encoding: str | None = None) -> FileReport:
    """Validate one SRT, WebVTT or ASS file (the format from its content, then its name;
    the encoding as named, else detected)."""
    from subtools.formats import read_subtitles

    try:
        sub = read_subtitles(path, encoding=encoding)
    except ParseError as err:
        return _unreadable(str(path), err)
    return report_file(sub, options)


@_without_gc
def validate_stdin(data: bytes, options: ValidateOptions | None = None, encoding: str | None = None) -> FileReport:
    """Validate the bytes of standard input, reported as ``<stdin>``."""
    from subtools.formats import parse_subtitles
    from subtools.textio import decode_text

    try:
        text, encoding = decode_text(data, "<stdin>", encoding)
    except ParseError as err:
        return _unreadable("<stdin>", err)
    return report_file(parse_subtitles(text, "<stdin>", encoding=encoding), options)


def _validate_stream(stdin: BinaryIO | None, options: ValidateOptions | None, encoding: str | None) -> FileReport:
    from subtools.textio import read_limited

    try:
        data = read_limited(stdin, "<stdin>") if stdin is not None else b""
    except ParseError as err:  # too large: reported like any unreadable file
        return _unreadable("<stdin>", err)
    return validate_stdin(data, options, encoding)


@_without_gc
def fix_and_validate(
    path: str | Path,
    options: ValidateOptions | None = None,
    *,
    fix: bool = False,
    backup: bool = True,
    encoding: str | None = None,
) -> FileReport:
    """Validate ``path``; with ``fix``, first apply the safe fixes and rewrite it atomically.

    The original bytes are kept as ``path.bak`` unless ``backup`` is false; an existing
    backup is never replaced (the next is ``path.bak.1``, then ``.2``…). The findings are
    those of the file as it is afterwards.

    Raises:
        ExportError: the fixed file or its backup cannot be written.
    """
    if not fix:
        return validate(path, options, encoding)
    from subtools.formats import parse_subtitles
    from subtools.textio import decode_text, read_file, write_backup, write_text_atomic
    from subtools.validation.checks import check_table
    from subtools.validation.report import FileReport

    name = str(path)
    try:
        data = read_file(path)
        text, encoding = decode_text(data, name, encoding)
    except ParseError as err:
        return _unreadable(name, err)
    from subtools.validation.fixes import fix_text  # only --fix needs the rewriters

    options = options or ValidateOptions()
    result = fix_text(text, name, options, encoding=encoding)
    backup_name = None
    if result.text is not None:
        if backup:
            backup_name = write_backup(path, data)
        write_text_atomic(path, result.text)
        text, encoding = result.text, "utf-8"
    sub = parse_subtitles(text, name, encoding=encoding)
    findings = check_table(sub, options)
    return FileReport(name, sub.format, encoding, len(sub.entries), findings, result.changes, result.refused,
                      backup_name)  # fmt: skip


@_without_gc
def validate_text(
    text: str, source: str = "<string>", options: ValidateOptions | None = None, fmt: SubtitleFormat | None = None
) -> FileReport:
    """Validate subtitle text held in memory (encoding taken as UTF-8)."""
    from subtools.formats import parse_subtitles

    return report_file(parse_subtitles(text, source, fmt), options)


def validate_paths(
    paths: Iterable[str],
    options: ValidateOptions | None = None,
    *,
    fix: bool = False,
    backup: bool = True,
    stdin: BinaryIO | None = None,
    encoding: str | None = None,
) -> list[FileReport]:
    """One report per path, in order: ``-`` is the bytes of ``stdin`` (never fixed), any
    other path a file, fixed first with ``fix`` (see :func:`fix_and_validate`); ``encoding``
    names the text encoding instead of detecting it."""
    reports = []
    for path in paths:
        if path == "-":
            reports.append(_validate_stream(stdin, options, encoding))
        else:
            reports.append(fix_and_validate(path, options, fix=fix, backup=backup, encoding=encoding))
    return reports
