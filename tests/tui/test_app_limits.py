"""The app meets the model's limits (issue 12 item 15, issue 15 item 4): a clear message,
nothing saved, the app keeps running."""

from __future__ import annotations

from textual.widgets import Input

from recovery_journal import model
from recovery_journal.clock import FixedClock
from recovery_journal.model import Habit
from recovery_journal.store import Journal
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.habits import HabitsScreen
from recovery_journal.tui.screens.session_form import SessionFormScreen
from recovery_journal.tui.screens.sessions import SessionsScreen
from support import notifications


async def test_a_provider_over_the_models_limit_is_refused_in_the_session_form(
    memory_journal: Journal, clock: FixedClock
) -> None:
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SessionFormScreen)
        form.query_one("#at", Input).value = "2026-11-25 10:00"
        form.query_one("#provider", Input).value = "p" * (model.PROVIDER_MAX_CHARS + 1)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionFormScreen)  # still open, nothing lost
        assert memory_journal.sessions() == []


async def test_restoring_a_habit_past_the_cap_says_so_and_keeps_it_archived(
    memory_journal: Journal, clock: FixedClock
) -> None:
    memory_journal.update_habit("meditation", archived=True)
    active = len(memory_journal.habits(include_archived=False))
    for i in range(model.MAX_ACTIVE_HABITS - active):
        memory_journal.add_habit(Habit(f"h{i}", f"Habit {i}", "done"))
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, HabitsScreen)
        await pilot.press("home")  # meditation is the first row
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, HabitsScreen)
        messages = notifications(app)
        assert any(f"at most {model.MAX_ACTIVE_HABITS} active" in m for m in messages)
    meditation = memory_journal.habit("meditation")
    assert meditation is not None and meditation.archived
