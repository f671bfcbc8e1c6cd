"""The app's safety dialog names the crisis line of the patient's country, and still fits
80×24 whole (issue 18, item 3)."""

from __future__ import annotations

import io
import json

import pytest
from textual.widgets import Static

from recovery_journal.clock import FixedClock
from recovery_journal.crisis_lines import LINES
from recovery_journal.store import Journal
from recovery_journal.tui.dialogs.safety import SafetyModal
from recovery_journal.tui.factory import create_app

CASES = {
    "GB": ("116 123 (Samaritans)", "999 or 112"),
    "AU": ("call 13 11 14 or text 0477 13 11 14 (Lifeline)", "call 000"),
    "ZZ": ("call or text 988", "Elsewhere, your local emergency number"),  # not in the table
}


@pytest.mark.parametrize("country", sorted(CASES))
async def test_the_safety_dialog_names_the_countrys_line_and_fits(
    memory_journal: Journal, clock: FixedClock, monkeypatch, country: str
) -> None:
    monkeypatch.setenv("RECOVERY_JOURNAL_COUNTRY", country)
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7", "p", *"000000001")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, SafetyModal)
        text = _text(modal)
        for words in CASES[country]:
            assert words in text
        if country != "ZZ":
            assert "988" not in text
        box = modal.query_one("#safety-dialog")
        assert box.region.bottom <= 24 and box.max_scroll_y == 0  # whole, at 80×24


async def test_the_setting_beside_the_journal_chooses_the_line(
    memory_journal: Journal, clock: FixedClock, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("LANG", "en_AU.UTF-8")
    settings = tmp_path / "journal.settings.json"
    settings.write_text(json.dumps({"country": "GB"}), encoding="utf-8")
    app = create_app(memory_journal, clock, settings_file=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7", "p", *"000000001")
        await pilot.pause()
        text = _text(app.screen)
        assert "116 123 (Samaritans)" in text and "Lifeline" not in text


def _text(widget) -> str:
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())
    for child in [widget, *widget.query(Static)]:
        if isinstance(child, Static):
            console.print(child.content)
    return " ".join(console.export_text().split())


async def test_every_countrys_safety_dialog_names_its_line_and_fits_80x24(
    memory_journal: Journal, clock: FixedClock
) -> None:
    """Every entry of the table, not just a few: the longest (ZA, JP, PT) must fit too."""
    app = create_app(memory_journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for country, line in sorted(LINES.items()):
            await app.push_screen(SafetyModal("PHQ-9 score: 1 of 27 — minimal", country))
            await pilot.pause()
            modal = app.screen
            text = _text(modal)
            assert line.service in text and line.numbers[0] in text, country
            assert line.emergency in text, country
            box = modal.query_one("#safety-dialog")
            assert box.region.bottom <= 24 and box.max_scroll_y == 0, country
            app.pop_screen()
            await pilot.pause()
