"""A version 1 journal (the first schema) is upgraded to version 2, backed up first, with
every word kept; the quick `log` path hands over to the upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from recovery_journal.store.schema import SCHEMA_VERSION, V1_STATEMENTS
from support import Cli


def make_v1(path: Path, with_record: bool) -> None:
    """A journal as version 1 of the app wrote it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(path)
    for statement in V1_STATEMENTS:
        raw.execute(statement)
    raw.execute(
        "INSERT INTO days (date, mood, note, updated_at) "
        "VALUES ('2026-11-20', 6, 'a walk by the river', '2026-11-20T20:00:00+01:00')"
    )
    if with_record:  # sqlite-utils' own record of the first migration
        raw.execute(
            "CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, "
            "name TEXT, applied_at TEXT)"
        )
        raw.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('recovery_journal', '0001_initial', 'then')"
        )
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()


def test_schema_is_version_2() -> None:
    assert SCHEMA_VERSION == 2


def _check_upgraded(path: Path) -> None:
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 2
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
        assert {"appointments", "plans", "appointments_by_date"} <= tables
        assert raw.execute("SELECT note FROM days WHERE date = '2026-11-20'").fetchone() == (
            "a walk by the river",
        )
    finally:
        raw.close()
    backups = list((path.parent / "backups").glob(f"{path.stem}-before-v2-*.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    try:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert old.execute("SELECT mood FROM days").fetchone() == (6,)
    finally:
        old.close()


def test_quick_log_upgrades_a_v1_journal_and_logs(tmp_path: Path) -> None:
    db = tmp_path / "data" / "journal.db"
    make_v1(db, with_record=True)
    cli = Cli(db, tmp_path / "home")
    result = cli("log", "--mood", "7", "--date", "2026-11-27")
    assert result.code == 0, result.err
    _check_upgraded(db)
    shown = cli("show", "--date", "2026-11-20", "--format", "json")
    assert shown.code == 0, shown.err
    assert shown.json()[0]["note"] == "a walk by the river"


def test_a_v1_file_without_the_migration_record_is_upgraded(tmp_path: Path) -> None:
    db = tmp_path / "data" / "journal.db"
    make_v1(db, with_record=False)
    cli = Cli(db, tmp_path / "home")
    result = cli("appointment", "list", "--format", "json")
    assert result.code == 0, result.err
    assert result.json() == []
    _check_upgraded(db)
