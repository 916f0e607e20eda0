"""Frozen value classes that cost little to build.

Why not ``@dataclass(frozen=True, slots=True)`` itself: for each class, dataclasses writes
the source of six methods (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``) and compiles it, and a ``subtools convert`` imports 35 such
classes: about a fifth of its CPU time went to building them before it read a byte (issue
14 asks for start-up within 1.3x of importing click, srt and pysubs2). Compiling costs by the
size of the source, so :func:`value_class` compiles only ``__init__`` (its signature and its
speed depend on the fields); the other five are functions shared by every value class, each
reading the class's fields through an ``operator.attrgetter`` made once per class, with the
behaviour dataclasses gives them. Everything else is left to dataclasses (fields, defaults,
``__slots__``, ``__match_args__``, ``__dataclass_fields__``), so ``dataclasses.replace``,
``fields`` and ``asdict`` work as before, and mypy reads the decorator as a dataclass
(``dataclass_transform``). ``tests/test_records.py`` holds value classes and dataclasses
equal, shape by shape.
"""

from __future__ import annotations

import dataclasses
import reprlib
import sys
from collections.abc import Callable
from operator import attrgetter
from types import CodeType
from typing import Any, TypeVar, dataclass_transform

from subtools.startup.cache import Store, cache_file

__all__ = ["value_class"]

_C = TypeVar("_C", bound=type)


class _Factory:
    """The default an ``__init__`` shows for a field made by a factory, as dataclasses does."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def value_class(cls: _C) -> _C:
    """``@dataclass(frozen=True, slots=True)``, with one method compiled instead of six.

    Unlike a dataclass, its ``__dataclass_params__`` say init, repr, eq and frozen are off
    (dataclasses made none of those methods), so a dataclass cannot subclass a value class,
    nor a value class a frozen dataclass: none does.

    Raises:
        TypeError: a class that sets ``__setattr__`` or ``__delattr__`` itself (as
            dataclasses refuses them in a frozen class), a field without a default after
            one with a default (as dataclasses), or a keyword-only or ``InitVar`` field (not
            supported here: no value class has one).
    """
    own = dict(cls.__dict__)
    for name in ("__setattr__", "__delattr__"):
        if name in own:
            raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
    # A class's own __hash__ (None included) stays, as dataclasses keeps it on a frozen
    # class; a None that Python put there because the class defines __eq__ is not its own.
    own_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if any("InitVar" in str(kind) for kind in own.get("__annotations__", {}).values()):
        raise TypeError(f"{cls.__name__}: InitVar fields are not supported by value_class")
    # frozen=False and no methods: dataclasses makes the fields and the slots, the methods
    # are set below.
    built: Any = dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=True)
    fields = dataclasses.fields(built)
    if any(f.kw_only for f in fields):
        raise TypeError(f"{built.__qualname__}: keyword-only fields are not supported by value_class")
    methods: dict[str, Callable[..., Any]] = {
        "__init__": _compile_init(built, fields),
        "__repr__": _repr_method(tuple(f.name for f in fields if f.repr)),
        "__eq__": _eq_method(_tuple_getter([f.name for f in fields if f.compare])),
        "__hash__": _hash_method(_tuple_getter([f.name for f in fields if _hashed(f)])),
        "__setattr__": _frozen_setattr,
        "__delattr__": _frozen_delattr,
        "__getstate__": _getstate,  # pickling, as dataclasses does a frozen slotted class
        "__setstate__": _setstate,
    }
    for name, method in methods.items():
        if (name in ("__init__", "__repr__", "__eq__") and name in own) or (name == "__hash__" and own_hash):
            continue  # a class's own __init__, __repr__, __eq__ or __hash__ stays, as with dataclasses
        setattr(built, name, method)
    if not own.get("__doc__"):  # dataclasses' docstring for a class without one
        import inspect

        built.__doc__ = built.__name__ + str(inspect.signature(built)).replace(" -> None", "")
    return built  # type: ignore[no-any-return]


def _hashed(f: dataclasses.Field[Any]) -> bool:
    return f.compare if f.hash is None else f.hash


def _compile_init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """``__init__``, as dataclasses 3.11 writes it for a frozen class: each field stored with
    ``object.__setattr__``, a factory called when its field is not given, ``__post_init__``
    last."""
    # Made by a factory run in the class's module, as dataclasses does: the method's globals
    # are the module's (typing.get_type_hints resolves its annotations there), and the
    # defaults and factories are the factory's arguments, so its source names no value.
    closure: dict[str, Any] = {"__set": object.__setattr__, "__factory": _FACTORY}
    params, body, defaulted = [], [], None
    for f in fields:
        if f.default is not dataclasses.MISSING:
            closure[f"__default_{f.name}"] = f.default
        if f.default_factory is not dataclasses.MISSING:
            closure[f"__make_{f.name}"] = f.default_factory
        value = _init_value(f)
        if value is not None:
            body.append(f"        __set(self, {f.name!r}, {value})")
        if f.init:
            params.append(_init_param(f))
            if params[-1] == f.name and defaulted:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
            defaulted = defaulted or params[-1] != f.name
    if hasattr(cls, "__post_init__"):
        body.append("        self.__post_init__()")
    source = "\n".join(
        [
            f"def __create_init__({', '.join(closure)}):",
            f"    def __init__(self, {', '.join(params)}):",
            *body,
            "        pass",
            "    return __init__",
        ]
    )
    namespace: dict[str, Any] = {}
    module = sys.modules.get(cls.__module__)
    exec(
        _code_of(source, f"<value_class {cls.__module__}.{cls.__qualname__}>"),
        vars(module) if module else {},
        namespace,
    )
    init: Callable[..., None] = namespace["__create_init__"](**closure)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {f.name: f.type for f in fields if f.init} | {"return": None}
    return init


def _code_of(source: str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``, from the cache when it holds that source: the
    35 ``__init__`` of a convert took ~4 ms to compile, ~0.3 ms to read back. The key is the
    whole source and the file is keyed by Python's exact version, so a code object is only
    ever run by the Python that compiled it, for the source it was compiled from (as Python
    trusts the bytecode in ``__pycache__``)."""
    key = f"{filename}\n{source}"
    code = _store.get(key)
    if type(code) is not CodeType or code.co_filename != filename:  # absent or damaged
        code = compile(source, filename, "exec")
    _store.keep(key, code)
    return code


