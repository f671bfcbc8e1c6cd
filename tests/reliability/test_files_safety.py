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


# ---------------------------------------------------------------- a damaged journal (item 5)


def _damage_a_page(db: Path) -> None:
    """Overwrite the root page of `days` with noise; the file header stays intact."""
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'days'").fetchone()[0]
    conn.close()
    assert root > 1
    with open(db, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(bytes((i * 37 + 11) % 251 for i in range(page_size)))
    assert db.read_bytes()[:16] == b"SQLite format 3\x00"


@pytest.mark.parametrize(
    "args",
    [
        ["log", "--mood", "3"],
        ["log", "--date", "2026-11-20", "--note", "new words"],
        ["session", "add", "--at", "now", "--kind", "other"],
        ["habits", "add", "hydration", "--label", "Hydration", "--kind", "done"],
    ],
)
def test_nothing_is_written_into_a_journal_that_fails_its_quick_check(
    filled: Cli, tmp_path: Path, args: list[str]
) -> None:
    _damage_a_page(filled.db)
    before = tree(tmp_path / "data")
    result = refused(filled(*args), 1)
    assert "is damaged (quick check:" in result.err
    assert "the newest good backup is" in result.err and "journal-2026-11-27.db" in result.err
    assert "recovery-journal restore " in result.err and "--yes" in result.err
    assert tree(tmp_path / "data") == before


# ---------------------------------------------------------------- restore is atomic (item 6)

GARBAGE = b"SQLite format 3\x00" + bytes((i * 7 + 3) % 256 for i in range(200_000))


def _journal_state(db: Path, expected: dict[str, int]) -> str:
    """'damaged' (the file as it was before), 'restored' (the backup, whole) or a failure."""
    assert db.is_file(), "no journal at the path"
    if db.read_bytes() == GARBAGE:
        return "damaged"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert dict(conn.execute("SELECT date, mood FROM days")) == expected
    finally:
        conn.close()
    return "restored"


@pytest.mark.slow
def test_a_kill_at_any_moment_of_a_restore_leaves_a_journal_at_the_path(
    cli: Cli, tmp_path: Path
) -> None:
    import random
    import signal
    import subprocess
    import sys
    import time

    for day in range(1, 21):
        ok(
            cli(
                "log",
                "--date",
                f"2026-11-{day:02d}",
                "--mood",
                str(day % 10 + 1),
                "--note",
                f"day {day} " + "words " * 16_000,
            )
        )
    expected = {f"2026-11-{day:02d}": day % 10 + 1 for day in range(1, 21)}
    saved = tmp_path / "saved.db"
    ok(cli("backup", "-o", str(saved)))
    command = [sys.executable, "-m", "recovery_journal", "restore", str(saved), "--yes"]
    cli.db.write_bytes(GARBAGE)
    start = time.perf_counter()
    ok(cli("restore", str(saved), "--yes"))
    duration = time.perf_counter() - start
    rng = random.Random(20261127)
    for _ in range(15):
        if _journal_state(cli.db, expected) == "restored":
            cli.db.write_bytes(GARBAGE)
            for suffix in ("-wal", "-shm"):
                Path(f"{cli.db}{suffix}").unlink(missing_ok=True)
        process = subprocess.Popen(
            command, env=cli.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.2, 1.2) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        _journal_state(cli.db, expected)
        # What a user does next: the next command finds the journal, never an empty new one.
        result = cli("show", "--date", "2026-11-05")
        assert result.code in (0, 1), result.err
        if result.code == 1:
            assert "is damaged" in result.err and "restore" in result.err
        else:
            assert "day 5" in result.out
    ok(cli("restore", str(saved), "--yes"))
    assert _journal_state(cli.db, expected) == "restored"
    damaged_copies = list((cli.db.parent / "backups").glob("journal-damaged-*.db"))
    assert damaged_copies and all(p.read_bytes() == GARBAGE for p in damaged_copies)


# ---------------------------------------------------------------- stale temporary files (item 7)


def _dead_pid() -> int:
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_temp_files_of_killed_runs_are_removed_and_nothing_else(
    filled: Cli, tmp_path: Path
) -> None:
    dead = _dead_pid()
    backups = filled.db.parent / "backups"
    reports = tmp_path / "reports"
    reports.mkdir()
    hour_ago = 2 * 3600
    stale = [
        backups / f".journal-2026-11-27-093000.db.rj-tmp-{dead}",
        backups / f".journal-2026-11-27-093000.db.rj-tmp-{dead}-journal",
        backups / ".backup-k2j4_x9a.db",  # what older versions left, over an hour old
        filled.db.parent / f".journal.db.rj-tmp-{dead}",
        reports / f".report.html.rj-tmp-{dead}",
    ]
    kept = [
        backups / f".journal-2026-11-27-093000.db.rj-tmp-{os.getpid()}",  # still running
        backups / ".backup-fresh123.db",  # an old name, but recent: it may be in use
        backups / "notes.txt",
        backups / ".notes.rj-tmp-abc",
        filled.db.parent / f"journal.db.rj-tmp-{dead}",  # not hidden: not one of ours
        reports / f".report.html.tmp-{dead}",
        reports / "report.html",
    ]
    for path in stale + kept:
        path.write_bytes(b"x" * 1000)
    old = stale[2].stat().st_mtime - hour_ago
    os.utime(stale[2], (old, old))
    ok(filled("backup"))
    ok(filled("export", "--format", "md", "-o", str(reports / "other.md")))
    ok(filled("restore", str(backups / "journal-2026-11-27.db"), "--yes"))
    assert [path for path in stale if path.exists()] == []
    assert all(path.read_bytes() == b"x" * 1000 for path in kept)


# ---------------------------------------------------------------- trusting backups/ (item 8)


@pytest.mark.parametrize("how", ["open to others", "a symlink", "someone else's"])
def test_an_untrusted_backups_folder_is_refused(filled: Cli, tmp_path: Path, how: str) -> None:
    backups = filled.db.parent / "backups"
    if how == "open to others":
        os.chmod(backups, 0o777)
    elif how == "a symlink":
        elsewhere = tmp_path / "elsewhere"
        backups.rename(elsewhere)
        backups.symlink_to(elsewhere)
    else:
        os.chown(backups, OTHER_UID, OTHER_UID)
    for path in backups.iterdir():
        path.unlink()  # no backup of today yet: the next write would make one
    before = tree(tmp_path)
    for args in (["log", "--mood", "3"], ["backup"]):
        result = refused(filled(*args), 1)
        assert f"the backups folder {backups} is not safe to use" in result.err, result.err
    assert tree(tmp_path) == before


@pytest.mark.parametrize("how", ["readable by others", "someone else's"])
def test_a_backup_that_is_not_private_is_never_named_as_the_good_one(filled: Cli, how: str) -> None:
    backups = filled.db.parent / "backups"
    good = backups / "journal-2026-11-27.db"
    newer = backups / "journal-2026-11-28.db"
    newer.write_bytes(good.read_bytes())
    os.utime(newer, (good.stat().st_mtime + 60, good.stat().st_mtime + 60))
    if how == "readable by others":
        os.chmod(newer, 0o644)
    else:
        os.chown(newer, OTHER_UID, OTHER_UID)
    filled.db.write_bytes(GARBAGE)
    result = refused(filled("show"), 1)
    assert f"the newest good backup is {good};" in result.err, result.err
    restored = ok(filled("restore", str(newer), "--yes"))
    assert f"note: {newer} was not private to you" in restored.out


# ---------------------------------------------------------------- non-regular inputs (item 9)


def _run(cli: Cli, *args: str) -> Result:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "recovery_journal", *args],
        capture_output=True,
        env=cli.env,
        timeout=20,
        stdin=subprocess.DEVNULL,
    )
    return Result(done.returncode, done.stdout.decode(), done.stderr.decode())


