"""Today at 80×24 with a treatment plan on a session day: the next-session line, the
session day's after-care and the prompts' offer all fit, and the Note's box is still on
screen with a line to type in (issue 17, QA)."""

from __future__ import annotations

from datetime import date, datetime

from recovery_journal.clock import FixedClock
from recovery_journal.model import Session
from recovery_journal.schedule import make_plan
from recovery_journal.store import Journal
from recovery_journal.store.plans import add_plan
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.day import TodayScreen

TUESDAY = FixedClock(datetime.fromisoformat("2026-12-01T12:30:00+01:00"))


async def test_a_session_day_with_a_plan_keeps_the_note_on_screen() -> None:
    from textual.widgets import TextArea

    with Journal.open(":memory:", TUESDAY) as journal:
        add_plan(journal, make_plan(date(2026, 12, 1), template="spravato"))
        journal.add_session(
            Session("", datetime.fromisoformat("2026-12-01T10:00:00+01:00"), "esketamine_nasal")
        )
        app = create_app(journal, TUESDAY)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(100):  # until Today's form is filled (the machine may be busy)
                await pilot.pause()
                if isinstance(app.screen, TodayScreen) and app.screen.loaded is not None:
                    break
            await pilot.pause()
            shown = str(app.screen.query_one("#context").render())
            flat = " ".join(shown.split())
            assert "Next session Fri 4 Dec — in 3 days." in shown.splitlines()
            assert "no driving until tomorrow" in flat
            assert "ctrl+t" in flat  # the prompts are offered on a session day
            note = app.screen.query_one("#note", TextArea)
            visible = note.region
            for holder in note.ancestors:  # what the scrolling form and the screen show of it
                if hasattr(holder, "region"):
                    visible = visible.intersection(holder.region)
            # The box's top border and at least one line to type in are on screen.
            assert visible.height >= 2, (note.region, app.screen.region)
