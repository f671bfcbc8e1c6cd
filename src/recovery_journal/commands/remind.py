"""`remind`, `remind install|uninstall|status`: a gentle daily word, by shell or by cron.

`remind` is meant for a shell's start-up file, so it is quick (standard library only) and
never fails loudly: no journal prints nothing, a journal it cannot read prints one short
line on stderr, and the exit status is 0 either way. `--notify` (what cron runs) says the
same through a desktop notification when there is a desktop, and otherwise nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from typing import TYPE_CHECKING, Any

from recovery_journal.errors import RecoveryJournalError

if TYPE_CHECKING:
    from recovery_journal.context import Context

NOTIFY_TITLE = "Recovery journal"


def register(commands: Any) -> None:
    """Add `remind` and `remind install|uninstall|status` to the CLI."""
    remind = commands.add_parser(
        "remind",
        help="a gentle word when today has no check-in or a session is near",
        description="Prints one line when today has no check-in yet and one when a session "
        "is today or tomorrow; nothing otherwise. Always exits 0, so it fits a shell's "
        "start-up file. 'remind install --at HH:MM' adds a daily desktop reminder to your "
        "crontab.",
    )
    remind.add_argument(
        "--notify",
        action="store_true",
        help="show it as a desktop notification (notify-send) instead; nothing without a desktop",
    )
    remind.set_defaults(handler=run_remind)
    actions = remind.add_subparsers(dest="action", metavar="ACTION", parser_class=type(remind))
    install = actions.add_parser(
        "install", help="add (or move) the daily reminder line in your crontab"
    )
    install.add_argument("--at", required=True, metavar="HH:MM", help="the time of day, 24-hour")
    install.set_defaults(handler=run_install)
    actions.add_parser("uninstall", help="remove the reminder line from your crontab").set_defaults(
        handler=run_uninstall
    )
    actions.add_parser("status", help="whether a daily reminder is installed").set_defaults(
        handler=run_status
    )


def run_remind(args: argparse.Namespace, context: Context) -> int:
    """Never a failure: whatever happens, exit 0 (a shell's start-up must not stumble)."""
    from recovery_journal import reminders

    try:
        path = context.path
        if not path.exists() or reminders.locked(path):
            return 0  # an encrypted journal without its passphrase: locked, as it should be
        journal = reminders.open_read_only(path, context.clock)
        try:
            lines = reminders.reminder_lines(journal, context.clock.today())
        finally:
            journal.close()
    except (RecoveryJournalError, sqlite3.Error, OSError, ValueError):
        if not args.notify:
            print(reminders.UNUSABLE_LINE, file=sys.stderr)
        return 0
    if args.notify:
        notify(lines)
    else:
        for line in lines:
            print(line)
    return 0


def desktop_environment(env: dict[str, str] | None = None) -> dict[str, str] | None:
    """The environment for `notify-send`, or None when no desktop session is there.

    A desktop means a display (`DISPLAY` or `WAYLAND_DISPLAY`) and a session bus
    (`DBUS_SESSION_BUS_ADDRESS`). cron gives neither, so both are also looked for where a
    logged-in desktop keeps them: the bus and a Wayland socket in the user's runtime folder
    (`$XDG_RUNTIME_DIR`, else `/run/user/UID`).
    """
    env = dict(os.environ if env is None else env)
    runtime = env.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    if not env.get("DBUS_SESSION_BUS_ADDRESS") and os.path.exists(f"{runtime}/bus"):
        env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={runtime}/bus"
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        sockets = sorted(
            name
            for name in (os.listdir(runtime) if os.path.isdir(runtime) else [])
            if name.startswith("wayland-") and not name.endswith(".lock")
        )
        if sockets:
            env["WAYLAND_DISPLAY"] = sockets[0]
            env.setdefault("XDG_RUNTIME_DIR", runtime)
    if env.get("DBUS_SESSION_BUS_ADDRESS") and (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return env
    return None


def notify(lines: list[str]) -> None:
    """One desktop notification with the lines, when there is a desktop and notify-send."""
    if not lines:
        return
    program = shutil.which("notify-send")
    env = desktop_environment()
    if program is None or env is None:
        return
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        # A reminder that cannot be shown is not worth an error.
        subprocess.run(
            [program, "--app-name=recovery-journal", NOTIFY_TITLE, "\n".join(lines)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=10,
            check=False,
        )


def run_install(args: argparse.Namespace, context: Context) -> int:
    """Add the daily reminder line to the crontab, or move it to the new time."""
    from recovery_journal import cron

    hour, minute = cron.parse_time(args.at)
    line = cron.reminder_line(hour, minute, context.path.resolve())
    table = cron.read()
    before = cron.find(table)
    cron.write(cron.with_reminder(table, line))
    moved = (
        f" (it was at {before.at})" if before and before.at != f"{hour:02d}:{minute:02d}" else ""
    )
    print(f"Daily reminder set for {hour:02d}:{minute:02d}{moved}; 'remind uninstall' removes it.")
    return 0


def run_uninstall(args: argparse.Namespace, context: Context) -> int:
    """Remove the reminder line; the rest of the crontab stays as it was."""
    from recovery_journal import cron

    table = cron.read()
    if cron.find(table) is None:
        print("No daily reminder was installed; your crontab is unchanged.")
        return 0
    cron.write(cron.remove(table))
    print("Daily reminder removed; the rest of your crontab is unchanged.")
    return 0


def run_status(args: argparse.Namespace, context: Context) -> int:
    """Whether a reminder line is installed, and at what time."""
    from recovery_journal import cron
    from recovery_journal.terminal import visible

    installed = cron.find(cron.read())
    if installed is None:
        print("No daily reminder is installed ('remind install --at HH:MM' sets one).")
    else:
        print(f"Daily reminder at {installed.at}: {visible(installed.line, one_line=True)}")
    return 0
