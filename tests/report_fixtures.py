"""Small fixed journals for the report, export and import tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from recovery_journal import assessments
from recovery_journal.model import Assessment, Day, Habit, Session
from recovery_journal.store import Journal

MARKER = "zqxmarker"


def fill_small(journal: Journal, marker: str = "") -> None:
    """Ten days, two sessions, three questionnaires (one with item 9 above 0), a custom habit.

    With `marker`, the marker string is put in every free-text field.
    """
    m = marker
    key = f"{m}habit" if m else "hydration"
    journal.add_habit(Habit(key, f"{m.upper()} Label" if m else "Hydration", "done"))
    if m:
        journal.update_habit("meditation", label=f"Meditation {m.upper()} app")
    start = date(2026, 11, 1)
    with journal.writing():
        for offset in range(10):
            day = start + timedelta(days=offset)
            journal.put_days(
                [
                    Day(
                        day,
                        mood=3 + offset % 6,
                        anxiety=offset % 4,
                        energy=4 + offset % 3,
                        sleep_hours=6.5 + offset % 3 / 2,
                        habits={
                            "meditation": float(10 * (offset % 3)),
                            "exercise": 30.0 if offset % 2 else 0.0,
                            "news_avoided": offset % 2 == 0,
                            key: offset % 3 != 0,
                        },
                        tags=["therapy", f"{m}tag"]
                        if m
                        else (["therapy"] if offset % 4 == 0 else []),
                        note=f"Day {offset} {m} note\r\nline two  " if offset % 3 else None,
                    )
                ]
            )
    tz = journal.clock.now().tzinfo
    for number, offset in enumerate((2, 6), start=1):
        journal.add_session(
            Session(
                f"00000000-0000-4000-8000-00000000000{number}",
                datetime(2026, 11, 1 + offset, 10, 0, tzinfo=tz),
                "esketamine_nasal",
                dose_mg=84,
                provider=f"Clinic {m}" if m else "Riverside Clinic",
                mood_before=3,
                mood_after=6,
                dissociation=4,
                bp_before="187/113" if m else "128/82",
                bp_after="131/85",
                side_effects=["nausea", f"{m}effect"] if m else ["nausea"],
                aftercare={"no_driving": True, "light_meal": number == 1, "rest_hydration": True},
                intention=f"Intention {m}" if m else "Stay curious.",
                insights=f"Insight {m}" if m else "Felt lighter <b>after</b>.",
            )
        )
    for aid, instrument, day, answers in (
        ("a1", "phq9", date(2026, 11, 1), [2, 2, 2, 1, 1, 1, 1, 1, 1]),
        ("a2", "gad7", date(2026, 11, 1), [2, 2, 1, 1, 1, 1, 1]),
        ("a3", "phq9", date(2026, 11, 9), [1, 1, 1, 0, 0, 1, 0, 0, 0]),
    ):
        total, severity = assessments.score(instrument, answers)
        journal.add_assessment(Assessment(aid, instrument, day, answers, total, severity))
