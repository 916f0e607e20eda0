"""``value_class`` (subtools.startup.records) behaves as ``@dataclass(frozen=True, slots=True)``:
each shape of class the package uses is built both ways and their instances compared, and
every value class of the package is one."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import os
import pickle
import subprocess
import sys
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import subtools
from subtools.startup.records import value_class

PACKAGE = Path(subtools.__file__).parent
STDLIB = dataclass(frozen=True, slots=True)


def _shapes(decorate: Callable[[type], type]) -> dict[str, type]:
    """One class of each shape, made by ``decorate``: plain fields, defaults, factories,
    fields outside __init__, repr or compare or hash turned off, __post_init__, no docstring,
    a base class."""

    class Plain:
        """Two fields."""

        a: int
        b: str

    class Defaults:
        """Defaults and factories."""

        a: int
        b: tuple[int, ...] = ()
        c: list[int] = field(default_factory=list)
        d: str | None = None

    class Options:
        """Fields left out of repr, comparison, hashing or __init__."""

        a: int
        b: int = field(default=0, repr=False)
        c: int = field(default=0, compare=False)
        d: int = field(default=0, hash=False)
        e: int = field(init=False, default=7)
        f: tuple[int, ...] = field(init=False, default_factory=lambda: (1,))

    class Checked:
        """A __post_init__ that checks and derives."""

        a: int
        half: float = field(init=False, repr=False, compare=False)

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("a must be >= 0")
            object.__setattr__(self, "half", self.a / 2)

    class NoDoc:
        a: int
        b: int = 1

    class Base:
        def twice(self) -> int:
            return 2 * self.a  # type: ignore[attr-defined,no-any-return]

    class Derived(Base):
        """A value class on a plain base."""

        a: int

    return {cls.__name__: decorate(cls) for cls in (Plain, Defaults, Options, Checked, NoDoc, Derived)}


OURS, THEIRS = _shapes(value_class), _shapes(STDLIB)
ARGS: dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]] = {
    "Plain": [((1, "x"), {}), ((1, "y"), {}), ((), {"b": "x", "a": 1})],
    "Defaults": [((1,), {}), ((1, (2,)), {"c": [3]}), ((1,), {"d": "z"})],
    "Options": [((1,), {}), ((1, 2, 3, 4), {}), ((1,), {"c": 9})],
    "Checked": [((4,), {}), ((5,), {})],
    "NoDoc": [((1,), {}), ((1, 2), {})],
    "Derived": [((3,), {})],
}


def _assign_field(obj: Any) -> None:
    obj.a = 0


def _delete_field(obj: Any) -> None:
    del obj.a


def _assign_other(obj: Any) -> None:
    obj.zz = 0


def _outcome(call: Callable[[], Any]) -> tuple[str, str]:
    """What a call gives, or the exception it raises, as text to compare."""
    try:
        return ("ok", repr(call()))
    except Exception as err:  # the point: the two builds raise alike
        return (type(err).__name__, str(err))


@pytest.mark.parametrize("name", sorted(OURS))
def test_each_shape_behaves_as_dataclasses_makes_it(name: str) -> None:
    ours, theirs = OURS[name], THEIRS[name]
    assert str(inspect.signature(ours)) == str(inspect.signature(theirs))
    assert ours.__doc__ == theirs.__doc__
    assert ours.__slots__ == theirs.__slots__  # type: ignore[attr-defined]
    assert ours.__match_args__ == theirs.__match_args__  # type: ignore[attr-defined]
    assert [f.name for f in dataclasses.fields(ours)] == [f.name for f in dataclasses.fields(theirs)]
    made = [(ours(*a, **k), theirs(*a, **k)) for a, k in ARGS[name]]
    for x, y in made:
        assert repr(x) == repr(y)
        assert _outcome(partial(hash, x)) == _outcome(partial(hash, y))
        for attempt in (_assign_field, _delete_field):
            assert _outcome(partial(attempt, x)) == _outcome(partial(attempt, y))
        # Another name: dataclasses 3.11 raises TypeError from super() (its __setattr__ names
        # the class from before __slots__); a value class says what is wrong. Both refuse.
        assert _outcome(partial(_assign_other, x)) == ("FrozenInstanceError", "cannot assign to field 'zz'")
        assert _outcome(partial(_assign_other, y))[0] != "ok"
        changed = dataclasses.replace(x, a=2)
        assert repr(changed) == repr(dataclasses.replace(y, a=2))
        assert dataclasses.asdict(x) == dataclasses.asdict(y)
    for x1, y1 in made:
        for x2, y2 in made:
            assert (x1 == x2) == (y1 == y2)
            assert (x1 == y2) is False  # another class, as between two dataclasses
    assert _outcome(lambda: ours()) == _outcome(lambda: theirs())


@value_class
class Pickled:
    """A module-level value class (pickle finds classes by name)."""

    a: int
    b: tuple[str, ...] = ()
    c: list[int] = field(default_factory=list)
    d: float = field(init=False, default=0.5)


def test_a_value_class_pickles_and_unpickles_frozen() -> None:
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(Pickled(1, ("x",), [2]), protocol=protocol))
        assert back == Pickled(1, ("x",), [2])
        assert repr(back) == "Pickled(a=1, b=('x',), c=[2], d=0.5)"
        with pytest.raises(dataclasses.FrozenInstanceError):
            back.a = 2


def test_post_init_runs_and_its_errors_pass_through() -> None:
    assert OURS["Checked"](4).half == 2.0
    assert _outcome(lambda: OURS["Checked"](-1)) == ("ValueError", "a must be >= 0")
    assert OURS["Derived"](3).twice() == 6


def test_factories_make_a_new_value_for_each_instance() -> None:
    one, two = OURS["Defaults"](1), OURS["Defaults"](1)
    assert one.c == []
    assert one.c is not two.c


@given(st.integers(), st.text(max_size=5), st.integers(), st.text(max_size=5))
def test_equality_and_hashes_agree_on_any_values(a1: int, b1: str, a2: int, b2: str) -> None:
    ours, theirs = OURS["Plain"], THEIRS["Plain"]
    x1, x2, y1, y2 = ours(a1, b1), ours(a2, b2), theirs(a1, b1), theirs(a2, b2)
    assert (x1 == x2) == (y1 == y2)
    assert hash(x1) == hash(y1)
    assert repr(x2) == repr(y2)


def test_a_class_of_its_own_methods_is_refused_or_kept_as_dataclasses_does() -> None:
    class OwnRepr:
        a: int

        def __repr__(self) -> str:
            return "mine"

    assert repr(value_class(OwnRepr)(1)) == "mine"  # type: ignore[call-arg]

    class OwnSetattr:
        a: int

        def __setattr__(self, name: str, value: Any) -> None:
            pass

    for decorate in (value_class, STDLIB):
        with pytest.raises(TypeError, match="Cannot overwrite attribute __setattr__"):
            decorate(OwnSetattr)


def _decorator_names(path: Path) -> list[tuple[str, str]]:
    """(class, decorator source) of every decorated class in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.name, ast.unparse(d))
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for d in node.decorator_list
    ]


