"""Failure paths: a clean one-line error, exit 1, and nothing lost or changed."""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

from support import NOW


def run_cli(db: Path, *args: str, fsize: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    env = {**os.environ, "RECOVERY_JOURNAL_NOW": NOW, "RECOVERY_JOURNAL_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "recovery_journal", *args],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limit,
    )


def test_a_file_size_limit_gives_a_clean_error_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert run_cli(db, "log", "--date", "2026-11-26", "--mood", "5").returncode == 0
    assert run_cli(db, "log", "--mood", "6").returncode == 0  # today's backup now exists
    before = run_cli(db, "show", "--format", "json").stdout
    result = run_cli(db, "log", "--note", "word " * 20_000, fsize=8192)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "full" in lines[0] or "size limit" in lines[0] or "I/O" in lines[0]
    assert "Traceback" not in result.stderr
    assert run_cli(db, "show", "--format", "json").stdout == before
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_every_file_the_app_writes_is_owner_only(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "RECOVERY_JOURNAL_NOW": NOW,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
    }
    env.pop("RECOVERY_JOURNAL_DB", None)
    old = os.umask(0o022)  # a permissive umask in the calling shell
    try:
        for args in (
            ["log", "--date", "2026-11-26", "--mood", "5"],
            ["log", "--mood", "6"],
            ["session", "add", "--at", "2026-11-25 10:00", "--kind", "other"],
            ["backup"],
        ):
            done = subprocess.run(
                [sys.executable, "-m", "recovery_journal", *args],
                capture_output=True,
                text=True,
                env=env,
            )
            assert done.returncode == 0, done.stderr
    finally:
        os.umask(old)
    folder = home / "data" / "recovery-journal"
    paths = list(folder.rglob("*"))
    assert any(p.name == "journal.db" for p in paths)
    assert any(p.parent.name == "backups" for p in paths)
    for path in [folder, *paths]:
        mode = path.stat().st_mode & 0o777
        expected = 0o700 if path.is_dir() else 0o600
        assert mode == expected, f"{path} is {oct(mode)}"


def test_no_network_code_in_the_app() -> None:
    source = Path(__file__).resolve().parents[2] / "src" / "recovery_journal"
    banned = (
        "import socket",
        "from socket",
        "urllib",
        "http.client",
        "requests",
        "httpx",
        "aiohttp",
        "import ssl",
        "smtplib",
        "ftplib",
    )
    offenders = [
        f"{path.relative_to(source)}: {word}"
        for path in source.rglob("*.py")
        for word in banned
        if word in path.read_text(encoding="utf-8")
    ]
    assert not offenders


def test_a_journal_locked_for_too_long_is_a_clean_error(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert run_cli(db, "log", "--date", "2026-11-26", "--mood", "5").returncode == 0
    assert run_cli(db, "log", "--mood", "6").returncode == 0  # today's backup is taken
    before = run_cli(db, "show", "--format", "json").stdout
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        env = {
            **os.environ,
            "RECOVERY_JOURNAL_NOW": NOW,
            "RECOVERY_JOURNAL_DB": str(db),
            "RECOVERY_JOURNAL_BUSY_TIMEOUT": "0.5",
        }
        result = subprocess.run(
            [sys.executable, "-m", "recovery_journal", "log", "--mood", "2"],
            capture_output=True,
            text=True,
            env=env,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "locked" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert run_cli(db, "show", "--format", "json").stdout == before


def test_a_read_only_journal_is_a_clean_error(tmp_path: Path) -> None:
    """Made immutable with chattr, since file modes do not stop root (as in CI)."""
    import shutil

    import pytest

    db = tmp_path / "journal.db"
    assert run_cli(db, "log", "--mood", "5").returncode == 0
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(db)]).returncode:
        pytest.skip("this file system cannot make a file immutable")
    try:
        result = run_cli(db, "log", "--mood", "6")
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "read-only" in result.stderr
    assert "Traceback" not in result.stderr
    # (No digest here: an immutable file cannot change whatever the command does; the
    # clean error is what this shows.)


def test_journals_sharing_a_folder_keep_their_own_backups(tmp_path: Path) -> None:
    alice, bob = tmp_path / "alice.db", tmp_path / "bob.db"
    for db in (alice, bob):
        assert run_cli(db, "log", "--date", "2026-11-26", "--mood", "5").returncode == 0
        assert run_cli(db, "log", "--mood", "6").returncode == 0  # first write of the day
    names = sorted(path.name for path in (tmp_path / "backups").iterdir())
    assert names == ["alice-2026-11-27.db", "bob-2026-11-27.db"]
    with open(bob, "r+b") as handle:
        handle.write(b"garbage!" * 4)
    result = run_cli(bob, "show")
    assert result.returncode == 1
    assert "bob-2026-11-27.db" in result.stderr and "alice" not in result.stderr
