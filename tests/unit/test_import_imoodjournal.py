"""iMoodJournal's CSV: levels → mood, #hashtags → tags, comments → the day's note."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_journal.clock import FixedClock
from recovery_journal.errors import InvalidInput
from recovery_journal.importers import imoodjournal
from recovery_journal.importers.common import Options
from recovery_journal.store import Journal
from support import NOW

FIXTURE = Path(__file__).parent.parent / "fixtures" / "imoodjournal" / "entries.csv"
TODAY = date(2026, 11, 27)
OPTIONS = Options(today=TODAY, progress=False)
CLOCK = FixedClock(datetime.fromisoformat(NOW))
HEADER = "Date,Weekday,Hour,Minute,Level,Comment\n"


def load(journal: Journal, path: Path = FIXTURE, **kw):
    parsed = imoodjournal.read(path, OPTIONS)
    return imoodjournal.load(
        journal,
        parsed,
        on_conflict=kw.get("on_conflict", "skip"),
        dry_run=kw.get("dry_run", False),
        options=OPTIONS,
    )


def test_levels_hashtags_and_comments_in_time_order(journal: Journal) -> None:
    result = load(journal)
    assert result.count("days", "added") == 3
    assert "Read 4 entries (3 days) from entries.csv." in result.summary()
    first = journal.day(date(2026, 11, 20))
    assert first is not None
    assert first.mood == 7  # (8 + 5) / 2 = 6.5, halves up
    assert first.tags == ["morning", "friends", "cooking"]
    assert first.note == (
        "[08:30] Slow start, but out of bed. #morning\n\n[21:05] Dinner with Sam #friends #cooking"
    )
    quiet = journal.day(date(2026, 11, 21))
    assert quiet is not None and quiet.mood == 3 and quiet.note is None and quiet.tags == []
    best = journal.day(date(2026, 11, 22))
    assert best is not None and best.mood == 10 and best.tags == ["family"]
    assert best.note == '[09:15] Best day in weeks, "really". #Family'


def test_twice_changes_nothing_and_dry_run_writes_nothing(journal: Journal) -> None:
    dry = load(journal, dry_run=True)
    assert dry.count("days", "added") == 3 and journal.days() == []
    load(journal)
    again = load(journal)
    assert again.count("days", "unchanged") == 3 and not again.changed


def test_a_bad_level_names_its_line_and_nothing_is_written(
    journal: Journal, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER + '"November 20, 2026",Friday,9,0,7,"a\nnote"\n"November 21, 2026",Sat,9,0,11,x\n',
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match=r"^line 4: the level '11'"):
        load(journal, bad)
    assert journal.days() == []


def test_a_date_that_is_not_a_date_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + '"Smarch 3, 2026",x,9,0,5,\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 2: the date 'Smarch 3, 2026'"):
        imoodjournal.read(bad, OPTIONS)


def _clean(text: str, clock: FixedClock) -> None:
    try:
        parsed = imoodjournal.parse(text, OPTIONS)
        with Journal.open(":memory:", clock) as journal:
            imoodjournal.load(journal, parsed, on_conflict="skip", dry_run=False, options=OPTIONS)
    except InvalidInput as error:
        assert str(error) and "\n" not in str(error)


_cell = st.one_of(
    st.sampled_from(["", "November 5, 2026", "Dec 1, 2099", "9", "61", "10", "0", "#a #b", "\x00"]),
    st.text(max_size=10),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300), st.lists(st.lists(_cell, min_size=5, max_size=7), max_size=5))
def test_fuzz_clean_import_or_clean_error(data: bytes, rows: list[list[str]]) -> None:
    try:
        text = imoodjournal.decode(data, imoodjournal.WHAT)
    except InvalidInput:
        text = ""
    _clean(HEADER + text, CLOCK)
    quoted = ['"' + '","'.join(c.replace('"', '""') for c in row) + '"' for row in rows]
    _clean(HEADER + "\n".join(quoted), CLOCK)
