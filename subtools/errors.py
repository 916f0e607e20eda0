"""The one exception family subtools raises on purpose."""

from __future__ import annotations

__all__ = [
    "AlignmentError",
    "ConfigError",
    "ExportError",
    "MediaError",
    "ParseError",
    "SubtoolsError",
    "TimingError",
    "UnknownFormatError",
]


class SubtoolsError(Exception):
    """Base for every error subtools raises on purpose.

    ``str(err)`` is the one line the CLI prints: ``source:line: message`` when the
    line is known, ``source: message`` otherwise.
    """

    def __init__(self, message: str, source: str = "<string>", line: int | None = None) -> None:
        # Every argument goes to super() so the error pickles (pysubs2 #97).
        super().__init__(message, source, line)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.source}:{self.line}: {self.message}"
        return f"{self.source}: {self.message}"


class ParseError(SubtoolsError, ValueError):
    """Input (a transcript or a subtitle file) that cannot be understood."""


class TimingError(SubtoolsError):
    """Text that cannot be timed within the rules of the chosen profile."""


class UnknownFormatError(SubtoolsError, ValueError):
    """An output or input format subtools does not know."""


class ConfigError(SubtoolsError, ValueError):
    """A profile, rule override or setting that is not valid: a usage error (exit 2)."""


class ExportError(SubtoolsError):
    """A cue that the target format cannot represent (never clamped silently)."""


class MediaError(SubtoolsError):
    """Audio or video that cannot be read or written, or a missing system tool."""


class AlignmentError(SubtoolsError):
    """Audio that cannot be aligned to the text: silent, far too short, or another text."""
