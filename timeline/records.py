"""`NamedTuple` for the records on the fast path, built without compiling anything at run time.

`typing.NamedTuple` turns every field's annotation (a string, under
`from __future__ import annotations`) into a `ForwardRef`, compiling it,
and `collections.namedtuple` compiles a `__new__` for every class (`eval`)
and needs `collections` and `functools`-sized imports: 5 ms of the fast
path's start-up for its 37 record classes (bench/startup.py).  This builds
the same class as Python 3.11's `collections.namedtuple` does (the same
`__new__` signature and errors, `_make`, `_replace`, `_asdict`, `__repr__`,
`__getnewargs__`, `__match_args__`, `_fields`, `_field_defaults`, the field
descriptors), then adds the class body's methods and docstring as `typing`
does, and keeps the annotations as the strings they are.  Each `__new__` is
one of the `_new*` functions below, compiled into this module's .pyc, with
its argument names replaced by the fields' (`CodeType.replace`): nothing is
compiled when a record class is made.  tests/test_records.py checks that the
classes behave as typing's do.  Type checkers see `typing.NamedTuple`:

    if TYPE_CHECKING:
        from typing import NamedTuple
    else:
        from timeline.records import NamedTuple
"""

from __future__ import annotations

try:
    from _collections import _tuplegetter  # type: ignore[import-not-found]  # what collections.namedtuple uses
except ImportError:  # another Python
    from operator import itemgetter

    def _tuplegetter(index: int, doc: str) -> Any:
        return property(itemgetter(index), doc=doc)

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    from typing import Any

_PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults",
                         "_make", "_replace", "_asdict", "_source"})
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})  # typing's `_special`
_tuple_new = tuple.__new__

# fmt: off
# [[[cog
# for k in range(1, 25):
#     names = ", ".join(f"_{i}" for i in range(k))
#     typed = ", ".join(f"_{i}: Any" for i in range(k))
#     cog.outl(f"def _new{k}(_cls: Any, {typed}) -> Any: return _tuple_new(_cls, ({names},))")
# ]]]
def _new1(_cls: Any, _0: Any) -> Any: return _tuple_new(_cls, (_0,))
def _new2(_cls: Any, _0: Any, _1: Any) -> Any: return _tuple_new(_cls, (_0, _1,))
def _new3(_cls: Any, _0: Any, _1: Any, _2: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2,))
def _new4(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3,))
def _new5(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4,))
def _new6(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5,))
def _new7(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6,))
def _new8(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7,))
def _new9(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8,))
def _new10(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9,))
def _new11(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10,))
def _new12(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any, _11: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11,))
def _new13(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any, _11: Any, _12: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12,))
def _new14(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any, _11: Any, _12: Any, _13: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13,))
def _new15(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any, _11: Any, _12: Any, _13: Any, _14: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14,))
def _new16(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any, _11: Any, _12: Any, _13: Any, _14: Any, _15: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15,))
def _new17(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any, _11: Any, _12: Any, _13: Any, _14: Any, _15: Any, _16: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16,))
def _new18(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any, _11: Any, _12: Any, _13: Any, _14: Any, _15: Any, _16: Any, _17: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17,))
def _new19(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any, _11: Any, _12: Any, _13: Any, _14: Any, _15: Any, _16: Any, _17: Any, _18: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18,))
def _new20(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any, _11: Any, _12: Any, _13: Any, _14: Any, _15: Any, _16: Any, _17: Any, _18: Any, _19: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18, _19,))
def _new21(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any, _11: Any, _12: Any, _13: Any, _14: Any, _15: Any, _16: Any, _17: Any, _18: Any, _19: Any, _20: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18, _19, _20,))
def _new22(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any, _11: Any, _12: Any, _13: Any, _14: Any, _15: Any, _16: Any, _17: Any, _18: Any, _19: Any, _20: Any, _21: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18, _19, _20, _21,))
def _new23(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any, _11: Any, _12: Any, _13: Any, _14: Any, _15: Any, _16: Any, _17: Any, _18: Any, _19: Any, _20: Any, _21: Any, _22: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18, _19, _20, _21, _22,))
def _new24(_cls: Any, _0: Any, _1: Any, _2: Any, _3: Any, _4: Any, _5: Any, _6: Any, _7: Any, _8: Any, _9: Any, _10: Any, _11: Any, _12: Any, _13: Any, _14: Any, _15: Any, _16: Any, _17: Any, _18: Any, _19: Any, _20: Any, _21: Any, _22: Any, _23: Any) -> Any: return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18, _19, _20, _21, _22, _23,))
# [[[end]]]
# fmt: on
_NEW = {int(name[4:]): f.__code__ for name, f in list(globals().items()) if name.startswith("_new")}
_function: Any = type(_new1)  # types.FunctionType


