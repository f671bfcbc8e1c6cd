"""The theme is remembered beside the journal and follows the terminal's light or dark;
a demo says it is a demo (issue 13, items 7 and 8)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from textual.widgets import Header

from recovery_journal.clock import FixedClock
from recovery_journal.settings import settings_path
from recovery_journal.store import Journal
from recovery_journal.tui.factory import create_app
from support import Cli


async def test_a_chosen_theme_is_kept_over_a_restart(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    kept = settings_path(journal_path)
    app = create_app(journal, clock, settings_file=kept)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        app.theme = "textual-light"  # what "Change theme" in the palette does
        await pilot.pause()
    assert kept == journal_path.parent / "journal.settings.json"
    assert json.loads(kept.read_text()) == {"theme": "textual-light"}
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600

    again = create_app(journal, clock, settings_file=kept)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


@pytest.mark.parametrize(
    ("colorfgbg", "theme"), [("0;15", "textual-light"), ("15;0", "textual-dark")]
)
async def test_the_terminal_s_background_chooses_light_or_dark(
    journal: Journal,
    journal_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    colorfgbg: str,
    theme: str,
) -> None:
    monkeypatch.setenv("COLORFGBG", colorfgbg)
    app = create_app(journal, clock, settings_file=settings_path(journal_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == theme
    assert not settings_path(journal_path).exists()  # nothing chosen, nothing written


async def test_an_unreadable_settings_file_is_no_reason_not_to_start(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    kept = settings_path(journal_path)
    kept.write_text("{not json")
    app = create_app(journal, clock, settings_file=kept)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


async def test_a_demo_says_it_is_a_demo(memory_journal: Journal, clock: FixedClock) -> None:
    app = create_app(memory_journal, clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(Header).screen_title == "Recovery Journal — demo"
    plain = create_app(memory_journal, clock)
    async with plain.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert plain.screen.query_one(Header).screen_title == "Recovery Journal"


def test_the_demo_message_names_the_range_insights_names(cli: Cli) -> None:
    built = cli("--db", str(cli.db), "demo", "--days", "60", "--seed", "4", "--no-tui")
    assert built.code == 0, built.err
    first_line = cli("insights").out.splitlines()[0]  # "Insights from A to B"
    since, until = first_line.removeprefix("Insights from ").split(" to ")
    assert f"from {since} to {until}" in built.out
