"""Sessions, History, Habits and the command palette, driven as a person would."""

from __future__ import annotations

from datetime import timedelta

from textual.command import CommandInput
from textual.widgets import DataTable, Input

from recovery_journal.clock import FixedClock
from recovery_journal.store import DayChanges, Journal
from recovery_journal.tui.dialogs.confirm import ChoiceModal
from recovery_journal.tui.dialogs.habit_form import HabitFormModal
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.day import DayScreen
from recovery_journal.tui.screens.habits import HabitsScreen
from recovery_journal.tui.screens.history import HistoryScreen
from recovery_journal.tui.screens.session_form import SessionFormScreen
from recovery_journal.tui.screens.sessions import SessionsScreen
from recovery_journal.tui.widgets.tri_toggle import TriToggle
from support import notifications


async def test_every_screen_opens_by_name_from_the_command_palette(
    memory_journal: Journal, clock: FixedClock
) -> None:
    from recovery_journal.tui.app import NAVIGATION

    app = create_app(memory_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for mode, name, _key, _ in NAVIGATION:
            await pilot.press("ctrl+p")
            await pilot.pause()
            # The name as pasted (one search, not one per letter typed).
            app.screen.query_one(CommandInput).value = name
            await pilot.pause()
            await app.workers.wait_for_complete()  # the palette's search, to its end
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert app.current_mode == mode, name
            assert app.screen.query_one("Header")


async def test_every_screen_has_its_function_key(
    memory_journal: Journal, clock: FixedClock
) -> None:
    from recovery_journal.tui.app import NAVIGATION

    app = create_app(memory_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for mode, _name, key, _ in reversed(NAVIGATION):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode


async def test_add_edit_and_delete_a_session(memory_journal: Journal, clock: FixedClock) -> None:
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
        form.query_one("#dose", Input).value = "84"
        form.query_one("#mood-before", Input).value = "3"
        form.query_one("#mood-after", Input).value = "6"
        form.query_one("#side-effects", Input).value = "nausea, Dizziness"
        form.query_one("#care-no_driving", TriToggle).value = True
        form.query_one("#care-light_meal", TriToggle).value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        [session] = memory_journal.sessions()
        assert session.kind == "esketamine_nasal"
        assert session.dose_mg == 84 and (session.mood_before, session.mood_after) == (3, 6)
        assert session.side_effects == ["nausea", "dizziness"]
        assert session.aftercare == {"no_driving": True, "light_meal": False}
        assert f"{session.at:%Y-%m-%d %H:%M}" == "2026-11-25 10:00"
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionFormScreen)
        app.screen.query_one("#dose", Input).value = "56"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert memory_journal.sessions()[0].dose_mg == 56

        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.click("#yes")
        await pilot.pause()
        assert memory_journal.sessions() == []


async def test_a_session_in_the_future_is_refused(
    memory_journal: Journal, clock: FixedClock
) -> None:
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#at", Input).value = "2027-01-01 10:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionFormScreen)
        assert any("in the future" in m for m in notifications(app))
    assert memory_journal.sessions() == []


async def test_history_lists_days_searches_notes_and_opens_a_day(
    memory_journal: Journal, clock: FixedClock
) -> None:
    today = clock.today()
    memory_journal.update_day(
        today - timedelta(days=2), DayChanges(fields={"mood": 4, "note": "Rain all day."})
    )
    memory_journal.update_day(
        today - timedelta(days=1), DayChanges(fields={"mood": 6, "note": "Walked by the river."})
    )
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 3  # today, not logged yet, is offered too
        assert str(table.get_row_at(0)[2]) == "not logged"
        assert str(table.get_row_at(1)[1]) == "6"  # newest first
        await pilot.press("ctrl+f", *"river")
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("enter")  # back to the table
        await pilot.press("enter")  # open the day
        await pilot.pause()
        day_screen = app.screen
        assert isinstance(day_screen, DayScreen)
        assert day_screen.day == today - timedelta(days=1)
        mood = day_screen.query_one("#mood", Input)
        assert mood.value == "6"
        mood.value = "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    saved = memory_journal.day(today - timedelta(days=1))
    assert saved is not None and saved.mood == 7 and saved.note == "Walked by the river."


async def test_add_a_habit_and_archiving_keeps_past_values(
    memory_journal: Journal, clock: FixedClock
) -> None:
    yesterday = clock.today() - timedelta(days=1)
    memory_journal.update_day(yesterday, DayChanges(fields={"mood": 5}, habits={"meditation": 20}))
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, HabitsScreen)
        await pilot.press("a")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, HabitFormModal)
        modal.query_one("#label", Input).value = "Hydration"
        modal.query_one("#key", Input).value = "hydration"
        await pilot.click("#save")
        await pilot.pause()
        added = memory_journal.habit("hydration")
        assert added is not None and added.kind == "done" and not added.built_in

        await pilot.press("home")  # meditation is the first row
        await pilot.press("x")
        await pilot.pause()
        meditation = memory_journal.habit("meditation")
        assert meditation is not None and meditation.archived
        await pilot.press("f2")
        await pilot.pause()
        assert not app.screen.query("#habit-meditation")  # archived: not offered today
        assert app.screen.query("#habit-hydration")
    past = memory_journal.day(yesterday)
    assert past is not None and past.habits == {"meditation": 20}


async def test_editing_a_session_keeps_what_the_cli_changed_meanwhile(
    journal_path, clock: FixedClock
) -> None:
    from dataclasses import replace

    from recovery_journal.model import Session

    with Journal.open(journal_path, clock) as journal:
        added = journal.add_session(
            Session(id="", at=clock.now().replace(hour=8), kind="esketamine_nasal", dose_mg=56)
        )
        app = create_app(journal, clock)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            with Journal.open(journal_path, clock) as other:
                other.update_session(added.id, lambda s: replace(s, provider="Riverside"))
            app.screen.query_one("#dose", Input).value = "84"
            await pilot.press("ctrl+s")
            await pilot.pause()
        [session] = journal.sessions()
    assert session.dose_mg == 84 and session.provider == "Riverside"


async def test_the_key_line_keeps_the_screens_in_order_wherever_the_focus_is(demo_app) -> None:
    """The order of the screens' keys is fixed (F2 … F9), also with focus in the note."""
    import re

    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for keys in ((), ("ctrl+n",), ("ctrl+s",), ("f6", "f2", "ctrl+n")):
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            line = str(demo_app.screen.query_one("KeyBar").render())
            assert line.startswith(" ^p Palette F1 Help"), line
            numbers = [int(n) for n in re.findall(r"\bF(\d)\b", line)]
            assert numbers[0] == 1 and numbers[1:] == sorted(numbers[1:]), line
