"""ctrl+t "Prompts" on Today: choose one of the integration prompts; returns it (or None)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList

from recovery_journal.prompts import PROMPTS


class PromptChoiceModal(ModalScreen[str | None]):
    """The prompts as a list: Enter adds the one chosen to the note, Escape adds nothing."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def compose(self) -> ComposeResult:
        """The question, the list of prompts and the keys."""
        with Vertical(id="dialog"):
            yield Label("A question for your note, if you like", id="question", markup=False)
            yield OptionList(*PROMPTS, id="prompt-list", markup=False)
            yield Label(
                "Enter adds it at the end of the note · Escape goes back",
                classes="dialog-hint",
                markup=False,
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a prompt: close with it."""
        event.stop()
        self.dismiss(PROMPTS[event.option_index])
