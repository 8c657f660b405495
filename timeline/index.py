"""Columns of a resolved timeline for the queries that read only a few entries.

Built once with the cache (timeline/snapshot.py) and read from it with `bisect`,
so that `next`, `show`, `suspended` and `remind` cost O(log n + k) however many
events the file holds (k: the entries they print):

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
- `w_key`, `w_other`, `w_entry`: the windows that can be in force or have ended (not
  cancelled, with a start or an end), as intervals of the days they are in force
  (start's first day .. end's first day - 1, as `status` reads them), grouped by
  length like `o_*`; `suspended` on day D with `--recent` R takes those that begin
  on or before D and are in force after D - R: what `views.suspended` can print.
- `f_code`: every day a reminder falls due in `once` mode (each lead time of each
  milestone, and its own day), as `day << 32 | entry index`, sorted; `r_key`,
  `r_other`, `r_entry`: each milestone as the days of its `daily` reminders (its
  widest lead time before it .. its day), grouped by length; `c_first`, `c_entry`:
  the milestones of cancelled events (which `remind` still reports), by first day.  `remind` on day D takes those that fall due
  in (the last run, D] (or on D), or whose days reach D, and runs `reminders.due`
  on just those entries.
- `e_party`, `e_kind`, `e_tag`, `e_certainty`: per entry, the code of what
  `views.Filters.keep` compares for `--party`, `--kind`, `--tag`, `--certainty`
  (the casefolded set of its parties or tags, its casefolded kind, its certainty);
  `facets` (value): per facet, the value of each code.  A filter becomes one byte
  per entry (`Index.selected`) without reading an entry, and the queries above
  skip what it rules out: a filtered `next`, `suspended` or `remind` still reads
  only the entries it prints.
- `facts` (value): the newest source's last day (ordinal), the `o_*`, `w_*`, `r_*` groups.

The answers are the views' own records (`Milestone`, `Entry`), read one entry
at a time, so the renderers print exactly what they print on the whole timeline.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from timeline.datetimes import datetime
from timeline.model import ENDS, HAPPENS, STARTS, Entry, Milestone, Timeline

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    import array
    from collections.abc import Callable
    from typing import Any

    from timeline.dates import Duration
    from timeline.views import Filters

PARTS = ("date", "start", "end")
SPANS = (31, 92, 184, 366, 1 << 40)
"""Groups of the milestones longer than a day, by span (last - first day): a month, a
season or quarter, a half, a year, longer.  `next` on day D scans each group from
D minus its longest span, so a month group costs a month of milestones, not a year."""
_KINDS = {"date": HAPPENS, "start": STARTS, "end": ENDS}
LENGTHS = (0, 31, 92, 184, 366, 731, 1462, 1 << 40)
"""Groups of the `w_*` and `r_*` intervals, by length (last - first day), as `SPANS` for `o_*`."""
LOW, HIGH = 0, 1 << 30
"""Day ordinals before and after every day: an interval's unknown first (last) day."""
LOW_LAST = -(1 << 30)  # the least last day an interval is coded with (its last day minus this fits 32 bits)


def columns(timeline: Timeline) -> tuple[dict[str, Any], dict[str, array.array[int]], dict[str, list[Any]]]:
    """(values, arrays, tables) for `cache.write`."""
    import array  # only when writing the cache (its import pulls in `collections`: 1.5 ms)

    from timeline import views

    position = {id(e): i for i, e in enumerate(timeline.entries)}
    m_first, m_code = array.array("q"), array.array("q")
    groups: list[list[tuple[int, int, int]]] = [[] for _ in SPANS]
    milestones = views.all_milestones(timeline)
    located = []  # (first day, entry index) of each milestone, for `_reminders`
    for m in milestones:
        first = m.date.value.first_day().toordinal()
        located.append((first, position[id(m.entry)]))
        if m.entry.cancelled:
            continue  # never upcoming
        part = 0 if m.milestone == HAPPENS else 1 if m.milestone == STARTS else 2
        last = m.date.value.last_day().toordinal()
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
    arrays = {"m_first": m_first, "m_code": m_code, "o_first": o_first, "o_last": o_last, "o_pos": o_pos,
              "id_entry": array.array("q", [first_of[k] for k in ids])}
    windows = [(e.start.value.first_day().toordinal() if e.start is not None else LOW,
                e.end.value.first_day().toordinal() - 1 if e.end is not None else HIGH, i)
               for i, e in enumerate(timeline.entries)
               if e.is_window and not e.cancelled and (e.start is not None or e.end is not None)]
    w_groups = _intervals(windows, "w", arrays)
    r_groups = _reminders(timeline, milestones, located, arrays)
    facts = {"newest": max(days) if days else None, "groups": bounds, "w": w_groups, "r": r_groups}
    return ({"facts": facts, "facets": _facets(timeline, arrays)}, arrays,
            {"id_sorted": ids, "backlinks": [tuple(b) for b in backlinks]})


