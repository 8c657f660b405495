"""Publishing the calendar: `sync` it to a CalDAV collection (caldav_sync), or
`serve` it over HTTP for calendar programs to subscribe to (serve, site).

Nothing is imported here: `timeline.publish.caldav_sync` needs the optional
`caldav` package (`pip install 'policy-timeline[publish]'`), `serve` only the
standard library.
"""
