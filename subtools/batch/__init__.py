"""Batch runs over an archive: many transcripts converted, subtitle files reflowed or validated, in one go.

``inputs`` expands files, folders and globs into (path, relative path) pairs; ``jobs`` holds
the pure job a worker runs (input bytes and options in, output bytes out, so a Dask cluster
gives the same bytes as this machine); ``run`` drives any ``concurrent.futures.Executor``,
writes each output atomically and keeps the manifest ``--resume`` trusts; ``command`` is what
the CLI prints (progress bar, report lines, summary).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from subtools.batch.inputs import BatchInput, collect_inputs, collect_subtitle_paths
    from subtools.batch.jobs import ConvertSpec, JobOutcome, JobSpec, ReflowSpec, convert_bytes, reflow_bytes, run_job
    from subtools.batch.run import MANIFEST_NAME, BatchResult, batch_inputs, convert_many, job_inputs

# Loaded on first use (PEP 562): `validate DIR` needs only `inputs`, not the cue builder.
_HOME_OF = {
    **dict.fromkeys(("BatchInput", "collect_inputs", "collect_subtitle_paths"), "subtools.batch.inputs"),
    **dict.fromkeys(
        ("ConvertSpec", "JobOutcome", "JobSpec", "ReflowSpec", "convert_bytes", "reflow_bytes", "run_job"),
        "subtools.batch.jobs",
    ),
    **dict.fromkeys(
        ("MANIFEST_NAME", "BatchResult", "batch_inputs", "convert_many", "job_inputs"), "subtools.batch.run"
    ),
}

__all__ = [
    "MANIFEST_NAME",
    "BatchInput",
    "BatchResult",
    "ConvertSpec",
    "JobOutcome",
    "JobSpec",
    "ReflowSpec",
    "batch_inputs",
    "collect_inputs",
    "collect_subtitle_paths",
    "convert_bytes",
    "convert_many",
    "job_inputs",
    "reflow_bytes",
    "run_job",
]


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'subtools.batch' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
