"""The Textual app (placeholder until the TUI issue lands: it shows what the journal holds)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from recovery_journal.clock import Clock
from recovery_journal.store import Journal


class RecoveryJournalApp(App[None]):
    """Recovery Journal."""

    TITLE = "Recovery Journal"
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def __init__(self, journal: Journal, clock: Clock) -> None:
        super().__init__()
        self.journal = journal
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        counts = self.journal.counts()
        yield Static(
            f"Your journal at {self.journal.path or 'memory'} holds {counts['days']} days and "
            f"{counts['sessions']} sessions.\n\nThe full app is on its way; meanwhile the "
            "command line works: recovery-journal --help",
            id="placeholder",
        )
        yield Footer()


def create_app(journal: Journal, clock: Clock) -> RecoveryJournalApp:
    """The one factory used by the entry point and the tests."""
    return RecoveryJournalApp(journal, clock)


def run_app(journal: Journal, clock: Clock) -> None:
    create_app(journal, clock).run()
