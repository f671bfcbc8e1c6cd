"""The treatment context line on Today: where a day sits in the treatment calendar.

Pure functions over the sessions (no I/O). The words follow the clinical advice of
PRODUCT.md §1: never drive on a session day; in the days after, therapy within a day or
two, meditation, movement, social contact, rest and water, and the news and social media
kept at arm's length. Plain, kind words; no guilt, no streaks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from recovery_journal.insights import treatment_day
from recovery_journal.model import Session
from recovery_journal.model import TreatmentContext as FileContext

if TYPE_CHECKING:
    from recovery_journal.schedule import Plan

DEFAULT_WINDOW_DAYS = 3

WELCOME = (
    "Welcome. Log how today feels; add your treatment sessions when you have them, "
    "and the charts will line up with them."
)
SESSION_DAY = (
    "Session day — no driving until tomorrow, after a restful sleep. Rest, drink water, "
    "eat lightly, and book therapy for the next day or two."
)
# Today, when the treatment plan has a session today that is not logged yet (the after-care
# that matters before and after dosing).
PLANNED_SESSION_DAY = (
    "Before it: a light meal, nothing heavy. Afterwards: no driving until tomorrow, after a "
    "restful sleep; therapy in the next day or two helps the session settle."
)
WINDOW_DAY = (
    "A good day to book or attend your therapy session, move a little, and keep the news "
    "and social media at arm's length. Rest and water count too."
)
WINDOW_LAST_DAY = (
    "The last day of the integration window. Some quiet time, a walk, or a talk with "
    "someone you trust can help the session settle."
)
OUTSIDE_WINDOW = "Keep doing what helps: a little movement, a few quiet minutes, people you trust."
BASELINE = (
    "Before your first session. Logging these days gives a baseline, so you can see "
    "what changes later."
)
NOTHING_YET = "Nothing logged yet today — a number for your mood is enough."

# A past day is spoken of in the past: no advice for a day that is over ("don't drive today").
PAST_WELCOME = "Add or change what you remember of this day; a number for the mood is enough."
PAST_SESSION_DAY = (
    "This was a session day. Add or change what you remember of it — rest, water, food, "
    "how you felt."
)
PAST_WINDOW_DAY = (
    "This day was in the integration window, when therapy, movement, rest and water all "
    "counted. Add or change what you remember of it."
)
PAST_WINDOW_LAST_DAY = (
    "This was the last day of the integration window. Add or change what you remember of it."
)
PAST_OUTSIDE_WINDOW = "Add or change what you remember of this day."
PAST_BASELINE = "This day was before your first session; what you log here adds to your baseline."


@dataclass(frozen=True)
class TreatmentContext:
    """Where a date sits: its day index, the session number and the advice for it."""

    title: str
    advice: str
    day_index: int | None
    session_number: int | None
    in_window: bool


def treatment_context(
    day: date,
    sessions: list[Session],
    window_days: int = DEFAULT_WINDOW_DAYS,
    today: date | None = None,
    context: FileContext | None = None,
) -> TreatmentContext:
    """The context line and advice for a day; a day before `today` is spoken of in the
    past (its advice is what the person may remember, never what to do "today").
    `context`: a date-limited file's sessions before its range (the journal's
    `treatment_context`), so that review numbers alike."""
    past = today is not None and day < today
    if not sessions and (context is None or context.last_before is None):
        return TreatmentContext("Welcome", PAST_WELCOME if past else WELCOME, None, None, False)
    found = treatment_day(day, sessions, context)
    if found is None:
        advice = PAST_BASELINE if past else BASELINE
        return TreatmentContext("Baseline — before your first session", advice, None, None, False)
    index, number = found
    in_window = index < window_days
    if index == 0:
        return TreatmentContext(
            f"Session day — session {number} · integration window",
            PAST_SESSION_DAY if past else SESSION_DAY,
            0,
            number,
            True,
        )
    window = " — integration window" if in_window else ""
    title = f"Day {index} after session {number}{window}"
    if not in_window:
        advice = PAST_OUTSIDE_WINDOW if past else OUTSIDE_WINDOW
    elif index == window_days - 1:
        advice = PAST_WINDOW_LAST_DAY if past else WINDOW_LAST_DAY
    else:
        advice = PAST_WINDOW_DAY if past else WINDOW_DAY
    return TreatmentContext(title, advice, index, number, in_window)


def plan_advice(advice: str, today: date, plans: Sequence[Plan], sessions: list[Session]) -> str:
    """Today's advice with the treatment plan: the next planned session ("Next session Thu
    3 Dec — in 2 days") and, when a planned session is today and not logged yet, the
    after-care before and after dosing in its place. Unchanged when there is no plan."""
    if not plans:
        return advice
    from recovery_journal.schedule import next_session_line, statuses

    found = statuses(plans, sessions, today)
    if any(item.date == today and item.status == "planned" for item in found):
        advice = PLANNED_SESSION_DAY
    line = next_session_line(found, today)
    return f"{line}.\n{advice}" if line else advice
