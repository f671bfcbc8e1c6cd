"""The app's Export screen refuses what `export -o` refuses (issue 12 item 3)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from recovery_journal.clock import FixedClock
from recovery_journal.store import DayChanges, Journal
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.export import ExportScreen
from support import notifications


async def test_the_export_screen_never_writes_into_backups_or_the_journal_files(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    journal.update_day(clock.today(), DayChanges(fields={"mood": 6, "note": "kept safe"}))
    backups = journal_path.parent / "backups"
    backups.mkdir(mode=0o700, exist_ok=True)
    targets = [backups / "for-therapist.html", Path(f"{journal_path}-journal")]
    app = create_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        for target in targets:
            screen.query_one("#output", Input).value = str(target)
            await pilot.press("ctrl+e")
            await pilot.pause()
            messages = notifications(app)
            assert any("cannot be written to" in message for message in messages), messages
            app.clear_notifications()
    assert [path for path in targets if path.exists()] == []
