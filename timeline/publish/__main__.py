"""`python -m timeline.publish`: the library behind `timeline publish` and
`timeline serve`, runnable without the main CLI (and used by the tests).

    python -m timeline.publish sync URL [--user U] [--dry-run] [--json] [--force] [--timeout S] [--calendar FILE]
    python -m timeline.publish serve [-f FILE] [--host H] [--port P]

`sync` reads the calendar `timeline ics` wrote from FILE, or standard input.
Exit status: 0 done; 1 a fault, one line on stderr; 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.model import Error, Location, TimelineError

if TYPE_CHECKING:
    from timeline.publish.caldav_sync import SyncResult


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m timeline.publish")
    commands = parser.add_subparsers(dest="command", required=True)
    sync = commands.add_parser("sync", help="sync a calendar to a CalDAV collection")
    sync.add_argument("url")
    sync.add_argument("--user")
    sync.add_argument("--dry-run", action="store_true")
    sync.add_argument("--json", action="store_true")
    sync.add_argument("--force", action="store_true")
    sync.add_argument("--timeout", type=float, default=30)
    sync.add_argument("--calendar", default="-", metavar="FILE")
    serve = commands.add_parser("serve", help="serve the calendar over HTTP")
    serve.add_argument("-f", "--file")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    try:
        if args.command == "sync":
            return _sync(args)
        return _serve(args)
    except TimelineError as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        return 1


def _sync(args: argparse.Namespace) -> int:
    from timeline.publish.caldav_sync import ConflictError, sync  # 97 ms (icalendar), only for sync

    try:
        text = sys.stdin.buffer.read() if args.calendar == "-" else Path(args.calendar).read_bytes()
    except OSError as exc:
        raise TimelineError([Error(f"cannot read it: {exc.strerror}", Location(args.calendar), stage="io")]) from None
    try:
        result = sync(args.url, text, user=args.user, dry_run=args.dry_run, force=args.force, timeout=args.timeout)
    except ConflictError as exc:
        _report(exc.result, args.json)
        raise
    _report(result, args.json)
    return 0


def _report(result: SyncResult, as_json: bool) -> None:
    print(json.dumps(result.as_json(), ensure_ascii=False) if as_json else result.summary())


def _serve(args: argparse.Namespace) -> int:
    from timeline import api  # 186 ms (yaml, pendulum), only for serve
    from timeline.publish.serve import serve
    from timeline.publish.site import DataSite

    site = DataSite(args.file or api.default_file())
    serve(site.build, host=args.host, port=args.port, stamp=site.stamp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
