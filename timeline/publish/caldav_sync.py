"""`timeline publish`: make one CalDAV calendar (RFC 4791) hold exactly the
events of an export, touching nothing else.

    >>> from timeline.publish.caldav_sync import sync
    >>> result = sync("https://dav.example.com/alice/policy/", text, user="alice")
    >>> result.summary()
    '3 created, 1 updated, 0 deleted, 20 unchanged'

One run: list the calendar's events (one REPORT, through the `caldav`
package); for every event of the export create it (PUT, If-None-Match: *),
leave it if its content is unchanged, or update it (PUT, If-Match: its ETag);
delete the events with a timeline UID the export no longer holds (DELETE,
If-Match).  Events with any other UID are never written.  An unchanged
export sends no writes.  Each event is one request, so a run cut off midway
leaves every event whole, and the next run finishes the work.

Someone may edit one of our events on the server (in Thunderbird, say).  Each
event we write carries X-TIMELINE-HASH, the fingerprint of its content then
(see resources); an event whose content no longer matches it was edited
there, and an edit made while this run is going makes the server answer 412
to the conditional request.  Either way the event is left as it is and
reported, unless `force`.  Everything else is still done first; then
ConflictError (a TimelineError) names each one.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from timeline.model import Error, TimelineError
from timeline.publish import credentials
from timeline.publish.resources import Resource, Stored, is_ours, read_stored, split

if TYPE_CHECKING:
    from caldav.davclient import DAVClient
    from caldav.response import DAVResponse

CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass
class SyncResult:
    """What a run did (or, with dry_run, would do): the UIDs of each kind."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # edited on the server: left alone
    foreign: int = 0  # events of other programs on the calendar, left alone
    dry_run: bool = False

    def summary(self) -> str:
        text = (f"{len(self.created)} created, {len(self.updated)} updated, "
                f"{len(self.deleted)} deleted, {len(self.unchanged)} unchanged")
        if self.conflicts:
            text += f", {len(self.conflicts)} edited on the server and left alone"
        return text + (" (dry run: nothing was written)" if self.dry_run else "")

    def as_json(self) -> dict[str, Any]:  # counts, flags and the lists of UIDs
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "deleted": len(self.deleted),
            "unchanged": len(self.unchanged),
            "conflicts": len(self.conflicts),
            "foreign": self.foreign,
            "dry_run": self.dry_run,
            "uids": {"created": self.created, "updated": self.updated, "deleted": self.deleted,
                     "unchanged": self.unchanged, "conflicts": self.conflicts},
        }


class ConflictError(TimelineError):
    """Some events were edited on the server and were not overwritten; the rest
    of the run was done (`result`)."""

    def __init__(self, errors: Sequence[Error], result: SyncResult) -> None:
        super().__init__(errors)
        self.result = result


def sync(url: str, calendar_text: str | bytes, *, user: str | None = None, password: str | None = None,
         dry_run: bool = False, force: bool = False, timeout: float = 30, verify: bool | str = True,
         environ: Mapping[str, str] | None = None) -> SyncResult:
    """Make the calendar collection at `url` hold the events of `calendar_text`
    (as `timeline ics` writes it).  Without `password` it comes from
    $TIMELINE_CALDAV_PASSWORD or ~/.netrc (credentials).  `verify`: check the
    server's HTTPS certificate (or the path of a CA bundle to check it with).
    Raise TimelineError, one line, on any fault; ConflictError when events were
    edited on the server and `force` is not given.  `environ` (tests): read
    instead of os.environ."""

    credentials.check_url(url)
    resources = split(calendar_text)
    if not url.endswith("/"):
        url += "/"
    if password is None:
        found = credentials.find(url, user, environ=os.environ if environ is None else environ)
        user, password = found.user, found.password
    client = _client(url, user, password, timeout, verify)
    result = SyncResult(dry_run=dry_run)
    with _faults(url, user, password, timeout):
        try:
            stored, result.foreign = _stored(client, url)
            _apply(client, url, resources, stored, result, dry_run=dry_run, force=force)
        finally:
            client.close()
    if result.conflicts:
        raise ConflictError([Error(f"publish: {uid}: changed on the server since timeline wrote it; "
                                   "left as it is (--force overwrites it)", stage="publish") for uid in result.conflicts], result)
    return result


def _client(url: str, user: str | None, password: str | None, timeout: float, verify: bool | str) -> DAVClient:
    try:
        from caldav.davclient import DAVClient  # the optional extra 'publish': may be absent
    except ImportError:
        raise TimelineError([Error("publish: needs the caldav package: pip install 'policy-timeline[publish]'", stage="publish")]) from None
    logging.getLogger("caldav").setLevel(logging.ERROR)  # its warnings would print beside our one line
    # caldav annotates timeout as int but hands it to its HTTP client, which takes seconds as a float
    return DAVClient(url=url, username=user, password=password, timeout=timeout,  # type: ignore[arg-type]
                            ssl_verify_cert=verify, enable_rfc6764=False)


