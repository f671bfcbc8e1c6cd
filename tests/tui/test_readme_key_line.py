"""The README shows Today as it is: its key line is the app's, at 100 columns."""

from __future__ import annotations

from pathlib import Path

from recovery_journal.tui.app import RecoveryJournalApp
from recovery_journal.tui.widgets.key_bar import KeyBar

README = Path(__file__).resolve().parents[2] / "README.md"


async def test_the_readmes_key_line_is_the_apps(demo_app: RecoveryJournalApp) -> None:
    shown = [line for line in README.read_text("utf-8").splitlines() if "^p Palette" in line]
    assert len(shown) == 1
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        line = str(demo_app.screen.query_one(KeyBar).render())
    assert shown[0].rstrip() == line.rstrip()
