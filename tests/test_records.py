"""timeline.records.NamedTuple builds the classes typing.NamedTuple builds: the same
behaviour, signatures, errors and pickling, for every record class of the package."""

from __future__ import annotations

import copy
import inspect
import pickle
import typing

import pytest

from timeline import dates, fastargs, model, records, views


def _pair(fields: list[tuple[str, object]], count_defaults: int) -> tuple[type, type]:
    """The same class body given to typing's NamedTuple and to ours."""
    annotations = {name: "int" for name, _ in fields}
    defaults = {name: value for name, value in fields[len(fields) - count_defaults:]}

    def body(ns: dict[str, object]) -> None:
        ns["__annotations__"] = dict(annotations)
        ns.update(defaults)
        ns["__module__"] = __name__
        ns["__doc__"] = "A record."
        ns["total"] = lambda self: sum(v for v in self if isinstance(v, int))

    return _make_class(typing.NamedTuple, body), _make_class(records.NamedTuple, body)


def _make_class(base: object, body: typing.Callable[[dict[str, object]], None]) -> type:
    ns: dict[str, object] = {}
    body(ns)
    bases = typing.cast(typing.Any, base).__mro_entries__((base,)) if hasattr(base, "__mro_entries__") else (base,)
    meta = type(bases[0])
    return typing.cast(type, meta("Rec", bases, ns))


def _parameters(cls: type) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(cls).parameters.values()]


def _outcome(call: typing.Callable[[], object]) -> tuple[str, str]:
    try:
        return "ok", repr(call())
    except Exception as error:  # noqa: BLE001 - the outcome compared, whatever it is
        return type(error).__name__, str(error)


@pytest.mark.parametrize(("size", "count_defaults"),
                         [(size, count) for size in (1, 2, 3, 5, 9, 17, 24) for count in (0, 1, 2) if count <= size])
def test_our_records_behave_as_typings(size: int, count_defaults: int) -> None:
    fields = [(f"f{i}", i * 10) for i in range(size)]
    theirs, ours = _pair(fields, count_defaults)
    assert ours.__mro__[1:] == theirs.__mro__[1:] == (tuple, object)
    for attr in ("_fields", "_field_defaults", "__match_args__", "__doc__", "__slots__", "__module__", "__name__",
                 "__qualname__"):
        assert getattr(ours, attr) == getattr(theirs, attr), attr
    assert _parameters(ours) == _parameters(theirs)  # annotations differ on purpose: strings, not ForwardRefs
    for attr in ("_make", "_replace", "_asdict", "__repr__", "__getnewargs__", "__new__"):
        assert getattr(ours, attr).__doc__.replace("Rec", "X") == getattr(theirs, attr).__doc__.replace("Rec", "X"), attr
    required = size - count_defaults
    calls: list[typing.Callable[[type], object]] = [
        lambda c: c(*range(required)),
        lambda c: c(*range(size)),
        lambda c: c(*range(size + 1)),
        lambda c: c(*range(max(required - 1, 0))),
        lambda c: c(**{f"f{i}": i for i in range(size)}),
        lambda c: c(*range(required), bogus=1),
        lambda c: c(*range(size))._replace(f0=99),
        lambda c: c(*range(size))._replace(nope=1),
        lambda c: c(*range(size))._asdict(),
        lambda c: c._make(range(size)),
        lambda c: c._make(range(size + 1)),
        lambda c: c(*range(size)).total(),
        lambda c: c(*range(size)).__getnewargs__(),
        lambda c: copy.deepcopy(c(*range(size))),
        lambda c: c(*range(size))[size - 1],
        lambda c: [getattr(c(*range(size)), f"f{i}") for i in range(size)],
        lambda c: c(*range(size)) == tuple(range(size)),
        lambda c: hash(c(*range(size))) == hash(tuple(range(size))),
    ]
    for call in calls:
        assert _outcome(lambda call=call: call(ours)) == _outcome(lambda call=call: call(theirs))
    value = ours(*range(size))
    match value:
        case ours(f0=first):
            assert first == 0
        case _:
            pytest.fail("match by keyword")


def test_bad_class_bodies_are_refused_as_typing_refuses_them() -> None:
    with pytest.raises(TypeError, match="without a default follows"):
        class Bad(records.NamedTuple):
            a: int = 1
            b: int
    with pytest.raises(AttributeError, match="Cannot overwrite NamedTuple attribute _replace"):
        class Clash(records.NamedTuple):
            a: int

            def _replace(self) -> None: ...
    with pytest.raises(ValueError, match="distinct identifiers"):
        records.namedtuple("Dup", ["a", "a"], [], __name__)
    with pytest.raises(TypeError, match="more than 24 fields"):
        records.namedtuple("Wide", [f"f{i}" for i in range(25)], [], __name__)


PACKAGE_RECORDS = [cls for owner in (model, dates, views, fastargs) for cls in vars(owner).values()
                   if isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")
                   and cls.__module__ == owner.__name__]


def test_every_record_class_of_the_package_is_one_of_ours() -> None:
    assert len(PACKAGE_RECORDS) >= 30
    for cls in PACKAGE_RECORDS:
        assert type(cls).__name__ == "type"  # what collections.namedtuple makes: no metaclass left behind
        assert cls.__new__.__code__.co_varnames[1:] == cls._fields
        assert cls.__new__.__code__.co_filename == records.__file__


@pytest.mark.parametrize("cls", PACKAGE_RECORDS, ids=lambda c: c.__name__)
def test_package_records_pickle_and_replace(cls: type) -> None:
    fields: tuple[str, ...] = typing.cast(typing.Any, cls)._fields
    value = cls(*range(len(fields)))
    assert pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) == value
    assert typing.cast(typing.Any, value)._replace(**{fields[0]: "x"})[0] == "x"
