"""What `remind` says: a gentle word when today has no check-in, and a session near.

Standard library only (PRODUCT.md §11): `remind` runs from a shell's start-up file and from
cron, so it must be quick. It only reads the journal: opened read-only, never created,
migrated or backed up.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_journal.clock import Clock

if TYPE_CHECKING:
    from recovery_journal.store import Journal

CHECK_IN_LINE = "A minute for today's check-in, whenever suits you."
SESSION_TODAY_LINE = "A session today. Go gently, and no driving afterwards."
SESSION_TOMORROW_LINE = "A session tomorrow ({day}). A light meal beforehand helps."
UNUSABLE_LINE = (
    "recovery-journal: the journal could not be read for a reminder; "
    "'recovery-journal check' says why"
)


def upcoming_sessions(journal: Journal, today: date) -> list[date]:
    """The days, today or tomorrow, that hold a session: logged, or planned in a treatment
    plan and not yet fulfilled (`schedule.statuses`), oldest first."""
    from recovery_journal.schedule import statuses
    from recovery_journal.store.plans import plans

    near = {today, today + timedelta(days=1)}
    sessions = journal.sessions()
    days = {session.date for session in sessions if session.date in near}
    for item in statuses(plans(journal), sessions, today):
        if item.status == "planned" and item.date in near:
            days.add(item.date)
    return sorted(days)


def has_check_in(journal: Journal, today: date) -> bool:
    """True when today holds a check-in with anything in it."""
    from recovery_journal.store.journal import is_blank

    day = journal.day(today)
    return day is not None and not is_blank(day)


def reminder_lines(journal: Journal, today: date) -> list[str]:
    """What to say today: nothing when all is in and no session is near."""
    lines = [] if has_check_in(journal, today) else [CHECK_IN_LINE]
    days = set(upcoming_sessions(journal, today))
    if today in days:
        lines.append(SESSION_TODAY_LINE)
    tomorrow = today + timedelta(days=1)
    if tomorrow in days:
        lines.append(
            SESSION_TOMORROW_LINE.format(day=f"{tomorrow:%a} {tomorrow.day} {tomorrow:%b}")
        )
    return lines


def locked(path: Path) -> bool:
    """An encrypted journal and no passphrase in the environment: its normal state, not a
    fault — `remind` says nothing then (never that the journal "could not be read")."""
    from recovery_journal.store.connection import encrypted

    if not encrypted(path):
        return False
    from recovery_journal.passphrase import JOURNAL_ENV, from_env

    return from_env(JOURNAL_ENV) is None


def open_read_only(path: Path, clock: Clock) -> Journal:
    """The journal, read-only (nothing is created, migrated or written); `JournalUnusable`
    or `sqlite3.Error` when it cannot be read."""
    from recovery_journal.store.connection import check_file, is_journal
    from recovery_journal.store.journal import Journal

    check_file(path)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    from recovery_journal.store.connection import encrypted

    if encrypted(path):  # never asks: a passphrase in the environment, else unusable
        conn = _open_encrypted(path, uri)
    else:
        conn = sqlite3.connect(uri, uri=True, timeout=2.0)
    try:
        conn.execute("PRAGMA query_only=ON")
        if not is_journal(conn):
            raise sqlite3.DatabaseError("not a recovery journal")
    except BaseException:
        conn.close()
        raise
    journal = Journal(conn, path, clock)
    journal.read_only = True
    return journal


def _open_encrypted(path: Path, uri: str) -> sqlite3.Connection:
    from recovery_journal.errors import JournalUnusable
    from recovery_journal.store import cipher

    key = cipher.key_for(path, ask=False)
    if key is None:
        raise JournalUnusable(f"{path} is encrypted and no passphrase was given")
    conn = cipher.connect(uri, key, uri=True, timeout=2.0)
    if not cipher.opens(conn):
        conn.close()
        raise cipher.wrong_passphrase(path)
    return conn
