"""Trends and Insights: charts by range and kind, and the analysis in words."""

from __future__ import annotations

from textual.widgets import Static

from recovery_journal.tui.app import RecoveryJournalApp
from recovery_journal.tui.screens.insights import InsightsScreen
from recovery_journal.tui.screens.trends import TrendsScreen


async def _drawn(pilot) -> str:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return str(pilot.app.screen.query_one("#chart", Static).render())


async def test_every_chart_and_range_draws(demo_app: RecoveryJournalApp) -> None:
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        assert isinstance(demo_app.screen, TrendsScreen)
        text = await _drawn(pilot)
        assert "Mood" in text and "#" in text  # session markers are labelled
        for key, expected in (
            ("h", "Habits"),
            ("r", "after a session"),
            ("p", "PHQ-9"),
            ("g", "GAD-7"),
            ("m", "Mood"),
        ):
            await pilot.press(key)
            text = await _drawn(pilot)
            assert expected in text and "could not be drawn" not in text, key
        ranges = []
        for key in "1234":
            await pilot.press(key)
            ranges.append(await _drawn(pilot))
            assert "Mood" in ranges[-1] and "could not be drawn" not in ranges[-1], key
        assert len(set(ranges)) == 4  # each range key draws its own range


async def test_an_empty_journal_gets_a_kind_message(empty_app: RecoveryJournalApp) -> None:
    async with empty_app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        text = await _drawn(pilot)
        assert "No moods logged in this range yet" in text
        assert "could not be drawn" not in text


async def test_insights_speak_in_words_and_the_window_can_change(
    demo_app: RecoveryJournalApp,
) -> None:
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, InsightsScreen)
        text = str(screen.query_one("#insights-text", Static).render())
        assert "session day" in text and "not proof of cause" in text
        await pilot.press("plus")
        await pilot.pause()
        assert screen.window_days == 4
        assert "4 days" in str(screen.query_one("#insights-text", Static).render())


async def test_trends_opens_on_a_range_that_holds_the_data_and_marks_the_choice(
    memory_journal, clock
) -> None:
    """A month of data opens on "all" (90 days would leave two thirds empty); the chosen
    range and chart carry a ● (not only a colour); the weeks' axis names two dates."""
    from datetime import timedelta

    from recovery_journal.store import DayChanges
    from recovery_journal.tui.factory import create_app

    for n in range(30):
        memory_journal.update_day(
            clock.today() - timedelta(days=n),
            DayChanges(fields={"mood": 5 + n % 3}, habits={"exercise": n % 2 * 20}),
        )
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await _drawn(pilot)
        choices = str(app.screen.query_one("#trends-choices", Static).render())
        assert "● 4 all" in choices and "● m Mood" in choices
        assert choices.count("●") == 2
        await pilot.press("h", "1")
        axis = (await _drawn(pilot)).splitlines()[-2].split()
        assert len(axis) >= 2 and axis[:2] != axis[2:4], axis
