"""`encrypt` and `decrypt`, and every command on an encrypted journal (issue 18)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from recovery_journal.store import cipher
from support import Cli

PASS = "correct horse's battery ♥"
MARKER = "MARKERWORD"
HEADER = b"SQLite format 3\x00"


def ok(result):
    assert result.code == 0, (result.out, result.err)
    return result


def refused(result, code: int):
    assert result.code == code, (result.out, result.err)
    assert result.err.startswith("error: ") and result.err.count("\n") == 1
    assert "Traceback" not in result.err
    return result


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_no_plaintext(folder: Path) -> None:
    """No file of the journal's folder (and its backups/) is readable SQLite or holds the
    marker."""
    found = files_of(folder)
    assert found
    for name, data in found.items():
        assert not data.startswith(HEADER), name
        assert MARKER.encode() not in data, name
        assert MARKER.encode("utf-16-le") not in data, name


@pytest.fixture(autouse=True)
def _no_passphrase_kept() -> None:
    cipher.forget()


@pytest.fixture
def filled(cli: Cli) -> Cli:
    """Two days with the marker in their notes, a draft holding it, and two backups."""
    ok(cli("log", "--mood", "6", "--note", f"{MARKER} first", "--date", "2026-11-25"))
    ok(cli("log", "--mood", "7", "--note", f"{MARKER} second", "--tag", "calm"))
    ok(cli("backup"))
    conn = sqlite3.connect(cli.db)
    conn.execute(
        "INSERT INTO drafts (name, text, updated_at) VALUES ('today', ?, '2026-11-27T09:00')",
        (f"{MARKER} unsaved draft",),
    )
    conn.commit()
    conn.close()
    ok(
        cli(
            "log",
            "--mood",
            "5",
            "--date",
            "2026-11-26",
            RECOVERY_JOURNAL_NOW="2026-11-28T09:30:00+01:00",
        )
    )
    assert len(list((cli.db.parent / "backups").glob("*.db"))) == 3
    return cli


def test_encrypt_leaves_no_plaintext_file_behind(filled: Cli) -> None:
    result = ok(filled("encrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS))
    assert "3 backups encrypted too" in result.out
    folder = filled.db.parent
    assert_no_plaintext(folder)
    assert (
        not Path(f"{filled.db}-wal").exists()
        or MARKER.encode() not in Path(f"{filled.db}-wal").read_bytes()
    )
    # The draft is inside the encrypted journal, kept word for word.
    conn = cipher.connect(str(filled.db), cipher.raw_key(PASS, cipher.salt_of(filled.db)))
    assert conn.execute("SELECT text FROM drafts WHERE name = 'today'").fetchone() == (
        f"{MARKER} unsaved draft",
    )
    conn.close()
    # New backups of an encrypted journal are encrypted, the daily one and one by hand.
    env = {"RECOVERY_JOURNAL_PASSPHRASE": PASS, "RECOVERY_JOURNAL_NOW": "2026-11-29T09:30:00+01:00"}
    ok(filled("log", "--note", f"{MARKER} third", "--date", "2026-11-29", **env))
    ok(filled("backup", **env))
    assert len(list((folder / "backups").glob("*.db"))) == 5
    assert_no_plaintext(folder)


def test_every_command_works_with_the_passphrase(filled: Cli, tmp_path: Path) -> None:
    ok(filled("export", "--format", "json", "-o", str(tmp_path / "before.json")))
    ok(filled("encrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS))
    env = {"RECOVERY_JOURNAL_PASSPHRASE": PASS}
    assert f"{MARKER} second" in ok(filled("show", **env)).out
    ok(filled("log", "--mood", "8", "--append-note", "later", **env))
    ok(filled("session", "add", "--at", "2026-11-20 10:00", "--kind", "other", **env))
    ok(filled("assess", "phq9", "--answers", "0,1,2,1,0,1,1,1,0", **env))
    ok(filled("habits", "list", **env))
    ok(filled("chart", "mood", **env))
    ok(filled("insights", **env))
    for fmt in ("json", "html", "md", "csv"):
        ok(filled("export", "--format", fmt, "-o", str(tmp_path / f"out.{fmt}"), **env))
    ok(filled("import", str(tmp_path / "before.json"), **env))
    assert "healthy" in ok(filled("check", **env)).out
    ok(filled("remind", **env))
    assert_no_plaintext(filled.db.parent)


def test_a_wrong_or_missing_passphrase_changes_nothing(filled: Cli) -> None:
    ok(filled("encrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS))
    before = files_of(filled.db.parent)
    for args in (("show",), ("log", "--mood", "3"), ("check",), ("backup",), ("decrypt",)):
        result = refused(filled(*args, RECOVERY_JOURNAL_PASSPHRASE="not the passphrase"), 1)
        assert "passphrase does not open it" in result.err
        assert files_of(filled.db.parent) == before
    result = refused(filled("log", "--mood", "3", RECOVERY_JOURNAL_PASSPHRASE=""), 1)
    assert "no terminal to ask for it; set RECOVERY_JOURNAL_PASSPHRASE" in result.err
    assert files_of(filled.db.parent) == before


def test_encrypt_asks_a_long_enough_passphrase_and_not_twice(filled: Cli) -> None:
    before = files_of(filled.db.parent)
    refused(filled("encrypt", RECOVERY_JOURNAL_PASSPHRASE="short"), 2)
    assert files_of(filled.db.parent) == before
    ok(filled("encrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS))
    refused(filled("encrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS), 2)
    ok(filled("decrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS))
    refused(filled("decrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS), 2)


def test_decrypt_round_trips_to_an_identical_export(filled: Cli, tmp_path: Path) -> None:
    before = ok(filled("export", "--format", "json")).out
    ok(filled("encrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS))
    result = ok(filled("decrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS))
    assert "3 backups decrypted too" in result.out
    assert ok(filled("export", "--format", "json")).out == before
    for name, data in files_of(filled.db.parent).items():
        assert data.startswith(HEADER), name  # plain again, the backups too
    assert "healthy" in ok(filled("check")).out


def test_check_and_restore_on_an_encrypted_journal(filled: Cli) -> None:
    env = {"RECOVERY_JOURNAL_PASSPHRASE": PASS}
    ok(filled("encrypt", **env))
    check = ok(filled("check", **env)).out
    assert "healthy — 3 days" in check and "newest good backup:" in check
    backup = Path(ok(filled("backup", **env)).out.strip())
    ok(filled("log", "--mood", "1", "--date", "2026-11-01", **env))
    refused(filled("restore", str(backup), "--yes", RECOVERY_JOURNAL_PASSPHRASE="wrong one"), 1)
    ok(filled("restore", str(backup), "--yes", **env))
    shown = ok(filled("show", **env)).out
    assert "2026-11-01" not in shown and "2026-11-25" in shown
    assert_no_plaintext(filled.db.parent)


def test_restoring_an_encrypted_backup_into_a_plain_journal_keeps_it_encrypted(
    filled: Cli,
) -> None:
    env = {"RECOVERY_JOURNAL_PASSPHRASE": PASS}
    ok(filled("encrypt", **env))
    backup = Path(ok(filled("backup", **env)).out.strip())
    kept = backup.with_name("kept.db")
    backup.rename(kept)
    ok(filled("decrypt", **env))
    ok(filled("restore", str(kept), "--yes", **env))
    assert not filled.db.read_bytes().startswith(HEADER)
    assert "2026-11-25" in ok(filled("show", **env)).out


def test_a_crash_before_the_rename_leaves_the_journal_as_it_was(
    filled: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recovery_journal import cli as cli_module
    from recovery_journal.store import encryption

    before = filled.db.read_bytes()

    def crash(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(encryption.os, "replace", crash)
    monkeypatch.setenv("RECOVERY_JOURNAL_PASSPHRASE", PASS)
    monkeypatch.setenv("RECOVERY_JOURNAL_NOW", "2026-11-28T09:30:00+01:00")
    assert cli_module.main(["--db", str(filled.db), "encrypt"]) == 130
    assert filled.db.read_bytes().startswith(HEADER)
    assert [p.name for p in filled.db.parent.iterdir() if "rj-tmp" in p.name] == []
    monkeypatch.undo()
    assert f"{MARKER} second" in ok(filled("show")).out
    assert len(before) > 0


def test_the_app_asks_for_the_passphrase_first_then_opens_the_journal(
    filled: Cli, tmp_path: Path
) -> None:
    import shutil
    import subprocess
    import sys
    import time

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    ok(filled("encrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS))
    env = {**filled.env, "TERM": "xterm-256color"}
    env.pop("RECOVERY_JOURNAL_PASSPHRASE", None)
    socket = str(tmp_path / "tmux.sock")

    def tmux(*args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", socket, *args], capture_output=True, text=True, env=env, timeout=30
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def wait_for(text: str) -> str:
        deadline = time.monotonic() + 30  # a generous bound, not a timed assertion
        while text not in (shown := tmux("capture-pane", "-p", "-t", "app")):
            if time.monotonic() > deadline:
                break
            time.sleep(0.2)
        return shown

    tmux("new-session", "-d", "-s", "app", "-x", "100", "-y", "30",
         f"{sys.executable} -m recovery_journal")  # fmt: skip
    try:
        shown = wait_for("This journal is encrypted")
        assert "This journal is encrypted" in shown and MARKER not in shown
        tmux("send-keys", "-t", "app", "-l", "not the passphrase")
        tmux("send-keys", "-t", "app", "Enter")
        assert "does not open this journal" in wait_for("does not open this journal")
        tmux("send-keys", "-t", "app", "-l", PASS)
        tmux("send-keys", "-t", "app", "Enter")
        assert MARKER in wait_for(MARKER)  # today's note, from the encrypted journal
    finally:
        subprocess.run(["tmux", "-S", socket, "kill-server"], capture_output=True, timeout=30)
    assert_no_plaintext(filled.db.parent)


def test_an_encrypted_version_1_journal_is_upgraded_and_its_backup_encrypted(
    cli: Cli,
) -> None:
    from recovery_journal.store.encryption import convert
    from recovery_journal.store.schema import V1_STATEMENTS

    cli.db.parent.mkdir(parents=True)
    raw = sqlite3.connect(cli.db)
    for statement in V1_STATEMENTS:
        raw.execute(statement)
    raw.execute(
        "INSERT INTO days (date, mood, note, updated_at) "
        "VALUES ('2026-11-20', 6, 'a walk by the river', '2026-11-20T20:00:00+01:00')"
    )
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()
    convert(cli.db, None, cipher.new_key(PASS))
    assert "a walk by the river" in ok(cli("show", RECOVERY_JOURNAL_PASSPHRASE=PASS)).out
    (backup,) = (cli.db.parent / "backups").glob("journal-before-v2-*.db")
    assert not backup.read_bytes().startswith(HEADER)
    conn = cipher.connect(str(backup), cipher.raw_key(PASS, cipher.salt_of(backup)))
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    conn.close()
    conn = cipher.connect(str(cli.db), cipher.raw_key(PASS, cipher.salt_of(cli.db)))
    assert conn.execute("PRAGMA user_version").fetchone() == (2,)
    conn.close()


def test_an_export_never_overwrites_an_encrypted_journal_elsewhere(
    filled: Cli, tmp_path: Path
) -> None:
    env = {"RECOVERY_JOURNAL_PASSPHRASE": PASS}
    ok(filled("encrypt", **env))
    other = tmp_path / "elsewhere.db"
    other.write_bytes(filled.db.read_bytes())
    result = refused(filled("export", "--format", "json", "-o", str(other), **env), 2)
    assert "looks like an encrypted journal" in result.err
    assert other.read_bytes() == filled.db.read_bytes()


def test_encrypt_killed_at_random_moments_leaves_a_whole_journal(cli: Cli) -> None:
    import random
    import subprocess
    import sys
    import time

    ok(cli("--db", str(cli.db), "demo", "--days", "400", "--seed", "3", "--no-tui"))
    expected = ok(cli("show")).out
    rng = random.Random(18)
    env = {**cli.env, "RECOVERY_JOURNAL_PASSPHRASE": PASS}
    for _ in range(6):
        process = subprocess.Popen(
            [sys.executable, "-m", "recovery_journal", "encrypt"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.0, 0.6))  # a random moment, not a timed assertion
        process.kill()
        process.wait()
        encrypted = not cli.db.read_bytes().startswith(HEADER)
        # Plain and whole, or encrypted and whole: never half of each.
        assert ok(cli("show", RECOVERY_JOURNAL_PASSPHRASE=PASS)).out == expected
        if encrypted:
            ok(cli("decrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS))
    ok(cli("encrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS))  # no leftover stops a later run
    leftovers = [p.name for p in cli.db.parent.rglob("*rj-tmp*")]
    assert leftovers == []


def test_restoring_a_plain_backup_into_an_encrypted_journal_keeps_it_encrypted(
    filled: Cli, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.db"
    ok(filled("backup", "-o", str(outside)))
    ok(filled("encrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS))
    assert outside.read_bytes().startswith(HEADER)  # not in backups/: the person's own copy
    ok(filled("log", "--mood", "1", "--date", "2026-11-01", RECOVERY_JOURNAL_PASSPHRASE=PASS))
    ok(filled("restore", str(outside), "--yes", RECOVERY_JOURNAL_PASSPHRASE=PASS))
    shown = ok(filled("show", RECOVERY_JOURNAL_PASSPHRASE=PASS)).out
    assert "2026-11-01" not in shown and "2026-11-25" in shown
    assert_no_plaintext(filled.db.parent)


def test_decrypt_stopped_before_its_backups_is_finished_by_decrypt_again(filled: Cli) -> None:
    """A decrypt killed after the journal's rename leaves encrypted backups: running
    decrypt again finishes them, as encrypt does, instead of "not encrypted"."""
    from recovery_journal.store.encryption import convert

    env = {"RECOVERY_JOURNAL_PASSPHRASE": PASS}
    ok(filled("encrypt", **env))
    key = cipher.raw_key(PASS, cipher.salt_of(filled.db))
    convert(filled.db, key, None)  # the journal done, the process killed before the backups
    cipher.forget()
    result = ok(filled("decrypt", **env))
    assert "3 backups decrypted too" in result.out
    for name, data in files_of(filled.db.parent).items():
        assert data.startswith(HEADER), name
    refused(filled("decrypt", **env), 2)  # all plain now: nothing to do


@pytest.mark.real_process  # SQLite's file locks do not part two connections of one process
@pytest.mark.parametrize("command", ["encrypt", "decrypt"])
def test_encrypt_or_decrypt_while_the_app_has_the_journal_open_says_so(
    filled: Cli, command: str
) -> None:
    """The app in another window holds the journal open: refused at once, naming that —
    not "stayed locked for more than 10 s" when it did not wait at all."""
    env = {"RECOVERY_JOURNAL_PASSPHRASE": PASS}
    if command == "decrypt":
        ok(filled("encrypt", **env))
        key = cipher.raw_key(PASS, cipher.salt_of(filled.db))
        opener = lambda: cipher.connect(str(filled.db), key, isolation_level=None)  # noqa: E731
    else:
        opener = lambda: sqlite3.connect(filled.db, isolation_level=None)  # noqa: E731
    with contextlib.closing(opener()) as first:
        first.execute("PRAGMA journal_mode=WAL")  # as the app opens it (kept in the file)
    before = filled.db.read_bytes()  # first: closing a file drops this process's locks on it
    other = opener()
    try:
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM days").fetchone()  # the app, reading
        result = refused(filled(command, **env), 1)
        assert "open in another program" in result.err and "10 s" not in result.err
        assert filled.db.read_bytes() == before
    finally:
        other.close()
    cipher.forget()
    ok(filled(command, **env))  # closed: it works


def test_demo_onto_an_encrypted_journal_is_refused_without_asking_its_passphrase(
    filled: Cli,
) -> None:
    ok(filled("encrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS))
    cipher.forget()
    before = filled.db.read_bytes()
    result = refused(filled("--db", str(filled.db), "demo", "--no-tui"), 2)
    assert "already holds an encrypted journal" in result.err
    assert filled.db.read_bytes() == before
    assert "demo journal:" in ok(filled("demo", "--no-tui", RECOVERY_JOURNAL_DB="")).out


@pytest.mark.parametrize("command", ["encrypt", "show"])
def test_a_passphrase_that_is_not_utf8_is_one_line_not_a_crash(filled: Cli, command: str) -> None:
    """Bytes from an environment (or terminal) in another encoding: the key is made from
    the passphrase's UTF-8, so they are refused plainly, and nothing is written."""
    if command == "show":
        ok(filled("encrypt", RECOVERY_JOURNAL_PASSPHRASE=PASS))
        cipher.forget()
    before = filled.db.read_bytes()
    result = refused(filled(command, RECOVERY_JOURNAL_PASSPHRASE="\udcff\udcfe-long-enough"), 2)
    assert "not UTF-8" in result.err and "RECOVERY_JOURNAL_PASSPHRASE" in result.err
    assert filled.db.read_bytes() == before
    assert not list(filled.db.parent.glob("crash-*"))


@pytest.mark.parametrize("command", [("show",), ("check",), ("log", "--mood", "3")])
def test_a_damaged_encrypted_journal_is_named_damaged_when_its_backups_open(
    filled: Cli, command: tuple[str, ...]
) -> None:
    """The right passphrase, a damaged first page: the person is not told their passphrase
    is wrong (they may think they forgot it) but that the file is damaged, and which
    backup to restore; a wrong passphrase is still just wrong."""
    env = {"RECOVERY_JOURNAL_PASSPHRASE": PASS}
    ok(filled("encrypt", **env))
    cipher.forget()
    data = bytearray(filled.db.read_bytes())
    data[100] ^= 0xFF  # inside the first page, after the salt
    filled.db.write_bytes(bytes(data))
    result = refused(filled(*command, **env), 1)
    assert "is damaged" in result.err and "restore" in result.err
    assert "backups" in result.err.split("newest good backup is", 1)[1]
    assert filled.db.read_bytes() == bytes(data)
    cipher.forget()
    wrong = refused(filled(*command, RECOVERY_JOURNAL_PASSPHRASE="not the one at all"), 1)
    assert "this passphrase does not open it" in wrong.err
