"""`encrypt` and `decrypt`: the journal, its backups and its draft at rest (issue 18)."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_journal.errors import InvalidInput, JournalUnusable, RecoveryJournalError

if TYPE_CHECKING:
    from recovery_journal.context import Context


def register(commands: Any) -> None:
    """Add `encrypt` and `decrypt` to the CLI."""
    encrypt = commands.add_parser(
        "encrypt",
        help="encrypt the journal and its backups with a passphrase",
        description="Turns the journal, its backups and its draft into SQLCipher files that "
        "open only with the passphrase (asked twice, or RECOVERY_JOURNAL_PASSPHRASE). "
        "Without the passphrase nobody can read them — you included: keep it safe.",
    )
    encrypt.set_defaults(handler=run_encrypt)
    decrypt = commands.add_parser(
        "decrypt",
        help="turn an encrypted journal and its backups back into plain files",
        description="Asks for the passphrase once (or RECOVERY_JOURNAL_PASSPHRASE).",
    )
    decrypt.set_defaults(handler=run_decrypt)


def _own_backups(path: Path) -> list[Path]:
    """This journal's backups in `backups/` (regular files only), oldest name first."""
    import stat

    from recovery_journal.paths import backup_dir
    from recovery_journal.store.backup import own_backup_pattern

    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    own = own_backup_pattern(path)
    found = []
    for candidate in sorted(folder.glob("*.db")):
        try:
            regular = stat.S_ISREG(candidate.lstat().st_mode)
        except OSError:
            continue
        if regular and own.fullmatch(candidate.name):
            found.append(candidate)
    return found


def _is_plain(path: Path) -> bool:
    from recovery_journal.store.cipher import SQLITE_HEADER

    with open(path, "rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _opened(context: Context) -> Path:
    """The journal, opened once the usual way (checked, migrated), then closed."""
    path = context.path
    if not path.exists():
        raise JournalUnusable(f"there is no journal at {path}; check --db")
    from recovery_journal.store.connection import verify_intact

    journal = context.journal(create=False)
    verify_intact(journal.conn, path)
    context.close()
    return path


def _prepare_backups(path: Path) -> None:
    from recovery_journal.files import check_backup_folder, remove_stale_temps
    from recovery_journal.paths import backup_dir

    if backup_dir(path).is_dir():
        check_backup_folder(backup_dir(path))
        remove_stale_temps(backup_dir(path), legacy=True)
    remove_stale_temps(path.parent, legacy=True)


def _convert_backups(path: Path, to_plain: bool, key: str) -> tuple[int, list[Path]]:
    """Convert this journal's backups that are not yet in the wanted form; the ones that
    cannot be (damaged, or another passphrase) are named, left as they are."""
    from recovery_journal.store import cipher
    from recovery_journal.store.encryption import convert

    done, left = 0, []
    for backup in _own_backups(path):
        plain = _is_plain(backup)
        if plain == to_plain:
            continue
        try:
            if to_plain:
                convert(backup, cipher.raw_key(cipher.passphrase_for(path), _salt(backup)), None)
            else:
                convert(backup, None, key)
        except (RecoveryJournalError, OSError, sqlite3.Error):
            left.append(backup)
            continue
        for suffix in ("-wal", "-shm"):
            Path(f"{backup}{suffix}").unlink(missing_ok=True)
        done += 1
    return done, left


def _salt(path: Path) -> bytes:
    from recovery_journal.store.cipher import salt_of

    return salt_of(path)


def _report_backups(done: int, left: list[Path], what: str) -> None:
    if done:
        print(f"{done} backup{'s' if done != 1 else ''} {what} too")
    for backup in left:
        print(f"note: {backup} could not be {what} (damaged, or another passphrase); kept as is")


def run_encrypt(args: argparse.Namespace, context: Context) -> int:
    """Encrypt the journal with a new passphrase, then its backups; on a journal
    encrypted already, finish the backups a stopped run left plain."""
    from recovery_journal.passphrase import JOURNAL_ENV, ask
    from recovery_journal.store import cipher
    from recovery_journal.store.encryption import convert

    path = _opened(context)
    _prepare_backups(path)
    if not _is_plain(path):
        # Already encrypted (perhaps stopped before its backups): finish the backups.
        key = cipher.raw_key(cipher.passphrase_for(path), cipher.salt_of(path))
        if not any(_is_plain(backup) for backup in _own_backups(path)):
            raise InvalidInput(f"{path} is encrypted already; nothing was changed")
        done, left = _convert_backups(path, False, key)
        _report_backups(done, left, "encrypted")
        return 0
    passphrase = ask("New passphrase for the journal", JOURNAL_ENV, confirm=True)
    key = cipher.new_key(passphrase)
    convert(path, None, key)
    cipher.remember(passphrase)
    done, left = _convert_backups(path, False, key)
    print(
        f"encrypted {path}; it opens only with this passphrase — keep it safe: without it "
        "nobody can read the journal, you included"
    )
    _report_backups(done, left, "encrypted")
    return 0


def run_decrypt(args: argparse.Namespace, context: Context) -> int:
    """Turn an encrypted journal and its backups back into plain files (one
    passphrase, checked before anything changes)."""
    from recovery_journal.store import cipher
    from recovery_journal.store.encryption import convert

    path = context.path
    if path.exists() and _is_plain(path):
        # Perhaps a decrypt stopped before its backups: finish them, else refuse.
        if not any(not _is_plain(backup) for backup in _own_backups(path)):
            raise InvalidInput(f"{path} is not encrypted; nothing was changed")
        path = _opened(context)
        _prepare_backups(path)
        done, left = _convert_backups(path, True, "")
        _report_backups(done, left, "decrypted")
        return 0
    path = _opened(context)  # asks for the passphrase, refuses a wrong one
    _prepare_backups(path)
    key = cipher.raw_key(cipher.passphrase_for(path), cipher.salt_of(path))
    convert(path, key, None)
    done, left = _convert_backups(path, True, key)
    print(f"decrypted {path}; it is a plain file again and opens without a passphrase")
    _report_backups(done, left, "decrypted")
    return 0
