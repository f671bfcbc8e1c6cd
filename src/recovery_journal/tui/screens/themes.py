"""Sessions → Themes: every session's intention and insights side by side, oldest first.

For re-reading after a few sessions, to see what keeps coming back. Read-only (also in
review); Escape goes back.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from recovery_journal import tables
from recovery_journal.model import Session
from recovery_journal.tui.screens.base import JournalScreen
from recovery_journal.tui.widgets.text import literal

NOTHING_WRITTEN = "—"


class ThemesScreen(JournalScreen):
    """One row per session: its date and number, then the intention and the insights."""

    DEFAULT_CSS = """
    ThemesScreen #themes { padding: 0 1; }
    ThemesScreen .theme-title { text-style: bold; margin-top: 1; }
    ThemesScreen .theme-row { height: auto; }
    ThemesScreen .theme-cell { width: 1fr; height: auto; padding: 0 1 0 0; }
    ThemesScreen .theme-heading { width: 1fr; color: $text-muted; }
    """

    BINDINGS = [Binding("escape", "close", "Back")]

    def compose_body(self) -> ComposeResult:
        """Per session, oldest first: its number, date and kind, then
        the intention and the insights side by side."""
        from recovery_journal.insights import first_number

        sessions: list[Session] = self.journal.sessions()
        first = first_number(self.journal.treatment_context)
        with VerticalScroll(id="themes"):
            if not sessions:
                yield Static("No sessions yet; their intentions and insights will show here.")
                return
            yield Static(
                "Each session's intention and insights, oldest first, to re-read side by side.",
                classes="intro",
                markup=False,
            )
            yield Horizontal(
                Static("Intention", classes="theme-heading", markup=False),
                Static("Insights", classes="theme-heading", markup=False),
                classes="theme-row",
            )
            for number, session in enumerate(sessions, start=first):
                title = f"Session {number} · {session.at:%a %d %b %Y} · "
                title += tables.kind_label(session.kind)
                yield Static(title, classes="theme-title", markup=False)
                yield Horizontal(
                    Static(literal(session.intention or NOTHING_WRITTEN), classes="theme-cell"),
                    Static(literal(session.insights or NOTHING_WRITTEN), classes="theme-cell"),
                    classes="theme-row",
                )

    def on_mount(self) -> None:
        """Give the page the keys, to scroll."""
        self.query_one("#themes", VerticalScroll).focus()

    def action_close(self) -> None:
        """Escape: back to Sessions."""
        self.app.pop_screen()
