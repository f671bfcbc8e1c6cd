"""Creating and upgrading the journal's schema, with sqlite-utils.

Migrations run in order inside one `BEGIN IMMEDIATE` transaction, so two copies of the app
starting at once cannot both create the tables. An existing journal is backed up (and the
copy verified) before it is upgraded. The version lands in `PRAGMA user_version`.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from recovery_journal.model import BUILT_IN_HABITS
from recovery_journal.store.schema import SCHEMA_VERSION, V1_STATEMENTS, V2_STATEMENTS
from recovery_journal.store.transaction import write_transaction

MIGRATIONS = Migrations("recovery_journal")


@MIGRATIONS(name="0001_initial")
def initial(db: Database) -> None:
    """Version 1: the tables of PRODUCT.md §2 and the built-in habits."""
    for statement in V1_STATEMENTS:
        db.execute(statement)
    db.table("habits").insert_all(
        {
            "key": habit.key,
            "label": habit.label,
            "kind": habit.kind,
            "target": habit.target,
            "archived": 0,
            "built_in": 1,
            "position": habit.position,
        }
        for habit in BUILT_IN_HABITS
    )
    db.execute("PRAGMA user_version = 1")


@MIGRATIONS(name="0002_appointments_plans")
def appointments_plans(db: Database) -> None:
    """Version 2: appointments, and the plans table reserved for `plan`."""
    for statement in V2_STATEMENTS:
        db.execute(statement)
    db.execute("PRAGMA user_version = 2")


def _record_earlier(db: Database, version: int) -> None:
    """A file at `version` has every migration up to it, whether or not sqlite-utils wrote
    them down (a file made by other tools may lack `_sqlite_migrations`)."""
    MIGRATIONS.ensure_migrations_table(db)
    done = {migration.name for migration in MIGRATIONS.applied(db)}
    for name in _BY_VERSION[:version]:
        if name not in done:
            db.table(Migrations.migrations_table).insert(
                {"migration_set": MIGRATIONS.name, "name": name, "applied_at": "before"}
            )


_BY_VERSION = ("0001_initial", "0002_appointments_plans")


def migrate(conn: sqlite3.Connection, existing: Path | None) -> None:
    """Bring a journal up to `SCHEMA_VERSION`; back an existing file up first.

    The backup is taken before the write transaction (SQLite cannot copy a file from a
    connection that holds its write lock); the version is read again inside it, so two
    copies of the app upgrading at once upgrade it once.
    """
    db = Database(conn)
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version >= SCHEMA_VERSION:
        return
    if existing is not None and version > 0:
        from recovery_journal.clock import SystemClock
        from recovery_journal.files import check_backup_folder
        from recovery_journal.store.backup import backup_to

        check_backup_folder(existing.parent / "backups")
        stamp = SystemClock().now().astimezone(UTC).strftime("%Y%m%dT%H%M%S")
        target = (
            existing.parent / "backups" / f"{existing.stem}-before-v{SCHEMA_VERSION}-{stamp}.db"
        )
        backup_to(conn, target)
    with write_transaction(conn):
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version >= SCHEMA_VERSION:
            return
        if version > 0:
            _record_earlier(db, version)
        MIGRATIONS.apply(db)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
