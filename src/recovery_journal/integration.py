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
    """The therapy follow-up of the sessions in range and the prescriber gap (see
    docs/insights.md); `integration_in_range` chooses the appointments and `as_of`.

    `sessions` in range (from `since` to `until`) are the ones counted, against the
    `appointments` given. The prescriber gap is counted up to `as_of`, from prescriber
    appointments on or before it.
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


def integration_in_range(
    sessions: Sequence[Session],
    appointments: Sequence[Appointment],
    since: date | None,
    until: date | None,
    today: date,
) -> dict[str, Any]:
    """The one definition `insights` (CLI and app) and the report share.

    The sessions from `since` to `until`, each against the therapy appointments within the
    range only (therapy booked after its end has not happened within it); the prescriber
    gap counted to the range's last day (never after today), from the last visit on or
    before it (a visit before the range counts). `"appointments"`: how many lie in the
    range; with none the therapy line is not said (no appointment recorded is not no
    therapy)."""
    end = today if until is None else min(until, today)
    inside = [a for a in appointments if (since is None or a.date >= since) and a.date <= end]
    earlier = [
        a for a in appointments if a.kind == "prescriber" and since is not None and a.date < since
    ]
    found = integration(sessions, [*earlier, *inside], end, since, until)
    found["appointments"] = len(inside)
    return found


def integration_lines(found: dict[str, Any]) -> list[str]:
    """The integration in plain words: one or two lines (none when there is nothing; the
    therapy line only when an appointment lies in the range)."""
    lines: list[str] = []
    if found["total"] and found.get("appointments") != 0:
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
