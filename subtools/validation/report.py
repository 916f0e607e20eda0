"""The validator's report: :class:`FileReport` (one file's findings and fixes) and the
text and JSON forms ``subtools validate`` prints."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from operator import attrgetter
from typing import TYPE_CHECKING, TypeVar, overload

from subtools.findings import Finding, Severity
from subtools.formats import SubtitleFormat
from subtools.formats.base import RowTable
from subtools.startup.records import value_class

if TYPE_CHECKING:
    from subtools.findings import Change

__all__ = ["FileReport", "FindingTable", "format_json", "format_text"]

_SEVERITY = attrgetter("severity")
_RULE_SEVERITY = attrgetter("rule", "severity")
_SET_RULE, _SET_SEVERITY, _SET_LINE, _SET_CUE, _SET_MESSAGE = (
    getattr(Finding, name).__set__ for name in ("rule", "severity", "line", "cue", "message")
)


def _new_finding(rule: str, severity: Severity, line: int | None, cue: int | None, message: str) -> Finding:
    """``Finding(rule, severity, line, cue, message)``, its slots set directly: the frozen
    dataclass's ``__init__`` goes through ``object.__setattr__`` field by field, three
    times slower. The same object: equal, frozen."""
    finding = object.__new__(Finding)
    _SET_RULE(finding, rule)
    _SET_SEVERITY(finding, severity)
    _SET_LINE(finding, line)
    _SET_CUE(finding, cue)
    _SET_MESSAGE(finding, message)
    return finding


_T = TypeVar("_T")


def _reorder(column: list[_T], order: list[int]) -> None:
    column[:] = map(column.__getitem__, order)


class FindingTable(RowTable[Finding]):
    """Findings kept as columns (rule, severity, line, cue, message), each Finding made
    the first time the sequence is read as findings. The reports are written from the
    columns: on an ASR file's 80,000 findings, making the objects and reading them back
    was a quarter of ``subtools validate``'s time. Compares equal to a tuple of the same
    findings."""

    __slots__ = ("_made", "cues", "lines", "messages", "rules", "severities")

    def __init__(
        self,
        rules: list[str],
        severities: list[Severity],
        lines: list[int | None],
        cues: list[int | None],
        messages: list[str],
    ) -> None:
        self.rules, self.severities, self.lines, self.cues, self.messages = rules, severities, lines, cues, messages
        self._made: tuple[Finding, ...] | None = None

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> FindingTable:
        """The table of ``findings``."""
        table = cls([], [], [], [], [])
        for f in findings:
            table.append(f.rule, f.severity, f.line, f.cue, f.message)
        return table

    def append(self, rule: str, severity: Severity, line: int | None, cue: int | None, message: str) -> None:
        self._made = None
        self.rules.append(rule)
        self.severities.append(severity)
        self.lines.append(line)
        self.cues.append(cue)
        self.messages.append(message)

    def extend(
        self,
        rule: str,
        severities: Iterable[Severity],
        lines: Iterable[int | None],
        cues: Iterable[int | None],
        messages: Iterable[str],
    ) -> None:
        """Add one rule's findings."""
        self._made = None
        n = len(self.rules)
        self.severities.extend(severities)
        self.lines.extend(lines)
        self.cues.extend(cues)
        self.messages.extend(messages)
        self.rules.extend(repeat(rule, len(self.messages) - n))

    def sort(self, keys: list[int]) -> None:
        """Put the rows in the order of ``keys`` (one per row; equal keys keep their order)."""
        self._made = None
        order = sorted(range(len(keys)), key=keys.__getitem__)
        _reorder(self.rules, order)
        _reorder(self.severities, order)
        _reorder(self.lines, order)
        _reorder(self.cues, order)
        _reorder(self.messages, order)

    def findings(self) -> tuple[Finding, ...]:
        """The rows as Finding objects (made once)."""
        if self._made is None:
            self._made = tuple(map(_new_finding, self.rules, self.severities, self.lines, self.cues, self.messages))
        return self._made

    rows = findings

    def count_of(self, severity: Severity) -> int:
        return self.severities.count(severity)

    def __len__(self) -> int:
        return len(self.rules)

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Finding, ...]: ...
    def __getitem__(self, index: int | slice) -> Finding | tuple[Finding, ...]:
        return self.findings()[index]

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled (to and from batch workers) as its columns.
        return (FindingTable, (self.rules, self.severities, self.lines, self.cues, self.messages))


