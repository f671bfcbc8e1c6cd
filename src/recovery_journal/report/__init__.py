"""Reports and data files for the therapist (PRODUCT.md §7). The CLI's `export` and the
app's Export screen reach them through `service.transfer`; the formats are listed once, in
`report.formats`.

    export(journal, "html", since=None, until=None, redact="none", output=Path("r.html"))

Nothing here imports textual or plotext: the charts are SVG (HTML) or text (Markdown) made
by hand.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_journal.report.data import REDACTIONS, ReportData
from recovery_journal.report.formats import get as get_format
from recovery_journal.report.loading import load

if TYPE_CHECKING:
    from recovery_journal.store import Journal

__all__ = ["REDACTIONS", "ReportData", "default_filename", "export", "load", "render"]


def render(data: ReportData, fmt: str, *, zipped: bool = False) -> str | bytes:
    """One format of loaded data (`report.formats`): text, or bytes (csv `zipped`: the zip)."""
    return get_format(fmt).renderer(zipped)(data)


def export(
    journal: Journal,
    fmt: str,
    since: date | None = None,
    until: date | None = None,
    redact: str = "none",
    output: Path | None = None,
    now: datetime | None = None,
    label: str | None = None,
    detail: str = "recent",
) -> str | bytes | Path:
    """Make a report or data file of one range of the journal.

    With `output`, the file is written there (0600, atomically) and its path returned; for
    `csv` a path ending in `.zip` gets days.csv, sessions.csv and assessments.csv, any other
    path the daily table. Without `output`, the text is returned (csv: the daily table).
    The journal's own files, its backups, any SQLite file and non-regular files are refused
    as `output` (report.output.check_target); an existing report file is replaced.
    The range defaults to the first…last date holding data; `SOURCE_DATE_EPOCH` fixes the
    generation time, else `now` (else the system clock) is used. `label` names the file in
    a therapist's caseload (JSON only). `detail="all"` gives every day and note of a long
    range (else daily rows and notes for its last 90 days only).
    """
    from recovery_journal.report.output import write_atomic

    data = load(journal, since, until, redact, now, detail)
    data.label = label
    content = render(data, fmt, zipped=output is not None and is_zip(output))
    if output is None:
        return content
    raw = content if isinstance(content, bytes) else content.encode("utf-8")
    return write_atomic(Path(output), raw, journal=journal.path)


def is_zip(output: Path) -> bool:
    """A path that asks for a format's zip (csv: the three tables)."""
    return Path(output).suffix.lower() == ".zip"


def default_filename(fmt: str, since: date | None, until: date | None, redact: str = "none") -> str:
    """A file name for the TUI's Export screen, e.g.
    `recovery-journal-2026-09-01-to-2026-11-27.html` (csv gives a `.zip`)."""
    span = f"-{since}-to-{until}" if since and until else ""
    tag = "" if redact == "none" else f"-redacted-{redact}"
    return f"recovery-journal{span}{tag}{get_format(fmt).suffix}"
