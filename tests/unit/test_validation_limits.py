"""Issue 12 items 10, 14, 15: the model refuses what a life's journal cannot hold, once,
for the CLI, the app and import alike."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from recovery_journal import model
from recovery_journal.clock import FixedClock
from recovery_journal.errors import InvalidInput
from recovery_journal.importers.json_import import load_into, read_export
from recovery_journal.model import Day, Habit, Session
from recovery_journal.store import DayChanges, Journal


def _export(tmp_path: Path, **content: object) -> Path:
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"format": "recovery-journal", "version": 1, **content}))
    return path


# ---------------------------------------------------------------- item 10: dates and times


@pytest.mark.parametrize("text", ["0001-01-01", "1899-12-31"])
def test_a_date_before_1900_is_refused_naming_the_range(text: str) -> None:
    with pytest.raises(InvalidInput, match="1900-01-01 to 2100-12-31"):
        model.parse_date(text, date(2026, 11, 27))


@pytest.mark.parametrize(
    "day", [{"date": "0001-01-01", "mood": 5}, {"date": "9999-12-31", "mood": 5}]
)
def test_an_import_of_a_day_outside_life_is_refused_and_nothing_written(
    tmp_path: Path, journal: Journal, day: dict[str, object]
) -> None:
    with pytest.raises(InvalidInput, match=r"days\[0\]\.date.*1900-01-01 to 2100-12-31"):
        load_into(journal, read_export(_export(tmp_path, days=[day])))
    assert journal.is_empty()


@pytest.mark.parametrize(
    "at", ["9999-12-31T23:00:00+01:00", "2026-01-01T10:00:00+23:59", "2026-01-01T10:00-14:30"]
)
def test_an_import_of_a_session_outside_life_or_real_offsets_is_refused(
    tmp_path: Path, journal: Journal, at: str
) -> None:
    path = _export(tmp_path, sessions=[{"id": "s1", "at": at, "kind": "other"}])
    with pytest.raises(InvalidInput, match=r"sessions\[0\]\.at"):
        read_export(path)
    assert journal.sessions() == []


def test_a_session_far_outside_life_is_refused_by_the_store_whatever_the_interface(
    journal: Journal,
) -> None:
    far = datetime.fromisoformat("1800-06-01T10:00:00+01:00")
    with pytest.raises(InvalidInput, match="1900-01-01"):
        journal.add_session(Session("", far, "other"))
    assert journal.sessions() == []


def test_a_local_time_in_a_daylight_saving_gap_is_refused_naming_the_gap() -> None:
    clock = FixedClock(datetime(2026, 11, 27, 9, 30, tzinfo=ZoneInfo("America/New_York")))
    with pytest.raises(InvalidInput) as raised:
        model.parse_datetime("2026-03-08 02:30", clock, "--at")
    message = str(raised.value)
    assert "does not exist" in message and "America/New_York" in message
    assert "02:00" in message and "03:00" in message
    assert model.parse_datetime("2026-03-08 03:30", clock).isoformat().endswith("-04:00")
    # the repeated hour when the clocks go back exists: the first of the two is taken
    assert model.parse_datetime("2026-11-01 01:30", clock).isoformat().endswith("-04:00")


# ---------------------------------------------------------------- item 14: odd input


@pytest.mark.parametrize("target", ["1e400", "NaN", "-1e400"])
def test_a_count_target_of_infinity_or_nan_is_refused_with_a_plain_message(
    tmp_path: Path, target: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(
        '{"format": "recovery-journal", "version": 1, "habits": [{"key": "water", '
        f'"label": "Water", "kind": "count", "target": {target}}}]}}'
    )
    with pytest.raises(InvalidInput, match=r"habits\[0\]\.target"):
        read_export(path)


def test_a_huge_number_is_named_shortly_not_in_three_hundred_digits(tmp_path: Path) -> None:
    path = _export(tmp_path, days=[{"date": "2026-01-01", "mood": 10**300}])
    with pytest.raises(InvalidInput) as raised:
        read_export(path)
    assert "1e+300" in str(raised.value) and len(str(raised.value)) < 200


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ({"assessments": [{"id": "a", "instrument": [], "date": "2026-01-01"}]}, "instrument"),
        ({"assessments": [{"id": "a", "instrument": {}, "date": "2026-01-01"}]}, "instrument"),
    ],
)
def test_an_instrument_that_is_not_text_is_refused(
    tmp_path: Path, content: dict[str, object], where: str
) -> None:
    with pytest.raises(InvalidInput, match=where):
        read_export(_export(tmp_path, **content))


def test_a_lone_surrogate_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(
        '{"format": "recovery-journal", "version": 1, "sessions": [{"id": "\\ud800", '
        '"at": "2026-01-01T10:00:00+01:00", "kind": "other"}]}'
    )
    with pytest.raises(InvalidInput, match=r"sessions\[0\]\.id.*UTF-8"):
        read_export(path)


def test_deep_nesting_and_a_five_thousand_digit_integer_are_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(InvalidInput, match="too deeply"):
        read_export(deep)
    digits = tmp_path / "digits.json"
    digits.write_text(
        '{"format": "recovery-journal", "version": 1, "days": [{"date": "2026-01-01", '
        f'"mood": {"9" * 5000}}}]}}'
    )
    with pytest.raises(InvalidInput, match="digits"):
        read_export(digits)


# ---------------------------------------------------------------- item 15: caps


def test_an_import_of_more_tags_on_a_day_than_the_cap_is_refused(
    tmp_path: Path, journal: Journal
) -> None:
    tags = [f"t{i}" for i in range(model.MAX_TAGS_PER_DAY + 1)]
    path = _export(tmp_path, days=[{"date": "2026-01-01", "tags": tags}])
    with pytest.raises(InvalidInput, match=f"at most {model.MAX_TAGS_PER_DAY}"):
        read_export(path)
    assert journal.is_empty()


def test_the_cap_on_tags_holds_when_tags_are_added_one_by_one(journal: Journal) -> None:
    day = date(2026, 11, 20)
    journal.put_days([Day(day, tags=[f"t{i}" for i in range(model.MAX_TAGS_PER_DAY)])])
    with pytest.raises(InvalidInput, match=f"at most {model.MAX_TAGS_PER_DAY}"):
        journal.update_day(day, DayChanges(add_tags=["one-more"]))
    saved = journal.day(day)
    assert saved is not None and len(saved.tags) == model.MAX_TAGS_PER_DAY
    with pytest.raises(InvalidInput, match="tags"):
        journal.put_days([Day(day, tags=[f"t{i}" for i in range(model.MAX_TAGS_PER_DAY + 1)])])


def test_a_journal_keeps_at_most_the_cap_of_active_habits(journal: Journal) -> None:
    active = len(journal.habits(include_archived=False))
    for i in range(model.MAX_ACTIVE_HABITS - active):
        journal.add_habit(Habit(f"h{i}", f"Habit {i}", "done"))
    with pytest.raises(InvalidInput, match=f"at most {model.MAX_ACTIVE_HABITS} active"):
        journal.add_habit(Habit("one_more", "One more", "done"))
    journal.update_habit("h0", archived=True)
    journal.add_habit(Habit("one_more", "One more", "done"))  # archiving made room
    with pytest.raises(InvalidInput, match="active"):
        journal.update_habit("h0", archived=False)
    assert journal.habit("h0").archived  # type: ignore[union-attr]


def test_an_import_of_too_many_habits_is_refused_and_nothing_written(
    tmp_path: Path, journal: Journal
) -> None:
    habits = [{"key": f"h{i}", "label": f"H {i}", "kind": "done"} for i in range(200)]
    with pytest.raises(InvalidInput, match="active"):
        load_into(journal, read_export(_export(tmp_path, habits=habits)))
    assert len(journal.habits()) == len(model.BUILT_IN_HABITS)


def test_a_file_with_one_date_twice_among_many_names_the_date(
    tmp_path: Path, journal: Journal
) -> None:
    days = [{"date": f"2026-01-{d:02d}", "mood": 5} for d in range(1, 29)]
    days.append({"date": "2026-01-07", "mood": 6})
    with pytest.raises(InvalidInput, match="more than one day for 2026-01-07"):
        load_into(journal, read_export(_export(tmp_path, days=days)))


# ---------------------------------------------------------------- issue 15 item 4: provider


def test_the_provider_has_one_limit_on_import_and_in_the_store(
    tmp_path: Path, journal: Journal
) -> None:
    long = "p" * (model.PROVIDER_MAX_CHARS + 1)
    session = {"id": "s1", "at": "2026-01-01T10:00:00+01:00", "kind": "other", "provider": long}
    with pytest.raises(InvalidInput, match=f"provider.*{model.PROVIDER_MAX_CHARS}"):
        read_export(_export(tmp_path, sessions=[session]))
    at = datetime.fromisoformat("2026-01-01T10:00:00+01:00")
    with pytest.raises(InvalidInput, match="provider"):  # what the app's session form calls
        journal.add_session(Session("", at, "other", provider=long))
    assert journal.sessions() == []
    kept = journal.add_session(Session("", at, "other", provider="p" * model.PROVIDER_MAX_CHARS))
    assert kept.provider == "p" * model.PROVIDER_MAX_CHARS
