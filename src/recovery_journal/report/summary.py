"""The report's words, shared by HTML and Markdown: title, safety flags, the summary.

Plain strings (no markup); each format escapes them its own way.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from recovery_journal import assessments as questionnaires
from recovery_journal import insights
from recovery_journal.model import Appointment, Day, Session, plain_number
from recovery_journal.report.data import ReportData
from recovery_journal.report.since_last import DROVE, since_last_lines, since_last_session
from recovery_journal.tables import kind_label

TITLE = "Recovery journal — report for integration session"
ANSWER_WORDS = dict(questionnaires.RESPONSE_OPTIONS)
MAX_ASSOCIATIONS = 4
MAX_FLAGS_IN_FULL = 4  # more item-9 answers than this: the earlier ones by date and answer


def day_words(day: date) -> str:
    """27 Nov 2026."""
    return f"{day.day} {day:%b %Y}"


def range_words(data: ReportData) -> str:
    """The report's range in words (`1 Sep 2026 – 27 Nov 2026`), or "no data yet"."""
    if data.since is None or data.until is None:
        return "no data yet"
    return f"{day_words(data.since)} – {day_words(data.until)}"


def subtitle(data: ReportData) -> str:
    """`1 Nov 2026 – 27 Nov 2026 · generated 27 Nov 2026 · redaction: none`."""
    redaction = {"none": "none", "notes": "notes left out", "text": "all free text left out"}
    return (
        f"{range_words(data)} · generated {day_words(data.generated_at.date())}"
        f" · redaction: {redaction[data.redaction]}"
    )


def safety_flags(data: ReportData, limit: int | None = None) -> list[str]:
    """One sentence per PHQ-9 item-9 answer above 0 dated within the range. With `limit`,
    the latest `limit` in full and one line naming every earlier one by date and answer
    (so that the report's first page holds them all)."""
    flags = []
    found = questionnaires.item9_flags(data.assessments, data.since, data.until)
    earlier: list[Any] = []
    if limit is not None and len(found) > limit:
        earlier, found = found[:-limit], found[-limit:]
    if earlier:
        listed = ", ".join(f"{day_words(a.date)} ({a.answers[8]} of 3)" for a in earlier)
        flags.append(f"Earlier PHQ-9 item 9 answers above 0 in this range: {listed}.")
    for item in found:
        answer = ANSWER_WORDS.get(item.answers[8], str(item.answers[8]))
        flags.append(
            f"On {day_words(item.date)} the PHQ-9 answer to item 9 (thoughts that they would "
            f"be better off dead, or of hurting themselves) was “{answer}” "
            f"({item.answers[8]} of 3). Please follow up."
        )
    return flags


@dataclass
class Analysis:
    """Everything computed once for the summary, charts and tables."""

    analysis: insights.Analysis
    first_last: dict[str, Any] | None
    followups: list[dict[str, Any]]
    numbers: dict[str, int]


def analyse(data: ReportData) -> Analysis:
    """The insights, first-versus-last comparison and session numbers every report
    section reads, computed once."""
    result = insights.analyse(
        data.days, data.sessions, data.habits, data.since, data.until, context=data.context
    )
    first_last = (
        insights.compare_first_last(data.days, data.since, data.until)
        if data.since and data.until
        else None
    )
    followups = result.sessions  # the "After each session" rows, as `insights` gives them
    return Analysis(result, first_last, followups, data.session_number())


def habit_labels(data: ReportData) -> dict[str, str]:
    """Each habit's label by its key."""
    return {habit.key: habit.label for habit in data.habits}


def since_last(data: ReportData) -> list[str]:
    """The first page's "Since the last session" block, in sentences."""
    found = since_last_session(data.days, data.sessions, data.assessments, data.until, data.context)
    if found is None:
        return ["No treatment session on or before the end of this range."]
    return since_last_lines(found, notes_kept=data.redaction == "none")


