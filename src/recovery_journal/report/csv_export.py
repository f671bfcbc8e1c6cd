"""The CSV files (PRODUCT.md §7): days.csv, sessions.csv, assessments.csv, and a zip of all
three. UTF-8, a header row, ISO dates, CRLF line ends (RFC 4180). A text cell that starts
like a formula is led by `'` (docs/export-format.md); numbers stay numbers."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from typing import Any

from recovery_journal import tables
from recovery_journal.model import AFTERCARE_ITEMS, plain_number
from recovery_journal.report.data import ReportData
from recovery_journal.report.redaction import SESSION_KEYS_LEFT_OUT

CSV_FILES = ("days.csv", "sessions.csv", "assessments.csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(plain_number(value))
    if isinstance(value, int):
        return str(value)
    return tables.spreadsheet_text(str(value))  # text: never run as a formula


def _write(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_cell(c) for c in row] for row in rows])
    return buffer.getvalue()


def days_csv(data: ReportData) -> str:
    """One row a day, one column per habit (empty = not logged)."""
    return tables.days_csv(data.habits, data.days)


def sessions_csv(data: ReportData) -> str:
    """One row a session in range; after-care items as yes/no/empty columns."""
    left_out = set(SESSION_KEYS_LEFT_OUT[data.redaction])
    columns = [
        "number",
        "id",
        "at",
        "date",
        "kind",
        "dose_mg",
        "provider",
        "mood_before",
        "mood_after",
        "dissociation",
        "bp_before",
        "bp_after",
        "side_effects",
        *(f"aftercare_{item}" for item in AFTERCARE_ITEMS),
        "intention",
        "insights",
    ]
    columns = [c for c in columns if c not in left_out]
    numbers = data.session_number()
    rows = []
    for s in data.sessions_in_range:
        values: dict[str, Any] = {
            "number": numbers[s.id],
            "id": s.id,
            "at": s.at.isoformat(),
            "date": s.date.isoformat(),
            "kind": s.kind,
            "dose_mg": s.dose_mg,
            "provider": s.provider,
            "mood_before": s.mood_before,
            "mood_after": s.mood_after,
            "dissociation": s.dissociation,
            "bp_before": s.bp_before,
            "bp_after": s.bp_after,
            "side_effects": " ".join(s.side_effects),
            "intention": s.intention,
            "insights": s.insights,
        }
        for item in AFTERCARE_ITEMS:
            values[f"aftercare_{item}"] = s.aftercare.get(item)
        rows.append([values[c] for c in columns])
    return _write(columns, rows)


def assessments_csv(data: ReportData) -> str:
    """One row a questionnaire: items 1–9 (GAD-7 leaves 8 and 9 empty), total, band."""
    header = [
        "id",
        "instrument",
        "date",
        *(f"item{i}" for i in range(1, 10)),
        "total",
        "severity",
        "item9_positive",
    ]
    rows = []
    for a in data.assessments:
        items = [*a.answers, *([None] * (9 - len(a.answers)))]
        positive = (len(a.answers) >= 9 and a.answers[8] > 0) if a.instrument == "phq9" else None
        rows.append([a.id, a.instrument, a.date.isoformat(), *items, a.total, a.severity, positive])
    return _write(header, rows)


def csv_zip(data: ReportData) -> bytes:
    """The three files in one zip; the same data and generation time give the same bytes."""
    moment = data.generated_at
    stamp = (
        max(moment.year, 1980),
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second - moment.second % 2,
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in zip(
            CSV_FILES, (days_csv(data), sessions_csv(data), assessments_csv(data)), strict=True
        ):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
