"""Trends and insights (PRODUCT.md §5): pure functions of loaded data.

Standard library only, no I/O. The CLI (`insights`, `chart`), the TUI's Trends and Insights
screens and the reports all call these functions, so every interface counts alike.

The definitions, in short (docs/insights.md says them in plain words):

- A **logged day** is a day with a mood; days without one take no part in mood statistics.
- The **day index** of a date is the number of days since the most recent session on or
  before it (0 = the session day). Dates before the first session are **baseline**.
- An absent habit value is "not logged", never "no".
- Means and shares are rounded to 2 decimals, half up (6.125 → 6.13), from the exact value.
- An association row needs at least 5 days on each side (`MIN_N`).

Speed: everything is one or two passes over the days with dicts by date and `bisect` for
session lookups, so ten years of days compute in a few milliseconds.
"""

from __future__ import annotations

import textwrap
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from recovery_journal.errors import InvalidInput
from recovery_journal.model import (
    BUILT_IN_HABITS,
    Day,
    Habit,
    Session,
    TreatmentContext,
    fill_range,
    habit_done,
)

DEFAULT_WINDOW_DAYS = 3
MAX_WINDOW_DAYS = 60
RESPONSE_MAX_INDEX = 14
MIN_N = 5
ROLLING_DAYS = 7
COMPARE_DAYS = 14

CAUTION = (
    "Each of these is an association, not proof of cause: sleep, stress, the season or the "
    "treatment itself can move both a habit and your mood."
)

# Plain verbs for the built-in habits: (done, not done), for "On days you …".
_HABIT_PHRASES = {
    "meditation": ("meditated", "didn't"),
    "exercise": ("exercised", "didn't"),
    "social": ("had social contact", "didn't"),
    "news_avoided": ("avoided the news", "didn't"),
    "social_media_avoided": ("avoided social media", "didn't"),
}


_BUILT_IN_LABELS = {habit.key: habit.label for habit in BUILT_IN_HABITS}


# ---------------------------------------------------------------- numbers