@value_class
class FileReport:
    """The findings for one file, in line order."""

    path: str
    format: SubtitleFormat
    encoding: str
    cues: int
    findings: Sequence[Finding]  # a tuple, or the validator's FindingTable
    fixes: tuple[Change, ...] = ()
    fix_note: str | None = None  # why --fix left the file alone
    backup: str | None = None

    @property
    def errors(self) -> int:
        return self._count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self._count(Severity.WARNING)

    def _count(self, severity: Severity) -> int:
        if isinstance(self.findings, FindingTable):
            return self.findings.count_of(severity)
        return list(map(_SEVERITY, self.findings)).count(severity)  # at C speed: 80,000 findings

    @property
    def table(self) -> FindingTable:
        """The findings as columns."""
        found = self.findings
        return found if isinstance(found, FindingTable) else FindingTable.of(found)

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
    return "".join(stream_text(reports))


def stream_text(reports: list[FileReport]) -> Iterator[str]:
    """:func:`format_text` in pieces of whole lines, a few thousand findings each: the
    command line writes them as they are made, so the report is never held whole (nor
    copied whole to encode it: 80,000 findings made 10 MB of fresh memory)."""
    for r in reports:
        lines = []
        for c in r.fixes:
            where = f"{r.path}:{c.line}" if c.line is not None else r.path
            lines.append(f"{where}: fixed {c.rule} {c.message}\n")
        if r.fix_note:
            lines.append(f"{r.path}: {r.fix_note}\n")
        if lines:
            yield "".join(lines)
        yield from _finding_text(r.path, r.table)
    errors = sum(r.errors for r in reports)
    warnings = sum(r.warnings for r in reports)
    cues = sum(r.cues for r in reports)
    yield (
        f"{_plural(len(reports), 'file')}, {_plural(cues, 'cue')}: "
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}\n"
    )


# Findings written per piece of a report: enough for the pieces' joins to run at C speed,
# few enough that each piece reuses the memory of the one before.
_ROWS_AT_ONCE = 4096


def _finding_text(path: str, t: FindingTable) -> Iterator[str]:
    """``path:line: rule message`` and `` (warning)`` for warnings, a line per finding, in
    pieces (see _interleave where every finding has a line)."""
    if not t:
        return
    marks = {Severity.ERROR: "\n", Severity.WARNING: " (warning)\n"}
    if None in t.lines or not set(t.severities) <= marks.keys():  # a finding of the whole file: no line
        yield "".join(
            f"{path}{'' if line is None else f':{line}'}: {rule} {message}"
            f"{' (warning)' if severity is Severity.WARNING else ''}\n"
            for rule, severity, line, message in zip(t.rules, t.severities, t.lines, t.messages, strict=True)
        )
        return
    heads = {rule: f": {rule} " for rule in set(t.rules)}
    for a in range(0, len(t), _ROWS_AT_ONCE):
        rules = t.rules[a : a + _ROWS_AT_ONCE]
        yield _interleave([path + ":"] * len(rules), map(str, t.lines[a : a + _ROWS_AT_ONCE]),
                          map(heads.__getitem__, rules), t.messages[a : a + _ROWS_AT_ONCE],
                          map(marks.__getitem__, t.severities[a : a + _ROWS_AT_ONCE]))  # fmt: skip


def _interleave(*columns: Iterable[str], last: str | None = None) -> str:
    """The columns' strings joined row by row (the first of each column, then the second…),
    with one ``str.join``: the pieces are put in place by slice assignment, at C speed.
    Written this way, the 80,000 findings of an ASR file took half the time of one
    f-string (or ``str.format``) per finding. ``last`` goes in place of the last piece (no
    copy of the text to cut it)."""
    lists = [c if isinstance(c, list) else list(c) for c in columns]
    width = len(lists)
    pieces: list[str] = [""] * (width * len(lists[0]))
    for k, column in enumerate(lists):
        pieces[k::width] = column
    if last is not None:
        pieces[-1] = last
    return "".join(pieces)


