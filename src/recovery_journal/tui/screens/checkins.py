"""Check-ins: take PHQ-9 or GAD-7, see past scores, delete one taken by mistake; the
safety message of PRODUCT.md §6."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from recovery_journal import assessments
from recovery_journal.errors import RecoveryJournalError
from recovery_journal.model import Assessment
from recovery_journal.service.charts import ChartJob
from recovery_journal.tui.screens.base import JournalScreen
from recovery_journal.tui.widgets.literal_table import LiteralTable
from recovery_journal.tui.widgets.text import visible


def _listed(words: list[str], last: str) -> str:
    """`a and b`, `a, b and c` (or `or`)."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


FORMS = assessments.QUESTIONNAIRES.values()
REVIEW_INTRO = (
    f"The patient's {_listed([f'{f.label} ({f.about})' for f in FORMS], 'and')} scores, "
    "newest first; c shows them as a chart with the severity bands."
)
INTRO = (
    f"{_listed([f'[b]{f.label}[/b] ({f.about})' for f in FORMS], 'and')} are short "
    "questionnaires clinics use to follow treatment. "
    + assessments.WHEN_TO_TAKE
    + f"\nPress {_listed([f'[b]{f.shortcut}[/b] for {f.label}' for f in FORMS], 'or')}; "
    "[b]c[/b] shows your scores as a chart with the severity bands; [b]d[/b] deletes the "
    "selected one."
)
# c: the table of scores, then each questionnaire's chart in turn, then the table again.
VIEWS = ("table", *assessments.QUESTIONNAIRES)
REVIEW_REMINDER = "Some PHQ-9 answers to item 9 were above 0. Nobody monitors this journal."


