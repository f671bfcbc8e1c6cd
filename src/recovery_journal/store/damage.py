"""SQLite's failures in words a person can act on (standard library only).

Used by `connection` when opening a journal and by `backup` when writing a copy; it sits
below both, so neither imports the other for its messages.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from recovery_journal.errors import JournalUnusable

BUSY_TIMEOUT_SECONDS = 10.0
BUSY_TIMEOUT_ENV = "RECOVERY_JOURNAL_BUSY_TIMEOUT"


def busy_timeout() -> float:
    """How long to wait for another program's write to finish, in seconds (default 10;
    `RECOVERY_JOURNAL_BUSY_TIMEOUT` changes it)."""
    import os

    try:
        return max(0.0, float(os.environ.get(BUSY_TIMEOUT_ENV, BUSY_TIMEOUT_SECONDS)))
    except ValueError:
        return BUSY_TIMEOUT_SECONDS


def describe_damage(path: Path, detail: str) -> JournalUnusable:
    """The message for a journal that cannot be read; it names the newest good backup."""
    from recovery_journal.files import untrusted_folder_reason
    from recovery_journal.paths import backup_dir
    from recovery_journal.store.good_backups import newest_good_backup

    backup = newest_good_backup(path)
    unsafe = untrusted_folder_reason(backup_dir(path))
    if backup:
        hint = (
            f"the newest good backup is {backup}; restore it with "
            f"'recovery-journal restore {backup} --yes'"
        )
    elif unsafe:
        hint = (
            f"the backups folder {backup_dir(path)} is not safe to use ({unsafe}); keep the "
            "file and ask for help"
        )
    else:
        hint = "no good backup was found beside it; keep the file and ask for help"
    return JournalUnusable(f"{path} is damaged ({detail}); it was left untouched, {hint}")


def translate_operational_error(path: Path | str, error: sqlite3.Error) -> JournalUnusable:
    """Turn SQLite's words into a message a person can act on."""
    text = str(error)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return JournalUnusable(
            f"{path} stayed locked by another program for more than "
            f"{busy_timeout():g} s; close other copies of the app and try again"
        )
    if "full" in lowered:
        return JournalUnusable(
            f"{path} could not be written: the disk is full or the file size limit was "
            "reached; free some space and try again (nothing was changed)"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return JournalUnusable(
            f"{path} is read-only here; check the file's permissions (nothing was changed)"
        )
    if "malformed" in lowered or "not a database" in lowered:
        return describe_damage(Path(path), text)
    if "disk i/o" in lowered or "i/o error" in lowered:
        return JournalUnusable(
            f"{path} could not be written (disk I/O error); check the disk and free space "
            "(nothing was changed)"
        )
    return JournalUnusable(f"{path} could not be used ({text})")
