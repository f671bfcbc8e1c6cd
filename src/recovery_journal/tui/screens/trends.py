"""Trends: the charts of PRODUCT.md §5 over 30 days, 90 days, a year or everything.

The journal is read on the event loop's thread (its connection lives there); the chart is
drawn by plotext in a worker thread, which hands back a string; resizing redraws it.
"""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message
from textual.widgets import Static

from recovery_journal.service.charts import CHARTS, ChartJob
from recovery_journal.service.ranges import last_days
from recovery_journal.tui.screens.base import JournalScreen
from recovery_journal.tui.widgets.text import visible

RANGES = {
    "30d": ("30 days", 30),
    "90d": ("90 days", 90),
    "1y": ("1 year", 365),
    "all": ("all", None),
}


class TrendsScreen(JournalScreen):
    """1–4 choose the range; m, h, r, p, g choose the chart."""

    CSS_PATH = "trends.tcss"

    BINDINGS = [
        Binding("1", "range('30d')", "30 d"),
        Binding("2", "range('90d')", "90 d"),
        Binding("3", "range('1y')", "1 y"),
        Binding("4", "range('all')", "All"),
        *(Binding(c.key, f"chart('{c.name}')", c.label, show=False) for c in CHARTS),
    ]

    class ChartDrawn(Message):
        """A worker finished drawing a chart."""

        def __init__(self, text: str, key: tuple[str, str, int, int]) -> None:
            super().__init__()
            self.text = text
            self.key = key

    def __init__(self) -> None:
        super().__init__()
        self.range_key = "90d"
        self.chart = "mood"
        self.wanted: tuple[str, str, int, int] | None = None

    def compose_body(self) -> ComposeResult:
        """The range and chart choices, then the chart's box."""
        yield Static("", id="trends-choices", classes="intro")
        with Container(id="chart-box"):
            yield Static("Drawing…", id="chart", markup=False)

    def on_mount(self) -> None:
        """Open on `first_range` and draw."""
        self.range_key = self.first_range()
        self.redraw()

    def on_screen_resume(self) -> None:
        """Back on Trends: draw again, from the journal as it is now."""
        self.wanted = None  # the journal may have changed meanwhile
        self.redraw()

    def on_resize(self) -> None:
        """Draw again at the new size."""
        self.redraw()

    def action_range(self, key: str) -> None:
        """1-4: choose the range."""
        self.range_key = key
        self.redraw()

    def action_chart(self, name: str) -> None:
        """m, h, r, p, g: choose the chart."""
        self.chart = name
        self.redraw()

    def _choices(self) -> str:
        """The ranges and charts with their keys; the chosen ones marked ● (and reversed)."""

        def mark(chosen: bool, key: str, label: str) -> str:
            return f"[reverse]● {key} {label}[/reverse]" if chosen else f"  {key} {label}"

        ranges = " ".join(
            mark(key == self.range_key, str(n), label)
            for n, (key, (label, _)) in enumerate(RANGES.items(), start=1)
        )
        charts = " ".join(mark(c.name == self.chart, c.key, c.label) for c in CHARTS)
        return f"Range {ranges}\nChart {charts}"

    def first_range(self) -> str:
        """The range Trends opens on: 90 days, unless all the data is in fewer days or none
        of it is in the last 90 (then all of it)."""
        found = self.journal.data_range()
        if found is None:
            return "90d"
        first, last = found
        since = self.clock.today() - timedelta(days=RANGES["90d"][1] - 1)  # type: ignore[operator]
        return "all" if first >= since or last < since else "90d"

    def load(self) -> ChartJob:
        """The chosen chart's data, read here on the event loop (the journal's thread)."""
        from recovery_journal.service.charts import chart_job

        since, until = last_days(self.clock.today(), RANGES[self.range_key][1])
        return chart_job(self.journal, self.chart, since, until)

    def redraw(self) -> None:
        """Mark the choices and draw the chart, unless this very chart at this
        size is drawn (or drawing) already."""
        self.query_one("#trends-choices", Static).update(self._choices())
        box = self.query_one("#chart-box")
        if not box.size.width or not box.size.height:
            return  # not laid out yet: on_resize draws it
        width, height = max(box.size.width, 40), max(box.size.height, 10)
        key = (self.chart, self.range_key, width, height)
        if key == self.wanted:
            return
        self.wanted = key
        self.draw(self.load(), key)

    @work(thread=True, exclusive=True, group="chart")
    def draw(self, job: ChartJob, key: tuple[str, str, int, int]) -> None:
        """Draw the chart in a worker thread; a chart that fails says so in its
        box instead."""
        _, _, width, height = key
        try:
            text = job.text(width, height, color=True)
        except Exception as error:  # a chart that cannot be drawn must not close the app
            text = visible(
                f"This chart could not be drawn ({error}). "
                + (
                    "The file is not affected."
                    if self.reviewing
                    else "Your journal is not affected."
                )
            )
        self.post_message(self.ChartDrawn(text, key))

    def on_trends_screen_chart_drawn(self, message: ChartDrawn) -> None:
        """Show a drawn chart, if it is still the one
        wanted."""
        if message.key == self.wanted:
            self.query_one("#chart", Static).update(Text.from_ansi(message.text))
