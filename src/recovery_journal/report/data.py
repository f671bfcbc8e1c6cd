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
from recovery_journal.model import (
    Appointment,
    Assessment,
    Day,
    Habit,
    Session,
    TreatmentContext,
)

if TYPE_CHECKING:
    from recovery_journal.schedule import Plan
    from recovery_journal.store import Journal

REDACTIONS = ("none", "notes", "text")
DETAILS = ("recent", "all")
RECENT_DAYS = 90  # `--detail recent`: daily rows and notes for the range's last 90 days


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
    # The journal's own context: set when it is a review of a date-limited file.
    context: TreatmentContext | None = None
    detail: str = "recent"  # "all": every day and note, however long the range
    # The appointments within the flags given (--since/--until): with no --until, the ones
    # booked ahead too, so that a whole-journal export is lossless.
    appointments: list[Appointment] = field(default_factory=list)
    # The last prescriber visit before `--since` (its date only): the prescriber gap counts it.
    prescriber_before: date | None = None
    # The treatment plans with a planned date within the flags given (whole plans; no text).
    plans: list[Plan] = field(default_factory=list)
    # The patient's country at export time, for the crisis line of the safety box (None:
    # not known; a review keeps the file's own).
    country: str | None = None

    @property
    def sessions_in_range(self) -> list[Session]:
        """The sessions dated within since…until (none without a
        range)."""
        return [s for s in self.sessions if self._in(s.date)]

    def session_number(self) -> dict[str, int]:
        """Session id → its number over the whole journal (#1 = the first)."""
        from recovery_journal.insights import numbered_sessions

        return {s.id: n for n, s in numbered_sessions(self.sessions, self.context)}

    def session_dates(self) -> list[date]:
        """The sorted session dates that set the day index (with the context's last one)."""
        from recovery_journal.insights import session_dates

        return session_dates(self.sessions, self.context)

    def range_context(self) -> TreatmentContext:
        """What this range's file carries of the sessions before it (its `context`)."""
        base = self.context or TreatmentContext()
        if self.since is None:
            return base
        before = [s for s in self.sessions if s.date < self.since]
        if not before:
            return base
        last = max(before, key=lambda s: (s.date, s.at.timestamp(), s.id))
        return TreatmentContext(base.sessions_before + len(before), last.at)

    def detail_since(self) -> date | None:
        """The first date shown day by day (and with its note): the range's last 90 days,
        or the whole range with `detail="all"`. None when every day is shown."""
        from datetime import timedelta

        if self.detail == "all" or self.since is None or self.until is None:
            return None
        start = self.until - timedelta(days=RECENT_DAYS - 1)
        return start if start > self.since else None

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
    """A `--redact` level the reports know; any other is refused."""
    if level not in REDACTIONS:
        raise InvalidInput(f"--redact {level!r} is not one of: {', '.join(REDACTIONS)}")
    return level


def check_detail(detail: str) -> str:
    """A `--detail` level the reports know; any other is refused."""
    if detail not in DETAILS:
        raise InvalidInput(f"--detail {detail!r} is not one of: {', '.join(DETAILS)}")
    return detail


def crisis_country(journal: Journal) -> str | None:
    """A review's file keeps the country it was exported with; the patient's own journal
    uses the setting beside it, the environment or the locale (crisis_lines.resolve)."""
    if journal.export_info is not None:  # a review
        return journal.crisis_country
    from recovery_journal.crisis_lines import for_journal

    return for_journal(journal.path)
