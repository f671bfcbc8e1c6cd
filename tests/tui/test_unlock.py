"""The password screen of an encrypted journal (issue 18), through Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Static

from recovery_journal.clock import FixedClock
from recovery_journal.store import Journal, cipher
from recovery_journal.store.encryption import convert
from recovery_journal.tui.unlock import WRONG, UnlockApp, needs_unlock

PASS = "correct horse's battery ♥"


@pytest.fixture
def encrypted(tmp_path: Path, clock: FixedClock) -> Path:
    path = tmp_path / "journal.db"
    with Journal.open(path, clock) as journal:
        journal.save_draft("today", "a few words")
    convert(path, None, cipher.new_key(PASS))
    cipher.forget()
    return path


async def test_a_wrong_passphrase_says_so_and_the_right_one_opens(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RECOVERY_JOURNAL_PASSPHRASE", raising=False)
    assert needs_unlock(encrypted)
    before = encrypted.read_bytes()
    app = UnlockApp(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        field = app.query_one(Input)
        assert field.password and field.has_focus
        await pilot.press(*"not it at all", "enter")
        await pilot.pause()
        assert str(app.query_one("#unlock-error", Static).render()) == WRONG
        assert field.value == "" and app.is_running
        assert encrypted.read_bytes() == before
        field.insert_text_at_cursor(PASS)  # as typed (Pilot has no key for ♥)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_value == PASS


@pytest.mark.parametrize("key", ["escape", "ctrl+q"])
async def test_escape_or_ctrl_q_quits_touching_nothing(encrypted: Path, key: str) -> None:
    before = {p.name: p.read_bytes() for p in encrypted.parent.iterdir()}
    app = UnlockApp(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"half typ", key)
        await pilot.pause()
    assert app.return_value is None
    assert {p.name: p.read_bytes() for p in encrypted.parent.iterdir()} == before


def test_a_plain_journal_or_a_passphrase_in_the_environment_needs_no_screen(
    encrypted: Path, journal_path: Path, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RECOVERY_JOURNAL_PASSPHRASE", raising=False)
    assert not needs_unlock(journal_path)
    monkeypatch.setenv("RECOVERY_JOURNAL_PASSPHRASE", PASS)
    assert not needs_unlock(encrypted)


def test_the_password_screen_at_80_by_24(snap_compare, encrypted: Path) -> None:
    assert snap_compare(UnlockApp(encrypted), terminal_size=(80, 24))


def test_a_plain_journal_s_app_start_does_not_load_sqlcipher(journal_path: Path) -> None:
    """The first frame of a plain journal does not wait for SQLCipher (one header read)."""
    import subprocess
    import sys

    with Journal.open(journal_path):
        pass
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from recovery_journal.tui.unlock import needs_unlock\n"
        f"assert not needs_unlock(Path({str(journal_path)!r}))\n"
        "print(sorted(m for m in sys.modules if 'cipher' in m))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


async def test_a_damaged_journal_is_named_damaged_when_the_passphrase_opens_its_backups(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The right passphrase on a journal whose first page was damaged: not "that
    passphrase does not open it" again and again, but damaged, with the backup to restore."""
    from recovery_journal.store.backup import backup_to, daily_backup_path

    monkeypatch.delenv("RECOVERY_JOURNAL_PASSPHRASE", raising=False)
    path = tmp_path / "journal.db"
    with Journal.open(path, clock) as journal:
        journal.save_draft("today", "a few words")
    convert(path, None, cipher.new_key(PASS))
    cipher.remember(PASS)
    with Journal.open(path, clock) as journal:
        backup = backup_to(journal.conn, daily_backup_path(path, clock.today()))
    cipher.forget()
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF  # inside the first page, after the salt
    path.write_bytes(bytes(data))
    app = UnlockApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(Input).insert_text_at_cursor(PASS)
        await pilot.press("enter")
        await pilot.pause()
        shown = str(app.query_one("#unlock-error", Static).render())
        assert "is damaged" in shown and str(backup) in shown and app.is_running
        await pilot.press(*"not it at all", "enter")
        await pilot.pause()
        assert str(app.query_one("#unlock-error", Static).render()) == WRONG


async def test_a_passphrase_typed_ahead_with_enter_and_more_keys_opens(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A terminal hands over keys typed while the app was busy all at once: Enter was acted
    # on after the keys that followed it, and the passphrase tried had them in it.
    monkeypatch.delenv("RECOVERY_JOURNAL_PASSPHRASE", raising=False)
    app = UnlockApp(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in [*"correct horse's battery ♥x", "backspace", "left", "right", "enter", "4"]:
            app.post_message(events.Key(key, None if len(key) > 1 else key))
        await pilot.pause()
        await pilot.pause()
    assert app.return_value == PASS
