"""Overview: the first screen of a review, made for the therapist (issue 14, item 1).

At its top every PHQ-9 item-9 answer above 0 in the file; then the file (whose, range,
redaction, export time); then since the last session. The words come from the
textual-free `recovery_journal.overview`.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from recovery_journal.tui.screens.base import JournalScreen
from recovery_journal.tui.widgets.text import visible


def section(title: str, lines: list[str], style: str = "bold") -> Text:
    """A heading and its lines, shown exactly as written (labels come from files)."""
    text = Text(visible(title), style=style, end="")
    for line in lines:
        text.append("\n")
        text.append(visible(line), style="bold" if line.startswith("(!)") else "")
    return text


def section_lines(lines: list[str]) -> Text:
    """Lines without a heading (the box's title is its heading)."""
    return Text("\n").join(Text(visible(line), end="") for line in lines)


class OverviewScreen(JournalScreen):
    """What the therapist needs first, on one screen."""

    DEFAULT_CSS = """
    OverviewScreen #overview { padding: 0 1; }
    OverviewScreen .block { margin: 0 0 1 0; }
    OverviewScreen #overview-flags {
        border: heavy $error;
        border-title-style: bold;
        border-title-color: $text;
        padding: 0 1;
    }
    """

    def compose_body(self) -> ComposeResult:
        """Three blocks: the item-9 answers, the file, and since the
        last session."""
        with VerticalScroll(id="overview"):
            yield Static("", id="overview-flags", classes="block", markup=False)
            yield Static("", id="overview-file", classes="block", markup=False)
            yield Static("", id="overview-since", classes="block", markup=False)

    def on_mount(self) -> None:
        """Fill the blocks and give the page the keys."""
        self.reload()
        self.query_one("#overview").focus()

    def reload(self) -> None:
        """Build the overview as of today (in a review, the file's last day);
        the item-9 block shows only when there is an answer above 0."""
        from recovery_journal.overview import (
            ITEM9_TITLE,
            build_overview,
            file_lines,
            flag_lines,
            since_lines,
        )
        from recovery_journal.review_file import ExportInfo

        journal = self.journal
        info = journal.export_info or ExportInfo(
            name=self.journal_app.review_of.name if self.journal_app.review_of else "journal",
            label=None,
            exported_at=None,
            since=None,
            until=None,
            redaction="none",
        )
        overview = build_overview(
            info,
            journal.days(),
            journal.sessions(),
            journal.assessments(),
            self.clock.today(),
            journal.data_range(),
            journal.treatment_context,
        )
        flags = self.query_one("#overview-flags", Static)
        found = flag_lines(overview)
        flags.display = bool(found)
        if found:
            flags.border_title = ITEM9_TITLE
            flags.update(section_lines(found))
        self.query_one("#overview-file", Static).update(section("This file", file_lines(overview)))
        self.query_one("#overview-since", Static).update(
            section("Since the last session", since_lines(overview))
        )
