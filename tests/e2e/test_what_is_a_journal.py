"""One answer to "is this file a recovery journal?": opening it, `check` and `restore`
agree, and a look-alike is left untouched by all three."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from support import Cli


def look_alike(path: Path) -> Path:
    """Another app's SQLite file with a schema version and some of a journal's tables."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE habits (key TEXT); CREATE TABLE days (date TEXT);"
        "CREATE TABLE sessions (id TEXT); PRAGMA user_version = 1;"
    )
    conn.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_look_alike_is_not_a_journal_to_open_check_or_restore(cli: Cli, tmp_path: Path) -> None:
    other = look_alike(tmp_path / "other.db")
    before = digest(other)
    opened = cli("--db", str(other), "show")
    checked = cli("--db", str(other), "check")
    for result in (opened, checked):
        assert result.code == 1, result
        assert "not a recovery journal" in result.err
    assert cli("log", "--mood", "6").code == 0
    restored = cli("restore", str(other), "--yes")
    assert restored.code == 2, restored
    assert "not a recovery journal backup" in restored.err
    assert digest(other) == before
    assert cli("show", "--format", "json").json()[0]["mood"] == 6
