"""The therapist's Overview of an export file (issue 14): the item-9 answers first, then the
file itself, then what happened since the last treatment session.

Pure functions of loaded data; no terminal code. `flag_lines`, `file_lines` and
`since_lines` give the words, one paragraph a line, for any interface to wrap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from recovery_journal import assessments, insights
from recovery_journal.model import AFTERCARE_ITEMS, Assessment, Day, Session, TreatmentContext
from recovery_journal.review_file import REDACTION_SENTENCES, ExportInfo, range_text

BEFORE_DAYS = 14  # "the two weeks before" the last session
NOBODY_MONITORS = (
    "Nobody monitors this journal: the app alerted no one; an answer like this reaches you "
    "only through this file."
)
ITEM9_TITLE = "(!) PHQ-9 item 9 above 0 — thoughts of death or of self-harm"


def session_position(
    day: date, sessions: Sequence[Session], context: TreatmentContext | None = None
) -> tuple[int, int] | None:
    """(day index, session number) of a date, or None before the first session.

    The one place the Overview and the Caseload number sessions; `context` is a ranged
    file's sessions before its range, so numbers agree with the HTML and Markdown.
    """
    return insights.treatment_day(day, sessions, context)


def half_up(value: float) -> float:
    """One decimal, half up (3.25 → 3.3)."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class MoodSpan:
    """The mean mood of the logged days between two dates (inclusive), and their number."""

    first: date
    last: date
    mean: float | None
    n: int

    def text(self) -> str:
        """The mean to one decimal with its number of days, or "no mood logged"."""
        if self.mean is None:
            return "no mood logged"
        days = "1 day" if self.n == 1 else f"{self.n} days"
        return f"{half_up(self.mean):.1f} ({days} logged)"


def mood_span(days: Sequence[Day], first: date, last: date) -> MoodSpan:
    """The mood of `first`…`last` over the days that hold one."""
    moods = [d.mood for d in days if first <= d.date <= last and d.mood is not None]
    return MoodSpan(first, last, sum(moods) / len(moods) if moods else None, len(moods))


@dataclass(frozen=True)
class Item9Answer:
    """A PHQ-9 whose item 9 was answered above 0."""

    date: date
    answer: int

    def text(self) -> str:
        """The date and the answer, in the questionnaire's own words."""
        words = dict(assessments.RESPONSE_OPTIONS)[self.answer]
        return f"{self.date:%a %d %b %Y}: item 9 answered {self.answer} of 3, “{words}”."


@dataclass(frozen=True)
class ScorePair:
    """The latest score of a questionnaire and the one before it."""

    instrument: str
    last: Assessment
    previous: Assessment | None

    def text(self) -> str:
        """The latest score and severity, then the one before and the change in
        points."""
        name = assessments.INSTRUMENT_LABELS[self.instrument]
        top = assessments.MAX_TOTAL[self.instrument]
        last = f"{name}: {self.last.total} of {top}, {self.last.severity} ({self.last.date:%d %b})"
        if self.previous is None:
            return f"{last}; the first in this file."
        points = self.last.total - self.previous.total
        change = "no change" if points == 0 else f"{points:+d}".replace("-", "−")
        return (
            f"{last}; before: {self.previous.total}, {self.previous.severity} "
            f"({self.previous.date:%d %b}) · {change}"
        )


@dataclass(frozen=True)
class SinceSession:
    """What happened from the last session's day to the file's end."""

    number: int
    session: Session
    days_since: int
    mood_since: MoodSpan
    mood_before: MoodSpan
    drove: bool  # an explicit no_driving = no
    missed: list[str]  # after-care items answered no (driving apart)
    not_logged: int  # after-care items with no answer
    new_notes: int | None  # days with a note since; None when the file leaves notes out


@dataclass(frozen=True)
class Overview:
    """Everything the Overview screen shows, in its order."""

    flags: list[Item9Answer]
    info: ExportInfo
    since: date | None
    until: date | None
    today: date
    since_session: SinceSession | None
    recent: MoodSpan  # without sessions: the last 14 days …
    earlier: MoodSpan  # … and the 14 before
    scores: list[ScorePair]


def item9_answers(scores: Sequence[Assessment]) -> list[Item9Answer]:
    """Every item-9 answer above 0, newest first."""
    flagged = assessments.item9_flags(scores)
    return [Item9Answer(a.date, a.answers[8]) for a in reversed(flagged)]


def score_pairs(scores: Sequence[Assessment]) -> list[ScorePair]:
    """PHQ-9 then GAD-7 (the registry's order): the last score and the one before, for
    those taken."""
    pairs = []
    for instrument in assessments.INSTRUMENTS:
        taken = sorted((a for a in scores if a.instrument == instrument), key=lambda a: a.date)
        if taken:
            pairs.append(ScorePair(instrument, taken[-1], taken[-2] if len(taken) > 1 else None))
    return pairs


def since_session(
    days: Sequence[Day],
    sessions: Sequence[Session],
    today: date,
    notes_kept: bool,
    context: TreatmentContext | None = None,
) -> SinceSession | None:
    """The block about the last session on or before `today`, or None without one."""
    before_today = [s for s in sessions if s.date <= today]
    if not before_today:
        return None
    last = max(before_today, key=lambda s: s.at)
    found = session_position(last.date, sessions, context)
    number = found[1] if found else len(before_today)
    care = last.aftercare
    return SinceSession(
        number=number,
        session=last,
        days_since=(today - last.date).days,
        mood_since=mood_span(days, last.date, today),
        mood_before=mood_span(
            days, last.date - timedelta(days=BEFORE_DAYS), last.date - timedelta(days=1)
        ),
        drove=care.get("no_driving") is False,
        missed=[
            label
            for item, label in AFTERCARE_ITEMS.items()
            if item != "no_driving" and care.get(item) is False
        ],
        not_logged=sum(1 for item in AFTERCARE_ITEMS if item not in care),
        new_notes=(
            sum(1 for d in days if last.date <= d.date <= today and d.note) if notes_kept else None
        ),
    )


