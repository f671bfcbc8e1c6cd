"""`backup`, `restore`, `check` and `demo` as a user runs them (PRODUCT.md §3, §10)."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest


def ok(result: Any) -> Any:
    assert result.code == 0, result.err
    assert result.err == ""
    return result


def refused(result: Any, code: int) -> Any:
    assert result.code == code, (result.out, result.err)
    assert result.err.startswith("error: ")
    assert result.err.count("\n") == 1 and result.err.endswith("\n")
    assert "Traceback" not in result.err
    assert result.out == ""
    return result


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def moods(path: Path) -> dict[str, int]:
    """The moods held in a journal or backup file, read directly."""
    assert path.is_file(), path
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return dict(conn.execute("SELECT date, mood FROM days ORDER BY date").fetchall())
    finally:
        conn.close()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# ---------------------------------------------------------------- backup


def test_backup_to_the_default_folder_and_to_a_path(cli: Any, tmp_path: Path) -> None:
    ok(cli("log", "--mood", "4", "--note", "first"))
    result = ok(cli("backup"))
    target = Path(result.out.strip())
    assert result.out.count("\n") == 1
    assert target.parent == cli.db.parent / "backups"
    assert target.name.startswith("journal-") and target.suffix == ".db"
    assert mode(target) == 0o600 and mode(target.parent) == 0o700
    assert moods(target) == {"2026-11-27": 4}

    chosen = tmp_path / "copy.db"
    assert ok(cli("backup", "-o", str(chosen))).out == f"{chosen}\n"
    assert mode(chosen) == 0o600
    assert moods(chosen) == {"2026-11-27": 4}

    second = Path(ok(cli("backup")).out.strip())
    assert second != target and target.exists() and second.exists()


def test_backup_refusals(cli: Any, tmp_path: Path) -> None:
    refused(cli("backup"), 1)  # no journal yet
    assert not cli.db.exists()
    ok(cli("log", "--mood", "4"))
    existing = tmp_path / "taken.db"
    existing.write_bytes(b"mine")
    refused(cli("backup", "-o", str(existing)), 2)
    assert existing.read_bytes() == b"mine"
    refused(cli("backup", "-o", str(cli.db)), 2)
    refused(cli("backup", "-o", str(tmp_path / "no" / "such" / "folder.db")), 2)
    assert not (tmp_path / "no").exists()


# ---------------------------------------------------------------- restore


def test_restore_replaces_the_journal_and_keeps_the_old_one(cli: Any, tmp_path: Path) -> None:
    ok(cli("log", "--date", "yesterday", "--mood", "4"))
    saved = tmp_path / "saved.db"
    ok(cli("backup", "-o", str(saved)))
    ok(cli("log", "--mood", "9"))
    ok(cli("session", "add", "--at", "now", "--kind", "other"))
    assert moods(cli.db) == {"2026-11-26": 4, "2026-11-27": 9}

    before = snapshot(cli.db.parent)
    refused(cli("restore", str(saved)), 2)  # asks for --yes
    assert snapshot(cli.db.parent) == before

    result = ok(cli("restore", str(saved), "--yes"))
    assert result.out.startswith(f"restored {saved}")
    assert moods(cli.db) == {"2026-11-26": 4}
    assert ok(cli("session", "list", "--format", "json")).json() == []
    assert mode(cli.db) == 0o600
    kept = Path(result.out.strip().rsplit(" ", 1)[-1])
    assert kept.parent == cli.db.parent / "backups" and mode(kept) == 0o600
    assert moods(kept) == {"2026-11-26": 4, "2026-11-27": 9}
    conn = sqlite3.connect(cli.db)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    ok(cli("log", "--mood", "6"))
    assert moods(cli.db) == {"2026-11-26": 4, "2026-11-27": 6}


def test_restoring_twice_keeps_every_earlier_journal(cli: Any, tmp_path: Path) -> None:
    ok(cli("log", "--date", "2026-11-01", "--mood", "1"))
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    ok(cli("backup", "-o", str(first)))
    ok(cli("log", "--date", "2026-11-02", "--mood", "2"))
    ok(cli("backup", "-o", str(second)))
    ok(cli("log", "--date", "2026-11-03", "--mood", "3"))  # only in the journal itself
    ok(cli("restore", str(first), "--yes"))
    ok(cli("restore", str(second), "--yes"))
    kept = [moods(path) for path in (cli.db.parent / "backups").glob("journal-before-*.db")]
    assert {"2026-11-01": 1, "2026-11-02": 2, "2026-11-03": 3} in kept
    assert {"2026-11-01": 1} in kept


def test_restore_over_a_damaged_journal(cli: Any, tmp_path: Path) -> None:
    ok(cli("log", "--mood", "4"))
    saved = tmp_path / "saved.db"
    ok(cli("backup", "-o", str(saved)))
    garbage = b"\x13\x37" * 3000
    cli.db.write_bytes(garbage)
    refused(cli("show"), 1)
    result = ok(cli("restore", str(saved), "--yes"))
    kept = Path(result.out.strip().rsplit(" ", 1)[-1])
    assert kept.read_bytes() == garbage  # the damaged file is kept, not overwritten
    assert moods(cli.db) == {"2026-11-27": 4}


def test_restore_refusals(cli: Any, tmp_path: Path) -> None:
    ok(cli("log", "--mood", "4"))
    before = snapshot(cli.db.parent)
    refused(cli("restore", str(tmp_path / "missing.db"), "--yes"), 2)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a backup at all")
    refused(cli("restore", str(garbage), "--yes"), 2)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    refused(cli("restore", str(other), "--yes"), 2)
    refused(cli("restore", str(cli.db), "--yes"), 2)
    assert snapshot(cli.db.parent) == before


# ---------------------------------------------------------------- check


def test_check_a_healthy_journal(cli: Any) -> None:
    ok(cli("log", "--mood", "4"))
    ok(cli("session", "add", "--at", "now", "--kind", "other"))
    out = ok(cli("check")).out
    assert out.startswith("ok: ")
    from recovery_journal.store.schema import SCHEMA_VERSION

    assert f"1 day, 1 session, 0 questionnaires (schema {SCHEMA_VERSION})" in out
    assert "newest good backup:" in out  # the daily backup before the session was added


def test_check_says_why_backups_it_cannot_trust_are_not_counted(cli: Any) -> None:
    """`check` never says "no backups yet" while backups are there but refused."""
    ok(cli("log", "--mood", "4"))
    ok(cli("session", "add", "--at", "now", "--kind", "other"))
    folder = cli.db.parent / "backups"
    [backup] = folder.glob("*.db")
    folder.chmod(0o770)  # the group can change it: no daily backup goes there
    out = ok(cli("check")).out
    assert "no backups yet" not in out
    assert "not safe to use" in out and "chmod 700" in out
    folder.chmod(0o700)
    backup.chmod(0o644)  # others can read it: never offered as the good backup
    out = ok(cli("check")).out
    assert "no backups yet" not in out
    assert "no good backup" in out and "private" in out


# A damaged, empty, foreign or newer journal under `check`: see test_cli_errors.py.


def test_check_without_a_journal(cli: Any) -> None:
    refused(cli("check"), 1)
    assert not cli.db.exists()


# ---------------------------------------------------------------- demo


def demo_data(cli: Any, db: Path) -> tuple[list[Any], list[Any], list[Any]]:
    days = ok(cli("--db", str(db), "show", "--format", "json")).json()
    sessions = ok(cli("--db", str(db), "session", "list", "--format", "json")).json()
    habits = ok(cli("--db", str(db), "habits", "list", "--format", "json")).json()
    return days, sessions, habits


def test_demo_builds_a_realistic_journal(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "demo" / "demo.db"
    result = ok(cli("--db", str(db), "demo", "--days", "120", "--no-tui"))
    assert str(db) in result.out
    assert mode(db) == 0o600
    days, sessions, habits = demo_data(cli, db)
    assert len(days) >= 90
    assert len(sessions) >= 6
    dates = [date.fromisoformat(d["date"]) for d in days]
    assert dates == sorted(dates)
    assert dates[-1] == date(2026, 11, 27)  # ends today
    assert 110 <= (dates[-1] - dates[0]).days <= 119  # the first day may go unlogged
    assert all(d["mood"] is None or 1 <= d["mood"] <= 10 for d in days)
    assert sum(d["note"] is not None for d in days) > len(days) // 2
    assert all(s["at"] <= "2026-11-27T09:30:00+01:00" for s in sessions)
    assert all(s["kind"] == sessions[0]["kind"] for s in sessions)
    keys = {h["key"] for h in habits}
    assert {key for d in days for key in d["habits"]} <= keys
    assert ok(cli("--db", str(db), "check")).out.startswith("ok: ")


def dump(db: Path) -> list[str]:
    """Every row of every table, as SQL text (not sqlite-utils' record of when it migrated)."""
    conn = sqlite3.connect(db)
    try:
        return [line for line in conn.iterdump() if "_sqlite_migrations" not in line]
    finally:
        conn.close()


def test_demo_with_the_same_seed_gives_the_same_journal(cli: Any, tmp_path: Path) -> None:
    one, two, other = tmp_path / "one.db", tmp_path / "two.db", tmp_path / "other.db"
    for db, seed in ((one, "7"), (two, "7"), (other, "8")):
        ok(cli("--db", str(db), "demo", "--days", "60", "--seed", seed, "--no-tui"))
    assert dump(one) == dump(two)
    assert len(dump(one)) > 100
    assert dump(one) != dump(other)


def test_demo_refuses_a_journal_that_holds_data(cli: Any, tmp_path: Path) -> None:
    ok(cli("log", "--mood", "5"))
    before = snapshot(cli.db.parent)
    result = refused(cli("--db", str(cli.db), "demo", "--days", "30", "--no-tui"), 2)
    assert "already holds a journal" in result.err
    assert snapshot(cli.db.parent) == before


def test_demo_fills_an_empty_journal_or_an_empty_file(cli: Any, tmp_path: Path) -> None:
    ok(cli("habits", "list"))  # creates the journal, with no data
    ok(cli("--db", str(cli.db), "demo", "--days", "30", "--no-tui"))
    assert len(ok(cli("show", "--format", "json")).json()) >= 20
    blank = tmp_path / "blank.db"
    blank.touch()
    ok(cli("--db", str(blank), "demo", "--days", "30", "--no-tui"))
    assert len(moods(blank)) >= 20


def test_demo_without_db_uses_a_temporary_file(cli: Any) -> None:
    result = ok(cli("demo", "--days", "20", "--seed", "3", "--no-tui"))
    path = Path(result.out.split("demo journal: ", 1)[1].split(" (", 1)[0])
    try:
        assert path != cli.db and path.exists()
        assert not cli.db.exists()  # the user's own journal is not touched
    finally:
        path.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.rmdir()


@pytest.mark.parametrize("args", [["--days", "0"], ["--days", "many"], ["--seed", "-1"]])
def test_demo_refuses_bad_numbers(cli: Any, tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "d.db"
    refused(cli("--db", str(db), "demo", *args, "--no-tui"), 2)
    assert not db.exists()


def test_demo_of_120_days_is_full_enough_for_any_seed(clock: Any) -> None:
    from recovery_journal.demo import build_demo
    from recovery_journal.store import Journal

    for seed in range(12):
        with Journal.open(":memory:", clock) as journal:
            build_demo(journal, days=120, seed=seed)
            counts = journal.counts()
            assert counts["days"] >= 90, seed
            assert counts["sessions"] >= 6, seed
            first, last = journal.data_range()  # type: ignore[misc]
            assert last == date(2026, 11, 27), seed
            assert date(2026, 7, 31) <= first <= date(2026, 8, 1), seed  # a questionnaire day 2
            assert all(s.at <= clock.now() for s in journal.sessions())


def test_check_backup_and_restore_with_odd_characters_in_the_path(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "my journal #1 (50%?)" / "journal?.db"
    ok(cli("--db", str(db), "log", "--mood", "4"))
    assert "1 day," in ok(cli("--db", str(db), "check")).out
    copy = tmp_path / "copy #2%.db"
    ok(cli("--db", str(db), "backup", "-o", str(copy)))
    ok(cli("--db", str(db), "log", "--mood", "8"))
    ok(cli("--db", str(db), "restore", str(copy), "--yes"))
    assert moods(db) == {"2026-11-27": 4}


def test_backup_o_may_not_take_a_daily_backups_name(cli) -> None:
    assert cli("log", "--mood", "6").code == 0
    assert cli("backup").code == 0  # today's daily backup, and the folder
    target = cli.db.parent / "backups" / f"{cli.db.stem}-2026-11-28.db"
    result = cli("backup", "-o", str(target))
    assert result.code == 2
    assert result.err.startswith("error: ") and "daily backup" in result.err
    assert not target.exists()
    other = cli.db.parent / "backups" / "before-moving.db"
    assert cli("backup", "-o", str(other)).code == 0 and other.exists()
