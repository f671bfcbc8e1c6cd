"""Plain tables and rows shared by the CLI, the CSV files and the reports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from recovery_journal.model import (
    AFTERCARE_ITEMS,
    SESSION_KIND_LABELS,
    YES_NO_KINDS,
    Day,
    Habit,
    Session,
    plain_number,
)
from recovery_journal.terminal import visible

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def text_table(headers: Sequence[str], body: Iterable[Sequence[Any]]) -> str:
    """Left-aligned columns separated by two spaces; numbers right-aligned. Control
    characters in a cell are shown, not obeyed (`terminal.visible`)."""
    cells = [[visible(str(h), one_line=True) for h in headers]] + [
        ["" if c is None else visible(str(c), one_line=True) for c in row] for row in body
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [
        all(_looks_numeric(row[i]) for row in cells[1:] if row[i]) and len(cells) > 1
        for i in range(len(headers))
    ]
    lines = []
    for row in cells:
        parts = [
            cell.rjust(widths[i]) if numeric[i] else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def to_json(data: Any) -> str:
    """The JSON the CLI prints: UTF-8, two-space indent, keys in the spec's order."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def yes_no(value: bool | None) -> str:
    """`yes`, `no`, or empty when not logged."""
    return "" if value is None else ("yes" if value else "no")


def habit_cell(habit: Habit, value: float | bool | None) -> str:
    """A habit value as a table or CSV cell: empty when not logged."""
    if value is None:
        return ""
    if habit.kind in YES_NO_KINDS:
        return yes_no(bool(value))
    return str(plain_number(value))


def one_line(text: str | None, width: int) -> str:
    """The start of a note on one line, for tables."""
    if not text:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def days_csv(habits: Sequence[Habit], days: Iterable[Day]) -> str:
    """`days.csv`: one row a day, one column per habit (absent = not logged)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "date",
            "mood",
            "anxiety",
            "energy",
            "sleep_hours",
            *(h.key for h in habits),
            "tags",
            "note",
        ]
    )
    for day in days:
        writer.writerow(
            [
                day.date.isoformat(),
                _cell(day.mood),
                _cell(day.anxiety),
                _cell(day.energy),
                _cell(day.sleep_hours),
                *(habit_cell(h, day.habits.get(h.key)) for h in habits),
                spreadsheet_text(" ".join(day.tags)),
                spreadsheet_text(day.note or ""),
            ]
        )
    return buffer.getvalue()


def spreadsheet_text(text: str) -> str:
    """A text cell that a spreadsheet shows as text: one starting like a formula (`=`, `+`,
    `-`, `@`, tab, CR) gets a leading `'`. Only for text: numbers are written as numbers."""
    return "'" + text if text.startswith(FORMULA_LEADS) else text


def _cell(value: float | int | None) -> str:
    return "" if value is None else str(plain_number(value))


def aftercare_done(session: Session) -> str:
    """`5 of 7`: after-care items marked yes, out of all seven; `not logged` when none of
    the checklist was answered (absent is not "no"); `drove · 0 of 7` first when "did not
    drive" was answered no."""
    if not session.aftercare:
        return "not logged"
    done = sum(1 for value in session.aftercare.values() if value)
    drove = "drove · " if session.aftercare.get("no_driving") is False else ""
    return f"{drove}{done} of {len(AFTERCARE_ITEMS)}"


def kind_label(kind: str) -> str:
    """A session kind in words; an unknown kind as it is."""
    return SESSION_KIND_LABELS.get(kind, kind)


def mood_change(session: Session) -> str:
    """`before → after` (`?` for a side not logged), or empty when neither is."""
    before = "?" if session.mood_before is None else str(session.mood_before)
    after = "?" if session.mood_after is None else str(session.mood_after)
    if session.mood_before is None and session.mood_after is None:
        return ""
    return f"{before} → {after}"
