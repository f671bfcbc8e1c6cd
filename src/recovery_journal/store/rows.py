"""Rows ↔ model objects, and model objects ↔ the JSON shapes of PRODUCT.md §4."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

from recovery_journal.model import Appointment, Assessment, Day, Habit, Session, plain_number

HABIT_COLUMNS = "key, label, kind, target, archived, built_in, position"
DAY_COLUMNS = "date, mood, anxiety, energy, sleep_hours, note"
SESSION_COLUMNS = (
    "id, at, kind, dose_mg, provider, mood_before, mood_after, dissociation, "
    "bp_before, bp_after, side_effects, aftercare, intention, insights"
)
ASSESSMENT_COLUMNS = "id, instrument, date, answers, total, severity"
APPOINTMENT_COLUMNS = "id, at, kind, provider, note"


def habit_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Habit:
    key, label, kind, target, archived, built_in, position = row
    return Habit(key, label, kind, target, bool(archived), bool(built_in), position)


def day_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Day:
    day, mood, anxiety, energy, sleep, note = row
    return Day(date.fromisoformat(day), mood, anxiety, energy, sleep, {}, [], note)


def session_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Session:
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
    aid, instrument, day, answers, total, severity = row
    return Assessment(
        aid, instrument, date.fromisoformat(day), json.loads(answers), total, severity
    )


def stored_value(habit: Habit, value: float | bool) -> float:
    """Yes/no is stored as 1/0; numbers as they are."""
    return float(value)


def loaded_value(kind: str, value: float) -> float | bool:
    """Back from storage: yes/no habits become booleans."""
    return bool(value) if kind in ("done", "avoided") else value


# ---------------------------------------------------------------- JSON shapes (§4)


def day_to_json(day: Day) -> dict[str, Any]:
    """`show --format json` and the export's `days`."""
    return {
        "date": day.date.isoformat(),
        "mood": day.mood,
        "anxiety": day.anxiety,
        "energy": day.energy,
        "sleep_hours": day.sleep_hours,
        "habits": {key: plain_number(value) for key, value in day.habits.items()},
        "tags": list(day.tags),
        "note": day.note,
    }


def session_to_json(session: Session) -> dict[str, Any]:
    """`session list --format json` and the export's `sessions`."""
    return {
        "id": session.id,
        "at": session.at.isoformat(),
        "kind": session.kind,
        "dose_mg": plain_number(session.dose_mg),
        "provider": session.provider,
        "mood_before": session.mood_before,
        "mood_after": session.mood_after,
        "dissociation": session.dissociation,
        "bp_before": session.bp_before,
        "bp_after": session.bp_after,
        "side_effects": list(session.side_effects),
        "aftercare": dict(session.aftercare),
        "intention": session.intention,
        "insights": session.insights,
    }


def habit_to_json(habit: Habit) -> dict[str, Any]:
    """`habits list --format json` and the export's `habits`."""
    return {
        "key": habit.key,
        "label": habit.label,
        "kind": habit.kind,
        "target": plain_number(habit.target),
        "archived": habit.archived,
        "built_in": habit.built_in,
    }


def assessment_to_json(assessment: Assessment) -> dict[str, Any]:
    """The shape of `assess --format json` (PHQ-9 adds `item9_positive`)."""
    data: dict[str, Any] = {
        "id": assessment.id,
        "instrument": assessment.instrument,
        "date": assessment.date.isoformat(),
        "answers": list(assessment.answers),
        "total": assessment.total,
        "severity": assessment.severity,
    }
    if assessment.instrument == "phq9":
        data["item9_positive"] = len(assessment.answers) >= 9 and assessment.answers[8] > 0
    return data


def appointment_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Appointment:
    from recovery_journal.model import parse_stored_datetime

    aid, at, kind, provider, note = row
    return Appointment(aid, parse_stored_datetime(at), kind, provider, note)


def appointment_to_json(appointment: Appointment) -> dict[str, Any]:
    """`appointment list --format json` and the export's `appointments`."""
    return {
        "id": appointment.id,
        "at": appointment.at.isoformat(),
        "kind": appointment.kind,
        "provider": appointment.provider,
        "note": appointment.note,
    }
