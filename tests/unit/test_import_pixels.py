"""Pixels backups, current and 2019 shapes: scores → mood, tags and emotions → tags."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_journal.clock import FixedClock
from recovery_journal.errors import InvalidInput
from recovery_journal.importers import pixels
from recovery_journal.importers.common import Options
from recovery_journal.store import Journal
from support import NOW

FIXTURES = Path(__file__).parent.parent / "fixtures" / "pixels"
OPTIONS = Options(today=date(2026, 11, 27), progress=False)
CLOCK = FixedClock(datetime.fromisoformat(NOW))


def load(journal: Journal, path: Path, options: Options = OPTIONS, **kw):
    parsed = pixels.read(path, options)
    return pixels.load(
        journal,
        parsed,
        on_conflict=kw.get("on_conflict", "skip"),
        dry_run=kw.get("dry_run", False),
        options=options,
    )


def test_current_shape(journal: Journal) -> None:
    result = load(journal, FIXTURES / "current.json")
    assert result.count("days", "added") == 3
    assert "Read 3 records (3 days) from current.json." in result.summary()
    day = journal.day(date(2026, 11, 20))
    assert day is not None and day.mood == 7
    assert day.tags == ["grateful", "calm", "walk"]
    assert day.note == "Good talk with my sister.\nSlept early."
    assert journal.day(date(2026, 11, 21)).mood == 4  # scores 2, 3 → 3 and 5 → 4
    birthday = journal.day(date(2026, 11, 3))
    assert birthday.mood == 9 and birthday.note == "Birthday 🎂" and birthday.tags == ["happy"]
    assert not load(journal, FIXTURES / "current.json").changed


def test_2019_shape_and_a_mood_map(journal: Journal) -> None:
    options = Options(today=OPTIONS.today, mood_map="1=2,3=6", progress=False)
    result = load(journal, FIXTURES / "2019.json", options)
    assert "Scores became moods: 1→2, 2→3, 3→6, 4→7, 5→9." in result.summary()
    day = journal.day(date(2019, 1, 1))
    assert day.mood == 6 and day.tags == ["tired", "hopeful"] and day.note == "New year."
    assert journal.day(date(2019, 1, 2)).mood == 2


def test_a_bad_score_names_its_record(journal: Journal, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps([{"date": "2026-1-1", "scores": [3]}, {"date": "2026-1-2", "scores": [6]}]),
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match=r"^record 2: the score 6"):
        load(journal, bad)
    assert journal.days() == []
    with pytest.raises(InvalidInput, match="--mood-map"):
        pixels.read(FIXTURES / "2019.json", Options(today=OPTIONS.today, mood_map="7=1"))


def _clean(text: str) -> None:
    try:
        parsed = pixels.parse(text, OPTIONS)
        with Journal.open(":memory:", CLOCK) as journal:
            pixels.load(journal, parsed, on_conflict="skip", dry_run=False, options=OPTIONS)
    except InvalidInput as error:
        assert str(error) and "\n" not in str(error)


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-2, 7)
    | st.text(max_size=6)
    | st.sampled_from(["2026-1-1", "2026-11-3", "2099-1-1", "1850-2-2"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["date", "scores", "mood", "notes", "tags", "emotions", "entries", "type"]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200), st.lists(_json, max_size=4))
def test_fuzz_clean_import_or_clean_error(data: bytes, records: list) -> None:
    _clean(data.decode("utf-8", errors="replace"))
    _clean(json.dumps(records))
