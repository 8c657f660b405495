"""`NamedTuple` for the records on the fast path, without checking annotations at run time.

`typing.NamedTuple` turns every field's annotation (a string, under
`from __future__ import annotations`) into a `ForwardRef`, compiling it:
3 ms of the fast path's start-up for its 37 record classes.  This builds
the same class (`collections.namedtuple` with the defaults, then the
class body's methods and docstring, as Python 3.11's `typing` does) and
keeps the annotations as the strings they are.  Type checkers see
`typing.NamedTuple`:

    if TYPE_CHECKING:
        from typing import NamedTuple
    else:
        from timeline.records import NamedTuple
"""

from __future__ import annotations

import collections

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    from typing import Any

_PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults",
                         "_make", "_replace", "_asdict", "_source"})
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})


class _Meta(type):
    def __new__(cls, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if bases != (_NamedTuple,):
            raise TypeError("a record derives from NamedTuple alone")
        types = ns.get("__annotations__", {})
        defaults = [name for name in types if name in ns]
        if defaults and list(types)[-len(defaults):] != defaults:
            raise TypeError(f"{typename}: a field without a default follows one with a default")
        record = collections.namedtuple(typename, list(types), defaults=[ns[n] for n in defaults],  # type: ignore[misc]
                                        module=ns["__module__"])
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
