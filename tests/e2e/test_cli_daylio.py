"""`import PATH --format daylio` as a user runs it (PRODUCT.md §8)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "daylio"
MODERN = str(FIXTURES / "modern.csv")
ACTIVITY_MAP = "sport=exercise:30,walk=exercise:20,meditation=meditation:10,no news=news_avoided"


def daylio(cli, path: str | Path, *flags: str):
    return cli("import", str(path), "--format", "daylio", *flags)


def show(cli) -> dict[str, dict]:
    result = cli("show", "--format", "json")
    assert result.code == 0, result.err
    return {day["date"]: day for day in result.json()}


def assert_clean_error(result, *words: str) -> None:
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("error: ")
    assert result.err.count("\n") == 1, result.err  # one line
    assert "Traceback" not in result.err
    for word in words:
        assert word in result.err


def test_values_habits_tags_and_note_order(cli) -> None:
    result = daylio(cli, MODERN, "--activity-map", ACTIVITY_MAP)
    assert result.code == 0, result.err
    assert "Read 7 entries (4 days) from modern.csv." in result.out
    assert "Activities that became tags (4): nature, friends, family, movies-tv." in result.out
    assert "Added 4 days" in result.out
    days = show(cli)
    assert {date: day["mood"] for date, day in days.items()} == {
        "2026-11-17": 9,
        "2026-11-18": 1,
        "2026-11-19": 4,
        "2026-11-20": 7,
    }
    assert days["2026-11-20"]["habits"] == {"meditation": 10, "exercise": 30, "news_avoided": True}
    assert days["2026-11-19"]["habits"] == {"exercise": 30}
    assert days["2026-11-20"]["tags"] == ["friends", "movies-tv"]
    assert days["2026-11-17"]["tags"] == ["nature", "friends"]
    assert days["2026-11-20"]["note"] == (
        '[12:15 am] Couldn\'t sleep; wrote "three good things":\n1. tea, hot\n2. rain\n3. 🐈'
        "\n\n[8:05 am · Morning]"
        "\n\n[9:40 pm · Evening] Called Sam, then watched a film."
    )
    assert days["2026-11-19"]["note"] is None


def test_older_export_and_custom_moods(cli) -> None:
    assert daylio(cli, FIXTURES / "legacy.csv").code == 0
    result = daylio(cli, FIXTURES / "custom_moods.csv", "--mood-map", "great=8,low=4,so-so=5")
    assert result.code == 0, result.err
    days = show(cli)
    assert days["2025-03-02"]["mood"] == 7
    assert days["2025-03-02"]["tags"] == ["sport", "reading", "walk"]
    assert days["2025-03-01"]["note"] == '[23:59] Dinner with "Mum"'
    assert days["2026-10-02"]["mood"] == 8  # 7 and 8 → 8
    assert days["2026-10-01"]["mood"] == 4  # 3 and 4 → 4


def test_reimport_changes_nothing(cli) -> None:
    assert daylio(cli, MODERN, "--activity-map", ACTIVITY_MAP).code == 0
    before = cli("show", "--format", "json").out
    again = daylio(cli, MODERN, "--activity-map", ACTIVITY_MAP)
    assert again.code == 0, again.err
    assert "Added nothing; replaced nothing; skipped nothing; 4 already the same." in again.out
    assert cli("show", "--format", "json").out == before


def test_skip_keeps_the_journals_day_and_replace_takes_the_files(cli) -> None:
    assert (
        cli(
            "log", "--date", "2026-11-20", "--mood", "2", "--anxiety", "6", "--note", "my own words"
        ).code
        == 0
    )
    skip = daylio(cli, MODERN)
    assert skip.code == 0, skip.err
    assert "Added 3 days" in skip.out and "skipped 1 day" in skip.out
    day = show(cli)["2026-11-20"]
    assert (day["mood"], day["note"]) == (2, "my own words")

    replace = daylio(cli, MODERN, "--on-conflict", "replace")
    assert replace.code == 0, replace.err
    assert "replaced 1 day" in replace.out
    day = show(cli)["2026-11-20"]
    assert day["mood"] == 7
    assert day["note"].startswith("[12:15 am] Couldn't sleep")
    assert day["anxiety"] == 6  # Daylio has no anxiety; nothing the file lacks is cleared


def test_unknown_mood_labels_are_named_and_nothing_is_written(cli) -> None:
    result = daylio(cli, FIXTURES / "custom_moods.csv")
    assert_clean_error(result, "'great'", "'Low'", "'so-so'", "--mood-map")
    assert not cli.db.exists()  # the file is checked before the journal is opened
    assert cli("log", "--mood", "5").code == 0
    assert_clean_error(
        daylio(cli, FIXTURES / "custom_moods.csv", "--mood-map", "great=8"), "'Low'", "'so-so'"
    )
    assert list(show(cli)) == ["2026-11-27"]


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("bad_time.csv", 3),
        ("bad_date.csv", 4),
        ("bad_columns_after_note.csv", 5),
        ("empty_mood.csv", 4),
        ("future.csv", 3),
    ],
)
def test_a_bad_row_is_named_by_line_and_nothing_is_written(cli, name: str, line: int) -> None:
    assert cli("log", "--date", "2026-11-01", "--mood", "5").code == 0
    before = cli("show", "--format", "json").out
    assert_clean_error(daylio(cli, FIXTURES / name), f"line {line}:")
    assert cli("show", "--format", "json").out == before


def test_unknown_habit_in_the_activity_map(cli) -> None:
    assert_clean_error(daylio(cli, MODERN, "--activity-map", "sport=swimming:30"), "'swimming'")
    assert_clean_error(
        daylio(cli, MODERN, "--activity-map", "sport=exercise"), "exercise is a minutes habit"
    )
    assert show(cli) == {}


def test_dry_run_writes_nothing(cli) -> None:
    result = daylio(cli, MODERN, "--dry-run", "--activity-map", ACTIVITY_MAP)
    assert result.code == 0, result.err
    assert "Dry run, nothing written: would have added 4 days" in result.out
    assert show(cli) == {}


def test_no_progress_bar_when_stderr_is_not_a_terminal(cli, tmp_path: Path) -> None:
    lines = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    lines += [
        f"2026-01-{1 + i % 28:02d},,,{1 + i % 12}:{i % 60:02d} pm,good,sport,,"
        for i in range(1_500)
    ]
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = daylio(cli, path)
    assert result.code == 0, result.err
    assert result.err == ""
    assert "Read 1,500 entries (28 days)" in result.out


def test_missing_file(cli, tmp_path: Path) -> None:
    assert_clean_error(daylio(cli, tmp_path / "nope.csv"), "there is no file")
