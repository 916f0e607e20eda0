"""Drive a batch conversion on any executor; write outputs atomically; keep the manifest.

The parent process reads every input and writes every output (a cluster worker needs no
shared disk); workers only run :func:`~subtools.batch.jobs.convert_bytes`. After each output
is renamed into place, one line with its size and SHA-256 (and the input's) is appended to
``OUTDIR/.subtools-batch.jsonl``; ``resume`` skips an input only when that line matches the
input, the options and the file on disk, so a half-written or changed output is redone.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass
from pathlib import Path

from subtools.batch.inputs import BatchInput, collect_inputs
from subtools.batch.jobs import ConvertSpec, JobOutcome, JobSpec, ReflowSpec, run_job
from subtools.errors import SubtoolsError
from subtools.startup.records import value_class

__all__ = ["MANIFEST_NAME", "BatchResult", "batch_inputs", "convert_many", "job_inputs"]

MANIFEST_NAME = ".subtools-batch.jsonl"


@value_class
class BatchResult:
    """What happened to one input: ``status`` is ``ok``, ``error`` or ``skipped`` (its output
    complete from an earlier run); ``as_dict`` is its ``--report`` line."""

    input: str
    output: str | None
    status: str
    error: str | None = None
    cues: int = 0
    ms: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {"input": self.input, "output": self.output, "status": self.status, "error": self.error,
                "cues": self.cues, "ms": round(self.ms, 1)}  # fmt: skip


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fingerprint(spec: JobSpec) -> str:
    from subtools import __version__

    # repr of frozen dataclasses, Fractions and enums is stable: the same options, the same key.
    return _sha256(f"{__version__}|{spec!r}".encode())


class _Manifest:
    """``OUTDIR/.subtools-batch.jsonl``: the last entry per output wins."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST_NAME
        self.entries: dict[str, dict[str, object]] = {}
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            lines = []
        for line in lines:
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:  # a line cut by a crash: that output is redone
                continue
            if isinstance(entry, dict) and isinstance(entry.get("output"), str):
                self.entries[entry["output"]] = entry
        if len(lines) > len(self.entries):  # compact: one line per output, however many nights
            compact = "".join(json.dumps(entry) + "\n" for entry in self.entries.values())
            _write_bytes_atomic(self.path, compact.encode("utf-8"))
        self.handle = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - closed by close()

    def is_complete(self, key: str, output: Path, input_sha: str, options: str) -> bool:
        entry = self.entries.get(key)
        if entry is None or entry.get("input_sha256") != input_sha or entry.get("options") != options:
            return False
        try:
            if output.stat().st_size != entry.get("size"):
                return False
            return _sha256(output.read_bytes()) == entry.get("sha256")
        except OSError:
            return False

    def cues_of(self, key: str) -> int:
        """The cues of an output as recorded (0 for an entry an earlier version wrote without)."""
        cues = self.entries[key].get("cues", 0)
        return cues if type(cues) is int else 0

    def record(self, key: str, data: bytes, input_sha: str, options: str, cues: int) -> None:
        entry = {"output": key, "size": len(data), "sha256": _sha256(data), "input_sha256": input_sha,
                 "options": options, "cues": cues}  # fmt: skip
        self.handle.write(json.dumps(entry) + "\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def close(self) -> None:
        self.handle.close()


def _write_bytes_atomic(path: Path, data: bytes) -> None:
    from subtools.textio import atomic_target

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_target(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            os.fsync(handle.fileno())


def _read_input(path: Path) -> bytes:
    from subtools.errors import ParseError
    from subtools.textio import read_limited

    try:
        with open(path, "rb") as handle:
            return read_limited(handle, str(path))
    except FileNotFoundError:
        raise ParseError("no such file", str(path)) from None
    except IsADirectoryError:
        raise ParseError("is a directory (expected a text file)", str(path)) from None
    except OSError as exc:
        raise ParseError(f"cannot read file ({exc.strerror})", str(path)) from None


@dataclass(slots=True)
class _Pending:
    """A job submitted and not yet written: its input, its output and their keys."""

    item: BatchInput
    output: Path
    key: str
    input_sha: str


class _Run:
    """One batch: inputs are read and submitted a window at a time (memory stays bounded
    on an archive of any size), outputs written as their jobs finish."""

    def __init__(self, out_dir: Path, spec: JobSpec, resume: bool) -> None:
        from subtools.formats import FORMATS

        self.out_dir = out_dir
        self.spec = spec
        self.resume = resume
        self.suffix = FORMATS[spec.fmt].EXTENSIONS[0]
        self.options = _fingerprint(spec)
        self.claimed: dict[str, str] = {}
        out_dir.mkdir(parents=True, exist_ok=True)
        self.manifest = _Manifest(out_dir)

    def prepare(self, item: BatchInput) -> tuple[_Pending, bytes] | BatchResult:
        """The job of ``item``, or its result when it needs none (skipped, unreadable, clash)."""
        output = self.out_dir / item.relative.with_suffix(self.suffix)
        key = output.relative_to(self.out_dir).as_posix()
        source = str(item.path)
        if key in self.claimed:
            clash = f"two inputs give the same output (found {self.claimed[key]!r} already writing {key!r}; rename one)"
            return BatchResult(source, str(output), "error", f"{source}: {clash}")
        self.claimed[key] = source
        try:
            data = _read_input(item.path)
        except SubtoolsError as err:
            return BatchResult(source, str(output), "error", str(err))
        input_sha = _sha256(data)
        if self.resume and self.manifest.is_complete(key, output, input_sha, self.options):
            return BatchResult(source, str(output), "skipped", None, self.manifest.cues_of(key))
        return _Pending(item, output, key, input_sha), data

    def finish(self, pending: _Pending, outcome: JobOutcome) -> BatchResult:
        source = str(pending.item.path)
        if outcome.data is None:
            return BatchResult(source, str(pending.output), "error", outcome.error, 0, outcome.ms)
        try:
            _write_bytes_atomic(pending.output, outcome.data)
        except (SubtoolsError, OSError) as err:
            return BatchResult(source, str(pending.output), "error", str(err), outcome.cues, outcome.ms)
        self.manifest.record(pending.key, outcome.data, pending.input_sha, self.options, outcome.cues)
        return BatchResult(source, str(pending.output), "ok", None, outcome.cues, outcome.ms)


def _run_here(pending: _Pending, data: bytes, spec: JobSpec) -> Future[JobOutcome]:
    future: Future[JobOutcome] = Future()
    future.set_result(run_job(data, str(pending.item.path), spec))
    return future


def is_inside(path: Path, folder: Path) -> bool:
    """``path`` is under ``folder`` (links resolved): an output folder is never read as input."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
    except ValueError:
        return False
    return True


def convert_many(
    paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    spec: JobSpec | None = None,
    executor: Executor | None = None,
    *,
    resume: bool = False,
    window: int = 64,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[BatchResult]:
    """Convert every transcript of ``paths`` (files, folders, globs) into ``out_dir``, one
    :class:`BatchResult` per input as each finishes; with a :class:`ReflowSpec`, reflow every
    subtitle file instead (a folder then gives only its files with a subtitle extension).

    Each output is ``out_dir/<path relative to its folder or glob base>`` with the format's
    extension, written atomically. Jobs run on ``executor`` (any ``concurrent.futures``
    executor: a ``ProcessPoolExecutor``, or ``distributed.Client(...).get_executor()``), in
    this process when it is None; at most ``window`` jobs are in flight. A bad input is an
    ``error`` result, never an exception. With ``resume``, an input whose output the manifest
    shows complete and unchanged is ``skipped`` and not rewritten. Files in ``out_dir`` and
    those named in ``exclude`` (the run's own report, written into an input folder) are
    never inputs.

    Raises:
        ExportError: ``out_dir`` cannot be created or its manifest written.
    """
    spec = spec or ConvertSpec()
    folder = Path(out_dir)
    try:
        run = _Run(folder, spec, resume)
    except OSError as exc:
        from subtools.errors import ExportError

        raise ExportError(f"cannot write to the output folder ({exc.strerror or exc})", str(folder)) from None
    try:
        yield from _drive(run, batch_inputs(paths, spec, out_dir, exclude), executor, max(1, window))
    finally:
        run.manifest.close()


def job_inputs(patterns: Iterable[str], spec: JobSpec) -> list[BatchInput]:
    """The inputs of ``patterns`` for ``spec``'s job. Of the files a folder or glob finds,
    convert takes all but subtitle files (a report's folder also holds its .srt and .vtt,
    which are outputs, not transcripts: ``.txt`` or no extension) and ``.jsonl`` files (batch
    reports), and reflow only subtitle files."""
    from subtools.formats.base import SUBTITLE_EXTENSIONS

    if isinstance(spec, ReflowSpec):
        return collect_inputs(patterns, lambda file: file.suffix.lower() in SUBTITLE_EXTENSIONS)
    # Nor JSON lines: the reports of earlier runs (`--report IN/2026-12-01.jsonl`), never a transcript.
    not_transcripts = SUBTITLE_EXTENSIONS | {".jsonl"}
    return collect_inputs(patterns, lambda file: file.suffix.lower() not in not_transcripts)


def batch_inputs(
    paths: Iterable[str | os.PathLike[str]],
    spec: JobSpec,
    out_dir: str | os.PathLike[str],
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> list[BatchInput]:
    """The inputs :func:`convert_many` takes from ``paths``: :func:`job_inputs`, less what
    is in ``out_dir`` or named in ``exclude``."""
    folder = Path(out_dir)
    left_out = [_file_id(path) for path in exclude]
    items = [item for item in job_inputs((str(p) for p in paths), spec) if not is_inside(item.path, folder)]
    if not left_out:
        return items
    return [item for item in items if _file_id(item.path) not in left_out]


def _file_id(path: str | os.PathLike[str]) -> tuple[int, int] | str:
    """What makes two paths one file: device and inode (a hard link too), else the resolved path."""
    try:
        st = os.stat(path)
    except OSError:
        return os.path.realpath(path)
    return (st.st_dev, st.st_ino)


def _drive(run: _Run, items: list[BatchInput], executor: Executor | None, window: int) -> Iterator[BatchResult]:
    submit: Callable[[_Pending, bytes], Future[JobOutcome]]
    if executor is None:
        submit = lambda p, d: _run_here(p, d, run.spec)  # noqa: E731
    else:
        submit = lambda p, d: executor.submit(run_job, d, str(p.item.path), run.spec)  # noqa: E731
    in_flight: dict[Future[JobOutcome], _Pending] = {}
    queue = iter(items)
    exhausted = False
    try:
        while in_flight or not exhausted:
            while not exhausted and len(in_flight) < window:
                item = next(queue, None)
                if item is None:
                    exhausted = True
                    break
                prepared = run.prepare(item)
                if isinstance(prepared, BatchResult):
                    yield prepared
                    continue
                in_flight[submit(*prepared)] = prepared[0]
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED) if in_flight else (set(), set())
            for future in done:
                pending = in_flight.pop(future)
                yield run.finish(pending, _outcome(future, str(pending.item.path)))
    finally:
        for future in in_flight:
            future.cancel()


def _outcome(future: Future[JobOutcome], source: str) -> JobOutcome:
    try:
        return future.result()
    except Exception as exc:  # a worker that died or a task the cluster lost: that input's error
        return JobOutcome(None, 0, f"{source}: worker failed (found {type(exc).__name__}: {exc})", 0.0)
