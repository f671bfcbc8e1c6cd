"""The model's validation: what a valid value is, and the message when it is not."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recovery_journal import model
from recovery_journal.clock import FixedClock
from recovery_journal.errors import InvalidInput

TODAY = date(2026, 11, 27)
PLUS_ONE = datetime.fromisoformat("2026-11-27T09:30:00+01:00").tzinfo

MINUTES = model.Habit("meditation", "Meditation", "minutes", 10)
COUNT = model.Habit("social", "Social contact", "count", 1)
DONE = model.Habit("therapy", "Therapy", "done")
AVOIDED = model.Habit("news_avoided", "Avoided the news", "avoided")


# ---------------------------------------------------------------- moods and scales


@pytest.mark.parametrize("text", ["0", "11", "7.5", "x", "", " ", "-1", "1e1", "five"])
def test_mood_outside_one_to_ten_or_not_whole_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="mood must be a whole number from 1 to 10"):
        model.parse_mood(text)


@pytest.mark.parametrize(("text", "expected"), [("1", 1), ("10", 10), (" 7 ", 7), (5, 5)])
def test_mood_from_one_to_ten_is_accepted(text: str | int, expected: int) -> None:
    assert model.parse_mood(text) == expected


def test_mood_refuses_booleans_and_integers_out_of_range() -> None:
    with pytest.raises(InvalidInput):
        model.parse_mood(True)
    with pytest.raises(InvalidInput):
        model.parse_mood(0)
    with pytest.raises(InvalidInput):
        model.parse_mood(11)


def test_the_message_names_the_field_that_was_wrong() -> None:
    with pytest.raises(InvalidInput, match="mood after"):
        model.parse_mood("12", "mood after")


@pytest.mark.parametrize(("text", "expected"), [("0", 0), ("10", 10), ("4", 4)])
def test_anxiety_accepts_zero_to_ten(text: str, expected: int) -> None:
    assert model.parse_anxiety(text) == expected


@pytest.mark.parametrize("text", ["-1", "11", "2.5", "lots"])
def test_anxiety_outside_zero_to_ten_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="anxiety must be a whole number from 0 to 10"):
        model.parse_anxiety(text)


def test_energy_is_one_to_ten() -> None:
    assert model.parse_energy("1") == 1
    assert model.parse_energy("10") == 10
    for text in ("0", "11"):
        with pytest.raises(InvalidInput, match="energy"):
            model.parse_energy(text)


def test_dissociation_is_zero_to_ten() -> None:
    assert model.parse_dissociation("0") == 0
    assert model.parse_dissociation("10") == 10
    with pytest.raises(InvalidInput, match="dissociation"):
        model.parse_dissociation("11")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7.45", 7.5),
        ("7.44", 7.4),
        ("8", 8.0),
        ("0", 0.0),
        ("24", 24.0),
        ("7.5", 7.5),
        (" 7.5 ", 7.5),
        ("7.96", 8.0),
        ("23.96", 24.0),
        # halves go up as written, whatever the binary float says (6.35 is 6.3499… in binary)
        ("6.25", 6.3),
        ("6.35", 6.4),
        ("8.25", 8.3),
        ("8.15", 8.2),
        ("0.05", 0.1),
        (6.25, 6.3),
    ],
)
def test_sleep_is_rounded_to_one_decimal(text: str | float, expected: float) -> None:
    assert model.parse_sleep(text) == pytest.approx(expected)
    assert model.parse_sleep(text) == round(model.parse_sleep(text), 1)


@pytest.mark.parametrize("text", ["-0.1", "24.1", "25", "nan", "inf", "-inf", "seven", ""])
def test_sleep_outside_zero_to_24_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="sleep must be a number from 0 to 24"):
        model.parse_sleep(text)


def test_dose_must_be_more_than_zero() -> None:
    assert model.parse_dose("35") == 35.0
    assert model.parse_dose("0.5") == 0.5
    with pytest.raises(InvalidInput, match="more than 0 mg"):
        model.parse_dose("0")
    for text in ("-5", "1001", "a lot"):
        with pytest.raises(InvalidInput, match="dose"):
            model.parse_dose(text)


# ---------------------------------------------------------------- tags and words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Movies / TV", "movies-tv"),
        ("therapy", "therapy"),
        ("  Nature  ", "nature"),
        ("Family", "family"),
        ("a--b", "a-b"),
        ("-walk-", "walk"),
        ("Self_care!!", "self-care"),
        ("mum & dad", "mum-dad"),
        ("K2", "k2"),
        ("re-set", "re-set"),
    ],
)
def test_tags_are_normalised(text: str, expected: str) -> None:
    assert model.normalize_word(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Café", "café"), ("Cafe\u0301", "café"), ("Ärger", "ärger"), ("Família", "família")],
)
def test_tags_keep_letters_beyond_ascii(text: str, expected: str) -> None:
    # PRODUCT.md §2: letters, digits and hyphens; an accented letter is a letter.
    assert model.normalize_word(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "///", "--", "!?"])
def test_a_tag_with_no_letters_or_digits_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="has no letters or digits"):
        model.normalize_word(text)


def test_a_very_long_tag_is_refused() -> None:
    with pytest.raises(InvalidInput, match="too long"):
        model.normalize_word("x" * 41)
    assert model.normalize_word("x" * 40) == "x" * 40


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nausea", "nausea"),
        ("Elevated BP", "elevated_bp"),
        ("elevated_bp", "elevated_bp"),
        ("Dry mouth", "dry-mouth"),
        ("HEADACHE", "headache"),
    ],
)
def test_side_effects_keep_the_listed_words(text: str, expected: str) -> None:
    assert model.normalize_side_effect(text) == expected


# ---------------------------------------------------------------- habits


@pytest.mark.parametrize("key", ["hydration", "a", "learning_2", "x" * 32, "h2o"])
def test_good_habit_keys(key: str) -> None:
    assert model.check_habit_key(key) == key


@pytest.mark.parametrize(
    "key", ["", "2fast", "Hydration", "hydra-tion", "_x", "hy dration", "x" * 33, "café"]
)
def test_bad_habit_keys_are_refused(key: str) -> None:
    with pytest.raises(InvalidInput, match="must start with a-z"):
        model.check_habit_key(key)


@pytest.mark.parametrize("key", ["mood", "note", "sleep", "sleep_hours", "tags", "date"])
def test_habit_keys_cannot_take_a_check_in_field_name(key: str) -> None:
    with pytest.raises(InvalidInput, match="taken by a check-in field"):
        model.check_habit_key(key)


def test_habit_kinds_and_labels() -> None:
    for kind in ("minutes", "count", "done", "avoided"):
        assert model.check_habit_kind(kind) == kind
    with pytest.raises(InvalidInput, match="not one of: minutes, count, done, avoided"):
        model.check_habit_kind("hours")
    assert model.check_label("  Hydration ") == "Hydration"
    for label in ("", "   ", "two\nlines", "x" * 61, "nul\x00", "stray \udcff byte"):
        with pytest.raises(InvalidInput):
            model.check_label(label)


def test_targets_per_kind() -> None:
    assert model.parse_target("minutes", "12.5") == 12.5
    assert model.parse_target("count", "3") == 3.0
    assert model.parse_target("minutes", None) is None
    with pytest.raises(InvalidInput, match="takes no target"):
        model.parse_target("done", "1")
    with pytest.raises(InvalidInput, match="takes no target"):
        model.parse_target("avoided", "1")
    with pytest.raises(InvalidInput):
        model.parse_target("count", "1.5")
    with pytest.raises(InvalidInput):
        model.parse_target("minutes", "-5")


@pytest.mark.parametrize(
    ("habit", "text", "expected"),
    [
        (MINUTES, "20", 20.0),
        (MINUTES, "7.5", 7.5),
        (MINUTES, "0", 0.0),
        (MINUTES, "1440", 1440.0),
        (COUNT, "3", 3.0),
        (COUNT, "0", 0.0),
        (COUNT, 2.0, 2.0),
        (DONE, "yes", True),
        (DONE, "no", False),
        (DONE, "Y", True),
        (DONE, "n", False),
        (DONE, "true", True),
        (DONE, "False", False),
        (DONE, "1", True),
        (DONE, "0", False),
        (AVOIDED, "yes", True),
        (AVOIDED, "no", False),
        (AVOIDED, True, True),
    ],
)
def test_habit_values_per_kind(
    habit: model.Habit, text: str | float | bool, expected: float | bool
) -> None:
    value = model.parse_habit_value(habit, text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("habit", "text"),
    [
        (MINUTES, "-1"),
        (MINUTES, "1441"),
        (MINUTES, "half an hour"),
        (MINUTES, "nan"),
        (COUNT, "2.5"),
        (COUNT, "-1"),
        (COUNT, "many"),
        (DONE, "maybe"),
        (DONE, ""),
        (DONE, "2"),
        (AVOIDED, "sometimes"),
    ],
)
def test_bad_habit_values_are_refused(habit: model.Habit, text: str) -> None:
    with pytest.raises(InvalidInput, match=habit.key):
        model.parse_habit_value(habit, text)


def test_habit_done_semantics() -> None:
    # Absent is "not logged", never "no"; 0 minutes is logged and not done.
    assert model.habit_done("minutes", None) is None
    assert model.habit_done("minutes", 0) is False
    assert model.habit_done("minutes", 0.0) is False
    assert model.habit_done("minutes", 0.5) is True
    assert model.habit_done("count", 0) is False
    assert model.habit_done("count", 1) is True
    assert model.habit_done("done", None) is None
    assert model.habit_done("done", True) is True
    assert model.habit_done("done", False) is False
    assert model.habit_done("avoided", True) is True
    assert model.habit_done("avoided", False) is False
    assert model.habit_done("avoided", None) is None
    assert MINUTES.is_done(None) is None
    assert MINUTES.is_done(0) is False
    assert AVOIDED.is_done(True) is True


def test_built_in_habits_are_those_of_the_spec() -> None:
    assert [(h.key, h.label, h.kind, h.target) for h in model.BUILT_IN_HABITS] == [
        ("meditation", "Meditation", "minutes", 10),
        ("exercise", "Exercise", "minutes", 20),
        ("social", "Social contact", "count", 1),
        ("news_avoided", "Avoided the news", "avoided", None),
        ("social_media_avoided", "Avoided social media", "avoided", None),
    ]
    assert all(h.built_in for h in model.BUILT_IN_HABITS)


def test_yes_no_words() -> None:
    for word in ("yes", "YES", " y ", "true", "1"):
        assert model.parse_yes_no(word, "x") is True
    for word in ("no", "No", "n", "false", "0"):
        assert model.parse_yes_no(word, "x") is False
    with pytest.raises(InvalidInput, match="after-care no_driving must be yes or no"):
        model.parse_yes_no("perhaps", "after-care no_driving")


def test_assignments() -> None:
    assert model.split_assignment("hydration=yes", "--habit") == ("hydration", "yes")
    assert model.split_assignment(" a = 1 ", "--habit") == ("a", "1")
    for text in ("hydration", "=yes", "hydration=", "hydration= "):
        with pytest.raises(InvalidInput, match="must look like KEY=VALUE"):
            model.split_assignment(text, "--habit")


def test_session_kinds_and_aftercare_items() -> None:
    for kind in ("iv_ketamine", "im_ketamine", "esketamine_nasal", "oral_ketamine", "other"):
        assert model.check_session_kind(kind) == kind
    with pytest.raises(InvalidInput, match="session kind"):
        model.check_session_kind("spravato")
    assert set(model.AFTERCARE_ITEMS) == {
        "no_driving",
        "light_meal",
        "rest_hydration",
        "avoided_news",
        "avoided_social_media",
        "therapy_scheduled",
        "follow_up_booked",
    }
    with pytest.raises(InvalidInput, match="after-care item"):
        model.check_aftercare_item("nap")


# ---------------------------------------------------------------- dates and times


def test_today_and_yesterday() -> None:
    assert model.parse_date("today", TODAY) == TODAY
    assert model.parse_date("Today", TODAY) == TODAY
    assert model.parse_date("yesterday", TODAY) == date(2026, 11, 26)
    assert model.parse_date(" YESTERDAY ", TODAY) == date(2026, 11, 26)


def test_iso_dates_up_to_today() -> None:
    assert model.parse_date("2026-11-27", TODAY) == TODAY
    assert model.parse_date("2024-02-29", TODAY) == date(2024, 2, 29)


def test_a_date_after_today_is_refused() -> None:
    with pytest.raises(InvalidInput, match="2026-11-28 is in the future; today is 2026-11-27"):
        model.parse_date("2026-11-28", TODAY)
    with pytest.raises(InvalidInput, match="--since 2027-01-01 is in the future"):
        model.parse_date("2027-01-01", TODAY, "--since")


@pytest.mark.parametrize(
    "text",
    [
        "27/11/2026",
        "2026-11-31",
        "2026-13-01",
        "2026-1-5",
        "20261127",
        "2026-W48-5",
        "2026-11-27T10:00",
        "tomorrow",
        "",
        "2026-11-27 ",
        "2025-02-29",
        "２０２６-11-27",
    ],
)
def test_bad_dates_are_refused(text: str) -> None:
    if text == "2026-11-27 ":
        # Surrounding spaces are forgiven.
        assert model.parse_date(text, TODAY) == TODAY
        return
    with pytest.raises(InvalidInput, match="is not a date; use YYYY-MM-DD"):
        model.parse_date(text, TODAY)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime.fromisoformat("2026-11-27T09:30:00+01:00"))


def test_datetime_with_a_space_or_a_t(clock: FixedClock) -> None:
    expected = datetime(2026, 11, 26, 18, 5, tzinfo=PLUS_ONE)
    assert model.parse_datetime("2026-11-26 18:05", clock) == expected
    assert model.parse_datetime("2026-11-26T18:05", clock) == expected
    assert model.parse_datetime("2026-11-26 8:05", clock) == expected.replace(hour=8)
    assert model.parse_datetime("2026-11-26 18:05", clock).isoformat() == (
        "2026-11-26T18:05:00+01:00"
    )


def test_now_is_the_clock_to_the_minute(clock: FixedClock) -> None:
    clock.moment = clock.moment.replace(second=42, microsecond=7)
    assert model.parse_datetime("now", clock) == datetime(2026, 11, 27, 9, 30, tzinfo=PLUS_ONE)
    assert model.parse_datetime(" NOW ", clock).second == 0


def test_a_datetime_after_now_is_refused(clock: FixedClock) -> None:
    assert model.parse_datetime("2026-11-27 09:30", clock) == clock.now()
    with pytest.raises(InvalidInput, match="is in the future; it is now 2026-11-27 09:30"):
        model.parse_datetime("2026-11-27 09:31", clock)
    with pytest.raises(InvalidInput, match="in the future"):
        model.parse_datetime("2027-01-01T00:00", clock)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-26",
        "2026-11-26 25:00",
        "2026-11-26 24:00",
        "2026-11-26 10:60",
        "26/11/2026 10:00",
        "2026-11-26 10.00",
        "yesterday",
        "2026-11-26 10:00:00",
        "2026-11-26T10:00+01:00",
        "",
    ],
)
def test_bad_datetimes_are_refused(text: str, clock: FixedClock) -> None:
    with pytest.raises(InvalidInput, match="is not a date and time; use 'YYYY-MM-DD HH:MM'"):
        model.parse_datetime(text, clock)


def test_stored_datetimes_read_back() -> None:
    moment = model.parse_stored_datetime("2026-11-26T18:05:00+01:00")
    assert moment == datetime(2026, 11, 26, 18, 5, tzinfo=PLUS_ONE)
    with pytest.raises(InvalidInput):
        model.parse_stored_datetime("last tuesday")


# ---------------------------------------------------------------- blood pressure


@pytest.mark.parametrize(
    ("text", "expected"),
    [("128/82", "128/82"), (" 128 / 82 ", "128/82"), ("90/60", "90/60"), ("200/110", "200/110")],
)
def test_blood_pressure(text: str, expected: str) -> None:
    assert model.parse_blood_pressure(text) == expected


@pytest.mark.parametrize(
    "text", ["128", "128-82", "82/128", "128/82/1", "1280/82", "abc/def", "", "40/30", "128/128"]
)
def test_bad_blood_pressure_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="--bp-before"):
        model.parse_blood_pressure(text, "--bp-before")


# ---------------------------------------------------------------- notes and text


def test_a_note_of_100000_characters_is_kept() -> None:
    note = "x" * 100_000
    assert model.check_note(note) == note


def test_a_note_of_100001_characters_is_refused() -> None:
    with pytest.raises(InvalidInput, match="100,001 characters; the limit is 100,000"):
        model.check_note("x" * 100_001)


@pytest.mark.parametrize(
    "note",
    [
        "line one\r\nline two\r\n",
        "trailing spaces   \n  and leading\t",
        "Felt 🙂 then 😔, then 🌊🌊",
        "שלום עולם — مرحبا بالعالم",
        "mixed \u202eRTL override\u202c and \u200fmark",
        "# Heading\n\n- a *list*\n\n```\ncode\n```",
        "",
        "\n\n\n",
    ],
)
def test_notes_are_kept_exactly(note: str) -> None:
    assert model.check_note(note) == note


def test_text_that_cannot_be_stored_is_refused() -> None:
    with pytest.raises(InvalidInput, match="NUL"):
        model.check_note("a\x00b")
    with pytest.raises(InvalidInput, match="not valid UTF-8"):
        model.check_note("bad \udcff byte")
    with pytest.raises(InvalidInput, match="intention is 201 characters; the limit is 200"):
        model.check_text("x" * 201, "intention", 200)


def test_plain_numbers() -> None:
    assert model.plain_number(20.0) == 20
    assert type(model.plain_number(20.0)) is int
    assert model.plain_number(7.5) == 7.5
    assert model.plain_number(True) is True
    assert model.plain_number(None) is None


def test_a_session_knows_its_local_date() -> None:
    at = datetime(2026, 11, 26, 23, 30, tzinfo=PLUS_ONE)
    assert model.Session("s1", at, "other").date == date(2026, 11, 26)


# ---------------------------------------------------------------- properties

ANY_TEXT = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\A[0-9 .+\-eE]{0,8}\Z"),
    st.from_regex(r"\A\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2})?\Z"),
)


def _only_invalid_input(parse, *args) -> object:  # type: ignore[no-untyped-def]
    try:
        return parse(*args)
    except InvalidInput as error:
        message = str(error)
        assert message and "\n" not in message
        return None


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT)
def test_number_parsers_raise_only_invalid_input(text: str) -> None:
    mood = _only_invalid_input(model.parse_mood, text)
    assert mood is None or (isinstance(mood, int) and 1 <= mood <= 10)
    anxiety = _only_invalid_input(model.parse_anxiety, text)
    assert anxiety is None or 0 <= anxiety <= 10  # type: ignore[operator]
    sleep = _only_invalid_input(model.parse_sleep, text)
    assert sleep is None or (0 <= sleep <= 24 and round(sleep, 1) == sleep)  # type: ignore[operator]
    for habit in (MINUTES, COUNT, DONE, AVOIDED):
        value = _only_invalid_input(model.parse_habit_value, habit, text)
        if habit.kind in model.YES_NO_KINDS:
            assert value is None or isinstance(value, bool)
        else:
            assert value is None or (isinstance(value, float) and value >= 0)
    _only_invalid_input(model.parse_dose, text)
    _only_invalid_input(model.parse_yes_no, text, "x")
    _only_invalid_input(model.split_assignment, text, "--habit")
    _only_invalid_input(model.parse_target, "count", text)
    _only_invalid_input(model.check_habit_key, text)
    _only_invalid_input(model.check_label, text)


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT)
def test_date_parsers_raise_only_invalid_input(text: str) -> None:
    clock = FixedClock(datetime.fromisoformat("2026-11-27T09:30:00+01:00"))
    day = _only_invalid_input(model.parse_date, text, TODAY)
    assert day is None or (isinstance(day, date) and day <= TODAY)
    moment = _only_invalid_input(model.parse_datetime, text, clock)
    assert moment is None or (isinstance(moment, datetime) and moment <= clock.now())
    _only_invalid_input(model.parse_stored_datetime, text)
    _only_invalid_input(model.parse_blood_pressure, text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_normalised_words_are_stable(text: str) -> None:
    word = _only_invalid_input(model.normalize_word, text)
    if word is None:
        return
    assert isinstance(word, str)
    assert word == word.lower()
    assert all(ch == "-" or ch.isalnum() for ch in word)
    assert not word.startswith("-") and not word.endswith("-") and "--" not in word
    assert model.normalize_word(word) == word
    _only_invalid_input(model.normalize_side_effect, text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_storable_text_is_kept_exactly(text: str) -> None:
    kept = _only_invalid_input(model.check_note, text)
    if "\x00" not in text and not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        assert kept == text


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_past_date_round_trips_and_every_future_one_is_refused(day: date) -> None:
    if day <= TODAY:
        assert model.parse_date(day.isoformat(), TODAY) == day
    else:
        with pytest.raises(InvalidInput, match="in the future"):
            model.parse_date(day.isoformat(), TODAY)
    assert model.parse_date("yesterday", day + timedelta(days=1)) == day


def test_go_to_date_speaks_plainly_when_the_field_is_empty_or_the_day_does_not_exist() -> None:
    with pytest.raises(InvalidInput) as empty:
        model.parse_day_word("   ", TODAY)
    assert "''" not in str(empty.value)
    assert str(empty.value).startswith("Type a day")
    with pytest.raises(InvalidInput) as no_such_day:
        model.parse_day_word("2026-13-01", TODAY)
    message = str(no_such_day.value)
    assert message.startswith("2026-13-01 is not a day on the calendar")
    assert "weekday" in message  # the same choices the field offers
