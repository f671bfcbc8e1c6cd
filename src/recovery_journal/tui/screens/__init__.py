"""One module per screen, and one registry per app: the patient's (`PATIENT_SCREENS`), the
review of one file (`REVIEW_SCREENS`) and a caseload (`CASELOAD_SCREENS`).

Each line names a mode, its footer and palette name, its key, what it is for, and where its
class lives; the app's modes, keys, footer, palette and Help page all derive from it. A new
screen is its module plus one line here. A screen's module is imported only when the screen
is first shown, so the first frame does not wait for the others (Help's Markdown alone costs
~100 ms).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from textual.screen import Screen

from recovery_journal.tui.contracts import Navigation


@dataclass(frozen=True)
class ScreenEntry:
    """One screen of an app: mode, name (footer, palette), key, purpose, and its class as
    `module:Class` under `recovery_journal.tui.screens`."""

    mode: str
    name: str
    key: str
    purpose: str
    where: str

    def factory(self) -> Callable[[], Screen[None]]:
        """A callable that builds the screen, importing its module on first use."""
        module_name, class_name = self.where.split(":")

        def build() -> Screen[None]:
            module = import_module(f"recovery_journal.tui.screens.{module_name}")
            screen: Screen[None] = getattr(module, class_name)()
            return screen

        return build


# fmt: off
# The patient's app, in the order of the footer and the palette.
PATIENT_SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("today", "Today", "f2", "Today's check-in: mood, habits, note", "day:TodayScreen"),
    ScreenEntry("sessions", "Sessions", "f3", "Treatment sessions and their after-care", "sessions:SessionsScreen"),
    ScreenEntry("history", "History", "f4", "Every day you logged; open one to edit it", "history:HistoryScreen"),
    ScreenEntry("trends", "Trends", "f5", "Charts of mood and habits against your sessions", "trends:TrendsScreen"),
    ScreenEntry("insights", "Insights", "f6", "What the journal says, in words and numbers", "insights:InsightsScreen"),
    ScreenEntry("checkins", "Check-ins", "f7", "PHQ-9 and GAD-7 questionnaires", "checkins:CheckinsScreen"),
    ScreenEntry("export", "Export", "f8", "A report or data file for your therapist", "export:ExportScreen"),
    ScreenEntry("habits", "Habits", "f9", "Add, rename, set targets, archive", "habits:HabitsScreen"),
    ScreenEntry("help", "Help", "f1", "Keys, screens, where the journal lives", "help:HelpScreen"),
)

# `review FILE`: the therapist's read-only view; Overview takes Today's key.
REVIEW_SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("overview", "Overview", "f2", "Safety flags, the file, and since the last session", "overview:OverviewScreen"),
    ScreenEntry("sessions", "Sessions", "f3", "The patient's treatment sessions and their after-care", "sessions:SessionsScreen"),
    ScreenEntry("history", "History", "f4", "Every day in the file; open one to read it", "history:HistoryScreen"),
    ScreenEntry("trends", "Trends", "f5", "Charts of mood and habits against the sessions", "trends:TrendsScreen"),
    ScreenEntry("insights", "Insights", "f6", "What the file says, in words and numbers", "insights:InsightsScreen"),
    ScreenEntry("checkins", "Check-ins", "f7", "The patient's PHQ-9 and GAD-7 scores", "checkins:CheckinsScreen"),
    ScreenEntry("export", "Export", "f8", "A report of this file, written where you choose", "export:ExportScreen"),
    ScreenEntry("habits", "Habits", "f9", "The habits the patient tracks", "habits:HabitsScreen"),
    ScreenEntry("help", "Help", "f1", "Keys and screens of the review", "help:HelpScreen"),
)

# `review A B …`: a review per file, and the table of files behind Escape.
CASELOAD_SCREENS: tuple[ScreenEntry, ...] = (
    *REVIEW_SCREENS,
    ScreenEntry("caseload", "Caseload", "escape", "Every file of the caseload", "caseload:CaseloadScreen"),
)
# fmt: on


def modes(entries: tuple[ScreenEntry, ...]) -> dict[str, str | Callable[[], Screen[Any]]]:
    """An app's `MODES` (typed as Textual's): mode → a factory that builds its screen on
    first use."""
    return {entry.mode: entry.factory() for entry in entries}


def navigation(entries: tuple[ScreenEntry, ...]) -> Navigation:
    """(mode, name, key, purpose) of each screen: the footer, the palette, the Help page."""
    return tuple((e.mode, e.name, e.key, e.purpose) for e in entries)
