"""Verified backups with SQLite's online backup API (standard library only).

A copy is written to a temporary file beside its target (`.<name>.rj-tmp-<pid>`; ones left
by a killed run are removed by the next backup), checked with `integrity_check`,
made owner-only and then renamed into place, so a backup is either whole and good or absent.
Daily backups go to `backups/<name>-YYYY-MM-DD.db` beside the journal (`journal-…` for
`journal.db`); the last 7 are kept. Journals sharing a folder keep separate backups.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
from datetime import date
from pathlib import Path

from recovery_journal.errors import JournalUnusable
from recovery_journal.paths import backup_dir, ensure_private_dir

DAILY_KEEP = 7


def _daily_re(journal: Path) -> re.Pattern[str]:
    """`<stem>-YYYY-MM-DD.db`: this journal's daily backups (several journals may share a
    folder, and so `backups/`)."""
    return re.compile(re.escape(journal.stem) + r"-(\d{4}-\d{2}-\d{2})\.db")


def _own_backup_re(journal: Path) -> re.Pattern[str]:
    """Every backup of this journal: daily, by hand, before a restore or an upgrade, or a
    damaged file set aside."""
    return re.compile(
        re.escape(journal.stem)
        + r"-(\d{4}-\d{2}-\d{2}(-\d{6}(-\d+)?)?|before-[\w.-]+|damaged-[\w.-]+)\.db"
    )


def is_good_journal(path: Path) -> bool:
    """True when the file is a regular file, opens as SQLite and passes `integrity_check`."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a FIFO or a device is never opened: it could block for ever
        with open(path, "rb") as handle:
            plain = handle.read(16) == b"SQLite format 3\x00"
        if not plain:
            return _is_good_encrypted(path)
        conn = open_for_reading(path)
        try:
            row = conn.execute("PRAGMA integrity_check").fetchone()
            return bool(row) and row[0] == "ok"
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


def _is_good_encrypted(path: Path) -> bool:
    """An encrypted backup passes when the journal's passphrase (known in this process or
    in the environment; never asked here) opens it and `integrity_check` passes."""
    from recovery_journal.store import cipher

    if not cipher.looks_encrypted(path):
        return False
    key = cipher.key_for(path, ask=False)
    if key is None:
        return False
    conn = cipher.connect(f"file:{_uri(path)}?mode=rw", key, uri=True)
    try:
        if not cipher.opens(conn):
            return False
        conn.execute("PRAGMA query_only = 1")
        row = conn.execute("PRAGMA integrity_check").fetchone()
        return bool(row) and row[0] == "ok"
    finally:
        conn.close()


def _uri(path: Path) -> str:
    return str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def open_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that changes nothing in an existing file and never creates one.

    Not `mode=ro`: a read-only connection to a WAL journal leaves `-wal` and `-shm` files
    behind when it closes; this one (read-write, `query_only`) removes them as it closes.
    An encrypted file is opened with the journal's passphrase.
    """
    from recovery_journal.store.connection import encrypted

    target = f"file:{_uri(path)}?mode=rw"
    if encrypted(path):
        from recovery_journal.store import cipher

        conn = cipher.open_file(path, target, uri=True)
    else:
        conn = sqlite3.connect(target, uri=True)
    try:
        conn.execute("PRAGMA query_only = 1")
    except BaseException:
        conn.close()
        raise
    return conn


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
        from recovery_journal.store.connection import translate_operational_error

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
    own = _own_backup_re(journal)
    if folder.is_dir() and any(own.fullmatch(path.name) for path in folder.glob("*.db")):
        return (
            f"no good backup: the backups in {folder} are not private to you (chmod 600) or "
            "did not pass their check"
        )
    return "no backups yet"


def newest_good_backup(journal: Path) -> Path | None:
    """The most recently written backup of this journal that passes its integrity check.

    Only from a trusted `backups/` (a private folder of the user's own, not a symlink), and
    only a file of the user's own that nobody else can read or change.
    """
    from recovery_journal.files import untrusted_file_reason, untrusted_folder_reason

    folder = backup_dir(journal)
    if not folder.is_dir() or untrusted_folder_reason(folder):
        return None
    own = _own_backup_re(journal)
    candidates = []
    for path in folder.glob("*.db"):
        if own.fullmatch(path.name) and not untrusted_file_reason(path):
            with contextlib.suppress(OSError):
                candidates.append((path.lstat().st_mtime, path))
    for _, path in sorted(candidates, reverse=True):
        if is_good_journal(path):
            return path
    return None
