"""Never lose a word while Today is still building (issue 19, PRODUCT.md §10).

Today's form builds in steps after the first frame: the first row, then the habits, tags
and note with the day's values, then the draft question. These tests hold the build
between two steps (at `DayScreen._next_step`, the one place the steps meet) and type in
the gap, as a quick person does on a busy machine; then let it finish and check that every
key landed where it was typed, counts as a change, and is saved.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual import events
from textual.widgets import Input, TextArea

from recovery_journal.clock import FixedClock
from recovery_journal.store import DayChanges, Journal
from recovery_journal.tui.dialogs.confirm import ChoiceModal
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.day import DayScreen, TodayScreen
from recovery_journal.tui.screens.sessions import SessionsScreen
from support import answer, until


class HeldBuild:
    """The form's build steps, held until the test lets each one run."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.steps: list[tuple[DayScreen, Callable[[], object]]] = []
        held = self

        def hold(screen: DayScreen, step: Callable[[], object], now: bool = False) -> None:
            held.steps.append((screen, step))

        monkeypatch.setattr(DayScreen, "_next_step", hold)

    async def step(self, pilot) -> None:  # type: ignore[no-untyped-def]
        """Run the next held step, and let the app settle."""
        await until_held(pilot, self)
        screen, step = self.steps.pop(0)
        screen.call_later(step)
        await pilot.pause()
        await pilot.pause()

    async def finish(self, pilot) -> None:  # type: ignore[no-untyped-def]
        """Run the steps left (the draft question's is the last)."""
        for _ in range(3):
            if not self.steps:
                await pilot.pause()
            if self.steps:
                await self.step(pilot)


async def until_held(pilot, held: HeldBuild) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        if held.steps:
            return
        await pilot.pause(0.01)
    raise AssertionError("the form's build never reached its next step")