def _stored(client: DAVClient, url: str) -> tuple[dict[str, Stored], int]:
    """Our events on the server by UID, and how many others there are."""
    from caldav.elements import dav  # the optional extra, present once a client was made

    calendar = client.calendar(url=url)  # type: ignore[no-untyped-call]  # caldav 3 leaves it unannotated
    ours: dict[str, Stored] = {}
    foreign = 0
    for obj in calendar.search(event=True):
        etag = obj.props.get(dav.GetEtag.tag)
        stored = read_stored(str(obj.url), str(etag) if etag else None, obj.data or "")
        if stored is None or not is_ours(stored.uid):
            foreign += 1
        else:
            ours[stored.uid] = stored
    return ours, foreign


def _apply(client: DAVClient, url: str, resources: list[Resource], stored: dict[str, Stored], result: SyncResult,
           *, dry_run: bool, force: bool) -> None:
    wanted = {r.uid for r in resources}
    for resource in resources:
        old = stored.get(resource.uid)
        if old is None:
            target, kind, headers = url + resource.name, result.created, {} if force else {"If-None-Match": "*"}
        elif old.fingerprint == resource.fingerprint:
            result.unchanged.append(resource.uid)
            continue
        elif old.edited_elsewhere and not force:
            result.conflicts.append(resource.uid)
            continue
        else:
            target, kind, headers = old.url, result.updated, _if_match(old, force)
        if not dry_run and not _put(client, target, resource.body, headers):
            result.conflicts.append(resource.uid)
            continue
        kind.append(resource.uid)
    for uid, old in sorted(stored.items()):
        if uid in wanted:
            continue
        if old.edited_elsewhere and not force:
            result.conflicts.append(uid)
            continue
        if not dry_run and not _delete(client, old.url, _if_match(old, force)):
            result.conflicts.append(uid)
            continue
        result.deleted.append(uid)


def _if_match(old: Stored, force: bool) -> dict[str, str]:
    return {"If-Match": old.etag} if old.etag and not force else {}


def _put(client: DAVClient, target: str, body: str, headers: dict[str, str]) -> bool:
    """True when written; False on 412 (the event changed on the server meanwhile)."""
    response = client.put(target, body, {"Content-Type": CONTENT_TYPE, **headers})
    return _written(response, "PUT", target)


def _delete(client: DAVClient, target: str, headers: dict[str, str]) -> bool:
    response = client.delete(target, headers)
    if response.status == 404:
        return True  # already gone: what we wanted
    return _written(response, "DELETE", target)


def _written(response: DAVResponse, method: str, target: str) -> bool:
    if response.status in (200, 201, 204):
        return True
    if response.status == 412:
        return False
    raise TimelineError([Error(f"publish: the server refused {method} {target}: HTTP {response.status} {response.reason}".rstrip(), stage="publish")])


class _faults:
    """Turn the network's and the server's failures into one clear line."""

    def __init__(self, url: str, user: str | None, password: str | None, timeout: float) -> None:
        self.url, self.user, self.password, self.timeout = url, user, password, timeout

    def __enter__(self) -> _faults:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> Literal[False]:
        if exc is None or isinstance(exc, TimelineError) or not isinstance(exc, Exception):
            return False
        raise TimelineError([Error(f"publish: {self.message(exc)}", stage="publish")]) from None

    def message(self, exc: Exception) -> str:
        from caldav.lib import error  # the optional extra, present once a client was made
        from caldav.lib.http_sync import requests as http  # niquests, or requests: whichever caldav uses

        host = urlsplit(self.url).netloc
        if isinstance(exc, error.AuthorizationError):
            if getattr(exc, "status", None) == 403 or str(exc.reason).lower() == "forbidden":
                return f"{self.url}: permission denied (HTTP 403): user '{self.user}' may not write to this calendar"
            if self.password is None:
                return (f"{self.url}: the server wants a password (HTTP 401): set ${credentials.PASSWORD_VAR} "
                        f"or add 'machine {urlsplit(self.url).hostname}' to ~/.netrc")
            return f"{self.url}: wrong user name or password (HTTP 401) for user '{self.user}'"
        if isinstance(exc, error.NotFoundError):
            return f"{self.url}: no calendar there (HTTP 404)"
        if isinstance(exc, http.exceptions.SSLError):
            return f"{host}: the HTTPS certificate check failed ({_reason(exc)})"
        if isinstance(exc, http.exceptions.Timeout):
            return f"{host}: no answer within {self.timeout:g} s"
        if isinstance(exc, http.exceptions.ConnectionError):
            return f"{host}: cannot connect ({_reason(exc)})"
        if isinstance(exc, error.DAVError):
            status = f"HTTP {exc.status}" if getattr(exc, "status", None) else str(exc.reason).splitlines()[0]
            return f"{self.url}: the server refused the request ({status}); is this the URL of a calendar?"
        return f"{self.url}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def _reason(exc: Exception) -> str:
    """The innermost cause, e.g. 'Connection refused'."""

    text = str(exc)
    if "NameResolutionError" in text or "Failed to resolve" in text:
        return "the host name is not known"
    match = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if match:
        return match.group(1).strip()
    match = re.search(r"certificate verify failed: ([^(\"')]+)", text)
    if match:
        return "certificate verify failed: " + match.group(1).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
