"""Every export format in one registry: its name (`export --format NAME`), its label on
the app's Export screen, the suffix of the file name the app suggests, and the function
that renders it from `ReportData`.

Adding a format is its own module (a function `ReportData -> str | bytes`) plus one
`ExportFormat(...)` line in `FORMATS`. Standard library only: the CLI lists the names
from here before anything is rendered; a format's module is imported when it renders.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recovery_journal.errors import InvalidInput

if TYPE_CHECKING:
    from recovery_journal.report.data import ReportData


@dataclass(frozen=True)
class ExportFormat:
    """One format. `render` and `zipped` name a function as "module:function", imported
    when it renders; `zipped`, when set, renders a path ending in `.zip`."""

    name: str
    label: str
    suffix: str
    render: str
    zipped: str | None = None

    def renderer(self, zipped: bool = False) -> Callable[[ReportData], str | bytes]:
        """The function that renders this format (the zip's, when asked and there is one)."""
        module, function = ((self.zipped if zipped else None) or self.render).split(":")
        found: Callable[[ReportData], str | bytes] = getattr(
            importlib.import_module(module), function
        )
        return found


_HERE = "recovery_journal.report"
FORMATS = (
    ExportFormat(
        "html", "HTML report (to read or print)", ".html", f"{_HERE}.html_report:render_html"
    ),
    ExportFormat("md", "Markdown report", ".md", f"{_HERE}.markdown:render_markdown"),
    ExportFormat(
        "csv",
        "CSV tables (zip)",
        ".zip",
        f"{_HERE}.csv_export:days_csv",
        zipped=f"{_HERE}.csv_export:csv_zip",
    ),
    ExportFormat(
        "json",
        "JSON data file (can be opened in the app)",
        ".json",
        f"{_HERE}.json_export:render_json",
    ),
)


def names() -> tuple[str, ...]:
    """Every format's name, in the registry's order (`export --format` lists them)."""
    return tuple(fmt.name for fmt in FORMATS)


def get(name: str) -> ExportFormat:
    """The format of that name, or InvalidInput naming the ones there are."""
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise InvalidInput(f"--format {name!r} is not one of: {', '.join(names())}")
