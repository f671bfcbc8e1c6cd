"""`log` and `show` as a user runs them (PRODUCT.md §3, §4)."""

from __future__ import annotations

import csv
import io
import stat
from typing import Any

from recovery_journal.clock import FixedClock
from recovery_journal.model_json import day_to_json
from recovery_journal.store import Journal

NOW = "2026-11-27T09:30:00+01:00"
DAY_KEYS = {"date", "mood", "anxiety", "energy", "sleep_hours", "habits", "tags", "note"}


def show(cli: Any, *args: str) -> list[dict[str, Any]]:
    result = cli("show", "--format", "json", *args)
    assert result.code == 0, result.err
    assert result.err == ""
    return result.json()


def one_day(cli: Any, date: str = "2026-11-27") -> dict[str, Any]:
    days = show(cli, "--date", date)
    assert len(days) == 1
    return days[0]


def stored_day(cli: Any, date: str = "2026-11-27") -> dict[str, Any]:
    """The day as the journal file holds it, read in this process (cheaper than `show`)."""
    from datetime import date as Date
    from datetime import datetime

    with Journal.open(cli.db, FixedClock(datetime.fromisoformat(NOW)), create=False) as journal:
        day = journal.day(Date.fromisoformat(date))
    assert day is not None
    return day_to_json(day)


def ok(result: Any) -> Any:
    assert result.code == 0, result.err
    assert result.err == ""
    return result


def check_day_shape(day: dict[str, Any]) -> None:
    """The keys and types of §4."""
    assert set(day) == DAY_KEYS
    assert isinstance(day["date"], str) and len(day["date"]) == 10
    for key in ("mood", "anxiety", "energy"):
        assert day[key] is None or (type(day[key]) is int)
    assert day["sleep_hours"] is None or type(day["sleep_hours"]) in (int, float)
    assert isinstance(day["habits"], dict)
    for value in day["habits"].values():
        assert type(value) in (int, float, bool)
    assert isinstance(day["tags"], list) and all(isinstance(t, str) for t in day["tags"])
    assert day["note"] is None or isinstance(day["note"], str)


def test_log_with_every_built_in_flag(cli: Any) -> None:
    result = ok(
        cli(
            "log",
            "--mood",
            "7",
            "--anxiety",
            "0",
            "--energy",
            "10",
            "--sleep",
            "7.45",
            "--meditation",
            "20",
            "--exercise",
            "30.5",
            "--social",
            "2",
            "--avoided-news",
            "yes",
            "--avoided-social-media",
            "no",
            "--tag",
            "therapy",
            "--tag",
            "Movies / TV",
            "--note",
            "Walked by the river.",
        )
    )
    assert result.out == "saved 2026-11-27\n"
    day = one_day(cli)
    check_day_shape(day)
    assert day == {
        "date": "2026-11-27",
        "mood": 7,
        "anxiety": 0,
        "energy": 10,
        "sleep_hours": 7.5,
        "habits": {
            "meditation": 20,
            "exercise": 30.5,
            "social": 2,
            "news_avoided": True,
            "social_media_avoided": False,
        },
        "tags": ["therapy", "movies-tv"],
        "note": "Walked by the river.",
    }
    assert type(day["habits"]["social"]) is int
    assert type(day["habits"]["news_avoided"]) is bool


def test_the_journal_file_is_owner_only(cli: Any) -> None:
    ok(cli("log", "--mood", "5"))
    assert stat.S_IMODE(cli.db.stat().st_mode) == 0o600
    assert stat.S_IMODE(cli.db.parent.stat().st_mode) == 0o700


def test_log_changes_only_the_fields_given(cli: Any) -> None:
    ok(
        cli(
            "log",
            "--mood",
            "4",
            "--anxiety",
            "6",
            "--sleep",
            "6",
            "--meditation",
            "10",
            "--tag",
            "work",
            "--note",
            "morning",
        )
    )
    ok(cli("log", "--mood", "6"))
    ok(cli("log", "--exercise", "20", "--tag", "nature"))
    day = stored_day(cli)
    assert day["mood"] == 6
    assert day["anxiety"] == 6
    assert day["sleep_hours"] == 6
    assert day["habits"] == {"meditation": 10, "exercise": 20}
    assert day["tags"] == ["work", "nature"]
    assert day["note"] == "morning"


def test_log_on_other_dates(cli: Any) -> None:
    ok(cli("log", "--date", "yesterday", "--mood", "3"))
    ok(cli("log", "--date", "2026-11-20", "--mood", "2"))
    ok(cli("log", "--date", "today", "--mood", "8"))
    assert cli("log", "--date", "2026-11-20", "--energy", "4").out == "saved 2026-11-20\n"
    days = show(cli)
    assert [(d["date"], d["mood"]) for d in days] == [
        ("2026-11-20", 2),
        ("2026-11-26", 3),
        ("2026-11-27", 8),
    ]
    assert days[0]["energy"] == 4


