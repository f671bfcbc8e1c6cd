"""Daylio exports as real files are (issue 16): the oldest format with month names in the
phone's language, files without a header or with columns removed, scales, HTML in notes,
mood labels with commas, sub-moods, `\\r\\r\\n` line ends, and the summary's numbers."""

from __future__ import annotations

import shlex
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
    parse_daylio,
    parse_mood_map,
    read_daylio,
)
from recovery_journal.importers.daylio_text import (
    html_to_text,
    month_and_day,
    quote_label,
    split_items,
)
from recovery_journal.model import Habit
from recovery_journal.store import Journal

FIXTURES = Path(__file__).parent.parent / "fixtures" / "daylio"
TODAY = date(2026, 11, 27)
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"
POLISH = "dobrze=7,tak sobie=5,źle=3"


def read(name: str, **kwargs) -> DaylioFile:
    return read_daylio(FIXTURES / name, today=TODAY, **kwargs)


def days_of(parsed: DaylioFile) -> dict[date, object]:
    return {partial.item.date: partial for partial in build_days(parsed, {}).days}


def fresh_journal() -> Journal:
    return Journal.open(":memory:", FixedClock(datetime(2026, 11, 27, 9, 30).astimezone()))


# ---------------------------------------------------------------- the oldest format


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June 22", (6, 22)),
        ("22 Jun", (6, 22)),
        ("18 May", (5, 18)),
        ("29 March", (3, 29)),
        ("22 Sept", (9, 22)),
        ("7 września", (9, 7)),
        ("28 lutego", (2, 28)),
        ("16 de octubre", (10, 16)),
        ("1 de mayo", (5, 1)),
        ("22. Juni", (6, 22)),
        ("22 juin", (6, 22)),
        ("3 ott", (10, 3)),
        ("7 сентября", (9, 7)),
        ("7. září", (9, 7)),
        ("6月22日", (6, 22)),
        ("6월 22일", (6, 22)),
        ("  JUNE   22 ", (6, 22)),
        ("22", None),
        ("June", None),
        ("June 22 23", None),
        ("Juni Juli 3", None),
        ("Someday 22", None),
        ("June 222", None),
    ],
)
def test_month_names_in_the_common_languages(text: str, expected) -> None:
    assert month_and_day(text) == expected


def test_oldest_export_reads_the_year_column_and_english_dates() -> None:
    parsed = read("oldest_en.csv")
    assert parsed.columns == ("year", "date", "weekday", "time", "mood", "activities", "note")
    assert [(e.date, e.mood, e.line) for e in parsed.entries] == [
        (date(2018, 6, 22), 9, 2),
        (date(2018, 6, 21), 5, 3),
        (date(2017, 12, 31), 1, 4),
    ]
    days = days_of(parsed)
    assert days[date(2018, 6, 22)].item.note == "[11:54 pm] Party at Ana's"
    assert days[date(2018, 6, 21)].item.tags == ["cook", "tired"]


def test_oldest_export_in_polish_and_spanish() -> None:
    polish = read("oldest_pl.csv", mood_map=POLISH)
    assert [e.date for e in polish.entries] == [date(2019, 9, 7)] * 2 + [date(2019, 2, 28)]
    day = days_of(polish)[date(2019, 9, 7)].item
    assert (day.mood, day.note) == (6, "[21:40] Długi spacer, potem herbata")
    spanish = read("oldest_es.csv", mood_map="genial=9,bien=7")
    assert [(e.date, e.time, e.minute) for e in spanish.entries] == [
        (date(2020, 10, 16), "9:15 p. m.", 21 * 60 + 15),
        (date(2020, 5, 1), "10:00", 600),
    ]


@pytest.mark.parametrize(
    ("year", "day"), [("2019", "31 lutego"), ("2019", "7 Brumaire"), ("19", "June 2"), ("", "")]
)
def test_a_bad_worded_date_names_its_line(year: str, day: str) -> None:
    text = (
        "year,date,weekday,time,mood,activities,note\n2019,June 1,,9:00,good,,\n"
        f"{year},{day},,9:00,good,,\n"
    )
    with pytest.raises(InvalidInput, match=r"^line 3: the date .* is not a year and a day"):
        parse_daylio(text, today=TODAY)


