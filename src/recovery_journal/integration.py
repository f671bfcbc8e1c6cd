"""Integration measured (issue 17, item 2): whether a therapy appointment followed each
dosing session, and how long since the prescriber was last seen. Standard library only.

A therapy appointment *follows* a session when it starts after the session's start time and
no later than the end of the second calendar day after the session's date (so a session on
Monday 10:00 is followed by therapy on Monday 15:00, Tuesday or Wednesday, not Thursday).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from recovery_journal.model import Appointment, Session

FOLLOW_DAYS = 2  # therapy within 2 days after a session
PRESCRIBER_GAP_DAYS = 31  # over this, the gap since the prescriber visit is pointed out


def therapy_after(session: Session, appointments: Sequence[Appointment]) -> Appointment | None:
    """The first therapy appointment within FOLLOW_DAYS after the session, if any."""
    last_day = session.date + timedelta(days=FOLLOW_DAYS)
    found = [
        a for a in appointments if a.kind == "therapy" and a.at > session.at and a.date <= last_day
    ]
    return min(found, key=lambda a: a.at) if found else None


def integration(
    sessions: Sequence[Session],
    appointments: Sequence[Appointment],
    as_of: date,
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    """`insights --format json`'s "integration" (see docs/insights.md).

    `sessions` in range (from `since` to `until`) are the ones counted; `appointments` may
    reach past the range (a therapy appointment two days after its last session counts).
    The prescriber gap is counted up to `as_of`, from prescriber appointments on or before it.
    """
    chosen = [
        s
        for s in sorted(sessions, key=lambda s: (s.at, s.id))
        if (since is None or s.date >= since) and (until is None or s.date <= until)
    ]
    rows = []
    for session in chosen:
        therapy = therapy_after(session, appointments)
        rows.append(
            {
                "session_id": session.id,
                "date": session.date.isoformat(),
                "therapy_within_2_days": therapy is not None,
                "therapy_at": therapy.at.isoformat() if therapy else None,
            }
        )
    visits = [a for a in appointments if a.kind == "prescriber" and a.date <= as_of]
    last = max(visits, key=lambda a: a.at) if visits else None
    gap = (as_of - last.date).days if last else None
    return {
        "window_days": FOLLOW_DAYS,
        "sessions": rows,
        "followed": sum(1 for row in rows if row["therapy_within_2_days"]),
        "total": len(rows),
        "last_prescriber": last.date.isoformat() if last else None,
        "days_since_prescriber": gap,
        "as_of": as_of.isoformat(),
    }


def integration_lines(found: dict[str, Any]) -> list[str]:
    """The integration in plain words: one or two lines (none when there is nothing)."""
    lines = []
    if found["total"]:
        session_word = "session" if found["total"] == 1 else "sessions"
        lines.append(
            f"Therapy within 2 days after {found['followed']} of {found['total']} {session_word}."
        )
    gap = found["days_since_prescriber"]
    if gap is not None and gap > PRESCRIBER_GAP_DAYS:
        lines.append(
            f"Last prescriber visit {gap} days ago; it may be a good time to book the next one."
        )
    return lines
