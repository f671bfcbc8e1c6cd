"""Files and storage safety (issue 12): what the app refuses to write to or read from, stale
temporary files, trusting backups/, and a journal that fails `quick_check`."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from support import Cli, Result

OTHER_UID = 4242


def ok(result: Result) -> Result:
    assert result.code == 0, result.err
    return result


def refused(result: Result, code: int) -> Result:
    assert result.code == code, (result.code, result.out, result.err)
    assert result.err.startswith("error: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    return result


def tree(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every entry under `folder`: its type and, for regular files, its bytes."""
    found: dict[str, tuple[int, bytes | None]] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        data = path.read_bytes() if stat.S_ISREG(info.st_mode) else None
        found[str(path.relative_to(folder))] = (stat.S_IFMT(info.st_mode), data)
    return found


@pytest.fixture
def filled(cli: Cli) -> Cli:
    """A journal with two days and today's daily backup."""
    ok(cli("log", "--date", "yesterday", "--mood", "4", "--note", "the first day " * 200))
    ok(cli("log", "--mood", "6", "--note", "today"))
    assert (cli.db.parent / "backups" / "journal-2026-11-27.db").is_file()
    return cli


# ---------------------------------------------------------------- export -o (item 3)


def _export_targets(cli: Cli, tmp_path: Path) -> list[Path]:
    db = cli.db
    fifo = tmp_path / "a-fifo"
    os.mkfifo(fifo)
    other_db = tmp_path / "recipes.sqlite"
    conn = sqlite3.connect(other_db)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    link = tmp_path / "innocent.html"
    link.symlink_to(db)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    relative = Path(os.path.relpath(db, Path.cwd()))
    return [
        db,
        Path(f"{db}-wal"),
        Path(f"{db}-shm"),
        db.parent / "backups" / "journal-2026-11-27.db",
        db.parent / "backups" / "report.html",
        db.parent / "." / "backups" / ".." / "journal.db",
        relative,
        link,
        other_db,
        fifo,
        folder,
        Path("/dev/null"),
    ]


def test_export_never_writes_onto_the_journal_its_files_backups_or_a_non_file(
    filled: Cli, tmp_path: Path
) -> None:
    targets = _export_targets(filled, tmp_path)
    conn = sqlite3.connect(filled.db)  # keeps -wal and -shm in place while it is open
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("SELECT count(*) FROM days").fetchone()
    try:
        before = tree(tmp_path / "data"), tree(tmp_path)
        for target in targets:
            result = refused(filled("export", "--format", "html", "-o", str(target)), 2)
            assert "cannot be written to" in result.err or "is a folder" in result.err, (
                target,
                result.err,
            )
        assert (tree(tmp_path / "data"), tree(tmp_path)) == before
    finally:
        conn.close()
    assert "the first day" in ok(filled("show", "--date", "yesterday")).out


def test_export_refuses_the_journal_path_even_before_there_is_a_journal(cli: Cli) -> None:
    (cli.db.parent / "backups").mkdir(mode=0o700, parents=True)
    refused(cli("export", "-o", str(cli.db)), 2)
    refused(cli("export", "-o", str(cli.db.parent / "backups" / "x.html")), 2)
    assert sorted(cli.db.parent.rglob("*")) == [cli.db.parent / "backups"]


def test_export_replaces_an_earlier_report_and_says_so(filled: Cli, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    first = ok(filled("export", "--format", "md", "-o", str(target)))
    assert first.err.startswith("wrote ")
    target.write_text("an older report")
    os.chmod(target, 0o644)
    second = ok(filled("export", "--format", "md", "-o", str(target)))
    assert second.err.startswith("replaced ") and str(target) in second.err
    assert "the first day" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_backup_to_the_journal_files_or_a_non_file_is_refused(filled: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "a-fifo"
    os.mkfifo(fifo)
    before = tree(tmp_path / "data")
    for target in (Path(f"{filled.db}-wal"), Path(f"{filled.db}-journal"), fifo):
        refused(filled("backup", "-o", str(target)), 2)
    assert tree(tmp_path / "data") == before
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