def test_habit_flag_sets_built_in_and_custom_habits(cli: Any) -> None:
    ok(cli("habits", "add", "therapy", "--label", "Therapy", "--kind", "done"))
    ok(cli("habits", "add", "reading", "--label", "Reading", "--kind", "minutes"))
    ok(cli("habits", "add", "water", "--label", "Glasses of water", "--kind", "count"))
    ok(
        cli(
            "log",
            "--habit",
            "therapy=yes",
            "--habit",
            "reading=12.5",
            "--habit",
            "water=6",
            "--habit",
            "news_avoided=no",
            "--habit",
            "meditation=0",
        )
    )
    assert stored_day(cli)["habits"] == {
        "meditation": 0,
        "news_avoided": False,
        "therapy": True,
        "reading": 12.5,
        "water": 6,
    }


def test_tags_are_added_removed_and_normalised(cli: Any) -> None:
    ok(cli("log", "--tag", "Family", "--tag", "NATURE", "--tag", "family", "--tag", "Café"))
    assert stored_day(cli)["tags"] == ["family", "nature", "café"]
    ok(cli("log", "--untag", "Nature", "--tag", "friends"))
    assert stored_day(cli)["tags"] == ["family", "café", "friends"]
    ok(cli("log", "--untag", "not-there"))
    assert stored_day(cli)["tags"] == ["family", "café", "friends"]


def test_clear_empties_only_the_fields_named(cli: Any) -> None:
    ok(
        cli(
            "log",
            "--mood",
            "5",
            "--anxiety",
            "3",
            "--energy",
            "4",
            "--sleep",
            "8",
            "--note",
            "n",
            "--meditation",
            "5",
            "--exercise",
            "0",
            "--tag",
            "rest",
        )
    )
    ok(cli("log", "--clear", "mood", "--clear", "meditation"))
    day = stored_day(cli)
    assert (day["mood"], day["anxiety"], day["energy"], day["sleep_hours"], day["note"]) == (
        None,
        3,
        4,
        8,
        "n",
    )
    assert day["habits"] == {"exercise": 0}
    ok(cli("log", "--clear", "anxiety", "--clear", "energy", "--clear", "sleep", "--clear", "note"))
    assert stored_day(cli) == {
        "date": "2026-11-27",
        "mood": None,
        "anxiety": None,
        "energy": None,
        "sleep_hours": None,
        "habits": {"exercise": 0},
        "tags": ["rest"],
        "note": None,
    }


def test_note_from_standard_input_is_kept_exactly(cli: Any) -> None:
    note = "Line one\r\nLine two with trailing spaces   \r\n\r\n🙂 שלום مرحبا\u202e\n\t"
    ok(cli("log", "--note", "-", stdin=note))
    assert stored_day(cli)["note"] == note
    # and the same through an argument
    ok(cli("log", "--date", "yesterday", "--note", note))
    assert stored_day(cli, "2026-11-26")["note"] == note


def test_a_note_of_100000_characters(cli: Any) -> None:
    note = ("x" * 99 + "\n") * 1000
    assert len(note) == 100_000
    ok(cli("log", "--note", "-", stdin=note))
    assert stored_day(cli)["note"] == note


def test_append_note_adds_a_paragraph(cli: Any) -> None:
    ok(cli("log", "--append-note", "Morning: heavy."))
    ok(cli("log", "--append-note", "-", stdin="Evening: lighter.\r\n"))
    assert stored_day(cli)["note"] == "Morning: heavy.\n\nEvening: lighter.\r\n"


def test_an_empty_note_clears_it(cli: Any) -> None:
    ok(cli("log", "--note", "something", "--mood", "5"))
    ok(cli("log", "--note", ""))
    assert stored_day(cli)["note"] is None


def test_show_lists_days_oldest_first_and_ranges(cli: Any) -> None:
    for day, mood in (("2026-11-25", 5), ("2026-11-20", 2), ("2026-11-27", 7), ("2026-11-22", 3)):
        ok(cli("log", "--date", day, "--mood", str(mood)))
    assert [d["date"] for d in show(cli)] == [
        "2026-11-20",
        "2026-11-22",
        "2026-11-25",
        "2026-11-27",
    ]
    assert [d["date"] for d in show(cli, "--since", "2026-11-22")] == [
        "2026-11-22",
        "2026-11-25",
        "2026-11-27",
    ]
    assert [d["date"] for d in show(cli, "--until", "2026-11-22")] == ["2026-11-20", "2026-11-22"]
    assert [d["date"] for d in show(cli, "--since", "2026-11-21", "--until", "2026-11-25")] == [
        "2026-11-22",
        "2026-11-25",
    ]
    assert show(cli, "--date", "2026-11-21") == []
    assert [d["date"] for d in show(cli, "--date", "yesterday")] == []
    assert [d["date"] for d in show(cli, "--since", "yesterday", "--until", "today")] == [
        "2026-11-27"
    ]
    for day in show(cli):
        check_day_shape(day)


