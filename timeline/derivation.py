"""How a date was derived, as a flat walk of steps that each writer renders its
own way (text indents and colours them, the calendar writes them plainly).
Pure; no formatting here beyond the step's own words."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from timeline.dates import PartialDate
from timeline.model import Derived

DATE, REPEATED, NOTE, ASSUMED, OTHER_READING = "date", "repeated", "note", "assumed", "other-reading"


class Step(NamedTuple):
    """One line of a derivation.

    kind DATE: `label value how` ("until 2026-11-10 = since + 1 year");
    REPEATED: a date already shown above (a window's start, under its end);
    NOTE and ASSUMED: `text` about the date above; OTHER_READING: the steps
    that follow (one level deeper) are another reading of the date above.
    """

    depth: int
    kind: str
    label: str = ""
    value: PartialDate | None = None
    text: str = ""


def lines(steps: list[Step], indent: int = 0, mark: Callable[[str, str], str] = lambda text, kind: text) -> list[str]:
    """The steps as lines, two spaces a level; `mark(text, kind)` may style the
    "assumed:" and "other reading:" labels (the terminal colours them)."""
    out = []
    for step in steps:
        pad = "  " * (step.depth + indent)
        if step.kind == DATE:
            out.append(f"{pad}{step.label} {step.value} {step.text}")
        elif step.kind == REPEATED:
            out.append(f"{pad}{step.label} {step.value} (above)")
        elif step.kind == NOTE:
            out.append(f"{pad}note: {step.text}")
        elif step.kind == ASSUMED:
            out.append(f"{pad}{mark('assumed:', ASSUMED)} {step.text}")
        else:
            out.append(f"{pad}{mark('other reading:', OTHER_READING)}")
    return out


def walk(label: str, derived: Derived, depth: int = 0, seen: set[int] | None = None) -> list[Step]:
    """The steps of `derived` and of every date it rests on, nearest first.
    Pass the same `seen` to several walks to show a shared date only once."""
    seen = set() if seen is None else seen
    if id(derived) in seen:
        return [Step(depth, REPEATED, label, derived.value)]
    seen.add(id(derived))
    steps = [Step(depth, DATE, label, derived.value, derived.how)]
    if derived.note:
        steps.append(Step(depth + 1, NOTE, text=derived.note))
    if derived.assumption:
        steps.append(Step(depth + 1, ASSUMED, text=derived.assumption))
    for base_label, base in derived.basis:
        steps += walk(base_label, base, depth + 1, seen)
    if derived.alternative is not None:
        steps.append(Step(depth + 1, OTHER_READING))
        steps += walk(label, derived.alternative, depth + 2, seen)
    return steps