def test_every_frozen_class_of_the_package_is_a_value_class() -> None:
    """One way to make a frozen value class: a stdlib-frozen one would bring back its cost."""
    frozen_by_stdlib = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name, deco in _decorator_names(path)
        if deco.startswith("dataclass(") and "frozen=True" in deco
    ]
    assert not frozen_by_stdlib
    values: list[type] = [
        getattr(importlib.import_module(_module(path)), name)
        for path in sorted(PACKAGE.rglob("*.py"))
        for name, deco in _decorator_names(path)
        if deco == "value_class"
    ]
    assert len(values) > 40
    for cls in values:
        assert dataclasses.is_dataclass(cls), cls
        assert "__slots__" in cls.__dict__, cls
        # A class without a docstring gets one made by inspect.signature: 5-20 ms at import.
        assert not (cls.__doc__ or "").startswith(f"{cls.__name__}("), f"{cls.__qualname__} needs a docstring"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


_COUNT_COMPILES = """
import sys
import subtools.startup.records as records
calls = []
records.compile = lambda *args: calls.append(args[1]) or compile(*args)  # shadows the builtin there
import subtools.parser, subtools.build, subtools.model
print(len(calls), len(records._store.used))
"""


def _compiles_in_a_new_process(env: dict[str, str]) -> tuple[int, int]:
    """(``__init__`` compiled, ``__init__`` made) when a new process imports the parser and builder."""
    out = subprocess.run([sys.executable, "-c", _COUNT_COMPILES], env=env, check=True, capture_output=True, text=True)
    compiled, made = out.stdout.split()
    return int(compiled), int(made)


