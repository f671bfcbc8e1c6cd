"""The report as a therapist reads it (issue 14, items 4–6): a first page with the flags and
"since the last session", an "After each session" table that agrees with `insights`, long
journals condensed to weeks, and nothing that reads backwards."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from recovery_journal import insights
from recovery_journal.demo import build_demo
from recovery_journal.model import Day, Habit, Session
from recovery_journal.report import export, load, summary
from recovery_journal.report.markdown import render_markdown
from recovery_journal.store import Journal
from report_fixtures import fill_small


def _html(journal: Journal, **options: object) -> str:
    text = export(journal, "html", **options)  # type: ignore[arg-type]
    assert isinstance(text, str)
    return text


def _md(journal: Journal, **options: object) -> str:
    text = export(journal, "md", **options)  # type: ignore[arg-type]
    assert isinstance(text, str)
    return text


def test_the_first_page_holds_the_flags_since_last_session_and_the_summary(memory_journal):
    fill_small(memory_journal)
    html = _html(memory_journal)
    first = html[html.index('<section class="first-page">') : html.index("After each session")]
    assert "[!] Safety" in first
    assert "Since the last session" in first
    assert "Last session: #2 on 7 Nov 2026 (10:00), 3 days before the end of this file." in first
    assert "PHQ-9: 4 (minimal) on 9 Nov 2026, previous 12 (moderate) on 1 Nov 2026" in first
    assert "New journal notes since the session: 2." in first
    assert "<h2>Summary</h2>" in first
    assert "<svg" not in first and "<table" not in first
    assert (
        first.index("[!] Safety")
        < first.index("Since the last session")
        < first.index("<h2>Summary</h2>")
    )


def test_after_each_session_agrees_with_insights_json(memory_journal):
    build_demo(memory_journal, days=120, seed=4)
    data = load(memory_journal)
    rows = insights.analyse(
        memory_journal.days(),
        memory_journal.sessions(),
        memory_journal.habits(),
        data.since,
        data.until,
    ).to_json()["sessions"]
    md = render_markdown(data)
    table = md[md.index("## After each session") : md.index("## Charts")]
    found = re.findall(r"^\| (\d+) \| (\d{4}-\d\d-\d\d) \|(.*)\|$", table, re.M)
    assert len(found) == len(rows) > 5
    for (number, when, rest), row in zip(found, rows, strict=True):
        cells = [c.strip() for c in rest.split("|")]
        assert (int(number), when) == (row["number"], row["date"])
        moods = ["–" if m is None else str(m) for m in row["moods_after"]]
        assert cells[1 : 1 + len(moods)] == moods
        above = row["days_above_baseline"]
        assert cells[-1] == ("–" if above is None else str(above))
        assert cells[-2] == insights.format_one(row["baseline_mood"])


def test_days_above_baseline_counts_until_the_first_day_not_above() -> None:
    assert insights.days_above([7, None, 8, 5, 9], 6) == 2
    assert insights.days_above([6, 9], 6) == 0
    assert insights.days_above([None, None], 6) is None
    assert insights.days_above([9], None) is None


def _long(journal: Journal) -> None:
    build_demo(journal, days=400, seed=2)


def test_a_long_journal_shows_the_last_90_days_day_by_day_and_weeks_before(memory_journal):
    _long(memory_journal)
    data = load(memory_journal)
    assert data.since is not None and data.until is not None
    start = data.until - timedelta(days=89)
    for text, row in (
        (_html(memory_journal), r"<tr><td>(\d{4}-\d\d-\d\d)</td>"),
        (_md(memory_journal), r"^\| (\d{4}-\d\d-\d\d) \| (?:base|\d+) \|"),
    ):
        weekly = text[text.index("Week by week") : text.index("Day by day from")]
        weeks = [date.fromisoformat(d) for d in re.findall(r"(\d{4}-\d\d-\d\d)", weekly)]
        assert weeks and max(weeks) < start and min(weeks) <= data.since
        daily = text[text.index("Day by day from") : text.index("Journal notes")]
        dates = [date.fromisoformat(d) for d in re.findall(row, daily, re.M)]
        assert min(dates) == start and max(dates) == data.until
        assert f"Week by week before {start.day} {start:%b %Y}" in text
        notes = text[text.index("Journal notes") :]
        assert "earlier notes are left out" in notes
        assert "--detail all" in notes
        shown = {date.fromisoformat(d) for d in re.findall(r"(\d{4}-\d\d-\d\d)", notes)}
        assert not {d for d in shown if d < start}


def test_detail_all_gives_every_day_and_every_note(memory_journal):
    _long(memory_journal)
    every = [d for d in memory_journal.days() if d.note]
    html = _html(memory_journal, detail="all")
    daily = html[html.index('<section class="daily">') : html.index('<section class="notes">')]
    assert len(re.findall(r"<tr><td>\d{4}", daily)) == len(memory_journal.days())
    assert "Week by week" not in html
    assert html.count('<article class="note">') == len(every)
    md = _md(memory_journal, detail="all")
    assert md.count("\n### ") >= len(every)


def test_detail_must_be_recent_or_all(memory_journal):
    from recovery_journal.errors import InvalidInput

    with pytest.raises(InvalidInput, match="--detail"):
        export(memory_journal, "html", detail="some")  # type: ignore[arg-type]


def test_mood_chart_labels_never_collide(memory_journal):
    build_demo(memory_journal, days=1826, seed=11)
    html = _html(memory_journal)
    chart = html[html.index("<svg") : html.index("</svg>")]
    labels = [
        (float(x), text)
        for x, text in re.findall(
            r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle" '
            r'font-size="9">(#\d+)</text>',
            chart,
        )
    ]
    assert len(labels) > 10
    for (x1, a), (x2, b) in itertools.pairwise(labels):
        assert x2 - x1 >= (len(a) + len(b)) * 2.7, (a, b)  # 9-unit text: ~5.4 a character


# ---------------------------------------------------------------- nothing reads backwards


def _day(journal: Journal, when: date, **fields: object) -> None:
    """Put a day, keeping what it already holds."""
    old = next((d for d in journal.days(when, when)), None) or Day(when)
    journal.put_days([replace(old, **fields)])  # type: ignore[arg-type]


def _one_session(journal: Journal, aftercare: dict[str, bool]) -> None:
    tz = journal.clock.now().tzinfo
    journal.add_session(
        Session(
            "s1", datetime(2026, 11, 3, 10, 0, tzinfo=tz), "esketamine_nasal", aftercare=aftercare
        )
    )
    for offset in range(6):
        _day(journal, date(2026, 11, 1) + timedelta(days=offset), mood=5)


def test_aftercare_with_nothing_recorded_reads_not_logged(memory_journal):
    _one_session(memory_journal, {})
    for text in (_html(memory_journal), _md(memory_journal)):
        assert "0 of 7" not in text
        sessions = text[text.index("Sessions") :]
        assert "not logged" in sessions
        assert "After-care: not logged." in text


def test_a_drive_after_the_session_stands_out(memory_journal):
    _one_session(memory_journal, {"no_driving": False, "light_meal": True})
    html = _html(memory_journal)
    summary = html[html.index("<h2>Summary</h2>") : html.index("After each session")]
    assert '<strong class="drove">drove after the session</strong> #1' in summary
    table = html[html.index('<table class="sessions">') :]
    assert '<strong class="drove">drove after the session</strong>' in table
    since = html[html.index("Since the last session") : html.index("<h2>Summary</h2>")]
    assert '<strong class="drove">drove after the session</strong>' in since
    md = _md(memory_journal)
    assert "**drove after the session** #1" in md
    assert "After-care: **drove after the session**; 1 of 7 done" in md


def test_archived_habits_appear_in_the_adherence_line(memory_journal):
    memory_journal.add_habit(Habit("walk", "Evening walk", "done"))
    _one_session(memory_journal, {"no_driving": True})
    for offset in range(3):
        _day(memory_journal, date(2026, 11, 3) + timedelta(days=offset), habits={"walk": True})
    memory_journal.update_habit("walk", archived=True)
    md = _md(memory_journal)
    line = next(x for x in md.splitlines() if x.startswith("- Habits logged done"))
    assert "Evening walk (archived) 100% of 3 days vs not logged" in line


def test_a_weekly_mean_of_3_25_shows_3_3(memory_journal):
    monday = date(2026, 11, 2)
    for offset, mood in enumerate((3, 3, 3, 4)):
        _day(memory_journal, monday + timedelta(days=offset), mood=mood)
    md = _md(memory_journal)
    assert re.search(r"^\| 2026-11-02 \| 4 \| 3\.3 \|", md, re.M)


def test_sleep_hours_use_one_decimal_style(memory_journal):
    _day(memory_journal, date(2026, 11, 2), mood=5, sleep_hours=7)
    _day(memory_journal, date(2026, 11, 3), mood=5, sleep_hours=7.5)
    md = _md(memory_journal)
    assert "| 7.0 |" in md and "| 7.5 |" in md
    html = _html(memory_journal)
    assert '<td class="num">7.0</td>' in html


def test_weekly_rows_round_half_up(memory_journal):
    data = load(memory_journal)
    days = [Day(date(2026, 11, 2) + timedelta(days=i), mood=m) for i, m in enumerate((3, 3, 3, 4))]
    rows = summary.weekly_rows(replace(data, sessions=[]), days, {})
    assert rows[0][:3] == ["2026-11-02", "4", "3.3"]
