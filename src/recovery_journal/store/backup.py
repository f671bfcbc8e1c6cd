"""Verified backups with SQLite's online backup API (standard library only).

A copy is written to a temporary file beside its target (`.<name>.rj-tmp-<pid>`; ones left
by a killed run are removed by the next backup), checked with `integrity_check`,
made owner-only and then renamed into place, so a backup is either whole and good or absent.
Daily backups go to `backups/<name>-YYYY-MM-DD.db` beside the journal (`journal-…` for
`journal.db`); the last 7 are kept. Journals sharing a folder keep separate backups.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import date
from pathlib import Path

from recovery_journal.errors import JournalUnusable
from recovery_journal.paths import backup_dir, ensure_private_dir
from recovery_journal.store.good_backups import (  # noqa: F401 (the names callers import from here)
    is_good_journal,
    newest_good_backup,
    open_for_reading,
    own_backup_pattern,
)

DAILY_KEEP = 7


def _daily_re(journal: Path) -> re.Pattern[str]:
    """`<stem>-YYYY-MM-DD.db`: this journal's daily backups (several journals may share a
    folder, and so `backups/`)."""
    return re.compile(re.escape(journal.stem) + r"-(\d{4}-\d{2}-\d{2})\.db")


def backup_to(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the open journal to `target` (atomically, verified, 0600)."""
    from recovery_journal.files import remove_stale_temps, temp_path

    ensure_private_dir(target.parent)
    remove_stale_temps(target.parent, legacy=True)
    try:
        temp = temp_path(target)
    except OSError as error:
        raise JournalUnusable(
            f"could not write the backup {target} ({error.strerror}); check free space and "
            "permissions"
        ) from None
    try:
        copy = new_copy(conn, temp)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
        if not is_good_journal(temp):
            raise JournalUnusable(
                f"the backup copy at {target} did not pass its integrity check; "
                "run 'recovery-journal check' on the journal"
            )
        os.chmod(temp, 0o600)
        with open(temp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temp, target)
        fsync_dir(target.parent)
    except sqlite3.OperationalError as error:
        from recovery_journal.store.damage import translate_operational_error

        raise translate_operational_error(target, error) from None
    except OSError as error:
        raise JournalUnusable(
            f"could not write the backup {target} ({error.strerror}); check free space and "
            "permissions"
        ) from None
    finally:
        temp.unlink(missing_ok=True)
    return target


def new_copy(conn: sqlite3.Connection, temp: Path) -> sqlite3.Connection:
    """The connection a backup of `conn` is written through: encrypted with the same key
    when the journal is encrypted, so no plaintext copy is ever made."""
    from recovery_journal.store import cipher

    if cipher.is_encrypted(conn):
        return cipher.connect(str(temp), conn.raw_key)  # type: ignore[attr-defined]
    return sqlite3.connect(temp)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def daily_backup_path(journal: Path, day: date) -> Path:
    """`backups/<name>-YYYY-MM-DD.db` beside the journal (`journal-…` for `journal.db`)."""
    return backup_dir(journal) / f"{journal.stem}-{day.isoformat()}.db"


def daily_backup_if_due(conn: sqlite3.Connection, journal: Path, today: date) -> Path | None:
    """Before the first write of a day, keep a verified copy; rotate to the last 7."""
    from recovery_journal.files import check_backup_folder

    target = daily_backup_path(journal, today)
    check_backup_folder(target.parent)
    if target.exists():
        return None
    has_data = conn.execute(
        "SELECT EXISTS(SELECT 1 FROM days) OR EXISTS(SELECT 1 FROM sessions) "
        "OR EXISTS(SELECT 1 FROM assessments)"
    ).fetchone()[0]
    if not has_data:
        return None
    backup_to(conn, target)
    rotate_daily(journal)
    return target


def rotate_daily(journal: Path, keep: int = DAILY_KEEP) -> None:
    """Delete all but the newest `keep` daily backups (other backups are left alone)."""
    folder = backup_dir(journal)
    daily = _daily_re(journal)
    dailies = sorted(
        (match.group(1), path)
        for path in folder.glob("*.db")
        if (match := daily.fullmatch(path.name))
    )
    for _, path in dailies[:-keep] if keep else dailies:
        path.unlink(missing_ok=True)


def backups_note(journal: Path) -> str:
    """What `check` says about the backups: the newest good one, or why there is none."""
    from recovery_journal.files import untrusted_folder_reason

    folder = backup_dir(journal)
    reason = untrusted_folder_reason(folder) if folder.is_dir() else None
    if reason:
        return (
            f"backups: the backups folder {folder} is not safe to use: {reason}; no backup "
            f"goes there until it is a private folder of your own (chmod 700 {folder})"
        )
    backup = newest_good_backup(journal)
    if backup:
        return f"newest good backup: {backup}"
    own = own_backup_pattern(journal)
    if folder.is_dir() and any(own.fullmatch(path.name) for path in folder.glob("*.db")):
        return (
            f"no good backup: the backups in {folder} are not private to you (chmod 600) or "
            "did not pass their check"
        )
    return "no backups yet"