def test_a_warm_start_compiles_no_init_and_a_damaged_cache_only_costs_compiling(tmp_path: Path) -> None:
    env = {**os.environ, "SUBTOOLS_CACHE_DIR": str(tmp_path)}
    env.pop("SUBTOOLS_NO_CACHE", None)
    cold, made = _compiles_in_a_new_process(env)
    assert cold == made > 20  # nothing cached yet: every __init__ compiled
    seed = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts" / "arirang-lee-ji-won.txt"
    subprocess.run(
        [sys.executable, "-m", "subtools", "convert", str(seed), "-o", str(tmp_path / "s.srt")], env=env, check=True
    )
    (cache,) = tmp_path.glob("inits-*.marshal")  # written by the command line at exit
    assert _compiles_in_a_new_process(env) == (0, made)
    cache.write_bytes(cache.read_bytes()[: cache.stat().st_size // 2])  # cut short: damaged
    assert _compiles_in_a_new_process(env) == (made, made)
    assert _compiles_in_a_new_process({**env, "SUBTOOLS_NO_CACHE": "1"}) == (made, made)


def test_a_cached_code_for_another_file_name_is_compiled_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    from subtools.startup import records
    from subtools.startup.cache import Store

    source = "def __init__(self):\n    pass"
    store = Store(lambda: None)
    store._stored = {f"<value_class a.B>\n{source}": compile(source, "<other>", "exec")}
    monkeypatch.setattr(records, "_store", store)
    assert records._code_of(source, "<value_class a.B>").co_filename == "<value_class a.B>"


def test_init_resolves_its_annotations_in_the_module_as_a_dataclass_does() -> None:
    from subtools.model import Cue

    hints = typing.get_type_hints(Cue.__init__)
    assert hints["kind"] is importlib.import_module("subtools.model").CueKind
    assert Cue.__init__.__module__ == "subtools.model"


def test_a_class_of_its_own_hash_keeps_it_as_with_dataclasses() -> None:
    def make() -> type:
        class Hashless:
            """Unhashable on purpose."""

            a: int
            __hash__ = None  # type: ignore[assignment]

        return Hashless

    decorators: list[Callable[[type], Any]] = [value_class, STDLIB]
    for decorate in decorators:
        with pytest.raises(TypeError, match="unhashable"):
            hash(decorate(make())(1))


@pytest.mark.parametrize("shape", ["order", "initvar"])
def test_what_dataclasses_refuses_a_value_class_refuses(shape: str) -> None:
    def make() -> type:
        if shape == "order":

            class Order:
                a: int = 0
                b: int

            return Order

        class WithInitVar:
            a: int
            b: dataclasses.InitVar[int]

        return WithInitVar

    with pytest.raises(TypeError):
        value_class(make())
    if shape != "initvar":  # dataclasses takes an InitVar; a value class does not
        with pytest.raises(TypeError):
            STDLIB(make())
