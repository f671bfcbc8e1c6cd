"""The Markdown report: the HTML report's content, with the charts as text.

User text (notes, intentions, insights, providers, habit labels) goes through `_md`: a
Markdown viewer shows raw HTML in it as text (`<`, `>`, `&` become entities) and fetches
no image (`[` and `]` are backslash-escaped, so `![x](http://…)` is shown, not loaded);
control characters are shown, not obeyed, on a terminal. The note's own Markdown
(emphasis, lists, headings) still renders.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from fractions import Fraction

from recovery_journal import assessments as questionnaires
from recovery_journal import insights
from recovery_journal.model import AFTERCARE_ITEMS, plain_number
from recovery_journal.report import summary
from recovery_journal.report.data import ReportData
from recovery_journal.report.redaction import NOTICE
from recovery_journal.report.since_last import DROVE, aftercare_words
from recovery_journal.tables import habit_cell, kind_label
from recovery_journal.terminal import visible

BLOCKS = " ▁▂▃▄▅▆▇█"


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]"})


def _md(text: str) -> str:
    """User text as Markdown that shows it: no raw HTML, no image or link, no control
    character (see the module's docstring)."""
    return visible(text).translate(_ESCAPES)


def _cell(text: str) -> str:
    """Text for one table cell: one line, pipes escaped, user text neutralised."""
    flat = " ".join(visible(text, one_line=True).split())
    return flat.replace("\\", "\\\\").replace("|", "\\|").translate(_ESCAPES)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|")
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _bar(value: float, maximum: float, width: int = 20) -> str:
    return "█" * round(value / maximum * width) if maximum else ""


def render_markdown(data: ReportData) -> str:
    """The Markdown report: the safety box when due, since the last session,
    the summary, then charts, questionnaires, appointments, sessions, daily rows and notes."""
    computed = summary.analyse(data)
    out = [f"# {summary.TITLE}", "", _md(summary.subtitle(data)), ""]
    flags = summary.safety_flags(data, limit=summary.MAX_FLAGS_IN_FULL)
    if flags:
        out += ["## [!] Safety", ""]
        out += [f"> **[!] Safety:** {_md(flag)}" + "\n>" for flag in flags]
        out += [
            "> Nobody monitors this journal. "
            + questionnaires.report_crisis_resources(data.country),
            "",
        ]
    if data.redaction != "none":
        out += [f"**{NOTICE[data.redaction]}**", ""]
    out += ["## Since the last session", ""]
    out += [f"- {_strong(_md(line))}" for line in summary.since_last(data)]
    out += ["", "## Summary", ""]
    out += [f"- {_strong(_md(line))}" for line in summary.summary_lines(data, computed)]
    out += ["", "Associations are not causes. Mood is the patient's rating, 1 (worst) to 10.", ""]
    _after_sessions(out, computed)
    _charts(out, data, computed)
    _questionnaires(out, data)
    _appointments(out, data)
    _sessions(out, data)
    _daily(out, data)
    _notes(out, data)
    out += [
        "---",
        "",
        "PHQ-9 and GAD-7 are self-report screening questionnaires, not diagnoses. "
        + questionnaires.ATTRIBUTION,
        "",
        "Made with recovery-journal, kept on the patient's own device. Nobody monitors it.",
        "",
    ]
    return "\n".join(out)


def _strong(text: str) -> str:
    """ "drove after the session" in bold, wherever a line says it."""
    for words in (DROVE, DROVE.capitalize()):
        text = text.replace(words, f"**{words}**")
    return text


def _after_sessions(out: list[str], computed: summary.Analysis) -> None:
    out += ["## After each session", ""]
    rows = summary.after_session_rows(computed)
    if not rows:
        out += ["No treatment sessions in this range.", ""]
        return
    right = set(range(len(summary.AFTER_SESSION_HEADERS))) - {1}
    out += _table(list(summary.AFTER_SESSION_HEADERS), rows, right)
    out += [
        "",
        "Mood on the session day (0) and each of the 7 days after it (– not logged; empty "
        "once the next session begins or the range ends). Baseline: the mean mood of the 14 "
        "days before the session. Days above: how many logged days after the session the "
        "mood stayed above the baseline before it first did not.",
        "",
    ]


def _charts(out: list[str], data: ReportData, computed: summary.Analysis) -> None:
    out += ["## Charts (as text)", "", "### Mood by week", ""]
    moods = [d for d in data.days if d.mood is not None]
    if not moods or data.since is None:
        out += ["No mood logged in this range.", ""]
    else:
        weeks: dict[str, list[int]] = {}
        for day in moods:
            start = day.date - timedelta(days=day.date.weekday())
            weeks.setdefault(start.isoformat(), []).append(day.mood or 0)
        session_weeks: dict[str, list[str]] = {}
        for s in data.sessions_in_range:
            week = (s.date - timedelta(days=s.date.weekday())).isoformat()
            session_weeks.setdefault(week, []).append(f"#{computed.numbers[s.id]}")
        rows = []
        for week, values in weeks.items():
            exact = Fraction(sum(values), len(values))
            rows.append(
                [
                    week,
                    str(len(values)),
                    insights.format_one(exact),
                    f"`{_bar(float(exact), 10)}`",
                    " ".join(session_weeks.get(week, [])),
                ]
            )
        out += _table(["Week of", "Days", "Mean mood", "1–10", "Sessions"], rows, {1, 2})
        out.append("")
    for instrument in questionnaires.INSTRUMENTS:
        scores = [a for a in data.assessments if a.instrument == instrument]
        if not scores:
            continue
        label = questionnaires.INSTRUMENT_LABELS[instrument]
        maximum = questionnaires.MAX_TOTAL[instrument]
        out += [f"### {label} totals", ""]
        rows = [
            [a.date.isoformat(), str(a.total), a.severity, f"`{_bar(a.total, maximum)}`"]
            for a in scores
        ]
        out += _table(["Date", "Total", "Band", f"0–{maximum}"], rows, {1})
        bands = ", ".join(f"{lo}–{hi} {word}" for lo, hi, word in questionnaires.bands(instrument))
        out += ["", f"Bands: {bands}.", ""]
    out += ["### Habits per week", ""]
    weeks_list, shares = insights.habits_per_week(data.days, data.habits)
    if not shares:
        out += ["No habits logged in this range.", ""]
    else:
        labels = summary.habit_labels(data)
        out += [
            "Each character is one week (from " + weeks_list[0].isoformat() + "): the "
            "share of logged days done, from ▁ (none) to █ (every day); a blank is not "
            "logged.",
            "",
            "```",
        ]
        names = {key: visible(labels.get(key, key), one_line=True) for key in shares}
        width = max(len(name) for name in names.values())
        for key, cells in shares.items():
            line = "".join(
                " " if share is None else BLOCKS[max(1, round(share * 8))] for share, _ in cells
            )
            out.append(f"{names[key]:<{width}}  {line}")
        out += ["```", ""]
    out += ["### Mood by day after a session", ""]
    curve = computed.analysis.response_curve
    if not curve:
        out += ["No mood logged after a session in this range.", ""]
    else:
        rows = [
            [
                str(p["day"]),
                insights.format_one(p["mean_mood"]),
                str(p["n"]),
                f"`{_bar(float(p['mean_mood']), 10)}`",
            ]
            for p in curve
        ]
        out += _table(["Day", "Mean mood", "n", "0–10"], rows, {0, 1, 2})
        out += ["", "Day 0 is the session day; small n means an unsteady mean.", ""]


def _questionnaires(out: list[str], data: ReportData) -> None:
    out += ["## Questionnaires", ""]
    if not data.assessments:
        out += ["No PHQ-9 or GAD-7 in this range.", ""]
        return
    out += _table(list(summary.QUESTIONNAIRE_HEADERS), summary.questionnaire_rows(data), {2})
    out.append("")


def _appointments(out: list[str], data: ReportData) -> None:
    """The appointments in range (no section when there are none)."""
    rows = summary.appointment_rows(data)
    if rows:
        out += ["## Appointments", ""]
        cells = [[_cell(cell) for cell in row] for row in rows]
        out += _table(list(summary.APPOINTMENT_HEADERS), cells, set())
        out.append("")


def _sessions(out: list[str], data: ReportData) -> None:
    out += ["## Sessions", ""]
    sessions = data.sessions_in_range
    if not sessions:
        out += ["No treatment sessions in this range.", ""]
        return
    numbers = data.session_number()
    start = data.detail_since()
    if start is not None and any(s.date < start for s in sessions):
        rows = [
            [
                str(numbers[s.id]),
                f"{s.at:%Y-%m-%d %H:%M}",
                kind_label(s.kind),
                "" if s.dose_mg is None else f"{plain_number(s.dose_mg)} mg",
                ("–" if s.mood_before is None else str(s.mood_before))
                + " → "
                + ("–" if s.mood_after is None else str(s.mood_after)),
                "" if s.dissociation is None else str(s.dissociation),
                _strong(aftercare_words(s)),
            ]
            for s in sessions
            if s.date < start
        ]
        out += [f"### Before {summary.day_words(start)}", ""]
        header = ["#", "Date", "Kind", "Dose", "Mood before → after", "Dissociation", "After-care"]
        out += _table(header, rows, {0, 3, 4, 5})
        out += [
            "",
            "One row each; their provider, intention and insights: export with `--detail all`.",
            "",
        ]
        sessions = [s for s in sessions if s.date >= start]
    for s in sessions:
        dose = "" if s.dose_mg is None else f", {plain_number(s.dose_mg)} mg"
        before = "–" if s.mood_before is None else str(s.mood_before)
        after = "–" if s.mood_after is None else str(s.mood_after)
        out.append(f"### #{numbers[s.id]} · {s.at:%Y-%m-%d %H:%M} · {kind_label(s.kind)}{dose}")
        out.append("")
        line = f"- Mood before → after: {before} → {after}"
        if s.dissociation is not None:
            line += f"; dissociation {s.dissociation}/10"
        out.append(line)
        missed = [
            label for item, label in AFTERCARE_ITEMS.items() if s.aftercare.get(item) is False
        ]
        care = f"- After-care: {_strong(aftercare_words(s))}"
        out.append(care + (f"; not done: {', '.join(missed)}" if missed else ""))
        if s.side_effects:
            out.append(
                "- Side effects: " + _md(", ".join(w.replace("_", " ") for w in s.side_effects))
            )
        if s.bp_before or s.bp_after:
            out.append("- Blood pressure: " + " → ".join(v for v in (s.bp_before, s.bp_after) if v))
        if s.provider:
            out.append(f"- Provider: {_cell(s.provider)}")
        for name, text in (("Intention", s.intention), ("Insights", s.insights)):
            if text:
                body = _md(text).replace("\n", "\n  ")
                out.append(f"- {name}: {body}")
        out.append("")


def _daily(out: list[str], data: ReportData) -> None:
    out += ["## Daily check-ins", ""]
    if not data.days:
        out += ["No check-ins in this range.", ""]
        return
    logged = {key for day in data.days for key in day.habits}
    habits = [h for h in data.habits if h.key in logged or not h.archived]
    dates = data.session_dates()
    start = data.detail_since()
    shown = data.days if start is None else [d for d in data.days if d.date >= start]
    if start is not None:
        out += [f"### Week by week before {summary.day_words(start)}", ""]
        weekly = summary.weekly_rows(
            data, [d for d in data.days if d.date < start], data.session_number()
        )
        out += _table(list(summary.WEEK_HEADERS), weekly, {1, 2, 3, 4, 5})
        out += [
            "",
            "Means of the days logged in each week (Monday first), one decimal, half up; – = "
            "nothing logged. Every day and note: export with `--detail all`.",
            "",
            f"### Day by day from {summary.day_words(start)}",
            "",
        ]
    tags = data.redaction != "text"
    header = [
        "Date",
        "Day",
        "Mood",
        "Anxiety",
        "Energy",
        "Sleep h",
        *(_cell(h.label) for h in habits),
    ]
    if tags:
        header.append("Tags")
    rows = []
    for day in shown:
        row = [
            day.date.isoformat(),
            insights.index_words(day.date, dates),
            *(_plain(v) for v in (day.mood, day.anxiety, day.energy)),
            "" if day.sleep_hours is None else insights.format_one(day.sleep_hours),
            *(habit_cell(h, day.habits.get(h.key)) for h in habits),
        ]
        if tags:
            row.append(_cell(" ".join(day.tags)))
        rows.append(row)
    out += _table(header, rows, {1, 2, 3, 4, 5})
    out += [
        "",
        "Day: days since the most recent session (0 = session day, base = before the "
        "first session). Habit cells empty = not logged.",
        "",
    ]


def _plain(value: int | None) -> str:
    return "" if value is None else str(value)


def _notes(out: list[str], data: ReportData) -> None:
    if data.redaction != "none":
        return
    out += ["## Journal notes", ""]
    start = data.detail_since()
    notes = [day for day in data.days if day.note and (start is None or day.date >= start)]
    if start is not None:
        earlier = sum(1 for day in data.days if day.note and day.date < start)
        out += [
            f"The notes from {summary.day_words(start)} on. "
            + ("1 earlier note is" if earlier == 1 else f"{earlier} earlier notes are")
            + " left out of this report; export with `--detail all` for every note.",
            "",
        ]
    if not notes:
        out += ["No notes in this range.", ""]
        return
    for day in notes:
        out += [f"### {summary.day_words(day.date)} ({day.date:%A})", "", _md(day.note or ""), ""]
