"""Check-ins: a questionnaire one item at a time, saved, and the safety message at once."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from recovery_journal.clock import FixedClock
from recovery_journal.store import Journal
from recovery_journal.tui.app import create_app
from recovery_journal.tui.screens.checkins import CheckinsScreen
from recovery_journal.tui.screens.questionnaire import QuestionnaireScreen


async def test_phq9_item_9_shows_the_safety_message_and_saves(
    memory_journal: Journal, clock: FixedClock
) -> None:
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, CheckinsScreen)
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        assert "Little interest or pleasure in doing things" in str(
            screen.query_one("#item", Static).render()
        )
        await pilot.press(*"00000000")
        safety = screen.query_one("#safety", Static)
        assert not safety.display
        await pilot.press("1")  # item 9: several days
        await pilot.pause()
        assert safety.display
        text = str(safety.render())
        assert "988" in text and "Nobody monitors this journal" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CheckinsScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert str(table.get_row_at(0)[4]) == "(!) 1"
    [saved] = memory_journal.assessments()
    assert saved.instrument == "phq9" and saved.total == 1 and saved.answers[8] == 1


async def test_gad7_with_a_step_back(memory_journal: Journal, clock: FixedClock) -> None:
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f7", "g")
        await pilot.pause()
        await pilot.press("3", "backspace", *"2222222")
        await pilot.pause()
        result = str(app.screen.query_one("#result", Static).render())
        assert "14 of 21" in result and "moderate" in result
        assert not app.screen.query_one("#safety", Static).display
    [saved] = memory_journal.assessments()
    assert saved.answers == [2] * 7 and saved.severity == "moderate"


async def test_leaving_half_way_asks_and_stores_nothing(
    memory_journal: Journal, clock: FixedClock
) -> None:
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f7", "p", "1", "2", "escape")
        await pilot.pause()
        await pilot.click("#discard")
        await pilot.pause()
        assert isinstance(app.screen, CheckinsScreen)
    assert memory_journal.assessments() == []


async def test_c_shows_the_scores_as_charts_with_bands(demo_app) -> None:
    async with demo_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        screen = demo_app.screen
        table = screen.query_one(DataTable)
        chart = screen.query_one("#scores-chart", Static)
        assert table.display and not chart.display
        for instrument, band in (("PHQ-9", "moderately severe"), ("GAD-7", "severe")):
            await pilot.press("c")
            await pilot.pause()
            await demo_app.workers.wait_for_complete()
            await pilot.pause()
            text = str(chart.render())
            assert chart.display and not table.display
            assert instrument in text and band in text
        await pilot.press("c")
        await pilot.pause()
        assert table.display and not chart.display
