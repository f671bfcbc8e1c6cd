"""One module per screen. `screen_factory(mode)` imports a screen only when it is first shown,
so the first frame does not wait for the others (Help's Markdown alone costs ~100 ms)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from textual.screen import Screen

# mode → (module, class)
SCREEN_CLASSES: dict[str, tuple[str, str]] = {
    "today": ("day", "TodayScreen"),
    "sessions": ("sessions", "SessionsScreen"),
    "history": ("history", "HistoryScreen"),
    "trends": ("trends", "TrendsScreen"),
    "insights": ("insights", "InsightsScreen"),
    "checkins": ("checkins", "CheckinsScreen"),
    "export": ("export", "ExportScreen"),
    "habits": ("habits", "HabitsScreen"),
    "help": ("help", "HelpScreen"),
}
# The therapist's review only (tui/review_app.py).
REVIEW_SCREEN_CLASSES: dict[str, tuple[str, str]] = {
    "overview": ("overview", "OverviewScreen"),
    "caseload": ("caseload", "CaseloadScreen"),
}


def screen_factory(mode: str) -> Callable[[], Screen[None]]:
    """A callable that builds the mode's screen, importing its module on first use."""
    module_name, class_name = SCREEN_CLASSES.get(mode) or REVIEW_SCREEN_CLASSES[mode]

    def build() -> Screen[None]:
        module = import_module(f"recovery_journal.tui.screens.{module_name}")
        screen: Screen[None] = getattr(module, class_name)()
        return screen

    return build


SCREENS_BY_MODE = {mode: screen_factory(mode) for mode in SCREEN_CLASSES}
