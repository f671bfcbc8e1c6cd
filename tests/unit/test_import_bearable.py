"""Bearable's CSV: one row per reading; mood, energy, sleep, factors and notes."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_journal.clock import FixedClock
from recovery_journal.errors import InvalidInput
from recovery_journal.importers import bearable
from recovery_journal.importers.common import Options, decode
from recovery_journal.store import DayChanges, Journal
from support import NOW

FIXTURE = Path(__file__).parent.parent / "fixtures" / "bearable" / "export.csv"
OPTIONS = Options(today=date(2026, 11, 27), progress=False)
CLOCK = FixedClock(datetime.fromisoformat(NOW))
HEADER = "date,weekday,time of day,category,rating/amount,detail,notes\n"


def load(journal: Journal, path: Path = FIXTURE, **kw):
    parsed = bearable.read(path, OPTIONS)
    return bearable.load(
        journal,
        parsed,
        on_conflict=kw.get("on_conflict", "skip"),
        dry_run=kw.get("dry_run", False),
        options=OPTIONS,
    )


def test_mood_energy_sleep_factors_and_notes(journal: Journal) -> None:
    result = load(journal)
    summary = result.summary()
    assert "Read 10 readings (3 days) from export.csv." in summary
    assert "Factors that became tags (3): exercise, social-media, coffee." in summary
    assert "Symptom readings, which the journal has no place for (1)" in summary
    assert "Medication readings, which the journal has no place for (1)" in summary
    sunday = journal.day(date(2026, 11, 22))
    assert sunday is not None
    assert sunday.mood == 8  # (7 + 8) / 2 = 7.5, halves up
    assert sunday.energy == 5  # Bearable's 3 of 5
    assert sunday.sleep_hours == 7.5
    assert sunday.tags == ["exercise", "social-media", "coffee"]
    assert sunday.note == "[pm · Mood] Walked by the river, felt lighter"
    monday = journal.day(date(2026, 11, 23))
    assert monday is not None and monday.mood == 4 and monday.energy == 1
    first = journal.day(date(2026, 11, 1))
    assert first is not None and first.sleep_hours == 6.8 and first.mood is None


def test_replace_keeps_what_the_file_lacks_and_twice_changes_nothing(journal: Journal) -> None:
    journal.update_day(date(2026, 11, 23), DayChanges(fields={"mood": 9, "anxiety": 6}))
    skipped = load(journal)
    assert skipped.count("days", "skipped") == 1
    assert journal.day(date(2026, 11, 23)).mood == 9
    replaced = load(journal, on_conflict="replace")
    assert replaced.count("days", "replaced") == 1
    day = journal.day(date(2026, 11, 23))
    assert day.mood == 4 and day.anxiety == 6
    assert not load(journal, on_conflict="replace").changed


def test_a_bad_sleep_names_its_line(journal: Journal, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER + "1st Nov 2026,Sun,am,Mood,5,,\n2nd Nov 2026,Mon,am,Sleep,lots,,\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match=r"^line 3: the sleep 'lots'"):
        load(journal, bad)
    assert journal.days() == []


def test_dates_in_words_and_iso() -> None:
    assert bearable.parse_bearable_date("22nd Sep 2020") == date(2020, 9, 22)
    assert bearable.parse_bearable_date("1st January 2021") == date(2021, 1, 1)
    assert bearable.parse_bearable_date("2020-09-22") == date(2020, 9, 22)
    assert bearable.parse_bearable_date("31st Feb 2020") is None


def _clean(text: str) -> None:
    try:
        parsed = bearable.parse(text, OPTIONS)
        with Journal.open(":memory:", CLOCK) as journal:
            bearable.load(journal, parsed, on_conflict="skip", dry_run=False, options=OPTIONS)
    except InvalidInput as error:
        assert str(error) and "\n" not in str(error)


_cell = st.one_of(
    st.sampled_from(
        [
            "",
            "22nd Nov 2026",
            "1st Jan 2099",
            "Mood",
            "Energy",
            "Sleep",
            "Factors",
            "Notes",
            "7",
            "11",
            "v. low",
            "23:59",
            "9:75",
            "a | b",
            "\x00",
            "nan",
        ]
    ),
    st.text(max_size=8),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300), st.lists(st.lists(_cell, min_size=7, max_size=7), max_size=6))
def test_fuzz_clean_import_or_clean_error(data: bytes, rows: list[list[str]]) -> None:
    try:
        text = decode(data, "x")
    except InvalidInput:
        text = ""
    _clean(HEADER + text)
    _clean(
        HEADER + "\n".join('"' + '","'.join(c.replace('"', '""') for c in r) + '"' for r in rows)
    )


def test_a_sleep_with_only_its_span_counts_the_span(journal: Journal, tmp_path: Path) -> None:
    path = tmp_path / "span.csv"
    path.write_text(
        HEADER
        + "1st Nov 2026,Sun,am,Sleep,,Asleep 23:30 – 07:00,\n"
        + "2nd Nov 2026,Mon,am,Sleep,,slept badly,\n"
        + "2nd Nov 2026,Mon,am,Mood,6,,\n",
        encoding="utf-8",
    )
    result = load(journal, path)
    first = journal.day(date(2026, 11, 1))
    assert first is not None and first.sleep_hours == 7.5
    second = journal.day(date(2026, 11, 2))
    assert second is not None and second.sleep_hours is None and second.mood is not None
    assert "sleep readings with neither hours nor a time span (1)" in result.summary()
