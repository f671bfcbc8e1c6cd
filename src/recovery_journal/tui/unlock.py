"""The password screen of an encrypted journal (issue 18): shown before anything else
when the journal is encrypted and `RECOVERY_JOURNAL_PASSPHRASE` is not set.

A small app of its own, run before the journal app, so that nothing of the journal is
opened, drawn or written until the passphrase has opened it. Escape or ctrl+q quits with
nothing touched. A plain journal never gets here (one look at its first 16 bytes), so its
first frame does not wait for SQLCipher.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, NoBinding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

WRONG = "That passphrase does not open this journal. Check it and try again."


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
    CSS = """
    Screen { align: center middle; }
    #unlock { width: 64; height: auto; border: round $primary; padding: 1 2; }
    #unlock-error { color: $error; height: auto; }
    .hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "quit_unlocked", "Quit", show=False),
        Binding("ctrl+q", "quit_unlocked", "Quit", priority=True, show=False),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        """The passphrase field, the error line and the keys."""
        with Vertical(id="unlock"):
            yield Label("This journal is encrypted.", id="unlock-title")
            yield Label("Type its passphrase to open it.", markup=False)
            yield PassphraseInput(id="passphrase", password=True, placeholder="passphrase")
            yield Static("", id="unlock-error", markup=False)
            yield Label("Enter opens it · Escape or ctrl+q quits", classes="hint", markup=False)

    def on_mount(self) -> None:
        """The keys go to the passphrase field."""
        self.query_one(Input).focus()

    def action_quit_unlocked(self) -> None:
        """Escape or ctrl+q: quit with nothing opened (None)."""
        self.exit(None)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing again clears the last error."""
        if event.value:  # typing again; not the field emptied after a wrong one
            self.query_one("#unlock-error", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: the passphrase that opens the journal ends the app;
        a wrong one empties the field and says so."""
        event.stop()
        if event.value and opens_with(self.path, event.value):
            self.exit(event.value)
            return
        from recovery_journal.store.connection import damaged_though_the_passphrase_is_right

        damaged = damaged_though_the_passphrase_is_right(self.path, event.value)
        event.input.value = ""
        self.query_one("#unlock-error", Static).update(str(damaged) if damaged else WRONG)


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
    passphrase = UnlockApp(path).run()
    if passphrase is None:
        return False
    from recovery_journal.store import cipher

    cipher.remember(passphrase)
    return True
