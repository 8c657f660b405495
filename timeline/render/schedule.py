"""Ready-to-paste schedules for daily reminders: a crontab line and a systemd
user timer.  Text only: nothing here touches the system.

A crontab and a unit file are line-based, and quoting does not protect a
line break: a newline or other control character in `--mailto`, in the data
file's path or in the program's path would start a line of its own (a new
cron job, a new unit setting).  They are refused, as TimelineError.
"""

from __future__ import annotations

import shlex
import unicodedata

from timeline.model import Error, TimelineError

# Line breaks of any kind, and every other control or format character.
_BREAKS = {"\u2028", "\u2029", "\x85"}


def unsafe(text: str) -> bool:
    """Whether `text` holds a character that may end or hide a line."""
    return any(ch in _BREAKS or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text)


def shown(text: str) -> str:
    """`text` with control characters escaped, to name it on one line."""
    return "".join(ch.encode("unicode_escape").decode("ascii") if unsafe(ch) else ch for ch in text)


def _check(what: str, text: str) -> None:
    if unsafe(text):
        raise TimelineError([Error(f"{what} '{shown(text)}' holds a line break or control character, "
                                   "which would break the crontab or unit file: refusing it", stage="argument")])


def command(executable: list[str], data_file: str) -> str:
    for part in executable:
        _check("the program's path", part)
    _check("the data file's path", data_file)
    return shlex.join([*executable, "remind", "--once", "--file", data_file])


def crontab(executable: list[str], data_file: str, hour: int, minute: int, mailto: str | None) -> str:
    if mailto is not None:
        _check("--mailto", mailto)
    return "\n".join([
        "# timeline: daily reminders. cron mails what a job prints, and `timeline remind`",
        "# prints nothing on days when nothing is due. Add with `crontab -e`:",
        f"MAILTO={mailto}" if mailto else "# MAILTO=you@example.org   (where cron sends the output)",
        f"{minute} {hour} * * * {command(executable, data_file).replace('%', chr(92) + '%')}",  # % ends a cron command
        "",
    ])


def systemd(executable: list[str], data_file: str, hour: int, minute: int) -> str:
    return "\n".join([
        "# Or, with systemd: save these two files in ~/.config/systemd/user/, then run",
        "#   systemctl --user daemon-reload && systemctl --user enable --now timeline-remind.timer",
        "# The output goes to the journal (journalctl --user -u timeline-remind); to mail it,",
        "# add an OnSuccess= unit or pipe it to your mailer in ExecStart.",
        "",
        "# ~/.config/systemd/user/timeline-remind.service",
        "[Unit]",
        "Description=timeline: reminders of dated policy events",
        "",
        "[Service]",
        "Type=oneshot",
        f"ExecStart={command(executable, data_file).replace('%', '%%')}",  # % starts a systemd specifier
        "",
        "# ~/.config/systemd/user/timeline-remind.timer",
        "[Unit]",
        "Description=timeline: daily reminders",
        "",
        "[Timer]",
        f"OnCalendar=*-*-* {hour:02d}:{minute:02d}:00",
        "Persistent=true",
        "",
        "[Install]",
        "WantedBy=timers.target",
        "",
    ])
