"""Screens whose content arrives with a later piece of work say so plainly."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from recovery_journal.tui.screens.base import JournalScreen


class ComingScreen(JournalScreen):
    """A calm panel: what this screen will do and what works already."""

    TITLE = ""
    PURPOSE = ""
    MEANWHILE = ""

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="panel coming"):
            yield Static(f"[b]{self.TITLE}[/b]\n\n{self.PURPOSE}\n\n{self.MEANWHILE}")


class ExportScreen(ComingScreen):
    TITLE = "Export"
    PURPOSE = "A report or data file for your therapist is coming here."
    MEANWHILE = "Meanwhile: recovery-journal show --format csv (in a terminal)."
