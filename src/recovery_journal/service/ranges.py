"""The one range resolver: what "since … until" means everywhere (charts, insights,
reports, the app's ranges).

A missing end is the first or last date that holds data (days, sessions, questionnaires),
never "today"; a missing end never crosses a given one; both None only in an empty journal.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from recovery_journal import model
from recovery_journal.errors import InvalidInput

if TYPE_CHECKING:
    from recovery_journal.store import Journal

Range = tuple[date | None, date | None]


def parse_range(since: str | None, until: str | None, today: date) -> Range:
    """`--since/--until` as typed, each optional; the since date may not be after the until."""
    start = model.parse_date(since, today, "--since") if since else None
    end = model.parse_date(until, today, "--until") if until else None
    check_order(start, end)
    return start, end


def check_order(since: date | None, until: date | None) -> None:
    """A since date after the until date is refused, in the flags' words."""
    if since is not None and until is not None and since > until:
        raise InvalidInput(f"--since {since} is after --until {until}; swap them")


def resolve(journal: Journal, since: date | None, until: date | None) -> Range:
    """The range actually used: the dates given, else the first/last date holding data."""
    check_order(since, until)
    if since is not None and until is not None:
        return since, until
    return model.fill_range(since, until, journal.data_range())


def last_days(today: date, days: int | None) -> Range:
    """The app's "last N days" choices, ending today; None: everything up to today."""
    if days is None:
        return None, today
    return today - timedelta(days=days - 1), today
