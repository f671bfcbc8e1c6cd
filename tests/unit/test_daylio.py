"""Reading Daylio's CSV export (PRODUCT.md §8) and merging it into a journal."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_journal.clock import FixedClock
from recovery_journal.errors import InvalidInput
from recovery_journal.importers.daylio import (
    DaylioFile,
    build_days,
    import_daylio,
    parse_activity_map,
    parse_daylio,
    parse_mood_map,
    read_daylio,
)
from recovery_journal.model import BUILT_IN_HABITS
from recovery_journal.store import DayChanges, Journal

FIXTURES = Path(__file__).parent.parent / "fixtures" / "daylio"
TODAY = date(2026, 11, 27)
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"
ACTIVITY_MAP = "sport=exercise:30,walk=exercise:20,meditation=meditation:10,no news=news_avoided"
HABITS = {habit.key: habit for habit in BUILT_IN_HABITS}


def read(name: str, **kwargs) -> DaylioFile:
    return read_daylio(FIXTURES / name, today=TODAY, **kwargs)


def days_of(parsed: DaylioFile, activity_map: str | None = None) -> dict[date, object]:
    built = build_days(parsed, parse_activity_map(activity_map, HABITS))
    return {partial.item.date: partial for partial in built.days}


def row(
    day: str, time: str, mood: str, activities: str = "", title: str = "", note: str = ""
) -> str:
    cells = [day, "", "", time, mood, activities, title, note]
    return ",".join(_quoted(cell) for cell in cells) + "\n"


def _quoted(cell: str) -> str:
    if any(char in cell for char in ',"\n\r') or cell != cell.strip():
        return '"' + cell.replace('"', '""') + '"'
    return cell


# ---------------------------------------------------------------- reading the variants


def test_current_export_with_bom_note_title_and_multi_line_notes() -> None:
    parsed = read("modern.csv")
    assert parsed.has_note_title
    assert parsed.name == "modern.csv"
    assert len(parsed.entries) == 7
    first = parsed.entries[0]
    assert (first.date, first.time, first.minute, first.mood) == (
        date(2026, 11, 20),
        "9:40 pm",
        21 * 60 + 40,
        7,
    )
    assert first.activities == ("friends", "sport", "Movies / TV")
    assert (first.title, first.note) == ("Evening", "Called Sam, then watched a film.")
    # The note of line 4 runs over four lines; the next entry starts on line 8.
    assert [entry.line for entry in parsed.entries] == [2, 3, 4, 8, 9, 10, 11]
    emoji_note = parsed.entries[2].note
    assert emoji_note.startswith('Couldn\'t sleep; wrote "three good things":\n1. tea, hot')
    assert emoji_note.endswith("3. 🐈")


def test_older_export_without_note_title_with_24_hour_times_and_crlf() -> None:
    parsed = read("legacy.csv")
    assert not parsed.has_note_title
    assert [(e.time, e.minute) for e in parsed.entries] == [
        ("14:58", 14 * 60 + 58),
        ("08:30", 8 * 60 + 30),
        ("0:05", 5),
        ("23:59", 23 * 60 + 59),
    ]
    assert all(entry.title == "" for entry in parsed.entries)
    assert parsed.entries[1].note == "Slow start,\r\nthen better"
    assert parsed.entries[3].note == 'Dinner with "Mum"'


@pytest.mark.parametrize(
    ("text", "minute"),
    [
        ("6:50 pm", 18 * 60 + 50),
        ("12:15 am", 15),
        ("12:00 pm", 12 * 60),
        ("12:59 AM", 59),
        ("1:00 am", 60),
        ("6:50pm", 18 * 60 + 50),
        ("6:50\u202fPM", 18 * 60 + 50),
        ("6:50 p.m.", 18 * 60 + 50),
        ("14:58", 14 * 60 + 58),
        ("00:00", 0),
        ("23:59", 23 * 60 + 59),
        ("07:05:30", 7 * 60 + 5),
    ],
)
def test_times_in_12_and_24_hour_form(text: str, minute: int) -> None:
    parsed = parse_daylio(HEADER + row("2026-11-01", text, "good"), today=TODAY)
    assert parsed.entries[0].minute == minute


@pytest.mark.parametrize(
    "text",
    ["25:61", "24:00", "13:00 pm", "6:5", "", "noon", "12:60", "6:50 xm", "-1:00", "6.50 pm"],
)
def test_a_bad_time_names_its_line(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"^line 3: the time"):
        parse_daylio(
            HEADER + row("2026-11-02", "9:00", "good") + row("2026-11-01", text, "good"),
            today=TODAY,
        )


def test_header_only_is_an_empty_import_and_an_empty_file_is_refused() -> None:
    assert parse_daylio(HEADER, today=TODAY).entries == []
    assert parse_daylio("\ufeff" + HEADER + "\n\n", today=TODAY).entries == []
    with pytest.raises(InvalidInput, match="is empty"):
        parse_daylio(b"", today=TODAY)
    with pytest.raises(InvalidInput, match="is empty"):
        parse_daylio(b"\xef\xbb\xbf\n \n", today=TODAY)


def test_a_file_that_is_not_a_daylio_export_is_refused_at_line_1() -> None:
    with pytest.raises(InvalidInput, match=r"^line 1: this is not a Daylio export"):
        parse_daylio("date,mood\n2026-01-01,7\n", today=TODAY)


def test_missing_file_and_folder_are_clean_errors(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="there is no file"):
        read_daylio(tmp_path / "nope.csv", today=TODAY)
    with pytest.raises(InvalidInput, match="is a folder"):
        read_daylio(tmp_path, today=TODAY)


def test_bytes_that_are_not_utf8_name_their_line() -> None:
    data = (
        HEADER + row("2026-11-01", "9:00", "good")
    ).encode() + b"2026-10-31,,,9:00,g\xffood,,,\n"
    with pytest.raises(InvalidInput, match=r"^line 3: the file is not UTF-8"):
        parse_daylio(data, today=TODAY)
    with pytest.raises(InvalidInput, match="UTF-16"):
        parse_daylio(HEADER.encode("utf-16"), today=TODAY)


# ---------------------------------------------------------------- bad rows


@pytest.mark.parametrize(
    ("name", "line", "what"),
    [
        ("bad_time.csv", 3, "the time '25:61'"),
        ("bad_date.csv", 4, "the date '2026-13-01'"),
        ("bad_columns_after_note.csv", 5, "6 columns, but the header has 8"),
        ("empty_mood.csv", 4, "the mood is empty"),
        ("future.csv", 3, "in the future"),
    ],
)
def test_bad_rows_name_the_files_line(name: str, line: int, what: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read(name)
    message = str(caught.value)
    assert message.startswith(f"line {line}: ")
    assert what in message
    assert "\n" not in message


def test_an_unclosed_quote_names_the_line_where_its_row_starts() -> None:
    text = HEADER + row("2026-11-02", "9:00", "good") + '2026-11-01,,,9:00,good,,,"never\nclosed\n'
    with pytest.raises(InvalidInput, match=r"^line 3: a quoted field is never closed"):
        parse_daylio(text, today=TODAY)


def test_bad_dates() -> None:
    for bad in ("2026-02-30", "26-11-01", "2026/11/01", "", "November 1"):
        with pytest.raises(InvalidInput, match=r"^line 2: the date"):
            parse_daylio(HEADER + row(bad, "9:00", "good"), today=TODAY)


def test_today_is_fine_and_tomorrow_is_refused() -> None:
    assert parse_daylio(HEADER + row("2026-11-27", "9:00", "good"), today=TODAY).entries
    with pytest.raises(InvalidInput, match=r"line 2: the date 2026-11-28 is in the future"):
        parse_daylio(HEADER + row("2026-11-28", "9:00", "good"), today=TODAY)


# ---------------------------------------------------------------- moods


def test_default_and_custom_mood_maps() -> None:
    assert parse_mood_map(None) == {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
    moods = parse_mood_map(" Great =8, good=6,low=4,")
    assert moods["great"] == 8 and moods["good"] == 6 and moods["low"] == 4
    assert parse_mood_map({"Fine": 6})["fine"] == 6
    for bad in ("great", "great=11", "great=0", "=5", "great=x"):
        with pytest.raises(InvalidInput, match="--mood-map"):
            parse_mood_map(bad)


def test_labels_match_case_insensitively_after_trimming() -> None:
    text = HEADER + row("2026-11-02", "9:00", "  RAD ") + row("2026-11-01", "9:00", "Good")
    assert [e.mood for e in parse_daylio(text, today=TODAY).entries] == [9, 7]


def test_unknown_mood_labels_are_all_listed_in_one_error() -> None:
    with pytest.raises(InvalidInput) as caught:
        read("custom_moods.csv")
    message = str(caught.value)
    assert "\n" not in message
    for label in ("'great'", "'Low'", "'so-so'"):
        assert message.count(label) == 1
    assert "first on line 2" in message and "2 times" in message
    assert "--mood-map" in message
    with pytest.raises(InvalidInput, match="so-so") as caught:
        read("custom_moods.csv", mood_map="great=8,low=4")
    assert "great" not in str(caught.value).split("mapped now")[0]


@pytest.mark.parametrize(
    ("moods", "expected"),
    [
        ((7, 8), 8),  # 7.5 rounds up
        ((3, 4), 4),  # 3.5 rounds up
        ((1, 2), 2),
        ((9, 10), 10),
        ((5,), 5),
        ((3, 5), 4),
        ((7, 7, 8), 7),  # 7.33
        ((7, 8, 8), 8),  # 7.67
        ((9, 7, 7, 7), 8),  # 7.5
        ((1, 1, 1, 2), 1),  # 1.25
    ],
)
def test_a_days_mood_is_the_mean_rounded_half_up(moods: tuple[int, ...], expected: int) -> None:
    mood_map = ",".join(f"m{n}={n}" for n in range(1, 11))
    text = HEADER + "".join(row("2026-11-01", f"{i + 1}:00", f"m{m}") for i, m in enumerate(moods))
    parsed = parse_daylio(text, today=TODAY, mood_map=mood_map)
    assert days_of(parsed)[date(2026, 11, 1)].item.mood == expected


def test_custom_moods_fixture_means() -> None:
    parsed = read("custom_moods.csv", mood_map="great=8,low=4,so-so=5")
    days = days_of(parsed)
    assert days[date(2026, 10, 2)].item.mood == 8  # great 8 + good 7
    assert days[date(2026, 10, 1)].item.mood == 4  # low 4 + bad 3
    assert days[date(2026, 9, 30)].item.mood == 5
    assert days[date(2026, 9, 29)].item.mood == 8


# ---------------------------------------------------------------- notes


def test_notes_are_joined_in_time_order_with_time_and_title() -> None:
    day = days_of(read("modern.csv"))[date(2026, 11, 20)].item
    assert day.note == (
        '[12:15 am] Couldn\'t sleep; wrote "three good things":\n1. tea, hot\n2. rain\n3. 🐈'
        "\n\n[8:05 am · Morning]"
        "\n\n[9:40 pm · Evening] Called Sam, then watched a film."
    )
    assert day.mood == 7  # rad 9, meh 5, good 7


def test_entries_without_title_or_note_add_nothing() -> None:
    days = days_of(read("modern.csv"))
    assert days[date(2026, 11, 19)].item.note is None
    assert "note" not in days[date(2026, 11, 19)].fields
    assert days[date(2026, 11, 18)].item.note == "[12:00 pm · Lunch] Hard day 😔"
    text = (
        HEADER
        + row("2026-11-01", "9:00 pm", "good", note="late")
        + row("2026-11-01", "7:00 am", "good", title="  ", note="   ")
        + row("2026-11-01", "8:00 am", "good", note="early")
    )
    assert days_of(parse_daylio(text, today=TODAY))[date(2026, 11, 1)].item.note == (
        "[8:00 am] early\n\n[9:00 pm] late"
    )


def test_legacy_notes_keep_their_line_breaks() -> None:
    day = days_of(read("legacy.csv"))[date(2025, 3, 2)].item
    assert day.note == "[08:30] Slow start,\r\nthen better\n\n[14:58] Read in the park"


def test_notes_over_the_limit_are_refused() -> None:
    big = "x" * 60_000
    text = (
        HEADER
        + row("2026-11-01", "9:00", "good", note=big)
        + row("2026-11-01", "10:00", "good", note=big)
    )
    parsed = parse_daylio(text, today=TODAY)
    with pytest.raises(InvalidInput, match=r"2026-11-01 \(line 2\).*100,000"):
        build_days(parsed, {})


# ---------------------------------------------------------------- activities


def test_mapped_activities_set_habits_with_the_largest_value() -> None:
    days = days_of(read("modern.csv"), ACTIVITY_MAP)
    assert days[date(2026, 11, 20)].item.habits == {
        "meditation": 10,
        "exercise": 30,
        "news_avoided": True,
    }
    # Sport (capital S, another entry) is still sport.
    assert days[date(2026, 11, 19)].item.habits == {"exercise": 30}
    assert days[date(2026, 11, 18)].item.habits == {"news_avoided": True}
    assert days[date(2026, 11, 17)].item.habits == {}
    assert "habits" not in days[date(2026, 11, 17)].fields


def test_largest_value_across_entries_and_activities() -> None:
    text = (
        HEADER
        + row("2026-11-01", "9:00", "good", "swim")
        + row("2026-11-01", "10:00", "good", "yoga | run")
        + row("2026-11-01", "11:00", "good", "Friends")
    )
    parsed = parse_daylio(text, today=TODAY)
    days = days_of(parsed, "swim=exercise:45,yoga=exercise:15,run=exercise:25,friends=social:2")
    assert days[date(2026, 11, 1)].item.habits == {"exercise": 45, "social": 2}


def test_unmapped_activities_become_normalised_tags() -> None:
    parsed = read("modern.csv")
    built = build_days(parsed, parse_activity_map(ACTIVITY_MAP, HABITS))
    days = {partial.item.date: partial.item for partial in built.days}
    assert days[date(2026, 11, 20)].tags == ["friends", "movies-tv"]
    assert days[date(2026, 11, 17)].tags == ["nature", "friends"]
    assert days[date(2026, 11, 18)].tags == ["family"]
    assert built.tags == ["nature", "friends", "family", "movies-tv"]
    assert built.left_out == ["🎉"]
    assert built.habit_activities == {
        "no news": "news_avoided",
        "Sport": "exercise",
        "meditation": "meditation",
        "walk": "exercise",
    }
    unmapped = build_days(parsed, {})
    assert set(unmapped.tags) == {
        "nature",
        "friends",
        "family",
        "sport",
        "no-news",
        "walk",
        "meditation",
        "movies-tv",
    }


def test_activity_map_rules() -> None:
    settings_ = parse_activity_map(
        " Sport = exercise:30 , no news=news_avoided,scrolled=social_media_avoided:no", HABITS
    )
    assert settings_["sport"].habit.key == "exercise" and settings_["sport"].value == 30
    assert settings_["no news"].value is True
    assert settings_["scrolled"].value is False
    assert parse_activity_map(None, HABITS) == {}
    assert parse_activity_map({"Call": "social:1"}, HABITS)["call"].value == 1


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("sport=swimming:30", "no habit 'swimming'"),
        ("sport=exercise", "exercise is a minutes habit, so give a value"),
        ("friends=social", "social is a count habit"),
        ("sport=exercise:lots", "exercise minutes"),
        ("sport=exercise:-5", "exercise minutes"),
        ("friends=social:1.5", "social"),
        ("no news=news_avoided:maybe", "yes or no"),
        ("sport", "must look like"),
        ("sport=exercise:30,Sport=exercise:20", "twice"),
    ],
)
def test_activity_map_errors(text: str, match: str) -> None:
    with pytest.raises(InvalidInput, match=match):
        parse_activity_map(text, HABITS)


# ---------------------------------------------------------------- into a journal


def test_import_merges_idempotently_and_reports(memory_journal: Journal) -> None:
    result = import_daylio(memory_journal, FIXTURES / "modern.csv", activity_map=ACTIVITY_MAP)
    assert result.count("days", "added") == 4
    assert (result.entries, result.days) == (7, 4)
    assert result.tags == ["nature", "friends", "family", "movies-tv"]
    summary = result.summary()
    assert "Read 7 entries (4 days) from modern.csv." in summary
    assert "Activities that became tags (4): nature, friends, family, movies-tv." in summary
    assert "Added 4 days" in summary
    day = memory_journal.day(date(2026, 11, 20))
    assert day is not None
    assert (day.mood, day.habits["exercise"], day.tags) == (7, 30, ["friends", "movies-tv"])
    before = memory_journal.days()
    again = import_daylio(memory_journal, FIXTURES / "modern.csv", activity_map=ACTIVITY_MAP)
    assert again.count("days", "unchanged") == 4
    assert not again.changed
    assert memory_journal.days() == before


def test_dry_run_and_preview_write_nothing(memory_journal: Journal) -> None:
    result = import_daylio(memory_journal, FIXTURES / "legacy.csv", dry_run=True)
    assert result.dry_run and result.count("days", "added") == 2
    assert "Dry run" in result.summary()
    preview = import_daylio(
        memory_journal,
        FIXTURES / "modern.csv",
        dry_run=True,
        activity_map=ACTIVITY_MAP,
        progress=False,
    )
    assert preview.count("days", "added") == 4
    assert memory_journal.days() == []


def test_skip_keeps_the_journals_day_and_replace_takes_the_files(memory_journal: Journal) -> None:
    memory_journal.update_day(
        date(2026, 11, 18),
        DayChanges(fields={"mood": 6, "anxiety": 3, "note": "mine"}, add_tags=["therapy"]),
    )
    memory_journal.update_day(date(2026, 11, 19), DayChanges(fields={"mood": 2, "note": "kept"}))
    skip = import_daylio(memory_journal, FIXTURES / "modern.csv")
    assert (skip.count("days", "added"), skip.count("days", "skipped")) == (2, 2)
    assert memory_journal.day(date(2026, 11, 18)).mood == 6
    replace = import_daylio(memory_journal, FIXTURES / "modern.csv", on_conflict="replace")
    assert replace.count("days", "replaced") == 2
    day = memory_journal.day(date(2026, 11, 18))
    assert (day.mood, day.note, day.tags) == (
        1,
        "[12:00 pm · Lunch] Hard day 😔",
        ["no-news", "family"],
    )
    assert day.anxiety == 3  # Daylio has no anxiety: never cleared
    other = memory_journal.day(date(2026, 11, 19))
    assert (other.mood, other.note) == (4, "kept")  # the file has no note that day
    assert not import_daylio(memory_journal, FIXTURES / "modern.csv", on_conflict="replace").changed


def test_a_failed_import_writes_nothing(memory_journal: Journal) -> None:
    for name in ("bad_time.csv", "bad_columns_after_note.csv", "custom_moods.csv"):
        with pytest.raises(InvalidInput):
            import_daylio(memory_journal, FIXTURES / name)
    with pytest.raises(InvalidInput, match="no habit 'swim'"):
        import_daylio(memory_journal, FIXTURES / "modern.csv", activity_map="sport=swim")
    assert memory_journal.days() == []


def test_custom_habits_can_be_mapped(memory_journal: Journal) -> None:
    from recovery_journal.model import Habit

    memory_journal.add_habit(Habit("therapy", "Therapy", "done"))
    import_daylio(memory_journal, FIXTURES / "legacy.csv", activity_map="reading=therapy")
    assert memory_journal.day(date(2025, 3, 2)).habits == {"therapy": True}


def test_an_already_read_file_and_a_progress_callback(memory_journal: Journal) -> None:
    calls: list[tuple[int, int]] = []
    parsed = read_daylio(
        FIXTURES / "modern.csv", today=TODAY, progress=lambda d, t: calls.append((d, t))
    )
    assert calls[-1] == (7, 7)
    result = import_daylio(memory_journal, parsed, progress=False)
    assert result.count("days", "added") == 4
    with pytest.raises(InvalidInput):
        import_daylio(memory_journal, parsed, mood_map="great=8")


def _generated(rows: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = [HEADER]
    day = TODAY
    written = 0
    while written < rows:
        for _ in range(rng.randint(1, 4)):
            if written == rows:
                break
            activities = " | ".join(
                rng.sample(
                    ["sport", "friends", "Movies / TV", "no news", "walk"], rng.randint(0, 3)
                )
            )
            note = rng.choice(["", "Plain.", 'A note, with "quotes"\nand a line break 🌿'])
            time = f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d} {rng.choice(['am', 'pm'])}"
            lines.append(
                row(
                    day.isoformat(),
                    time,
                    rng.choice(["rad", "good", "meh", "bad", "awful"]),
                    activities,
                    rng.choice(["", "Title"]),
                    note,
                )
            )
            written += 1
        day -= timedelta(days=1)
    return "".join(lines)


def test_twenty_thousand_rows_import(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "big.csv"
    path.write_text(_generated(20_000), encoding="utf-8")
    with Journal.open(tmp_path / "j.db", clock) as journal:
        result = import_daylio(journal, path, activity_map="sport=exercise:30", progress=False)
        assert result.entries == 20_000
        assert result.count("days", "added") == result.days == len(journal.days())
        assert not import_daylio(journal, path, activity_map="sport=exercise:30").changed


# ---------------------------------------------------------------- never another exception


def _clean(data: bytes | str, activity_map: str | None = None) -> None:
    clock = FixedClock(datetime(2026, 11, 27, 9, 30).astimezone())
    with Journal.open(":memory:", clock) as journal:
        try:
            parsed = parse_daylio(data, today=TODAY, mood_map="x=5")
            import_daylio(journal, parsed, activity_map=activity_map, progress=False)
        except InvalidInput as error:
            assert str(error)
            assert "\n" not in str(error)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.booleans())
def test_arbitrary_bytes_import_cleanly_or_raise_invalid_input(data: bytes, header: bool) -> None:
    _clean((HEADER.encode() if header else b"") + data)


_cell = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "rad",
            " Good ",
            "x",
            "2026-11-01",
            "2026-11-28",
            "9:40 pm",
            "12:15 am",
            "14:58",
            "25:00",
            "sport | friends",
            "🎉 | Movies / TV",
            '"',
            "a\nb",
            "a,b",
            "\x00",
            "\r",
        ]
    ),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_cell, min_size=6, max_size=9), max_size=6), st.booleans())
def test_arbitrary_rows_import_cleanly_or_raise_invalid_input(
    rows: list[list[str]], quote: bool
) -> None:
    lines = []
    for cells in rows:
        if quote:
            cells = ['"' + cell.replace('"', '""') + '"' for cell in cells]
        lines.append(",".join(cells))
    _clean(HEADER + "\n".join(lines), activity_map="sport=exercise:30")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2000, 1, 1), max_value=TODAY),
            st.integers(0, 23),
            st.integers(0, 59),
            st.sampled_from(["rad", "good", "meh", "bad", "awful"]),
            st.text(max_size=30),
            st.text(max_size=30),
        ),
        max_size=8,
    )
)
def test_well_formed_files_always_import(entries) -> None:
    text = HEADER + "".join(
        row(d.isoformat(), f"{h}:{m:02d}", mood, note=note, activities=acts.replace("\x00", ""))
        for d, h, m, mood, note, acts in entries
    )
    clock = FixedClock(datetime(2026, 11, 27, 9, 30).astimezone())
    with Journal.open(":memory:", clock) as journal:
        try:
            result = import_daylio(journal, parse_daylio(text, today=TODAY), progress=False)
        except InvalidInput as error:
            assert "NUL" in str(error)  # the only thing a well-formed row can still hold
            return
        assert result.days == len({d for d, *_ in entries}) == len(journal.days())


# ---------------------------------------------------------------- hygiene


def test_the_importer_loads_no_ui_library() -> None:
    code = (
        "import json, sys; import recovery_journal.importers.daylio; "
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    assert not {"textual", "plotext", "rich"} & loaded
