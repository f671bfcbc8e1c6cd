"""Sessions: the list of treatment sessions; add, edit and delete them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from recovery_journal import model, tables
from recovery_journal.model import Session
from recovery_journal.tui.screens.base import JournalScreen, count
from recovery_journal.tui.widgets.literal_table import LiteralTable, clip_words, columns_that_fit

# (column, width): date, kind, mood before → after and after-care always; the rest when the
# screen has room for them whole.
COLUMNS = [
    ("Date", 17),
    ("Kind", 18),
    ("Mood", 7),
    ("After-care", 14),
    ("Dose", 6),
    ("#", 3),
    ("Dissociation", 12),
]
OPTIONAL = frozenset({"Dose", "#", "Dissociation"})


class SessionsScreen(JournalScreen):
    """Every session, newest first."""

    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("enter", "edit", "Edit"),
        Binding("enter", "view", "Open"),  # read-only (review): the same form, to read
        Binding("d", "delete", "Delete"),
        Binding("v", "themes", "Themes"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="sessions-intro", classes="intro", markup=False)
        yield LiteralTable(id="sessions-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.layout_key: tuple[tuple[str, int], ...] = ()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        if tuple(columns_that_fit(self.size.width, COLUMNS, OPTIONAL)) != self.layout_key:
            self.reload()

    def reload(self) -> None:
        sessions = self.journal.sessions()
        self.sessions = {s.id: s for s in sessions}
        table = self.query_one(DataTable)
        layout = tuple(columns_that_fit(self.size.width or 80, COLUMNS, OPTIONAL))
        if layout != self.layout_key:
            table.clear(columns=True)
            for name, width in layout:
                table.add_column(name, width=width, key=name)
            self.layout_key = layout
        row = table.cursor_row
        table.clear()
        from recovery_journal.insights import first_number

        first = first_number(self.journal.treatment_context)  # a ranged file: after those before
        for number, session in reversed(list(enumerate(sessions, start=first))):
            cells = {
                "#": str(number),
                "Date": f"{session.at:%d %b %Y %H:%M}",
                "Kind": tables.kind_label(session.kind),
                "Dose": ""
                if session.dose_mg is None
                else f"{model.plain_number(session.dose_mg)} mg",
                "Mood": tables.mood_change(session),
                "Dissociation": "" if session.dissociation is None else str(session.dissociation),
                "After-care": tables.aftercare_done(session),
            }
            table.add_row(
                *(clip_words(cells[name], width) for name, width in layout), key=session.id
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        intro = (
            "No sessions yet. Press a to add your first one."
            if not sessions
            else f"{count(len(sessions), 'session')}. a add · Enter edit · d delete · v themes"
        )
        if self.read_only:
            intro = f"{count(len(sessions), 'session')} (read-only). Enter opens one · v themes."
        self.query_one("#sessions-intro", Static).update(intro)
        table.focus()

    def selected(self) -> Session | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.sessions.get(str(key))

    def action_add(self) -> None:
        if self.read_only:
            return
        from recovery_journal.tui.screens.session_form import SessionFormScreen

        self.app.push_screen(SessionFormScreen(None))

    def action_edit(self) -> None:
        session = self.selected()
        if session is None:
            return
        from recovery_journal.tui.screens.session_form import SessionFormScreen

        self.app.push_screen(SessionFormScreen(session))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "view":
            return self.read_only
        return super().check_action(action, parameters)

    def action_themes(self) -> None:
        """v: every session's intention and insights side by side, oldest first."""
        from recovery_journal.tui.screens.themes import ThemesScreen

        self.app.push_screen(ThemesScreen())

    def action_view(self) -> None:
        self.action_edit()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        session = self.selected()
        if session is None or self.read_only:
            return
        from recovery_journal.tui.dialogs.confirm import confirm

        def answered(choice: str | None) -> None:
            if choice == "yes":
                self.journal.delete_session(session.id)
                self.notify(f"Session of {session.at:%d %b %Y} deleted.", title="Deleted")
                self.reload()

        self.app.push_screen(
            confirm(
                f"Delete the session of {session.at:%d %b %Y %H:%M}? This cannot be undone.",
                yes="Delete",
                no="Keep it",
                safe=True,
            ),
            answered,
        )