def inits_path() -> str | None:
    """The cache file of compiled ``__init__`` methods, or None when caching is off."""
    return cache_file("inits", "1")


_store = Store(inits_path)


def _init_param(f: dataclasses.Field[Any]) -> str:
    if f.default_factory is not dataclasses.MISSING:
        return f"{f.name}=__factory"
    if f.default is not dataclasses.MISSING:
        return f"{f.name}=__default_{f.name}"
    return f.name


def _init_value(f: dataclasses.Field[Any]) -> str | None:
    """What ``__init__`` stores in the field, or None: a field outside ``__init__`` with no
    default is left for ``__post_init__``."""
    if f.default_factory is not dataclasses.MISSING:
        return f"__make_{f.name}() if {f.name} is __factory else {f.name}" if f.init else f"__make_{f.name}()"
    if f.init:
        return f.name
    return f"__default_{f.name}" if f.default is not dataclasses.MISSING else None


def _tuple_getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values as a tuple, as dataclasses' methods compare and hash them (an
    ``attrgetter`` of one name gives the value itself, not a tuple)."""
    if len(names) >= 2:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _repr_method(names: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        shown = ", ".join([f"{name}={getattr(self, name)!r}" for name in names])
        return f"{self.__class__.__qualname__}({shown})"

    return reprlib.recursive_repr()(__repr__)  # "..." for a value that holds itself, as dataclasses


def _eq_method(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, object], Any]:
    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash_method(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


# dataclasses' versions let a subclass set names that are not fields; a value class has
# slots and no subclasses, so any assignment is refused.
def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(dataclasses.fields(self), state, strict=False):
        object.__setattr__(self, f.name, value)
