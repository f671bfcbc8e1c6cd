"""A save from the app applies only what the person changed in the form they saw, and the
next words typed after ctrl+s land in the note (issue 12, items 1 and 2)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from recovery_journal.clock import FixedClock
from recovery_journal.store import DayChanges, Journal
from recovery_journal.tui.dialogs.confirm import ChoiceModal
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.day import TodayScreen
from support import answer, notifications, until


async def test_a_warned_save_then_leaving_never_lets_a_later_save_drop_cli_words(
    journal_path: Path, clock: FixedClock
) -> None:
    """The reported loss: warn, leave without saving, come back, the CLI appends Y, save."""
    with Journal.open(journal_path, clock) as journal:
        journal.update_day(clock.today(), DayChanges(fields={"mood": 6, "note": "morning"}))
        app = create_app(journal, clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            note = app.screen.query_one("#note", TextArea)
            note.load_text("morning, typed in the app")
            with Journal.open(journal_path, clock) as cli:
                cli.update_day(clock.today(), DayChanges(append_note="X from the CLI"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("f4")  # leave the day …
            await pilot.pause()
            if isinstance(app.screen, ChoiceModal):
                await answer(pilot, "discard")  # … without saving
            await pilot.press("f2")  # and come back
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen)
            with Journal.open(journal_path, clock) as cli:
                cli.update_day(clock.today(), DayChanges(append_note="Y from the CLI"))
            note = app.screen.query_one("#note", TextArea)
            note.load_text(note.text + "\n\nmore from the app")
            await pilot.press("ctrl+s")
            await pilot.pause()
        saved = journal.day(clock.today())
    assert saved is not None and saved.note is not None
    assert "X from the CLI" in saved.note
    assert "Y from the CLI" in saved.note
    assert "more from the app" in saved.note


async def test_leaving_without_saving_no_longer_says_a_draft_is_kept(
    journal: Journal, clock: FixedClock
) -> None:
    """After "Leave without saving" the draft is gone: the status line must not say it is kept."""
    from textual.widgets import Static

    journal.update_day(clock.today(), DayChanges(fields={"mood": 6, "note": "morning"}))
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n", "space", "x")
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        screen.keep_draft()
        assert "draft kept" in str(screen.query_one("#status", Static).render())
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        assert isinstance(app.screen, ChoiceModal)
        await answer(pilot, "discard")
        await pilot.press("f2")
        await pilot.pause()
        assert journal.draft(screen.draft_name) is None
        assert "draft kept" not in str(screen.query_one("#status", Static).render())


async def test_both_sides_adding_to_the_note_merge_without_asking(
    journal_path: Path, clock: FixedClock
) -> None:
    with Journal.open(journal_path, clock) as journal:
        journal.update_day(clock.today(), DayChanges(fields={"mood": 6, "note": "morning"}))
        app = create_app(journal, clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.screen.query_one("#note", TextArea).load_text("morning, then a walk")
            with Journal.open(journal_path, clock) as cli:
                cli.update_day(clock.today(), DayChanges(append_note="from the CLI"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            messages = notifications(app)
            assert messages == ["Saved Fri 27 Nov."]
            # The form now shows what was written, and is clean.
            assert app.screen.query_one("#note", TextArea).text == journal.day(clock.today()).note
            assert not app.screen.has_unsaved_changes()
            # Words typed at the end of a line stay on it; the CLI's paragraph follows.
        assert journal.day(clock.today()).note == "morning, then a walk\n\nfrom the CLI"


async def test_a_true_conflict_keeps_both_notes_and_says_so(
    journal_path: Path, clock: FixedClock
) -> None:
    with Journal.open(journal_path, clock) as journal:
        journal.update_day(clock.today(), DayChanges(fields={"mood": 6, "note": "first"}))
        app = create_app(journal, clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            with Journal.open(journal_path, clock) as cli:
                cli.update_day(clock.today(), DayChanges(fields={"note": "from the CLI"}))
            app.screen.query_one("#note", TextArea).load_text("from the app")
            await pilot.press("ctrl+s")
            await pilot.pause()
            messages = " ".join(notifications(app))
            assert "both" in messages.lower()
            assert not app.screen.has_unsaved_changes()
            await pilot.press("ctrl+s")  # a second save changes nothing
            await pilot.pause()
        saved = journal.day(clock.today())
    assert saved is not None and saved.note is not None
    other, _, mine = saved.note.partition("\n\n— ")
    assert other == "from the CLI"
    assert mine.endswith("from the app")


async def test_a_mood_changed_on_both_sides_keeps_the_persons_and_says_so(
    journal_path: Path, clock: FixedClock
) -> None:
    with Journal.open(journal_path, clock) as journal:
        journal.update_day(clock.today(), DayChanges(fields={"mood": 6}))
        app = create_app(journal, clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            with Journal.open(journal_path, clock) as cli:
                cli.update_day(clock.today(), DayChanges(fields={"mood": 3, "energy": 4}))
            app.screen.query_one("#mood", Input).value = "8"
            await pilot.press("ctrl+s")
            await pilot.pause()
            messages = " ".join(notifications(app))
            assert "mood" in messages.lower()
        saved = journal.day(clock.today())
    assert saved is not None and (saved.mood, saved.energy) == (8, 4)


async def test_words_typed_right_after_ctrl_s_stay_in_the_note(
    journal: Journal, clock: FixedClock
) -> None:
    journal.update_day(clock.today(), DayChanges(fields={"mood": 6}))
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        assert app.focused is app.screen.query_one("#note", TextArea)
        await pilot.press("o", "n", "e", "ctrl+s", "space", "t", "w", "o", "ctrl+s")
        await pilot.pause()
        note = app.screen.query_one("#note", TextArea)
        assert app.focused is note
        assert note.cursor_location == note.document.end
    saved = journal.day(clock.today())
    assert saved is not None and saved.note == "one two"


async def test_after_a_save_that_brought_cli_words_the_cursor_stays_in_the_persons_words(
    journal_path: Path, clock: FixedClock
) -> None:
    """Typing on after ctrl+s carries on the person's sentence, not after the CLI's words."""
    with Journal.open(journal_path, clock) as journal:
        journal.update_day(clock.today(), DayChanges(fields={"mood": 6, "note": "morning"}))
        app = create_app(journal, clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+n", "space", "w", "a", "l", "k")
            with Journal.open(journal_path, clock) as cli:
                cli.update_day(clock.today(), DayChanges(append_note="from the CLI"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("space", "o", "u", "t", "ctrl+s")
            await pilot.pause()
        saved = journal.day(clock.today())
    assert saved is not None and saved.note == "morning walk out\n\nfrom the CLI"


async def test_entering_a_note_with_text_puts_the_cursor_at_its_end(
    journal: Journal, clock: FixedClock
) -> None:
    journal.update_day(
        clock.today(), DayChanges(fields={"mood": 6, "note": "first line\nsecond line"})
    )
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.press("!", "ctrl+s")
        await pilot.pause()
        assert "^n" in str(app.screen.query_one("KeyBar").render())
    saved = journal.day(clock.today())
    assert saved is not None and saved.note == "first line\nsecond line!"


async def test_a_session_edited_in_the_app_keeps_insights_added_meanwhile_elsewhere(
    journal_path: Path, clock: FixedClock
) -> None:
    from dataclasses import replace

    from recovery_journal.model import Session

    with Journal.open(journal_path, clock) as journal:
        added = journal.add_session(
            Session(
                id="",
                at=clock.now().replace(hour=8),
                kind="esketamine_nasal",
                insights="calm",
                intention="rest",
            )
        )
        app = create_app(journal, clock)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            with Journal.open(journal_path, clock) as other:
                other.update_session(
                    added.id,
                    lambda s: replace(s, insights="calm\n\nlater, from the CLI", intention="go"),
                )
            app.screen.query_one("#insights", TextArea).load_text("calm, then I slept")
            app.screen.query_one("#intention", TextArea).load_text("be kind to myself")
            await pilot.press("ctrl+s")
            await pilot.pause()
            messages = " ".join(notifications(app))
            assert "intention also changed elsewhere" in messages
        [session] = journal.sessions()
    assert session.insights == "calm, then I slept\n\nlater, from the CLI"
    assert session.intention is not None
    assert session.intention.startswith("go\n\n— your words from the app")
    assert session.intention.endswith("be kind to myself")


async def test_entering_a_sessions_intention_or_insights_puts_the_cursor_at_the_end(
    journal: Journal, clock: FixedClock
) -> None:
    """Tabbing into a session's text that has words goes to their end, as the day note does."""
    from recovery_journal.model import Session

    journal.add_session(
        Session(id="", at=clock.now().replace(hour=8), kind="other", intention="rest",
                insights="calm\nslept")
    )  # fmt: skip
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        for area_id in ("intention", "insights"):
            app.screen.query_one(f"#{area_id}", TextArea).focus()
            await pilot.pause()
            await pilot.press("!")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [session] = journal.sessions()
    assert (session.intention, session.insights) == ("rest!", "calm\nslept!")


async def test_a_draft_brought_back_after_a_crash_keeps_what_the_cli_added_meanwhile(
    journal_path: Path, clock: FixedClock
) -> None:
    with Journal.open(journal_path, clock) as journal:
        journal.update_day(clock.today(), DayChanges(fields={"mood": 6, "note": "morning"}))
        app = create_app(journal, clock)
        app.draft_every_seconds = 0.05  # the form's timer, run sooner than every 2 s
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.screen.query_one("#note", TextArea).load_text("morning, typed before a crash")
            await until(pilot, lambda: journal.draft(f"note:{clock.today().isoformat()}"))
        # The app is gone without saving; the CLI appends meanwhile.
    with Journal.open(journal_path, clock) as cli:
        cli.update_day(clock.today(), DayChanges(append_note="from the CLI"))
    with Journal.open(journal_path, clock) as reopened:
        app = create_app(reopened, clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await until(pilot, lambda: isinstance(app.screen, ChoiceModal))
            assert isinstance(app.screen, ChoiceModal)
            await answer(pilot, "restore")
            await pilot.press("ctrl+s")
            await pilot.pause()
        saved = reopened.day(clock.today())
    assert saved is not None
    assert saved.note == "morning, typed before a crash\n\nfrom the CLI"
