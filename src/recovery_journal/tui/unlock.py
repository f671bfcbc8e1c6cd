"""The password screen of an encrypted journal (issue 18): shown before anything else
when the journal is encrypted and `RECOVERY_JOURNAL_PASSPHRASE` is not set.

A small app of its own, run before the journal app, so that nothing of the journal is
opened, drawn or written until the passphrase has opened it. Escape or ctrl+q quits with
nothing touched. A plain journal never gets here (one look at its first 16 bytes), so its
first frame does not wait for SQLCipher.

The key derivation (a few tenths of a second) runs in a worker thread, so the screen
keeps answering while "Checking…" shows; a second Enter meanwhile starts no second try.
The screen uses the theme the person chose last time (the journal's settings file).
The passphrase is kept on the app only: it is in no message, worker name or crash file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding, NoBinding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from recovery_journal.errors import RecoveryJournalError

WRONG = "That passphrase does not open this journal. Check it and try again."
CHECKING = "Checking…"
CHECK_GROUP = "passphrase-check"  # the worker that checks a passphrase


class PassphraseInput(Input):
    """The passphrase field. Its own keys (Enter, Backspace, the arrows) act in the order
    they were typed: Textual runs a field's key binding only once the key has gone up to
    the app, after the letters typed after it, so a passphrase typed ahead with Enter
    and more keys was tried with those keys in it ("does not open")."""

    async def _on_key(self, event: events.Key) -> None:
        try:
            bindings = [] if event.is_printable else self._bindings.get_bindings_for_key(event.key)
        except NoBinding:
            bindings = []
        if bindings:
            event.stop()
            event.prevent_default()
            await self.run_action(bindings[0].action)
            return
        await super()._on_key(event)


class UnlockApp(App[str]):
    """One password field; returns the passphrase that opened the journal (None: quit)."""

    TITLE = "Recovery Journal"
    # No palette before the journal is open: it would offer Textual's own commands, and a
    # theme picked there would not be kept.
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    Screen { align: center middle; }
    #unlock { width: 64; height: auto; border: round $primary; padding: 1 2; }
    #unlock-error { color: $error; height: auto; }
    #unlock-error.checking { color: $text-muted; }
    .hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "quit_unlocked", "Quit", show=False),
        Binding("ctrl+q", "quit_unlocked", "Quit", priority=True, show=False),
    ]

    class Checked(Message):
        """The worker's answer: it opened, or why not (never the passphrase itself)."""

        def __init__(self, opened: bool, damaged: str | None) -> None:
            super().__init__()
            self.opened = opened
            self.damaged = damaged

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.failure: RecoveryJournalError | None = None  # an unexpected error (one line)
        self._trying: str | None = None  # the passphrase being checked (None: no check)

    def compose(self) -> ComposeResult:
        """The passphrase field, the error line and the keys."""
        with Vertical(id="unlock"):
            yield Label("This journal is encrypted.", id="unlock-title")
            yield Label("Type its passphrase to open it.", markup=False)
            yield PassphraseInput(id="passphrase", password=True, placeholder="passphrase")
            yield Static("", id="unlock-error", markup=False)
            yield Label("Enter opens it · Escape or ctrl+q quits", classes="hint", markup=False)

    def on_mount(self) -> None:
        """The saved theme; the keys go to the passphrase field."""
        theme = saved_theme(self.path, self.available_themes)
        if theme is not None:
            self.theme = theme
        self.query_one(Input).focus()

    def action_quit_unlocked(self) -> None:
        """Escape or ctrl+q: quit with nothing opened (None), also during a check."""
        self._trying = None
        self.exit(None)

    @property
    def checking(self) -> bool:
        """A passphrase is being checked."""
        return self._trying is not None

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing again clears the last error (not "Checking…")."""
        if event.value and not self.checking:  # not the field emptied after a wrong one
            self.query_one("#unlock-error", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: the passphrase is checked in a worker, "Checking…" meanwhile; the field
        is emptied for the keys typed meanwhile. A second Enter during a check is ignored."""
        event.stop()
        if self.checking:
            return
        if not event.value:
            self._show(WRONG)
            return
        self._trying = event.value
        event.input.value = ""
        self._show(CHECKING, checking=True)
        self._check()

    @work(thread=True, exclusive=True, group=CHECK_GROUP, description="checking the passphrase")
    def _check(self) -> None:
        """Derive the key and try it (off the UI thread); post back what came of it."""
        passphrase = self._trying
        if passphrase is None:  # quit meanwhile
            return
        opened = opens_with(self.path, passphrase)
        damaged = None
        if not opened:
            from recovery_journal.store.connection import damaged_though_the_passphrase_is_right

            found = damaged_though_the_passphrase_is_right(self.path, passphrase)
            damaged = str(found) if found else None
        self.post_message(self.Checked(opened, damaged))

    def on_unlock_app_checked(self, message: Checked) -> None:
        """The passphrase that opens the journal ends the app; a wrong one says so, the
        field keeping what was typed meanwhile for another try."""
        passphrase, self._trying = self._trying, None
        if passphrase is None:  # quit meanwhile
            return
        if message.opened:
            self.exit(passphrase)
            return
        self._show(message.damaged or WRONG)

    def _show(self, text: str, *, checking: bool = False) -> None:
        line = self.query_one("#unlock-error", Static)
        line.set_class(checking, "checking")
        line.update(text)

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: a crash file without any message in it (a message could
        hold the passphrase), and one calm line for the CLI; no traceback on screen."""
        from textual.worker import WorkerFailed

        from recovery_journal import crash

        self._trying = None
        if isinstance(error, WorkerFailed) and isinstance(error.error, Exception):
            error = error.error  # where in the check it happened, not only "a worker failed"
        if self.failure is None:
            from recovery_journal.tui.app import AppCrashed

            written = crash.write_crash_file(crash.crash_folder(self.path), error, private=True)
            self.failure = AppCrashed(crash.crash_message(written))
        if crash.debugging():
            super()._handle_exception(error)
            return
        self._return_code = 1
        if self._exception is None:  # so that the test harness re-raises it, as Textual does
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        """After a crash nothing is printed here (the CLI prints the one line)."""
        from recovery_journal import crash

        if self.failure is not None and not crash.debugging():
            self._exit_renderables.clear()
        super()._print_error_renderables()


def saved_theme(path: Path, available: Mapping[str, object]) -> str | None:
    """The theme kept in the journal's settings file, when there is a known one; else the
    terminal's light or dark when it says (as the journal app does); else None (Textual's
    default). A missing or unreadable file is no error."""
    from recovery_journal import settings

    try:
        saved = settings.read_settings(settings.settings_path(path)).get("theme")
    except (OSError, ValueError):
        saved = None
    if isinstance(saved, str) and saved in available:
        return saved
    light = settings.terminal_is_light()
    if light is None:
        return None
    return "textual-light" if light else "textual-dark"


def opens_with(path: Path, passphrase: str) -> bool:
    """True when `passphrase` opens the encrypted file (read only; nothing is written)."""
    from recovery_journal.store import cipher

    conn = cipher.connect(str(path), cipher.raw_key(passphrase, cipher.salt_of(path)))
    try:
        return cipher.opens(conn)
    finally:
        conn.close()


def needs_unlock(path: Path) -> bool:
    """An encrypted journal and no passphrase in the environment (cheap for a plain one)."""
    from recovery_journal.store.connection import SQLITE_HEADER

    try:
        with open(path, "rb") as handle:
            if handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
                return False
    except OSError:
        return False
    from recovery_journal.passphrase import JOURNAL_ENV, from_env
    from recovery_journal.store.connection import encrypted

    return encrypted(path) and from_env(JOURNAL_ENV) is None


def unlock(path: Path) -> bool:
    """Ask for the passphrase when the journal needs one; False when the person quit."""
    if not needs_unlock(path):
        return True
    app = UnlockApp(path)
    passphrase = app.run()
    if app.failure is not None:
        raise app.failure
    if passphrase is None:
        return False
    from recovery_journal.store import cipher

    cipher.remember(passphrase)
    return True
