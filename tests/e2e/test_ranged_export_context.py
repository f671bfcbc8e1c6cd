"""A date-limited export keeps the treatment context (issue 14, item 3): the JSON, HTML and
Markdown of `export --since D`, and the review of that JSON, show the same session numbers
and the same "day N after session M" for every day as the whole journal does."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from recovery_journal.clock import FixedClock
from recovery_journal.guidance import treatment_context
from recovery_journal.insights import analyse, first_number, treatment_day
from recovery_journal.service.review import load_review
from recovery_journal.store import Journal
from support import NOW, Cli

SINCE = date(2026, 10, 1)  # mid-course: sessions before it, and days before its first one


@pytest.fixture
def ranged(cli: Cli, tmp_path: Path) -> dict[str, Path]:
    assert cli("--db", str(cli.db), "demo", "--days", "120", "--seed", "3", "--no-tui").code == 0
    files = {}
    for fmt, suffix in (("json", "json"), ("html", "html"), ("md", "md")):
        path = tmp_path / f"ranged.{suffix}"
        done = cli("export", "--format", fmt, "--since", SINCE.isoformat(), "-o", str(path))
        assert done.code == 0, done.err
        files[fmt] = path
    return files


def _truth(cli: Cli) -> tuple[dict[date, str], list[int]]:
    """Day index per date and the numbers of the sessions in range, from the whole journal."""
    journal = Journal.open(cli.db, FixedClock(datetime.fromisoformat(NOW)), create=False)
    try:
        sessions = journal.sessions()
        days = {d.date for d in journal.days(SINCE, None)}
        index = {}
        for day in sorted(days):
            found = treatment_day(day, sessions)
            index[day] = "base" if found is None else f"{found[0]} after {found[1]}"
        numbers = [n for n, s in enumerate(sessions, start=1) if s.date >= SINCE]
    finally:
        journal.close()
    return index, numbers


def _html(path: Path) -> tuple[dict[date, int], list[int]]:
    text = path.read_text(encoding="utf-8")
    daily = text[text.index('<section class="daily">') :]
    rows = re.findall(r"<tr><td>(\d{4}-\d\d-\d\d)</td><td class=\"num\">(\w+)</td>", daily)
    sessions = text[text.index('<table class="sessions">') : text.index('<section class="daily">')]
    numbers = re.findall(r'<tbody class="session"><tr><td class="num">(\d+)</td>', sessions)
    return {date.fromisoformat(d): int(i) for d, i in rows}, [int(n) for n in numbers]


def _markdown(path: Path) -> tuple[dict[date, int], list[int]]:
    text = path.read_text(encoding="utf-8")
    daily = text[text.index("## Daily check-ins") :]
    rows = re.findall(r"^\| (\d{4}-\d\d-\d\d) \| (\w+) \|", daily, re.M)
    numbers = re.findall(r"^### #(\d+) · ", text, re.M)
    return {date.fromisoformat(d): int(i) for d, i in rows}, [int(n) for n in numbers]


def test_every_format_and_the_review_number_alike(cli: Cli, ranged: dict[str, Path]) -> None:
    truth, numbers = _truth(cli)
    assert truth and numbers[0] > 1, "the range must start after some sessions"
    assert not any(v == "base" for v in truth.values())
    first_session = min(
        datetime.fromisoformat(s["at"]).date()
        for s in json.loads(ranged["json"].read_text(encoding="utf-8"))["sessions"]
    )
    assert min(truth) < first_session, "some days in range come before its first session"
    indexes = {day: int(words.split()[0]) for day, words in truth.items()}

    html_index, html_numbers = _html(ranged["html"])
    md_index, md_numbers = _markdown(ranged["md"])
    assert html_index == indexes
    assert md_index == indexes
    assert html_numbers == numbers
    assert md_numbers == numbers

    review = load_review(ranged["json"], FixedClock(datetime.fromisoformat(NOW)))
    try:
        sessions = review.sessions()
        context = review.treatment_context
        assert context is not None and context.sessions_before == numbers[0] - 1
        for day, words in truth.items():
            found = treatment_day(day, sessions, context)
            assert found is not None, f"{day} reads as baseline in review"
            assert f"{found[0]} after {found[1]}" == words, day
            line = treatment_context(day, sessions, context=context)
            expected = (
                f"Session day — session {found[1]}"
                if found[0] == 0
                else f"Day {found[0]} after session {found[1]}"
            )
            assert line.title.startswith(expected), (day, line.title)
        review_numbers = list(range(first_number(context), first_number(context) + len(sessions)))
        assert review_numbers == numbers
        analysis = analyse(review.days(), sessions, review.habits(), context=context)
        assert analysis.session_numbers == numbers
        assert [row["number"] for row in analysis.sessions] == numbers

        # A report made from the review (the therapist's own export) numbers alike too.
        from recovery_journal.report import export

        again = export(review, "md")
        assert isinstance(again, str)
        tmp = ranged["md"].with_name("again.md")
        tmp.write_text(again, encoding="utf-8")
        assert _markdown(tmp) == (indexes, numbers)
    finally:
        review.close()


def test_the_json_names_the_sessions_before_the_range(cli: Cli, ranged: dict[str, Path]) -> None:
    data = json.loads(ranged["json"].read_text(encoding="utf-8"))
    journal = Journal.open(cli.db, FixedClock(datetime.fromisoformat(NOW)), create=False)
    try:
        before = [s for s in journal.sessions() if s.date < SINCE]
    finally:
        journal.close()
    assert data["context"] == {
        "sessions_before": len(before),
        "last_session_before": before[-1].at.isoformat(),
    }


def test_a_whole_journal_export_has_an_empty_context(cli: Cli) -> None:
    assert cli("--db", str(cli.db), "demo", "--days", "30", "--seed", "3", "--no-tui").code == 0
    data = cli("export", "--format", "json").json()
    assert data["context"] == {"sessions_before": 0, "last_session_before": None}


def test_import_makes_no_session_from_the_context(ranged: dict[str, Path], tmp_path: Path) -> None:
    other = Cli(tmp_path / "other" / "journal.db", tmp_path / "home2")
    done = other("import", str(ranged["json"]))
    assert done.code == 0, done.err
    in_file = json.loads(ranged["json"].read_text(encoding="utf-8"))["sessions"]
    listed = other("session", "list", "--format", "json")
    assert listed.code == 0, listed.err
    assert len(listed.json()) == len(in_file)
    assert min(s["at"] for s in listed.json()) >= SINCE.isoformat()


def test_a_bad_context_is_one_line_and_changes_nothing(
    ranged: dict[str, Path], tmp_path: Path
) -> None:
    data = json.loads(ranged["json"].read_text(encoding="utf-8"))
    data["context"]["sessions_before"] = "three"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    other = Cli(tmp_path / "other" / "journal.db", tmp_path / "home2")
    done = other("import", str(bad))
    assert done.code == 2
    assert done.err.startswith("error: ") and "context.sessions_before" in done.err
    assert len(done.err.strip().splitlines()) == 1
    assert not other.db.exists()


async def test_review_today_reads_as_the_whole_journal(cli: Cli, ranged: dict[str, Path]) -> None:
    from recovery_journal.tui.factory import create_app

    truth, _ = _truth(cli)
    clock = FixedClock(datetime.fromisoformat(NOW))
    today = clock.today()
    assert today in truth or (today - timedelta(days=1)) in truth
    review = load_review(ranged["json"], clock)
    app = create_app(review, clock, review_of=ranged["json"])
    try:
        async with app.run_test(size=(110, 34)) as pilot:
            await pilot.pause()
            await pilot.press("f4")  # review opens on the Overview; History → the last day
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            shown = app.screen.day
            title = str(app.screen.query_one("#context").border_title)
    finally:
        review.close()
    words = truth.get(shown)
    assert words is not None
    index, number = (int(x) for x in words.split(" after "))
    expected = (
        f"Session day, session {number}" if index == 0 else f"Day {index} after session {number}"
    )
    assert expected in title, title
