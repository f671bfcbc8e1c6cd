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


class TrendsScreen(ComingScreen):
    TITLE = "Trends"
    PURPOSE = "Charts of your mood and habits against your session dates are coming here."
    MEANWHILE = "Meanwhile: recovery-journal chart mood (in a terminal)."


class InsightsScreen(ComingScreen):
    TITLE = "Insights"
    PURPOSE = ("How long each session's lift lasts and which habits go with better days, "
               "in words and numbers, are coming here.")
    MEANWHILE = "Meanwhile: recovery-journal insights (in a terminal)."


class ExportScreen(ComingScreen):
    TITLE = "Export"
    PURPOSE = "A report or data file for your therapist is coming here."
    MEANWHILE = "Meanwhile: recovery-journal show --format csv (in a terminal)."
