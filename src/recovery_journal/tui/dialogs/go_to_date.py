"""ctrl+g "Go to date…": a date, `today`, `yesterday` or a weekday; returns the day."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from recovery_journal.tui.widgets.text import literal


class GoToDateModal(ModalScreen[date | None]):
    """One field; Enter opens the day, Escape closes without moving. A date that cannot be
    opened is marked, with the reason under the field, until it is changed."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        """The date field, a line for its error, and the keys."""
        with Vertical(id="dialog"):
            yield Label("Go to date", id="question")
            yield Input(
                id="go-to-date",
                placeholder="2026-11-28, today, yesterday or a weekday",
                max_length=40,
            )
            yield Static("", id="form-error", markup=False)
            yield Label(
                "Enter opens that day · Escape goes back", classes="dialog-hint", markup=False
            )

    def on_mount(self) -> None:
        """The keys go to the date field."""
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing again clears the mark and the reason."""
        event.input.remove_class("-invalid")
        self.query_one("#form-error", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: close with the day, or mark the field and say
        why it cannot be opened."""
        from recovery_journal.errors import InvalidInput
        from recovery_journal.model import parse_day_word

        event.stop()
        try:
            day = parse_day_word(event.value, self.today)
        except InvalidInput as error:
            event.input.add_class("-invalid")
            self.query_one("#form-error", Static).update(literal(str(error)))
            return
        self.dismiss(day)
