"""The analysis of PRODUCT.md §5 for one range of a journal: `insights` and the app's
Insights screen both ask `insights_for`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from recovery_journal.service.ranges import resolve

if TYPE_CHECKING:
    from recovery_journal.insights import Analysis
    from recovery_journal.store import Journal


@dataclass
class Insights:
    """The analysis, and the questionnaires section in words (empty without scores)."""

    analysis: Analysis
    assessments: list[str] = field(default_factory=list)


def insights_for(
    journal: Journal,
    since: date | None,
    until: date | None,
    window_days: int,
    *,
    today: date | None = None,
) -> Insights:
    """The analysis of this range (resolved by `ranges.resolve`) with a `window_days`
    integration window; with `today`, the therapy follow-up too (`integration`)."""
    from recovery_journal import insights
    from recovery_journal.assessments import summary_section

    start, end = resolve(journal, since, until)
    days = journal.days(start, end) if start is not None else []
    sessions = journal.sessions()
    analysis = insights.analyse(
        days, sessions, journal.habits(), start, end, window_days, journal.treatment_context
    )
    if today is not None:
        from recovery_journal.integration import integration_in_range

        analysis.integration = integration_in_range(
            sessions, journal.appointments(), analysis.since, analysis.until, today
        )
    return Insights(analysis, summary_section(journal.assessments(), start, end))
