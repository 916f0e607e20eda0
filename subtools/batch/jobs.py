"""The job a worker runs: a pure function of (input bytes, options) to output bytes.

Nothing here reads or writes a file, so the same job gives the same bytes in this process,
in a ``ProcessPoolExecutor`` or on a Dask worker on another machine.
"""

from __future__ import annotations

import time
from dataclasses import field

from subtools.build import CueOptions
from subtools.errors import SubtoolsError
from subtools.formats import SubtitleFormat, WriteOptions
from subtools.startup.records import value_class

__all__ = ["ConvertSpec", "JobOutcome", "JobSpec", "ReflowSpec", "convert_bytes", "reflow_bytes", "run_job"]


@value_class
class ConvertSpec:
    """What decides the output besides the input bytes (all of it picklable)."""

    fmt: SubtitleFormat = SubtitleFormat.SRT
    options: CueOptions = field(default_factory=CueOptions)
    write_options: WriteOptions = field(default_factory=WriteOptions)
    encoding: str | None = None


@value_class
class ReflowSpec:
    """What decides a reflowed file besides its bytes: ``subtools reflow``'s options."""

    fmt: SubtitleFormat = SubtitleFormat.SRT
    options: CueOptions = field(default_factory=CueOptions)
    write_options: WriteOptions = field(default_factory=WriteOptions)
    encoding: str | None = None
    keep_sound: bool = True


JobSpec = ConvertSpec | ReflowSpec


@value_class
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
    from subtools.pipeline import SNIFF_CHARS, check_transcript_source, convert
    from subtools.textio import decode_text

    started = time.perf_counter()
    try:
        check_transcript_source(source, data[:SNIFF_CHARS].decode("utf-8", "replace"))
        text, used = decode_text(data, source, spec.encoding)
        transcript = parse_transcript(text, source=source, encoding=used)
        out, track = convert(transcript, spec.fmt, spec.options, spec.write_options)
    except SubtoolsError as err:
        return JobOutcome(None, 0, str(err), (time.perf_counter() - started) * 1000)
    return _encoded(out, len(track.cues), source, spec.write_options.encoding, started)


def reflow_bytes(data: bytes, source: str, spec: ReflowSpec) -> JobOutcome:
    """Decode, read, re-segment and write one subtitle file, as ``subtools reflow source -o x``
    does; never raises for bad input (see :func:`convert_bytes`)."""
    from subtools.build.reflow import reflow_subtitles
    from subtools.formats import decode_subtitles
    from subtools.pipeline import export_cues

    started = time.perf_counter()
    try:
        sub = decode_subtitles(data, source, None, spec.encoding)
        track = reflow_subtitles(sub, spec.options, keep_sound=spec.keep_sound)
        out = export_cues(track, spec.fmt, spec.write_options)
    except SubtoolsError as err:
        return JobOutcome(None, 0, str(err), (time.perf_counter() - started) * 1000)
    return _encoded(out, len(track.cues), source, spec.write_options.encoding, started)


def run_job(data: bytes, source: str, spec: JobSpec) -> JobOutcome:
    """The job ``spec`` names, on one input's bytes: what a worker or cluster task runs."""
    if isinstance(spec, ReflowSpec):
        return reflow_bytes(data, source, spec)
    return convert_bytes(data, source, spec)


def _encoded(out: str, cues: int, source: str, codec: str, started: float) -> JobOutcome:
    from subtools.textio import encode_text

    try:
        payload = encode_text(out, codec, source)
    except SubtoolsError as err:
        return JobOutcome(None, 0, str(err), (time.perf_counter() - started) * 1000)
    return JobOutcome(payload, cues, None, (time.perf_counter() - started) * 1000)