def test_a_worded_date_after_today_is_refused() -> None:
    text = "year,date,weekday,time,mood,activities,note\n2026,November 28,,9:00,good,,\n"
    with pytest.raises(InvalidInput, match="line 2: the date 2026-11-28 is in the future"):
        parse_daylio(text, today=TODAY)


# ---------------------------------------------------------------- no header, fewer columns


def test_a_file_without_a_header_is_read_by_daylios_column_order() -> None:
    parsed = read("headerless.csv")
    assert not parsed.has_header
    assert parsed.has_note_title
    assert [(e.line, e.date, e.mood, e.title) for e in parsed.entries] == [
        (1, date(2026, 11, 20), 7, "Evening"),
        (2, date(2026, 11, 20), 5, ""),
        (3, date(2026, 11, 19), 3, ""),
    ]
    day = days_of(parsed)[date(2026, 11, 20)].item
    assert day.note == "[9:40 pm · Evening] Called Sam, then a film."
    assert day.tags == ["walk", "friends", "sport"]


def test_the_oldest_format_without_a_header() -> None:
    parsed = read("headerless_oldest.csv")
    assert not parsed.has_header and not parsed.has_note_title
    assert [(e.date, e.note) for e in parsed.entries] == [
        (date(2016, 6, 22), "Read, slept"),
        (date(2016, 6, 21), ""),
    ]


@pytest.mark.parametrize(
    ("line", "columns"),
    [
        ("2026-11-20,9:40 pm,good", ("full_date", "time", "mood")),
        ("2026-11-20,Friday,9:40 pm,good", ("full_date", "time", "mood")),
        ("2026-11-20,Friday,9:40 pm,good,sport", ("full_date", "time", "mood", "activities")),
        (
            "2026-11-20,November 20,Friday,9:40 pm,good,sport,,note,Sleep: 8:00",
            ("full_date", "time", "mood", "activities", "note_title", "note", "scales"),
        ),
    ],
)
def test_header_less_files_with_fewer_or_more_columns(line: str, columns) -> None:
    parsed = parse_daylio(line + "\n", today=TODAY)
    assert parsed.columns == columns
    assert parsed.entries[0].mood == 7


@pytest.mark.parametrize(
    "line", ["hello,world", "2026-11-20,good,sport", "2026-11-20", "Monday,2026-11-20,9:00,good"]
)
def test_a_first_line_that_is_neither_header_nor_entry_is_refused(line: str) -> None:
    with pytest.raises(InvalidInput, match=r"^line 1: this is not a Daylio export"):
        parse_daylio(line + "\n", today=TODAY)


def test_columns_removed_import_what_is_there() -> None:
    parsed = read("columns_removed.csv")
    assert parsed.columns == ("full_date", "weekday", "time", "mood")
    days = days_of(parsed)
    assert {d: p.item.mood for d, p in days.items()} == {
        date(2026, 11, 20): 8,
        date(2026, 11, 18): 1,
    }
    assert all(p.fields == {"mood"} for p in days.values())


def test_without_times_notes_keep_the_files_order_and_their_titles() -> None:
    text = "full_date,mood,note_title,note\n2026-11-20,good,Evening,late\n2026-11-20,good,,early\n"
    day = days_of(parse_daylio(text, today=TODAY))[date(2026, 11, 20)].item
    assert day.note == "[Evening] late\n\nearly"


def test_unknown_header_columns_are_named_when_they_hold_something(
    memory_journal: Journal,
) -> None:
    text = HEADER.strip() + ",photos,empty\n" + "2026-11-20,,,9:00,good,,,,IMG_1.jpg,\n"
    parsed = parse_daylio(text, today=TODAY)
    assert parsed.unread_columns == ["photos"]
    summary = import_daylio(memory_journal, parsed).summary()
    assert "Left out: the column(s) 'photos' (not Daylio columns this app knows)." in summary


# ---------------------------------------------------------------- scales


