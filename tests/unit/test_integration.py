"""Integration measured (issue 17, item 2), against a hand-built journal."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from recovery_journal.integration import integration, integration_lines
from recovery_journal.model import Appointment, Session
from recovery_journal.report.loading import load
from recovery_journal.report.markdown import render_markdown
from recovery_journal.store import Journal

ZONE = timezone(timedelta(hours=1))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE)


SESSIONS = [
    Session("s1", at("2026-11-02 10:00"), "esketamine_nasal"),  # therapy the same afternoon
    Session("s2", at("2026-11-05 10:00"), "esketamine_nasal"),  # therapy 2 days later: counts
    Session("s3", at("2026-11-09 10:00"), "esketamine_nasal"),  # therapy 3 days later: no
    Session("s4", at("2026-11-12 10:00"), "esketamine_nasal"),  # therapy that morning: before
]
APPOINTMENTS = [
    Appointment("a1", at("2026-11-02 15:00"), "therapy"),
    Appointment("a2", at("2026-11-07 23:30"), "therapy"),
    Appointment("a3", at("2026-11-12 08:00"), "therapy"),  # before s4, and 3 days after s3
    Appointment("a4", at("2026-11-10 09:00"), "prescriber"),  # not therapy: does not count
    Appointment("p1", at("2026-10-01 09:00"), "prescriber"),
]


def test_each_session_is_followed_or_not() -> None:
    found = integration(SESSIONS, APPOINTMENTS, date(2026, 11, 27))
    assert [(row["session_id"], row["therapy_within_2_days"]) for row in found["sessions"]] == [
        ("s1", True),
        ("s2", True),
        ("s3", False),
        ("s4", False),
    ]
    assert found["sessions"][1]["therapy_at"] == "2026-11-07T23:30:00+01:00"
    assert (found["followed"], found["total"]) == (2, 4)
    assert found["last_prescriber"] == "2026-11-10" and found["days_since_prescriber"] == 17
    assert integration_lines(found) == ["Therapy within 2 days after 2 of 4 sessions."]


def test_the_prescriber_gap_is_shown_when_over_31_days() -> None:
    visits = [a for a in APPOINTMENTS if a.id == "p1"]
    found = integration(SESSIONS[:1], visits, date(2026, 11, 11))
    assert found["days_since_prescriber"] == 41
    assert integration_lines(found)[1].startswith("Last prescriber visit 41 days ago")
    assert len(integration_lines(integration(SESSIONS[:1], visits, date(2026, 11, 1)))) == 1
    # a booked visit after as_of is not a visit yet
    booked = [*visits, Appointment("p2", at("2026-12-01 09:00"), "prescriber")]
    assert integration([], booked, date(2026, 11, 11))["days_since_prescriber"] == 41


def test_the_report_states_integration_and_lists_appointments(journal: Journal) -> None:
    for session in SESSIONS:
        journal.add_session(session)
    for appointment in APPOINTMENTS:
        journal.add_appointment(appointment)
    text = render_markdown(load(journal))
    assert "- Therapy within 2 days after 2 of 4 sessions." in text
    assert "## Appointments" in text
    assert "| 2026-11-02 15:00 | Therapy |" in text
