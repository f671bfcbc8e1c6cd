"""What every screen shares: the header, the footer, and the way to the journal."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header

from recovery_journal.clock import Clock
from recovery_journal.errors import RecoveryJournalError
from recovery_journal.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from recovery_journal.store import Journal
    from recovery_journal.tui.contracts import JournalHost


READ_ONLY_HIDDEN = frozenset({"save", "add", "delete", "archive", "take", "import", "edit"})


class JournalScreen(Screen[None]):
    """A screen with the app's header and footer around `compose_body`."""

    def compose(self) -> ComposeResult:
        """The header, the screen's own body, then the key bar."""
        yield Header(show_clock=False, icon="")
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets, between header and key bar (none
        here)."""
        yield from ()

    @property
    def journal_app(self) -> JournalHost:
        """The app, as what a screen may ask of it (`JournalHost`)."""
        return cast("JournalHost", self.app)

    @property
    def journal(self) -> Journal:
        """The open journal."""
        return self.journal_app.journal

    @property
    def clock(self) -> Clock:
        """The app's clock: where the screen asks what day it is."""
        return self.journal_app.clock

    @property
    def read_only(self) -> bool:
        """Whether the journal may not be changed (`review`)."""
        return self.journal_app.read_only

    @property
    def reviewing(self) -> bool:
        """In `review`: the therapist reads an export file (words about the patient)."""
        return self.journal_app.reviewing

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In a read-only journal (`review`) the keys that would change it are not offered."""
        return not (self.read_only and action in READ_ONLY_HIDDEN)

    def show_error(self, error: RecoveryJournalError | str, title: str = "Not saved") -> None:
        """The domain's message as a notification; never a traceback."""
        self.notify(str(error), title=title, severity="error", timeout=8)


def count(n: int, noun: str) -> str:
    """`1 session`, `2 sessions`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