FACETS = ("party", "kind", "tag", "certainty")
"""The `Filters` fields the `e_*` columns answer (not `list`'s date range)."""
_SETS = (0, 2)  # the facets of several values an entry (parties, tags): a filter's value is one of them


def _casefolded(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({value.casefold() for value in values}))


_COMPARED: tuple[Callable[[Any], Any], ...] = (_casefolded, str.casefold, _casefolded, str)
"""Per facet, what `views.Filters.keep` compares of the event's field: a filter's value,
casefolded, is one of the casefolded parties (tags), equals the casefolded kind, or
equals the certainty as written."""


def _facets(timeline: Timeline, arrays: dict[str, array.array[int]]) -> dict[str, list[Any]]:
    """The `e_*` columns into `arrays`; returns the `facets` value (per facet, the value of each code)."""
    import array  # only when writing, as in `columns`

    written: list[dict[Any, int]] = [{} for _ in FACETS]  # value as written -> its number, in first-seen order
    numbers: list[list[int]] = [[] for _ in FACETS]
    parties, kinds, tags, certainties = written
    for entry in timeline.entries:  # one pass, each event touched once (cache misses: 0.13-0.18 s for 100,000)
        event = entry.event
        for known, column, value in ((parties, numbers[0], event.parties), (kinds, numbers[1], event.kind),
                                     (tags, numbers[2], event.tags), (certainties, numbers[3], event.certainty)):
            number = known.get(value)
            if number is None:
                number = known[value] = len(known)
            column.append(number)
    found = {}
    for facet, known, column, compared in zip(FACETS, written, numbers, _COMPARED, strict=True):
        codes: dict[Any, int] = {}  # compared value -> code: "US" and "us" (or [US, CN] and [CN, US]) share one
        code_of = [codes.setdefault(compared(value), len(codes)) for value in known]
        arrays[f"e_{facet}"] = array.array("B" if len(codes) <= 256 else "i",  # "B": `selected` translates
                                           [code_of[number] for number in column])
        found[facet] = list(codes)
    return found


def kept(entries: list[int], keep: bytes | None) -> list[int]:
    """The `entries` that `keep` (`Index.selected`) keeps; all when it is None."""
    return entries if keep is None else [i for i in entries if keep[i]]


def _reminders(timeline: Timeline, milestones: list[Milestone], located: list[tuple[int, int]],
               arrays: dict[str, array.array[int]]) -> list[Any]:
    """The `f_*`, `r_*` and `c_*` columns of `remind` into `arrays`; the `r_*` groups."""
    import array  # only when writing, as in `columns`

    from timeline.dates import Duration
    from timeline.reminders import TODAY, leads_for

    memo: dict[tuple[int, tuple[Duration, ...]], tuple[list[int], int]] = {}
    fires: list[int] = []  # (day << 32) | entry: one int each, sorted as ints
    daily, cancelled = [], []
    for m, (ordinal, i) in zip(milestones, located, strict=True):  # all that reminders.due reads, cancelled too
        leads = leads_for(m, timeline)
        known = memo.get((ordinal, leads))  # many milestones share a day and lead times
        if known is None:
            day = datetime.date.fromordinal(ordinal)
            whens = [when.toordinal() for lead in (*leads, TODAY)  # `once`: each lead time and the day itself
                     if (when := lead.before_or_none(day)) is not None]
            begins = max(leads, key=Duration.approx_days, default=TODAY).before_or_none(day)  # `daily`: the widest
            known = memo[ordinal, leads] = ([when << 32 for when in whens],
                                            LOW if begins is None else min(begins.toordinal(), ordinal))
        fires += [when | i for when in known[0]]
        daily.append((known[1], ordinal, i))
        if m.entry.revisions and m.entry.cancelled:
            cancelled.append((ordinal, i))
    fires.sort()
    arrays["f_code"] = array.array("q", fires)
    arrays["c_first"] = array.array("i", [day for day, _ in cancelled])  # in milestone order: by first day
    arrays["c_entry"] = array.array("i", [i for _, i in cancelled])
    return _intervals(daily, "r", arrays)


