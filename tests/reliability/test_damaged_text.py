"""A journal whose schema text SQLite hands back as bytes that are not UTF-8 is damage: every
command says so in one line and writes nothing (no crash file, no change)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from support import Cli


def _damage_a_name(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute(
        "UPDATE sqlite_master SET name = CAST(X'66FF6F' AS TEXT) WHERE name = "
        "(SELECT name FROM sqlite_master WHERE type = 'index' LIMIT 1)"
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "args", [("check",), ("log", "--mood", "4"), ("show",), ("plan", "list")], ids=str
)
def test_text_that_is_not_utf8_in_the_schema_is_named_as_damage(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    db = tmp_path / "journal.db"
    cli = Cli(db, tmp_path)
    assert cli("log", "--mood", "5").code == 0
    _damage_a_name(db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()

    result = cli(*args)

    assert result.code == 1, result
    assert result.err.startswith("error: ") and result.err.count("\n") == 1
    assert "is damaged (it holds text that is not UTF-8)" in result.err
    assert not list(tmp_path.glob("crash-*.txt"))
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
