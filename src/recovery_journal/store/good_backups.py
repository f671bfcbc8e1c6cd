"""Finding a journal's good backups, with the standard library only.

Below `damage` (whose message names the newest good backup) and `backup` (which writes
them), so that neither has to reach back up for the other.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
from pathlib import Path

from recovery_journal.paths import backup_dir


def own_backup_pattern(journal: Path) -> re.Pattern[str]:
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
    from recovery_journal.store import cipher

    target = f"file:{_uri(path)}?mode=rw"
    if cipher.looks_encrypted(path):
        conn = cipher.open_file(path, target, uri=True)
    else:
        conn = sqlite3.connect(target, uri=True)
    try:
        conn.execute("PRAGMA query_only = 1")
    except BaseException:
        conn.close()
        raise
    return conn


def newest_good_backup(journal: Path) -> Path | None:
    """The most recently written backup of this journal that passes its integrity check.

    Only from a trusted `backups/` (a private folder of the user's own, not a symlink), and
    only a file of the user's own that nobody else can read or change.
    """
    from recovery_journal.files import untrusted_file_reason, untrusted_folder_reason

    folder = backup_dir(journal)
    if not folder.is_dir() or untrusted_folder_reason(folder):
        return None
    own = own_backup_pattern(journal)
    candidates = []
    for path in folder.glob("*.db"):
        if own.fullmatch(path.name) and not untrusted_file_reason(path):
            with contextlib.suppress(OSError):
                candidates.append((path.lstat().st_mtime, path))
    for _, path in sorted(candidates, reverse=True):
        if is_good_journal(path):
            return path
    return None
