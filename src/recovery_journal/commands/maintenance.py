"""`backup`, `restore`, `check` and `demo`."""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_journal.errors import InvalidInput, JournalUnusable

if TYPE_CHECKING:
    from recovery_journal.context import Context


def register(commands: Any) -> None:
    """Add `demo`, `backup`, `restore` and `check` to the CLI."""
    demo = commands.add_parser(
        "demo",
        help="build a realistic synthetic journal and open it",
        description="Builds a synthetic journal ending today. With --db it goes into that file "
        "(which must be new or empty); otherwise into a temporary file.",
    )
    demo.add_argument("--days", default="120", metavar="N", help="how many days (default 120)")
    demo.add_argument("--seed", default="1", metavar="S", help="same seed, same journal")
    demo.add_argument("--no-tui", action="store_true", help="build it and print where it is")
    demo.set_defaults(handler=run_demo)

    backup = commands.add_parser("backup", help="a consistent, verified copy of the journal")
    backup.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="where to write it (default: backups/ beside the journal)",
    )
    backup.set_defaults(handler=run_backup)

    restore = commands.add_parser(
        "restore", help="replace the journal with a backup (the current one is backed up first)"
    )
    restore.add_argument("source", metavar="PATH")
    restore.add_argument("--yes", action="store_true", help="confirm the restore")
    restore.set_defaults(handler=run_restore)

    check = commands.add_parser("check", help="check the journal's integrity")
    check.set_defaults(handler=run_check)


def _free_path(folder: Path, prefix: str, context: Context) -> Path:
    """`folder/PREFIX-YYYY-MM-DD-HHMMSS.db`, with `-2`, `-3`… when that name is taken."""
    stamp = context.clock.now().strftime("%Y-%m-%d-%H%M%S")
    target = folder / f"{prefix}-{stamp}.db"
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{prefix}-{stamp}-{number}.db"
    return target


def _refuse_daily_name(target: Path, journal: Path) -> None:
    """A name the daily backups use would make a later day's backup skip itself."""
    import re

    backups = Path(os.path.realpath(journal.parent / "backups"))
    resolved = Path(os.path.realpath(target))
    daily = re.fullmatch(rf"{re.escape(journal.stem)}-\d{{4}}-\d{{2}}-\d{{2}}\.db", resolved.name)
    if resolved.parent == backups and daily:
        raise InvalidInput(
            f"{target.name} is the name of a daily backup; choose another name for -o"
        )


def run_backup(args: argparse.Namespace, context: Context) -> int:
    """A verified copy of the journal, to -o or a new name in backups/; prints
    its path."""
    from recovery_journal.paths import backup_dir
    from recovery_journal.store.backup import backup_to

    path = context.path
    if not path.exists():
        raise JournalUnusable(f"there is no journal at {path} to back up; check --db")
    if args.output:
        from recovery_journal.report.output import check_target

        target = Path(args.output).expanduser()
        if os.path.lexists(target):
            raise InvalidInput(f"{target} exists already; choose a new file name")
        # Not there yet, but still never the journal's own -wal/-shm/-journal name.
        check_target(target, path, allow_backups=True)
        _refuse_daily_name(target, path)
        if not target.parent.is_dir():
            raise InvalidInput(f"the folder {target.parent} does not exist; create it first")
    else:
        from recovery_journal.files import check_backup_folder

        check_backup_folder(backup_dir(path))
        target = _free_path(backup_dir(path), path.stem, context)
    journal = context.journal(create=False)
    backup_to(journal.conn, target)
    print(target)
    return 0


def run_restore(args: argparse.Namespace, context: Context) -> int:
    """Replace the journal with a good backup (with --yes); a journal already there is
    kept in backups/ first, damaged or not."""
    from recovery_journal.files import (
        check_backup_folder,
        remove_stale_temps,
        untrusted_file_reason,
    )
    from recovery_journal.paths import backup_dir
    from recovery_journal.store.backup import backup_to, is_good_journal, open_for_reading
    from recovery_journal.store.connection import SCHEMA_VERSION

    source = Path(args.source).expanduser()
    path = context.path
    if path.exists():
        from recovery_journal.store.connection import check_regular

        check_regular(path)
    if not source.is_file():
        raise InvalidInput(f"there is no file at {source}; give the backup's path")
    _ask_if_encrypted(source)
    if not is_good_journal(source):
        raise InvalidInput(f"{source} is not a good journal backup (it fails its integrity check)")
    version = _version_of(source)
    if version is None:
        raise InvalidInput(f"{source} is an SQLite file but not a recovery journal backup")
    if version > SCHEMA_VERSION:
        raise InvalidInput(f"{source} was written by a newer version; update the app first")
    if path.exists() and source.resolve() == path.resolve():
        raise InvalidInput("that file is the journal itself; give a backup's path")
    not_private = untrusted_file_reason(source)
    if not args.yes:
        warning = f"; note: {source} is not private to you ({not_private})" if not_private else ""
        raise InvalidInput(
            f"restoring replaces {path} with {source} (the current journal is backed up "
            f"first){warning}; add --yes to confirm"
        )
    saved_as: Path | None = None
    folder = backup_dir(path)
    check_backup_folder(folder)
    remove_stale_temps(path.parent, legacy=True)
    if path.exists() and _encryption_differs(source, path):
        saved_as = _replace_encryption(source, path, folder, context)
    elif path.exists() and is_good_journal(path):
        # A healthy journal (perhaps open in the app too) is replaced in place, in one
        # SQLite transaction: other copies of the app see the old or the new journal.
        journal = context.journal(create=False)
        saved_as = backup_to(
            journal.conn, _free_path(folder, f"{path.stem}-before-restore", context)
        )
        source_conn = open_for_reading(source)
        try:
            source_conn.backup(journal.conn)
        finally:
            source_conn.close()
        context.close()
    else:
        saved_as = _replace_damaged(source, path, folder, context)
    context.journal(create=False)  # opens, migrates if the backup is older, checks
    if saved_as:
        print(f"restored {source}; the journal as it was is kept at {saved_as}")
    else:
        print(f"restored {source}")
    if not_private:
        print(
            f"note: {source} was not private to you ({not_private}); check that it is the "
            "backup you meant"
        )
    return 0


