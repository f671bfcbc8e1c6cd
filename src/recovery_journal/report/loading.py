"""Loading one range of the journal for a report, redacted before any format sees it.

Above `data` (the shape) and `redaction` (what a level leaves out), so that neither has to
import the other back.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from recovery_journal.model import Assessment, Day, check_range, fill_range
from recovery_journal.report.data import (
    ReportData,
    check_detail,
    check_redaction,
    crisis_country,
    generation_time,
)
from recovery_journal.report.redaction import redact as apply_redaction

if TYPE_CHECKING:
    from recovery_journal.schedule import Plan
    from recovery_journal.store import Journal


def _plans(journal: Journal, since: date | None, until: date | None) -> list[Plan]:
    """The plans with a planned date within `since`…`until` (None: no bound), whole."""
    from recovery_journal.store.plans import plans

    return [
        plan
        for plan in plans(journal)
        if any(
            (since is None or day >= since) and (until is None or day <= until)
            for day in plan.dates
        )
    ]


def _prescriber_before(journal: Journal, since: date | None) -> date | None:
    """The date of the last prescriber visit before `since` (None without `since`)."""
    if since is None:
        return None
    visits = [
        a.date
        for a in journal.appointments(None, since - timedelta(days=1))
        if a.kind == "prescriber"
    ]
    return max(visits) if visits else None


def load(
    journal: Journal,
    since: date | None = None,
    until: date | None = None,
    redact: str = "none",
    now: datetime | None = None,
    detail: str = "recent",
) -> ReportData:
    """Load one range of the journal for a report, redacted as asked."""
    check_redaction(redact)
    check_detail(detail)
    # The one range rule (`service.ranges.resolve`): missing ends from the data held.
    check_range(since, until)
    start, end = fill_range(since, until, journal.data_range())
    if start is None or end is None:
        days: list[Day] = []
        history: list[Day] = []
        assessments: list[Assessment] = []
    else:
        loaded = journal.days(start - timedelta(days=6), end)
        days = [d for d in loaded if d.date >= start]
        history = [d for d in loaded if d.date < start]
        assessments = [a for a in journal.assessments() if start <= a.date <= end]
    data = ReportData(
        since=start,
        until=end,
        generated_at=generation_time(now if now is not None else journal.clock.now()),
        redaction="none",
        habits=journal.habits(),
        days=days,
        sessions=journal.sessions(),
        assessments=assessments,
        history_days=history,
        context=getattr(journal, "treatment_context", None),
        detail=detail,
        appointments=journal.appointments(since, until),
        plans=_plans(journal, since, until),
        prescriber_before=_prescriber_before(journal, since),
        country=crisis_country(journal),
    )
    return apply_redaction(data, redact)
