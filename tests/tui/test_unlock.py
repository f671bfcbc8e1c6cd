"""The password screen of an encrypted journal (issue 18), through Textual's Pilot."""

from __future__ import annotations

import contextlib
import json
import threading
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Static
from textual.worker import WorkerCancelled

from recovery_journal.clock import FixedClock
from recovery_journal.settings import settings_path
from recovery_journal.store import Journal, cipher
from recovery_journal.store.encryption import convert
from recovery_journal.tui import unlock
from recovery_journal.tui.unlock import CHECK_GROUP, CHECKING, WRONG, UnlockApp, needs_unlock

PASS = "correct horse's battery ♥"


async def checked(app: UnlockApp) -> None:
    """Until the passphrase check (a worker thread) is done; a right passphrase closes
    the app on the worker's answer, which may cancel the worker as it ends."""
    with contextlib.suppress(WorkerCancelled):
        await app.workers.wait_for_complete([w for w in app.workers if w.group == CHECK_GROUP])


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
        await checked(app)
        await pilot.pause()
        assert str(app.query_one("#unlock-error", Static).render()) == WRONG
        assert field.value == "" and app.is_running
        assert encrypted.read_bytes() == before
        field.insert_text_at_cursor(PASS)  # as typed (Pilot has no key for ♥)
        await pilot.press("enter")
        await checked(app)
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
        await checked(app)
        await pilot.pause()
        shown = str(app.query_one("#unlock-error", Static).render())
        assert "is damaged" in shown and str(backup) in shown and app.is_running
        await pilot.press(*"not it at all", "enter")
        await checked(app)
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
        await checked(app)  # the check runs in a worker thread
        await pilot.pause()
    assert app.return_value == PASS


class SlowCheck:
    """A check that waits until the test lets it answer (the key derivation, held)."""

    def __init__(self) -> None:
        self.tried: list[str] = []
        self.answer = threading.Event()

    def __call__(self, path: Path, passphrase: str) -> bool:
        self.tried.append(passphrase)
        self.answer.wait(30)  # only a safety net: the test sets it
        return passphrase == PASS


async def test_the_screen_answers_during_a_check_and_a_second_enter_tries_nothing(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = SlowCheck()
    monkeypatch.setattr(unlock, "opens_with", check)
    app = UnlockApp(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        field = app.query_one(Input)
        field.insert_text_at_cursor(PASS)
        await pilot.press("enter")
        await pilot.pause()
        assert str(app.query_one("#unlock-error", Static).render()) == CHECKING
        await pilot.press(*"abc", "left", "x", "enter")  # answered while the check waits
        await pilot.pause()
        assert field.value == "abxc" and app.is_running
        assert str(app.query_one("#unlock-error", Static).render()) == CHECKING
        assert check.tried == [PASS]
        check.answer.set()
        await checked(app)
        await pilot.pause()
    assert check.tried == [PASS] and app.return_value == PASS


async def test_a_wrong_one_says_so_keeping_what_was_typed_meanwhile_then_the_right_one(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = SlowCheck()
    monkeypatch.setattr(unlock, "opens_with", check)
    app = UnlockApp(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        field = app.query_one(Input)
        await pilot.press(*"wrong", "enter")
        await pilot.pause()
        await pilot.press(*PASS[:5])  # the next try, begun while the wrong one is checked
        assert str(app.query_one("#unlock-error", Static).render()) == CHECKING
        check.answer.set()
        await checked(app)
        await pilot.pause()
        assert str(app.query_one("#unlock-error", Static).render()) == WRONG
        assert field.value == PASS[:5] and field.has_focus and app.is_running
        field.insert_text_at_cursor(PASS[5:])
        await pilot.press("enter")
        await checked(app)
        await pilot.pause()
    assert check.tried == ["wrong", PASS] and app.return_value == PASS


async def test_escape_during_a_check_quits_with_nothing_opened(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = SlowCheck()
    monkeypatch.setattr(unlock, "opens_with", check)
    app = UnlockApp(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(Input).insert_text_at_cursor(PASS)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        check.answer.set()
        await checked(app)
        await pilot.pause()
    assert app.return_value is None


@pytest.mark.parametrize("theme", ["nord", "textual-light"])
async def test_the_theme_chosen_last_time_is_used(encrypted: Path, theme: str) -> None:
    settings_path(encrypted).write_text(json.dumps({"theme": theme}), encoding="utf-8")
    app = UnlockApp(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == theme


@pytest.mark.parametrize("content", [None, "{not json", '{"theme": "no-such-theme"}', "dir"])
async def test_no_readable_theme_means_the_default_and_no_error(
    encrypted: Path, content: str | None
) -> None:
    where = settings_path(encrypted)
    if content == "dir":
        where.mkdir()
    elif content is not None:
        where.write_text(content, encoding="utf-8")
    app = UnlockApp(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark" and app.is_running


async def test_a_crash_during_the_check_keeps_the_passphrase_out_of_everything(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(path: Path, passphrase: str) -> bool:
        raise RuntimeError(f"could not use {passphrase!r}")

    monkeypatch.setattr(unlock, "opens_with", broken)
    app = UnlockApp(encrypted)
    with pytest.raises(RuntimeError) as raised:  # the test harness re-raises it
        async with app.run_test(size=(80, 24)) as pilot:
            app.query_one(Input).insert_text_at_cursor(PASS)
            await pilot.press("enter")
            await checked(app)
            await pilot.pause()
    crash_files = list(encrypted.parent.glob("crash-*.txt"))
    assert len(crash_files) == 1 and app.failure is not None
    assert str(crash_files[0]) in str(app.failure)
    written = crash_files[0].read_text(encoding="utf-8")
    assert "RuntimeError" in written and "broken" in written
    shown = capsys.readouterr()
    for text in (written, str(app.failure), shown.out, shown.err):
        assert PASS not in text and repr(PASS) not in text
    assert raised.type is RuntimeError


async def test_the_password_screen_offers_no_command_palette(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the journal is open there is nothing to pick: ctrl+p opens no palette and
    types nothing into the passphrase."""
    from textual.command import CommandPalette

    from recovery_journal.tui.unlock import UnlockApp

    monkeypatch.delenv("RECOVERY_JOURNAL_PASSPHRASE", raising=False)
    app = UnlockApp(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert app.query_one(Input).value == ""
