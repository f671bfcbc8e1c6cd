"""The one range resolver: what "since … until" means everywhere (charts, insights,
reports, the app's ranges).

A missing end is the first or last date that holds data (days, sessions, questionnaires),
never "today"; a missing end never crosses a given one; both None only in an empty journal.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from recovery_journal import model

if TYPE_CHECKING:
    from recovery_journal.store import Journal

Range = tuple[date | None, date | None]


def parse_range(since: str | None, until: str | None, today: date) -> Range:
    """`--since/--until` as typed, each optional; the since date may not be after the until."""
    start = model.parse_date(since, today, "--since") if since else None
    end = model.parse_date(until, today, "--until") if until else None
    model.check_range(start, end)
    return start, end


def resolve(journal: Journal, since: date | None, until: date | None) -> Range:
    """The range actually used: the dates given, else the first/last date holding data."""
    model.check_range(since, until)
    if since is not None and until is not None:
        return since, until
    return model.fill_range(since, until, journal.data_range())


def last_days(today: date, days: int | None) -> Range:
    """The app's "last N days" choices, ending today; None: everything up to today."""
    if days is None:
        return None, today
    return today - timedelta(days=days - 1), today
