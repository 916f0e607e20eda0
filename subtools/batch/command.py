"""What the CLI's batch runs print: the progress bar, the report lines, the summary.

Kept here, not in ``cli.py``, so the commands stay thin: ``convert`` and ``validate`` call
:func:`convert_batch` and :func:`validate_many`.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import IO, Any

from subtools.batch.jobs import JobSpec, ReflowSpec
from subtools.batch.run import BatchResult, convert_many
from subtools.errors import ConfigError, ExportError, SubtoolsError

__all__ = ["BatchProgress", "convert_batch", "default_jobs", "open_executor", "validate_many"]


def default_jobs() -> int:
    """The cores this process may use (``--jobs`` default)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@contextmanager
def open_executor(jobs: int, dask: str | None = None) -> Iterator[Executor | None]:
    """The executor of a run: a Dask cluster's with ``dask`` (``tcp://host:8786``), else
    ``jobs`` worker processes, else None (this process) for one job.

    Raises:
        ConfigError: ``--dask`` without the ``subtools[dask]`` extra installed.
        SubtoolsError: the scheduler cannot be reached.
    """
    if dask is not None:
        try:
            from distributed import Client
        except ImportError:
            raise ConfigError("needs the dask extra (found no 'distributed'; pip install 'subtools[dask]')",
                              "--dask") from None  # fmt: skip
        connect: Any = Client  # distributed is untyped
        try:
            client = connect(dask, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise SubtoolsError(f"cannot reach the Dask scheduler (found {exc})", dask) from None
        try:
            yield client.get_executor()
        finally:
            client.close()
    elif jobs > 1:
        pool = ProcessPoolExecutor(jobs)
        try:
            yield pool
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    else:
        yield None


class BatchProgress:
    """``  37/120 files, 2 failed, 14.2/s, 0:06 left`` on one stderr line, redrawn at most
    ten times a second; nothing when ``stream`` is not a terminal."""

    def __init__(self, total: int, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.shown = self.stream.isatty()
        self.total = total
        self.done = 0
        self.failed = 0
        self.started = time.monotonic()
        self.drawn = 0.0

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        minutes, seconds = divmod(round(left), 60)
        return f"{self.done:>{len(str(self.total))}}/{self.total} files, {self.failed} failed, {rate:.1f}/s, " \
               f"{minutes}:{seconds:02d} left"  # fmt: skip

    def update(self, result: BatchResult) -> None:
        self.done += 1
        self.failed += result.status == "error"
        now = time.monotonic()
        if self.shown and (now - self.drawn > 0.1 or self.done == self.total):
            self.drawn = now
            self.stream.write("\r\033[K" + self.line())
            self.stream.flush()

    def say(self, text: str) -> None:
        """A line printed above the bar."""
        self.stream.write(("\r\033[K" if self.shown else "") + text + "\n")
        if self.shown:
            self.stream.write(self.line())
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _open_report(path: str | None) -> IO[str] | None:
    if path is None:
        return None
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot write the report ({exc.strerror or exc})", path) from None


def _refuse_other_than_a_report(path: str) -> None:
    """An existing file the report would replace must be an earlier run's report (or empty):
    `--report in/story.txt` would otherwise put the report over a transcript, unread.

    Raises:
        ExportError: the file holds something else.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return  # a device or pipe (/dev/stdout) holds nothing to lose, and is not read
        with open(path, "rb") as handle:
            first = handle.readline(1 << 16)
    except OSError:
        return  # nothing there to lose, or an error that opening it to write reports
    if not first.strip():
        return  # empty: nothing to lose
    try:
        entry = json.loads(first)
    except ValueError:
        entry = None
    if not (isinstance(entry, dict) and {"input", "status"} <= entry.keys()):
        found = first.decode("utf-8", "replace").strip()[:40]
        raise ExportError(
            f'is not a report of an earlier run (found {found!r}, expected JSON lines with "input" and '
            '"status"); choose another report path',
            path,
        )


def convert_batch(
    inputs: Sequence[str], out_dir: str, spec: JobSpec, *, jobs: int, report: str | None = None,
    resume: bool = False, dask: str | None = None,
) -> int:  # fmt: skip
    """Run ``subtools convert IN... -o OUTDIR/`` (``reflow`` with a :class:`ReflowSpec`): errors
    and a summary on stderr, one JSON line per input in ``report``; the number that failed."""
    from subtools.batch.run import batch_inputs

    exclude: tuple[str, ...] = ()
    if report is not None:
        from subtools.textio import refuse_same_file

        # Nothing is written over with the report, unread: not a file named as an input,
        # nor one that holds anything but an earlier report. Written into an input folder,
        # the report is never an input itself.
        refuse_same_file(report, *inputs)
        _refuse_other_than_a_report(report)
        exclude = (report,)
    total = len(batch_inputs(inputs, spec, out_dir, exclude))
    if total == 0:
        # A nightly run pointed at an empty or wrong folder must not pass as done.
        from subtools.errors import ParseError

        what = "subtitle files" if isinstance(spec, ReflowSpec) else "transcripts"
        raise ParseError(f"nothing to do (found no {what} in {', '.join(inputs)})", inputs[0])
    handle = _open_report(report)
    progress = BatchProgress(total)
    counts = {"ok": 0, "skipped": 0, "error": 0}
    try:
        with open_executor(jobs, dask) as executor:
            window = max(8, 4 * jobs)
            for result in convert_many(inputs, out_dir, spec, executor, resume=resume, window=window, exclude=exclude):
                counts[result.status] += 1
                if handle is not None:
                    handle.write(json.dumps(result.as_dict(), ensure_ascii=False) + "\n")
                    handle.flush()
                if result.error is not None:
                    progress.say(result.error)
                progress.update(result)
    finally:
        progress.close()
        if handle is not None:
            handle.close()
    elapsed = time.monotonic() - progress.started
    verb = "reflowed" if isinstance(spec, ReflowSpec) else "converted"
    found = sum(counts.values())  # the inputs the run found (a file added since the count above is in it)
    print(f"{verb} {counts['ok']}, skipped {counts['skipped']}, failed {counts['error']} of {found} inputs "
          f"in {elapsed:.1f} s", file=sys.stderr)  # fmt: skip
    return counts["error"]


def validate_many(paths: Sequence[str], options: Any, *, jobs: int, fix: bool, backup: bool,
                  encoding: str | None) -> list[Any]:  # fmt: skip
    """``fix_and_validate`` over files on ``jobs`` worker processes, reports in input order."""
    from subtools.validation import fix_and_validate

    check = partial(fix_and_validate, options=options, fix=fix, backup=backup, encoding=encoding)
    with open_executor(min(jobs, len(paths))) as executor:
        if executor is None:
            return [check(path) for path in paths]
        return list(executor.map(check, paths, chunksize=max(1, len(paths) // (8 * jobs))))
