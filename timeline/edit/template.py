"""The data file `timeline init` writes: valid as it is (no sources, no events),
with a commented example of each way to give a date."""

EVENTS_YAML = """\
# Dated events, each resting on a verbatim sentence of a source in seeds/.
# Check with: timeline validate.  The format: README.md, "The data file".
#
#   timeline source add ARTICLE.txt --id ID --publisher P --date YYYY-MM-DD
#       copies the article into seeds/ and lists it under `sources:`
#   timeline revise EVENT --date D --source ID --quote "..."
#       records that a later source moved (or cancelled) a date
#
# Only these commands write this file, keeping its comments and layout.

format: 1

sources: []

defaults:
  warn: [30d, 7d, 1d]   # lead times for reminders and calendar alarms

# Examples of each kind of date.  To use one, copy it under `events:` (make
# `events: []` just `events:`) and remove the leading '# '.  Every quote must
# be in its source's file, word for word.
#
#  - id: talks-held
#    title: Trade talks held in Geneva
#    kind: meeting
#    certainty: confirmed
#    date: 2026-01-14                     # a day
#    sources:
#      - source: example-2026-01-15
#        quote: The talks were held in Geneva on 14 January.
#
#  - id: ministers-meet
#    title: Ministers to meet again
#    kind: meeting
#    certainty: expected
#    date: 2026-03                        # a month (day not known)
#    sources:
#      - source: example-2026-01-15
#        quote: Ministers will meet again in March.
#
#  - id: summit
#    title: Summit planned
#    kind: meeting
#    certainty: expected
#    date: 2026-22                        # a season: 21 spring, 22 summer, 23 autumn, 24 winter
#                                         # (a quarter: 2026-Q3 or 2026-35; a half: 2026-H2 or 2026-41)
#    sources:
#      - source: example-2026-01-15
#        quote: A summit is planned for the summer.
#
#  - id: agreement-review
#    title: Agreement to be reviewed
#    kind: review
#    certainty: announced
#    date: "2027"                         # a year
#    sources:
#      - source: example-2026-01-15
#        quote: The agreement is to be reviewed in 2027.
#
#  - id: state-visit
#    title: President to visit
#    kind: visit
#    certainty: announced
#    date:                                # a rule against the article's date
#      from: example-2026-01-15
#      next: april                        # "next April": the first April after it
#      note: The article gives the month, not the day.
#    sources:
#      - source: example-2026-01-15
#        quote: The president will visit next April.
#    warn: [90d, 30d]                     # this event's own reminder lead times
#
#  - id: talks-review
#    title: Review of the talks
#    kind: review
#    certainty: announced
#    date: {from: talks-held, offset: 90 days}   # another event's date, moved
#    sources:
#      - source: example-2026-01-15
#        quote: A review will follow 90 days after the talks.
#
#  - id: tariff-suspension
#    title: Tariffs suspended for a year
#    kind: suspension
#    certainty: announced
#    window: {start: 2026-02-01, for: 1 year}    # or {until: 2027-02-01}, or {start: …, until: …}
#    sources:
#      - source: example-2026-01-15
#        quote: Tariffs are suspended for one year from 1 February.
#
#  - id: countermeasure-suspension
#    title: Countermeasures suspended for a year
#    kind: suspension
#    certainty: announced
#    window:
#      start:
#        from: talks-held
#        assumed: The article does not say from when; taken to be the day of the talks.
#        alternative:                     # the other reading, shown by `timeline show`
#          from: tariff-suspension.start
#          note: From the day the tariffs are suspended.
#      for: 1 year
#    sources:
#      - source: example-2026-01-15
#        quote: The other side will suspend its countermeasures for a year.
#    links:
#      answers: [tariff-suspension]       # also suspends, postpones, part_of, see_also
#
#  - id: filing-deadline
#    title: Deadline for comments
#    kind: deadline
#    certainty: announced
#    date: 2026-01-20
#    time: "09:30"                        # a timed event: a day, a time and a zone
#    timezone: Europe/Brussels
#    sources:
#      - source: example-2026-01-15
#        quote: Comments are due by 09:30 Brussels time on 20 January.
#    revisions:                           # written by `timeline revise`, oldest first
#      - field: date
#        from: 2026-01-20
#        to: 2026-01-27
#        source: example-2026-01-21
#        quote: The deadline for comments was extended by a week.
#
# and the sources they quote:
#
#  - id: example-2026-01-15
#    file: seeds/example-2026-01-15-talks.en.txt
#    published: 2026-01-15
#    publisher: Example News
#    language: en
#  - id: example-2026-01-21
#    file: seeds/example-2026-01-21-deadline.en.txt
#    published: 2026-01-21
#    publisher: Example News
#    language: en

events: []
"""

SEEDS_README = """\
Source documents: the text of each article the events quote, one file each,
UTF-8.  `timeline source add FILE …` copies a file here and lists it in
events.yaml; a quote must appear in its file word for word (runs of
whitespace compare as one space).
"""
