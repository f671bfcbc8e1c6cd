"""One questionnaire, one item at a time, then a summary to check before it is saved.

Asking: keys 0–3 answer, Backspace goes to the previous question, Enter keeps the answer
already given (after going back). After the last answer a summary shows every answer and
the total: Enter or ctrl+s saves, Escape goes back to change an answer. Nothing is stored
before that. A PHQ-9 item 9 answer above 0 shows the safety message at once, in a dialog.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from recovery_journal import assessments
from recovery_journal.errors import RecoveryJournalError
from recovery_journal.tui.dialogs.confirm import ChoiceModal
from recovery_journal.tui.screens.base import JournalScreen


class QuestionnaireScreen(JournalScreen):
    """Asks each item with its four answers; shows a summary; saves on Enter."""

    CSS_PATH = "questionnaire.tcss"

    BINDINGS = [
        # The answers are listed with their numbers on the screen; the key line keeps
        # room for the keys that move and leave.
        *(
            Binding(str(n), f"answer({n})", label, show=False)
            for n, label in assessments.RESPONSE_OPTIONS
        ),
        Binding("enter", "keep", "Keep answer"),
        Binding("backspace", "back_one", "Previous"),
        Binding("ctrl+s", "save_now", "Save", priority=True),
        Binding("enter", "save_now", "Save", show=False),
        Binding("escape", "escape", "Back"),
    ]

    def __init__(self, instrument: str) -> None:
        super().__init__()
        self.form = assessments.questionnaire(instrument)
        self.answers: list[int | None] = [None] * len(self.form.items)
        self.position = 0  # the question shown while asking
        self.stage = "asking"  # then "review", then "saved"
        self.safety_shown = False

    @property
    def saved(self) -> bool:
        """Whether the questionnaire is stored."""
        return self.stage == "saved"

    def compose_body(self) -> ComposeResult:
        """The title, recall period, item, options, summary and
        result; each stage shows its own."""
        with VerticalScroll(id="questionnaire", classes="panel"):
            yield Static(f"[b]{self.form.title}[/b]", id="form-title")
            yield Static(self.form.recall, id="recall", markup=False)
            yield Static("", id="item", markup=False)
            yield Static("", id="options", markup=False)
            yield Static("", id="summary")
            yield Static("", id="result", markup=False)
            yield Static(self.form.attribution, id="attribution", classes="intro", markup=False)

    def on_mount(self) -> None:
        """Show the first question."""
        self.show_stage()

    # ------------------------------------------------------------ what is shown

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each stage offers its own keys: answers while asking, Save in the summary."""
        if super().check_action(action, parameters) is False:
            return False
        if action == "answer":
            return self.stage == "asking"
        if action == "keep":
            return self.stage == "asking" and self.answers[self.position] is not None
        if action == "back_one":
            return self.stage == "asking" and self.position > 0
        if action == "save_now":
            return self.stage == "review"
        return True

    def show_stage(self) -> None:
        """Show what belongs to the stage (asking, review, saved)
        and offer its keys."""
        asking = self.stage == "asking"
        for name in ("#recall", "#item", "#options"):
            self.query_one(name).display = asking
        self.query_one("#summary").display = self.stage == "review"
        self.query_one("#result").display = self.stage == "saved"
        self.query_one("#attribution").display = self.stage != "review"
        if asking:
            self.show_item()
        elif self.stage == "review":
            self.show_summary()
        self.refresh_bindings()

    def show_item(self) -> None:
        """The current question and its answers, the one given marked."""
        number = self.position + 1
        given = self.answers[self.position]
        self.query_one("#item", Static).update(
            Text.assemble(
                f"\nQuestion {number} of {len(self.form.items)}\n",
                (self.form.items[self.position], "bold"),
                "\n",
            )
        )
        lines = []
        for value, label in self.form.options:
            mark = "▸" if value == given else " "
            lines.append(f"{mark} {value}  {label}" + ("   (your answer)" if mark != " " else ""))
        if given is not None:
            lines.append("\nEnter keeps your answer; a number changes it.")
        self.query_one("#options", Static).update("\n".join(lines))

    def show_summary(self) -> None:
        """Every answer, the total and its band (and the safety line
        when due), to check before saving."""
        answers = self.complete_answers()
        total, band = assessments.score(self.form.key, answers)
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(no_wrap=True)
        for number, (item, value) in enumerate(zip(self.form.items, answers, strict=True), 1):
            flagged = number == self.form.safety_item and value > 0
            answer = Text(f"{value} {dict(self.form.options)[value]}")
            if flagged:
                answer = Text.assemble(("(!) ", "bold"), answer)
            table.add_row(f"{number}.", Text(item), answer)
        maximum = self.form.max_total
        parts: list[Text | str | Table] = [
            Text("Your answers — check them before saving\n", style="bold"),
            table,
            Text.assemble("\n", (f"Total: {total} of {maximum} — {band}", "bold")),
        ]
        if assessments.shows_safety_message(self.form.key, answers):
            parts.append(Text(assessments.safety_summary_line(self.crisis_country())))
        parts.append(
            Text.assemble(
                "\n",
                ("Enter", "bold"),
                " (or ctrl+s) saves it · ",
                ("Escape", "bold"),
                " goes back to change an answer",
            )
        )
        from rich.console import Group

        self.query_one("#summary", Static).update(Group(*parts))

    def complete_answers(self) -> list[int]:
        """The answers, once every question has one."""
        answers = [a for a in self.answers if a is not None]
        assert len(answers) == len(self.answers)
        return answers

    # ------------------------------------------------------------ keys

    def action_answer(self, value: int) -> None:
        """A number key: answer the question, then the next one."""
        if self.stage != "asking":
            return
        self.answers[self.position] = value
        self.advance()

    def action_keep(self) -> None:
        """Enter: keep the answer given, then the next question."""
        if self.stage == "asking" and self.answers[self.position] is not None:
            self.advance()

    def advance(self) -> None:
        """The next question; after the last (or once every question has an answer) the
        summary, with the safety message first when item 9 is above 0."""
        if None in self.answers:
            if self.position + 1 < len(self.answers):
                self.position += 1
            else:
                self.position = self.answers.index(None)
            self.show_stage()
            return
        self.stage = "review"
        self.show_stage()
        answers = self.complete_answers()
        if assessments.shows_safety_message(self.form.key, answers) and not self.safety_shown:
            self.safety_shown = True
            self.show_safety_message(answers)

    def show_safety_message(self, answers: list[int]) -> None:
        """The safety dialog, with the score (not saved yet)
        and the crisis line."""
        from recovery_journal.tui.dialogs.safety import SafetyModal

        total, band = assessments.score(self.form.key, answers)
        maximum = self.form.max_total
        self.app.push_screen(
            SafetyModal(
                f"{self.form.label} score: {total} of {maximum} — {band} (not saved yet)",
                self.crisis_country(),
            )
        )

    def crisis_country(self) -> str | None:
        """The patient's country for the crisis line: the setting beside the journal, the
        environment or the locale (crisis_lines.resolve)."""
        from recovery_journal.crisis_lines import resolve

        return resolve(getattr(self.app, "settings_file", None))

    def action_back_one(self) -> None:
        """Backspace: the previous question."""
        if self.stage == "asking" and self.position > 0:
            self.position -= 1
            self.show_stage()

    def action_escape(self) -> None:
        """Asking: leave (asking first when answers were given). Summary: back to the last
        question, answers kept. Saved: back to Check-ins."""
        if self.stage == "review":
            self.stage = "asking"
            self.position = len(self.answers) - 1
            self.show_stage()
            return
        self.journal_app.leave_current(self.app.pop_screen)

    def action_save_now(self) -> None:
        """Enter or ctrl+s in the summary: save."""
        if self.stage == "review":
            self.save()

    # ------------------------------------------------------------ saving and leaving

    def save(self) -> bool:
        """Store the questionnaire (only from the summary); False when it cannot be."""
        if self.stage != "review":
            return False
        try:
            assessment = assessments.new_assessment(
                self.form.key, self.clock.today(), self.complete_answers()
            )
            self.journal.add_assessment(assessment)
        except RecoveryJournalError as error:
            self.show_error(error)
            return False
        self.stage = "saved"
        lines = assessments.result_lines(assessment, self.journal.assessments())
        if assessments.item9_positive(assessment):
            lines.append(assessments.safety_summary_line(self.crisis_country()))
        # Said here, in the panel, not in a toast that would cover it.
        self.query_one("#result", Static).update(
            "\nSaved.\n\n" + "\n".join(lines) + "\n\nEscape goes back to Check-ins."
        )
        self.show_stage()
        return True

    def has_unsaved_changes(self) -> bool:
        """Whether answers were given and not saved yet."""
        return self.stage != "saved" and any(a is not None for a in self.answers)

    def leave_question(self) -> ChoiceModal:
        """What leaving asks: a half-finished questionnaire cannot be saved, so it offers
        to keep answering or to discard; a reviewed one can also be saved."""
        if self.stage == "review":
            return ChoiceModal(
                f"Your {self.form.label} answers are not saved yet.",
                [("save", "Save them"), ("discard", "Discard them"), ("keep", "Keep reviewing")],
                focus="keep",
            )
        return ChoiceModal(
            f"This {self.form.label} is not finished, and nothing is saved yet.",
            [("keep", "Keep answering"), ("discard", "Discard it")],
        )

    def discard(self) -> None:
        """Forget every answer."""
        self.answers = [None] * len(self.form.items)