def test_unmapped_scales_become_a_numeric_habit_each(memory_journal: Journal) -> None:
    result = import_daylio(memory_journal, FIXTURES / "scales.csv")
    habits = {h.key: h for h in memory_journal.habits()}
    assert (habits["sleep_quality"].label, habits["sleep_quality"].kind) == (
        "Sleep Quality",
        "count",
    )
    assert habits["sleep_time"].kind == "minutes"
    assert habits["stress"].kind == "count"
    assert result.count("habits", "added") == 3
    day = memory_journal.day(date(2026, 11, 20))
    assert day.habits == {"sleep_quality": 8, "sleep_time": 450, "stress": 2}  # largest value
    assert memory_journal.day(date(2026, 11, 19)).habits == {"sleep_time": 480}
    summary = result.summary()
    assert "Sleep Quality → a new count habit sleep_quality" in summary
    assert "Sleep Time → a new minutes habit sleep_time" in summary
    assert "Left out: the scale 'Weather' (its values are not numbers, e.g. 'sunny')." in summary
    assert "Left out: the scale 'Water' (a value is not a whole number" in summary
    assert "'1.5 l'" in summary
    again = import_daylio(memory_journal, FIXTURES / "scales.csv")
    assert not again.changed
    assert again.count("days", "unchanged") == 3
    assert "Sleep Quality → the habit sleep_quality" in again.summary()


def test_mapped_scales_set_sleep_anxiety_and_habits(memory_journal: Journal) -> None:
    memory_journal.add_habit(Habit("water", "Water", "minutes"))
    result = import_daylio(
        memory_journal,
        FIXTURES / "scales.csv",
        scale_map='"Sleep Time"=sleep, stress = anxiety,Water=water',
    )
    day = memory_journal.day(date(2026, 11, 20))
    assert (day.sleep_hours, day.anxiety) == (7.5, 4)  # 2/5 points → 4 of 10
    assert day.habits == {"sleep_quality": 8}
    other = memory_journal.day(date(2026, 11, 19))
    assert (other.sleep_hours, other.habits) == (8.0, {"water": 1.5})
    assert "sleep_time" not in {h.key for h in memory_journal.habits()}
    assert "Sleep Time → sleep (hours)" in result.summary()
    assert "Water → the habit water" in result.summary()


def test_a_scale_whose_key_is_taken_by_another_habit_gets_the_next_key(
    memory_journal: Journal,
) -> None:
    memory_journal.add_habit(Habit("stress", "Stress talks", "done"))
    import_daylio(memory_journal, FIXTURES / "scales.csv")
    habits = {h.key: h for h in memory_journal.habits()}
    assert (habits["stress_2"].label, habits["stress_2"].kind) == ("Stress", "count")
    assert habits["stress"].kind == "done"
    assert memory_journal.day(date(2026, 11, 20)).habits["stress_2"] == 2
    assert not import_daylio(memory_journal, FIXTURES / "scales.csv").changed


def test_energy_anxiety_means_and_scale_errors(memory_journal: Journal) -> None:
    text = (
        HEADER.strip()
        + ",scales\n"
        + "2026-11-20,,,9:00,good,,,,Energy: 3/5 points\n"
        + "2026-11-20,,,10:00,good,,,,Energy: 8/10 points\n"
    )
    parsed = parse_daylio(text, today=TODAY, mood_map=None)
    import_daylio(memory_journal, parsed, scale_map="Energy=energy")
    assert memory_journal.day(date(2026, 11, 20)).energy == 7  # 6 and 8
    bad = text + "2026-11-19,,,9:00,good,,,,Energy: 0/5 points\n"
    with pytest.raises(InvalidInput, match=r"^line 4: the scale 'Energy' value '0/5 points'"):
        import_daylio(memory_journal, parse_daylio(bad, today=TODAY), scale_map="Energy=energy")
    sleep = HEADER.strip() + ",scales\n2026-11-18,,,9:00,good,,,,Sleep: 26:00\n"
    with pytest.raises(InvalidInput, match="line 2: the scale 'Sleep'"):
        import_daylio(memory_journal, parse_daylio(sleep, today=TODAY), scale_map="Sleep=sleep")
    assert memory_journal.day(date(2026, 11, 19)) is None


@pytest.mark.parametrize(
    ("scale_map", "match"),
    [
        ("Sleep Time=swimming", "there is no habit 'swimming'"),
        ("Sleep Time=news_avoided", "not yes/no"),
        ("Sleep Time", "must look like"),
        ("Stress=anxiety,stress=energy", "twice"),
        ('"Sleep Time=sleep', "closing double quote"),
    ],
)
def test_scale_map_errors(memory_journal: Journal, scale_map: str, match: str) -> None:
    with pytest.raises(InvalidInput, match=match):
        import_daylio(memory_journal, FIXTURES / "scales.csv", scale_map=scale_map)
    assert memory_journal.days() == []


