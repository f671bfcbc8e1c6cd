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


def test_a_command_started_with_stdout_or_stderr_closed_does_its_work(tmp_path: Path) -> None:
    """`log … >&-` saves the day and exits 0 (as with >/dev/null); an error with stderr
    closed never lands on stdout; neither writes a crash file."""
    import os
    import subprocess
    import sys

    from support import NOW

    db = tmp_path / "journal.db"
    env = {**os.environ, "RECOVERY_JOURNAL_DB": str(db), "RECOVERY_JOURNAL_NOW": NOW}
    env.pop("RECOVERY_JOURNAL_DEBUG", None)
    python = [sys.executable, "-m", "recovery_journal"]
    saved = subprocess.run(
        [*python, "log", "--mood", "5"], env=env, stdout=subprocess.DEVNULL, timeout=60,
        stdin=subprocess.DEVNULL, close_fds=True, preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    shown = subprocess.run([*python, "show", "--format", "json"], env=env, capture_output=True)
    refused = subprocess.run(
        [*python, "log", "--mood", "11"], env=env, capture_output=False, timeout=60,
        stdout=subprocess.PIPE, preexec_fn=lambda: os.close(2),
    )  # fmt: skip

    assert saved.returncode == 0
    assert '"mood": 5' in shown.stdout.decode()
    assert refused.returncode == 2 and refused.stdout == b""
    assert not list(tmp_path.glob("crash-*.txt"))
