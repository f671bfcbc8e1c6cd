"""Add or edit an appointment in a small dialog; saves it and returns it (None: cancelled)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from recovery_journal import model
from recovery_journal.clock import Clock
from recovery_journal.errors import InvalidInput, RecoveryJournalError
from recovery_journal.model import Appointment
from recovery_journal.tui.widgets.editors import PlainInput, PlainTextArea
from recovery_journal.tui.widgets.text import literal

FIELDS = ("at", "kind", "provider", "note")


class AppointmentFormModal(ModalScreen[Appointment | None]):
    """When, kind, provider, note. `save` writes the checked appointment (the form stays
    open, every word kept, when the journal refuses it)."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("ctrl+s", "submit", "Save"),
    ]

    def __init__(
        self,
        appointment: Appointment | None,
        clock: Clock,
        save: Callable[[Appointment], Appointment],
    ) -> None:
        super().__init__()
        self.appointment = appointment
        self.clock = clock
        self.save = save
        self.checking = "at"  # the field collect() was checking when it refused one

    def compose(self) -> ComposeResult:
        """When, kind, provider and note, each with a line for its
        error, then Save and Cancel."""
        a = self.appointment
        with Vertical(id="dialog"):
            yield Label("New appointment" if a is None else "Edit appointment", id="question")
            with Horizontal(classes="row"):
                yield Label("When", classes="field-label")
                yield PlainInput(
                    "" if a is None else f"{a.at:%Y-%m-%d %H:%M}",
                    id="at",
                    placeholder="YYYY-MM-DD HH:MM (may be ahead)",
                )
            yield Static("", id="at-error", classes="field-error", markup=False)
            with Horizontal(classes="row"):
                yield Label("Kind", classes="field-label")
                yield Select(
                    [(model.APPOINTMENT_KIND_LABELS[k], k) for k in model.APPOINTMENT_KINDS],
                    value="therapy" if a is None else a.kind,
                    allow_blank=False,
                    id="kind",
                )
            yield Static("", id="kind-error", classes="field-error", markup=False)
            with Horizontal(classes="row"):
                yield Label("Provider", classes="field-label")
                yield PlainInput(
                    "" if a is None or a.provider is None else a.provider,
                    id="provider",
                    placeholder="optional: who you see",
                )
            yield Static("", id="provider-error", classes="field-error", markup=False)
            with Horizontal(classes="row"):
                yield Label("Note", classes="field-label")
                yield PlainTextArea(
                    "" if a is None or a.note is None else a.note,
                    id="note",
                    soft_wrap=True,
                    show_line_numbers=False,
                )
            yield Static("", id="note-error", classes="field-error", markup=False)
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        """The keys go to the time field."""
        self.query_one("#at", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Cancel closes with None; Save submits."""
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
            return
        self.action_submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field: submit."""
        event.stop()
        self.action_submit()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A refused field typed in again loses its mark."""
        if event.input.id in FIELDS:
            self.clear_problem(event.input.id)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """The note typed in again loses its mark."""
        self.clear_problem("note")

    def on_select_changed(self, event: Select.Changed) -> None:
        """The kind changed: it loses its mark."""
        self.clear_problem("kind")

    def clear_problem(self, field: str) -> None:
        """A refused field was changed: its mark and the reason beside it go."""
        self.query_one(f"#{field}").remove_class("field-refused")
        slot = self.query_one(f"#{field}-error", Static)
        slot.update("")
        slot.display = False
        self.query_one("#form-error", Static).update("")

    def show_problem(self, field: str, message: str) -> None:
        """Mark a refused field and say why beside it."""
        self.query_one(f"#{field}").add_class("field-refused")
        slot = self.query_one(f"#{field}-error", Static)
        slot.add_class("field-problem")
        slot.update(literal(f"✗ {message}"))
        slot.display = True

    def action_submit(self) -> None:
        """Check the form and save it; a refused field or a
        refused save keeps the dialog open."""
        try:
            appointment = self.collect()
        except InvalidInput as error:
            self.show_problem(self.checking, str(error))
            return
        try:
            saved = self.save(appointment)
        except RecoveryJournalError as error:
            self.query_one("#form-error", Static).update(literal(f"✗ Not saved: {error}"))
            return
        self.dismiss(saved)

    def collect(self) -> Appointment:
        """The form as a checked Appointment; `checking` names the field that failed."""
        self.checking = "at"
        at = model.parse_datetime(
            self.query_one("#at", Input).value, self.clock, "the appointment time", future=True
        )
        self.checking = "kind"
        kind = model.parse_appointment_kind(str(self.query_one("#kind", Select).value))
        self.checking = "provider"
        provider = model.check_provider(self.query_one("#provider", Input).value.strip()) or None
        self.checking = "note"
        note_text = self.query_one("#note", TextArea).text
        note = model.check_text(note_text, "the appointment note", model.NOTE_MAX_CHARS)
        appointment = Appointment(
            id="" if self.appointment is None else self.appointment.id,
            at=at,
            kind=kind,
            provider=provider,
            note=note or None,
        )
        self.checking = "at"
        return model.check_appointment(appointment)
