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
        """Add a row whose string cells show as written (one line each when
        `height` is 1)."""
        plain = [
            Text(visible(cell), end="", no_wrap=height == 1) if isinstance(cell, str) else cell
            for cell in cells
        ]
        return super().add_row(*plain, height=height, key=key, label=label)


def clip_words(text: str, width: int) -> str:
    """`text` on one line in at most `width` characters, cut between words with `…` (a word
    longer than the whole width is cut, with the `…`)."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    if width <= 1:
        return "…"[:width]
    cut = flat[: width - 1]
    if flat[width - 1] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:·") + "…"


def columns_that_fit(
    width: int, columns: list[tuple[str, int]], optional: frozenset[str] = frozenset()
) -> list[tuple[str, int]]:
    """The columns (name, width) a table of `width` cells shows whole: every required one,
    then the optional ones from the left while they fit (each column pads 1 cell each side;
    2 cells go to the margins and 1 to the scroll bar)."""
    room = width - 3 - sum(w + 2 for name, w in columns if name not in optional)
    shown = []
    for name, cell_width in columns:
        if name in optional:
            if cell_width + 2 > room:
                continue
            room -= cell_width + 2
        shown.append((name, cell_width))
    return shown
