"""The validator's report: :class:`FileReport` (one file's findings and fixes) and the
text and JSON forms ``subtools validate`` prints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from subtools.findings import Finding, Severity
from subtools.formats import SubtitleFormat

if TYPE_CHECKING:
    from subtools.findings import Change

__all__ = ["FileReport", "format_json", "format_text"]


@dataclass(frozen=True, slots=True)
class FileReport:
    """The findings for one file, in line order."""

    path: str
    format: SubtitleFormat
    encoding: str
    cues: int
    findings: tuple[Finding, ...]
    fixes: tuple[Change, ...] = ()
    fix_note: str | None = None  # why --fix left the file alone
    backup: str | None = None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "format": self.format.value,
            "encoding": self.encoding,
            "cues": self.cues,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.to_dict() for f in self.findings],
            "fixes": [c.to_dict() for c in self.fixes],
            "fix_note": self.fix_note,
            "backup": self.backup,
        }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def format_text(reports: list[FileReport]) -> str:
    """Compiler-style lines, ``path:line: rule-id message``, then a summary line."""
    out = []
    for r in reports:
        for c in r.fixes:
            where = f"{r.path}:{c.line}" if c.line is not None else r.path
            out.append(f"{where}: fixed {c.rule} {c.message}")
        if r.fix_note:
            out.append(f"{r.path}: {r.fix_note}")
        for f in r.findings:
            where = f"{r.path}:{f.line}" if f.line is not None else r.path
            tag = " (warning)" if f.severity is Severity.WARNING else ""
            out.append(f"{where}: {f.rule} {f.message}{tag}")
    errors = sum(r.errors for r in reports)
    warnings = sum(r.warnings for r in reports)
    cues = sum(r.cues for r in reports)
    out.append(
        f"{_plural(len(reports), 'file')}, {_plural(cues, 'cue')}: "
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    )
    return "\n".join(out) + "\n"


def format_json(reports: list[FileReport]) -> str:
    """The machine-readable report: ``{"files": [...], "summary": {...}}``."""
    import json  # only here: the text report, the usual one, does not need it

    doc = {
        "files": [r.to_dict() for r in reports],
        "summary": {
            "files": len(reports),
            "errors": sum(r.errors for r in reports),
            "warnings": sum(r.warnings for r in reports),
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
