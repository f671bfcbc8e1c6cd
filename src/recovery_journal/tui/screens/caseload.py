"""Caseload: one row per export file, flags first (issue 14, item 8). Enter opens a file's
review on its Overview; Escape there comes back here."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from recovery_journal.tui.screens.base import JournalScreen
from recovery_journal.tui.widgets.literal_table import LiteralTable
from recovery_journal.tui.widgets.text import literal

if TYPE_CHECKING:
    from recovery_journal.caseload import CaseloadFile
    from recovery_journal.tui.contracts import CaseloadHost

TITLE_WIDTH = 16  # characters of a label in the table (the detail line has it whole)


class CaseloadScreen(JournalScreen):
    """The table of files; the highlighted one's details below it."""

    DEFAULT_CSS = """
    CaseloadScreen #caseload-table { height: auto; max-height: 70%; }
    CaseloadScreen #caseload-detail { padding: 1 1 0 1; }
    """

    BINDINGS = [Binding("o", "open", "Open")]  # and Enter, on the table

    def compose_body(self) -> ComposeResult:
        """A summary line, the table of files, then the highlighted
        file's details."""
        yield Static("", id="caseload-intro", classes="intro", markup=False)
        yield LiteralTable(id="caseload-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="caseload-detail", markup=False)

    @property
    def caseload_app(self) -> CaseloadHost:
        """The app, as what this screen may ask of it (`CaseloadHost`)."""
        return cast("CaseloadHost", self.app)

    def on_mount(self) -> None:
        """One row per file in `caseload.ordered` order, and a line
        counting the flagged and unreadable ones."""
        from recovery_journal.caseload import ordered

        rows = ordered([file.row for file in self.caseload_app.caseload])
        by_path = {id(file.row): file for file in self.caseload_app.caseload}
        self.files: list[CaseloadFile] = [by_path[id(row)] for row in rows]
        table = self.query_one(DataTable)
        table.add_columns("", "Patient", "Last session", "Mood 14 d / 14 before", "PHQ-9")
        for index, file in enumerate(self.files):
            flag, title, session, mood, phq9, _ends = file.row.cells()
            short = title if len(title) <= TITLE_WIDTH else title[: TITLE_WIDTH - 1] + "…"
            table.add_row(flag, short, session, mood, phq9, key=str(index))
        flagged = sum(1 for file in self.files if file.row.flagged)
        unread = sum(1 for file in self.files if file.row.error)
        parts = [f"{len(self.files)} files" if len(self.files) != 1 else "1 file"]
        if flagged:
            parts.append(f"(!) {flagged} with an item-9 answer above 0 in the last 30 days")
        if unread:
            parts.append(f"{unread} could not be read")
        self.query_one("#caseload-intro", Static).update(
            literal(
                " · ".join(parts) + ". Enter opens a file's review; Escape comes back here. "
                "Days are counted to each file's last day."
            )
        )
        table.focus()
        self.show_detail(0)

    def on_screen_resume(self) -> None:
        """Back from a file's review: the keys to the table again."""
        self.query_one(DataTable).focus()

    def selected(self) -> int:
        """The row under the cursor."""
        return self.query_one(DataTable).cursor_row

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the details of the highlighted file."""
        self.show_detail(event.cursor_row)

    def show_detail(self, index: int) -> None:
        """The highlighted file: its name, range, redaction, or why it could not be read."""
        from recovery_journal.review_file import range_text

        if not 0 <= index < len(self.files):
            return
        file = self.files[index]
        row = file.row
        if row.error is not None:
            text = f"{row.path.name} could not be read: {row.error}"
        else:
            assert file.journal is not None
            info = file.journal.export_info
            parts = [f"{row.title}" + (f" ({row.path.name})" if row.title != row.path.name else "")]
            if info is not None:
                found = file.journal.data_range()
                since = info.since or (found[0] if found else None)
                parts.append(range_text(since, info.until or row.ends))
                if info.redaction_words:
                    parts.append(info.redaction_words)
                if info.exported_at is not None:
                    parts.append(f"exported {info.exported_at:%d %b %Y %H:%M}")
            text = " · ".join(parts)
        self.query_one("#caseload-detail", Static).update(literal(text))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row: open that file's review."""
        event.stop()
        self.open_index(event.cursor_row)

    def action_open(self) -> None:
        """o: open the review of the file under the cursor."""
        self.open_index(self.selected())

    def open_index(self, index: int) -> None:
        """Open one file's review; a file that could not be read only
        says why."""
        if not 0 <= index < len(self.files):
            return
        file = self.files[index]
        if file.journal is None:
            self.notify(
                f"{file.row.path.name} could not be read: {file.row.error}",
                title="Not opened",
                severity="warning",
            )
            return
        self.caseload_app.open_file(file)
