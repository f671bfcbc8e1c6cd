"""The therapist's review: the Overview first, the file's clock, no key that writes, the
Caseload, and nothing written anywhere."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from recovery_journal.clock import FixedClock
from recovery_journal.store import DayChanges, Journal
from recovery_journal.tui.factory import create_app

FLAGGED_ON = "2026-11-20"
WRITE_WORDS = ("Save", "Add", "Edit", "Delete", "Archive", "Take PHQ-9", "Take GAD-7", "Import")


def export_demo(tmp_path: Path, clock: FixedClock, name: str, *, flag: bool, **options) -> Path:
    """A demo journal's JSON export; with `flag`, a PHQ-9 whose item 9 is 2."""
    from datetime import date

    from recovery_journal.assessments import new_assessment
    from recovery_journal.demo import build_demo
    from recovery_journal.report import export

    with Journal.open(tmp_path / f"{name}.db", clock) as theirs:
        build_demo(theirs, days=60, seed=len(name))
        if flag:
            theirs.add_assessment(
                new_assessment("phq9", date.fromisoformat(FLAGGED_ON), [2, 2, 1, 2, 1, 1, 1, 0, 2])
            )
        target = tmp_path / f"{name}.json"
        export(theirs, "json", output=target, now=clock.now(), **options)
    return target


@pytest.fixture
def flagged_file(tmp_path: Path, clock: FixedClock) -> Path:
    return export_demo(tmp_path, clock, "alex", flag=True, label="Alex R.")


@pytest.fixture
def reviewed(flagged_file: Path, clock: FixedClock) -> Iterator[Journal]:
    from recovery_journal.service.review import load_review

    journal = load_review(flagged_file, clock)
    yield journal
    journal.close()


def review_app(journal: Journal, path: Path, clock: FixedClock):  # type: ignore[no-untyped-def]
    from recovery_journal.service.review import review_clock_of

    return create_app(journal, review_clock_of(journal, clock), review_of=path)


