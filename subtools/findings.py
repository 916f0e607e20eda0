"""What the validator reports: rule ids, severities and findings.

The rule ids are part of the interface: editors' scripts filter on them, so an id is
never renamed; new checks get new ids.
"""

from __future__ import annotations

from enum import StrEnum

from subtools.startup.records import value_class

__all__ = ["RULES", "Change", "Finding", "Severity"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# id -> (default severity, what it checks). Rules with a warning threshold as well as an
# error limit (max-cps) report either severity under the one id.
RULES: dict[str, tuple[Severity, str]] = {
    "parse-error": (Severity.ERROR, "a block that cannot be read as a cue (reading goes on with the next one)"),
    "bad-timestamp": (Severity.ERROR, "a timestamp out of range or ambiguous (`,5`: 5 ms to srt, 500 ms to pysubs2)"),
    "nonstandard-timestamp": (Severity.WARNING, "a timestamp players read but the format does not allow (`.` in SRT)"),
    "bad-index": (Severity.ERROR, "an SRT cue number that is missing, not a number or not the previous one + 1"),
    "empty-cue": (Severity.ERROR, "a cue with no visible text"),
    "end-before-start": (Severity.ERROR, "a cue whose end is not after its start"),
    "overlap": (Severity.ERROR, "a cue that starts before the previous cue in the same screen region ends"),
    "out-of-order": (Severity.ERROR, "a cue that starts before the cue above it in the file"),
    "unbalanced-tag": (Severity.ERROR, "<i> without </i>, </b> without <b>, { without } in ASS"),
    "undefined-style": (Severity.ERROR, "an ASS event naming a style the file does not define"),
    "max-lines": (Severity.ERROR, "more lines in a cue than the profile allows"),
    "max-line-length": (
        Severity.ERROR,
        "a line longer than the profile allows (by weight where the profile weighs wide characters)",
    ),
    "max-cps": (Severity.ERROR, "reading speed in characters per second (error above the limit, warning above target)"),
    "max-wpm": (Severity.WARNING, "reading speed in words per minute (only profiles with a words-per-minute limit)"),
    "min-duration": (Severity.ERROR, "a cue shorter than the profile's minimum duration (counted in frames)"),
    "max-duration": (Severity.ERROR, "a cue longer than the profile's maximum duration"),
    "min-gap": (Severity.ERROR, "less than the profile's minimum gap (in frames) between consecutive cues"),
    "chain-gap": (
        Severity.WARNING,
        "a gap over the minimum but under the chaining gap: close it to the minimum or leave it",
    ),
    "encoding": (Severity.WARNING, "a file that is not UTF-8"),
    "line-endings": (Severity.WARNING, "mixed or CR-only line endings"),
    "trailing-whitespace": (Severity.WARNING, "spaces or tabs at the end of a text line"),
    "missing-playres": (Severity.WARNING, "an ASS file without PlayResX/PlayResY (libass then assumes 384x288)"),
}


@value_class
class Finding:
    """One broken rule: ``line`` is 1-based in the file, ``cue`` is the cue's 1-based
    position in the file; either is None when the finding concerns the whole file."""

    rule: str
    severity: Severity
    line: int | None
    cue: int | None
    message: str

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "line": self.line,
            "cue": self.cue,
            "message": self.message,
        }


@value_class
class Change:
    """One fix made by ``validate --fix``: the rule it answers, where (in the file as it was),
    and what changed. Kept beside :class:`Finding` because the formats' rewriters make them."""

    rule: str
    line: int | None
    cue: int | None
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"rule": self.rule, "line": self.line, "cue": self.cue, "message": self.message}
