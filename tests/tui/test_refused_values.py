"""A refused value marks its field and says why beside it until it is changed; a long
paste in Tags is refused in a few words (issue 13, item 6)."""

from __future__ import annotations

from textual.widgets import Input, Static

from recovery_journal.clock import FixedClock
from recovery_journal.store import Journal
from recovery_journal.tui.factory import create_app
from support import notifications


def shown(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


async def test_a_refused_mood_is_marked_beside_the_field_until_changed(
    journal: Journal, clock: FixedClock
) -> None:
    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1", "1", "ctrl+s")
        await pilot.pause()
        mood = app.screen.query_one("#mood", Input)
        assert mood.has_class("field-refused")
        app.clear_notifications()  # the toast fades; the mark stays
        await pilot.pause()
        assert "mood must be a whole number from 1 to 10" in shown(app, "#mood-scale")
        await pilot.press("backspace")
        await pilot.pause()
        assert not mood.has_class("field-refused")
        assert "whole number" not in shown(app, "#mood-scale")
        assert "●" in shown(app, "#mood-scale")
    assert journal.day(clock.today()) is None


async def test_a_refused_sleep_shows_under_its_row(journal: Journal, clock: FixedClock) -> None:
    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#sleep", Input).focus()
        await pilot.press("3", "0", "ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#numbers-error", Static)
        assert error.display and "sleep" in str(error.render())
        await pilot.press("backspace")
        await pilot.pause()
        assert not error.display


async def test_a_long_paste_in_tags_is_refused_with_a_short_message(
    journal: Journal, clock: FixedClock
) -> None:
    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("6")
        app.screen.query_one("#tags", Input).value = "a long pasted text " * 4500  # ~84 KB
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = shown(app, "#tags-error")
        assert "too long for tags" in message and len(message) < 200
        assert all(len(m) < 200 for m in notifications(app))
    assert journal.day(clock.today()) is None


async def test_a_value_typed_just_before_ctrl_s_stays_marked(
    journal: Journal, clock: FixedClock
) -> None:
    """Typed (or pasted) and saved at once: the field's own change arrives after the save
    refused it, and must not wipe the mark the save just put there."""
    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        sleep = screen.query_one("#sleep", Input)
        mood = screen.query_one("#mood", Input)
        sleep.value = "30"
        mood.value = "11"
        screen.save()  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.pause()
        assert sleep.has_class("field-refused") and mood.has_class("field-refused")
        assert "sleep must be a number from 0 to 24" in shown(app, "#numbers-error")
        assert "mood must be a whole number" in shown(app, "#mood-scale")
        sleep.focus()
        await pilot.press("backspace")  # the sleep is changed: its mark goes, mood's stays
        await pilot.pause()
        assert not sleep.has_class("field-refused") and mood.has_class("field-refused")
    assert journal.day(clock.today()) is None


async def test_a_refused_habit_target_is_marked_until_it_is_changed(
    journal: Journal, clock: FixedClock
) -> None:
    from recovery_journal.tui.dialogs.habit_form import HabitFormModal

    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f9", "a")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, HabitFormModal)
        modal.query_one("#label", Input).value = "Glasses of water"
        modal.query_one("#key", Input).value = "water"
        modal.query_one("#kind").value = "count"  # type: ignore[attr-defined]
        target = modal.query_one("#target", Input)
        target.value = "2.5"
        target.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert target.has_class("field-refused")
        assert "whole number" in str(modal.query_one("#form-error", Static).render())
        await pilot.press("backspace", "backspace")  # now "2": the mark and the reason go
        await pilot.pause()
        assert not target.has_class("field-refused")
        assert "whole number" not in str(modal.query_one("#form-error", Static).render())
    assert journal.habit("water") is None
