// Read an .ics file with ical.js (the parser of Thunderbird and other web
// calendars) and print, as JSON, every VEVENT's UID, whether its start is a
// DATE, and for timed events the UTC instant and whether the time is floating.
import ICAL from "ical.js";
import { readFileSync } from "node:fs";

const out = { ok: true, events: [], errors: [] };
let calendar;
try {
  calendar = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
} catch (e) {
  console.log(JSON.stringify({ ok: false, events: [], errors: [String(e)] }));
  process.exit(1);
}
for (const vevent of calendar.getAllSubcomponents("vevent")) {
  try {  // ical.js decodes lazily: a bad value throws only when read
    const event = new ICAL.Event(vevent);
    const start = event.startDate;
    const end = event.endDate;
    out.events.push({
      uid: event.uid,
      summary: event.summary,
      is_date: start.isDate,
      start: start.toString(),
      end: end ? end.toString() : null,
      utc: start.isDate ? null : start.toJSDate().toISOString(),
      floating: !start.isDate && start.zone === ICAL.Timezone.localTimezone,
      alarms: vevent.getAllSubcomponents("valarm").map(a => ({
        action: a.getFirstPropertyValue("action"),
        trigger: String(a.getFirstPropertyValue("trigger")),
        description: a.getFirstPropertyValue("description"),
      })),
    });
  } catch (e) {
    out.errors.push({ uid: vevent.getFirstPropertyValue("uid"), error: String(e) });
  }
}
out.ok = out.errors.length === 0;
console.log(JSON.stringify(out));
process.exit(out.ok ? 0 : 1);
