"""``validate``: read subtitle files, check them against a profile, report like a linter."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from subtools.errors import ParseError
from subtools.findings import Finding, Severity
from subtools.formats import SubtitleFormat, format_from_content, parse_subtitles, read_subtitles
from subtools.formats.base import SubtitleFile
from subtools.textio import decode_text, write_text_atomic
from subtools.validation.checks import ValidateOptions, check_file
from subtools.validation.fixes import Change, fix_text

__all__ = [
    "FileReport",
    "fix_and_validate",
    "format_json",
    "format_text",
    "report_file",
    "validate",
    "validate_stdin",
    "validate_text",
]


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


def report_file(sub: SubtitleFile, options: ValidateOptions | None = None) -> FileReport:
    """Check an already-read file."""
    findings = tuple(check_file(sub, options))
    return FileReport(sub.source, sub.format, sub.encoding, len(sub.entries), findings)


def _unreadable(path: str, err: ParseError) -> FileReport:
    # A file that cannot be read at all (missing, binary, undecodable) is one finding,
    # so a batch run goes on with the other files.
    finding = Finding("parse-error", Severity.ERROR, err.line, None, err.message)
    return FileReport(path, format_from_content("", path), "unknown", 0, (finding,))


def validate(path: str | Path, options: ValidateOptions | None = None) -> FileReport:
    """Validate one SRT, WebVTT or ASS file (the format from its content, then its name)."""
    try:
        sub = read_subtitles(path)
    except ParseError as err:
        return _unreadable(str(path), err)
    return report_file(sub, options)


def validate_stdin(data: bytes, options: ValidateOptions | None = None) -> FileReport:
    """Validate the bytes of standard input, reported as ``<stdin>``."""
    try:
        text, encoding = decode_text(data, "<stdin>")
    except ParseError as err:
        return _unreadable("<stdin>", err)
    return report_file(parse_subtitles(text, "<stdin>", encoding=encoding), options)


def fix_and_validate(
    path: str | Path, options: ValidateOptions | None = None, *, fix: bool = False, backup: bool = True
) -> FileReport:
    """Validate ``path``; with ``fix``, first apply the safe fixes and rewrite it atomically.

    The original bytes are kept as ``path.bak`` unless ``backup`` is false. The findings
    are those of the file as it is afterwards.

    Raises:
        ExportError: the fixed file or its backup cannot be written.
    """
    if not fix:
        return validate(path, options)
    name = str(path)
    try:
        data = Path(path).read_bytes()
        text, encoding = decode_text(data, name)
    except FileNotFoundError:
        return _unreadable(name, ParseError("no such file", name))
    except OSError as exc:
        return _unreadable(name, ParseError(f"cannot read file ({exc.strerror})", name))
    except ParseError as err:
        return _unreadable(name, err)
    options = options or ValidateOptions()
    result = fix_text(text, name, options, encoding=encoding)
    backup_name = None
    if result.text is not None:
        if backup:
            backup_name = name + ".bak"
            Path(backup_name + ".tmp").write_bytes(data)
            Path(backup_name + ".tmp").replace(backup_name)
        write_text_atomic(path, result.text)
        text, encoding = result.text, "utf-8"
    sub = parse_subtitles(text, name, encoding=encoding)
    findings = tuple(check_file(sub, options))
    return FileReport(name, sub.format, encoding, len(sub.entries), findings, result.changes, result.refused,
                      backup_name)  # fmt: skip


def validate_text(
    text: str, source: str = "<string>", options: ValidateOptions | None = None, fmt: SubtitleFormat | None = None
) -> FileReport:
    """Validate subtitle text held in memory (encoding taken as UTF-8)."""
    return report_file(parse_subtitles(text, source, fmt), options)


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
    doc = {
        "files": [r.to_dict() for r in reports],
        "summary": {
            "files": len(reports),
            "errors": sum(r.errors for r in reports),
            "warnings": sum(r.warnings for r in reports),
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