def test_a_dry_run_with_scales_adds_no_habit(memory_journal: Journal) -> None:
    before = memory_journal.habits()
    result = import_daylio(memory_journal, FIXTURES / "scales.csv", dry_run=True)
    assert result.count("habits", "added") == 3
    assert memory_journal.habits() == before


# ---------------------------------------------------------------- HTML in notes


def test_html_in_notes_becomes_text_and_the_rest_is_kept() -> None:
    days = days_of(read("html_notes.csv"))
    assert days[date(2026, 11, 20)].item.note == (
        "[9:40 pm · Evening & after] First line\nSecond line\nTom & Jerry  ok <3 really\n"
        "AT&T &notes stay, a < b and <not a tag> too"
    )
    assert days[date(2026, 11, 19)].item.note == "[9:00 pm] - tea\n- rain\nCafé é 🌿"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain, no markup", "plain, no markup"),
        ("a<BR>b<br/>c<br />d", "a\nb\nc\nd"),
        ("<p>one</p><p>two</p>", "one\ntwo\n"),
        ('<span style="color:red">red</span>', "red"),
        ("&amp;lt;", "&lt;"),  # decoded once
        ("&#0; &#xD800; &bogus;", "&#0; &#xD800; &bogus;"),
        ("x &copy y", "x &copy y"),  # no semicolon: not an entity
        ("<script>", "<script>"),
        ("line\r\nbreak", "line\r\nbreak"),
    ],
)
def test_html_to_text(text: str, expected: str) -> None:
    assert html_to_text(text) == expected


# ---------------------------------------------------------------- mood labels


def test_quoted_labels_in_the_mood_map() -> None:
    moods = parse_mood_map('"vaguely ok, but uncertain"=6, "a ""b"""=4,"x=y"=3 ,plain=2,')
    assert moods["vaguely ok, but uncertain"] == 6
    assert moods['a "b"'] == 4
    assert moods["x=y"] == 3
    assert moods["plain"] == 2
    for bad in ('"open=6', '"label"6', '"label"=', "a, b=6"):
        with pytest.raises(InvalidInput, match="--mood-map"):
            parse_mood_map(bad)


def test_mood_map_file_and_flag(tmp_path: Path) -> None:
    moods = parse_mood_map("tired = flat=2", FIXTURES / "moods.txt")
    assert moods["vaguely ok, but uncertain"] == 6
    assert moods['say "what"'] == 5
    assert moods["tired = flat"] == 2  # the flag wins over the file
    bad = tmp_path / "bad.txt"
    bad.write_text("good=7\n\n# note\nhappy\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"^--mood-map-file bad.txt line 4: "):
        parse_mood_map(None, bad)
    bad.write_text("good=11\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="from 1 to 10"):
        parse_mood_map(None, bad)
    bad.write_bytes(b"g\xffood=7\n")
    with pytest.raises(InvalidInput, match="not UTF-8"):
        parse_mood_map(None, bad)
    with pytest.raises(InvalidInput, match="there is no file"):
        parse_mood_map(None, tmp_path / "nope.txt")


def test_comma_labels_and_sub_moods_from_the_file() -> None:
    parsed = read("comma_moods.csv", mood_map_file=FIXTURES / "moods.txt")
    days = days_of(parsed)
    assert days[date(2026, 11, 20)].item.mood == 7  # 6 and Good [-] → good 7: 6.5 → 7
    assert days[date(2026, 11, 18)].item.mood == 9  # rad [+] → rad
    assert days[date(2026, 11, 17)].item.mood == 5
    assert parsed.sub_moods == {"Good [-]": "good", "rad [+]": "rad"}
    named = read("comma_moods.csv", mood_map_file=FIXTURES / "moods.txt", mood_map='"good [-]"=6')
    assert days_of(named)[date(2026, 11, 20)].item.mood == 6  # an explicit label wins
    assert named.sub_moods == {"rad [+]": "rad"}


def test_the_unknown_labels_error_prints_a_mapping_ready_to_edit() -> None:
    with pytest.raises(InvalidInput) as caught:
        read("comma_moods.csv")
    message = str(caught.value)
    assert "\n" not in message
    assert "'Good [-]'" not in message  # a sub-mood of a known mood is not unknown
    ready = message.split("--mood-map ", 1)[1].split(" (or put", 1)[0]
    [argument] = shlex.split(ready)
    assert argument == '"vaguely ok, but uncertain"=N,"tired = flat"=N,"say ""what"""=N'
    parsed = read("comma_moods.csv", mood_map=argument.replace("=N", "=4"))
    assert len(parsed.entries) == 5


# ---------------------------------------------------------------- line ends and numbers


def test_line_numbers_count_crcrlf_as_one_line_end() -> None:
    text = (
        HEADER
        + '2026-11-20,,,9:00,good,,,"two\r\r\nlines"\r\r\n'
        + "2026-11-19,,,9:00,good,,,\r\r\n"
        + "2026-11-18,,,25:00,good,,,\r\r\n"
    ).replace("\n", "\r\r\n", 1)
    with pytest.raises(InvalidInput, match=r"^line 5: the time '25:00'"):
        parse_daylio(text.encode(), today=TODAY)
    good = parse_daylio(text.replace("25:00", "8:00").encode(), today=TODAY)
    assert [e.line for e in good.entries] == [2, 4, 5]
    assert good.entries[0].note == "two\r\nlines"
    broken = text.encode().replace(b"25:00,good", b"8:00,g\xffood")
    with pytest.raises(InvalidInput, match=r"^line 5: the file is not UTF-8"):
        parse_daylio(broken, today=TODAY)


def test_summary_numbers_have_thousands_separators(memory_journal: Journal) -> None:
    lines = [HEADER]
    for offset in range(1_234):
        lines.append(f"{TODAY - timedelta(days=offset)},,,9:00,good,,,\n")
    result = import_daylio(memory_journal, parse_daylio("".join(lines), today=TODAY))
    summary = result.summary()
    assert "Read 1,234 entries (1,234 days)" in summary
    assert "Added 1,234 days;" in summary
    assert "1234" not in summary


# ---------------------------------------------------------------- never another exception


def _clean(text: str | bytes, **maps: str) -> None:
    with fresh_journal() as journal:
        try:
            parsed = parse_daylio(text, today=TODAY, mood_map=maps.pop("mood_map", "x=5"))
            import_daylio(journal, parsed, progress=False, **maps)
        except InvalidInput as error:
            assert str(error)
            assert "\n" not in str(error)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300), st.sampled_from([b"", b"2026-11-20,", b"2019,", b"\r\r\n"]))
