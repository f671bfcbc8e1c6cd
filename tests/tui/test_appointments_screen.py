"""Appointments on the Sessions screen (t): add, edit and delete them as a person would."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import DataTable, Input, Select, Static, TextArea

from recovery_journal.clock import FixedClock
from recovery_journal.model import Appointment
from recovery_journal.store import Journal
from recovery_journal.tui.dialogs.appointment_form import AppointmentFormModal
from recovery_journal.tui.dialogs.confirm import ChoiceModal
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.sessions import SessionsScreen


def keys_of(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("KeyBar").render())


def rows_of(app) -> list[list[str]]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_add_edit_and_delete_an_appointment(tmp_path: Path, clock: FixedClock) -> None:
    with Journal.open(tmp_path / "j.db", clock) as journal:
        app = create_app(journal, clock)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("f3")
            await pilot.pause()
            assert isinstance(app.screen, SessionsScreen)
            assert keys_of(app).startswith(" ^p Palette F1 Help")
            assert "t Appointments" in keys_of(app)
            await pilot.press("t")
            await pilot.pause()
            assert "t Sessions" in keys_of(app) and "t Appointments" not in keys_of(app)
            assert "No appointments yet" in str(
                app.screen.query_one("#sessions-intro", Static).render()
            )

            await pilot.press("a")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, AppointmentFormModal)
            form.query_one("#at", Input).value = "2026-13-40 10:00"  # refused beside the field
            form.query_one("#kind", Select).value = "prescriber"
            form.query_one("#provider", Input).value = "Dr [b]Lee[/b]"
            form.query_one("#note", TextArea).text = "ask about the dose\nand sleep"
            await pilot.click("#save")
            await pilot.pause()
            assert app.screen is form
            assert "✗" in str(form.query_one("#at-error", Static).render())
            assert journal.appointments() == []
            form.query_one("#at", Input).value = "2027-01-05 09:30"  # ahead: fine
            await pilot.pause()
            assert not form.query_one("#at-error", Static).display  # the reason goes
            # The keyboard this time: a second click within the button's 0.2 s press effect
            # is ignored by Textual, so a fast test machine would click into nothing.
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SessionsScreen)
            [saved] = journal.appointments()
            assert (saved.kind, saved.provider) == ("prescriber", "Dr [b]Lee[/b]")
            assert saved.note == "ask about the dose\nand sleep"
            assert f"{saved.at:%Y-%m-%d %H:%M}" == "2027-01-05 09:30"
            [row] = rows_of(app)
            assert row[:3] == ["05 Jan 2027 09:30", "Prescriber", "Dr [b]Lee[/b]"]
            assert row[3] == "ask about the dose and sleep"

            await pilot.press("enter")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, AppointmentFormModal)
            assert form.query_one("#at", Input).value == "2027-01-05 09:30"
            form.query_one("#kind", Select).value = "therapy"
            form.query_one("#provider", Input).value = ""
            await pilot.pause()
            await pilot.click("#save")
            await pilot.pause()
            [edited] = journal.appointments()
            assert edited.id == saved.id
            assert (edited.kind, edited.provider) == ("therapy", None)
            assert edited.note == saved.note  # every word kept

            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceModal)
            await pilot.press("enter")  # the default: Keep it
            await pilot.pause()
            assert journal.appointments() == [edited]
            await pilot.press("d")
            await pilot.pause()
            await pilot.click("#yes")
            await pilot.pause()
            assert journal.appointments() == []
            assert rows_of(app) == []

            await pilot.press("t")
            await pilot.pause()
            assert "t Appointments" in keys_of(app)
            assert "Kind" in [
                str(c.label) for c in app.screen.query_one(DataTable).columns.values()
            ]
            assert "Dose" in [
                str(c.label) for c in app.screen.query_one(DataTable).columns.values()
            ]


async def test_a_review_shows_appointments_without_the_keys_that_change_them(
    tmp_path: Path, clock: FixedClock
) -> None:
    from recovery_journal.report import export
    from recovery_journal.service.review import load_review, review_clock_of

    with Journal.open(tmp_path / "theirs.db", clock) as theirs:
        at = datetime(2026, 11, 20, 15, 0, tzinfo=clock.now().tzinfo)
        theirs.add_appointment(Appointment("a1", at, "therapy", provider="Sam"))
        target = tmp_path / "theirs.json"
        export(theirs, "json", output=target, now=clock.now())
    reviewed = load_review(target, clock)
    try:
        app = create_app(reviewed, review_clock_of(reviewed, clock), review_of=target)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("t")
            await pilot.pause()
            keys = keys_of(app)
            assert keys.startswith(" ^p Palette F1 Help") and "t Sessions" in keys
            for hidden in (" a Add", " d Delete", "Edit", "Open"):
                assert hidden not in keys
            await pilot.press("a", "d", "enter")
            await pilot.pause()
            assert isinstance(app.screen, SessionsScreen)
            assert [a.id for a in reviewed.appointments()] == ["a1"]
    finally:
        reviewed.close()
