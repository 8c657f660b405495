"""Who `publish` logs in as: never a password on the command line.

The password comes from $TIMELINE_CALDAV_PASSWORD, else from the `machine`
entry for the server's host in ~/.netrc (or the file $NETRC names), read by
the standard `netrc` module.  A netrc file that other users may read or
write is refused, as ftp and curl refuse it.  The user name is --user, else the netrc entry's login.
"""

from __future__ import annotations

import netrc
import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from timeline.model import Error, Location, TimelineError

PASSWORD_VAR = "TIMELINE_CALDAV_PASSWORD"


class Credentials(NamedTuple):
    user: str | None
    password: str | None
    source: str  # where the password came from, for messages: "$TIMELINE_CALDAV_PASSWORD", "~/.netrc", "none"


def check_url(url: str) -> None:
    """An http(s) URL with a host and no password in it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TimelineError([Error(f"publish: '{url}' is not an http:// or https:// URL", stage="argument")])
    if parts.password is not None:
        raise TimelineError([Error(f"publish: the URL holds a password; give it in ${PASSWORD_VAR} or ~/.netrc instead", stage="argument")])


def find(url: str, user: str | None = None, environ: Mapping[str, str] = os.environ, home: Path | None = None) -> Credentials:
    check_url(url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    user = user or (parts.username or None)
    password = environ.get(PASSWORD_VAR)
    if password:
        return Credentials(user, password, f"${PASSWORD_VAR}")
    path = Path(environ["NETRC"]) if environ.get("NETRC") else (home or Path.home()) / ".netrc"
    if not path.is_file():
        return Credentials(user, None, "none")
    if os.name == "posix" and path.stat().st_mode & 0o077:
        raise TimelineError([Error("other users may read it: make it private with chmod 600", Location(str(path)), stage="io")])
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except netrc.NetrcParseError as exc:
        raise TimelineError([Error(f"cannot use it: {exc.msg}", Location(str(path), exc.lineno), stage="io")]) from None
    except OSError as exc:
        raise TimelineError([Error(f"cannot read it: {exc.strerror}", Location(str(path)), stage="io")]) from None
    if entry is None:
        return Credentials(user, None, "none")
    login, _, secret = entry
    if user and login and login != user:
        return Credentials(user, None, "none")  # the entry is another account's
    return Credentials(user or login or None, secret or None, str(path))