class CheckinsScreen(JournalScreen):
    """Past scores, newest first; p takes a PHQ-9, g a GAD-7, d deletes the selected one."""

    CSS_PATH = "checkins.tcss"

    BINDINGS = [
        *(Binding(f.shortcut, f"take('{f.key}')", f"Take {f.label}") for f in FORMS),
        Binding("c", "switch_view", "Chart"),
        Binding("d", "delete", "Delete"),
    ]

    class ChartDrawn(Message):
        """A worker finished drawing the scores chart."""

        def __init__(self, text: str, instrument: str) -> None:
            super().__init__()
            self.text = text
            self.instrument = instrument

    def __init__(self) -> None:
        super().__init__()
        self.view = "table"  # or an instrument: its chart with bands
        self.by_id: dict[str, Assessment] = {}

    def compose_body(self) -> ComposeResult:
        """The intro, the safety reminder, the summary, then the table
        of scores and the chart that takes its place."""
        with VerticalScroll(id="checkins"):
            yield Static(
                REVIEW_INTRO  # the therapist's review: no keys that write, words about them
                if self.reviewing
                else INTRO,
                classes="intro",
            )
            yield Static("", id="safety-reminder", classes="safety", markup=False)
            yield Static("", id="scores-summary", classes="intro", markup=False)
            yield LiteralTable(id="scores-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="scores-chart", markup=False)

    def on_mount(self) -> None:
        """Set the table's columns and fill it."""
        table = self.query_one(DataTable)
        table.add_columns("Date", "Questionnaire", "Score", "Band", "Item 9", "Change from first")
        self.reload()

    def on_screen_resume(self) -> None:
        """Back from a questionnaire: the scores again, a new one included."""
        self.reload()

    def reload(self) -> None:
        """The scores, newest first, with the item-9 reminder when any answer
        was above 0, and the summary line."""
        scored = assessments.with_change_from_first(self.journal.assessments())
        self.by_id = {item.assessment.id: item.assessment for item in scored}
        table = self.query_one(DataTable)
        chosen = self.selected()  # the cursor stays on its row after a dialog
        table.clear()
        for item in reversed(scored):
            a = item.assessment
            change = (
                "first score" if item.change is None else assessments.describe_change(item.change)
            )
            if item.meaningful:
                change += " · meaningful"
            safety_item = assessments.questionnaire(a.instrument).safety_item
            if safety_item is None:
                item9 = ""
            else:
                item9 = f"(!) {a.answers[safety_item - 1]}" if item.item9_positive else "0"
            table.add_row(
                f"{a.date:%d %b %Y}",
                assessments.INSTRUMENT_LABELS[a.instrument],
                f"{a.total} of {assessments.MAX_TOTAL[a.instrument]}",
                a.severity,
                item9,
                change,
                key=a.id,
            )
        if chosen is not None and chosen.id in self.by_id:
            table.move_cursor(row=table.get_row_index(chosen.id))
        reminder = self.query_one("#safety-reminder", Static)
        flagged = [item.assessment.date for item in scored if item.item9_positive]
        if flagged:
            dates = ", ".join(f"{day:%d %b %Y}" for day in flagged)
            if self.reviewing:
                words = REVIEW_REMINDER
            else:
                from recovery_journal.crisis_lines import resolve

                country = resolve(getattr(self.app, "settings_file", None))
                words = assessments.safety_reminder(country)
            reminder.update(f"{words} (PHQ-9 of {dates})")
            reminder.display = True
        else:
            reminder.display = False
        summary = (
            ("No questionnaires in this file." if self.reviewing else "No questionnaires yet.")
            if not scored
            else " · ".join(s.sentence() for s in assessments.summarize(self.journal.assessments()))
        )
        if self.reviewing:
            from recovery_journal.overview import about_the_patient

            summary = about_the_patient(summary)
        self.query_one("#scores-summary", Static).update(summary)
        self.show_view()

    def action_switch_view(self) -> None:
        """c: the table of scores → the PHQ-9 chart → the GAD-7 chart → the table."""
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self.show_view()

    def show_view(self) -> None:
        """Show the table, or draw the chosen questionnaire's chart."""
        table = self.query_one(DataTable)
        chart = self.query_one("#scores-chart", Static)
        table.display = self.view == "table"
        chart.display = self.view != "table"
        if self.view == "table":
            table.focus()  # ↑ ↓ choose the row that d deletes
        if self.view != "table":
            from recovery_journal.service.charts import chart_job

            chart.update("Drawing…")
            self.draw_chart(chart_job(self.journal, self.view, None, None), self.view)

    @work(thread=True, exclusive=True, group="scores-chart")
    def draw_chart(self, job: ChartJob, instrument: str) -> None:
        """The scores over time with their severity bands (plotext, off the event loop)."""
        width = max(self.size.width - 4, 40)
        height = max(self.size.height - 14, 12)
        try:
            text = job.text(width, height, color=True)
        except Exception as error:  # a chart that cannot be drawn must not close the app
            text = visible(
                f"This chart could not be drawn ({error}). Your scores are not affected."
            )
        self.post_message(self.ChartDrawn(text, instrument))

    def on_checkins_screen_chart_drawn(self, message: ChartDrawn) -> None:
        """Show a drawn chart, if its questionnaire is
        still the one shown."""
        if message.instrument == self.view:
            self.query_one("#scores-chart", Static).update(Text.from_ansi(message.text))

    def action_take(self, instrument: str) -> None:
        """p or g: take that questionnaire (not in a read-only journal)."""
        if self.read_only:
            self.notify("This journal is open read-only.", severity="warning")
            return
        from recovery_journal.tui.screens.questionnaire import QuestionnaireScreen

        self.app.push_screen(QuestionnaireScreen(instrument))

    def selected(self) -> Assessment | None:
        """The questionnaire under the table's cursor (None: no rows, or the chart shown)."""
        table = self.query_one(DataTable)
        if not table.row_count or self.view != "table":
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.by_id.get(str(key))

    def action_delete(self) -> None:
        """d: delete the selected questionnaire, after a question whose default keeps it."""
        chosen = self.selected()
        if chosen is None or self.read_only:
            return
        from recovery_journal.tui.dialogs.confirm import confirm

        label = assessments.INSTRUMENT_LABELS[chosen.instrument]
        what = f"the {label} of {chosen.date:%d %b %Y} (total {chosen.total})"

        def answered(choice: str | None) -> None:
            if choice != "yes":
                return
            try:
                self.journal.delete_assessment(chosen.id)
            except RecoveryJournalError as error:
                self.show_error(error, title="Not deleted")
                return
            self.notify(f"Deleted {what}.", title="Deleted")
            self.reload()

        self.app.push_screen(
            confirm(
                f"Delete {what}? This cannot be undone.",
                yes="Delete it",
                no="Keep it",
                safe=True,
            ),
            answered,
        )
