"""What every report format is made from: one range of the journal, loaded at once.

Loading is a handful of queries whatever the range (no per-row queries), so ten years of
days load in milliseconds. Standard library only; no terminal code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from recovery_journal.errors import InvalidInput
from recovery_journal.model import Assessment, Day, Habit, Session

if TYPE_CHECKING:
    from recovery_journal.store import Journal

REDACTIONS = ("none", "notes", "text")
FORMATS = ("html", "md", "csv", "json")


@dataclass
class ReportData:
    """One range of a journal, as the reports see it (already redacted when asked)."""

    since: date | None
    until: date | None
    generated_at: datetime
    redaction: str
    habits: list[Habit]
    days: list[Day]  # in range, oldest first
    sessions: list[Session]  # every session of the journal (they set the day index)
    assessments: list[Assessment]  # in range, oldest first
    history_days: list[Day] = field(default_factory=list)  # the 6 days before `since`
    label: str | None = None  # `export --label`: the file's name in a therapist's caseload

    @property
    def sessions_in_range(self) -> list[Session]:
        return [s for s in self.sessions if self._in(s.date)]

    def session_number(self) -> dict[str, int]:
        """Session id → its number over the whole journal (#1 = the first)."""
        return {s.id: n for n, s in enumerate(self.sessions, start=1)}

    def _in(self, day: date) -> bool:
        return self.since is not None and self.until is not None and self.since <= day <= self.until


def generation_time(now: datetime) -> datetime:
    """`SOURCE_DATE_EPOCH` (UTC) when set, else `now` (the journal's clock).

    Seconds only, so that the same moment prints the same everywhere.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise InvalidInput(
                f"SOURCE_DATE_EPOCH {epoch!r} is not a whole number of seconds since 1970"
            ) from None
    return now.replace(microsecond=0)


def check_redaction(level: str) -> str:
    if level not in REDACTIONS:
        raise InvalidInput(f"--redact {level!r} is not one of: {', '.join(REDACTIONS)}")
    return level


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InvalidInput(f"--format {fmt!r} is not one of: {', '.join(FORMATS)}")
    return fmt


def report_range(
    journal: Journal, since: date | None, until: date | None
) -> tuple[date | None, date | None]:
    """The flags given, else the first/last date that holds data (never "today")."""
    if since is not None and until is not None:
        if since > until:
            raise InvalidInput(f"--since {since} is after --until {until}; swap them")
        return since, until
    held = journal.data_range()
    if held is None:
        return since or until, until or since
    start = since if since is not None else held[0]
    end = until if until is not None else held[1]
    if start > end:
        if since is not None:
            end = start
        else:
            start = end
    return start, end


def load(
    journal: Journal,
    since: date | None = None,
    until: date | None = None,
    redact: str = "none",
    now: datetime | None = None,
) -> ReportData:
    """Load one range of the journal for a report, redacted as asked."""
    from datetime import timedelta

    from recovery_journal.report.redaction import redact as apply_redaction

    check_redaction(redact)
    start, end = report_range(journal, since, until)
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
    )
    return apply_redaction(data, redact)
