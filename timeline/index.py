"""Columns of a resolved timeline for the queries that read only a few entries.

Built once with the cache (timeline/snapshot.py) and read from it with `bisect`,
so that `next` and `show` cost O(log n + k) however many events the file holds:

- `m_first`, `m_code`: every milestone that can be upcoming (not of a cancelled
  event), in `Milestone.sort_key` order (first day first): its first day as an
  ordinal, and `entry index * 4 + part` (0 date, 1 start, 2 end).
- `o_first`, `o_last`, `o_pos`: those of them longer than a day that a past
  first day does not rule out (not a confirmed event): first and last day, and
  their position in `m_*`, grouped by span (`SPANS`; bounds and longest span
  of each group in `facts`).  `next` on day D takes, in each group, the ones
  with first day in [D - longest, D) and last day >= D, then every milestone
  from D on.
- `id_sorted` (table of ids, sorted) and `id_entry`: id -> entry index, by bisect.
- `backlinks` (table): per entry, the indices of the entries linking to it.
- `facts` (value): the newest source's last day (ordinal), the `o_*` groups.

The answers are the views' own records (`Milestone`, `Entry`), read one entry
at a time, so the renderers print exactly what they print on the whole timeline.
"""

from __future__ import annotations

from bisect import bisect_left

from timeline.datetimes import datetime
from timeline.model import ENDS, HAPPENS, STARTS, Entry, Milestone, Timeline

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    import array
    from collections.abc import Callable
    from typing import Any

PARTS = ("date", "start", "end")
SPANS = (31, 92, 184, 366, 1 << 40)
"""Groups of the milestones longer than a day, by span (last - first day): a month, a
season or quarter, a half, a year, longer.  `next` on day D scans each group from
D minus its longest span, so a month group costs a month of milestones, not a year."""
_KINDS = {"date": HAPPENS, "start": STARTS, "end": ENDS}


def columns(timeline: Timeline) -> tuple[dict[str, Any], dict[str, array.array[int]], dict[str, list[Any]]]:
    """(values, arrays, tables) for `cache.write`."""
    import array  # only when writing the cache (its import pulls in `collections`: 1.5 ms)

    from timeline import views

    position = {id(e): i for i, e in enumerate(timeline.entries)}
    m_first, m_code = array.array("q"), array.array("q")
    groups: list[list[tuple[int, int, int]]] = [[] for _ in SPANS]
    for m in views.all_milestones(timeline):
        if m.entry.cancelled:
            continue  # never upcoming
        part = 0 if m.milestone == HAPPENS else 1 if m.milestone == STARTS else 2
        first, last = m.date.value.first_day().toordinal(), m.date.value.last_day().toordinal()
        if last > first and not (part == 0 and m.entry.event.certainty == "confirmed"):
            groups[bisect_left(SPANS, last - first)].append((first, last, len(m_first)))
        m_first.append(first)
        m_code.append(position[id(m.entry)] * 4 + part)
    o_first, o_last, o_pos = array.array("q"), array.array("q"), array.array("q")
    bounds = []
    for group in groups:  # each in position order, so also by first day
        bounds.append((len(o_first), len(o_first) + len(group), max((last - first for first, last, _ in group), default=0)))
        for first, last, pos in group:
            o_first.append(first)
            o_last.append(last)
            o_pos.append(pos)
    first_of: dict[str, int] = {}
    for i, e in enumerate(timeline.entries):
        first_of.setdefault(e.id, i)  # the first of an id wins, as in Timeline.get
    ids = sorted(first_of)
    backlinks: list[list[int]] = [[] for _ in timeline.entries]
    for i, e in enumerate(timeline.entries):
        for target in dict.fromkeys(link.target for link in e.event.links):
            if target in first_of:
                backlinks[first_of[target]].append(i)
    days = [s.published.last_day().toordinal() for s in timeline.sources.values()]
    facts = {"newest": max(days) if days else None, "groups": bounds}
    arrays = {"m_first": m_first, "m_code": m_code, "o_first": o_first, "o_last": o_last, "o_pos": o_pos,
              "id_entry": array.array("q", [first_of[k] for k in ids])}
    return {"facts": facts}, arrays, {"id_sorted": ids, "backlinks": [tuple(b) for b in backlinks]}


class Index:
    """The columns of an open cache, and `entry(i)` to read one entry."""

    def __init__(self, opened: Any, entry: Callable[[int], Entry]):
        self._cache = opened
        self.entry = entry
        self.facts: dict[str, Any] = opened.value("facts")

    def newest(self) -> datetime.date | None:
        """The newest source's last day (what `views.freshness` of the whole file starts from)."""
        found = self.facts["newest"]
        return None if found is None else datetime.date.fromordinal(found)

    def upcoming(self, as_of: datetime.date, limit: int, until: datetime.date | None = None) -> list[Milestone]:
        """`views.upcoming(timeline, as_of, limit, None, until)`, reading only what it returns."""
        day = as_of.toordinal()
        m_first, m_code = self._cache.array("m_first"), self._cache.array("m_code")
        o_first, o_last, o_pos = self._cache.array("o_first"), self._cache.array("o_last"), self._cache.array("o_pos")
        start = bisect_left(m_first, day)
        chosen = []
        for lo, hi, longest in self.facts["groups"]:
            hits = 0
            for j in range(bisect_left(o_first, day - longest, lo, hi), bisect_left(o_first, day, lo, hi)):
                if o_last[j] >= day:
                    chosen.append(o_pos[j])
                    hits += 1
                    if hits == limit:
                        break  # the group is in position order: the rest come after these
        chosen.sort()
        if len(chosen) < limit:
            chosen.extend(range(start, min(len(m_first), start + limit - len(chosen))))
        if until is not None:
            horizon = until.toordinal()
            chosen = [p for p in chosen if m_first[p] <= horizon]
        found = []
        read: dict[int, Entry] = {}
        for p in chosen[:limit]:
            index, part = divmod(m_code[p], 4)
            entry = read.get(index) or read.setdefault(index, self.entry(index))
            date = getattr(entry, PARTS[part])
            if date is None:
                raise ValueError("an index that does not match its entry")
            found.append(Milestone(entry, _KINDS[PARTS[part]], date))
        return found

    def find(self, event_id: str) -> int | None:
        """The index of the (first) entry with this id."""
        ids = self._cache.table("id_sorted")
        lo, hi = 0, len(ids)
        while lo < hi:
            mid = (lo + hi) // 2
            if ids[mid] < event_id:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(ids) and ids[lo] == event_id:
            return int(self._cache.array("id_entry")[lo])
        return None

    def around(self, i: int) -> list[int]:
        """Entry i and the entries linking to it, in file order: all that `show` reads
        of the others (`views.links`)."""
        return sorted({i, *self._cache.table("backlinks")[i]})
