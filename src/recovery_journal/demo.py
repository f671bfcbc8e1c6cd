"""A believable synthetic journal for trying the app, demos and benchmarks.

A baseline stretch, then a treatment course (six IV infusions over about two and a half
weeks, or Spravato twice a week for four weeks and weekly for four, then maintenance every
one or two weeks), mood that lifts after sessions and drifts back, habits kept more in the
integration window, notes on most days, tags, PHQ-9 every two weeks and GAD-7 every four.
The same seed gives the same journal, written through the store in one transaction.
"""

from __future__ import annotations

import math
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from recovery_journal.assessments import score
from recovery_journal.model import Assessment, Day, Habit, Session
from recovery_journal.store import Journal

NOTE_OPENERS = (
    "Slept badly and woke up heavy.",
    "A quiet morning with tea by the window.",
    "Woke before the alarm, which is new.",
    "Foggy start, cleared up by noon.",
    "Rain all day.",
    "Sunny and cold; went out for a bit.",
    "Work was a lot today.",
    "Felt flat most of the day.",
    "Lighter than yesterday.",
    "Hard to get going.",
)
NOTE_MIDDLES = (
    "Called Sam and we talked for an hour.",
    "Walked by the river and noticed the herons.",
    "Did the breathing exercise twice.",
    "Cooked a proper dinner for once.",
    "Skipped the news, read a novel instead.",
    "Caught myself doom-scrolling and put the phone away.",
    "Integration session: we talked about the feeling of distance.",
    "Wrote three things I was grateful for.",
    "Stayed in bed longer than I wanted to.",
    "Met a friend for coffee.",
    "Tidied the kitchen, which felt like a win.",
)
NOTE_CLOSERS = (
    "Going to bed early.",
    "Tomorrow I want to walk again.",
    "Not sure what to make of it yet.",
    "Small things count.",
    "",
    "",
)
INTENTIONS = (
    "Stay curious about whatever comes up.",
    "Let go of the need to fix everything at once.",
    "Notice the body, breathe through the strange parts.",
    "Look at the grief with some kindness.",
    "Be open to feeling lighter.",
)
INSIGHTS = (
    "Felt far away from my worries, like looking at them from a hill.",
    "Saw how tired I have been of carrying this alone.",
    "A lot of colours, then a calm that lasted into the afternoon.",
    "Mostly drowsy; one clear moment about my brother.",
    "Hard to put into words. Peaceful.",
)
TAGS = ("nature", "family", "work", "friends", "rest", "movies-tv", "cooking", "music")


@dataclass
class Course:
    """The treatment plan the demo follows."""

    kind: str
    dose_mg: float
    session_dates: list[date]


