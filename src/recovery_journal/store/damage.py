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


def damaged_though_the_passphrase_is_right(path: Path, passphrase: str) -> JournalUnusable | None:
    """For an encrypted journal that `passphrase` does not open: when it opens one of the
    journal's own backups, the passphrase is right and the journal file is damaged — the
    message says so and names the backup to restore. None when no backup tells."""
    from recovery_journal.store import cipher
    from recovery_journal.store.good_backups import own_backup_pattern

    folder = backup_dir_of(path)
    own = own_backup_pattern(path)
    try:
        backups = sorted(
            (candidate for candidate in folder.glob("*.db") if own.fullmatch(candidate.name)),
            key=lambda candidate: candidate.stat().st_mtime,
        )
    except OSError:
        return None
    for backup in reversed(backups[-3:]):  # the newest few: each costs a key derivation
        try:
            if not backup.is_file() or backup.is_symlink() or not cipher.looks_encrypted(backup):
                continue
            conn = cipher.connect(str(backup), cipher.raw_key(passphrase, cipher.salt_of(backup)))
            try:
                opened = cipher.opens(conn)
            finally:
                conn.close()
        except (OSError, sqlite3.Error):
            continue
        if opened:
            cipher.remember(passphrase)  # so that the good backups are found and named
            try:
                return describe_damage(
                    path, "it does not decrypt, though this passphrase opens its backups"
                )
            finally:
                cipher.forget()
    return None


def backup_dir_of(path: Path) -> Path:
    """The `backups/` folder beside a journal (imported on first use)."""
    from recovery_journal.paths import backup_dir

    return backup_dir(path)
