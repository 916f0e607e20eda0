"""The validator's report: :class:`FileReport` (one file's findings and fixes) and the
text and JSON forms ``subtools validate`` prints."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from subtools.findings import Finding, Severity
from subtools.formats import SubtitleFormat
from subtools.startup.records import value_class

if TYPE_CHECKING:
    from subtools.findings import Change

__all__ = ["FileReport", "format_json", "format_text"]

_SEVERITY = attrgetter("severity")
_RULE_SEVERITY = attrgetter("rule", "severity")


@value_class
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
        return list(map(_SEVERITY, self.findings)).count(Severity.ERROR)  # at C speed: 80,000 findings

    @property
    def warnings(self) -> int:
        return list(map(_SEVERITY, self.findings)).count(Severity.WARNING)

    def to_dict(self) -> dict[str, object]:
        return self._dict([f.to_dict() for f in self.findings])

    def _dict(self, findings: object) -> dict[str, object]:
        return {
            "path": self.path,
            "format": self.format.value,
            "encoding": self.encoding,
            "cues": self.cues,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": findings,
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
        path, warning = r.path, Severity.WARNING
        out += [
            f"{path}{'' if f.line is None else f':{f.line}'}: {f.rule} {f.message}"
            f"{' (warning)' if f.severity is warning else ''}"
            for f in r.findings
        ]
    errors = sum(r.errors for r in reports)
    warnings = sum(r.warnings for r in reports)
    cues = sum(r.cues for r in reports)
    out.append(
        f"{_plural(len(reports), 'file')}, {_plural(cues, 'cue')}: "
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    )
    return "\n".join(out) + "\n"


def format_json(reports: list[FileReport]) -> str:
    """The machine-readable report: ``{"files": [...], "summary": {...}}``, as
    ``json.dumps(doc, ensure_ascii=False, indent=2)`` writes it (``FileReport.to_dict``)."""
    doc = {
        # A file's "findings" key is six spaces in (doc, "files", the file's dict).
        "files": [r._dict(_Written(_findings_json(r.findings, " " * 6))) for r in reports],
        "summary": {
            "files": len(reports),
            "errors": sum(r.errors for r in reports),
            "warnings": sum(r.warnings for r in reports),
        },
    }
    out: list[str] = []
    _write_json(doc, "", out)
    out.append("\n")
    return "".join(out)  # one copy of the text, however many findings


class _Written(str):
    """JSON text already written, put into the document as it is."""


def _write_json(value: object, pad: str, out: list[str]) -> None:
    """Append ``json.dumps(value, ensure_ascii=False, indent=2)`` for a value indented by ``pad``."""
    import json  # only here: the text report, the usual one, does not need it

    inner = pad + "  "
    if isinstance(value, _Written):
        out.append(value)
    elif isinstance(value, dict) and value:
        out.append("{")
        for k, (key, v) in enumerate(value.items()):
            out.append(f"{',' if k else ''}\n{inner}{json.dumps(str(key), ensure_ascii=False)}: ")
            _write_json(v, inner, out)
        out.append(f"\n{pad}}}")
    elif isinstance(value, list) and value:
        out.append("[")
        for k, v in enumerate(value):
            out.append(f"{',' if k else ''}\n{inner}")
            _write_json(v, inner, out)
        out.append(f"\n{pad}]")
    else:
        out.append(json.dumps(value, ensure_ascii=False))


def _findings_json(findings: tuple[Finding, ...], pad: str) -> str:
    """The list of ``Finding.to_dict`` as ``_json`` writes it at ``pad``, one f-string
    per finding: ``json.dumps`` with an indent is pure Python (its C encoder only writes
    unindented JSON) and took 10 µs a finding, most of ``validate --format json`` on an
    ASR file with 80,000 findings."""
    if not findings:
        return "[]"
    from json.encoder import encode_basestring as quote  # the C encoder json.dumps uses, ensure_ascii off

    item, field = pad + " " * 2, pad + " " * 4
    # Up to "line": written once for each rule and severity, not once per finding.
    heads = {
        (rule, severity): f'{item}{{\n{field}"rule": {quote(rule)},\n{field}"severity": {quote(severity)},\n'
        f'{field}"line": '
        for rule, severity in set(map(_RULE_SEVERITY, findings))
    }
    cue, message, end = f',\n{field}"cue": ', f',\n{field}"message": ', f"\n{item}}}"
    rows = [
        f"{heads[f.rule, f.severity]}{'null' if f.line is None else f.line}"
        f"{cue}{'null' if f.cue is None else f.cue}{message}{quote(f.message)}{end}"
        for f in findings
    ]
    return "[\n" + ",\n".join(rows) + f"\n{pad}]"