def _ask_if_encrypted(source: Path) -> None:
    """An encrypted backup is opened with the journal's passphrase: asked here, once, and
    refused at once when it does not open the backup."""
    from recovery_journal.store.connection import encrypted

    if encrypted(source):
        from recovery_journal.store import cipher

        cipher.open_file(source).close()


def _encryption_differs(source: Path, path: Path) -> bool:
    """One of the backup and the journal is encrypted and the other not (issue 18)."""
    from recovery_journal.store.connection import encrypted

    return encrypted(source) != encrypted(path)


def _replace_encryption(source: Path, path: Path, folder: Path, context: Context) -> Path:
    """Restore across encryption: the result is encrypted when either file is (with the
    journal's passphrase), written beside the journal and renamed over it, the journal as
    it was kept first."""
    from recovery_journal.files import temp_path
    from recovery_journal.store import cipher
    from recovery_journal.store.backup import backup_to, fsync_dir
    from recovery_journal.store.connection import encrypted
    from recovery_journal.store.encryption import export_to

    journal = context.journal(create=False)
    saved_as = backup_to(journal.conn, _free_path(folder, f"{path.stem}-before-restore", context))
    context.close()
    old_key = cipher.key_for(source) if encrypted(source) else None
    new_key = cipher.key_for(path) if encrypted(path) else old_key
    temp = temp_path(path)
    try:
        export_to(source, temp, old_key, new_key)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(temp, path)
        fsync_dir(path.parent)
    finally:
        temp.unlink(missing_ok=True)
    return saved_as


def _version_of(path: Path) -> int | None:
    from recovery_journal.store.backup import open_for_reading
    from recovery_journal.store.connection import is_journal, schema_version

    conn = open_for_reading(path)
    try:
        return schema_version(conn) if is_journal(conn) else None
    finally:
        conn.close()


def _replace_damaged(source: Path, path: Path, folder: Path, context: Context) -> Path | None:
    """Put a copy of `source` at `path` with one atomic rename; at no moment is there no
    file at `path`. A damaged journal there (and its -wal) is copied to `folder` first."""
    from recovery_journal.paths import ensure_private_dir
    from recovery_journal.store.backup import fsync_dir

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    restored = _prepared_copy(source, path)
    try:
        saved_as: Path | None = None
        wal = Path(f"{path}-wal")
        if path.exists() or wal.exists():
            ensure_private_dir(folder)
            saved_as = _free_path(folder, f"{path.stem}-damaged", context)
            for suffix in ("", "-wal"):
                if Path(f"{path}{suffix}").exists():
                    _copy_bytes(Path(f"{path}{suffix}"), Path(f"{saved_as}{suffix}"))
            # The old -wal must not be replayed into the restored file.
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(restored, path)
        fsync_dir(path.parent)
    finally:
        restored.unlink(missing_ok=True)
    return saved_as


