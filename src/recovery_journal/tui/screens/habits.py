"""Habits: add your own, rename, set targets, archive and restore (past values stay)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from recovery_journal import model
from recovery_journal.errors import InvalidInput
from recovery_journal.model import Habit
from recovery_journal.tui.screens.base import JournalScreen
from recovery_journal.tui.widgets.literal_table import LiteralTable, clip_words, columns_that_fit

KIND_WORDS = {
    "minutes": "minutes",
    "count": "count",
    "done": "yes / no",
    "avoided": "avoided (yes / no)",
}
# (column, width): label, kind, target and status always; the key when there is room.
COLUMNS = [("Habit", 20), ("Kind", 18), ("Daily target", 12), ("Status", 18), ("Key", 20)]


REVIEW_INTRO = (
    "The habits the patient tracks: the built-in ones from the clinical advice after a "
    "session, and their own. Archived habits keep their past values."
)


class HabitsScreen(JournalScreen):
    """The habits table; a add · e edit · x archive or restore."""

    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("e,enter", "edit", "Edit"),
        Binding("x", "archive", "Archive/restore"),
    ]

    def compose_body(self) -> ComposeResult:
        """A line of advice (or of review), then the table of habits."""
        yield Static(
            REVIEW_INTRO  # the therapist's review
            if self.reviewing
            else "Built-in habits follow the clinical advice after a session; add your own too. "
            "Archiving hides a habit from Today and keeps every past value.",
            classes="intro",
        )
        yield LiteralTable(id="habits-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Fill the table and give it the keys."""
        self.layout_key: tuple[tuple[str, int], ...] = ()
        self.reload()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        """Refill the table when a different set of columns fits."""
        if self.columns() != self.layout_key:
            self.reload()

    def columns(self) -> tuple[tuple[str, int], ...]:
        """The columns that fit; the label takes what the others leave (long ones end in …)."""
        width = self.size.width or 80
        shown = columns_that_fit(width, COLUMNS, frozenset({"Key"}))
        rest = sum(w + 2 for name, w in shown if name != "Habit")
        label = max(20, width - 3 - rest - 2)
        return tuple((name, label if name == "Habit" else w) for name, w in shown)

    def reload(self) -> None:
        """Every habit, archived ones too, built-in first; the cursor keeps its row."""
        self.habits = {h.key: h for h in self.journal.habits()}
        table = self.query_one(DataTable)
        layout = self.columns()
        if layout != self.layout_key:
            table.clear(columns=True)
            for name, width in layout:
                table.add_column(name, width=width, key=name)
            self.layout_key = layout
        row = table.cursor_row
        table.clear()
        for habit in self.habits.values():
            cells = {
                "Habit": habit.label,
                "Key": habit.key,
                "Kind": KIND_WORDS[habit.kind],
                "Daily target": ""
                if habit.target is None
                else str(model.plain_number(habit.target)),
                "Status": ("archived" if habit.archived else "active")
                + (" · built in" if habit.built_in else " · yours"),
            }
            table.add_row(
                *(clip_words(cells[name], width) for name, width in layout), key=habit.key
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def selected(self) -> Habit | None:
        """The habit under the cursor, if any."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.habits.get(str(key))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A row chosen (Enter or a click): edit it."""
        event.stop()
        self.action_edit()

    def action_add(self) -> None:
        """a: the form for a new habit; nothing when read-only."""
        if self.read_only:
            return
        from recovery_journal.tui.dialogs.habit_form import HabitFormModal

        self.app.push_screen(HabitFormModal(None, frozenset(self.habits)), self._added)

    def _added(self, habit: Habit | None) -> None:
        if habit is None:
            return
        try:
            self.journal.add_habit(habit)
        except InvalidInput as error:
            self.show_error(error)
            return
        self.notify(f"{habit.label} added. It shows on Today from now on.", title="Added")
        self.reload()

    def action_edit(self) -> None:
        """e or Enter: a new label or target for the habit under the cursor."""
        habit = self.selected()
        if habit is None or self.read_only:
            return
        from recovery_journal.tui.dialogs.habit_form import HabitFormModal

        def edited(changed: Habit | None) -> None:
            if changed is None:
                return
            try:
                self.journal.update_habit(habit.key, label=changed.label, target=changed.target)
            except InvalidInput as error:
                self.show_error(error)
                return
            self.notify(f"{changed.label} saved.", title="Saved")
            self.reload()

        self.app.push_screen(HabitFormModal(habit), edited)

    def action_archive(self) -> None:
        """x: archive the habit under the cursor, or restore an archived
        one (past values stay either way)."""
        habit = self.selected()
        if habit is None or self.read_only:
            return
        try:  # restoring may pass the model's cap on active habits
            self.journal.update_habit(habit.key, archived=not habit.archived)
        except InvalidInput as error:
            self.show_error(error)
            return
        state = "restored" if habit.archived else "archived; its past values are kept"
        self.notify(f"{habit.label} {state}.", title="Habits")
        self.reload()
