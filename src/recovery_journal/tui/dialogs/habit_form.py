"""Add or edit a habit in a small dialog; returns a validated Habit or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from recovery_journal import model
from recovery_journal.errors import InvalidInput
from recovery_journal.model import Habit
from recovery_journal.tui.widgets.editors import PlainInput
from recovery_journal.tui.widgets.text import literal


class HabitFormModal(ModalScreen[Habit | None]):
    """New habit: key, label, kind, target. Existing habit: label and target only."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, habit: Habit | None, taken: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.habit = habit
        self.taken = taken  # keys the journal has already
        self.checking = "label"  # the field collect() was checking when it refused one

    def compose(self) -> ComposeResult:
        """Label; for a new habit also key and kind; then the daily target."""
        h = self.habit
        with Vertical(id="dialog"):
            yield Label(literal("New habit" if h is None else f"Edit {h.label}"), id="question")
            with Horizontal(classes="row"):
                yield Label("Label", classes="field-label")
                yield PlainInput(h.label if h else "", id="label", placeholder="e.g. Hydration")
            if h is None:
                with Horizontal(classes="row"):
                    yield Label("Key", classes="field-label")
                    yield Input(id="key", placeholder="e.g. hydration (a-z, 0-9, _)")
                with Horizontal(classes="row"):
                    yield Label("Kind", classes="field-label")
                    yield Select(
                        [
                            ("minutes", "minutes"),
                            ("count", "count"),
                            ("yes / no", "done"),
                            ("avoided (yes / no)", "avoided"),
                        ],
                        value="done",
                        allow_blank=False,
                        id="kind",
                    )
            with Horizontal(classes="row"):
                yield Label("Daily target", classes="field-label")
                target = "" if h is None or h.target is None else str(model.plain_number(h.target))
                yield Input(target, id="target", placeholder="optional, for minutes or count")
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        """The keys go to the label."""
        self.query_one("#label", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Cancel closes with None; Save submits."""
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
            return
        self.submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field: submit."""
        event.stop()
        self.submit()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A refused field was changed: its mark and the reason go."""
        if event.input.has_class("field-refused"):
            event.input.remove_class("field-refused")
            self.query_one("#form-error", Static).update("")

    def submit(self) -> None:
        """Close with the checked habit, or say what was refused and mark
        that field."""
        self.checking = "label"
        try:
            habit = self.collect()
        except InvalidInput as error:
            self.query_one("#form-error", Static).update(literal(f"✗ {error}"))
            refused = self.query(f"#{self.checking}")
            if refused and isinstance(refused.first(), Input):
                refused.first().add_class("field-refused")
            return
        self.dismiss(habit)

    def collect(self) -> Habit:
        """The form as a Habit; `checking` names the field being checked when one fails."""
        self.checking = "label"
        label = model.check_label(self.query_one("#label", Input).value)
        target_text = self.query_one("#target", Input).value.strip()
        if self.habit is not None:
            self.checking = "target"
            target = model.parse_target(self.habit.kind, target_text) if target_text else None
            return Habit(self.habit.key, label, self.habit.kind, target)
        self.checking = "key"
        key = model.check_habit_key(self.query_one("#key", Input).value.strip())
        if key in self.taken:
            raise InvalidInput(f"a habit {key!r} exists already; choose another key")
        self.checking = "kind"
        kind = model.check_habit_kind(str(self.query_one("#kind", Select).value))
        self.checking = "target"
        target = model.parse_target(kind, target_text) if target_text else None
        return Habit(key, label, kind, target)