def round2(value: Fraction | float | int | None) -> float | None:
    """Round to 2 decimals, half up, from the exact value (None stays None)."""
    if value is None:
        return None
    exact = value if isinstance(value, Fraction) else Fraction(value)
    scaled = Decimal(exact.numerator) / Decimal(exact.denominator)
    return float(scaled.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _mean(total: int | float, n: int) -> Fraction | None:
    if n == 0:
        return None
    return Fraction(total) / n


def format_number(value: float | None) -> str:
    """6.80 → "6.8", 7.00 → "7", None → "–" (for sentences and tables)."""
    if value is None:
        return "–"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_one(value: Fraction | float | None) -> str:
    """One decimal, half up from the exact value (3.25 → "3.3", 7 → "7.0"), None → "–":
    the one style of every mean in the report's tables."""
    if value is None:
        return "–"
    if isinstance(value, Fraction):
        scaled = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        scaled = Decimal(repr(value))  # a float as it is written (6.35 stays 6.35)
    return f"{scaled.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"


def format_share(value: float | None) -> str:
    """0.75 → "75%", None → "–"."""
    if value is None:
        return "–"
    return f"{round2(Fraction(value) * 100):.0f}%"


def _days_word(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


# ---------------------------------------------------------------- days and sessions


def has_checkin(day: Day) -> bool:
    """Whether a day holds anything at all (a row emptied field by field does not)."""
    return bool(
        day.mood is not None
        or day.anxiety is not None
        or day.energy is not None
        or day.sleep_hours is not None
        or day.habits
        or day.tags
        or day.note
    )


def logged_days(days: Iterable[Day]) -> list[Day]:
    """The days that have a mood, in the order given."""
    return [day for day in days if day.mood is not None]


def in_range(days: Iterable[Day], since: date | None, until: date | None) -> list[Day]:
    """The days from `since` to `until` (either may be None = open), oldest first."""
    chosen = [
        day
        for day in days
        if (since is None or day.date >= since) and (until is None or day.date <= until)
    ]
    chosen.sort(key=lambda day: day.date)
    return chosen


def session_dates(
    sessions: Iterable[Session], context: TreatmentContext | None = None
) -> list[date]:
    """The local dates of the sessions, sorted (a date twice when two sessions share it).

    With a `context` (a date-limited file), the date of the last session before the file
    leads the list, so the days before the file's first session count from it.
    """
    dates = sorted(session.date for session in sessions)
    if context is not None and context.last_before is not None:
        dates.insert(0, context.last_before.date())
    return dates


def first_number(context: TreatmentContext | None) -> int:
    """The number of the first session given: 1, or 1 + the sessions before a file's range."""
    return 1 + (context.sessions_before if context is not None else 0)


def _position_offset(context: TreatmentContext | None) -> int:
    """What turns a position in `session_dates(…, context)` (1-based) into a session number."""
    if context is None:
        return 0
    return context.sessions_before - (1 if context.last_before is not None else 0)


def day_index(day: date, dates: Sequence[date]) -> int | None:
    """Days since the most recent session on or before `day` (0 = session day).

    `dates` is sorted (see `session_dates`). None means baseline: before the first session,
    or no sessions at all.
    """
    position = bisect_right(dates, day)
    if position == 0:
        return None
    return (day - dates[position - 1]).days


def treatment_day(
    day: date, sessions: Sequence[Session], context: TreatmentContext | None = None
) -> tuple[int, int] | None:
    """(day index, session number) for a date, or None at baseline.

    Sessions are numbered 1, 2, … oldest first over the whole journal; with two sessions on
    one date, that date belongs to the later one. For the Today screen's "Day 1 after
    session 4". A date-limited file's `context` offsets the numbers by the sessions before
    its range, and its days before its first session count from the last one before it.
    """
    dates = session_dates(sessions, context)
    position = bisect_right(dates, day)
    if position == 0:
        return None
    return (day - dates[position - 1]).days, position + _position_offset(context)


def index_words(day: date, dates: Sequence[date]) -> str:
    """The daily tables' "Day" cell: the day index, or "base" before the first session."""
    index = day_index(day, dates)
    return "base" if index is None else str(index)


def is_baseline(day: date, dates: Sequence[date]) -> bool:
    """Whether a date is before the first session (or there are no sessions)."""
    return not dates or day < dates[0]


def default_range(
    days: Sequence[Day],
    sessions: Sequence[Session],
    since: date | None = None,
    until: date | None = None,
    extra_dates: Iterable[date] = (),
) -> tuple[date | None, date | None]:
    """The range of the data given: the dates given, else the first/last date of these days
    and sessions (`model.fill_range`; `service.ranges.resolve` does the same for a journal).
    """
    if since is not None and until is not None:
        return since, until
    held = [day.date for day in days]
    held.extend(session.date for session in sessions)
    held.extend(extra_dates)
    return fill_range(since, until, (min(held), max(held)) if held else None)


def check_window_days(value: int | str) -> int:
    """The integration window in days: a whole number from 1 to 60."""
    if isinstance(value, bool):
        raise InvalidInput("--window-days must be a whole number from 1 to 60")
    if isinstance(value, int):
        number = value
    else:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise InvalidInput(
                f"--window-days must be a whole number from 1 to {MAX_WINDOW_DAYS}, not {value!r}"
            ) from None
    if not 1 <= number <= MAX_WINDOW_DAYS:
        raise InvalidInput(
            f"--window-days must be a whole number from 1 to {MAX_WINDOW_DAYS}, not {number} "
            "(3 means the session day and the two days after it)"
        )
    return number


# ---------------------------------------------------------------- habits


def _kinds(habits: Sequence[Habit], days: Sequence[Day]) -> dict[str, str]:
    """Habit key → kind, in the journal's order; keys only found in days are added last."""
    kinds = {habit.key: habit.kind for habit in habits}
    unknown: dict[str, str] = {}
    for day in days:
        for key, value in day.habits.items():
            if key not in kinds and key not in unknown:
                unknown[key] = "done" if isinstance(value, bool) else "minutes"
    kinds.update(sorted(unknown.items()))
    return kinds


def habit_label(key: str, habits: Sequence[Habit]) -> str:
    """A habit's label, or its key when the journal does not know it."""
    for habit in habits:
        if habit.key == key:
            return habit.label
    return key


# ---------------------------------------------------------------- mood


def mood_summary(
    days: Sequence[Day], sessions: Sequence[Session], context: TreatmentContext | None = None
) -> dict[str, Any]:
    """`{"days_logged", "mean", "baseline_mean"}` over the days given.

    Baseline days are those before the first session of the whole journal; with no sessions,
    every day is baseline.
    """
    dates = session_dates(sessions, context)
    total = n = base_total = base_n = 0
    for day in days:
        if day.mood is None:
            continue
        total += day.mood
        n += 1
        if is_baseline(day.date, dates):
            base_total += day.mood
            base_n += 1
    return {
        "days_logged": n,
        "mean": round2(_mean(total, n)),
        "baseline_mean": round2(_mean(base_total, base_n)),
    }


def rolling_mood(days: Sequence[Day], window: int = ROLLING_DAYS) -> list[tuple[date, float]]:
    """The 7-day trailing mean of mood, for each calendar date from the first to the last
    logged day that has at least one logged day within its last 7 calendar days (the date
    itself and the 6 before it). Unrounded, for charts."""
    logged = sorted((day.date, day.mood) for day in days if day.mood is not None)
    if not logged:
        return []
    points: list[tuple[date, float]] = []
    start = 0
    end = 0
    total = 0
    current = logged[0][0]
    last = logged[-1][0]
    while current <= last:
        while end < len(logged) and logged[end][0] <= current:
            total += logged[end][1]
            end += 1
        oldest = current - timedelta(days=window - 1)
        while start < end and logged[start][0] < oldest:
            total -= logged[start][1]
            start += 1
        if end > start:
            points.append((current, total / (end - start)))
        current += timedelta(days=1)
    return points


def compare_first_last(
    days: Sequence[Day], since: date, until: date, period_days: int = COMPARE_DAYS
) -> dict[str, Any] | None:
    """Mean mood of the first two weeks of a range against the last two weeks (the report's
    summary). A range shorter than two periods is split in halves (the middle day left out
    when the length is odd). None for a range of one day.

    → `{"first": {"since", "until", "days", "mean", "n"}, "last": {...}, "difference"}` with
    `days` the calendar length of each period, `n` its logged days, and `difference` last −
    first (None unless both have a mean).
    """
    span = (until - since).days + 1
    if span < 2:
        return None
    length = min(period_days, span // 2)
    first = (since, since + timedelta(days=length - 1))
    last = (until - timedelta(days=length - 1), until)
    sums = {"first": [0, 0], "last": [0, 0]}
    for day in days:
        if day.mood is None:
            continue
        for name, (start, end) in (("first", first), ("last", last)):
            if start <= day.date <= end:
                sums[name][0] += day.mood
                sums[name][1] += 1
    means = {name: _mean(total, n) for name, (total, n) in sums.items()}
    difference = None
    if means["first"] is not None and means["last"] is not None:
        difference = round2(means["last"] - means["first"])
    return {
        "first": {
            "since": first[0].isoformat(),
            "until": first[1].isoformat(),
            "days": length,
            "mean": round2(means["first"]),
            "n": sums["first"][1],
        },
        "last": {
            "since": last[0].isoformat(),
            "until": last[1].isoformat(),
            "days": length,
            "mean": round2(means["last"]),
            "n": sums["last"][1],
        },
        "difference": difference,
    }


# ---------------------------------------------------------------- response curve


def response_curve(
    days: Sequence[Day],
    sessions: Sequence[Session],
    max_index: int = RESPONSE_MAX_INDEX,
    context: TreatmentContext | None = None,
) -> list[dict[str, Any]]:
    """Mean mood of logged days by day index 0…14: `[{"day", "mean_mood", "n"}]`, only the
    indexes with at least one logged day. Every session of the journal sets indexes, also
    those before the days given."""
    dates = session_dates(sessions, context)
    sums = [0] * (max_index + 1)
    counts = [0] * (max_index + 1)
    for day in days:
        if day.mood is None:
            continue
        index = day_index(day.date, dates)
        if index is not None and index <= max_index:
            sums[index] += day.mood
            counts[index] += 1
    return [
        {"day": index, "mean_mood": round2(_mean(sums[index], counts[index])), "n": counts[index]}
        for index in range(max_index + 1)
        if counts[index]
    ]


# ---------------------------------------------------------------- integration window


def window_adherence(
    days: Sequence[Day],
    sessions: Sequence[Session],
    habits: Sequence[Habit],
    window_days: int = DEFAULT_WINDOW_DAYS,
    context: TreatmentContext | None = None,
) -> list[dict[str, Any]]:
    """Per habit, the share of days done among the days it was logged, inside the
    integration window (indexes 0 … window_days−1) and outside it (index ≥ window_days).

    `[{"habit", "in_window", "n_in_window", "outside", "n_outside"}]`. Baseline days count in
    neither; days need no mood; a share with no days is None. Active habits are always
    listed; archived ones (and keys the journal does not know) only where logged in or out
    of the window.
    """
    window_days = check_window_days(window_days)
    dates = session_dates(sessions, context)
    kinds = _kinds(habits, days)
    counts = {key: [0, 0, 0, 0] for key in kinds}  # done in, n in, done out, n out
    for day in days:
        if not day.habits:
            continue
        index = day_index(day.date, dates)
        if index is None:
            continue
        slot = 0 if index < window_days else 2
        for key, value in day.habits.items():
            done = habit_done(kinds[key], value)
            if done is None:
                continue
            row = counts[key]
            row[slot + 1] += 1
            if done:
                row[slot] += 1
    archived = {habit.key for habit in habits if habit.archived}
    known = {habit.key for habit in habits}
    result = []
    for key, (done_in, n_in, done_out, n_out) in counts.items():
        if (key in archived or key not in known) and n_in + n_out == 0:
            continue
        result.append(
            {
                "habit": key,
                "in_window": round2(_mean(done_in, n_in)),
                "n_in_window": n_in,
                "outside": round2(_mean(done_out, n_out)),
                "n_outside": n_out,
            }
        )
    return result


# ---------------------------------------------------------------- associations


@dataclass(frozen=True)
class Association:
    """One habit or tag against mood, on the same day (lag 0) or the next day (lag 1).

    `enough` is False where either side has fewer than 5 days; such a row is left out of the
    JSON and described as "not enough data yet".
    """

    name: str
    type: str  # "habit" or "tag"
    lag_days: int
    mean_with: float | None
    mean_without: float | None
    difference: float | None
    n_with: int
    n_without: int
    label: str = ""
    kind: str = ""

    @property
    def enough(self) -> bool:
        """Whether both sides have at least MIN_N days (else: not enough data yet)."""
        return self.n_with >= MIN_N and self.n_without >= MIN_N

    def to_json(self) -> dict[str, Any]:
        """The row of `insights --format json`, keys in the spec's order."""
        return {
            "name": self.name,
            "type": self.type,
            "lag_days": self.lag_days,
            "mean_with": self.mean_with,
            "mean_without": self.mean_without,
            "difference": self.difference,
            "n_with": self.n_with,
            "n_without": self.n_without,
        }


def _association(
    name: str, kind_of_row: str, lag: int, sums: Sequence[int], label: str, kind: str
) -> Association:
    total_with, n_with, total_without, n_without = sums
    mean_with = _mean(total_with, n_with)
    mean_without = _mean(total_without, n_without)
    difference = None
    if mean_with is not None and mean_without is not None:
        difference = round2(mean_with - mean_without)
    return Association(
        name=name,
        type=kind_of_row,
        lag_days=lag,
        mean_with=round2(mean_with),
        mean_without=round2(mean_without),
        difference=difference,
        n_with=n_with,
        n_without=n_without,
        label=label,
        kind=kind,
    )


def eligible_tags(days: Sequence[Day], min_days: int = MIN_N) -> list[str]:
    """Tags present on at least 5 logged days, sorted."""
    counts: dict[str, int] = {}
    for day in days:
        if day.mood is None:
            continue
        for tag in set(day.tags):
            counts[tag] = counts.get(tag, 0) + 1
    return sorted(tag for tag, n in counts.items() if n >= min_days)


def association_rows(days: Sequence[Day], habits: Sequence[Habit]) -> list[Association]:
    """Every association row, thin ones included (see `Association.enough`).

    Habits (active, archived and unknown keys, in the journal's order), each at lag 0 then
    lag 1; then each tag present on ≥ 5 logged days, alphabetically, lag 0 then lag 1.

    - habit, lag 0: logged days on which the habit was logged; done vs not done.
    - habit, lag 1: days d on which the habit was logged, with a mood on d+1 (d itself need
      not have a mood); mood of d+1 after done vs after not done.
    - tag, lag 0: logged days with the tag vs logged days without it.
    - tag, lag 1: days d with a check-in (anything logged), with a mood on d+1; tag on d vs
      not on d.

    Active habits are always listed (so the text can say "not enough data yet"); archived
    habits and keys the journal does not know only where logged in these days.
    """
    days = sorted(days, key=lambda day: day.date)
    kinds = _kinds(habits, days)
    labels = {habit.key: habit.label for habit in habits}
    active = {habit.key for habit in habits if not habit.archived}
    mood_by_date = {day.date: day.mood for day in days if day.mood is not None}
    one = timedelta(days=1)

    same = {key: [0, 0, 0, 0] for key in kinds}
    after = {key: [0, 0, 0, 0] for key in kinds}
    tags = eligible_tags(days)
    tag_set = set(tags)
    tag_same = {tag: [0, 0] for tag in tags}  # mood total and n with the tag
    tag_after = {tag: [0, 0] for tag in tags}
    logged_total = logged_n = 0
    pairs_total = pairs_n = 0
    logged_at_all: set[str] = set()

    for day in days:
        mood = day.mood
        next_mood = mood_by_date.get(day.date + one)
        if mood is not None:
            logged_total += mood
            logged_n += 1
        if next_mood is not None and tag_set and has_checkin(day):
            pairs_total += next_mood
            pairs_n += 1
        for key, value in day.habits.items():
            done = habit_done(kinds[key], value)
            if done is None:
                continue
            logged_at_all.add(key)
            offset = 0 if done else 2
            if mood is not None:
                row = same[key]
                row[offset] += mood
                row[offset + 1] += 1
            if next_mood is not None:
                row = after[key]
                row[offset] += next_mood
                row[offset + 1] += 1
        if tag_set and day.tags:
            for tag in set(day.tags) & tag_set:
                if mood is not None:
                    tag_same[tag][0] += mood
                    tag_same[tag][1] += 1
                if next_mood is not None:  # a tag means the day has a check-in
                    tag_after[tag][0] += next_mood
                    tag_after[tag][1] += 1

    rows: list[Association] = []
    for key, kind in kinds.items():
        if key not in active and key not in logged_at_all:
            continue
        label = labels.get(key, key)
        rows.append(_association(key, "habit", 0, same[key], label, kind))
        rows.append(_association(key, "habit", 1, after[key], label, kind))
    for tag in tags:
        with_total, with_n = tag_same[tag]
        rows.append(
            _association(
                tag,
                "tag",
                0,
                (with_total, with_n, logged_total - with_total, logged_n - with_n),
                tag,
                "tag",
            )
        )
        with_total, with_n = tag_after[tag]
        rows.append(
            _association(
                tag,
                "tag",
                1,
                (with_total, with_n, pairs_total - with_total, pairs_n - with_n),
                tag,
                "tag",
            )
        )
    return rows


def associations(days: Sequence[Day], habits: Sequence[Habit]) -> list[dict[str, Any]]:
    """The association rows of `insights --format json`: only those with both n ≥ 5."""
    return [row.to_json() for row in association_rows(days, habits) if row.enough]


# ---------------------------------------------------------------- sessions


def session_rows(
    days: Sequence[Day],
    sessions: Sequence[Session],
    since: date | None,
    until: date | None,
    context: TreatmentContext | None = None,
) -> list[dict[str, Any]]:
    """`insights --format json`'s "sessions": per session in range, oldest first, `{"id",
    "date", "number", "mood_before", "mood_after", "mood_on_day", "moods_after",
    "baseline_mood", "days_above_baseline"}` (see `session_followups`)."""
    keys = (
        "id",
        "date",
        "number",
        "mood_before",
        "mood_after",
        "mood_on_day",
        "moods_after",
        "baseline_mood",
        "days_above_baseline",
    )
    return [
        {key: row[key] for key in keys}
        for row in session_followups(days, sessions, since, until, context=context)
    ]


def _sorted_sessions(sessions: Sequence[Session]) -> list[Session]:
    return sorted(sessions, key=lambda session: (session.date, session.at.timestamp(), session.id))


def numbered_sessions(
    sessions: Sequence[Session], context: TreatmentContext | None = None
) -> list[tuple[int, Session]]:
    """(number, session) oldest first; #1 is the journal's first session (a date-limited
    file's numbers start after its `context.sessions_before`)."""
    return list(enumerate(_sorted_sessions(sessions), start=first_number(context)))


def days_above(moods: Sequence[int | None], baseline: Fraction | float | None) -> int | None:
    """How many days the mood stayed above `baseline`: the logged days counted from day 1
    until the first logged day at or below it (days without a mood neither count nor end
    the run). None without a baseline or without a logged day."""
    if baseline is None or all(mood is None for mood in moods):
        return None
    count = 0
    for mood in moods:
        if mood is None:
            continue
        if mood <= baseline:
            break
        count += 1
    return count


def session_followups(
    days: Sequence[Day],
    sessions: Sequence[Session],
    since: date | None = None,
    until: date | None = None,
    days_after: int = 7,
    context: TreatmentContext | None = None,
    baseline_days: int = COMPARE_DAYS,
) -> list[dict[str, Any]]:
    """Per session in range ("After each session"): its number, date, moods, the mood of its
    day and of the days after it, and how long the mood stayed above its baseline.

    `[{"number", "id", "date", "kind", "mood_before", "mood_after", "mood_on_day",
    "moods_after", "mean_after", "n_after", "baseline_mood", "baseline_n",
    "days_above_baseline"}]`: `number` counts over the whole journal (#1 = the first
    session); `moods_after` holds the mood of days 1 … `days_after` after the session
    (None = not logged), cut short where the next session begins or the range ends;
    `mean_after` is their mean (rounded) and `n_after` how many were logged. The
    **pre-session baseline** is the mean mood of the logged days among the 14 calendar days
    before the session day, within the range (None without one); `days_above_baseline` is
    `days_above(moods_after, baseline)`.
    """
    ordered = numbered_sessions(sessions, context)
    mood_by_date = {
        day.date: day.mood
        for day in days
        if day.mood is not None
        and (since is None or day.date >= since)
        and (until is None or day.date <= until)
    }
    result = []
    for position, (number, session) in enumerate(ordered):
        when = session.date
        if (since is not None and when < since) or (until is not None and when > until):
            continue
        following = ordered[position + 1][1].date if position + 1 < len(ordered) else None
        moods: list[int | None] = []
        for offset in range(1, days_after + 1):
            current = when + timedelta(days=offset)
            if following is not None and current >= following:
                break
            if until is not None and current > until:
                break
            moods.append(mood_by_date.get(current))
        known = [mood for mood in moods if mood is not None]
        before = [
            mood
            for offset in range(1, baseline_days + 1)
            if (mood := mood_by_date.get(when - timedelta(days=offset))) is not None
        ]
        baseline = _mean(sum(before), len(before))
        result.append(
            {
                "number": number,
                "id": session.id,
                "date": when.isoformat(),
                "kind": session.kind,
                "mood_before": session.mood_before,
                "mood_after": session.mood_after,
                "mood_on_day": mood_by_date.get(when),
                "moods_after": moods,
                "mean_after": round2(_mean(sum(known), len(known))),
                "n_after": len(known),
                "baseline_mood": round2(baseline),
                "baseline_n": len(before),
                "days_above_baseline": days_above(moods, baseline),
            }
        )
    return result


# ---------------------------------------------------------------- habits per week


def habits_per_week(
    days: Sequence[Day], habits: Sequence[Habit]
) -> tuple[list[date], dict[str, list[tuple[float | None, int]]]]:
    """Per ISO week (Monday first) and per habit: the share of the days it was logged on
    which it was done, and that number of days.

    → (week start dates, {habit key: [(share or None, n logged), …] one per week}). Weeks run
    from the first to the last day given; habits never logged in these days are left out.
    Shares are unrounded, for charts.
    """
    if not days:
        return [], {}
    ordered = sorted(days, key=lambda day: day.date)
    kinds = _kinds(habits, ordered)
    first = ordered[0].date - timedelta(days=ordered[0].date.weekday())
    last = ordered[-1].date - timedelta(days=ordered[-1].date.weekday())
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    counts: dict[str, list[list[int]]] = {}
    for day in ordered:
        week = (day.date - first).days // 7
        for key, value in day.habits.items():
            done = habit_done(kinds[key], value)
            if done is None:
                continue
            if key not in counts:
                counts[key] = [[0, 0] for _ in weeks]
            cell = counts[key][week]
            cell[1] += 1
            if done:
                cell[0] += 1
    shares: dict[str, list[tuple[float | None, int]]] = {}
    for key in kinds:
        if key in counts:
            shares[key] = [(done / n if n else None, n) for done, n in counts[key]]
    return weeks, shares


# ---------------------------------------------------------------- everything at once


@dataclass
class Analysis:
    """Everything `insights` shows, for one range. `to_json()` is the §5 JSON object."""

    since: date | None
    until: date | None
    window_days: int
    mood: dict[str, Any]
    response_curve: list[dict[str, Any]]
    window_adherence: list[dict[str, Any]]
    association_rows: list[Association]
    sessions: list[dict[str, Any]]
    habits: list[Habit] = field(default_factory=list)
    session_numbers: list[int] = field(default_factory=list)  # #1 = the journal's first
    has_sessions: bool = True  # any session in the whole journal
    integration: dict[str, Any] | None = None  # `integration.integration`, when computed

    @property
    def associations(self) -> list[Association]:
        """The rows with enough data (both n ≥ 5)."""
        return [row for row in self.association_rows if row.enough]

    def to_json(self) -> dict[str, Any]:
        """The §5 JSON object of `insights --format json` (only the rows with
        enough data; `integration` when it was computed)."""
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "window_days": self.window_days,
            "mood": dict(self.mood),
            "response_curve": [dict(row) for row in self.response_curve],
            "window_adherence": [dict(row) for row in self.window_adherence],
            "associations": [row.to_json() for row in self.associations],
            "sessions": [dict(row) for row in self.sessions],
            **({"integration": self.integration} if self.integration is not None else {}),
        }


def analyse(
    days: Sequence[Day],
    sessions: Sequence[Session],
    habits: Sequence[Habit],
    since: date | None = None,
    until: date | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    context: TreatmentContext | None = None,
) -> Analysis:
    """The whole §5 analysis of one range.

    `days` may hold more than the range; only those from `since` to `until` count (a lag-1
    pair needs both days in range). `sessions` should be every session of the journal: those
    before the range still set the day index of the days in it. With no `since`/`until`, the
    range is the first to the last date of the days and sessions given. `context` is a
    date-limited file's `TreatmentContext` (the journal's `treatment_context`).
    """
    window_days = check_window_days(window_days)
    since, until = default_range(days, sessions, since, until)
    chosen = in_range(days, since, until)
    return Analysis(
        since=since,
        until=until,
        window_days=window_days,
        mood=mood_summary(chosen, sessions, context),
        response_curve=response_curve(chosen, sessions, context=context),
        window_adherence=window_adherence(chosen, sessions, habits, window_days, context),
        association_rows=association_rows(chosen, habits),
        sessions=session_rows(chosen, sessions, since, until, context),
        habits=list(habits),
        has_sessions=bool(sessions) or first_number(context) > 1,
        session_numbers=[
            number
            for number, session in numbered_sessions(sessions, context)
            if since is not None and until is not None and since <= session.date <= until
        ],
    )


# ---------------------------------------------------------------- in words


def association_sentence(row: Association) -> str:
    """One row in plain words, e.g. "On days you exercised, your mood averaged 6.8 (12 days)
    against 5.1 (9 days) on days you didn't." Thin rows say "not enough data yet"."""
    if not row.enough:
        when = "same day" if row.lag_days == 0 else "the day after"
        subject = f"tag “{row.name}”" if row.type == "tag" else (row.label or row.name)
        return (
            f"{subject[:1].upper()}{subject[1:]} ({when}): not enough data yet "
            f"({row.n_with} with, {row.n_without} without; {MIN_N} of each are needed)."
        )
    with_part = f"{format_number(row.mean_with)} ({_days_word(row.n_with)})"
    without_part = f"{format_number(row.mean_without)} ({_days_word(row.n_without)})"
    if row.type == "tag":
        if row.lag_days == 0:
            return (
                f"On days tagged “{row.name}”, your mood averaged {with_part} "
                f"against {without_part} on other days."
            )
        return (
            f"The day after a day tagged “{row.name}”, your mood averaged {with_part} "
            f"against {without_part} after other days."
        )
    done, not_done = _HABIT_PHRASES.get(row.name, ("", ""))
    if row.label and row.label != _BUILT_IN_LABELS.get(row.name, row.label):
        done = ""  # renamed by the patient: their own words, not our verb
    if done:
        if row.lag_days == 0:
            return (
                f"On days you {done}, your mood averaged {with_part} "
                f"against {without_part} on days you {not_done}."
            )
        return (
            f"The day after you {done}, your mood averaged {with_part} "
            f"against {without_part} the day after you {not_done}."
        )
    label = row.label or row.name
    if row.lag_days == 0:
        return (
            f"On days you marked “{label}” as done, your mood averaged {with_part} "
            f"against {without_part} on days you marked it not done."
        )
    return (
        f"The day after you marked “{label}” as done, your mood averaged {with_part} "
        f"against {without_part} the day after you marked it not done."
    )


def adherence_sentence(row: dict[str, Any], label: str, kind: str | None = None) -> str:
    """A window-adherence row in plain words, e.g. "Meditation: you meditated on 75% of the
    days logged in the integration window (8 days), and on 40% of the other logged days
    after a session (20 days)."; an avoided habit says what was avoided, never "avoided on"
    or "done on" beside a label that already says "Avoided"."""
    inside, outside = row["in_window"], row["outside"]
    n_in, n_out = row["n_in_window"], row["n_outside"]
    if inside is None and outside is None:
        return f"{label}: not logged after a session in this range yet."
    key = row["habit"]
    phrase = _HABIT_PHRASES.get(key, ("", ""))[0]
    if label != _BUILT_IN_LABELS.get(key, label):
        phrase = ""  # renamed by the patient: their own words, not our verb
    if phrase:
        verb = f"you {phrase} on"
    elif kind == "avoided":
        verb = "marked yes (avoided) on"
    else:
        verb = "done on"
    if inside is None:
        first = "not logged in the integration window yet"
    else:
        first = (
            f"{verb} {format_share(inside)} of the days logged in the integration window "
            f"({_days_word(n_in)})"
        )
    if outside is None:
        second = "not logged on the other days after a session yet"
    else:
        second = (
            f"on {format_share(outside)} of the other logged days after a session "
            f"({_days_word(n_out)})"
        )
        if inside is None:
            second = f"{verb} {second[3:]}"
    return f"{label}: {first}, and {second}."


def thin_summary(rows: Sequence[Association]) -> str:
    """The rows without enough data, named once each: "Meditation, Exercise (the day
    after), tag “rare”" (a name alone means both same day and the day after)."""
    lags: dict[tuple[str, str], list[int]] = {}
    names: dict[tuple[str, str], str] = {}
    for row in rows:
        key = (row.type, row.name)
        lags.setdefault(key, []).append(row.lag_days)
        names[key] = f"tag “{row.name}”" if row.type == "tag" else (row.label or row.name)
    parts = []
    for key, found in lags.items():
        if len(found) == 1:
            parts.append(f"{names[key]} ({'same day' if found[0] == 0 else 'the day after'})")
        else:
            parts.append(names[key])
    return ", ".join(parts)


def insights_text(analysis: Analysis, width: int | None = 88) -> str:
    """The `insights` text form: plain, careful words for the patient, wrapped to `width`
    columns (None: one line per sentence, for an interface that wraps by itself)."""
    text = insights_lines(analysis)
    if width is None:
        return "\n".join(text)
    return wrap_lines(text, width)


def wrap_lines(lines: Iterable[str], width: int) -> str:
    """Lines wrapped to `width` columns, each wrapped line indented two more spaces than
    the line it continues (so a sentence reads as one item)."""
    wrapped: list[str] = []
    for line in lines:
        indent = line[: len(line) - len(line.lstrip(" "))]
        wrapped.extend(
            textwrap.wrap(line, width=max(width, 20), subsequent_indent=indent + "  ") or [""]
        )
    return "\n".join(wrapped)


def insights_lines(analysis: Analysis) -> list[str]:
    """The `insights` text form, one unwrapped line each (`insights_text` wraps
    them; the app's Insights screen shows them as they are)."""
    lines: list[str] = []
    if analysis.since is None or analysis.until is None:
        return [
            "Nothing is logged yet, so there is nothing to look at here. After a few days of "
            "check-ins, this is where patterns will start to show."
        ]
    lines.append(f"Insights from {analysis.since} to {analysis.until}")
    window = analysis.window_days
    if window == 1:
        window_words = "the session day only"
    elif window == 2:
        window_words = "the session day and the day after it"
    else:
        window_words = f"the session day and the {window - 1} days after it"
    lines.append(f"Integration window: {window_words}.")
    lines.append("")

    mood = analysis.mood
    lines.append("Mood")
    if mood["days_logged"] == 0:
        lines.append(
            "  No moods logged in this range yet. Once you log a few days, your "
            "averages will appear here."
        )
    else:
        lines.append(
            f"  You logged your mood on {_days_word(mood['days_logged'])}; it averaged "
            f"{format_number(mood['mean'])}."
        )
        if not analysis.has_sessions:
            lines.append(
                "  No sessions are recorded yet, so these days are your baseline: a picture "
                "of before, to compare with later."
            )
        elif mood["baseline_mean"] is not None:
            lines.append(
                f"  Before your first session (your baseline) it averaged "
                f"{format_number(mood['baseline_mean'])}."
            )
        if mood["days_logged"] < 14:
            lines.append(
                "  That is still a small number of days; patterns become clearer with a few "
                "more weeks of check-ins."
            )
    lines.append("")

    lines.append("Mood by day after a session")
    if not analysis.response_curve:
        if not analysis.sessions:
            lines.append(
                "  No sessions recorded in this range yet, so there is nothing to line up here."
            )
        else:
            lines.append("  No moods logged in the two weeks after a session yet.")
    else:
        for point in analysis.response_curve:
            name = "session day" if point["day"] == 0 else f"day {point['day']}"
            lines.append(
                f"  {name:<12} {format_number(point['mean_mood']):>5}  ({_days_word(point['n'])})"
            )
        if sum(point["n"] for point in analysis.response_curve) < 10:
            lines.append("  Only a few days so far; each average here rests on very little.")
    lines.append("")

    lines.append("Habits in the integration window")
    labels = {habit.key: habit.label for habit in analysis.habits}
    kinds = {habit.key: habit.kind for habit in analysis.habits}
    if not analysis.window_adherence or all(
        row["n_in_window"] + row["n_outside"] == 0 for row in analysis.window_adherence
    ):
        lines.append("  No habits logged after a session in this range yet.")
    else:
        for row in analysis.window_adherence:
            label = labels.get(row["habit"], row["habit"])
            lines.append(f"  {adherence_sentence(row, label, kinds.get(row['habit']))}")
    lines.append("")

    lines.append("Habits, tags and mood")
    enough = analysis.associations
    thin = [association for association in analysis.association_rows if not association.enough]
    for association in enough:
        lines.append(f"  {association_sentence(association)}")
    if enough:
        lines.append(f"  {CAUTION}")
    if thin and enough:
        lines.append(
            f"  There is not enough data yet for: {thin_summary(thin)}. Each comparison needs "
            f"at least {MIN_N} days on each side."
        )
    elif not enough:
        lines.append(
            "  There is not enough data yet to compare habits or tags with your mood. Each "
            f"comparison needs at least {MIN_N} days on each side (for example {MIN_N} days "
            f"you exercised and {MIN_N} days you didn't); it comes with time."
        )
    lines.append("")

    if analysis.integration is not None:
        from recovery_journal.integration import integration_lines

        lines.append("Integration and appointments")
        found = integration_lines(analysis.integration)
        lines.extend(f"  {line}" for line in found)
        if not found:
            lines.append("  No appointments or sessions to line up in this range yet.")
        lines.append("")

    lines.append("Sessions")
    if not analysis.sessions:
        lines.append("  No sessions in this range.")
    else:
        numbers = analysis.session_numbers or list(range(1, len(analysis.sessions) + 1))
        for number, row in zip(numbers, analysis.sessions, strict=True):
            before = "?" if row["mood_before"] is None else row["mood_before"]
            after = "?" if row["mood_after"] is None else row["mood_after"]
            change = (
                ""
                if row["mood_before"] is None and row["mood_after"] is None
                else f"  mood {before} → {after}"
            )
            lines.append(f"  #{number:<3} {row['date']}{change}")
    return lines
