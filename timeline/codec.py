"""The records of a resolved timeline as values `marshal` writes, and back.

The cache (timeline/snapshot.py) stores each entry as one marshal stream of
what `pack` returns: builtins as they are, and the rest as tuples headed by
a small integer:

- a record class of `timeline.model` or `timeline.dates` (its position in
  `CLASSES`, >= 0), followed by its fields;
- a plain tuple (`TUPLE`), a `datetime.date` (`DATE`, its ordinal), a
  `datetime.time`, `datetime.datetime`, `datetime.timedelta` or a fixed-offset
  `datetime.timezone` (its parts).

Why not pickle: reading a pickle needs `_pickle`, whose import loads
`copyreg`, `_compat_pickle`, `functools` and `collections` (3 ms of the fast
path's start-up, bench/startup.py), and its stream may name any class.
`unpack` makes only the classes listed here, checks every record's number
of fields, and raises `ValueError` on anything else: a cache that is not
ours is never trusted.  Records are made with `tuple.__new__` (no Python
`__new__` call per record), so reading a whole timeline stays within 1.3x
of unpickling it (docs/scale.md).
"""

from __future__ import annotations

from timeline import dates, model
from timeline.datetimes import datetime

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    from typing import Any


def _records(*owners: Any) -> list[type]:
    found = [cls for owner in owners for name, cls in vars(owner).items()
             if isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")
             and cls.__module__ == owner.__name__ and not name.startswith("_")]
    return sorted(found, key=lambda cls: (cls.__module__, cls.__name__))


CLASSES: tuple[Any, ...] = tuple(_records(model, dates))
"""The record classes a cache may hold, by position (the order is part of the
code version that keys the cache)."""
_ARITY = tuple(len(cls._fields) + 1 for cls in CLASSES)
_CODE = {cls: code for code, cls in enumerate(CLASSES)}
_PLAIN_TYPES = {"str", "int", "bool", "float", "str | None", "int | None", "bool | None", "float | None"}
"""Annotations of the fields `pack` takes as they are (mypy holds the resolver to them;
marshal refuses anything else)."""
TUPLE, DATE, TIME, DATETIME, TIMEDELTA, TIMEZONE = -1, -2, -3, -4, -5, -6
_EMPTY = (TUPLE,)  # most tuples of a record (links, tags, revisions) are empty
_PLAIN = (str, int, float, bool, type(None), bytes)
_NESTED = frozenset({tuple, list, dict})  # what `unpack` walks; everything else comes back as marshal made it
_new = tuple.__new__
_date = datetime.date.fromordinal
_SHARED = model.Derived
"""The record whose sharing `pack` and `unpack` keep (a window's end resting on its start,
a date and its window's start): the views tell them apart by identity (`derivation.walk`,
render/json.py's `date_is`); other records are equal wherever they repeat."""
_SHARED_CODE = _CODE[_SHARED]


def pack(value: Any) -> Any:
    """`value` as builtins that marshal writes; TypeError for a value of another type.
    A record met twice is packed once, so marshal writes it once and `unpack` gives
    back one object: the views tell shared dates by identity (derivation.walk)."""
    memo: dict[int, tuple[Any, ...]] = {}  # id(record) -> its packed tuple; the records live as long as `value`
    packers = _PACKERS or _make_packers()

    def walk(value: Any) -> Any:
        kind = type(value)
        packer = packers.get(kind)
        if packer is not None:
            if kind is not _SHARED:
                return packer(value, walk)
            found = memo.get(id(value))
            if found is None:
                found = memo[id(value)] = packer(value, walk)
            return found
        if kind in _PLAIN:
            return value
        if kind is tuple:
            return (TUPLE, *[walk(v) if type(v) not in _PLAIN else v for v in value]) if value else _EMPTY
        if kind is list:
            return [walk(v) if type(v) not in _PLAIN else v for v in value]
        if kind is dict:
            return {_key(k): walk(v) if type(v) not in _PLAIN else v for k, v in value.items()}
        return _pack_time(value)

    return walk(value)


_PACKERS: dict[type, Any] = {}


