"""Export from the app, preview an import, and review an exported file read-only."""

from __future__ import annotations

import hashlib
from pathlib import Path

from textual.widgets import Input, Select, Static

from recovery_journal.clock import FixedClock
from recovery_journal.store import DayChanges, Journal
from recovery_journal.tui.app import RecoveryJournalApp
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.export import ExportScreen


async def test_export_writes_an_owner_only_report_and_says_where(
    demo_app: RecoveryJournalApp, tmp_path: Path
) -> None:
    target = tmp_path / "for-therapist.html"
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#redact", Select).value = "notes"
        await pilot.pause()
        screen.query_one("#output", Input).value = str(target)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert str(target) in str(screen.query_one("#export-result", Static).render())
    assert target.stat().st_mode & 0o777 == 0o600
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html") or html.lower().startswith("<!doctype html")
    from recovery_journal.report.redaction import NOTICE

    assert NOTICE["notes"] in html
    assert '<section class="notes">' not in html  # the demo's notes are left out


async def test_import_preview_changes_nothing_and_import_brings_the_days(
    memory_journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    from recovery_journal.report import export

    with Journal.open(tmp_path / "other.db", clock) as other:
        other.update_day(clock.today(), DayChanges(fields={"mood": 7, "note": "from the file"}))
        export(other, "json", output=tmp_path / "other.json")
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#import-path", Input).value = str(tmp_path / "other.json")
        screen.run_import(dry_run=True)
        assert memory_journal.day(clock.today()) is None
        assert "nothing written" in str(screen.query_one("#import-result", Static).render())
        screen.run_import(dry_run=False)
    day = memory_journal.day(clock.today())
    assert day is not None and day.note == "from the file"


async def test_review_is_read_only_and_leaves_the_file_alone(
    clock: FixedClock, tmp_path: Path
) -> None:
    """The keys that would write do nothing, to the reviewed data or to the file. (That
    `review` never opens the user's own journal is the CLI's to show, which alone knows
    that journal: tests/e2e/test_cli_transfer.py.)"""
    from recovery_journal.demo import build_demo
    from recovery_journal.report import export
    from recovery_journal.service.review import load_review

    with Journal.open(tmp_path / "theirs.db", clock) as theirs:
        build_demo(theirs, days=30, seed=2)
        export(theirs, "json", output=tmp_path / "export.json")
    sent = hashlib.sha256((tmp_path / "export.json").read_bytes()).hexdigest()

    reviewed = load_review(tmp_path / "export.json", clock)
    days_before = reviewed.days()
    sessions_before = reviewed.sessions()
    app = create_app(reviewed, clock, review_of=tmp_path / "export.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "read-only" in app.sub_title
        await pilot.press("f4", "enter")  # the last day, opened from History
        await pilot.pause()
        mood = app.screen.query_one("#mood", Input)
        assert mood.disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f3", "a")
        await pilot.pause()
        assert app.current_mode == "sessions" and len(app.screen_stack) == 1
    # Nothing the keys did reached the reviewed data or the file it came from.
    assert reviewed.days() == days_before and reviewed.sessions() == sessions_before
    reviewed.close()
    assert hashlib.sha256((tmp_path / "export.json").read_bytes()).hexdigest() == sent


async def test_review_offers_no_key_that_would_change_the_file(
    clock: FixedClock, tmp_path: Path
) -> None:
    from recovery_journal.demo import build_demo
    from recovery_journal.report import export
    from recovery_journal.service.review import load_review

    with Journal.open(tmp_path / "theirs.db", clock) as theirs:
        build_demo(theirs, days=30, seed=2)
        export(theirs, "json", output=tmp_path / "export.json")
    reviewed = load_review(tmp_path / "export.json", clock)
    app = create_app(reviewed, clock, review_of=tmp_path / "export.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        keys = str(app.screen.query_one("KeyBar").render())
        assert "Save" not in keys and "F3 Sess" in keys
        await pilot.press("f3")
        await pilot.pause()
        keys = str(app.screen.query_one("KeyBar").render())
        assert "Add" not in keys and "Delete" not in keys
    reviewed.close()


async def test_bring_data_in_offers_every_format_and_imports_one(
    memory_journal: Journal, clock: FixedClock
) -> None:
    from datetime import date

    from recovery_journal.importers.registry import IMPORTERS

    fixture = Path(__file__).parent.parent / "fixtures" / "jrnl" / "journal.json"
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        chooser = screen.query_one("#import-format", Select)
        offered = [value for _label, value in chooser._options]
        assert offered == ["auto", *(importer.name for importer in IMPORTERS)]
        assert {"loop", "bearable", "pixels", "imoodjournal", "jrnl", "daylio"} <= set(offered)
        screen.query_one("#import-path", Input).value = str(fixture)
        screen.run_import(dry_run=True)
        assert "Read 3 entries (2 days)" in str(screen.query_one("#import-result", Static).render())
        assert memory_journal.days() == []
        chooser.value = "jrnl"
        await pilot.pause()
        screen.run_import(dry_run=False)
    day = memory_journal.day(date(2026, 11, 22))
    assert day is not None and day.note == "[20:15] Quiet day at @work.\nNothing much."


async def test_the_import_summary_comes_into_view_at_80_by_24(
    memory_journal: Journal, clock: FixedClock
) -> None:
    """At 80×24 the summary is below the buttons: pressing Preview scrolls it into view
    (the buttons stay where they were and nothing else would say the preview ran)."""
    fixture = Path(__file__).parent.parent / "fixtures" / "jrnl" / "journal.json"
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#import-path", Input).value = str(fixture)
        screen.query_one("#preview").focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        result = screen.query_one("#import-result", Static)
        assert "Read 3 entries (2 days)" in str(result.render())
        shown = screen.query_one("#export-form").region
        assert result.region.height > 0 and shown.contains_region(result.region)
