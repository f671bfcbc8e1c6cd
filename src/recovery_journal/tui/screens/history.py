"""History: every day in a table, newest first; search the notes; open a day to edit it.

The table runs from today back to the first day logged, the days not logged included (so any
of them can be opened and logged); a search shows only the days that match.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Static

from recovery_journal.model import Day, Habit, habit_done
from recovery_journal.tui.screens.base import JournalScreen, count
from recovery_journal.tui.widgets.literal_table import LiteralTable, clip_words, columns_that_fit
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
        """The search field, a count line, then the table of days."""
        with Horizontal(classes="row", id="search-row"):
            yield Label("Search notes", classes="field-label")
            yield Input(id="search", placeholder="a word from a note or a tag", classes="wide")
        yield Static("", id="history-count", classes="intro", markup=False)
        yield LiteralTable(id="history-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Fill the table and give it the keys."""
        self.layout_key: tuple[tuple[str, int], ...] = ()
        self.reload()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        """Back from a day: show what it saved."""
        self.reload()

    def on_resize(self) -> None:
        """Refill the table when a different set of columns fits."""
        if self.columns() != self.layout_key:
            self.fill(self.query_one("#search", Input).value)

    def reload(self) -> None:
        """Read the days (newest first) and habits again, then refill with
        the search as it stands."""
        self.days = list(reversed(self.journal.days()))
        self.habit_list = self.journal.habits()
        self.fill(self.query_one("#search", Input).value)

    def columns(self) -> tuple[tuple[str, int], ...]:
        """Date, mood and the note always; tags and habits when the screen has room."""
        width = self.size.width or 80
        wanted = [("Date", 15), ("Mood", 4), ("Note", 36), ("Tags", 18), ("Habits", 26)]
        shown = columns_that_fit(width, wanted, frozenset({"Tags", "Habits"}))
        used = sum(w + 2 for name, w in shown if name != "Note")
        note = max(20, width - 3 - used - 2)
        return tuple((name, note if name == "Note" else w) for name, w in shown)

    def all_dates(self) -> list[Day]:
        """Every day from today back to the first one logged; the empty ones as empty days.
        In review only the days the file holds: nothing can be logged there."""
        if not self.days or self.reviewing:
            return list(self.days)
        logged = {day.date: day for day in self.days}
        today = self.clock.today()
        first = min(self.days[-1].date, today)
        count_days = (today - first).days + 1
        return [
            logged.get(today - timedelta(days=n)) or Day(today - timedelta(days=n))
            for n in range(count_days)
        ]

    def fill(self, query: str) -> None:
        """The rows: the days whose note or tags match `query`, or every date
        (unlogged ones too); the cursor stays on its date."""
        table = self.query_one(DataTable)
        layout = self.columns()
        if layout != self.layout_key:
            table.clear(columns=True)
            for name, width in layout:
                table.add_column(name, width=width, key=name)
            self.layout_key = layout
        kept = self.current_key()
        table.clear()
        widths = dict(layout)
        logged_dates = {day.date for day in self.days}
        shown = [day for day in self.days if matches(day, query)] if query else self.all_dates()
        for day in shown:
            empty = day.date not in logged_dates
            cells: dict[str, str | Text] = {
                "Date": f"{day.date:%a %d %b %Y}",
                "Mood": "" if day.mood is None else str(day.mood),
                "Note": Text("not logged", style="dim")
                if empty
                else clip_words(day.note or "", widths["Note"]),
                "Tags": clip_words(" ".join(day.tags), widths.get("Tags", 0)),
                "Habits": clip_words(habit_marks(day, self.habit_list), widths.get("Habits", 0)),
            }
            table.add_row(*(cells[name] for name, _ in layout), key=day.date.isoformat())
        if kept is not None and kept in {day.date.isoformat() for day in shown}:
            table.move_cursor(row=table.get_row_index(kept), animate=False)
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
            text = (
                f"{count(len(self.days), 'day')} logged. Enter opens a day, logged or not · "
                "ctrl+f searches notes."
            )
        self.query_one("#history-count", Static).update(literal(text))

    def current_key(self) -> str | None:
        """The date of the row under the cursor, if any."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as the person types."""
        if event.input.id == "search":
            self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search: to the table of matches."""
        if event.input.id == "search":
            self.query_one(DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape clears a search; with none, it goes on to the app (a caseload's way back)."""
        if action == "clear_search" and not self.query_one("#search", Input).value:
            return False
        return super().check_action(action, parameters)

    def action_search(self) -> None:
        """ctrl+f or /: to the search field."""
        self.query_one("#search", Input).focus()

    def action_clear_search(self) -> None:
        """Escape: empty the search and go back to the table."""
        search = self.query_one("#search", Input)
        search.value = ""
        self.query_one(DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row: that date's check-in, logged or
        not."""
        from recovery_journal.tui.screens.day import DayScreen

        event.stop()
        if event.row_key.value:
            self.app.push_screen(DayScreen(date.fromisoformat(str(event.row_key.value))))
