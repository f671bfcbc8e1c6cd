"""One module per screen; `SCREENS_BY_MODE` maps the app's modes to them."""

from __future__ import annotations

from textual.screen import Screen

from recovery_journal.tui.screens.checkins import CheckinsScreen
from recovery_journal.tui.screens.day import TodayScreen
from recovery_journal.tui.screens.habits import HabitsScreen
from recovery_journal.tui.screens.help import HelpScreen
from recovery_journal.tui.screens.history import HistoryScreen
from recovery_journal.tui.screens.placeholder import (
    ExportScreen,
    InsightsScreen,
    TrendsScreen,
)
from recovery_journal.tui.screens.sessions import SessionsScreen

SCREENS_BY_MODE: dict[str, type[Screen[None]]] = {
    "today": TodayScreen,
    "sessions": SessionsScreen,
    "history": HistoryScreen,
    "trends": TrendsScreen,
    "insights": InsightsScreen,
    "checkins": CheckinsScreen,
    "export": ExportScreen,
    "habits": HabitsScreen,
    "help": HelpScreen,
}
