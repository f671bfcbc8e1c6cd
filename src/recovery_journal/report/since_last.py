"""Since the last session: what a therapist reads first (the report's first page; the
review's Overview can use the same). Pure functions of loaded data: no I/O, no terminal code.

    found = since_last_session(days, sessions, assessments, until, context)
    lines = since_last_lines(found, notes_kept=True)

Definitions (docs/insights.md): "since" is the days after the session day up to `until`
(the file's last date); "the two weeks before" is the 14 calendar days before the session
day. Both count logged days only (days with a mood), within the days given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction

from recovery_journal import assessments as questionnaires
from recovery_journal.insights import COMPARE_DAYS, format_one, numbered_sessions
from recovery_journal.model import (
    AFTERCARE_ITEMS,
    Assessment,
    Day,
    Session,
    TreatmentContext,
)

DROVE = "drove after the session"


@dataclass(frozen=True)
class Scores:
    """One questionnaire's last score and the one before it (None when there is one only)."""

    label: str
    last: Assessment
    previous: Assessment | None


@dataclass(frozen=True)
class SinceLastSession:
    """The last session on or before `until` and what followed it."""

    number: int
    at: datetime
    days_since: int
    in_file: bool  # False: the session is before the file's range (its context)
    mood_since: Fraction | None  # exact, for half-up rounding when shown
    n_since: int
    mood_before: Fraction | None
    n_before: int
    aftercare_logged: bool
    aftercare_missed: list[str] = field(default_factory=list)
    drove: bool = False
    scores: list[Scores] = field(default_factory=list)
    new_notes: int = 0


def aftercare_words(session: Session) -> str:
    """After-care in a few words: "not logged", "all 7 done", "5 of 7 done", and a drive
    after the session named first."""
    recorded = {k: v for k, v in session.aftercare.items() if k in AFTERCARE_ITEMS}
    if not recorded:
        return "not logged"
    done = sum(1 for value in recorded.values() if value)
    total = len(AFTERCARE_ITEMS)
    words = f"all {total} done" if done == total else f"{done} of {total} done"
    if len(recorded) < total and done < total:
        words += f" ({total - len(recorded)} not logged)"
    if recorded.get("no_driving") is False:
        words = f"{DROVE}; {words}"
    return words


def _mean(values: Sequence[int]) -> Fraction | None:
    return Fraction(sum(values), len(values)) if values else None


def since_last_session(
    days: Sequence[Day],
    sessions: Sequence[Session],
    assessments: Sequence[Assessment],
    until: date | None,
    context: TreatmentContext | None = None,
) -> SinceLastSession | None:
    """The block for the last session on or before `until` (a session in the days given,
    else the context's last one before the file); None when there is neither."""
    if until is None:
        return None
    numbered = [(n, s) for n, s in numbered_sessions(sessions, context) if s.date <= until]
    session: Session | None = None
    if numbered:
        number, session = numbered[-1]
        at = session.at
    elif context is not None and context.last_before is not None:
        number, at = context.sessions_before, context.last_before
    else:
        return None
    when = at.date()
    moods = {d.date: d.mood for d in days if d.mood is not None and d.date <= until}
    since = [m for d, m in moods.items() if when < d]
    before = [m for d, m in moods.items() if when - timedelta(days=COMPARE_DAYS) <= d < when]
    missed: list[str] = []
    logged = False
    drove = False
    if session is not None:
        recorded = {k: v for k, v in session.aftercare.items() if k in AFTERCARE_ITEMS}
        logged = bool(recorded)
        drove = recorded.get("no_driving") is False
        missed = [
            label
            for key, label in AFTERCARE_ITEMS.items()
            if recorded.get(key) is False and key != "no_driving"
        ]
    scores = []
    for instrument in questionnaires.INSTRUMENTS:
        taken = sorted(
            (a for a in assessments if a.instrument == instrument and a.date <= until),
            key=lambda a: a.date,
        )
        if taken:
            label = questionnaires.INSTRUMENT_LABELS[instrument]
            scores.append(Scores(label, taken[-1], taken[-2] if len(taken) > 1 else None))
    notes = sum(1 for d in days if d.note and when < d.date <= until)
    return SinceLastSession(
        number=number,
        at=at,
        days_since=(until - when).days,
        in_file=session is not None,
        mood_since=_mean(since),
        n_since=len(since),
        mood_before=_mean(before),
        n_before=len(before),
        aftercare_logged=logged,
        aftercare_missed=missed,
        drove=drove,
        scores=scores,
        new_notes=notes,
    )


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def since_last_lines(found: SinceLastSession, notes_kept: bool = True) -> list[str]:
    """The block in plain sentences, about the patient (for the report and the review)."""
    when = found.at.date()
    head = f"Last session: #{found.number} on {_day(when)} ({found.at:%H:%M})"
    if not found.in_file:
        head += ", before this file's range"
    if found.days_since == 0:
        head += ", on the last day of this file."
    else:
        head += f", {_days(found.days_since)} before the end of this file."
    lines = [head]
    if found.n_since:
        since = f"{format_one(found.mood_since)} average over {_days(found.n_since)} logged since"
    else:
        since = "no mood logged since"
    if found.n_before:
        before = (
            f"{format_one(found.mood_before)} in the two weeks before it "
            f"({_days(found.n_before)} logged)"
        )
    else:
        before = "no mood logged in the two weeks before it"
    lines.append(f"Mood: {since}, against {before}.")
    if not found.in_file:
        lines.append("After-care: not in this file (the session is before its range).")
    elif not found.aftercare_logged:
        lines.append("After-care: not logged.")
    else:
        parts = []
        if found.drove:
            parts.append(DROVE)
        if found.aftercare_missed:
            parts.append("not done: " + ", ".join(found.aftercare_missed))
        lines.append(
            "After-care: " + ("; ".join(parts) if parts else "nothing logged as missed") + "."
        )
    for item in found.scores:
        last = item.last
        text = f"{item.label}: {last.total} ({last.severity}) on {_day(last.date)}"
        if item.previous is None:
            text += "; no earlier score in this file."
        else:
            prev = item.previous
            change = last.total - prev.total
            moved = (
                "no change"
                if change == 0
                else f"{abs(change)} point{'' if abs(change) == 1 else 's'} "
                + ("higher" if change > 0 else "lower")
            )
            text += f", previous {prev.total} ({prev.severity}) on {_day(prev.date)}: {moved}."
        lines.append(text)
    if notes_kept:
        noun = "note" if found.new_notes == 1 else "notes"
        lines.append(f"New journal {noun} since the session: {found.new_notes}.")
    else:
        lines.append("New journal notes: left out of this file (redacted).")
    return lines