def summary_lines(data: ReportData, computed: Analysis) -> list[str]:
    """The summary in words (SCREENS.md, the report's first page)."""
    lines: list[str] = []
    sessions = data.sessions_in_range
    if sessions:
        lines.append(_sessions_line(sessions, computed.numbers))
    else:
        lines.append("No treatment sessions in this range.")

    mood = computed.analysis.mood
    compare = computed.first_last
    if mood["days_logged"] == 0:
        lines.append("No mood logged in this range.")
    elif compare and compare["first"]["mean"] is not None and compare["last"]["mean"] is not None:
        period = compare["first"]["days"]
        span = "two weeks" if period == 14 else f"{period} days"
        lines.append(
            f"Mood: {insights.format_number(compare['first']['mean'])} average in the first "
            f"{span} ({_days(compare['first']['n'])} logged) → "
            f"{insights.format_number(compare['last']['mean'])} in the last {span} "
            f"({_days(compare['last']['n'])} logged); {_days(mood['days_logged'])} logged in all, "
            f"mean {insights.format_number(mood['mean'])} on a 1–10 scale."
        )
    else:
        lines.append(
            f"Mood: {_days(mood['days_logged'])} logged, mean "
            f"{insights.format_number(mood['mean'])} on a 1–10 scale."
        )

    lines.extend(integration_summary(data))
    lines.extend(schedule_summary(data))

    for item in questionnaires.summarize(data.assessments, data.since, data.until):
        lines.append(item.sentence())

    labels = habit_labels(data)
    window = computed.analysis.window_days
    archived = {habit.key for habit in data.habits if habit.archived}

    def share(value: float | None, n: int, unit: str = "") -> str:
        return "not logged" if not n else f"{insights.format_share(value)} of {n}{unit}"

    shares = [
        f"{labels.get(row['habit'], row['habit'])}"
        f"{' (archived)' if row['habit'] in archived else ''} "
        f"{share(row['in_window'], row['n_in_window'], ' days')} vs "
        f"{share(row['outside'], row['n_outside'])}"
        for row in computed.analysis.window_adherence
        if row["n_in_window"] or row["n_outside"]
    ]
    if shares:
        lines.append(
            f"Habits logged done in the {window} days from a session (integration window) vs "
            f"other days after a session: {'; '.join(shares)}."
        )

    rows = [row for row in computed.analysis.associations if row.lag_days == 0]
    rows.sort(key=lambda row: (-abs(row.difference or 0), row.type, row.name))
    for row in rows[:MAX_ASSOCIATIONS]:
        if row.type == "tag":
            subject = f"On days tagged “{row.name}”"
            other = "on other days"
        else:
            subject = f"On days with “{labels.get(row.name, row.name)}” done"
            other = "when logged not done"
        lines.append(
            f"{subject}, mood averaged {insights.format_number(row.mean_with)} "
            f"({row.n_with} days) against {insights.format_number(row.mean_without)} "
            f"({row.n_without} days) {other}. Association, not cause."
        )
    return lines


def integration_summary(data: ReportData) -> list[str]:
    """The integration line(s) of the first page: therapy after the sessions in range, and
    the prescriber gap at the range's end (nothing when no appointment is recorded)."""
    from recovery_journal.integration import integration_in_range, integration_lines

    if data.until is None:
        return []
    # The definition `insights` uses: only the appointments within the range count for
    # therapy; the last prescriber visit before it counts for the gap.
    appointments = list(data.appointments)
    if data.prescriber_before is not None:
        at = datetime.combine(data.prescriber_before, time(12), tzinfo=UTC)
        appointments.insert(0, Appointment("", at, "prescriber"))
    found = integration_in_range(
        data.sessions, appointments, data.since, data.until, data.generated_at.date()
    )
    return integration_lines(found)


def schedule_summary(data: ReportData) -> list[str]:
    """The treatment schedule followed vs planned over the range, and the next planned
    session (as of the report's date); nothing without a plan."""
    from recovery_journal.schedule import report_lines

    return report_lines(data.plans, data.sessions, data.since, data.until, data.generated_at.date())


APPOINTMENT_HEADERS = ("When", "Kind", "Provider", "Note")


def appointment_rows(data: ReportData) -> list[list[str]]:
    """The "Appointments" table: those in range, oldest first (already redacted)."""
    from recovery_journal.model import APPOINTMENT_KIND_LABELS

    return [
        [
            f"{a.at:%Y-%m-%d %H:%M}",
            APPOINTMENT_KIND_LABELS.get(a.kind, a.kind),
            a.provider or "",
            a.note or "",
        ]
        for a in data.appointments
        if data.since is not None and data.until is not None and data.since <= a.date <= data.until
    ]


