"""Insights: the response curve, window adherence and associations, in words and numbers."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from recovery_journal.tui.screens.base import JournalScreen, count
from recovery_journal.tui.widgets.text import literal


class InsightsScreen(JournalScreen):
    """The same analysis as `recovery-journal insights`, for the whole journal."""

    CSS_PATH = "insights.tcss"

    BINDINGS = [
        Binding("plus,equals_sign", "window(1)", "Window +1 day"),
        Binding("minus", "window(-1)", "Window −1 day"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.window_days = 3
        self.lines: list[str] = []

    def compose_body(self) -> ComposeResult:
        """One scrolling text."""
        with VerticalScroll(id="insights"):
            yield Static("", id="insights-text", markup=False)

    def on_mount(self) -> None:
        """Compute the insights and give the text the keys."""
        self.refresh_text()
        self.query_one("#insights").focus()

    def on_screen_resume(self) -> None:
        """Back on Insights: compute again, from the journal as it
        is now."""
        self.refresh_text()

    def action_window(self, step: int) -> None:
        """+ or −: a longer or shorter integration window (1 to 14
        days)."""
        self.window_days = min(14, max(1, self.window_days + step))
        self.refresh_text()

    def refresh_text(self) -> None:
        """The insights of the whole journal for this window, the
        questionnaire lines and a note on the window."""
        from recovery_journal.insights import insights_lines
        from recovery_journal.service.analysis import insights_for

        # With today: the integration (therapy after the sessions, the prescriber gap), the
        # same as `insights` and the report count it.
        found = insights_for(self.journal, None, None, self.window_days, today=self.clock.today())
        lines = insights_lines(found.analysis)
        if found.assessments:
            lines += ["", *found.assessments]
        lines += [
            "",
            f"Integration window: {count(self.window_days, 'day')} (+ and − change it). "
            "These are associations in your own data, not proof of cause.",
        ]
        if self.reviewing:
            from recovery_journal.overview import about_the_patient

            lines = [about_the_patient(line) for line in lines]
        self.lines = lines
        self.show_text()

    def on_resize(self, event: events.Resize) -> None:
        """Wrap the text again at the new width."""
        if self.lines:
            self.show_text()

    def show_text(self) -> None:
        """Wrapped here, not by the widget, so that a wrapped line is indented under the
        line it continues."""
        from recovery_journal.insights import wrap_lines

        width = self.size.width - 6  # the padding on both sides and the scroll bar
        self.query_one("#insights-text", Static).update(literal(wrap_lines(self.lines, width)))
