"""One questionnaire, one item at a time: keys 0–3 answer, Backspace goes back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from recovery_journal import assessments
from recovery_journal.errors import RecoveryJournalError
from recovery_journal.tui.screens.base import JournalScreen


class QuestionnaireScreen(JournalScreen):
    """Asks each item with its four answers; saves when the last one is in."""

    CSS_PATH = "questionnaire.tcss"

    BINDINGS = [
        *(
            Binding(str(n), f"answer({n})", label, show=True)
            for n, label in assessments.RESPONSE_OPTIONS
        ),
        Binding("backspace", "back_one", "Previous"),
        Binding("escape", "leave", "Stop"),
    ]

    def __init__(self, instrument: str) -> None:
        super().__init__()
        self.form = assessments.questionnaire(instrument)
        self.answers: list[int] = []
        self.saved = False
        self.safety_shown = False

    def compose_body(self) -> ComposeResult:
        with Vertical(id="questionnaire", classes="panel"):
            yield Static(f"[b]{self.form.title}[/b]", id="form-title")
            yield Static(self.form.recall, id="recall")
            yield Static("", id="item")
            yield Static("", id="options")
            yield Static("", id="safety", classes="safety")
            yield Static("", id="result")
            yield Static(self.form.attribution, id="attribution", classes="intro")

    def on_mount(self) -> None:
        self.query_one("#safety", Static).display = False
        self.show_item()

    def show_item(self) -> None:
        number = len(self.answers) + 1
        total = len(self.form.items)
        if number > total:
            return
        self.query_one("#item", Static).update(
            f"\nQuestion {number} of {total}\n[b]{self.form.items[number - 1]}[/b]\n"
        )
        self.query_one("#options", Static).update(
            "\n".join(f"  {value}  {label}" for value, label in self.form.options)
        )

    def action_answer(self, value: int) -> None:
        if self.saved:
            return
        self.answers.append(value)
        if assessments.shows_safety_message(self.form.key, self.answers) and not self.safety_shown:
            self.safety_shown = True
            safety = self.query_one("#safety", Static)
            safety.update(assessments.SAFETY_MESSAGE)
            safety.display = True
        if len(self.answers) == len(self.form.items):
            self.finish()
        else:
            self.show_item()

    def action_back_one(self) -> None:
        if self.answers and not self.saved:
            self.answers.pop()
            self.show_item()

    def finish(self) -> None:
        try:
            assessment = assessments.new_assessment(self.form.key, self.clock.today(), self.answers)
            self.journal.add_assessment(assessment)
        except RecoveryJournalError as error:
            self.show_error(error)
            return
        self.saved = True
        lines = assessments.result_lines(assessment, self.journal.assessments())
        self.query_one("#item", Static).update("\n[b]Saved.[/b]")
        self.query_one("#options", Static).update("")
        self.query_one("#result", Static).update("\n".join(lines) + "\n\nEscape goes back.")
        self.notify(lines[0], title="Saved", timeout=4)

    def has_unsaved_changes(self) -> bool:
        return bool(self.answers) and not self.saved

    def save(self) -> bool:
        self.notify("Answer the remaining questions to save.", severity="warning")
        return False

    def discard(self) -> None:
        self.answers.clear()

    def action_leave(self) -> None:
        self.journal_app.leave_current(self.app.pop_screen)
