"""History: every day in a table, newest first; search the notes; open a day to edit it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Static

from recovery_journal import tables
from recovery_journal.model import Day, Habit, habit_done
from recovery_journal.tui.screens.base import JournalScreen, count
from recovery_journal.tui.widgets.literal_table import LiteralTable
from recovery_journal.tui.widgets.text import literal

SHORT_NAMES = {
    "meditation": "med",
    "exercise": "ex",
    "social": "soc",
    "news_avoided": "news",
    "social_media_avoided": "sm",
}


def habit_marks(day: Day, habits: list[Habit]) -> str:
    """`med ✓ ex – soc ✓`: ✓ done, – logged and not done; unlogged habits are left out."""
    marks = []
    for habit in habits:
        done = habit_done(habit.kind, day.habits.get(habit.key))
        if done is None:
            continue
        short = SHORT_NAMES.get(habit.key, habit.key[:6])
        marks.append(f"{short} {'✓' if done else '–'}")
    return " ".join(marks)


def matches(day: Day, query: str) -> bool:
    """Case-insensitive search in the note and the tags."""
    needle = query.casefold()
    return needle in (day.note or "").casefold() or any(needle in tag for tag in day.tags)


class HistoryScreen(JournalScreen):
    """All days; / or ctrl+f searches the notes; Enter opens the day."""

    BINDINGS = [
        Binding("ctrl+f", "search", "Search", priority=True),
        Binding("slash", "search", "Search", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="row", id="search-row"):
            yield Label("Search notes", classes="field-label")
            yield Input(id="search", placeholder="a word from a note or a tag", classes="wide")
        yield Static("", id="history-count", classes="intro", markup=False)
        yield LiteralTable(id="history-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Date", "Mood", "Note", "Tags", "Habits")
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.days = list(reversed(self.journal.days()))
        self.habit_list = self.journal.habits()
        self.fill(self.query_one("#search", Input).value)

    def fill(self, query: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        shown = [day for day in self.days if not query or matches(day, query)]
        for day in shown:
            table.add_row(
                f"{day.date:%a %d %b %Y}",
                "" if day.mood is None else str(day.mood),
                tables.one_line(day.note, 40),
                " ".join(day.tags),
                habit_marks(day, self.habit_list),
                key=day.date.isoformat(),
            )
        if not self.days:
            text = (
                "No days in this file."
                if self.reviewing
                else "Nothing logged yet. Today's check-in is on F2."
            )
        elif query:
            days = count(len(self.days), "day")
            text = f"{len(shown)} of {days} match “{query}”. Enter opens a day."
        else:
            text = f"{count(len(self.days), 'day')}. Enter opens a day · ctrl+f searches notes."
        self.query_one("#history-count", Static).update(literal(text))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self.query_one(DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape clears a search; with none, it goes on to the app (a caseload's way back)."""
        if action == "clear_search" and not self.query_one("#search", Input).value:
            return False
        return super().check_action(action, parameters)

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        self.query_one(DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from datetime import date

        from recovery_journal.tui.screens.day import DayScreen

        event.stop()
        if event.row_key.value:
            self.app.push_screen(DayScreen(date.fromisoformat(str(event.row_key.value))))