def _prepared_copy(source: Path, target: Path) -> Path:
    """A whole, fsync'd copy of `source` (SQLite's backup API) in a temp file beside
    `target`, 0600, with no -wal of its own."""
    from recovery_journal.files import temp_path
    from recovery_journal.store.backup import open_for_reading

    temp = temp_path(target)
    try:
        from recovery_journal.store.backup import new_copy

        src = open_for_reading(source)
        dst = new_copy(src, temp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            src.close()
            dst.close()
        os.chmod(temp, 0o600)
        with open(temp, "rb") as written:
            os.fsync(written.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _copy_bytes(source: Path, target: Path) -> None:
    """Copy a file byte for byte (temp file, fsync, rename), 0600."""
    import shutil

    from recovery_journal.files import create_temp
    from recovery_journal.store.backup import fsync_dir

    descriptor, temp = create_temp(target)
    try:
        with os.fdopen(descriptor, "wb") as out, open(source, "rb") as data:
            shutil.copyfileobj(data, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
        fsync_dir(target.parent)
    finally:
        temp.unlink(missing_ok=True)


def _open_to_check(path: Path) -> sqlite3.Connection:
    """The journal opened to be checked; an encrypted one that the passphrase does not
    open, while it opens the backups, is named damaged (with the backup to restore)."""
    from recovery_journal.store import cipher
    from recovery_journal.store.backup import open_for_reading

    if not cipher.looks_encrypted(path):
        return open_for_reading(path)
    from recovery_journal.store.connection import damaged_though_the_passphrase_is_right

    passphrase = cipher.passphrase_for(path)
    try:
        return open_for_reading(path)
    except JournalUnusable as refused:
        raise damaged_though_the_passphrase_is_right(path, passphrase) or refused from None


def run_check(args: argparse.Namespace, context: Context) -> int:
    """SQLite's integrity check, the schema version and the row counts; a damaged,
    newer or foreign file is an error."""
    from recovery_journal.store.backup import backups_note
    from recovery_journal.store.connection import (
        COUNTED_TABLES,
        NOT_UTF8,
        SCHEMA_VERSION,
        check_file,
        count_rows,
        describe_damage,
        is_journal,
        schema_version,
    )

    path = context.path
    if not path.exists():
        raise JournalUnusable(f"there is no journal at {path}; check --db")
    check_file(path)
    try:
        conn = _open_to_check(path)
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            version = schema_version(conn)
            journal = is_journal(conn)
            counts = {table: count_rows(conn, table) for table in COUNTED_TABLES} if journal else {}
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise describe_damage(path, str(error)) from None
    except UnicodeDecodeError:
        raise describe_damage(path, NOT_UTF8) from None
    if problems != ["ok"]:
        raise describe_damage(path, f"integrity check: {problems[0]}")
    if version > SCHEMA_VERSION:
        raise JournalUnusable(
            f"{path} is intact but was written by a newer version of recovery-journal (schema "
            f"{version}, this one knows {SCHEMA_VERSION}); it was left untouched — please "
            "update the app"
        )
    if not journal:
        raise JournalUnusable(
            f"{path} is an SQLite database but not a recovery journal; it was left untouched "
            "— choose another path with --db"
        )

    def counted_as(n: int, one: str, many: str) -> str:
        return f"{n:,} {one if n == 1 else many}"

    # Appointments and plans are named when there are some (a plan alone is not nothing).
    extra = "".join(
        f", {counted_as(counts[table], one, many)}"
        for table, one, many in (
            ("appointments", "appointment", "appointments"),
            ("plans", "plan", "plans"),
        )
        if counts[table]
    )
    print(
        f"ok: {path} is healthy — {counted_as(counts['days'], 'day', 'days')}, "
        f"{counted_as(counts['sessions'], 'session', 'sessions')}, "
        f"{counted_as(counts['assessments'], 'questionnaire', 'questionnaires')}{extra} "
        f"(schema {version})"
    )
    print(backups_note(path))
    return 0


def run_demo(args: argparse.Namespace, context: Context) -> int:
    """Fill a new or empty file (or a temporary one) with a synthetic journal, then
    open the app on it unless --no-tui."""
    from recovery_journal import model

    days = model.parse_int(args.days, "--days", 1, 20_000)
    seed = model.parse_int(args.seed, "--seed", 0, 2**31)
    if context.db:
        path = Path(context.db).expanduser()
        if path.is_file() and not path.is_symlink() and path.stat().st_size == 0:
            path.unlink()  # an empty file only: never a FIFO or a device of size 0
        if path.exists():
            from recovery_journal.store import Journal
            from recovery_journal.store.cipher import looks_encrypted

            if path.is_file() and looks_encrypted(path):  # no passphrase needed to say so
                raise InvalidInput(
                    f"{path} already holds an encrypted journal; demo only fills a new or "
                    "empty file"
                )
            with Journal.open(path, context.clock, create=False) as existing:
                if not existing.is_empty():
                    raise InvalidInput(
                        f"{path} already holds a journal; demo only fills a new or empty file"
                    )
    else:
        path = Path(tempfile.mkdtemp(prefix="recovery-journal-demo-")) / "demo.db"
    from recovery_journal.demo import build_demo
    from recovery_journal.store import Journal

    with Journal.open(path, context.clock) as journal:
        summary = build_demo(journal, days=days, seed=seed)
    message = f"demo journal: {path} ({summary})"
    if args.no_tui:
        print(message)
        return 0
    context.db = str(path)
    from recovery_journal.context import open_app

    try:
        return open_app(context, demo=True)
    finally:  # after the app, where the screen can be read again
        print(message)
