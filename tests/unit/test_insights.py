"""The trends and insights of PRODUCT.md §5, against small journals computed by hand.

Days and sessions are built directly. Day 0 is 2026-03-02 (a Monday); `d(n)` is day n.
"""

from __future__ import annotations

import json
import math
import random
import statistics
from datetime import date, datetime, time, timedelta, timezone
from fractions import Fraction
from typing import Any

import pytest

from recovery_journal import insights
from recovery_journal.errors import InvalidInput
from recovery_journal.model import BUILT_IN_HABITS, Day, Habit, Session, habit_done

D0 = date(2026, 3, 2)
TZ = timezone(timedelta(hours=1))
THERAPY = Habit("therapy", "Therapy", "done")
OLD = Habit("journaling", "Journaling", "minutes", archived=True)
HABITS = [*BUILT_IN_HABITS, THERAPY, OLD]


def compute(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """`insights --format json`'s object: the analysis as JSON."""
    return insights.analyse(*args, **kwargs).to_json()


def d(n: int) -> date:
    return D0 + timedelta(days=n)


def day(n: int, mood: int | None = None, *tags: str, **habits: float | bool) -> Day:
    return Day(d(n), mood=mood, habits=dict(habits), tags=list(tags))


def session(
    n: int,
    sid: str | None = None,
    before: int | None = None,
    after: int | None = None,
    hour: int = 10,
) -> Session:
    return Session(
        id=sid or f"s{n}-{hour}",
        at=datetime.combine(d(n), time(hour, 0), tzinfo=TZ),
        kind="iv_ketamine",
        mood_before=before,
        mood_after=after,
    )


def row(
    rows: list[insights.Association], name: str, lag: int, kind: str = "habit"
) -> insights.Association:
    [found] = [r for r in rows if (r.name, r.lag_days, r.type) == (name, lag, kind)]
    return found


# ---------------------------------------------------------------- day index


def test_session_day_is_index_zero_and_days_count_up() -> None:
    dates = insights.session_dates([session(3)])
    assert insights.day_index(d(3), dates) == 0
    assert insights.day_index(d(4), dates) == 1
    assert insights.day_index(d(17), dates) == 14


def test_days_before_the_first_session_are_baseline() -> None:
    dates = insights.session_dates([session(3), session(10)])
    assert insights.day_index(d(2), dates) is None
    assert insights.day_index(d(-30), dates) is None
    assert insights.is_baseline(d(2), dates)
    assert not insights.is_baseline(d(3), dates)
    assert insights.day_index(d(5), insights.session_dates([])) is None


def test_two_sessions_a_day_apart_restart_the_count() -> None:
    dates = insights.session_dates([session(5), session(4)])  # unsorted on purpose
    assert [insights.day_index(d(n), dates) for n in range(3, 9)] == [None, 0, 0, 1, 2, 3]


def test_treatment_day_numbers_sessions_over_the_whole_journal() -> None:
    sessions = [session(0), session(4), session(4, hour=15), session(9)]
    assert insights.treatment_day(d(-1), sessions) is None
    assert insights.treatment_day(d(0), sessions) == (0, 1)
    assert insights.treatment_day(d(2), sessions) == (2, 1)
    assert insights.treatment_day(d(4), sessions) == (0, 3)  # two that day: the later one
    assert insights.treatment_day(d(12), sessions) == (3, 4)


# ---------------------------------------------------------------- mood and response curve


def test_mood_summary_and_baseline_by_hand() -> None:
    days = [day(0, 2), day(1, 4), day(2), day(3, 7), day(4, 8), day(5, 6, meditation=10)]
    summary = insights.mood_summary(days, [session(3)])
    assert summary == {"days_logged": 5, "mean": 5.4, "baseline_mean": 3.0}


def test_without_sessions_every_day_is_baseline() -> None:
    summary = insights.mood_summary([day(0, 5), day(1, 6)], [])
    assert summary == {"days_logged": 2, "mean": 5.5, "baseline_mean": 5.5}


def test_a_first_session_before_the_days_leaves_no_baseline() -> None:
    summary = insights.mood_summary([day(5, 5)], [session(0)])
    assert summary["baseline_mean"] is None


def test_response_curve_by_hand() -> None:
    # Sessions on days 0 and 2; moods on days 0-4 and 17 (index 15: off the curve).
    sessions = [session(0), session(2)]
    days = [day(-1, 9), day(0, 6), day(1, 7), day(2, 8), day(3, 5), day(4), day(17, 3)]
    curve = insights.response_curve(days, sessions)
    assert curve == [
        {"day": 0, "mean_mood": 7.0, "n": 2},  # days 0 and 2
        {"day": 1, "mean_mood": 6.0, "n": 2},  # days 1 and 3
    ]


def test_response_curve_reaches_index_14_and_lists_only_indexes_with_moods() -> None:
    days = [day(14, 4), day(15, 9), day(7, 5)]
    assert insights.response_curve(days, [session(0)]) == [
        {"day": 7, "mean_mood": 5.0, "n": 1},
        {"day": 14, "mean_mood": 4.0, "n": 1},
    ]


def test_sessions_before_the_range_still_set_the_day_index() -> None:
    days = [day(n, 5) for n in range(0, 12)]
    result = compute(days, [session(0)], HABITS, since=d(5), until=d(11))
    assert [point["day"] for point in result["response_curve"]] == [5, 6, 7, 8, 9, 10, 11]
    assert result["sessions"] == []
    assert result["mood"]["baseline_mean"] is None


# ---------------------------------------------------------------- rounding


def test_means_are_rounded_half_up_to_two_decimals() -> None:
    assert insights.round2(Fraction(49, 8)) == 6.13  # 6.125
    assert insights.round2(Fraction(2, 3)) == 0.67
    assert insights.round2(Fraction(-9, 8)) == -1.13  # ties away from zero, both signs
    assert insights.round2(7) == 7.0
    assert insights.round2(None) is None
    # 49 / 8 over eight logged days on the session day
    moods = [6, 6, 6, 6, 6, 6, 6, 7]
    days = [day(7 * k, mood) for k, mood in enumerate(moods)]
    sessions = [session(7 * k) for k in range(8)]
    assert insights.response_curve(days, sessions) == [{"day": 0, "mean_mood": 6.13, "n": 8}]


def test_difference_is_rounded_from_the_exact_means() -> None:
    # with: 7, 7, 7, 7, 8, 8 → 22/3 = 7.333…; without: 5 ×5, 6 → 31/6 = 5.1666…
    # exact difference 13/6 = 2.1666… → 2.17 (7.33 − 5.17 would be 2.16)
    days = [day(n, m, exercise=30) for n, m in enumerate([7, 7, 7, 7, 8, 8])]
    days += [day(10 + n, m, exercise=0) for n, m in enumerate([5, 5, 5, 5, 5, 6])]
    exercise = row(insights.association_rows(days, HABITS), "exercise", 0)
    assert (exercise.mean_with, exercise.mean_without) == (7.33, 5.17)
    assert exercise.difference == 2.17


# ---------------------------------------------------------------- associations


def _exercise_journal() -> list[Day]:
    """5 days exercised (moods 8,7,8,6,7) and 5 logged as 0 minutes (4,5,5,6,3); 3 days
    without an exercise value at all, one with mood 10."""
    days = [day(n, m, exercise=30) for n, m in enumerate([8, 7, 8, 6, 7])]
    days += [day(10 + n, m, exercise=0) for n, m in enumerate([4, 5, 5, 6, 3])]
    days += [day(20, 10), day(22, 1), day(24, 9)]
    return days


def test_habit_association_same_day_by_hand() -> None:
    exercise = row(insights.association_rows(_exercise_journal(), HABITS), "exercise", 0)
    assert exercise.to_json() == {
        "name": "exercise",
        "type": "habit",
        "lag_days": 0,
        "mean_with": 7.2,
        "mean_without": 4.6,
        "difference": 2.6,
        "n_with": 5,
        "n_without": 5,
    }


def test_absent_is_not_logged_never_no() -> None:
    """A habit never logged on the mood-10 and mood-1 days leaves them out entirely."""
    days = _exercise_journal()
    exercise = row(insights.association_rows(days, HABITS), "exercise", 0)
    assert exercise.n_with + exercise.n_without == 10
    # Logging zero minutes is a "no": one more day on the without side.
    days.append(day(30, 1, exercise=0))
    exercise = row(insights.association_rows(days, HABITS), "exercise", 0)
    assert (exercise.n_without, exercise.mean_without) == (6, 4.0)


def test_yes_no_habits_count_false_as_logged_not_done() -> None:
    days = [day(n, 8, therapy=True, news_avoided=False) for n in range(5)]
    days += [day(10 + n, 4, therapy=False) for n in range(5)]
    rows = insights.association_rows(days, HABITS)
    therapy = row(rows, "therapy", 0)
    assert (therapy.mean_with, therapy.n_with, therapy.mean_without, therapy.n_without) == (
        8.0,
        5,
        4.0,
        5,
    )
    news = row(rows, "news_avoided", 0)
    assert (news.n_with, news.n_without) == (0, 5)
    assert not news.enough


def test_rows_with_fewer_than_five_days_on_a_side_are_left_out_of_the_json() -> None:
    days = _exercise_journal()
    days.remove(days[0])  # 4 days with exercise
    rows = insights.association_rows(days, HABITS)
    exercise = row(rows, "exercise", 0)
    assert (exercise.n_with, exercise.n_without, exercise.enough) == (4, 5, False)
    assert all(r["name"] != "exercise" for r in insights.associations(days, HABITS))
    assert "not enough data yet" in insights.association_sentence(exercise)


def test_days_without_a_mood_take_no_part() -> None:
    days = [*_exercise_journal(), day(40, None, exercise=45), day(41, None, exercise=0)]
    exercise = row(insights.association_rows(days, HABITS), "exercise", 0)
    assert (exercise.n_with, exercise.n_without) == (5, 5)


def test_lag_one_pairs_a_habit_with_the_next_days_mood_across_gaps() -> None:
    days = [
        day(0, None, meditation=10),  # no mood itself: still counts (next day mood 6)
        day(1, 6, meditation=0),  # → day 2 mood 7, without side
        day(2, 7, meditation=15),  # → day 3 absent: no pair
        day(4, 9, meditation=20),  # → day 5 has no mood: no pair
        day(5, None),
        day(6, 3),  # no meditation value: not a "d"
        day(7, 8, meditation=5),  # → day 8 mood 2
        day(8, 2),
    ]
    meditation = row(insights.association_rows(days, HABITS), "meditation", 1)
    assert (meditation.n_with, meditation.n_without) == (2, 1)
    assert (meditation.mean_with, meditation.mean_without) == (4.0, 7.0)  # (6+2)/2, 7


def test_lag_one_habit_by_hand_with_enough_days() -> None:
    # d = 0..9 meditation yes/no alternating, moods on every day 1..10.
    days = []
    for n in range(11):
        habits = {"meditation": 10 if n % 2 == 0 else 0} if n < 10 else {}
        days.append(day(n, n + 1, **habits))
    meditation = row(insights.association_rows(days, HABITS), "meditation", 1)
    # after meditating (d = 0,2,4,6,8): moods of 1,3,5,7,9 → 2,4,6,8,10 = 6
    # after not (d = 1,3,5,7,9): moods of 2,4,6,8,10 → 3,5,7,9,11 = 7
    assert meditation.to_json() == {
        "name": "meditation",
        "type": "habit",
        "lag_days": 1,
        "mean_with": 6.0,
        "mean_without": 7.0,
        "difference": -1.0,
        "n_with": 5,
        "n_without": 5,
    }


def test_tags_on_five_logged_days_count_four_do_not() -> None:
    days = [day(n, 7, "nature") for n in range(5)]
    days += [day(10 + n, 5, "family") for n in range(4)]
    days += [day(20, None, "family")]  # a fifth family day, but without a mood
    days += [day(30 + n, 4) for n in range(5)]
    assert insights.eligible_tags(days) == ["nature"]
    rows = insights.association_rows(days, HABITS)
    assert {r.name for r in rows if r.type == "tag"} == {"nature"}
    nature = row(rows, "nature", 0, "tag")
    # without: the 4 family days (5) and the 5 untagged days (4) = 40/9; 7 − 40/9 = 23/9
    assert nature.to_json() == {
        "name": "nature",
        "type": "tag",
        "lag_days": 0,
        "mean_with": 7.0,
        "mean_without": 4.44,
        "difference": 2.56,
        "n_with": 5,
        "n_without": 9,
    }


def test_tag_lag_one_needs_a_check_in_on_the_first_day() -> None:
    days = []
    for k in range(6):  # tagged, no mood; the next day has mood 8 → six "with" pairs
        days += [day(3 * k, None, "therapy"), day(3 * k + 1, 8)]
    for k in range(5):  # a check-in without the tag (and without a mood) → mood 4 next
        days += [day(100 + 2 * k, None, meditation=0), day(101 + 2 * k, 4)]
    days += [day(400 + 2 * k, 5, "therapy") for k in range(5)]  # 5 logged days: eligible
    days += [day(301, 3)]  # the day before has no check-in: not a pair
    days += [Day(d(500)), day(501, 9)]  # an emptied day is no check-in either
    therapy = row(insights.association_rows(days, HABITS), "therapy", 1, "tag")
    assert (therapy.n_with, therapy.mean_with) == (6, 8.0)
    assert (therapy.n_without, therapy.mean_without) == (5, 4.0)


def test_archived_habits_are_included_where_logged() -> None:
    days = [day(n, 8, journaling=20) for n in range(5)] + [
        day(10 + n, 5, journaling=0) for n in range(5)
    ]
    rows = insights.association_rows(days, HABITS)
    assert row(rows, "journaling", 0).enough
    assert any(r["name"] == "journaling" for r in insights.associations(days, HABITS))
    # Not logged in these days: no row for the archived habit, a thin row for active ones.
    quiet = [day(n, 5) for n in range(3)]
    names = {r.name for r in insights.association_rows(quiet, HABITS)}
    assert "journaling" not in names
    assert {"meditation", "exercise", "therapy"} <= names


# ---------------------------------------------------------------- integration window


def test_window_adherence_by_hand() -> None:
    sessions = [session(0), session(10)]
    days = [
        day(-2, 5, meditation=30),  # baseline: counts nowhere
        day(0, 7, meditation=10),  # index 0, done
        day(1, None, meditation=0),  # index 1, not done, no mood needed
        day(2, 6, meditation=5),  # index 2, done
        day(3, 5, meditation=0),  # index 3: outside, not done
        day(4, 5),  # meditation not logged: counts nowhere
        day(5, 5, meditation=20),  # outside, done
        day(12, 5, meditation=0),  # index 2 of session 2, not done
    ]
    result = insights.window_adherence(days, sessions, HABITS)
    meditation = next(r for r in result if r["habit"] == "meditation")
    assert meditation == {
        "habit": "meditation",
        "in_window": 0.5,
        "n_in_window": 4,
        "outside": 0.5,
        "n_outside": 2,
    }
    assert list(meditation) == ["habit", "in_window", "n_in_window", "outside", "n_outside"]


def test_window_adherence_shares_with_no_days_are_null() -> None:
    days = [day(0, 5, exercise=20), day(1, 5, exercise=0), day(2, 5, exercise=0)]
    result = insights.window_adherence(days, [session(0)], HABITS)
    exercise = next(r for r in result if r["habit"] == "exercise")
    assert exercise == {
        "habit": "exercise",
        "in_window": 0.33,
        "n_in_window": 3,
        "outside": None,
        "n_outside": 0,
    }
    social = next(r for r in result if r["habit"] == "social")
    assert social["in_window"] is None and social["outside"] is None
    assert all(r["habit"] != "journaling" for r in result)  # archived, never logged


def test_window_days_sets_the_window() -> None:
    days = [day(n, 5, exercise=30 if n == 0 else 0) for n in range(6)]
    one = insights.window_adherence(days, [session(0)], HABITS, window_days=1)
    five = insights.window_adherence(days, [session(0)], HABITS, window_days=5)
    assert next(r for r in one if r["habit"] == "exercise")["n_in_window"] == 1
    assert next(r for r in five if r["habit"] == "exercise")["n_outside"] == 1


def test_window_adherence_includes_archived_habits_where_logged() -> None:
    days = [day(1, None, journaling=15)]
    result = insights.window_adherence(days, [session(0)], HABITS)
    assert result[-1] == {
        "habit": "journaling",
        "in_window": 1.0,
        "n_in_window": 1,
        "outside": None,
        "n_outside": 0,
    }


@pytest.mark.parametrize("bad", [0, -1, "0", "three", "", "2.5", 61, True])
def test_bad_window_days_are_refused(bad: Any) -> None:
    with pytest.raises(InvalidInput, match="--window-days"):
        insights.check_window_days(bad)
    with pytest.raises(InvalidInput):
        compute([], [], HABITS, window_days=bad)


# ---------------------------------------------------------------- the JSON object


def test_insights_json_shape_and_key_order() -> None:
    days = _exercise_journal()
    sessions = [session(0, "a", 3, 6), session(12, "b", None, 7)]
    result = compute(days, sessions, HABITS, window_days=2)
    assert list(result) == [
        "since",
        "until",
        "window_days",
        "mood",
        "response_curve",
        "window_adherence",
        "associations",
        "sessions",
    ]
    assert result["since"] == d(0).isoformat() and result["until"] == d(24).isoformat()
    assert result["window_days"] == 2
    assert list(result["mood"]) == ["days_logged", "mean", "baseline_mean"]
    assert list(result["response_curve"][0]) == ["day", "mean_mood", "n"]
    assert list(result["associations"][0]) == [
        "name",
        "type",
        "lag_days",
        "mean_with",
        "mean_without",
        "difference",
        "n_with",
        "n_without",
    ]
    assert [list(row) for row in result["sessions"]] == [
        [
            "id",
            "date",
            "number",
            "mood_before",
            "mood_after",
            "mood_on_day",
            "moods_after",
            "baseline_mood",
            "days_above_baseline",
        ]
    ] * 2
    assert [
        (row["id"], row["date"], row["number"], row["mood_before"], row["mood_after"])
        for row in result["sessions"]
    ] == [("a", d(0).isoformat(), 1, 3, 6), ("b", d(12).isoformat(), 2, None, 7)]
    json.dumps(result)  # plain JSON types only


def test_range_is_the_flags_else_the_first_and_last_dates_with_data() -> None:
    days = [day(2, 5), day(8, 6)]
    result = compute(days, [session(10)], HABITS)
    assert (result["since"], result["until"]) == (d(2).isoformat(), d(10).isoformat())
    result = compute(days, [], HABITS, since=d(5), until=d(20))
    assert (result["since"], result["until"]) == (d(5).isoformat(), d(20).isoformat())
    assert result["mood"]["days_logged"] == 1
    result = compute(days, [], HABITS, since=d(5))
    assert (result["since"], result["until"]) == (d(5).isoformat(), d(8).isoformat())


def test_an_empty_journal_gives_empty_results() -> None:
    result = compute([], [], HABITS)
    assert result["since"] is None and result["until"] is None
    assert result["mood"] == {"days_logged": 0, "mean": None, "baseline_mean": None}
    assert result["response_curve"] == [] and result["associations"] == []
    assert result["sessions"] == []
    assert "Nothing is logged yet" in insights.insights_text(insights.analyse([], [], HABITS))


def test_a_lag_one_pair_needs_both_days_in_range() -> None:
    days = []
    for n in range(12):
        habits = {"exercise": 30 if n % 2 else 0} if n < 11 else {}
        days.append(day(n, 5 + n % 2, **habits))
    whole = compute(days, [], HABITS, since=d(0), until=d(11))
    cut = compute(days, [], HABITS, since=d(0), until=d(10))
    lag1 = [r for r in whole["associations"] if r["name"] == "exercise" and r["lag_days"] == 1]
    cut1 = [r for r in cut["associations"] if r["name"] == "exercise" and r["lag_days"] == 1]
    assert lag1[0]["n_with"] + lag1[0]["n_without"] == 11
    assert cut1[0]["n_with"] + cut1[0]["n_without"] == 10


# ---------------------------------------------------------------- rolling mood, summaries


def test_rolling_mood_uses_logged_days_of_the_last_seven_calendar_days() -> None:
    days = [day(0, 2), day(1, 4), day(3), day(6, 6), day(7, 10), day(20, 3)]
    rolling = dict(insights.rolling_mood(days))
    assert rolling[d(0)] == 2
    assert rolling[d(1)] == 3
    assert rolling[d(2)] == 3  # no mood that day; the window still holds days 0 and 1
    assert rolling[d(6)] == 4  # (2 + 4 + 6) / 3
    assert rolling[d(7)] == pytest.approx(20 / 3)  # day 0 has left the window
    assert rolling[d(13)] == 10  # only day 7 within the last seven days
    assert d(14) not in rolling and d(19) not in rolling  # nothing logged within 7 days
    assert rolling[d(20)] == 3
    assert max(rolling) == d(20)


def test_first_two_weeks_against_the_last_two_weeks() -> None:
    days = [day(n, 3) for n in range(14)] + [day(n, 7) for n in range(46, 60)]
    days.append(day(30, 10))  # the middle takes no part
    result = insights.compare_first_last(days, d(0), d(59))
    assert result == {
        "first": {
            "since": d(0).isoformat(),
            "until": d(13).isoformat(),
            "days": 14,
            "mean": 3.0,
            "n": 14,
        },
        "last": {
            "since": d(46).isoformat(),
            "until": d(59).isoformat(),
            "days": 14,
            "mean": 7.0,
            "n": 14,
        },
        "difference": 4.0,
    }
    short = insights.compare_first_last([day(0, 4), day(8, 6)], d(0), d(8))
    assert short is not None
    assert (short["first"]["days"], short["first"]["until"]) == (4, d(3).isoformat())
    assert (short["last"]["since"], short["last"]["mean"]) == (d(5).isoformat(), 6.0)
    assert insights.compare_first_last([], d(0), d(0)) is None


def test_session_followups_cut_at_the_next_session() -> None:
    sessions = [session(0, "one", 3, 6), session(3, "two", 4, 8)]
    days = [day(0, 6), day(1, 7), day(2), day(3, 8), day(4, 7), day(6, 5)]
    first, second = insights.session_followups(days, sessions, days_after=4)
    assert first["number"] == 1 and first["id"] == "one"
    assert first["mood_on_day"] == 6
    assert first["moods_after"] == [7, None]  # days 1 and 2; day 3 is session two's
    assert (first["mean_after"], first["n_after"]) == (7.0, 1)
    assert second["number"] == 2 and second["moods_after"] == [7, None, 5, None]
    assert (second["mean_after"], second["n_after"]) == (6.0, 2)
    only_second = insights.session_followups(days, sessions, since=d(2))
    assert [row["number"] for row in only_second] == [2]


def test_habits_per_week_share_of_logged_days_done() -> None:
    days = [
        day(0, None, exercise=30),
        day(1, None, exercise=0),
        day(2, None),  # week 1: 1 of 2
        day(14, None, exercise=10),  # week 3; week 2 not logged
    ]
    weeks, shares = insights.habits_per_week(days, HABITS)
    assert weeks == [d(0), d(7), d(14)]
    assert shares == {"exercise": [(0.5, 2), (None, 0), (1.0, 1)]}


# ---------------------------------------------------------------- in words


def test_the_text_says_it_plainly_and_carefully() -> None:
    days = _exercise_journal()
    text = insights.insights_text(insights.analyse(days, [session(0, "a", 3, 6)], HABITS))
    text = " ".join(text.split())  # wrapped at 88 columns; the words are what count
    assert (
        "On days you exercised, your mood averaged 7.2 (5 days) against 4.6 (5 days) on "
        "days you didn't." in text
    )
    assert "association, not proof of cause" in text
    assert "not enough data yet for: Meditation, Exercise (the day after), Social" in text
    assert "#1" in text and "mood 3 → 6" in text
    assert "small number of days" in text  # 13 logged days: said kindly
    for word in ("fail", "streak", "should", "missed", "bad"):
        assert word not in text.lower()


def test_thin_data_is_said_once_and_kindly() -> None:
    days = [day(0, 4, "nature", exercise=0), day(1, 6, meditation=10)]
    text = insights.insights_text(insights.analyse(days, [], HABITS))
    flat = " ".join(text.split())
    assert "not enough data yet to compare habits or tags with your mood" in flat
    assert flat.count("not enough data yet") == 1
    assert "proof of cause" not in flat  # no comparison shown, so nothing to caution about
    assert "No sessions are recorded yet, so these days are your baseline" in flat
    assert len(text.splitlines()) < 25


def test_text_wraps_to_the_width_or_not_at_all() -> None:
    days, sessions = irregular_journal(1)
    analysis = insights.analyse(days, sessions, HABITS)
    wrapped = insights.insights_text(analysis)
    assert max(len(line) for line in wrapped.splitlines()) <= 88
    assert insights.insights_text(analysis, width=60).splitlines()[0] == wrapped.splitlines()[0]
    unwrapped = insights.insights_text(analysis, width=None)
    assert " ".join(unwrapped.split()) == " ".join(wrapped.split())
    assert any(len(line) > 88 for line in unwrapped.splitlines())


def test_tag_and_custom_habit_sentences() -> None:
    tag = insights.Association("nature", "tag", 0, 7.0, 5.5, 1.5, 6, 9, "nature", "tag")
    assert insights.association_sentence(tag) == (
        "On days tagged “nature”, your mood averaged 7 (6 days) against 5.5 (9 days) on other days."
    )
    custom = insights.Association("therapy", "habit", 1, 6.5, 6.0, 0.5, 5, 5, "Therapy", "done")
    assert insights.association_sentence(custom).startswith(
        "The day after you marked “Therapy” as done, your mood averaged 6.5 (5 days)"
    )


# ---------------------------------------------------------------- an independent check


def naive_insights(
    days: list[Day],
    sessions: list[Session],
    habits: list[Habit],
    since: date,
    until: date,
    window: int,
) -> dict[str, Any]:
    """The §5 definitions again, as plainly as possible: loops over dates, no shortcuts."""

    def r2(value: Fraction | None) -> float | None:
        if value is None:
            return None
        sign = -1 if value < 0 else 1
        return sign * math.floor(abs(value) * 100 + Fraction(1, 2)) / 100

    def mean(values: list[int]) -> Fraction | None:
        return Fraction(sum(values), len(values)) if values else None

    def index_of(when: date) -> int | None:
        earlier = [s.at.date() for s in sessions if s.at.date() <= when]
        return (when - max(earlier)).days if earlier else None

    kinds = {h.key: h.kind for h in habits}
    first_session = min((s.at.date() for s in sessions), default=None)
    by_date = {x.date: x for x in days if since <= x.date <= until}
    dates = [since + timedelta(days=i) for i in range((until - since).days + 1)]
    logged = [dt for dt in dates if dt in by_date and by_date[dt].mood is not None]
    moods = [by_date[dt].mood for dt in logged]
    baseline = [by_date[dt].mood for dt in logged if first_session is None or dt < first_session]

    curve = []
    for i in range(15):
        values = [by_date[dt].mood for dt in logged if index_of(dt) == i]
        if values:
            curve.append({"day": i, "mean_mood": r2(mean(values)), "n": len(values)})

    adherence = []
    for h in habits:
        inside: list[bool] = []
        outside: list[bool] = []
        for dt in dates:
            if dt not in by_date or h.key not in by_date[dt].habits:
                continue
            i = index_of(dt)
            if i is None:
                continue
            done = bool(habit_done(h.kind, by_date[dt].habits[h.key]))
            (inside if i < window else outside).append(done)
        if h.archived and not inside and not outside:
            continue
        adherence.append(
            {
                "habit": h.key,
                "in_window": r2(Fraction(sum(inside), len(inside))) if inside else None,
                "n_in_window": len(inside),
                "outside": r2(Fraction(sum(outside), len(outside))) if outside else None,
                "n_outside": len(outside),
            }
        )

    def assoc(name: str, kind: str, lag: int, yes: list[int], no: list[int]) -> None:
        if len(yes) >= 5 and len(no) >= 5:
            mean_yes, mean_no = mean(yes), mean(no)
            assert mean_yes is not None and mean_no is not None
            rows.append(
                {
                    "name": name,
                    "type": kind,
                    "lag_days": lag,
                    "mean_with": r2(mean_yes),
                    "mean_without": r2(mean_no),
                    "difference": r2(mean_yes - mean_no),
                    "n_with": len(yes),
                    "n_without": len(no),
                }
            )

    rows: list[dict[str, Any]] = []
    for h in habits:
        for lag in (0, 1):
            yes, no = [], []
            for dt in dates:
                target = dt + timedelta(days=lag)
                if dt not in by_date or h.key not in by_date[dt].habits or target > until:
                    continue
                if target not in by_date or by_date[target].mood is None:
                    continue
                if habit_done(kinds[h.key], by_date[dt].habits[h.key]):
                    yes.append(by_date[target].mood)
                else:
                    no.append(by_date[target].mood)
            assoc(h.key, "habit", lag, yes, no)
    all_tags = sorted({t for dt in logged for t in by_date[dt].tags})
    for tag in all_tags:
        if sum(1 for dt in logged if tag in by_date[dt].tags) < 5:
            continue
        for lag in (0, 1):
            yes, no = [], []
            for dt in dates:
                target = dt + timedelta(days=lag)
                if dt not in by_date or target > until or target not in by_date:
                    continue
                if by_date[target].mood is None:
                    continue
                if lag == 0 or insights.has_checkin(by_date[dt]):
                    (yes if tag in by_date[dt].tags else no).append(by_date[target].mood)
            assoc(tag, "tag", lag, yes, no)

    return {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "window_days": window,
        "mood": {
            "days_logged": len(moods),
            "mean": r2(mean(moods)),
            "baseline_mean": r2(mean(baseline)),
        },
        "response_curve": curve,
        "window_adherence": adherence,
        "associations": rows,
        "sessions": naive_sessions(sessions, by_date, since, until),
    }


def naive_sessions(
    sessions: list[Session], by_date: dict[date, Day], since: date, until: date
) -> list[dict[str, Any]]:
    """The "sessions" rows by their definition (docs/insights.md), the slow way."""

    def mood_of(when: date) -> int | None:
        return by_date[when].mood if when in by_date else None

    ordered = sorted(sessions, key=lambda s: (s.at.date(), s.at.timestamp(), s.id))
    rows = []
    for number, s in enumerate(ordered, start=1):
        when = s.at.date()
        if not since <= when <= until:
            continue
        later = [o.at.date() for o in ordered[number:]]
        moods = []
        for k in range(1, 8):
            current = when + timedelta(days=k)
            if (later and current >= later[0]) or current > until:
                break
            moods.append(mood_of(current))
        before = [m for k in range(1, 15) if (m := mood_of(when - timedelta(days=k))) is not None]
        base = Fraction(sum(before), len(before)) if before else None
        above: int | None = None
        if base is not None and any(m is not None for m in moods):
            above = 0
            for m in moods:
                if m is None:
                    continue
                if m <= base:
                    break
                above += 1
        rows.append(
            {
                "id": s.id,
                "date": when.isoformat(),
                "number": number,
                "mood_before": s.mood_before,
                "mood_after": s.mood_after,
                "mood_on_day": mood_of(when),
                "moods_after": moods,
                "baseline_mood": None
                if base is None
                else math.floor(base * 100 + Fraction(1, 2)) / 100,
                "days_above_baseline": above,
            }
        )
    return rows


def irregular_journal(seed: int) -> tuple[list[Day], list[Session]]:
    """About 200 days like a real journal: gaps, days without a mood, habits logged some
    days, zero minutes, yes/no values, an archived habit, tags, sessions that cluster."""
    rng = random.Random(seed)
    tags = ["therapy", "nature", "family", "work", "music", "rare"]
    days = []
    for n in range(200):
        if rng.random() < 0.15:
            continue  # a gap
        mood = rng.randint(1, 10) if rng.random() < 0.85 else None
        habits: dict[str, float | bool] = {}
        for key in ("meditation", "exercise"):
            if rng.random() < 0.7:
                habits[key] = rng.choice([0, 0, 5, 10, 20, 45])
        if rng.random() < 0.6:
            habits["social"] = float(rng.randint(0, 3))
        if rng.random() < 0.5:
            habits["news_avoided"] = rng.random() < 0.5
        if rng.random() < 0.3:
            habits["therapy"] = rng.random() < 0.4
        if n < 60 and rng.random() < 0.5:
            habits["journaling"] = rng.choice([0, 15])
        day_tags = [t for t in tags[:-1] if rng.random() < 0.12]
        if n in (5, 50, 90, 150):
            day_tags.append("rare")
        days.append(
            Day(
                d(n),
                mood=mood,
                habits=habits,
                tags=day_tags,
                note="x" if rng.random() < 0.1 else None,
            )
        )
    sessions = []
    n = 20
    while n < 200:
        sessions.append(session(n, f"s{n}", rng.randint(1, 10), rng.randint(1, 10)))
        if rng.random() < 0.2:
            sessions.append(session(n, f"t{n}", hour=16))  # two on one date
        n += rng.choice([1, 3, 4, 7, 7, 14, 20])
    rng.shuffle(sessions)
    return days, sessions


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("window", [1, 3, 5])
def test_the_analysis_agrees_with_a_naive_recomputation(seed: int, window: int) -> None:
    days, sessions = irregular_journal(seed)
    for since, until in ((d(0), d(199)), (d(35), d(120))):
        expected = naive_insights(days, sessions, HABITS, since, until, window)
        got = compute(days, sessions, HABITS, since, until, window)
        assert got == expected
        assert len(got["associations"]) >= 4  # the check compares real rows
        assert len(got["response_curve"]) >= 10


def test_the_naive_check_covers_the_default_range() -> None:
    days, sessions = irregular_journal(7)
    first = min(x.date for x in days)
    last = max(max(x.date for x in days), max(s.date for s in sessions))
    got = compute(days, sessions, HABITS)
    assert got == naive_insights(days, sessions, HABITS, first, last, 3)


def test_ten_years_of_days_compute() -> None:
    """A ten-year journal goes through every function (its speed is measured by the
    benchmark script, not here)."""
    rng = random.Random(10)
    days = [
        Day(
            d(n),
            mood=rng.randint(1, 10),
            habits={"exercise": rng.choice([0, 30])},
            tags=["nature"] if n % 3 else [],
        )
        for n in range(3652)
    ]
    sessions = [session(n) for n in range(30, 3652, 11)]
    result = compute(days, sessions, HABITS)
    assert result["mood"]["days_logged"] == 3652
    assert len(insights.rolling_mood(days)) == 3652
    assert statistics.mean(x.mood for x in days if x.mood) == pytest.approx(
        result["mood"]["mean"], abs=0.005
    )


def test_a_renamed_built_in_habit_is_named_in_the_patients_words() -> None:
    from recovery_journal.insights import Association, association_sentence

    def row(label: str) -> Association:
        return Association(
            name="meditation",
            type="habit",
            lag_days=0,
            mean_with=7.0,
            mean_without=5.0,
            difference=2.0,
            n_with=6,
            n_without=6,
            label=label,
        )

    assert "On days you meditated" in association_sentence(row("Meditation"))
    renamed = association_sentence(row("Mindfulness"))
    assert "“Mindfulness”" in renamed and "meditated" not in renamed


def test_an_avoided_habit_reads_the_right_way_round() -> None:
    row = {
        "habit": "news_avoided",
        "in_window": 0.58,
        "n_in_window": 12,
        "outside": 0.3,
        "n_outside": 20,
    }
    text = insights.adherence_sentence(row, "Avoided the news", "avoided")
    assert text.startswith("Avoided the news: you avoided the news on 58% of the days logged")
    assert "done on" not in text and "avoided on" not in text
    custom = {**row, "habit": "alcohol_avoided"}
    text = insights.adherence_sentence(custom, "No alcohol", "avoided")
    assert text.startswith("No alcohol: marked yes (avoided) on 58%")


def test_wrapped_lines_hang_under_their_sentence() -> None:
    text = insights.wrap_lines(["Habits", "  " + "word " * 30], 40).splitlines()
    assert text[0] == "Habits"
    assert text[1].startswith("  word") and all(line.startswith("    word") for line in text[2:])
