"""Words that look like markup are shown as written, everywhere; a crash never shows them.

Textual reads `[b]…[/b]` in many strings; a note saying `Loved work [/sarcasm]` used to close
the app with a traceback that printed the note (issue 12, item 4).
"""

from __future__ import annotations

import dataclasses
import json
import stat
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from recovery_journal.clock import FixedClock
from recovery_journal.demo import build_demo
from recovery_journal.store import DayChanges, Journal
from recovery_journal.tui.app import RecoveryJournalApp
from recovery_journal.tui.factory import create_app

SARCASM = "Loved work [/sarcasm]"
BOLD = "[bold]x[/bold]"
LINK = "[link=http://x]y[/link]"
CLICK = "[@click=app.quit]z[/]"
SAMPLES = (SARCASM, BOLD, LINK, CLICK)
ESCAPE = "\x1b[2J\x1b]0;owned\x07"  # clear the screen, set the window title, ring


def screen_text(app: RecoveryJournalApp) -> str:
    """What the terminal shows now, as plain lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def mark_up(journal: Journal, clock: FixedClock) -> None:
    """Every kind of text a person writes, each holding something that looks like markup."""
    today = clock.today()
    for back, sample in enumerate(SAMPLES):
        journal.update_day(
            today - timedelta(days=back),
            DayChanges(fields={"mood": 6, "note": sample}, add_tags=[sample]),
        )
    journal.update_day(today - timedelta(days=4), DayChanges(fields={"note": f"bell {ESCAPE}"}))
    renamed = {"meditation": SARCASM, "exercise": BOLD, "social": CLICK}
    for key, label in renamed.items():
        journal.update_habit(key, label=label)
    session = journal.sessions()[-1]
    journal.update_session(
        session.id,
        lambda current: dataclasses.replace(current, intention=SARCASM, insights=LINK),
    )


@pytest.fixture
def marked_path(tmp_path: Path, clock: FixedClock) -> Path:
    """A demo journal in a folder whose name looks like markup, with marked-up words."""
    path = tmp_path / "Loved [/sarcasm]" / "journal.db"
    with Journal.open(path, clock) as journal:
        build_demo(journal, days=60, seed=3)
        mark_up(journal, clock)
    return path


@pytest.fixture
def marked(marked_path: Path, clock: FixedClock) -> Iterator[Journal]:
    with Journal.open(marked_path, clock) as journal:
        yield journal


async def visit(pilot, key: str) -> str:
    await pilot.press(key)
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen_text(pilot.app)


async def test_every_screen_shows_marked_up_words_as_written(
    marked: Journal, clock: FixedClock
) -> None:
    app = create_app(marked, clock)
    async with app.run_test(size=(160, 60), notifications=True) as pilot:
        await pilot.pause()
        today = screen_text(app)
        assert SARCASM in today  # the note, and the habit's label
        assert BOLD in today and CLICK in today  # habit labels
        history = await visit(pilot, "f4")
        for sample in SAMPLES:
            assert sample in history
        assert "bell ␛[2J␛]0;owned␇" in history  # codes are drawn, not sent
        habits = await visit(pilot, "f9")
        assert SARCASM in habits and BOLD in habits and CLICK in habits
        sessions = await visit(pilot, "f3")
        assert "#" in sessions
        await pilot.press("enter")  # the newest session: its intention and insights
        await pilot.pause()
        form = screen_text(app)
        assert SARCASM in form and LINK in form
        assert SARCASM in await visit(pilot, "f5") + await visit(pilot, "h")  # habits chart
        insights = await visit(pilot, "f6")
        assert SARCASM in insights
        await visit(pilot, "f7")
        assert "Loved [/sarcasm]" in await visit(pilot, "f1")  # where the journal lives
        await visit(pilot, "f8")
        assert app.is_running
    assert app.return_code in (None, 0)


async def test_help_names_a_journal_path_with_backticks_and_brackets_as_it_is(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "my `notes` [b]" / "journal.db"
    with Journal.open(path, clock) as journal:
        app = create_app(journal, clock)
        async with app.run_test(size=(200, 40), notifications=True) as pilot:
            assert "my `notes` [b]/journal.db" in await visit(pilot, "f1")


async def test_history_search_for_markup_is_shown_as_typed(
    marked: Journal, clock: FixedClock
) -> None:
    app = create_app(marked, clock)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await visit(pilot, "f4")
        await pilot.press("ctrl+f")
        for character in "[/x]":
            await pilot.press(character)
        await pilot.pause()
        assert "match “[/x]”" in screen_text(app)
        assert app.is_running


async def test_habit_dialog_and_notifications_show_a_label_as_written(
    marked: Journal, clock: FixedClock
) -> None:
    app = create_app(marked, clock)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await visit(pilot, "f9")
        await pilot.press("enter")  # edit the first habit, labelled SARCASM
        await pilot.pause()
        assert f"Edit {SARCASM}" in screen_text(app)
        await pilot.press("enter")  # save it unchanged
        await pilot.pause()
        await pilot.press("x")  # archive it: "<label> archived; …" in a notification
        await pilot.pause()
        await pilot.pause()
        assert f"{SARCASM} archived" in screen_text(app)
        assert app.is_running


async def test_export_and_import_messages_show_paths_as_written(
    marked: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    from textual.widgets import Input

    folder = tmp_path / "out [/sarcasm]"  # a folder `out [` holding `sarcasm]`
    folder.mkdir(parents=True)
    app = create_app(marked, clock)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await visit(pilot, "f8")
        screen = app.screen
        screen.query_one("#output", Input).value = str(folder / "[bold]r[/bold].html")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert "[bold]r[/bold].html" in screen_text(app)
        screen.query_one("#import-path", Input).value = str(folder / "[/nope].json")
        screen.run_import(dry_run=True)  # no such file: the message names it
        await pilot.pause()
        assert "[/nope].json" in screen_text(app)
        assert app.is_running


async def test_review_of_a_marked_up_file_shows_it_as_written(
    marked: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    from recovery_journal.report import export
    from recovery_journal.service.review import load_review

    target = tmp_path / "[red]notes[link=x].json"
    export(marked, "json", output=target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert SARCASM in json.dumps(data)  # the file holds the words as written
    reviewed = load_review(target, clock)
    app = create_app(reviewed, clock, review_of=target)
    try:
        async with app.run_test(size=(160, 60), notifications=True) as pilot:
            await pilot.pause()
            assert "[red]notes[link=x].json" in screen_text(app)  # the Overview
            history = await visit(pilot, "f4")
            assert SARCASM in history
            for sample in SAMPLES:
                assert sample in history
            assert SARCASM in await visit(pilot, "f9")
            assert SARCASM in await visit(pilot, "f6")
            await visit(pilot, "f3")
            await visit(pilot, "f5")
            await visit(pilot, "f7")
            await visit(pilot, "f8")
            await visit(pilot, "f1")
            assert app.is_running
    finally:
        reviewed.close()


async def test_an_unexpected_error_leaves_a_private_crash_file_and_shows_no_words(
    marked: Journal,
    marked_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    from recovery_journal.tui.screens.history import HistoryScreen

    def broken(self: HistoryScreen) -> None:
        raise RuntimeError(f"could not show {self.journal.day(clock.today()).note}")

    monkeypatch.setattr(HistoryScreen, "reload", broken)
    app = create_app(marked, clock)
    with pytest.raises(RuntimeError):  # the test harness re-raises it; a person never sees it
        async with app.run_test(size=(160, 40), notifications=True) as pilot:
            await pilot.press("f4")
            await pilot.pause()
    assert app.return_code == 1
    crashes = list(marked_path.parent.glob("crash-*.txt"))
    assert len(crashes) == 1
    assert stat.S_IMODE(crashes[0].stat().st_mode) == 0o600
    details = crashes[0].read_text(encoding="utf-8")
    assert "Traceback" in details and "RuntimeError" in details and "broken" in details
    assert app.failure is not None
    message = str(app.failure)
    assert str(crashes[0]) in message and "nothing you saved is lost" in message
    printed = capfd.readouterr()
    for sample in SAMPLES:
        assert sample not in printed.out + printed.err + message
    assert "Traceback" not in printed.err


async def test_control_characters_never_reach_the_terminal(
    memory_journal: Journal, clock: FixedClock
) -> None:
    from textual.widgets import TextArea

    from recovery_journal.model import Session

    note = f"bell {ESCAPE} end"
    memory_journal.update_day(clock.today(), DayChanges(fields={"mood": 5, "note": note}))
    memory_journal.update_habit("meditation", label=f"Sit {ESCAPE}")
    memory_journal.add_session(
        Session(id="", at=clock.now(), kind="esketamine_nasal", provider=f"Clinic {ESCAPE}")
    )
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.pause()
        today = screen_text(app)
        assert "bell [2J]0;owned end" in today  # the note, as stored, without its codes
        assert "Sit ␛[2J␛]0;owned␇" in today  # a label: the codes drawn as symbols
        assert app.screen.query_one("#note", TextArea).text == note  # kept byte for byte
        screens = [today]
        for key in ("f4", "f9", "f6", "f3"):
            screens.append(await visit(pilot, key))
        await pilot.press("enter")  # the session: its provider
        await pilot.pause()
        screens.append(screen_text(app))
        assert "Clinic [2J]0;owned" in screens[-1]
    for text in screens:
        assert not any(character in text for character in "\x1b\x07"), text