def namedtuple(typename: str, fields: list[str], defaults: list[Any], module: str) -> Any:
    """`collections.namedtuple(typename, fields, defaults=defaults, module=module)`, for
    field names that are identifiers (not keywords, no leading underscore, no repeats)."""
    if len(set(fields)) != len(fields) or any(not f.isidentifier() or f.startswith("_") for f in fields):
        raise ValueError(f"{typename}: field names must be distinct identifiers without a leading underscore")
    count = len(fields)
    if count not in _NEW:
        raise TypeError(f"{typename}: more than {max(_NEW)} fields")
    names = tuple(fields)
    code = _NEW[count].replace(co_varnames=("_cls", *names), co_name="__new__", co_qualname=f"{typename}.__new__")
    new = _function(code, {"_tuple_new": _tuple_new}, "__new__", tuple(defaults) or None)
    arguments = ", ".join(names) + ("," if count == 1 else "")
    new.__doc__ = f"Create new instance of {typename}({arguments})"
    namespace: dict[str, Any] = {
        "__doc__": f"{typename}({arguments})", "__slots__": (), "_fields": names,
        "_field_defaults": dict(zip(names[count - len(defaults):], defaults, strict=True)) if defaults else {},
        "__new__": new, "__match_args__": names, **_namedtuple_methods(typename, names),
    }
    for index, name in enumerate(names):
        namespace[name] = _tuplegetter(index, f"Alias for field number {index}")
    record = type(typename, (tuple,), namespace)
    record.__module__ = module
    return record


def _namedtuple_methods(typename: str, names: tuple[str, ...]) -> dict[str, Any]:
    count = len(names)
    repr_format = "(" + ", ".join(f"{name}=%r" for name in names) + ")"

    def _make(cls: Any, iterable: Any) -> Any:
        result = _tuple_new(cls, iterable)
        if len(result) != count:
            raise TypeError(f"Expected {count} arguments, got {len(result)}")
        return result

    def _replace(self: Any, /, **kwds: Any) -> Any:
        result = self._make(map(kwds.pop, names, self))
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    def __repr__(self: Any) -> str:
        text: str = self.__class__.__name__ + repr_format % self
        return text

    def _asdict(self: Any) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    def __getnewargs__(self: Any) -> tuple[Any, ...]:
        return tuple(self)

    _make.__doc__ = f"Make a new {typename} object from a sequence or iterable"
    _replace.__doc__ = f"Return a new {typename} object replacing specified fields with new values"
    __repr__.__doc__ = "Return a nicely formatted representation string"
    _asdict.__doc__ = "Return a new dict which maps field names to their values."
    __getnewargs__.__doc__ = "Return self as a plain tuple.  Used by copy and pickle."
    functions = {"_make": _make, "_replace": _replace, "__repr__": __repr__, "_asdict": _asdict,
                 "__getnewargs__": __getnewargs__}
    for name, function in functions.items():
        function.__qualname__ = f"{typename}.{name}"
    methods: dict[str, Any] = dict(functions)
    methods["_make"] = classmethod(_make)
    return methods


class _Meta(type):
    def __new__(cls, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if bases != (_NamedTuple,):
            raise TypeError("a record derives from NamedTuple alone")
        types = ns.get("__annotations__", {})
        defaults = [name for name in types if name in ns]
        if defaults and list(types)[-len(defaults):] != defaults:
            raise TypeError(f"{typename}: a field without a default follows one with a default")
        record = namedtuple(typename, list(types), [ns[n] for n in defaults], ns["__module__"])
        record.__annotations__ = record.__new__.__annotations__ = dict(types)
        for key in ns:
            if key in _PROHIBITED:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            if key not in _SPECIAL and key not in record._fields:
                setattr(record, key, ns[key])
        return record


_NamedTuple = type.__new__(_Meta, "NamedTuple", (), {})


def NamedTuple(typename: str, fields: Any = None, /, **kwargs: Any) -> Any:  # noqa: N802 - typing's name
    """Only as a base class (`class Entry(NamedTuple): ...`)."""
    raise TypeError("use `class Name(NamedTuple): ...`")


NamedTuple.__mro_entries__ = lambda bases: (_NamedTuple,)  # type: ignore[attr-defined]
