"""Ready-to-paste schedules for daily reminders: a crontab line and a systemd
user timer.  Text only: nothing here touches the system."""

from __future__ import annotations

import shlex


def command(executable: list[str], data_file: str) -> str:
    return shlex.join([*executable, "remind", "--once", "--file", data_file])


def crontab(executable: list[str], data_file: str, hour: int, minute: int, mailto: str | None) -> str:
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
