"""Reports and data files for the therapist (PRODUCT.md §7): one entry point for the CLI's
`export` and the TUI's Export screen.

    export(journal, "html", since=None, until=None, redact="none", output=Path("r.html"))

Nothing here imports textual or plotext: the charts are SVG (HTML) or text (Markdown) made
by hand.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_journal.report.data import FORMATS, REDACTIONS, ReportData, load

if TYPE_CHECKING:
    from recovery_journal.store import Journal

SUFFIXES = {"html": ".html", "md": ".md", "csv": ".zip", "json": ".json"}

__all__ = ["FORMATS", "REDACTIONS", "ReportData", "default_filename", "export", "load", "render"]


def render(data: ReportData, fmt: str, *, csv_zip: bool = False) -> str | bytes:
    """One format of loaded data: text, or the zip's bytes for `csv` with `csv_zip`."""
    from recovery_journal.report.data import check_format

    check_format(fmt)
    if fmt == "json":
        from recovery_journal.report.json_export import render_json

        return render_json(data)
    if fmt == "csv":
        from recovery_journal.report import csv_export

        return csv_export.csv_zip(data) if csv_zip else csv_export.days_csv(data)
    if fmt == "md":
        from recovery_journal.report.markdown import render_markdown

        return render_markdown(data)
    from recovery_journal.report.html_report import render_html

    return render_html(data)


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
    seal: str | None = None,
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
    range (else daily rows and notes for its last 90 days only). `seal` (a passphrase,
    json or html with `output` only) writes the file sealed (`sealed.seal`).
    """
    from recovery_journal.report.output import write_atomic

    if seal is not None and output is None:
        from recovery_journal.errors import InvalidInput

        raise InvalidInput("a sealed export is written to a file: give -o FILE.rjx")
    data = load(journal, since, until, redact, now, detail)
    data.label = label
    as_zip = fmt == "csv" and output is not None and Path(output).suffix.lower() == ".zip"
    content = render(data, fmt, csv_zip=as_zip)
    if output is None:
        return content
    raw = content if isinstance(content, bytes) else content.encode("utf-8")
    if seal is not None:
        from recovery_journal.sealed import seal as seal_bytes

        raw = seal_bytes(raw, seal, fmt)
    return write_atomic(Path(output), raw, journal=journal.path)


def default_filename(fmt: str, since: date | None, until: date | None, redact: str = "none") -> str:
    """A file name for the TUI's Export screen, e.g.
    `recovery-journal-2026-09-01-to-2026-11-27.html` (csv gives a `.zip`)."""
    span = f"-{since}-to-{until}" if since and until else ""
    tag = "" if redact == "none" else f"-redacted-{redact}"
    return f"recovery-journal{span}{tag}{SUFFIXES[fmt]}"