def format_json(reports: list[FileReport]) -> str:
    """The machine-readable report: ``{"files": [...], "summary": {...}}``, as
    ``json.dumps(doc, ensure_ascii=False, indent=2)`` writes it (``FileReport.to_dict``)."""
    return "".join(stream_json(reports))


def stream_json(reports: list[FileReport]) -> Iterator[str]:
    """:func:`format_json` in pieces, a few thousand findings each (see :func:`stream_text`)."""
    doc = {
        # A file's "findings" key is six spaces in (doc, "files", the file's dict).
        "files": [r._dict(_Written(_findings_json(r.table, " " * 6))) for r in reports],
        "summary": {
            "files": len(reports),
            "errors": sum(r.errors for r in reports),
            "warnings": sum(r.warnings for r in reports),
        },
    }
    out: list[str | _Written] = []
    _write_json(doc, "", out)
    out.append("\n")
    text: list[str] = []
    for piece in out:
        if isinstance(piece, str):
            text.append(piece)
        else:  # a file's findings: what is written before them, then their pieces
            yield "".join(text)
            text.clear()
            yield from piece.pieces
    yield "".join(text)


class _Written:
    """JSON text already written, in pieces, put into the document as it is."""

    __slots__ = ("pieces",)

    def __init__(self, pieces: Iterator[str]) -> None:
        self.pieces = pieces


def _write_json(value: object, pad: str, out: list[str | _Written]) -> None:
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


def _findings_json(t: FindingTable, pad: str) -> Iterator[str]:
    """The list of ``Finding.to_dict`` as ``_json`` writes it at ``pad``, from the columns
    (``_interleave``), in pieces: ``json.dumps`` with an indent is pure Python (its C
    encoder only writes unindented JSON) and took 10 µs a finding, most of
    ``validate --format json`` on an ASR file with 80,000 findings."""
    if not t:
        yield "[]"
        return
    from json.encoder import encode_basestring as quote  # the C encoder json.dumps uses, ensure_ascii off

    item, field = pad + " " * 2, pad + " " * 4
    # Up to "line": written once for each rule and severity, not once per finding (for every
    # pair of the rules and severities found: a set of the pairs took 15 ms on an ASR file).
    heads = {
        (rule, severity): f'{item}{{\n{field}"rule": {quote(rule)},\n{field}"severity": {quote(severity)},\n'
        f'{field}"line": '
        for rule in set(t.rules)
        for severity in set(t.severities)
    }
    yield "[\n"
    for a in range(0, len(t), _ROWS_AT_ONCE):
        window = slice(a, a + _ROWS_AT_ONCE)
        found = t.messages[window]
        n = len(found)
        # Messages that need no escape (every message but one with a quote, a backslash or a
        # control character) are quoted by the pieces around them: told by quoting them all
        # at once, which lengthens the text only where a message needs one (15 -> 4 ms).
        if len(quote(joined := "".join(found))) == len(joined) + 2:
            messages: Iterable[str] = found
            mark = '"'
        else:
            messages, mark = map(quote, found), ""
        del joined
        last = f"{mark}\n{item}}}\n{pad}]" if a + n == len(t) else None  # the last finding without its comma
        yield _interleave(
            map(heads.__getitem__, zip(t.rules[window], t.severities[window], strict=True)),
            _json_numbers(t.lines[window]),
            [f',\n{field}"cue": '] * n,
            _json_numbers(t.cues[window]),
            [f',\n{field}"message": {mark}'] * n,
            messages,
            [f"{mark}\n{item}}},\n"] * n,
            last=last,
        )


def _json_numbers(numbers: list[int | None]) -> Iterable[str]:
    """Each of ``numbers`` as JSON writes it."""
    if None not in numbers:
        return map(str, numbers)
    return ["null" if number is None else str(number) for number in numbers]
