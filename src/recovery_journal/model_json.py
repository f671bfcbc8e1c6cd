"""The JSON shape of each model object (PRODUCT.md §4): `show`, `session list`, `habits
list`, `assess` and `appointment list` with `--format json`, and the export file's lists.
Standard library only."""

from __future__ import annotations

from typing import Any

from recovery_journal.model import Appointment, Assessment, Day, Habit, Session, plain_number


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


def appointment_to_json(appointment: Appointment) -> dict[str, Any]:
    """`appointment list --format json` and the export's `appointments`."""
    return {
        "id": appointment.id,
        "at": appointment.at.isoformat(),
        "kind": appointment.kind,
        "provider": appointment.provider,
        "note": appointment.note,
    }
