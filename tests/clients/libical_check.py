"""Read an .ics file with libical (the parser of Evolution and GNOME), through
GObject introspection, and print as JSON every X-LIC-ERROR it reports, plus
each VEVENT's UID, start and whether the start is a date.

Runs under Debian's /usr/bin/python3 (python3-gi, gir1.2-ical-3.0), not the
project's virtual environment.  libical does not range-check dates (it reads
DTSTART:2025-13-45 without complaint), so dates are checked here too.
"""

import datetime
import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

DATE_PROPERTIES = {"DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED", "CREATED"}

text = open(sys.argv[1], encoding="utf-8", newline="").read()
root = ICalGLib.Component.new_from_string(text)
if root is None:
    print(json.dumps({"errors": ["libical could not parse the file"], "events": []}))
    sys.exit(1)

errors, events = [], []


def check_date(prop):
    value = ICalGLib.Time.new_from_string(prop.get_value_as_string() or "")
    try:
        if value.is_null_time():
            raise ValueError("not a time")
        datetime.date(value.get_year(), value.get_month(), value.get_day())
    except ValueError as exc:
        errors.append(f"{prop.get_property_name()}: {prop.get_value_as_string()}: {exc}")


def walk(component):
    prop = component.get_first_property(ICalGLib.PropertyKind.ANY_PROPERTY)
    while prop is not None:
        name = prop.get_property_name()  # prop.isa() fails on some kinds through GI: compare names
        if name == "X-LIC-ERROR":
            errors.append(prop.get_value_as_string())
        elif name in DATE_PROPERTIES:
            check_date(prop)
        prop = component.get_next_property(ICalGLib.PropertyKind.ANY_PROPERTY)
    if ICalGLib.Component.kind_to_string(component.isa()) == "VEVENT":
        start = component.get_dtstart()
        events.append({"uid": component.get_uid(), "start": start.as_ical_string(), "is_date": bool(start.is_date())})
    child = component.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    while child is not None:
        walk(child)
        child = component.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)


walk(root)
print(json.dumps({"errors": errors, "events": events}, ensure_ascii=False))
sys.exit(1 if errors else 0)
