"""`timeline serve`: a small read-only HTTP server for calendar subscriptions.

    >>> from timeline.publish.serve import serve
    >>> from timeline.publish.site import DataSite
    >>> site = DataSite("events.yaml")
    >>> serve(site.build, stamp=site.stamp)          # until SIGTERM or Ctrl-C

`build()` returns the routes, {path: Page}, or raises TimelineError.  Before
answering a request the server calls `stamp()` (cheap: a few stat calls); when
its value differs from the last one it builds again.  A build that fails
leaves the last good routes served and logs one line.  Every route has a
strong ETag (a hash of its body) and a Last-Modified (when this body was
first built), and answers 304 to If-None-Match or, without it,
If-Modified-Since.  GET and HEAD only (405 for the rest), 404 for any other
path.  The standard library's ThreadingHTTPServer: no framework.
"""

from __future__ import annotations

import datetime
import email.utils
import hashlib
import ipaddress
import signal
import socket
import sys
import threading
from collections.abc import Callable, Hashable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType
from typing import NamedTuple
from urllib.parse import urlsplit

from timeline.model import Error, TimelineError

ALLOWED = "GET, HEAD"


Build = Callable[[], "dict[str, Page]"]
Stamp = Callable[[], Hashable]
Log = Callable[[str], None]


class Page(NamedTuple):
    body: bytes
    content_type: str


class _Entry(NamedTuple):
    page: Page
    etag: str
    modified: datetime.datetime  # UTC, whole seconds


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class Site:
    """The routes being served, rebuilt when `stamp()` changes."""

    def __init__(self, build: Callable[[], dict[str, Page]], stamp: Callable[[], Hashable] | None = None,
                 log: Callable[[str], None] = _stderr):
        self._build, self._stamp, self.log = build, stamp, log
        self._lock = threading.Lock()
        self.routes: dict[str, _Entry] = {}
        self._seen: Hashable = None
        self._refresh()  # a first failure is the caller's

    def current(self) -> dict[str, _Entry]:
        if self._stamp is None:
            return self.routes
        with self._lock:
            if self._stamp() != self._seen:
                try:
                    self._refresh()
                except TimelineError as exc:
                    more = f" (and {len(exc.errors) - 1} more)" if len(exc.errors) > 1 else ""
                    first = str(exc.errors[0]) if exc.errors else "error"
                    self.log(f"timeline serve: refused the changed data: {first}{more}; still serving the last good data")
                else:
                    self.log("timeline serve: reloaded the data")
            return self.routes

    def _refresh(self) -> None:
        """Build until the stamp is the same before and after: a file changed
        during a build, or a build that watches new files, builds again."""
        for _ in range(3):
            before = self._stamp() if self._stamp else None
            try:
                pages = self._build()
            finally:
                self._seen = before  # a failed build is not retried until something changes
            if self._stamp is None or self._stamp() == before:
                break
        self.routes = self._merge(pages)

    def _merge(self, pages: dict[str, Page]) -> dict[str, _Entry]:
        """Keep ETag and Last-Modified of each unchanged body; a changed body is
        modified now, and always later than the body it replaces."""
        old = self.routes
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        routes = {}
        for path, page in pages.items():
            etag = '"' + hashlib.sha256(page.body).hexdigest()[:32] + '"'
            before = old.get(path)
            if before is not None and before.etag == etag:
                routes[path] = before._replace(page=page)
            else:
                later = before.modified + datetime.timedelta(seconds=1) if before is not None else now
                routes[path] = _Entry(page, etag, max(now, later))
        return routes


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "timeline"
    timeout = 60  # an idle keep-alive connection is closed after this

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_OPTIONS(self) -> None:
        self._plain(204, b"", {"Allow": ALLOWED})

    def __getattr__(self, name: str) -> Callable[[], None]:
        """Every other method (POST, PUT, PROPFIND, …): 405, not the stdlib's 501."""
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        self._plain(405, b"read-only: GET and HEAD only\n", {"Allow": ALLOWED})

    def _answer(self, head: bool) -> None:
        entry = self.server.site.current().get(urlsplit(self.path).path)
        if entry is None:
            self._plain(404, b"not found: try /timeline.ics, /events.json or /\n", head=head)
            return
        headers = {"ETag": entry.etag, "Last-Modified": email.utils.format_datetime(entry.modified, usegmt=True),
                   "Cache-Control": "no-cache"}
        if self._not_modified(entry):
            self._send(304, headers, b"", head=True)
            return
        self._send(200, {"Content-Type": entry.page.content_type, **headers}, entry.page.body, head=head)

    def _not_modified(self, entry: _Entry) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:  # takes precedence over If-Modified-Since (RFC 9110, 13.2.2)
            tags = {tag.strip().removeprefix("W/") for tag in match.split(",")}
            return "*" in tags or entry.etag in tags
        since = self.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            moment = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=datetime.timezone.utc)
        return entry.modified <= moment

    def _plain(self, status: int, body: bytes, headers: dict[str, str] | None = None, head: bool = False) -> None:
        self._send(status, {"Content-Type": "text/plain; charset=utf-8", **(headers or {})}, body, head=head)

    def _send(self, status: int, headers: dict[str, str], body: bytes, head: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        self.server.site.log(f"{self.address_string()} {format % args}")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], site: Site) -> None:
        self.site = site
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # the client went away
        self.site.log(f"timeline serve: error answering {client_address[0]}: {type(exc).__name__}: {exc}")


def make_server(build: Build, *, host: str = "127.0.0.1", port: int = 8080, stamp: Stamp | None = None,
                log: Log = _stderr) -> _Server:
    """A bound server, not yet serving (`serve_forever()`, `shutdown()`); raise
    TimelineError if the first build fails or the address cannot be used."""
    site = Site(build, stamp, log)
    try:
        return _Server((host, port), site)
    except OSError as exc:

        raise TimelineError([Error(f"serve: cannot listen on {host}:{port}: {exc.strerror or exc}", stage="serve")]) from None


def serve(build: Build, *, host: str = "127.0.0.1", port: int = 8080, stamp: Stamp | None = None,
          log: Log = _stderr) -> None:
    """Serve until SIGTERM or Ctrl-C, then return (exit status 0)."""
    server = make_server(build, host=host, port=port, stamp=stamp, log=log)
    bound_host, bound_port = server.server_address[:2]
    log(f"timeline serve: http://{_netloc(str(bound_host), int(bound_port))}/timeline.ics (SIGTERM or Ctrl-C stops)")
    if not _is_loopback(host):
        log(f"timeline serve: listening on {host}, not only this machine: anyone who can reach the port can read the calendar")

    def stop(signum: int, frame: FrameType | None) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, stop) if main else None
    try:
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if main:
            signal.signal(signal.SIGTERM, previous)
        log("timeline serve: stopped")


def _netloc(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
