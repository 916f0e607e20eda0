"""The house: the layout shows the stages, and stays that way.

At most 12 modules at the top of the package, the stages as subpackages (``validation``, not
``validate``: a package of that name would hide the public function ``subtools.validation``), no function over
80 lines, no import cycle between modules, every format module both reads and writes, and
the public API's lazy table agrees with ``__all__``.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import subtools
from subtools.formats import FORMATS
from subtools.formats.base import FormatModule

PACKAGE = Path(subtools.__file__).parent
MAX_FUNCTION_LINES = 80
MODULES = sorted(PACKAGE.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_the_stages_are_packages_and_the_top_is_small() -> None:
    top = [p for p in PACKAGE.glob("*.py")]
    packages = [p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()]
    assert len(top) <= 12, sorted(p.name for p in top)
    assert {"parser", "build", "align", "formats", "validation", "media"} <= {p.name for p in packages}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_function_over_80_lines(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long


def _top_level_imports(path: Path) -> set[str]:
    """subtools modules imported when ``path`` is imported (not inside functions or TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("subtools"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                out.add(sub if (PACKAGE.parent / sub.replace(".", "/")).with_suffix(".py").exists() else node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("subtools")}
    return out


def test_no_import_cycle() -> None:
    graph = {_module_name(p): _top_level_imports(p) for p in MODULES}
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        if state.get(name) == 1:
            pytest.fail("import cycle: " + " -> ".join([*trail[trail.index(name) :], name]))
        if state.get(name) == 2:
            return
        state[name] = 1
        for dep in sorted(graph.get(name, ())):
            visit(dep, [*trail, name])
        state[name] = 2

    for name in sorted(graph):
        visit(name, [])


def test_every_format_module_reads_and_writes() -> None:
    parts = set(FormatModule.__annotations__) | {n for n in vars(FormatModule) if not n.startswith("_")}
    assert {"EXTENSIONS", "sniff", "read", "write", "rewrite", "visible_lines"} <= parts
    for fmt, module in FORMATS.items():
        for part in parts:
            assert hasattr(module, part), (fmt, part)
    # A module outside the registry is a shared helper with no format of its own: it
    # neither reads nor writes (base: what formats share; others: naming unsupported ones).
    for path in (PACKAGE / "formats").glob("*.py"):
        module = importlib.import_module(f"subtools.formats.{path.stem}")
        if module not in FORMATS.values():
            assert not hasattr(module, "read"), f"{path.name} reads a format but is not in the registry"
            assert not hasattr(module, "write"), f"{path.name} writes a format but is not in the registry"


def test_public_names_have_one_home_each() -> None:
    homes = subtools._HOME_OF
    assert set(subtools.__all__) == set(homes) | {"__version__"}
    for name, module in homes.items():
        assert getattr(importlib.import_module(module), name) is getattr(subtools, name), name
