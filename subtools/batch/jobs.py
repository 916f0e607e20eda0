"""The job a worker runs: a pure function of (input bytes, options) to output bytes.

Nothing here reads or writes a file, so the same job gives the same bytes in this process,
in a ``ProcessPoolExecutor`` or on a Dask worker on another machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from subtools.build import CueOptions
from subtools.errors import SubtoolsError
from subtools.formats import SubtitleFormat, WriteOptions

__all__ = ["ConvertSpec", "JobOutcome", "convert_bytes"]


@dataclass(frozen=True, slots=True)
class ConvertSpec:
    """What decides the output besides the input bytes (all of it picklable)."""

    fmt: SubtitleFormat = SubtitleFormat.SRT
    options: CueOptions = field(default_factory=CueOptions)
    write_options: WriteOptions = field(default_factory=WriteOptions)
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class JobOutcome:
    """The output bytes and cue count, or the one-line error; ``ms`` is the job's own time."""

    data: bytes | None
    cues: int
    error: str | None
    ms: float


def convert_bytes(data: bytes, source: str, spec: ConvertSpec) -> JobOutcome:
    """Decode, parse, build and write one transcript, as ``subtools convert source -o x`` does.

    Never raises for bad input: a ``SubtoolsError`` is the outcome's ``error`` (``source:line:
    what is wrong``), so one bad file cannot stop a batch nor fail a cluster task.
    """
    from subtools.parser import parse_transcript
    from subtools.pipeline import convert
    from subtools.textio import decode_text

    started = time.perf_counter()
    try:
        text, used = decode_text(data, source, spec.encoding)
        transcript = parse_transcript(text, source=source, encoding=used)
        out, track = convert(transcript, spec.fmt, spec.options, spec.write_options)
    except SubtoolsError as err:
        return JobOutcome(None, 0, str(err), (time.perf_counter() - started) * 1000)
    codec = spec.write_options.encoding
    try:
        payload = out.encode(codec)
    except UnicodeEncodeError as exc:
        error = f"{source}: cannot write {out[exc.start : exc.end]!r} in {codec} (expected text {codec} holds)"
        return JobOutcome(None, 0, error, (time.perf_counter() - started) * 1000)
    return JobOutcome(payload, len(track.cues), None, (time.perf_counter() - started) * 1000)
