"""Today with a treatment plan: the next planned session, and the after-care on a planned
session day (issue 17, item 3). Each journal is built by hand on a fixed clock."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from recovery_journal.clock import FixedClock
from recovery_journal.guidance import PLANNED_SESSION_DAY
from recovery_journal.model import Session
from recovery_journal.schedule import make_plan
from recovery_journal.store import Journal
from recovery_journal.store.plans import add_plan
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.day import TodayScreen

TUESDAY = FixedClock(datetime.fromisoformat("2026-12-01T09:30:00+01:00"))


async def context_text(journal: Journal, clock: FixedClock, size: tuple[int, int]) -> str:
    app = create_app(journal, clock)
    async with app.run_test(size=size) as pilot:
        for _ in range(100):  # until Today's form is filled (the machine may be busy)
            await pilot.pause()
            if isinstance(app.screen, TodayScreen) and app.screen.loaded is not None:
                break
        return str(app.screen.query_one("#context").render())


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-12-03", "Next session Thu 3 Dec — in 2 days."),
        ("2026-12-02", "Next session Wed 2 Dec — tomorrow."),
        ("2026-12-01", "Next session Tue 1 Dec — today."),
    ],
)
async def test_today_names_the_next_planned_session(start: str, expected: str) -> None:
    with Journal.open(":memory:", TUESDAY) as journal:
        add_plan(journal, make_plan(date.fromisoformat(start), every_days=7, count=4))
        shown = await context_text(journal, TUESDAY, (80, 24))
    assert expected in shown.splitlines()


async def test_no_plan_no_next_session_line() -> None:
    with Journal.open(":memory:", TUESDAY) as journal:
        assert "Next session" not in await context_text(journal, TUESDAY, (80, 24))


async def test_a_planned_session_today_brings_the_after_care() -> None:
    with Journal.open(":memory:", TUESDAY) as journal:
        add_plan(journal, make_plan(date(2026, 12, 1), template="iv-series"))
        shown = " ".join((await context_text(journal, TUESDAY, (80, 24))).split())
    assert "no driving until tomorrow, after a restful sleep" in shown
    assert "a light meal, nothing heavy" in shown
    assert "therapy in the next day or two" in shown


async def test_once_todays_session_is_logged_the_next_one_is_named() -> None:
    with Journal.open(":memory:", TUESDAY) as journal:
        add_plan(journal, make_plan(date(2026, 12, 1), template="iv-series"))
        journal.add_session(
            Session("", datetime.fromisoformat("2026-12-01T08:00:00+01:00"), "iv_ketamine")
        )
        shown = await context_text(journal, TUESDAY, (80, 24))
    flat = " ".join(shown.split())
    assert "Next session Thu 3 Dec — in 2 days." in shown.splitlines()
    assert " ".join(PLANNED_SESSION_DAY.split()) not in flat  # the session is done
    assert "no driving until tomorrow" in flat  # the session day's own after-care