def _sessions_line(sessions: list[Session], numbers: dict[str, int]) -> str:
    kinds = Counter(
        kind_label(s.kind) + (f" {plain_number(s.dose_mg)} mg" if s.dose_mg is not None else "")
        for s in sessions
    )
    described = ", ".join(f"{n} × {what}" for what, n in sorted(kinds.items()))
    marked = [s for s in sessions if "no_driving" in s.aftercare]
    kept = sum(1 for s in marked if s.aftercare["no_driving"])
    drove = [s for s in marked if not s.aftercare["no_driving"]]
    if not marked:
        driving = "after-care “no driving” not logged"
    elif kept == len(sessions):
        driving = "all with after-care “no driving” kept"
    else:
        driving = f"after-care “no driving” kept after {kept} of {len(sessions)}"
        if len(marked) < len(sessions):
            driving += f" (not logged for {len(sessions) - len(marked)})"
    if drove:
        which = ", ".join(f"#{numbers.get(s.id, '?')}" for s in drove[-6:])
        more = f" and {len(drove) - 6} more" if len(drove) > 6 else ""
        driving += f"; {DROVE} {which}{more}"
    noun = "session" if len(sessions) == 1 else "sessions"
    return f"{len(sessions)} {noun} ({described}), {driving}."


QUESTIONNAIRE_HEADERS = (
    "Date",
    "Questionnaire",
    "Total",
    "Severity",
    "Change from first",
    "PHQ-9 item 9",
)


def questionnaire_rows(data: ReportData) -> list[list[str]]:
    """The questionnaire table of every report format, oldest first: change from the first
    score (meaningful changes marked) and the PHQ-9 item 9 answer, flagged when above 0."""
    rows = []
    for scored in questionnaires.with_change_from_first(data.assessments):
        a = scored.assessment
        change = "first" if scored.change is None else f"{scored.change:+d}"
        if scored.meaningful:
            change += " (meaningful)"
        item9 = ""
        safety_item = questionnaires.questionnaire(a.instrument).safety_item
        if safety_item is not None:
            item9 = f"[!] {a.answers[safety_item - 1]}" if scored.item9_positive else "0"
        rows.append(
            [
                a.date.isoformat(),
                questionnaires.INSTRUMENT_LABELS[a.instrument],
                str(a.total),
                a.severity,
                change,
                item9,
            ]
        )
    return rows


AFTER_SESSION_DAYS = 7
AFTER_SESSION_HEADERS = (
    "#",
    "Date",
    "Day 0",
    *(f"+{n}" for n in range(1, AFTER_SESSION_DAYS + 1)),
    "Baseline",
    "Days above",
)


def after_session_rows(computed: Analysis) -> list[list[str]]:
    """The "After each session" table: per session in range, the mood of its day and of the
    7 days after it ("–" not logged, "" after the next session or the range's end), the
    pre-session baseline (docs/insights.md) and the days the mood stayed above it."""
    rows = []
    for row in computed.followups:
        moods = list(row["moods_after"])
        cells = ["–" if m is None else str(m) for m in moods]
        cells += [""] * (AFTER_SESSION_DAYS - len(cells))
        above = row["days_above_baseline"]
        rows.append(
            [
                str(row["number"]),
                row["date"],
                "–" if row["mood_on_day"] is None else str(row["mood_on_day"]),
                *cells,
                insights.format_one(row["baseline_mood"]),
                "–" if above is None else str(above),
            ]
        )
    return rows


WEEK_HEADERS = ("Week of", "Days logged", "Mood", "Anxiety", "Energy", "Sleep h", "Sessions")


def weekly_rows(data: ReportData, days: list[Day], numbers: dict[str, int]) -> list[list[str]]:
    """Weekly means (one decimal, half up) of the days before the daily table begins, with
    the sessions of each week by number."""
    weeks: dict[date, list[Day]] = {}
    for day in days:
        weeks.setdefault(day.date - timedelta(days=day.date.weekday()), []).append(day)
    session_weeks: dict[date, list[str]] = {}
    for s in data.sessions_in_range:
        start = s.date - timedelta(days=s.date.weekday())
        session_weeks.setdefault(start, []).append(f"#{numbers[s.id]}")
    rows = []
    for start, members in weeks.items():
        logged = [d for d in members if d.mood is not None]

        def mean(field: str, members: list[Day] = members) -> str:
            values = [getattr(d, field) for d in members if getattr(d, field) is not None]
            if not values:
                return "–"
            if field == "sleep_hours":  # decimals as written (7.1 is 71/10, not a float's)
                total = Fraction(sum(Decimal(repr(float(v))) for v in values))
            else:
                total = Fraction(sum(values))
            return insights.format_one(total / len(values))

        rows.append(
            [
                start.isoformat(),
                str(len(logged)),
                mean("mood"),
                mean("anxiety"),
                mean("energy"),
                mean("sleep_hours"),
                " ".join(session_weeks.get(start, [])),
            ]
        )
    return rows


def _days(n: int) -> str:
    """ "1 day", "12 days"."""
    return f"{n} day" if n == 1 else f"{n} days"