def _intervals(found: list[tuple[int, int, int]], name: str, arrays: dict[str, array.array[int]]) -> list[Any]:
    """(first day, last day, entry) intervals as `{name}_key`, `{name}_other`, `{name}_entry`
    into `arrays`; returns their groups (lo, hi, longest, by_last).  Grouped by length
    (`LENGTHS`), each group sorted by first day (`key`; `other` the last day); those
    without a first day (`LOW`) in a group of their own, sorted by last day (`key`)."""
    import array  # only when writing, as in `columns`

    groups: list[list[int]] = [[] for _ in LENGTHS]  # first << 64 | last << 32 | entry: sorted as ints
    open_first: list[int] = []  # last << 64 | entry
    longest = [0 for _ in LENGTHS]
    for first, last, entry in found:
        if first == LOW:
            open_first.append(last << 64 | entry)
        else:
            g = bisect_left(LENGTHS, last - first)
            groups[g].append(first << 64 | (last - LOW_LAST) << 32 | entry)
            longest[g] = max(longest[g], last - first)
    bounds, done = [], 0
    for g, group in enumerate((*groups, open_first)):
        group.sort()
        bounds.append((done, done + len(group), longest[g] if g < len(LENGTHS) else 0, g == len(LENGTHS)))
        done += len(group)
    codes = [code for group in groups for code in group]
    arrays[f"{name}_key"] = array.array("i", [code >> 64 for code in codes] + [code >> 64 for code in open_first])
    arrays[f"{name}_other"] = array.array("i", [((code >> 32) & 0xFFFFFFFF) + LOW_LAST for code in codes]
                                          + [LOW] * len(open_first))
    arrays[f"{name}_entry"] = array.array("i", [code & 0xFFFFFFFF for code in (*codes, *open_first)])
    return bounds


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

    def selected(self, filters: Filters) -> bytes | None:
        """Per entry, 1 where `filters.keep(entry)`, else 0, from the `e_*` columns; None
        when `filters` names no party, kind, tag or certainty.  ValueError for a date
        range (`--from`, `--to`): the columns do not hold it."""
        if filters.start is not None or filters.end is not None:
            raise ValueError("a date range is not in the facet columns")
        wanted = [(n, value.casefold()) for n, value in enumerate((filters.party, filters.kind, filters.tag,
                                                                    filters.certainty)) if value]
        if not wanted:
            return None
        values = self._cache.value("facets")
        found, size = -1, 0  # every bit set: each facet clears the entries it rules out
        for n, want in wanted:
            hits = bytes(want in value if n in _SETS else want == value for value in values[FACETS[n]])  # per code
            column = self._cache.array(f"e_{FACETS[n]}")
            size = len(column)
            if column.format == "B":  # at C speed: a fraction of a millisecond for 100,000 entries
                passed = column.tobytes().translate(hits.ljust(256, b"\0"))
            else:
                passed = bytes([hits[code] for code in column])
            found &= int.from_bytes(passed, "little")
        return found.to_bytes(size, "little")

    def upcoming(self, as_of: datetime.date, limit: int, until: datetime.date | None = None,
                 keep: bytes | None = None) -> list[Milestone]:
        """`views.upcoming(timeline, as_of, limit, filters, until)`, reading only what it
        returns; `keep`: `selected(filters)` (None: no filters)."""
        if keep is not None and b"\1" not in keep:
            return []  # no entry passes the filters
        day = as_of.toordinal()
        m_first, m_code = self._cache.array("m_first"), self._cache.array("m_code")
        o_first, o_last, o_pos = self._cache.array("o_first"), self._cache.array("o_last"), self._cache.array("o_pos")
        start = bisect_left(m_first, day)
        chosen = []
        for lo, hi, longest in self.facts["groups"]:
            hits = 0
            for j in range(bisect_left(o_first, day - longest, lo, hi), bisect_left(o_first, day, lo, hi)):
                if o_last[j] >= day and (keep is None or keep[m_code[o_pos[j]] >> 2]):
                    chosen.append(o_pos[j])
                    hits += 1
                    if hits == limit:
                        break  # the group is in position order: the rest come after these
        chosen.sort()
        end = len(m_first) if until is None else bisect_right(m_first, until.toordinal())
        if len(chosen) < limit:
            if keep is None:
                chosen.extend(range(start, min(end, start + limit - len(chosen))))
            else:  # a rare filter may scan far: one byte a milestone, no entry read
                for p in range(start, end):
                    if keep[m_code[p] >> 2]:
                        chosen.append(p)
                        if len(chosen) == limit:
                            break
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

    def suspended(self, as_of: datetime.date, recent_days: int, keep: bytes | None = None) -> list[int]:
        """The entries `views.suspended(timeline, as_of, recent_days, filters)` can print (windows
        in force on `as_of` or ended after its horizon), in file order; `keep`: `selected(filters)`."""
        horizon = as_of - datetime.timedelta(days=min(recent_days, (as_of - datetime.date.min).days))
        return kept(self._overlapping("w", as_of.toordinal(), min(horizon, as_of).toordinal()), keep)

    def reminders(self, as_of: datetime.date, mode: str, within: Duration | None = None,
                  since: datetime.date | None = None, keep: bytes | None = None) -> list[int]:
        """The entries whose milestones `reminders.due(timeline, as_of, mode=mode, within=within,
        since=since, filters=filters)` can report, in file order; `keep`: `selected(filters)`."""
        return kept(self._reminders(as_of, mode, within, since), keep)

    def _reminders(self, as_of: datetime.date, mode: str, within: Duration | None,
                   since: datetime.date | None) -> list[int]:
        from timeline.reminders import DAILY

        day = as_of.toordinal()
        first = day if since is None or since >= as_of else since.toordinal() + 1  # caught up after `since`
        if within is not None:  # every milestone from `first` to the horizon, cancelled ones too
            last = max(within.after_or_last(as_of).toordinal(), day)
            m_first, m_code = self._cache.array("m_first"), self._cache.array("m_code")
            c_first, c_entry = self._cache.array("c_first"), self._cache.array("c_entry")
            found = [m_code[j] // 4 for j in range(bisect_left(m_first, first), bisect_right(m_first, last))]
            found += c_entry[bisect_left(c_first, first):bisect_right(c_first, last)]
            return sorted(set(found))
        if mode == DAILY:  # the widest lead time's days reach as_of
            return self._overlapping("r", day, first)
        f_code = self._cache.array("f_code")  # `once`: a lead time falls due in [first, as_of]
        due = f_code[bisect_left(f_code, first << 32):bisect_left(f_code, (day + 1) << 32)]
        return sorted({code & 0xFFFFFFFF for code in due})

    def _overlapping(self, name: str, until: int, since: int) -> list[int]:
        """The entries of the `{name}_*` intervals that begin on or before day `until` and
        last to day `since` or later, in file order."""
        key, other = self._cache.array(f"{name}_key"), self._cache.array(f"{name}_other")
        entries = self._cache.array(f"{name}_entry")
        found: set[int] = set()
        for lo, hi, longest, by_last in self.facts[name]:
            if by_last:  # no first day: by last day
                found.update(entries[j] for j in range(bisect_left(key, since, lo, hi), hi) if other[j] <= until)
            else:  # a first day from `since - longest` on can reach `since`
                scan = range(bisect_left(key, since - longest, lo, hi), bisect_right(key, until, lo, hi))
                found.update(entries[j] for j in scan if other[j] >= since)
        return sorted(found)

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
        return self.with_linkers([i])

    def with_linkers(self, chosen: list[int]) -> list[int]:
        """The entries `chosen` and those linking to any of them, in file order: all that
        `views.links` reads for them."""
        backlinks = self._cache.table("backlinks")
        return sorted({*chosen, *(j for i in chosen for j in backlinks[i])})