def build_overview(
    info: ExportInfo,
    days: Sequence[Day],
    sessions: Sequence[Session],
    scores: Sequence[Assessment],
    today: date,
    data_range: tuple[date, date] | None = None,
    context: TreatmentContext | None = None,
) -> Overview:
    """The Overview of one file; `today` is the file's own last date."""
    since = info.since or (data_range[0] if data_range else None)
    until = info.until or (data_range[1] if data_range else None)
    return Overview(
        flags=item9_answers(scores),
        info=info,
        since=since,
        until=until,
        today=today,
        since_session=since_session(days, sessions, today, info.redaction == "none", context),
        recent=mood_span(days, today - timedelta(days=13), today),
        earlier=mood_span(days, today - timedelta(days=27), today - timedelta(days=14)),
        scores=score_pairs(scores),
    )


def file_lines(overview: Overview) -> list[str]:
    """The file: whose, its range, its redaction, when it was exported."""
    info = overview.info
    name = info.title + (f" ({info.name})" if info.label else "")
    when = (
        f"exported {info.exported_at:%a %d %b %Y %H:%M}"
        if info.exported_at is not None
        else "export time not recorded"
    )
    return [
        f"{name} · {range_text(overview.since, overview.until)} · {when}",
        REDACTION_SENTENCES.get(info.redaction, REDACTION_SENTENCES["none"]),
    ]


def since_lines(overview: Overview) -> list[str]:
    """Since the last session: its number, date, days since, mood, after-care, scores, notes."""
    block = overview.since_session
    lines: list[str] = []
    if block is None:
        lines.append("No treatment session in this file.")
        lines.append(
            f"Mood, last 14 days: {overview.recent.text()}; the 14 before: "
            f"{overview.earlier.text()}."
        )
    else:
        when = f"{block.session.at:%a %d %b %Y}"
        ago = {0: "the file's last day", 1: "1 day before the file's end"}.get(
            block.days_since, f"{block.days_since} days before the file's end"
        )
        lines.append(f"Last session: #{block.number}, {when} ({ago}).")
        lines.append(
            f"Mood since: {block.mood_since.text()}; the two weeks before it: "
            f"{block.mood_before.text()}."
        )
        if block.drove:
            lines.append("(!) Drove after the session (after-care: did not drive — no).")
        care = [f"missed: {', '.join(block.missed).lower()}"] if block.missed else []
        if block.not_logged == len(AFTERCARE_ITEMS):
            care = ["not logged"]
        elif block.not_logged:
            care.append(f"{block.not_logged} of {len(AFTERCARE_ITEMS)} items not logged")
        if not care:
            care = ["all done"]
        lines.append(f"After-care: {'; '.join(care)}.")
    if overview.scores:
        lines.extend(pair.text() for pair in overview.scores)
    else:
        lines.append("No PHQ-9 or GAD-7 in this file.")
    if block is not None:
        if block.new_notes is None:
            lines.append("Notes since: left out of this file.")
        else:
            notes = "1 day" if block.new_notes == 1 else f"{block.new_notes} days"
            lines.append(f"Notes since: {notes} with a note (History, F4).")
    return lines


def flag_lines(overview: Overview) -> list[str]:
    """The item-9 answers above 0, newest first, and who watches them (nobody)."""
    if not overview.flags:
        return []
    return [*(flag.text() for flag in overview.flags), NOBODY_MONITORS]


# Texts written to the patient ("On days you exercised, your mood …"), as the therapist
# reads them in review: the specific phrases first, then any other "you" and "your".
_THIRD_PERSON = (
    ("Once you log a few days, your averages", "Once the patient logs a few days, the averages"),
    ("these days are your baseline", "these days are the patient's baseline"),
    ("Before your first session (your baseline)", "Before the first session (the baseline)"),
    ("a habit and your mood", "a habit and mood"),
    ("habits or tags with your mood", "habits or tags with mood"),
    ("in your own data", "in the patient's own data"),
)
_YOU_RE = re.compile(r"\b(You|you|Your|your|Yours|yours)\b")
_YOU_WORDS = {
    "You": "The patient",
    "you": "the patient",
    "Your": "Their",
    "your": "their",
    "Yours": "Theirs",
    "yours": "theirs",
}


def about_the_patient(text: str) -> str:
    """Words written to the patient turned to speak about them (for review)."""
    for mine, theirs in _THIRD_PERSON:
        text = text.replace(mine, theirs)
    return _YOU_RE.sub(lambda m: _YOU_WORDS[m.group()], text)


def day_line(
    day: date,
    sessions: Sequence[Session],
    window_days: int = 3,
    context: TreatmentContext | None = None,
) -> str:
    """Where a day sits in the treatment calendar, about the patient: `Day 1 after session 4
    · integration window`."""
    if not sessions and (context is None or context.last_before is None):
        return "No treatment session in this file"
    found = session_position(day, sessions, context)
    if found is None:
        return "Baseline, before the first session"
    index, number = found
    window = " · integration window" if index < window_days else ""
    if index == 0:
        return f"Session day, session {number}{window}"
    return f"Day {index} after session {number}{window}"
