"""Turning a journal file into an SQLCipher one and back (`encrypt`, `decrypt`; issue 18).

The new file is written beside the old one as `.<name>.rj-tmp-<pid>` with `sqlcipher_export`
inside one transaction of the old file, keeps `user_version`, is checked (it opens with the
new key and passes `integrity_check`), fsync'd, made owner-only and renamed over the old
one: a crash at any moment leaves either the old file or the new one, both whole. The old
file is first switched out of WAL, so no `-wal` of plaintext pages can outlive it (and the
switch fails while another program holds the journal open, which is refused).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from recovery_journal.errors import JournalUnusable
from recovery_journal.store import cipher


def convert(path: Path, old_key: str | None, new_key: str | None) -> None:
    """Rewrite the file at `path` from `old_key` to `new_key` (None: plaintext)."""
    from recovery_journal.files import temp_path
    from recovery_journal.store.backup import fsync_dir

    temp = temp_path(path)
    try:
        export_to(path, temp, old_key, new_key)
        os.replace(temp, path)
        fsync_dir(path.parent)
    finally:
        temp.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def export_to(path: Path, temp: Path, old_key: str | None, new_key: str | None) -> None:
    """Write the file at `path` (opened with `old_key`) into the empty file `temp` with
    `new_key`: checked, fsync'd and owner-only; `path` is left as it was."""
    try:
        from recovery_journal.store.connection import busy_timeout

        source = cipher.connect(str(path), old_key, isolation_level=None, timeout=busy_timeout())
        try:
            if not cipher.opens(source):
                raise cipher.wrong_passphrase(path)
            try:
                mode = source.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            except sqlite3.OperationalError as error:
                if "locked" not in str(error).lower():
                    raise
                mode = "wal"  # another connection holds the WAL: the switch is refused at once
            if str(mode).lower() != "delete":
                raise JournalUnusable(
                    f"{path} is open in another program (the app in another window?); "
                    "close it and try again — nothing was changed"
                )
            version = int(source.execute("PRAGMA user_version").fetchone()[0])
            source.execute("ATTACH DATABASE ? AS target KEY ?", (str(temp), _key_text(new_key)))
            source.execute("BEGIN IMMEDIATE")
            try:
                source.execute("SELECT sqlcipher_export('target')")
                source.execute(f"PRAGMA target.user_version = {version}")
                source.execute("COMMIT")
            except BaseException:
                if source.in_transaction:
                    source.execute("ROLLBACK")
                raise
            source.execute("DETACH DATABASE target")
        finally:
            source.close()
        _check_written(temp, new_key, version)
        os.chmod(temp, 0o600)
        with open(temp, "rb") as written:
            os.fsync(written.fileno())
    except sqlite3.OperationalError as error:
        from recovery_journal.store.connection import translate_operational_error

        raise translate_operational_error(path, error) from None
    finally:
        Path(f"{temp}-journal").unlink(missing_ok=True)


def _key_text(key: str | None) -> str:
    """ATTACH … KEY takes the raw-key literal as text; '' attaches a plaintext file."""
    return "" if key is None else key


def _check_written(temp: Path, key: str | None, version: int) -> None:
    """The new file opens with its key, is whole, and has the journal's version."""
    conn = cipher.connect(str(temp), key)
    try:
        ok = cipher.opens(conn) and conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        same = ok and conn.execute("PRAGMA user_version").fetchone()[0] == version
    finally:
        conn.close()
    with open(temp, "rb") as handle:
        plain = handle.read(len(cipher.SQLITE_HEADER)) == cipher.SQLITE_HEADER
    if not (ok and same) or plain != (key is None):
        raise JournalUnusable(
            f"the converted copy of {temp.name} did not pass its check; nothing was changed"
        )
