"""Integration prompts on Today after a session, and the Sessions screen's Themes view."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import Static, TextArea

from recovery_journal.clock import FixedClock
from recovery_journal.model import Session
from recovery_journal.prompts import PROMPTS, offers_prompts, with_prompt
from recovery_journal.store import DayChanges, Journal
from recovery_journal.tui.dialogs.prompt_choice import PromptChoiceModal
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.themes import ThemesScreen


def session_days_ago(journal: Journal, clock: FixedClock, days: int, **fields: str) -> None:
    at = clock.now().replace(hour=8, minute=0) - timedelta(days=days)
    journal.add_session(Session(id="", at=at, kind="esketamine_nasal", **fields))  # type: ignore[arg-type]


def key_line(app: object) -> str:
    return str(app.screen.query_one("KeyBar").render())  # type: ignore[attr-defined]


def context_panel(app: object) -> str:
    return str(app.screen.query_one("#context", Static).render())  # type: ignore[attr-defined]


def test_prompt_days_are_the_session_day_and_days_1_and_7() -> None:
    clock = FixedClock(datetime.fromisoformat("2026-11-27T09:30:00+01:00"))
    sessions = [Session(id="s", at=clock.now().replace(day=20, hour=8), kind="other")]
    offered = [
        day for day in range(19, 30) if offers_prompts(clock.today().replace(day=day), sessions)
    ]
    assert offered == [20, 21, 27]


def test_a_prompt_is_only_added_after_the_note() -> None:
    assert with_prompt("", "Q?") == "Q?\n"
    assert with_prompt("Felt calm.", "Q?") == "Felt calm.\n\nQ?\n"
    assert with_prompt("Felt calm.\n", "Q?") == "Felt calm.\n\nQ?\n"
    assert with_prompt("Felt calm.\n\n", "Q?") == "Felt calm.\n\nQ?\n"


async def test_prompts_are_offered_on_day_1_and_one_goes_at_the_end_of_the_note(
    journal_path: Path, clock: FixedClock
) -> None:
    with Journal.open(journal_path, clock) as journal:
        session_days_ago(journal, clock, 1)
        journal.update_day(clock.today(), DayChanges(fields={"mood": 6, "note": "Slept well."}))
        app = create_app(journal, clock)
        async with app.run_test(size=(110, 40)) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert "ctrl+t offers a few questions" in context_panel(app)
            assert "Prompts" in key_line(app)
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert isinstance(app.screen, PromptChoiceModal)
            await pilot.press("down", "down", "enter")  # "What feels different now?"
            await pilot.pause()
            note = app.screen.query_one("#note", TextArea)
            assert note.text == f"Slept well.\n\n{PROMPTS[2]}\n"
            assert app.focused is note
            assert note.cursor_location == note.document.end
            await pilot.press(*"Lighter.", "ctrl+s")
            await pilot.pause()
        day = journal.day(clock.today())
    assert day is not None and day.note == f"Slept well.\n\n{PROMPTS[2]}\nLighter."


async def test_escape_in_the_prompts_adds_nothing(journal: Journal, clock: FixedClock) -> None:
    session_days_ago(journal, clock, 0)
    app = create_app(journal, clock)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#note", TextArea).text == ""


async def test_no_prompts_on_day_3(journal: Journal, clock: FixedClock) -> None:
    session_days_ago(journal, clock, 3)
    app = create_app(journal, clock)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "ctrl+t" not in context_panel(app)
        assert "Prompts" not in key_line(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not isinstance(app.screen, PromptChoiceModal)
        assert app.screen.query_one("#note", TextArea).text == ""


async def test_themes_shows_every_intention_and_insight_oldest_first(
    journal: Journal, clock: FixedClock
) -> None:
    session_days_ago(journal, clock, 10, intention="[b]Be kind[/b] to myself", insights="Grief")
    session_days_ago(journal, clock, 6, intention="Let go", insights="Less grief, more space")
    session_days_ago(journal, clock, 2, intention="Stay curious")
    app = create_app(journal, clock)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert "Themes" in key_line(app)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ThemesScreen)
        shown = [str(widget.render()) for widget in app.screen.query(Static)]
        text = "\n".join(shown)
        titles = [line for line in shown if line.startswith("Session ")]
        assert titles == [
            "Session 1 · Tue 17 Nov 2026 · Esketamine (nasal)",
            "Session 2 · Sat 21 Nov 2026 · Esketamine (nasal)",
            "Session 3 · Wed 25 Nov 2026 · Esketamine (nasal)",
        ]
        for words in ("[b]Be kind[/b] to myself", "Grief", "Let go", "Stay curious"):
            assert words in text  # as written: never read as markup
        assert "Less grief, more space" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "sessions" and not isinstance(app.screen, ThemesScreen)


async def test_themes_in_review_and_no_prompts_there(clock: FixedClock, tmp_path: Path) -> None:
    from recovery_journal.report import export
    from recovery_journal.service.review import load_review

    with Journal.open(tmp_path / "theirs.db", clock) as theirs:
        session_days_ago(theirs, clock, 1, intention="Feel the ground", insights="Warmth")
        export(theirs, "json", output=tmp_path / "export.json")
    reviewed = load_review(tmp_path / "export.json", clock)
    app = create_app(reviewed, clock, review_of=tmp_path / "export.json")
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert "Themes" in key_line(app)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ThemesScreen)
        text = "\n".join(str(widget.render()) for widget in app.screen.query(Static))
        assert "Feel the ground" in text and "Warmth" in text
        await pilot.press("escape", "f2")
        await pilot.pause()
        assert "Prompts" not in key_line(app)
    reviewed.close()
