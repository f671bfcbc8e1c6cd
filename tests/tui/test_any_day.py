"""Any day can be logged: ctrl+g "Go to date…", History's empty days, and a past day's
words spoken in the past (issue 13, item 4)."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import DataTable, Input, Static

from recovery_journal.clock import FixedClock
from recovery_journal.model import Session
from recovery_journal.store import DayChanges, Journal
from recovery_journal.tui.dialogs.go_to_date import GoToDateModal
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.day import DayScreen, TodayScreen
from support import Cli


async def test_ctrl_g_to_three_days_back_logs_that_day(
    journal: Journal, clock: FixedClock, cli: Cli
) -> None:
    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, GoToDateModal)
        await pilot.press(*"tuesday", "enter")  # Friday 27 Nov: Tuesday is the 24th
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DayScreen) and screen.day == date(2026, 11, 24)
        assert app.focused is screen.query_one("#mood", Input)  # the day has no mood yet
        await pilot.press("4", "ctrl+s")
        await pilot.pause()
    shown = cli("show", "--date", "2026-11-24", "--format", "json")
    assert shown.code == 0, shown.err
    assert shown.json()[0]["mood"] == 4
    assert cli("show", "--date", "2026-11-27", "--format", "json").json() == []


async def test_a_day_that_cannot_be_opened_is_marked_with_the_reason(
    journal: Journal, clock: FixedClock
) -> None:
    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g", *"2026-12-03", "enter")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, GoToDateModal)
        assert modal.query_one(Input).has_class("-invalid")
        assert "future" in str(modal.query_one("#form-error", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.focused is app.screen.query_one("#mood", Input)  # back where it was


async def test_a_past_session_day_speaks_in_the_past(journal: Journal, clock: FixedClock) -> None:
    when = clock.now() - timedelta(days=2)
    journal.add_session(Session(id="", at=when, kind="esketamine_nasal"))
    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g", *"2026-11-25", "enter")
        await pilot.pause()
        await pilot.pause()
        text = str(app.screen.query_one("#context", Static).render())
        assert "drive" not in text and "today" not in text
        assert "was a session day" in text


async def test_history_offers_empty_days_and_keeps_the_row_on_return(
    journal: Journal, clock: FixedClock
) -> None:
    journal.update_day(date(2026, 11, 20), DayChanges(fields={"mood": 5}))
    journal.update_day(date(2026, 11, 27), DayChanges(fields={"mood": 6}))
    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        keys = [row.key.value for row in table.ordered_rows]
        assert keys == [f"2026-11-{n}" for n in range(27, 19, -1)]  # the empty days too
        await pilot.press("down", "down", "down", "enter")  # Tue 24 Nov, not logged
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DayScreen) and app.screen.day == date(2026, 11, 24)
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.cursor_row == 3