def text_of(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


def keys_of(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("KeyBar").render())


async def test_the_overview_comes_first_with_the_item9_flag_at_its_top(
    reviewed: Journal, flagged_file: Path, clock: FixedClock
) -> None:
    app = review_app(reviewed, flagged_file, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.current_mode == "overview"
        blocks = list(app.screen.query(".block"))
        assert blocks[0].id == "overview-flags" and blocks[0].display
        flags = text_of(app, "#overview-flags")
        assert "Fri 20 Nov 2026: item 9 answered 2 of 3" in flags
        assert "Nobody monitors this journal" in flags
        assert "item 9 above 0" in str(blocks[0].border_title)
        about = text_of(app, "#overview-file")
        assert "Alex R. (alex.json)" in about and "exported Fri 27 Nov 2026 09:30" in about
        assert "Complete:" in about
        since = text_of(app, "#overview-since")
        assert "Last session: #" in since and "Mood since:" in since and "PHQ-9:" in since


async def test_the_header_names_the_file_range_and_never_today(
    tmp_path: Path, clock: FixedClock
) -> None:
    from recovery_journal.service.review import load_review

    path = export_demo(tmp_path, clock, "redacted", flag=False, redact="notes")
    journal = load_review(path, clock)
    therapist_today = FixedClock(clock.now().replace(year=2027, month=2, day=3))
    from recovery_journal.service.review import review_clock_of

    app = create_app(journal, review_clock_of(journal, therapist_today), review_of=path)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            first, last = journal.data_range()  # type: ignore[misc]
            assert app.title == "Recovery Journal"
            assert app.sub_title == (
                f"review (read-only) — {first:%d %b} – {last:%d %b %Y} · notes left out"
            )
            assert "2027" not in app.sub_title and "Feb" not in app.sub_title
            assert app.clock.today() == last  # the file's clock: its last date
            assert not app.screen.query_one("#overview-flags").display
            assert "Notes since: left out of this file." in text_of(app, "#overview-since")
    finally:
        journal.close()


async def test_no_screen_of_a_review_offers_a_key_that_writes_or_speaks_to_the_patient(
    reviewed: Journal, flagged_file: Path, clock: FixedClock
) -> None:
    app = review_app(reviewed, flagged_file, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        for key in ("f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f1"):
            await pilot.press(key)
            await pilot.pause()
            shown = keys_of(app)
            for word in WRITE_WORDS:
                assert f" {word}" not in shown, (key, word, shown)
            screen_words = " ".join(str(w.render()) for w in app.screen.query(Static))
            assert "for your therapist" not in screen_words, key
            assert "Nothing logged yet today" not in screen_words, key
            if key == "f6":
                assert " your " not in screen_words and "You " not in screen_words
        await pilot.press("f3", "enter")  # a session opens to be read, with Close
        await pilot.pause()
        assert "esc Close" in keys_of(app) and " Save" not in keys_of(app)
        assert "escape close" in str(app.screen.query_one(".intro", Static).render())
        await pilot.press("escape", "f4", "enter")  # a day opens to be read
        await pilot.pause()
        assert " Save" not in keys_of(app)
        panel = str(app.screen.query_one("#context", Static).render())
        assert "patient's check-in" in panel and "Nothing logged yet" not in panel


async def test_a_review_writes_nothing_but_the_report_it_is_asked_for(
    flagged_file: Path, clock: FixedClock, journal_path: Path, tmp_path: Path
) -> None:
    from textual.widgets import Input

    from recovery_journal.service.review import load_review

    with Journal.open(journal_path, clock) as own:
        own.update_day(clock.today(), DayChanges(fields={"mood": 3}))

    def hashes() -> dict[str, str]:
        return {
            str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(tmp_path.rglob("*"))
            if p.is_file()
        }

    before = hashes()
    reviewed = load_review(flagged_file, clock)
    app = review_app(reviewed, flagged_file, clock)
    report = tmp_path / "out" / "report.html"
    report.parent.mkdir()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            for key in ("ctrl+s", "f3", "a", "d", "f9", "a", "e", "x", "f7", "p", "g", "d"):
                await pilot.press(key)
                await pilot.pause()
            await pilot.press("f8")
            await pilot.pause()
            assert not app.screen.query_one("#import-path").parent.display  # type: ignore[union-attr]
            output = app.screen.query_one("#output", Input)
            for target in (flagged_file, journal_path):  # never over the two files
                output.value = str(target)
                await pilot.press("ctrl+e")
                await pilot.pause()
            output.value = str(report)
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert app.current_mode == "export" and len(app.screen_stack) == 1
    finally:
        reviewed.close()
    after = hashes()
    assert after.pop(str(report))  # the one file asked for
    assert after == before


def caseload_files(tmp_path: Path, clock: FixedClock) -> list[Path]:
    calm = export_demo(tmp_path, clock, "bo", flag=False)
    flagged = export_demo(tmp_path, clock, "alex", flag=True, label="Alex R.")
    broken = tmp_path / "cy.json"
    broken.write_text('{"format": "recovery-journal", "version": 1, "days": 3}', encoding="utf-8")
    return [calm, broken, flagged]


async def test_a_caseload_lists_flags_first_and_opens_each_review(
    tmp_path: Path, clock: FixedClock
) -> None:
    from recovery_journal.service.review import open_caseload

    files = open_caseload(caseload_files(tmp_path, clock), clock)
    with Journal.open(":memory:", clock) as placeholder:
        placeholder.read_only = True
        app = create_app(placeholder, clock, caseload=files)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.current_mode == "caseload"
            assert app.sub_title == "review (read-only) — caseload of 3 files"
            table = app.screen.query_one(DataTable)
            rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
            assert [row[:2] for row in rows] == [
                ["(!)", "Alex R."],
                ["?", "cy.json"],
                ["", "bo.json"],
            ]
            assert rows[1][2] == "could not be read"
            await pilot.press("down")
            await pilot.pause()
            assert '"days" must be a list' in text_of(app, "#caseload-detail")
            await pilot.press("enter")  # the unreadable file does not open
            await pilot.pause()
            assert app.current_mode == "caseload"
            await pilot.press("up", "enter")
            await pilot.pause()
            assert app.current_mode == "overview"
            assert "item 9 answered 2 of 3" in text_of(app, "#overview-flags")
            assert "Alex R." in text_of(app, "#overview-file")
            await pilot.press("f4")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert app.current_mode == "caseload"
            await pilot.press("down", "down", "enter")
            await pilot.pause()
            assert app.current_mode == "overview"
            assert "bo.json" in text_of(app, "#overview-file")
            assert not app.screen.query_one("#overview-flags").display
            await pilot.press("f4")
            await pilot.pause()
            assert app.screen.query_one(DataTable).row_count == len(files[0].journal.days())  # type: ignore[union-attr]
    for file in files:
        if file.journal is not None:
            file.journal.close()


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_overview_snapshot(
    snap_compare, reviewed: Journal, flagged_file: Path, clock: FixedClock, size: tuple[int, int]
) -> None:
    assert snap_compare(review_app(reviewed, flagged_file, clock), terminal_size=size)


def test_caseload_snapshot(snap_compare, tmp_path: Path, clock: FixedClock) -> None:
    from recovery_journal.service.review import open_caseload

    files = open_caseload(caseload_files(tmp_path, clock), clock)
    placeholder = Journal.open(":memory:", clock)
    placeholder.read_only = True
    try:
        assert snap_compare(create_app(placeholder, clock, caseload=files), terminal_size=(80, 24))
    finally:
        placeholder.close()
        for file in files:
            if file.journal is not None:
                file.journal.close()


async def test_go_to_date_in_a_review_opens_the_file_s_last_day_to_read(
    reviewed: Journal, flagged_file: Path, clock: FixedClock
) -> None:
    """ctrl+g then "today": the file's last day, read-only (a review has no Today screen)."""
    from textual.widgets import Input

    from recovery_journal.tui.screens.day import DayScreen

    app = review_app(reviewed, flagged_file, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        app.screen.query_one(Input).value = "today"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen) and app.screen.read_only
        assert " Save" not in keys_of(app)


async def test_go_to_date_waits_until_a_caseload_file_is_open(
    tmp_path: Path, clock: FixedClock
) -> None:
    """On the Caseload no patient is open yet: ctrl+g opens no day (of no one's file)."""
    from recovery_journal.service.review import open_caseload

    files = open_caseload(caseload_files(tmp_path, clock), clock)
    with Journal.open(":memory:", clock) as placeholder:
        placeholder.read_only = True
        app = create_app(placeholder, clock, caseload=files)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert app.current_mode == "caseload" and len(app.screen_stack) == 1
            await pilot.press("enter", "ctrl+g")  # Alex R.'s review: now it opens
            await pilot.pause()
            assert app.current_mode == "overview" and len(app.screen_stack) == 2
    for file in files:
        if file.journal is not None:
            file.journal.close()


async def test_a_review_s_sessions_table_says_the_patient_drove(
    tmp_path: Path, clock: FixedClock
) -> None:
    """`no_driving=no` reads "drove" in the Sessions table, not a bare "0 of 7"."""
    from datetime import datetime

    from recovery_journal.model import Session
    from recovery_journal.report import export
    from recovery_journal.service.review import load_review

    with Journal.open(tmp_path / "drove.db", clock) as theirs:
        at = datetime(2026, 11, 20, 10, 0, tzinfo=clock.now().tzinfo)
        theirs.add_session(Session("s1", at, "iv_ketamine", aftercare={"no_driving": False}))
        target = tmp_path / "drove.json"
        export(theirs, "json", output=target, now=clock.now())
    reviewed = load_review(target, clock)
    try:
        app = review_app(reviewed, target, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f3")
            await pilot.pause()
            cells = [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(0)]
            assert "drove · 0 of 7" in cells
    finally:
        reviewed.close()
