"""The export file (PRODUCT.md §4): one lossless, versioned JSON object.

`docs/export-format.md` documents every key. Redacted exports leave the removed keys out.
"""

from __future__ import annotations

from typing import Any

from recovery_journal.model_json import (
    appointment_to_json,
    assessment_to_json,
    day_to_json,
    habit_to_json,
    session_to_json,
)
from recovery_journal.report.data import ReportData
from recovery_journal.report.redaction import (
    APPOINTMENT_KEYS_LEFT_OUT,
    DAY_KEYS_LEFT_OUT,
    SESSION_KEYS_LEFT_OUT,
)
from recovery_journal.schedule import plan_to_json
from recovery_journal.tables import to_json

FORMAT_NAME = "recovery-journal"
VERSION = 1


def export_object(data: ReportData) -> dict[str, Any]:
    """The export file as a dict, keys in the spec's order."""
    day_out = DAY_KEYS_LEFT_OUT[data.redaction]
    session_out = SESSION_KEYS_LEFT_OUT[data.redaction]
    days = []
    for day in data.days:
        row = day_to_json(day)
        for key in day_out:
            del row[key]
        days.append(row)
    sessions = []
    for session in data.sessions_in_range:
        row = session_to_json(session)
        for key in session_out:
            del row[key]
        sessions.append(row)
    appointments = []
    for appointment in data.appointments:
        row = appointment_to_json(appointment)
        for key in APPOINTMENT_KEYS_LEFT_OUT[data.redaction]:
            del row[key]
        appointments.append(row)
    head: dict[str, Any] = {"label": data.label} if data.label else {}
    return {
        "format": FORMAT_NAME,
        "version": VERSION,
        "exported_at": data.generated_at.isoformat(),
        "range": {
            "since": data.since.isoformat() if data.since else None,
            "until": data.until.isoformat() if data.until else None,
        },
        "context": data.range_context().to_json(),
        "redaction": data.redaction,
        **head,
        # The country whose crisis line the patient's app named (None: not known).
        "crisis_country": data.country,
        "habits": [habit_to_json(habit) for habit in data.habits],
        "days": days,
        "sessions": sessions,
        "assessments": [assessment_to_json(a) for a in data.assessments],
        "appointments": appointments,
        "plans": [plan_to_json(plan) for plan in data.plans],
    }


def render_json(data: ReportData) -> str:
    """The export file's text: UTF-8 JSON, two-space indent, a final newline."""
    return to_json(export_object(data)) + "\n"
