"""Today: the check-in a patient makes in a minute, saved and still there after a restart."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from recovery_journal.clock import FixedClock
from recovery_journal.store import Journal
from recovery_journal.tui.dialogs.confirm import ChoiceModal
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.day import DayScreen, TodayScreen
from recovery_journal.tui.screens.sessions import SessionsScreen
from recovery_journal.tui.widgets.tri_toggle import TriToggle
from support import answer, notifications, until


async def test_typing_a_mood_and_ctrl_s_saves_it_and_it_survives_a_restart(
    journal_path: Path, clock: FixedClock
) -> None:
    with Journal.open(journal_path, clock) as journal:
        app = create_app(journal, clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen)
            assert app.focused is not None and app.focused.id == "mood"
            await pilot.press("7", "ctrl+s")
            await pilot.pause()
            saved = journal.day(clock.today())
            assert saved is not None and saved.mood == 7
    with Journal.open(journal_path, clock) as reopened:
        app = create_app(reopened, clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.screen.query_one("#mood", Input).value == "7"


async def test_habits_tags_and_note_are_saved_as_typed(journal: Journal, clock: FixedClock) -> None:
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("6")
        screen.query_one("#habit-meditation", Input).value = "15"
        screen.query_one("#tags", Input).value = "Therapy, Movies / TV"
        screen.query_one("#habit-news_avoided", TriToggle).focus()
        await pilot.press("space")  # not logged → yes
        screen.query_one("#note", TextArea).load_text("Walked by the river.\nFelt lighter.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert notifications(app) == ["Saved Fri 27 Nov."]
    day = journal.day(clock.today())
    assert day is not None
    assert day.mood == 6
    assert day.habits == {"meditation": 15, "news_avoided": True}
    assert day.tags == ["therapy", "movies-tv"]
    assert day.note == "Walked by the river.\nFelt lighter."


async def test_a_bad_value_is_refused_with_the_models_message_and_nothing_saved(
    journal: Journal, clock: FixedClock
) -> None:
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("1", "1", "ctrl+s")
        await pilot.pause()
        messages = notifications(app)
        assert any("mood must be a whole number from 1 to 10" in m for m in messages)
    assert journal.day(clock.today()) is None


async def test_leaving_with_unsaved_changes_asks_first(journal: Journal, clock: FixedClock) -> None:
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("5", "f3")
        await until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        assert isinstance(app.screen, ChoiceModal)
        await answer(pilot, "cancel")  # Stay
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one("#mood", Input).value == "5"
        await pilot.press("f3")
        await pilot.pause()
        await answer(pilot, "discard")
        assert isinstance(app.screen, SessionsScreen)
    assert journal.day(clock.today()) is None


async def test_saving_from_the_question_saves_then_leaves(
    journal: Journal, clock: FixedClock
) -> None:
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("8", "f4")
        await pilot.pause()
        await answer(pilot, "save")
        assert app.current_mode == "history"
    saved = journal.day(clock.today())
    assert saved is not None and saved.mood == 8


async def test_a_note_being_typed_survives_a_crash_as_a_draft(
    journal_path: Path, clock: FixedClock
) -> None:
    with Journal.open(journal_path, clock) as journal:
        app = create_app(journal, clock)
        app.draft_every_seconds = 0.05  # the form's timer, run sooner than every 2 s
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DayScreen)
            screen.query_one("#note", TextArea).load_text("Talked with Sam about the session.")
            await until(pilot, lambda: journal.draft(f"note:{clock.today().isoformat()}"))
        # The app is gone without saving, as after a crash.
    with Journal.open(journal_path, clock) as reopened:
        assert reopened.day(clock.today()) is None
        app = create_app(reopened, clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await until(pilot, lambda: isinstance(app.screen, ChoiceModal))
            assert isinstance(app.screen, ChoiceModal)
            await answer(pilot, "restore")
            note = app.screen.query_one("#note", TextArea)
            assert note.text == "Talked with Sam about the session."
            await pilot.press("ctrl+s")
            await pilot.pause()
        saved = reopened.day(clock.today())
        assert saved is not None and saved.note == "Talked with Sam about the session."
        assert reopened.draft(f"note:{clock.today().isoformat()}") is None


async def test_an_untouched_note_keeps_its_exact_bytes(journal: Journal, clock: FixedClock) -> None:
    from recovery_journal.store import DayChanges

    original = "first line  \r\nsecond line\r\n"
    journal.update_day(clock.today(), DayChanges(fields={"note": original}))
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#mood", Input).value = "4"
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = journal.day(clock.today())
    assert saved is not None and saved.mood == 4 and saved.note == original


async def test_context_line_follows_the_treatment_calendar(
    journal: Journal, clock: FixedClock
) -> None:
    from datetime import datetime, timedelta

    from recovery_journal.model import Session

    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: not getattr(app.screen, "holds_input", True))  # built
        assert "Welcome" in str(app.screen.query_one("#context").render())
    at = clock.now() - timedelta(days=1)
    journal.add_session(Session(id="", at=at.replace(tzinfo=at.tzinfo), kind="esketamine_nasal"))
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: not getattr(app.screen, "holds_input", True))  # built
        context = app.screen.query_one("#context")
        assert context.border_title == "Day 1 after session 1 — integration window"
        assert "therapy session" in str(context.render())
    assert isinstance(at, datetime)


async def test_an_unusable_journal_closes_the_app_with_its_message(
    tmp_path: Path, clock: FixedClock
) -> None:
    import sqlite3

    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE days (x)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    app = create_app(lambda: Journal.open(path, clock), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.failure is not None and "newer version" in str(app.failure)
    assert app.return_code == 1
    assert path.read_bytes() == before


async def test_saving_keeps_what_another_copy_logged_meanwhile(
    journal_path: Path, clock: FixedClock
) -> None:
    from recovery_journal.store import DayChanges

    with Journal.open(journal_path, clock) as journal:
        journal.update_day(clock.today(), DayChanges(fields={"mood": 6, "note": "morning words"}))
        app = create_app(journal, clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            with Journal.open(journal_path, clock) as other:  # e.g. the CLI, meanwhile
                other.update_day(
                    clock.today(),
                    DayChanges(append_note="evening words", add_tags=["cli"]),
                )
            app.screen.query_one("#energy", Input).value = "7"
            await pilot.press("ctrl+s")
            await pilot.pause()
        day = journal.day(clock.today())
    assert day is not None
    assert (day.mood, day.energy) == (6, 7)
    assert day.note == "morning words\n\nevening words" and day.tags == ["cli"]


async def test_a_note_changed_elsewhere_keeps_both_texts_and_a_second_save_changes_nothing(
    journal_path: Path, clock: FixedClock
) -> None:
    from recovery_journal.store import DayChanges

    with Journal.open(journal_path, clock) as journal:
        journal.update_day(clock.today(), DayChanges(fields={"mood": 6, "note": "first"}))
        app = create_app(journal, clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            with Journal.open(journal_path, clock) as other:
                other.update_day(clock.today(), DayChanges(fields={"note": "from the CLI"}))
            app.screen.query_one("#note", TextArea).load_text("from the app")
            await pilot.press("ctrl+s")
            await pilot.pause()
            both = "from the CLI\n\n— your words from the app, 09:30 —\nfrom the app"
            assert journal.day(clock.today()).note == both
            assert journal.draft(f"note:{clock.today().isoformat()}") is None
            assert any("Both are kept" in m for m in notifications(app))
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert journal.day(clock.today()).note == both


async def test_clearing_every_field_leaves_no_empty_check_in(
    journal: Journal, clock: FixedClock
) -> None:
    from recovery_journal.store import DayChanges

    journal.update_day(clock.today(), DayChanges(fields={"mood": 6}))
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#mood", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert journal.day(clock.today()) is None


async def test_a_decimal_in_a_count_is_refused_not_saved_as_another_number(
    journal: Journal, clock: FixedClock
) -> None:
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("6")
        app.screen.query_one("#habit-social", Input).focus()
        await pilot.press("2", ".", "5")
        assert app.screen.query_one("#habit-social", Input).value == "2.5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("whole number" in m for m in notifications(app))
    assert journal.day(clock.today()) is None


async def test_a_long_habit_label_ends_in_an_ellipsis_not_cut_silently(
    journal: Journal, clock: FixedClock
) -> None:
    from recovery_journal.model import Habit

    journal.add_habit(Habit("water", "Glasses of water with the evening medication", "count", 2))
    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        strips = app.screen._compositor.render_strips()
        row = next(s.text for s in strips if "Glasses of water" in s.text)
        assert "Glasses of water with the" in row
        assert "…" in row  # the rest of the label is said to be there
