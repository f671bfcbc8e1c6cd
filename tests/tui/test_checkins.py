"""Check-ins: a questionnaire one item at a time, saved, and the safety message at once."""

from __future__ import annotations

import io
from datetime import date

from textual.widgets import Button, DataTable, Static

from recovery_journal.assessments import new_assessment
from recovery_journal.clock import FixedClock
from recovery_journal.store import Journal
from recovery_journal.tui.dialogs.safety import SafetyModal
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.checkins import CheckinsScreen
from recovery_journal.tui.screens.questionnaire import QuestionnaireScreen
from recovery_journal.tui.widgets.key_bar import KeyBar
from support import answer, notifications


async def test_phq9_item_9_shows_the_safety_message_and_saves(
    memory_journal: Journal, clock: FixedClock
) -> None:
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
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
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        await pilot.press("2")  # item 9: more than half the days
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, SafetyModal)
        text = _text(modal)
        assert "988" in text and "Nobody monitors this journal" in text
        assert "in danger now, call your local emergency number" in text
        assert "PHQ-9 score: 2 of 27 — minimal" in text
        assert not notifications(app)  # no toast over it
        box = modal.query_one("#safety-dialog")
        assert box.has_focus
        assert box.region.bottom <= 24 and box.max_scroll_y == 0  # whole, at 80×24
        assert memory_journal.assessments() == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.stage == "review"
        assert memory_journal.assessments() == []
        await pilot.press("enter")
        await pilot.pause()
        assert screen.saved
        result = str(screen.query_one("#result", Static).render())
        assert "988" in result
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CheckinsScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert str(table.get_row_at(0)[4]) == "(!) 2"
    [saved] = memory_journal.assessments()
    assert saved.instrument == "phq9" and saved.total == 2 and saved.answers[8] == 2


async def test_the_safety_message_scrolls_in_a_small_terminal(
    memory_journal: Journal, clock: FixedClock
) -> None:
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(60, 14)) as pilot:
        await pilot.press("f7", "p", *"000000001")
        await pilot.pause()
        box = app.screen.query_one("#safety-dialog")
        assert box.max_scroll_y > 0 and box.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert box.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)


async def test_nothing_is_stored_before_enter_on_the_summary(
    memory_journal: Journal, clock: FixedClock
) -> None:
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7", "g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        await pilot.press("3", "backspace", *"2222222")
        await pilot.pause()
        assert screen.stage == "review"
        summary = _text(screen.query_one("#summary", Static))
        assert "Total: 14 of 21 — moderate" in summary
        assert summary.count("2 More than half the days") == 7
        assert memory_journal.assessments() == []
        # Escape goes back to the last question, answers kept; change it, see the summary.
        await pilot.press("escape")
        await pilot.pause()
        assert screen.stage == "asking" and screen.position == 6
        assert memory_journal.assessments() == []
        await pilot.press("backspace", "0")  # question 6 changed: back to the summary
        await pilot.pause()
        assert screen.stage == "review"
        assert "Total: 12 of 21 — moderate" in _text(screen.query_one("#summary", Static))
        assert memory_journal.assessments() == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.saved
        assert memory_journal.assessments() != []
        await pilot.press("enter")  # a second Enter does not save it again
        await pilot.pause()
    [saved] = memory_journal.assessments()
    assert saved.answers == [2, 2, 2, 2, 2, 0, 2] and saved.severity == "moderate"


async def test_leaving_half_way_offers_keep_answering_or_discard(
    memory_journal: Journal, clock: FixedClock
) -> None:
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7", "p", "1", "2", "escape")
        await pilot.pause()
        dialog = app.screen
        labels = [str(button.label) for button in dialog.query(Button)]
        assert labels == ["Keep answering", "Discard it"]
        await pilot.press("enter")  # the first choice: keep answering
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        assert screen.position == 2 and screen.answers[:2] == [1, 2]
        await pilot.press("f2")  # another screen asks the same
        await pilot.pause()
        await answer(pilot, "discard")
        assert not isinstance(app.screen, QuestionnaireScreen)
    assert memory_journal.assessments() == []


async def test_d_deletes_a_questionnaire_and_keep_it_keeps_it(
    memory_journal: Journal, clock: FixedClock
) -> None:
    older = new_assessment("phq9", date(2026, 11, 1), [1] * 8 + [2], "older-one")
    newer = new_assessment("gad7", date(2026, 11, 20), [0] * 7, "newer-one")
    memory_journal.add_assessment(older)
    memory_journal.add_assessment(newer)
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(DataTable)
        await pilot.press("down", "d")  # the second row: the older PHQ-9
        await pilot.pause()
        question = str(app.screen.query_one("#question").render())
        assert "PHQ-9 of 01 Nov 2026" in question
        await pilot.press("enter")  # the default is "Keep it"
        await pilot.pause()
        assert app.screen is screen
        assert len(memory_journal.assessments()) == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert [a.id for a in memory_journal.assessments()] == ["newer-one"]
        assert table.row_count == 1
        assert not screen.query_one("#safety-reminder").display  # its flag went with it


async def test_d_offers_nothing_in_a_read_only_review(demo_journal: Journal, clock) -> None:
    demo_journal.read_only = True
    app = create_app(demo_journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7", "d")
        await pilot.pause()
        assert isinstance(app.screen, CheckinsScreen)
        assert "Delete" not in str(app.screen.query_one(KeyBar).render())


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


def _text(widget) -> str:
    """All the words a widget (and the Static widgets in it) shows, as plain text."""
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())
    for child in [widget, *widget.query(Static)]:
        if isinstance(child, Static):
            console.print(child.content)
    return " ".join(console.export_text().split())
