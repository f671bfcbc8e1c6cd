"""Rows ↔ model objects (the JSON shapes of PRODUCT.md §4 are in `model_json`)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

from recovery_journal.model import YES_NO_KINDS, Appointment, Assessment, Day, Habit, Session

HABIT_COLUMNS = "key, label, kind, target, archived, built_in, position"
DAY_COLUMNS = "date, mood, anxiety, energy, sleep_hours, note"
SESSION_COLUMNS = (
    "id, at, kind, dose_mg, provider, mood_before, mood_after, dissociation, "
    "bp_before, bp_after, side_effects, aftercare, intention, insights"
)
ASSESSMENT_COLUMNS = "id, instrument, date, answers, total, severity"
APPOINTMENT_COLUMNS = "id, at, kind, provider, note"


def habit_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Habit:
    """A Habit from a `habits` row (HABIT_COLUMNS)."""
    key, label, kind, target, archived, built_in, position = row
    return Habit(key, label, kind, target, bool(archived), bool(built_in), position)


def day_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Day:
    """A Day from a `days` row, its habits and tags still empty (DAY_COLUMNS)."""
    day, mood, anxiety, energy, sleep, note = row
    return Day(date.fromisoformat(day), mood, anxiety, energy, sleep, {}, [], note)


def session_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Session:
    """A Session from a `sessions` row (SESSION_COLUMNS; side effects and after-care are
    stored as JSON)."""
    from recovery_journal.model import parse_stored_datetime

    (
        sid,
        at,
        kind,
        dose,
        provider,
        before,
        after,
        dissociation,
        bp_before,
        bp_after,
        side_effects,
        aftercare,
        intention,
        insights,
    ) = row
    return Session(
        sid,
        parse_stored_datetime(at),
        kind,
        dose,
        provider,
        before,
        after,
        dissociation,
        bp_before,
        bp_after,
        json.loads(side_effects),
        json.loads(aftercare),
        intention,
        insights,
    )


def assessment_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Assessment:
    """An Assessment from an `assessments` row (ASSESSMENT_COLUMNS; answers as JSON)."""
    aid, instrument, day, answers, total, severity = row
    return Assessment(
        aid, instrument, date.fromisoformat(day), json.loads(answers), total, severity
    )


def stored_value(value: float | bool) -> float:
    """Yes/no is stored as 1/0; numbers as they are."""
    return float(value)


def loaded_value(kind: str, value: float) -> float | bool:
    """Back from storage: yes/no habits become booleans."""
    return bool(value) if kind in YES_NO_KINDS else value


def appointment_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Appointment:
    """An Appointment from an `appointments` row (APPOINTMENT_COLUMNS)."""
    from recovery_journal.model import parse_stored_datetime

    aid, at, kind, provider, note = row
    return Appointment(aid, parse_stored_datetime(at), kind, provider, note)