def test_show_json_on_an_empty_journal_is_an_empty_list(cli: Any) -> None:
    result = ok(cli("show", "--format", "json"))
    assert result.json() == []


def test_habits_not_logged_are_absent(cli: Any) -> None:
    ok(cli("log", "--mood", "5"))
    assert stored_day(cli)["habits"] == {}


def test_show_table(cli: Any) -> None:
    assert ok(cli("show")).out == "No check-ins in this range yet.\n"
    ok(
        cli(
            "log",
            "--date",
            "yesterday",
            "--mood",
            "4",
            "--meditation",
            "15",
            "--avoided-news",
            "yes",
            "--tag",
            "nature",
            "--note",
            "first line\nsecond line",
        )
    )
    ok(cli("log", "--mood", "8", "--sleep", "7.5"))
    out = ok(cli("show")).out
    lines = out.splitlines()
    assert lines[0].split() == [
        "date",
        "mood",
        "anxiety",
        "energy",
        "sleep",
        "habits",
        "tags",
        "note",
    ]
    assert len(lines) == 3
    assert lines[1].startswith("2026-11-26")
    assert "meditation 15" in lines[1] and "news_avoided yes" in lines[1]
    assert "nature" in lines[1] and "first line second line" in lines[1]
    assert lines[2].startswith("2026-11-27") and "7.5" in lines[2]


def test_show_csv(cli: Any) -> None:
    ok(cli("habits", "add", "therapy", "--label", "Therapy", "--kind", "done"))
    ok(
        cli(
            "log",
            "--date",
            "yesterday",
            "--mood",
            "4",
            "--meditation",
            "15",
            "--habit",
            "therapy=no",
            "--tag",
            "nature",
            "--tag",
            "family",
            "--note",
            'say "hi",\r\nok',
        )
    )
    ok(cli("log", "--mood", "8", "--sleep", "7.5", "--avoided-news", "yes"))
    out = ok(cli("show", "--format", "csv")).out
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == [
        "date",
        "mood",
        "anxiety",
        "energy",
        "sleep_hours",
        "meditation",
        "exercise",
        "social",
        "news_avoided",
        "social_media_avoided",
        "therapy",
        "tags",
        "note",
    ]
    assert rows[1] == [
        "2026-11-26",
        "4",
        "",
        "",
        "",
        "15",
        "",
        "",
        "",
        "",
        "no",
        "nature family",
        'say "hi",\r\nok',
    ]
    assert rows[2] == ["2026-11-27", "8", "", "", "7.5", "", "", "", "yes", "", "", "", ""]
    assert len(rows) == 3


def test_the_journal_is_chosen_by_db_then_environment_then_default(cli: Any, tmp_path: Any) -> None:
    other = tmp_path / "elsewhere" / "other.db"
    ok(cli("--db", str(other), "log", "--mood", "3"))
    assert other.exists() and not cli.db.exists()
    ok(cli("log", "--mood", "4"))  # RECOVERY_JOURNAL_DB
    ok(cli("log", "--mood", "6", RECOVERY_JOURNAL_DB=""))  # the user data directory
    default = tmp_path / "home" / ".local" / "share" / "recovery-journal" / "journal.db"
    assert default.exists()
    assert stat.S_IMODE(default.stat().st_mode) == 0o600
    for path, mood in ((other, 3), (cli.db, 4), (default, 6)):
        days = ok(cli("--db", str(path), "show", "--format", "json")).json()
        assert [d["mood"] for d in days] == [mood]


def test_clearing_on_a_day_with_nothing_logged_creates_no_check_in(cli) -> None:
    assert cli("log", "--date", "yesterday", "--mood", "4").code == 0
    result = cli("log", "--clear", "mood", "--untag", "x")
    assert result.code == 2 and "nothing to clear" in result.err
    assert [day["date"] for day in cli("show", "--format", "json").json()] == ["2026-11-26"]


def test_a_day_cleared_of_everything_is_no_longer_listed(cli) -> None:
    assert cli("log", "--date", "2026-11-24", "--mood", "6").code == 0
    assert cli("log", "--date", "2026-11-25", "--mood", "7").code == 0
    assert cli("log", "--date", "2026-11-24", "--clear", "mood", "--clear", "mood").code == 0
    assert [day["date"] for day in cli("show", "--format", "json").json()] == ["2026-11-25"]
