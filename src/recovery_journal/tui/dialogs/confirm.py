"""Modal questions that return the person's answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from recovery_journal.tui.widgets.text import literal


class ChoiceModal(ModalScreen[str]):
    """A question with a few buttons; dismisses with the chosen button's id (escape: cancel)."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [Binding("escape", "dismiss('cancel')", "Cancel")]

    def __init__(
        self, question: str, choices: list[tuple[str, str]], focus: str | None = None
    ) -> None:
        super().__init__()
        self.question = question
        self.choices = choices
        self.focus_on = focus  # the button that has focus first (default: the first)

    def on_mount(self) -> None:
        """The keys go to the button asked for (else to the first one)."""
        if self.focus_on:
            self.query_one(f"#{self.focus_on}", Button).focus()

    def compose(self) -> ComposeResult:
        """The question, then one button per choice (the first one primary)."""
        with Vertical(id="dialog"):
            yield Label(literal(self.question), id="question", markup=False)
            with Horizontal(id="buttons"):
                for choice_id, label in self.choices:
                    yield Button(
                        label,
                        id=choice_id,
                        variant="primary" if choice_id == self.choices[0][0] else "default",
                    )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close with the chosen button's id."""
        event.stop()
        self.dismiss(event.button.id or "cancel")


def confirm(question: str, yes: str = "Yes", no: str = "No", safe: bool = False) -> ChoiceModal:
    """A yes/no question: dismisses with 'yes' or 'cancel'. `safe`: focus starts on the no,
    for questions whose yes cannot be undone."""
    return ChoiceModal(question, [("yes", yes), ("cancel", no)], focus="cancel" if safe else None)
