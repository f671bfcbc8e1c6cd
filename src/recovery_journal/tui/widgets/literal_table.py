"""A DataTable for people's words: its string cells are never read as markup."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from recovery_journal.tui.widgets.text import visible


class LiteralTable(DataTable[Any]):
    """A DataTable whose string cells are shown as written (DataTable reads them as markup).

    Its cells are Rich Text, so `str(cell)` is the text as stored (with visible controls).
    """

    def add_row(
        self, *cells: Any, height: int | None = 1, key: str | None = None, label: Any = None
    ) -> RowKey:
        plain = [
            Text(visible(cell), end="", no_wrap=height == 1) if isinstance(cell, str) else cell
            for cell in cells
        ]
        return super().add_row(*plain, height=height, key=key, label=label)
