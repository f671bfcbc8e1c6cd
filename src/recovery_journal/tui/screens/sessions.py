"""Sessions: the list of treatment sessions; add, edit and delete them. `t` shows the
appointments instead (and back), with the same keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from recovery_journal import model, tables
from recovery_journal.model import Appointment, Session
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

# The appointments' columns; the note takes the rest of the width.
APPOINTMENT_COLUMNS = [("When", 17), ("Kind", 10), ("Provider", 20)]
NOTE_MIN_WIDTH = 12


class SessionsScreen(JournalScreen):
    """Every session, newest first."""

    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("enter", "edit", "Edit"),
        Binding("enter", "view", "Open"),  # read-only (review): the same form, to read
        Binding("d", "delete", "Delete"),
        Binding("v", "themes", "Themes"),
        Binding("t", "show_appointments", "Appointments"),
        Binding("t", "show_sessions", "Sessions"),  # shown instead in the appointments
    ]

    def compose_body(self) -> ComposeResult:
        """A line of keys above the table."""
        yield Static("", id="sessions-intro", classes="intro", markup=False)
        yield LiteralTable(id="sessions-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Start on the sessions and fill the table."""
        self.layout_key: tuple[tuple[str, int], ...] = ()
        self.showing_appointments = False
        self.reload()

    def on_screen_resume(self) -> None:
        """Back from a form: show what it saved."""
        self.reload()

    def on_resize(self) -> None:
        """Rebuild the table when a different set of columns fits."""
        if self.table_layout() != self.layout_key:
            self.reload()

    def table_layout(self) -> tuple[tuple[str, int], ...]:
        """The columns (name, width) the table shows at this width."""
        width = self.size.width or 80
        if not self.showing_appointments:
            return tuple(columns_that_fit(width, COLUMNS, OPTIONAL))
        room = width - 3 - sum(w + 2 for _name, w in APPOINTMENT_COLUMNS) - 2
        return (*APPOINTMENT_COLUMNS, ("Note", max(NOTE_MIN_WIDTH, room)))

    def set_columns(self, table: DataTable[object]) -> tuple[tuple[str, int], ...]:
        """The table's columns for this width, rebuilt only when they
        change."""
        layout = self.table_layout()
        if layout != self.layout_key:
            table.clear(columns=True)
            for name, width in layout:
                table.add_column(name, width=width, key=name)
            self.layout_key = layout
        return layout

    def reload(self) -> None:
        """The sessions (or the appointments), newest first, keeping the
        cursor's row."""
        if self.showing_appointments:
            self.reload_appointments()
            return
        sessions = self.journal.sessions()
        self.sessions = {s.id: s for s in sessions}
        table = self.query_one(DataTable)
        layout = self.set_columns(table)
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

    def reload_appointments(self) -> None:
        """The appointments, the latest first (booked ones ahead at the top)."""
        appointments = self.journal.appointments()
        self.appointments = {a.id: a for a in appointments}
        table = self.query_one(DataTable)
        layout = self.set_columns(table)
        row = table.cursor_row
        table.clear()
        for appointment in reversed(appointments):
            cells = {
                "When": f"{appointment.at:%d %b %Y %H:%M}",
                "Kind": model.APPOINTMENT_KIND_LABELS.get(appointment.kind, appointment.kind),
                "Provider": appointment.provider or "",
                "Note": appointment.note or "",
            }
            table.add_row(
                *(clip_words(cells[name], width) for name, width in layout), key=appointment.id
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        n = count(len(appointments), "appointment")
        if self.read_only:
            intro = f"{n} (read-only). t sessions."
        elif not appointments:
            intro = "No appointments yet. Press a to add one (it may be ahead) · t sessions."
        else:
            intro = f"{n}. a add · Enter edit · d delete · t sessions"
        self.query_one("#sessions-intro", Static).update(intro)
        table.focus()

    def action_show_appointments(self) -> None:
        """t: the appointments instead of the sessions."""
        self.show(appointments=True)

    def action_show_sessions(self) -> None:
        """t again: back to the sessions."""
        self.show(appointments=False)

    def show(self, *, appointments: bool) -> None:
        """Switch between the sessions and the appointments, from the top row."""
        self.showing_appointments = appointments
        self.query_one(DataTable).move_cursor(row=0, column=0, animate=False)
        self.reload()
        self.refresh_bindings()

    def selected_appointment(self) -> Appointment | None:
        """The appointment under the cursor, if the table
        shows appointments."""
        table = self.query_one(DataTable)
        if not self.showing_appointments or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.appointments.get(str(key))

    def open_appointment_form(self, appointment: Appointment | None) -> None:
        """The appointment form, to add one (None) or edit
        this one; saved, it says so and reloads."""
        from dataclasses import replace

        from recovery_journal.tui.dialogs.appointment_form import AppointmentFormModal

        def save(changed: Appointment) -> Appointment:
            if appointment is None:
                return self.journal.add_appointment(changed)
            return self.journal.update_appointment(
                appointment.id,
                lambda old: replace(
                    old,
                    at=changed.at,
                    kind=changed.kind,
                    provider=changed.provider,
                    note=changed.note,
                ),
            )

        def saved(result: Appointment | None) -> None:
            if result is not None:
                self.notify(f"Appointment of {result.at:%d %b %Y %H:%M} saved.", title="Saved")
            self.reload()

        self.app.push_screen(AppointmentFormModal(appointment, self.clock, save), saved)

    def selected(self) -> Session | None:
        """The session under the cursor, if the table shows sessions."""
        table = self.query_one(DataTable)
        if self.showing_appointments or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.sessions.get(str(key))

    def action_add(self) -> None:
        """a: a new session (or appointment); nothing when read-only."""
        if self.read_only:
            return
        if self.showing_appointments:
            self.open_appointment_form(None)
            return
        from recovery_journal.tui.screens.session_form import SessionFormScreen

        self.app.push_screen(SessionFormScreen(None))

    def action_edit(self) -> None:
        """Enter: the form of the session (or appointment) under the
        cursor."""
        if self.showing_appointments:
            appointment = self.selected_appointment()
            if appointment is not None and not self.read_only:
                self.open_appointment_form(appointment)
            return
        session = self.selected()
        if session is None:
            return
        from recovery_journal.tui.screens.session_form import SessionFormScreen

        self.app.push_screen(SessionFormScreen(session))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer Enter as Open when read-only, one of the two `t` keys,
        and themes only with the sessions."""
        showing = getattr(self, "showing_appointments", False)
        if action == "view":
            return self.read_only and not showing  # no read-only appointment form
        if action in ("show_appointments", "show_sessions"):
            return showing == (action == "show_sessions")
        if action == "themes" and showing:
            return False
        return super().check_action(action, parameters)

    def action_themes(self) -> None:
        """v: every session's intention and insights side by side, oldest first."""
        from recovery_journal.tui.screens.themes import ThemesScreen

        self.app.push_screen(ThemesScreen())

    def action_view(self) -> None:
        """Enter when read-only: the session's form, to read."""
        self.action_edit()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A row chosen (Enter or a click): edit it."""
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        """d: delete the session (or appointment) under the cursor,
        once confirmed."""
        if self.showing_appointments:
            self.delete_appointment()
            return
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

    def delete_appointment(self) -> None:
        """Delete the appointment under the cursor, once confirmed."""
        appointment = self.selected_appointment()
        if appointment is None or self.read_only:
            return
        from recovery_journal.tui.dialogs.confirm import confirm

        def answered(choice: str | None) -> None:
            if choice == "yes":
                self.journal.delete_appointment(appointment.id)
                self.notify(f"Appointment of {appointment.at:%d %b %Y} deleted.", title="Deleted")
                self.reload()

        self.app.push_screen(
            confirm(
                f"Delete the appointment of {appointment.at:%d %b %Y %H:%M}? "
                "This cannot be undone.",
                yes="Delete",
                no="Keep it",
                safe=True,
            ),
            answered,
        )
