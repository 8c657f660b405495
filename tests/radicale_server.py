"""A real Radicale CalDAV server for the publish tests.

`Radicale(tmp)` writes a configuration, an htpasswd file (plain-text
passwords: `htpasswd_encryption = plain`, as Radicale's documentation allows
for tests) and an empty storage folder under `tmp`, and runs `python -m
radicale` on a free port of 127.0.0.1 only.  `calendar()` makes a calendar
collection (MKCALENDAR) and returns its URL; `items()` lists the stored event
files with their modification times, to show that a run wrote nothing.
"""

from __future__ import annotations

import base64
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from calendar_clients import need

USER = "alice"
PASSWORD = "correct horse"

CONFIG = """\
[server]
hosts = 127.0.0.1:{port}
timeout = 10

[auth]
type = htpasswd
htpasswd_filename = {users}
htpasswd_encryption = plain
delay = 0

[rights]
type = owner_only

[storage]
filesystem_folder = {storage}

[web]
type = none

[logging]
level = warning
"""

MKCALENDAR = """<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:set><D:prop><D:displayname>{name}</D:displayname>
  <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
  </D:prop></D:set>
</C:mkcalendar>
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Radicale:
    def __init__(self, tmp: Path, user: str = USER, password: str = PASSWORD):
        need(importlib.util.find_spec("radicale") is not None, "radicale", "pip install '.[test]'")
        self.tmp = tmp
        self.user, self.password = user, password
        self.storage = tmp / "collections"
        self.log = tmp / "radicale.log"
        self.port = free_port()
        users = tmp / "users"
        users.write_text(f"{user}:{password}\n", encoding="utf-8")
        self.config = tmp / "radicale.conf"
        self.config.write_text(CONFIG.format(port=self.port, users=users, storage=self.storage), encoding="utf-8")
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> Radicale:
        env = {k: v for k, v in os.environ.items() if k != "RADICALE_CONFIG"}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(self.config)],
                                            stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"radicale exited: {self.log.read_text(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("radicale did not start within 30 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        """One authenticated request, as another calendar program would send it;
        returns (status, headers, body)."""
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        request = urllib.request.Request(self.url.rstrip("/") + path, data=body or None, method=method,
                                         headers={"Authorization": f"Basic {token}", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def calendar(self, name: str = "policy") -> str:
        """Make the calendar collection /USER/NAME/ and return its URL."""
        path = f"/{self.user}/{name}/"
        status, _, body = self.request("MKCALENDAR", path, MKCALENDAR.format(name=name).encode(),
                                       {"Content-Type": "application/xml"})
        assert status == 201, (status, body)
        return self.url.rstrip("/") + path

    def items(self, name: str = "policy") -> dict[str, int]:
        """The stored event files of a calendar: file name → mtime in ns."""
        folder = self.storage / "collection-root" / self.user / name
        return {p.name: p.stat().st_mtime_ns for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}