def burst(app, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Keys as a terminal sends them when typed fast: all queued before any is handled."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


TODAY = "note:2026-11-27"


async def test_a_mood_typed_before_the_first_row_is_there_lands_in_it(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldBuild(monkeypatch)
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await until_held(pilot, held)  # the first frame: header, footer, no field yet
        await pilot.press("7")
        await held.finish(pilot)
        assert app.screen.query_one("#mood", Input).value == "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = journal.day(clock.today())
    assert saved is not None and saved.mood == 7


async def test_a_mood_typed_between_the_steps_counts_as_unsaved(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldBuild(monkeypatch)
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await held.step(pilot)  # the first row is there, the rest not yet
        await pilot.press("5")
        await held.finish(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.query_one("#mood", Input).value == "5"
        assert screen.has_unsaved_changes()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)  # asked, not left
    assert journal.day(clock.today()) is None


async def test_ctrl_s_before_the_form_is_complete_saves_what_was_typed(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldBuild(monkeypatch)
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await held.step(pilot)
        await pilot.press("7", "ctrl+s")
        await held.finish(pilot)
        await pilot.pause()
    saved = journal.day(clock.today())
    assert saved is not None and saved.mood == 7


async def test_leaving_during_the_build_asks_once_the_form_is_there(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldBuild(monkeypatch)
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await held.step(pilot)
        await pilot.press("6", "f3")
        await held.finish(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await answer(pilot, "save")
        assert isinstance(app.screen, SessionsScreen)
    saved = journal.day(clock.today())
    assert saved is not None and saved.mood == 6


async def test_switching_screens_during_the_build_comes_back_to_a_whole_form(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.update_day(clock.today(), DayChanges(fields={"mood": 4, "note": "slept badly"}))
    held = HeldBuild(monkeypatch)
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await held.step(pilot)
        await pilot.press("f3")
        await held.finish(pilot)
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.query_one("#note", TextArea).text == "slept badly"
        assert not screen.has_unsaved_changes()


async def test_a_paste_into_the_note_before_it_is_filled_is_kept(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.update_day(clock.today(), DayChanges(fields={"mood": 4, "note": "Morning."}))
    held = HeldBuild(monkeypatch)
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await held.step(pilot)
        await pilot.press("ctrl+n")  # to the note, which is not there yet
        app.post_message(events.Paste(" Then a walk."))
        await pilot.pause()
        await held.finish(pilot)
        await pilot.pause()
        assert app.screen.query_one("#note", TextArea).text == "Morning. Then a walk."
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = journal.day(clock.today())
    assert saved is not None and saved.note == "Morning. Then a walk."


async def test_words_typed_before_the_draft_question_are_kept_with_the_draft(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.update_day(clock.today(), DayChanges(fields={"mood": 4}))
    journal.save_draft(TODAY, "What I wrote before the crash.", base="")
    held = HeldBuild(monkeypatch)
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await held.step(pilot)
        await held.step(pilot)  # the whole form is there; the draft question not yet
        await pilot.press("ctrl+n", "N", "o", "w", ".")
        await pilot.pause()
        await held.finish(pilot)
        assert isinstance(app.screen, ChoiceModal)
        await answer(pilot, "restore")
        note = app.screen.query_one("#note", TextArea).text
        assert note == "What I wrote before the crash.\nNow."


async def test_typing_after_decide_later_keeps_the_old_draft(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.update_day(clock.today(), DayChanges(fields={"mood": 4}))
    journal.save_draft(TODAY, "What I wrote before the crash.", base="")
    app = create_app(journal, clock)
    app.draft_every_seconds = 0.05
    async with app.run_test(size=(100, 30)) as pilot:
        await answer(pilot, "cancel")  # Decide later
        await pilot.press("ctrl+n", "h", "i")
        await until(pilot, lambda: "hi" in (journal.draft(TODAY) or ("",))[0])
        found = journal.draft(TODAY)
        assert found is not None and found[0] == "What I wrote before the crash.\nhi"
        await pilot.press("ctrl+s")  # the note "hi" is saved; the old draft still waits
        await pilot.pause()
        saved = journal.day(clock.today())
        assert saved is not None and saved.note == "hi"
        found = journal.draft(TODAY)
        assert found is not None and found[0] == "What I wrote before the crash."


async def test_tab_then_words_typed_at_once_land_in_the_field_tabbed_to(
    journal: Journal, clock: FixedClock
) -> None:
    # The tmux test's case: a logged day (no field selected), shift+tab twice to the note
    # and the words straight after, all sent before the app handles the first key.
    journal.update_day(clock.today(), DayChanges(fields={"mood": 6}))
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        burst(app, "shift+tab", "shift+tab", "h", "i")
        for _ in range(5):
            await pilot.pause()
        assert app.screen.query_one("#note", TextArea).text == "hi"


async def test_a_mood_then_f3_at_once_asks_first(journal: Journal, clock: FixedClock) -> None:
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        burst(app, "5", "f3")
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await answer(pilot, "cancel")
        assert app.screen.query_one("#mood", Input).value == "5"


async def test_f3_twice_while_asked_does_not_leave_without_an_answer(
    journal: Journal, clock: FixedClock
) -> None:
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("5", "f3")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)  # still asking
        await answer(pilot, "cancel")
        assert app.screen.query_one("#mood", Input).value == "5"


async def test_ctrl_n_then_words_at_once_land_in_the_note(
    journal: Journal, clock: FixedClock
) -> None:
    journal.update_day(clock.today(), DayChanges(fields={"mood": 6, "note": "Rain."}))
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        burst(app, "ctrl+n", " ", "o", "k")
        for _ in range(5):
            await pilot.pause()
        assert app.screen.query_one("#note", TextArea).text == "Rain. ok"


async def test_escape_twice_at_once_on_another_day_closes_that_day_only(
    journal: Journal, clock: FixedClock
) -> None:
    from datetime import timedelta

    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.open_day(clock.today() - timedelta(days=3))
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, DayScreen) and not isinstance(app.screen, TodayScreen)
        burst(app, "escape", "escape")
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.return_code is None  # still running, nothing popped too many


async def test_tab_typed_during_the_build_goes_to_the_first_field_as_on_screen(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A day already logged: nothing is focused, so Tab starts at the mood. Handed on
    # before the new fields had their places, Tab went to the first habit instead.
    journal.update_day(clock.today(), DayChanges(fields={"mood": 6}))
    held = HeldBuild(monkeypatch)
    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_held(pilot, held)
        burst(app, "tab", "8", "tab", "3")
        await pilot.pause()
        await held.finish(pilot)
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#mood", Input).value == "8"
        assert screen.query_one("#anxiety", Input).value == "3"
        assert screen.query_one("#habit-meditation", Input).value == ""


async def test_backspace_and_arrows_typed_during_the_build_act_in_their_place(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Handed on all at once, a key that works through a binding (Backspace, an arrow)
    # acted after the letters typed after it: "7 ⌫ 5" left 7, "ab⌫c" became "abc".
    held = HeldBuild(monkeypatch)
    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_held(pilot, held)
        burst(app, "7", "backspace", "5", "ctrl+n", *"sas", "backspace", "d", "enter")
        burst(app, *"tird", "left", "e", "home", "T", "delete")
        await pilot.pause()
        await held.finish(pilot)
        screen = app.screen
        await until(pilot, lambda: "T" in screen.query_one("#note", TextArea).text)
        await pilot.pause()
        assert screen.query_one("#mood", Input).value == "5"
        assert screen.query_one("#note", TextArea).text == "sad\nTired"


async def test_keys_held_during_the_build_go_to_the_note_not_to_the_draft_question(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.update_day(clock.today(), DayChanges(fields={"mood": 4}))
    journal.save_draft(TODAY, "What I wrote before the crash.", base="")
    first: list[tuple[DayScreen, Callable[[], object]]] = []

    def hold_the_first(screen: DayScreen, step: Callable[[], object], now: bool = False) -> None:
        if first:  # the rest of the build, the draft question too, at once
            screen.call_next(step)
        else:
            first.append((screen, step))

    monkeypatch.setattr(DayScreen, "_next_step", hold_the_first)
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: first)
        burst(app, "ctrl+n", *"Now, later.")
        await pilot.pause()
        screen, step = first[0]
        screen.call_later(step)
        await until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.pause()
        await answer(pilot, "restore")
        note = app.screen.query_one("#note", TextArea).text
        assert note == "What I wrote before the crash.\nNow, later."


async def test_a_draft_kept_before_the_question_shows_does_not_replace_the_old_one(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The question waits for the keys typed during the build to be handed on; a draft
    # kept meanwhile (every 2 s) wrote over the earlier run's, which was then never offered.
    journal.update_day(clock.today(), DayChanges(fields={"mood": 4}))
    journal.save_draft(TODAY, "What I wrote before the crash.", base="")
    held = HeldBuild(monkeypatch)
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await held.step(pilot)
        await held.step(pilot)  # the form is there; the question not yet
        await pilot.press("ctrl+n", *"Now.")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        screen.keep_draft()  # the draft's timer, before the question
        await held.finish(pilot)
        await until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await answer(pilot, "restore")
        assert screen.query_one("#note", TextArea).text == "What I wrote before the crash.\nNow."


async def test_keys_that_come_together_after_the_build_act_in_their_place(
    journal: Journal, clock: FixedClock
) -> None:
    # Keys typed while the app is busy (a save, a slow disk) reach it together: Backspace
    # then acted after the digit typed after it, on the whole form, not only while building.
    journal.update_day(clock.today(), DayChanges(fields={"mood": 6, "note": "Calm."}))
    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await until(pilot, lambda: not screen.holds_input)
        await pilot.pause()
        burst(app, "tab", "8", "backspace", "3", "ctrl+n", " ", "x", "backspace", "O", "k")
        note = screen.query_one("#note", TextArea)
        await until(pilot, lambda: note.text.endswith("k"))
        await pilot.pause()
        assert screen.query_one("#mood", Input).value == "3"
        assert note.text == "Calm. Ok"