def test_arbitrary_bytes_without_a_header(data: bytes, start: bytes) -> None:
    _clean(start + data)


_VARIANT_HEADERS = [
    "year,date,weekday,time,mood,activities,note",
    "full_date,weekday,time,mood",
    "full_date,date,weekday,time,mood,activities,note_title,note,scales",
    "",  # no header
]
_cell = st.one_of(
    st.sampled_from(
        [
            "",
            "2019",
            "2026-11-20",
            "June 22",
            "7 września",
            "16 de octubre",
            "6月22日",
            "9:40 pm",
            "good",
            "Good [-]",
            "x [+]",
            "rad",
            "<br>&amp;<b>",
            "Sleep: 8:00 | Energy: 4/5 points",
            "Water: 1.5 l | a",
            "Mood: 99999/1 points",
            "sport | 🎉",
            "a,b",
            '"',
            "\r\r\n",
        ]
    ),
    st.text(max_size=10),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_VARIANT_HEADERS),
    st.lists(st.lists(_cell, min_size=3, max_size=9), max_size=5),
    st.sampled_from([None, "Sleep=sleep,Energy=energy", '"Water"=anxiety']),
)
def test_arbitrary_variant_rows_import_cleanly_or_raise_invalid_input(
    header: str, rows: list[list[str]], scale_map: str | None
) -> None:
    lines = [header] if header else []
    for cells in rows:
        lines.append(",".join('"' + cell.replace('"', '""') + '"' for cell in cells))
    kwargs = {"scale_map": scale_map} if scale_map else {}
    _clean("\r\n".join(lines), **kwargs)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=15).filter(str.strip), min_size=1, max_size=5))
def test_quoted_labels_read_back_as_written(labels: list[str]) -> None:
    text = ",".join(f"{quote_label(label)}=7" for label in labels)
    assert [label for label, _value in split_items(text, "--mood-map", "x=1")] == labels
    moods = parse_mood_map(text)
    for label in labels:
        assert moods[" ".join(label.split()).casefold()] == 7


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_html_to_text_never_fails_and_keeps_plain_text(text: str) -> None:
    result = html_to_text(text)
    if "<" not in text and "&" not in text:
        assert result == text