def test_a_fifo_a_device_or_a_socket_as_the_journal_is_refused_at_once(
    cli: Cli, tmp_path: Path
) -> None:
    import socket

    fifo = tmp_path / "journal-fifo"
    os.mkfifo(fifo)
    sock_path = tmp_path / "journal.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        for target, kind in (
            (fifo, "a named pipe (FIFO)"),
            ("/dev/zero", "a device"),
            (sock_path, "a socket"),
        ):
            for args in (
                ["log", "--mood", "5"],
                ["show"],
                ["check"],
                ["backup"],
                ["restore", "x.db", "--yes"],
                ["export", "--format", "json"],
            ):
                result = refused(_run(cli, "--db", str(target), *args), 1)
                assert f"{target} is {kind}, not a journal file" in result.err, (args, result.err)
        refused(_run(cli, "--db", str(fifo), "demo", "--days", "5", "--no-tui"), 1)
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
    finally:
        server.close()


def test_import_of_a_fifo_a_device_or_a_huge_file_is_refused_at_once(
    filled: Cli, tmp_path: Path
) -> None:
    fifo = tmp_path / "export-fifo.json"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(201 * 1024 * 1024)  # sparse: takes no room on the disk
    before = tree(filled.db.parent)
    for fmt in ("json", "daylio"):
        for source, words in (
            (fifo, "is a named pipe (FIFO)"),
            ("/dev/zero", "is a device"),
            (huge, "is larger than 200 MB"),
        ):
            result = refused(_run(filled, "import", "--format", fmt, str(source)), 2)
            assert words in result.err, result.err
        refused(_run(filled, "review", str(fifo)), 2)
    assert tree(filled.db.parent) == before
