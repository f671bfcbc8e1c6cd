"""The Caseload of `review A.json B.json …`: one row per export file (issue 14, item 8).

Each row is computed on its own file's clock (the file's last date), like the review it
opens. Pure functions of loaded data; no terminal code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_journal import assessments
from recovery_journal.model import Assessment, Day, Session, TreatmentContext
from recovery_journal.overview import MoodSpan, half_up, mood_span, session_position
from recovery_journal.review_file import ExportInfo

if TYPE_CHECKING:
    from recovery_journal.clock import Clock
    from recovery_journal.store import Journal

FLAG_DAYS = 30  # an item-9 answer above 0 this recently puts the file first


@dataclass(frozen=True)
class CaseloadRow:
    """One file of the caseload: readable (with its numbers) or not (with its error)."""

    path: Path
    title: str
    error: str | None = None
    ends: date | None = None
    last_session: date | None = None
    session_number: int | None = None
    days_since: int | None = None
    recent: MoodSpan | None = None  # the file's last 14 days
    earlier: MoodSpan | None = None  # the 14 before
    phq9: Assessment | None = None
    flagged: bool = False

    def sort_key(self) -> tuple[int, str]:
        """Flagged files first, then files that could not be read, then the others."""
        group = 0 if self.flagged else 1 if self.error else 2
        return group, self.title.casefold()

    def cells(self) -> tuple[str, ...]:
        """Flag, patient, last session, mood, PHQ-9, file end: the table's words."""
        if self.error is not None:
            return ("?", self.title, "could not be read", "(see below)", "", "")
        flag = "(!)" if self.flagged else ""
        if self.last_session is None:
            session = "no session"
        else:
            session = f"#{self.session_number} {self.last_session:%d %b} ({self.days_since} d)"
        phq9 = "–" if self.phq9 is None else f"{self.phq9.total} {self.phq9.severity}"
        ends = "" if self.ends is None else f"{self.ends:%d %b %Y}"
        return (flag, self.title, session, mood_change(self.recent, self.earlier), phq9, ends)


@dataclass
class CaseloadFile:
    """A file of the caseload: its row, and (when it could be read) its read-only journal
    with the clock of its own last date."""

    row: CaseloadRow
    journal: Journal | None
    clock: Clock


def mood_change(recent: MoodSpan | None, earlier: MoodSpan | None) -> str:
    """`6.1 vs 4.8 +1.3`, `6.1 vs –`, or `–` without a mood."""
    if recent is None or recent.mean is None:
        return "–"
    now = half_up(recent.mean)
    if earlier is None or earlier.mean is None:
        return f"{now:.1f} vs –"
    before = half_up(earlier.mean)
    return f"{now:.1f} vs {before:.1f} {half_up(now - before):+.1f}".replace("-", "−")


def caseload_row(
    path: Path,
    info: ExportInfo,
    days: Sequence[Day],
    sessions: Sequence[Session],
    scores: Sequence[Assessment],
    today: date,
    context: TreatmentContext | None = None,
) -> CaseloadRow:
    """The row of one readable file; `today` is the file's own last date."""
    done = [s for s in sessions if s.date <= today]
    last = max(done, key=lambda s: s.at) if done else None
    found = session_position(last.date, sessions, context) if last else None
    phq9 = sorted((a for a in scores if a.instrument == "phq9"), key=lambda a: a.date)
    recent_flags = assessments.item9_flags(scores, today - timedelta(days=FLAG_DAYS - 1), today)
    return CaseloadRow(
        path=path,
        title=info.title,
        ends=today,
        last_session=last.date if last else None,
        session_number=found[1] if found else None,
        days_since=(today - last.date).days if last else None,
        recent=mood_span(days, today - timedelta(days=13), today),
        earlier=mood_span(days, today - timedelta(days=27), today - timedelta(days=14)),
        phq9=phq9[-1] if phq9 else None,
        flagged=bool(recent_flags),
    )


def error_row(path: Path, message: str) -> CaseloadRow:
    """A file that could not be read: listed with its one-line error."""
    return CaseloadRow(path=path, title=path.name, error=message.removeprefix("error: "))


def ordered(rows: Sequence[CaseloadRow]) -> list[CaseloadRow]:
    """Flags first (see `CaseloadRow.sort_key`)."""
    return sorted(rows, key=CaseloadRow.sort_key)


EXPORT_SUFFIXES = (".json", ".rjx")


def export_files(paths: Sequence[Path]) -> list[Path]:
    """The files named, a folder standing for the exports in it, `.json` and sealed `.rjx`
    (sorted by name; a sealed one left out was a patient missing from the caseload)."""
    found: dict[Path, Path] = {}  # each file once, however often it is named
    for path in paths:
        inside = (
            sorted(p for p in path.iterdir() if p.suffix.lower() in EXPORT_SUFFIXES)
            if path.is_dir()
            else [path]
        )
        for file in inside:
            found.setdefault(file.resolve(), file)
    return list(found.values())
