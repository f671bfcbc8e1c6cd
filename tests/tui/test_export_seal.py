"""The Export screen seals a json or html export with a passphrase, as `export --seal` does
(issue 18 item 2, in the app): the same file inside, the CLI's refusals, nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static, Switch

from recovery_journal import sealed
from recovery_journal.clock import FixedClock
from recovery_journal.store import Journal, cipher
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.export import ExportScreen
from support import Cli, notifications

SEAL = "correct horse battery"
MARKER = "zebra-marker-note"


@pytest.fixture
def patient(cli: Cli) -> Cli:
    """A journal file with a day (a note) and a PHQ-9, written by the CLI."""
    assert cli("log", "--mood", "6", "--note", f"a day with {MARKER}").code == 0
    assert cli("assess", "phq9", "--answers", "1,1,1,1,0,0,0,0,0").code == 0
    return cli


@pytest.fixture(autouse=True)
def forget_passphrases() -> Iterator[None]:
    """The journal's passphrase is kept per process: none left behind for other tests."""
    yield
    cipher.forget()


async def export_from_app(
    journal: Journal,
    clock: FixedClock,
    target: Path,
    *,
    fmt: str = "json",
    redact: str = "notes",
    seal: bool = True,
    first: str = SEAL,
    again: str = SEAL,
) -> tuple[list[str], str]:
    """Choose on the Export screen, press ctrl+e; the notifications and the result line."""
    app = create_app(journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#format", Select).value = fmt
        screen.query_one("#redact", Select).value = redact
        await pilot.pause()
        if seal:
            screen.query_one("#seal", Switch).value = True
            await pilot.pause()
            screen.query_one("#seal-pass", Input).value = first
            screen.query_one("#seal-again", Input).value = again
        screen.query_one("#output", Input).value = str(target)
        await pilot.press("ctrl+e")
        await pilot.pause()
        shown = str(screen.query_one("#export-result", Static).render())
        return notifications(app), shown


async def test_a_sealed_json_from_the_app_is_the_clis_export_sealed(
    patient: Cli, tmp_path: Path, clock: FixedClock
) -> None:
    from_app = tmp_path / "from-app.rjx"
    with Journal.open(patient.db, clock) as journal:
        messages, shown = await export_from_app(journal, clock, from_app)
    assert "sealed" in shown and "another way than the file" in shown, shown
    assert not any(SEAL in message for message in messages), messages
    data = from_app.read_bytes()
    assert sealed.is_sealed(data) and MARKER.encode() not in data
    from_cli = tmp_path / "from-cli.rjx"
    done = patient(
        "export", "--format", "json", "--redact", "notes", "--seal", "-o", str(from_cli),
        RECOVERY_JOURNAL_SEAL_PASSPHRASE=SEAL,
    )  # fmt: skip
    assert done.code == 0, done.err
    content, inside = sealed.unseal(data, SEAL)
    assert content == "json"
    assert inside == sealed.unseal(from_cli.read_bytes(), SEAL)[1]
    assert b'"assessments"' in inside and MARKER.encode() not in inside  # notes left out


REFUSALS = [
    ({"again": "correct horse batterY"}, "the two passphrases differ"),
    ({"first": "short", "again": "short"}, "at least 8 characters"),
    ({"fmt": "csv"}, "sealing works with json or html"),
    ({"seal": False}, "ends in .rjx, the name of a sealed file, but Seal is off; switch Seal on"),
]


@pytest.mark.parametrize(("choices", "words"), REFUSALS)
async def test_what_the_cli_refuses_the_app_refuses_writing_nothing(
    patient: Cli, tmp_path: Path, clock: FixedClock, choices: dict, words: str
) -> None:
    target = tmp_path / "out" / "for-therapist.rjx"
    target.parent.mkdir()
    with Journal.open(patient.db, clock) as journal:
        messages, shown = await export_from_app(journal, clock, target, **choices)
    assert any(words in message for message in messages), messages
    assert "Written" not in shown
    assert list(target.parent.iterdir()) == []


async def test_the_encrypted_journals_own_passphrase_cannot_seal(
    patient: Cli, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert patient("encrypt", RECOVERY_JOURNAL_PASSPHRASE=SEAL).code == 0
    monkeypatch.setenv("RECOVERY_JOURNAL_PASSPHRASE", SEAL)
    target = tmp_path / "same.rjx"
    with Journal.open(patient.db, clock) as journal:
        messages, _ = await export_from_app(journal, clock, target)
        assert any("not the journal's" in message for message in messages), messages
        assert not target.exists()
        other = "a different one for the therapist"
        messages, shown = await export_from_app(journal, clock, target, first=other, again=other)
    assert "sealed" in shown, (messages, shown)
    assert sealed.unseal(target.read_bytes(), other)[0] == "json"


async def test_the_seal_is_for_json_and_html_and_names_the_file_rjx(
    demo_app, tmp_path: Path
) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = demo_app.screen
        switch = screen.query_one("#seal", Switch)
        output = screen.query_one("#output", Input)
        assert not switch.disabled and output.value.endswith(".html")
        assert not screen.query_one("#seal-pass", Input).display or not switch.value
        switch.value = True
        await pilot.pause()
        assert output.value.endswith(".rjx")
        fields = [screen.query_one(f"#seal-{name}", Input) for name in ("pass", "again")]
        assert all(field.password and field.parent.display for field in fields)  # type: ignore[union-attr]
        switch.value = False
        await pilot.pause()
        assert output.value.endswith(".html")
        screen.query_one("#format", Select).value = "csv"
        await pilot.pause()
        assert switch.disabled
        screen.query_one("#format", Select).value = "json"
        await pilot.pause()
        assert not switch.disabled and output.value.endswith(".json")


async def _seal_on(pilot) -> None:
    await pilot.press("f8")
    await pilot.pause()
    pilot.app.screen.query_one("#seal", Switch).value = True
    await pilot.pause()
    pilot.app.screen.query_one("#seal-pass", Input).focus()
    await pilot.pause()


async def test_sealing_fits_at_80_by_24(demo_app) -> None:
    """Each part of the sealed export, brought into view, is whole on an 80×24 screen."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await _seal_on(pilot)
        screen = demo_app.screen
        form = screen.query_one("#export-form")
        for widget_id in ("#seal", "#seal-hint", "#seal-pass", "#seal-again", "#output"):
            widget = screen.query_one(widget_id)
            form.scroll_to_widget(widget, animate=False)
            await pilot.pause()
            assert form.region.contains_region(widget.region), (widget_id, widget.region)
            assert widget.region.right <= 80


def test_the_export_screen_sealing_at_80_by_24(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, run_before=_seal_on, terminal_size=(80, 24))