def plan_course(rng: random.Random, start: date, end: date) -> Course:
    """Sessions from a baseline stretch on, up to `end`."""
    span = (end - start).days
    first = start + timedelta(days=min(14, max(span // 6, 1)))
    dates: list[date] = []
    if rng.random() < 0.5:
        kind, dose = "esketamine_nasal", 84.0
        day = first
        for week in range(8):
            week_start = first + timedelta(weeks=week)
            offsets = (0, 3) if week < 4 else (0,)
            dates.extend(week_start + timedelta(days=offset) for offset in offsets)
        day = first + timedelta(weeks=8)
        while day <= end:
            dates.append(day)
            day += timedelta(days=rng.choice((7, 7, 14, 14, 14)))
    else:
        kind, dose = "iv_ketamine", 35.0
        dates.extend(first + timedelta(days=offset) for offset in (0, 2, 5, 9, 12, 16))
        day = first + timedelta(days=30)
        while day <= end:
            dates.append(day)
            day += timedelta(days=rng.choice((14, 21, 21, 28)))
    return Course(kind, dose, [d for d in dates if d <= end])


def build_demo(journal: Journal, days: int, seed: int) -> str:
    """Fill an empty journal; return a one-line summary."""
    rng = random.Random(seed)
    end = journal.clock.today()
    start = end - timedelta(days=days - 1)
    course = plan_course(rng, start, end)
    session_days = set(course.session_dates)

    logged: list[Day] = []
    moods: dict[date, float] = {}
    last_session: date | None = None
    session_count = 0
    for offset in range(days):
        day = start + timedelta(days=offset)
        if day in session_days:
            last_session, session_count = day, session_count + 1
        index = None if last_session is None else (day - last_session).days
        in_window = index is not None and index < 3
        progress = min(session_count / 10, 1.0)
        lift = 0.0 if index is None else 2.4 * math.exp(-index / 4)
        habits = _habits_for(rng, in_window)
        habit_bonus = 0.5 * bool(habits.get("exercise")) + 0.3 * bool(habits.get("meditation"))
        mood_level = 3.6 + 2.0 * progress + lift + habit_bonus + rng.gauss(0, 0.9)
        moods[day] = mood_level
        if rng.random() < 0.07 and day != end:
            continue  # a day not logged at all
        # Drawn in this order, so that a seed gives the same journal as it always has.
        anxiety = (
            max(0, min(10, round(7 - mood_level * 0.6 + rng.gauss(0, 1))))
            if rng.random() < 0.7
            else None
        )
        energy = (
            max(1, min(10, round(mood_level + rng.gauss(0, 1)))) if rng.random() < 0.6 else None
        )
        sleep = round(min(24.0, max(3.0, rng.gauss(7.0, 1.0))), 1) if rng.random() < 0.8 else None
        note = _note(rng, index) if rng.random() < 0.85 else None
        tags = rng.sample(TAGS, k=rng.choice((0, 0, 1, 1, 2)))
        if index in (1, 2) and rng.random() < 0.6:
            tags.insert(0, "therapy")
        logged.append(
            Day(
                day,
                mood=max(1, min(10, round(mood_level))),
                anxiety=anxiety,
                energy=energy,
                sleep_hours=sleep,
                habits={k: float(v) for k, v in habits.items()},
                tags=tags,
                note=note,
            )
        )

    sessions = [
        _session(rng, course, number, day, moods.get(day, 4.0), journal)
        for number, day in enumerate(course.session_dates, start=1)
    ]
    questionnaires = _assessments(rng, start, end, moods)

    journal.add_habit(Habit("hydration", "Hydration", "done"))
    with journal.writing():
        journal.put_days(logged)
        journal.put_sessions(sessions)
        journal.put_assessments(questionnaires, keep_order=False)
    # The range of the days logged, as Insights and the reports name it.
    first, last = (logged[0].date, logged[-1].date) if logged else (start, end)
    return (
        f"{len(logged)} days logged from {first} to {last}, {len(sessions)} sessions, "
        f"{len(questionnaires)} questionnaires"
    )


def _habits_for(rng: random.Random, in_window: bool) -> dict[str, float | bool]:
    """Habit values for one day; each habit logged on some days only."""
    habits: dict[str, float | bool] = {}
    if rng.random() < 0.8:
        habits["meditation"] = (
            rng.choice((10, 15, 20)) if rng.random() < (0.75 if in_window else 0.4) else 0
        )
    if rng.random() < 0.8:
        habits["exercise"] = (
            rng.choice((20, 30, 45)) if rng.random() < (0.6 if in_window else 0.4) else 0
        )
    if rng.random() < 0.7:
        habits["social"] = rng.choice((1, 1, 2, 3)) if rng.random() < 0.6 else 0
    if rng.random() < 0.75:
        habits["news_avoided"] = rng.random() < (0.8 if in_window else 0.4)
    if rng.random() < 0.75:
        habits["social_media_avoided"] = rng.random() < (0.7 if in_window else 0.3)
    if rng.random() < 0.5:
        habits["hydration"] = rng.random() < (0.85 if in_window else 0.55)
    return habits


def _note(rng: random.Random, index: int | None) -> str:
    parts = [rng.choice(NOTE_OPENERS), rng.choice(NOTE_MIDDLES), rng.choice(NOTE_CLOSERS)]
    if index == 0:
        parts.insert(0, "Session day. Got a ride home and rested.")
    return " ".join(part for part in parts if part)


def _session(
    rng: random.Random,
    course: Course,
    number: int,
    day: date,
    mood: float,
    journal: Journal,
) -> Session:
    at = journal.clock.localize(datetime.combine(day, time(10, rng.choice((0, 15, 30)))))
    at = min(at, journal.clock.now().replace(second=0, microsecond=0))
    before = max(1, min(10, round(mood - 1.5 + rng.gauss(0, 0.7))))
    effects = [e for e in ("nausea", "dizziness", "headache", "drowsiness") if rng.random() < 0.2]
    aftercare = {
        "no_driving": True,
        "light_meal": rng.random() < 0.8,
        "rest_hydration": rng.random() < 0.9,
        "avoided_news": rng.random() < 0.7,
        "avoided_social_media": rng.random() < 0.6,
        "therapy_scheduled": rng.random() < 0.75,
        "follow_up_booked": rng.random() < 0.85,
    }
    return Session(
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        at=at,
        kind=course.kind,
        dose_mg=course.dose_mg if number > 2 or course.kind != "esketamine_nasal" else 56.0,
        provider="Riverside Clinic",
        mood_before=before,
        mood_after=max(1, min(10, before + rng.choice((1, 2, 2, 3)))),
        dissociation=rng.randint(2, 7),
        bp_before=f"{rng.randint(112, 132)}/{rng.randint(70, 84)}",
        bp_after=f"{rng.randint(125, 150)}/{rng.randint(78, 92)}",
        side_effects=effects,
        aftercare=aftercare,
        intention=rng.choice(INTENTIONS) if rng.random() < 0.8 else None,
        insights=rng.choice(INSIGHTS) if rng.random() < 0.8 else None,
    )


def _assessments(
    rng: random.Random, start: date, end: date, moods: dict[date, float]
) -> list[Assessment]:
    """PHQ-9 every 14 days and GAD-7 every 28, scores that follow the mood."""
    rows = []
    # Often at first (PHQ-9 fortnightly, GAD-7 monthly), then spaced out in maintenance.
    for instrument, every, later, items in (("phq9", 14, 42, 9), ("gad7", 28, 180, 7)):
        day = start + timedelta(days=1)
        first = True
        while day <= end:
            recent = [moods[d] for d in moods if 0 <= (day - d).days < 14]
            mood = sum(recent) / len(recent) if recent else 4.0
            level = max(0.0, min(3.0, (8.5 - mood) / 2.2))
            answers = [max(0, min(3, round(level + rng.gauss(0, 0.6)))) for _ in range(items)]
            if instrument == "phq9":
                answers[8] = 1 if first and (end - start).days >= 60 else 0
            total, severity = score(instrument, answers)
            rows.append(
                Assessment(
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    instrument,
                    day,
                    answers,
                    total,
                    severity,
                )
            )
            first = False
            day += timedelta(days=every if (day - start).days < 120 else later)
    return rows