def _make_packers() -> dict[type, Any]:
    """One function a record class, `packer(record, walk)`, written out field by field:
    fields annotated with a plain type are taken as they are (marshal refuses a wrong
    one: no cache), the others go through `walk` unless plain.  Made on the first
    `pack` (the write path), not at import: half the time of a walk over the fields."""
    for code, cls in enumerate(CLASSES):
        parts = [f"v[{i}]" if cls.__annotations__.get(name) in _PLAIN_TYPES else f"(x if type(x := v[{i}]) in P else w(x))"
                 for i, name in enumerate(cls._fields)]
        namespace: dict[str, Any] = {"P": _PLAIN}
        exec(f"def packer(v, w):\n    return ({code}, {', '.join(parts)},)\n", namespace)  # noqa: S102 - our own text
        _PACKERS[cls] = namespace["packer"]
    return _PACKERS


def _pack_time(value: Any) -> tuple[Any, ...]:
    kind = type(value)
    if kind is datetime.date:
        return (DATE, value.toordinal())
    if kind is datetime.datetime:
        return (DATETIME, value.year, value.month, value.day, value.hour, value.minute, value.second,
                value.microsecond, value.fold, None if value.tzinfo is None else _pack_time(value.tzinfo))
    if kind is datetime.time:
        return (TIME, value.hour, value.minute, value.second, value.microsecond, value.fold,
                None if value.tzinfo is None else _pack_time(value.tzinfo))
    if kind is datetime.timedelta:
        return (TIMEDELTA, value.days, value.seconds, value.microseconds)
    if kind is datetime.timezone:
        offset, *name = value.__getinitargs__()  # what pickle stores: (offset[, name])
        return (TIMEZONE, offset.days, offset.seconds, offset.microseconds, name[0] if name else None)
    raise TypeError(f"cannot store a {kind.__module__}.{kind.__qualname__} in the cache")


def _key(key: Any) -> Any:
    if type(key) not in _PLAIN:
        raise TypeError(f"cannot store a {type(key).__qualname__} dictionary key in the cache")
    return key


def unpack(value: Any) -> Any:
    """What `pack` was given; ValueError for anything `pack` does not make."""
    memo: dict[int, Any] = {}  # id(packed shared record) -> the record: what marshal shared stays shared

    def walk(value: Any) -> Any:
        kind = type(value)
        if kind is tuple:
            try:
                code = value[0]
                if code >= 0:
                    if code == _SHARED_CODE:
                        found = memo.get(id(value))
                        if found is not None:
                            return found
                    if len(value) != _ARITY[code]:
                        raise ValueError("a record with another number of fields")
                    found = _new(CLASSES[code], [walk(v) if type(v) in _NESTED else v for v in value[1:]])
                    if code == _SHARED_CODE:  # only these are shared (`pack`): no memo for the others
                        memo[id(value)] = found
                    return found
                if code == TUPLE:
                    return tuple([walk(v) if type(v) in _NESTED else v for v in value[1:]])
                if code == DATE:
                    (ordinal,) = value[1:]
                    return _date(ordinal)
                return _unpack_time(code, value[1:])
            except (IndexError, TypeError, OverflowError) as error:  # a short tuple, a code that is not an int, ...
                raise ValueError(f"not a packed value: {error}") from None
        if kind is list:
            return [walk(v) if type(v) in _NESTED else v for v in value]
        if kind is dict:
            return {k: walk(v) if type(v) in _NESTED else v for k, v in value.items()}
        return value

    return walk(value)


def _unpack_time(code: int, parts: tuple[Any, ...]) -> Any:
    if code == DATETIME:
        year, month, day, hour, minute, second, microsecond, fold, zone = parts
        return datetime.datetime(year, month, day, hour, minute, second, microsecond, tzinfo=_zone(zone), fold=fold)
    if code == TIME:
        hour, minute, second, microsecond, fold, zone = parts
        return datetime.time(hour, minute, second, microsecond, tzinfo=_zone(zone), fold=fold)
    if code == TIMEDELTA:
        return datetime.timedelta(*parts)
    if code == TIMEZONE:
        return _zone((code, *parts))
    raise ValueError(f"not a packed value: code {code!r}")


def _zone(value: Any) -> datetime.timezone | None:
    if value is None:
        return None
    if type(value) is not tuple or len(value) != 5 or value[0] != TIMEZONE:
        raise ValueError("not a packed time zone")
    _, days, seconds, microseconds, name = value
    offset = datetime.timedelta(days, seconds, microseconds)
    return datetime.timezone(offset) if name is None else datetime.timezone(offset, name)
