"""The schedule's words and counts (schedule.py), on hand-built plans and sessions."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from recovery_journal.errors import InvalidInput
from recovery_journal.model import Session
from recovery_journal.schedule import (
    followed,
    followed_line,
    make_plan,
    next_session_line,
    span_words,
    statuses,
)


@pytest.mark.parametrize(
    ("days", "words"),
    [(0, "today"), (1, "tomorrow"), (2, "in 2 days"), (6, "in 6 days"), (14, "in 2 weeks")],
)
def test_span_words(days: int, words: str) -> None:
    today = date(2026, 12, 1)
    assert span_words(date.fromordinal(today.toordinal() + days), today) == words


def test_next_session_names_the_year_when_it_is_another() -> None:
    plan = make_plan(date(2027, 1, 4), every_days=7, count=1)
    line = next_session_line(statuses([plan], [], date(2026, 12, 28)), date(2026, 12, 28))
    assert line == "Next session Mon 4 Jan 2027 — in 1 week"


def test_followed_counts_only_dates_that_have_come_and_are_kind_about_it() -> None:
    plan = make_plan(date(2026, 11, 1), every_days=2, count=10)  # 1 … 19 Nov
    sessions = [
        Session(str(n), datetime(2026, 11, day, 10, tzinfo=None).astimezone(), "other")
        for n, day in enumerate((1, 3, 5, 7, 9, 11, 13, 15, 17))
    ]
    found = statuses([plan], sessions, date(2026, 11, 20))
    assert followed_line(followed(found)) == "9 of 10 planned sessions done, 1 missed."
    assert followed_line(followed(found, until=date(2026, 11, 2))) == (
        "1 of 1 planned session done."
    )
    assert followed_line(followed(found, since=date(2026, 11, 30))) is None


def test_a_plan_needs_one_way_to_make_its_dates() -> None:
    with pytest.raises(InvalidInput, match="not both"):
        make_plan(date(2026, 11, 1), template="spravato", every_days=2, count=3)
    with pytest.raises(InvalidInput, match=r"--template spravato\|iv-series"):
        make_plan(date(2026, 11, 1))
