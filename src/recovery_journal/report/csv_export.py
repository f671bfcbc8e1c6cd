"""The CSV files (PRODUCT.md §7): days.csv, sessions.csv, assessments.csv, and a zip of all
three with a README.txt. UTF-8, a header row, ISO dates, CRLF line ends (RFC 4180). A text
cell that starts like a formula is led by `'` (docs/export-format.md); numbers stay numbers.

Redacted files keep their columns: every cell of a column left out reads `left out`, so an
empty cell always means "nothing recorded". The zip's README.txt says what was left out and
what the session numbers count from (the treatment context of a date-limited file)."""

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
README = "README.txt"
LEFT_OUT = "left out"
# Which CSV columns each level leaves out (their cells read "left out").
DAY_COLUMNS_LEFT_OUT = {"none": (), "notes": ("note",), "text": ("tags", "note")}


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
    """One row a day, one column per habit (empty = not logged); a column left out by the
    redaction reads "left out" in every row."""
    text = tables.days_csv(data.habits, data.days)
    left_out = DAY_COLUMNS_LEFT_OUT[data.redaction]
    if not left_out:
        return text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    positions = [header.index(name) for name in left_out]
    for row in rows[1:]:
        for position in positions:
            row[position] = LEFT_OUT
    return _write(header, rows[1:])


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
        rows.append([LEFT_OUT if c in left_out else values[c] for c in columns])
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
            (README, *CSV_FILES),
            (readme(data), days_csv(data), sessions_csv(data), assessments_csv(data)),
            strict=True,
        ):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


_LEFT_OUT_WORDS = {
    "none": "Nothing was left out.",
    "notes": "Left out (redacted): day notes, and the intention and insights of each session. "
    'Those columns are kept, and every cell in them reads "left out".',
    "text": "Left out (redacted): all free text: day notes, tags, session intentions and "
    "insights, providers, free side-effect words (the listed ones stay) and blood pressure; "
    'those columns are kept, and every cell in them reads "left out". Custom habits are '
    'named "custom_habit_1, 2, ..." instead of their own names. Numbers and the built-in '
    "vocabulary remain.",
}


def readme(data: ReportData) -> str:
    """README.txt of the zip: the range, what was left out, and where the numbering of the
    sessions starts (CRLF line ends, like the CSV files)."""
    context = data.range_context()
    lines = [
        "Recovery journal: data files for the therapist",
        "",
        f"Range: {data.since or '-'} to {data.until or '-'}",
        f"Generated: {data.generated_at.isoformat()}",
        f"Redaction: {data.redaction}",
        _LEFT_OUT_WORDS[data.redaction],
        "",
        "days.csv: one row a day, one column per habit; an empty cell is not logged.",
        "sessions.csv: one row a session; 'number' counts from the journal's first session.",
        "assessments.csv: one row a PHQ-9 or GAD-7 questionnaire.",
        "",
    ]
    if context.sessions_before:
        last = context.last_before.isoformat() if context.last_before else "-"
        lines.append(
            f"Before this range: {context.sessions_before} session"
            f"{'' if context.sessions_before == 1 else 's'}, the last at {last}; the day "
            "index of the days before the first session in sessions.csv counts from it."
        )
    else:
        lines.append("Before this range: no sessions.")
    return "\r\n".join(lines) + "\r\n"
