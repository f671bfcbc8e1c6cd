"""The HTML report (PRODUCT.md §7, SCREENS.md): one self-contained file for the therapist.

No script, no font, image or stylesheet from anywhere: the styles are inline, the charts
inline SVG. A print stylesheet gives clean A4/Letter pages (table rows and charts are never
cut). Every string from the journal goes through `html.escape`. Built from lists of strings
joined once, so ten years of days render in a fraction of a second.
"""

from __future__ import annotations

from datetime import date
from html import escape

from recovery_journal import assessments as questionnaires
from recovery_journal import insights
from recovery_journal.model import AFTERCARE_ITEMS, Day, Habit, plain_number
from recovery_journal.report import summary
from recovery_journal.report.data import ReportData
from recovery_journal.report.redaction import NOTICE
from recovery_journal.report.since_last import DROVE, aftercare_words
from recovery_journal.report.svg import (
    habits_chart,
    mood_chart,
    questionnaire_chart,
    response_chart,
)
from recovery_journal.tables import habit_cell, kind_label

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; color: #111;
  background: #fff; margin: 0 auto; max-width: 60rem; padding: 1.5rem 1.5rem 3rem;
  font-size: 15px; line-height: 1.45; }
h1 { font-size: 1.45rem; margin: 0 0 .2rem; font-weight: 600; }
h2 { font-size: 1.1rem; margin: 1.8rem 0 .5rem; padding-bottom: .2rem;
  border-bottom: 1px solid #999; font-weight: 600; }
h3 { font-size: .95rem; margin: 1rem 0 .25rem; }
.meta { color: #444; margin: 0 0 1rem; }
.safety { border: 2px solid #000; background: #f0f0f0; padding: .6rem .9rem; margin: 1rem 0; }
.safety h2 { border: 0; margin: 0 0 .3rem; font-size: 1.05rem; }
.safety p { margin: .25rem 0; }
.flag { font-weight: 600; }
.redacted { border: 1px dashed #555; padding: .4rem .8rem; margin: 1rem 0; }
ul.summary { padding-left: 1.2rem; margin: .3rem 0; }
ul.summary li { margin: .25rem 0; }
figure { margin: .8rem 0 1.2rem; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; border: 1px solid #ccc; }
figcaption { font-size: .82rem; color: #444; margin-top: .25rem; }
table { border-collapse: collapse; width: 100%; font-size: .82rem; margin: .4rem 0 1rem; }
th, td { border-bottom: 1px solid #ccc; padding: .22rem .35rem; text-align: left;
  vertical-align: top; }
th { border-bottom: 1.5px solid #333; font-weight: 600; background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr, tbody.session { break-inside: avoid; page-break-inside: avoid; }
.nowrap { white-space: nowrap; }
table.sessions tr.details td { border-bottom: 1px solid #999; padding-bottom: .45rem;
  font-size: .95em; }
table.sessions tbody.session tr:first-child td { border-bottom: 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.small { font-size: .8rem; color: #444; }
article.note { break-inside: avoid-page; margin: 0 0 .8rem; }
article.note h3 { margin-bottom: .1rem; }
.note-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font-size: .9rem; }
.drove { font-weight: 700; text-decoration: underline; }
section.since-last { border: 1.5px solid #333; padding: .3rem .9rem .4rem; margin: 1rem 0; }
section.since-last h2 { border: 0; margin: .2rem 0 .2rem; }
table.after td, table.after th { padding: .12rem .3rem; }
footer { margin-top: 2rem; border-top: 1px solid #999; padding-top: .5rem; }
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  section.first-page { break-after: page; page-break-after: always; }
  section.first-page h2 { margin-top: .8rem; }
  section.first-page ul.summary li { margin: .1rem 0; }
  section.daily, section.notes { break-before: page; page-break-before: always; }
  figure svg { border: 0; }
  .safety { background: #fff; }
}
"""


def render_html(data: ReportData) -> str:
    """The whole report as one HTML document."""
    computed = summary.analyse(data)
    out: list[str] = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(summary.TITLE)} · {escape(summary.range_words(data))}</title>\n"
        '<meta name="generator" content="recovery-journal">\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n<header>\n"
        f"<h1>{escape(summary.TITLE)}</h1>\n"
        f'<p class="meta">{escape(summary.subtitle(data))}</p>\n</header>\n'
    ]
    out.append('<section class="first-page">\n')
    _safety(out, data)
    if data.redaction != "none":
        out.append(f'<p class="redacted"><strong>{escape(NOTICE[data.redaction])}</strong></p>\n')
    out.append(
        '<section class="since-last">\n<h2>Since the last session</h2>\n<ul class="summary">\n'
    )
    out.extend(_line(line) for line in summary.since_last(data))
    out.append("</ul>\n</section>\n")
    out.append('<section class="summary-section">\n<h2>Summary</h2>\n<ul class="summary">\n')
    out.extend(_line(line) for line in summary.summary_lines(data, computed))
    out.append(
        '</ul>\n<p class="small">Mood is the patient\'s own rating from 1 (worst) to 10 '
        "(best). Differences between days with and without a habit are associations, not "
        "causes. See the notes at the end of this report.</p>\n</section>\n</section>\n"
    )
    _after_sessions(out, computed)
    _charts(out, data, computed)
    _questionnaires(out, data)
    _appointments(out, data)
    _sessions(out, data)
    _daily(out, data)
    _notes(out, data)
    _footer(out)
    out.append("</body>\n</html>\n")
    return "".join(out)


def _line(line: str) -> str:
    """A summary line, "drove after the session" made to stand out."""
    text = escape(line)
    for words in (DROVE, DROVE.capitalize()):
        text = text.replace(words, f'<strong class="drove">{words}</strong>')
    return f"<li>{text}</li>\n"


def _after_sessions(out: list[str], computed: summary.Analysis) -> None:
    out.append('<section class="after-sessions">\n<h2>After each session</h2>\n')
    rows = summary.after_session_rows(computed)
    if not rows:
        out.append("<p>No treatment sessions in this range.</p>\n</section>\n")
        return
    out.append(
        '<p class="small">Mood on the session day (0) and each of the 7 days after it '
        "(– not logged; empty once the next session begins or the range ends). Baseline: "
        "the mean mood of the 14 days before the session. Days above: how many logged days "
        "after the session the mood stayed above the baseline before it first did not.</p>\n"
    )
    head = "".join(
        f'<th class="num">{escape(h)}</th>' if i != 1 else f"<th>{escape(h)}</th>"
        for i, h in enumerate(summary.AFTER_SESSION_HEADERS)
    )
    out.append(f'<table class="after">\n<thead><tr>{head}</tr></thead>\n<tbody>\n')
    out.extend(
        "<tr>"
        + "".join(
            f'<td class="nowrap">{c}</td>' if i == 1 else f'<td class="num">{c}</td>'
            for i, c in enumerate(row)
        )
        + "</tr>\n"
        for row in rows
    )
    out.append("</tbody>\n</table>\n</section>\n")


def _safety(out: list[str], data: ReportData) -> None:
    flags = summary.safety_flags(data, limit=summary.MAX_FLAGS_IN_FULL)
    if not flags:
        return
    out.append('<section class="safety" role="alert">\n<h2>[!] Safety</h2>\n')
    out.extend(f'<p class="flag">[!] Safety: {escape(flag)}</p>\n' for flag in flags)
    resources = escape(questionnaires.report_crisis_resources(data.country))
    out.append(
        "<p>Nobody monitors this journal: these answers were seen by no one until this "
        f"report was shared. {resources}</p>\n</section>\n"
    )


def _charts(out: list[str], data: ReportData, computed: summary.Analysis) -> None:
    labels = summary.habit_labels(data)
    rolling = insights.rolling_mood([*data.history_days, *data.days])
    weeks, shares = insights.habits_per_week(data.days, data.habits)
    out.append('<section class="charts">\n<h2>Charts</h2>\n')
    figures = [
        (
            mood_chart(data.days, rolling, data.sessions, computed.numbers, data.since, data.until),
            "Daily mood (dots) with the 7-day rolling mean (line). Dashed lines mark "
            "treatment sessions, labelled by their number.",
        ),
    ]
    for instrument in questionnaires.INSTRUMENTS:
        if any(a.instrument == instrument for a in data.assessments):
            label = questionnaires.INSTRUMENT_LABELS[instrument]
            figures.append(
                (
                    questionnaire_chart(data.assessments, instrument, data.since, data.until),
                    f"{label} totals over time on the severity bands. A change of 5 points or "
                    "more from the first score is a meaningful change.",
                )
            )
    figures.append(
        (
            habits_chart(weeks, shares, labels),
            "Habits per week: each bar is the share of the days the habit was logged on "
            "which it was done. An empty slot means it was not logged that week.",
        )
    )
    figures.append(
        (
            response_chart(computed.analysis.response_curve),
            "Mean mood on the session day (0) and each of the 14 days after it; n is the "
            "number of logged days behind each mean. Small n means an unsteady mean.",
        )
    )
    for svg, caption in figures:
        out.append(f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>\n")
    out.append("</section>\n")


def _questionnaires(out: list[str], data: ReportData) -> None:
    out.append('<section class="questionnaires">\n<h2>Questionnaires</h2>\n')
    if not data.assessments:
        out.append("<p>No PHQ-9 or GAD-7 in this range.</p>\n</section>\n")
        return
    numeric = {2, 4}
    head = "".join(
        f'<th class="num">{name}</th>' if i in numeric else f"<th>{name}</th>"
        for i, name in enumerate(summary.QUESTIONNAIRE_HEADERS)
    )
    out.append(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n")
    for row in summary.questionnaire_rows(data):
        cells = "".join(
            f'<td class="num">{escape(cell)}</td>' if i in numeric else f"<td>{escape(cell)}</td>"
            for i, cell in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>\n")
    out.append(
        f'</tbody>\n</table>\n<p class="small">{escape(questionnaires.ATTRIBUTION)}</p>\n'
        "</section>\n"
    )


def _appointments(out: list[str], data: ReportData) -> None:
    """The appointments in range (no section when there are none)."""
    rows = summary.appointment_rows(data)
    if not rows:
        return
    out.append('<section class="appointments">\n<h2>Appointments</h2>\n<table>\n<thead><tr>')
    out.append("".join(f"<th>{name}</th>" for name in summary.APPOINTMENT_HEADERS))
    out.append("</tr></thead>\n<tbody>\n")
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>\n")
    out.append("</tbody>\n</table>\n</section>\n")


def _sessions(out: list[str], data: ReportData) -> None:
    sessions = data.sessions_in_range
    out.append('<section class="sessions">\n<h2>Sessions</h2>\n')
    if not sessions:
        out.append("<p>No treatment sessions in this range.</p>\n</section>\n")
        return
    numbers = data.session_number()
    words = data.redaction == "none"
    text = data.redaction != "text"
    start = data.detail_since()
    if start is not None:
        out.append(
            f'<p class="small">Sessions before {escape(summary.day_words(start))} in one row '
            "each; which after-care items were missed, the provider, intention and insights: "
            "export with "
            "<code>--detail all</code>.</p>\n"
        )
    out.append(
        '<table class="sessions">\n<thead><tr><th class="num">#</th><th>Date</th><th>Kind</th>'
        '<th class="num">Dose</th><th class="num">Mood before → after</th>'
        '<th class="num">Dissociation</th><th>After-care</th><th>Side effects</th>'
        + ("<th>Blood pressure</th>" if text else "")
        + "</tr></thead>\n"
    )
    columns = 9 if text else 8
    for s in sessions:
        missed = [
            label for item, label in AFTERCARE_ITEMS.items() if s.aftercare.get(item) is False
        ]
        care = escape(aftercare_words(s)).replace(DROVE, f'<strong class="drove">{DROVE}</strong>')
        before = "–" if s.mood_before is None else str(s.mood_before)
        after = "–" if s.mood_after is None else str(s.mood_after)
        dose = "" if s.dose_mg is None else f"{plain_number(s.dose_mg)}&nbsp;mg"
        cells = [
            f'<td class="num">{numbers[s.id]}</td>',
            f'<td class="nowrap">{s.at:%Y-%m-%d %H:%M}</td>',
            f'<td class="nowrap">{escape(kind_label(s.kind))}</td>',
            f'<td class="num nowrap">{dose}</td>',
            f'<td class="num nowrap">{before} → {after}</td>',
            f'<td class="num">{"" if s.dissociation is None else s.dissociation}</td>',
            f'<td class="nowrap">{care}</td>',
            f"<td>{escape(', '.join(w.replace('_', ' ') for w in s.side_effects))}</td>",
        ]
        if text:
            bp = " → ".join(v for v in (s.bp_before, s.bp_after) if v)
            cells.append(f'<td class="nowrap">{escape(bp)}</td>')
        details = []
        older = start is not None and s.date < start
        if missed and not older:
            details.append(f"<b>After-care not done:</b> {escape(', '.join(missed))}")
        if older:
            pass  # before the daily detail: one row; the rest with --detail all
        elif text and s.provider:
            details.append(f"<b>Provider:</b> {escape(s.provider)}")
        if older:
            pass
        elif words and s.intention:
            details.append(f'<b>Intention:</b> <span class="text">{escape(s.intention)}</span>')
        if not older and words and s.insights:
            details.append(f'<b>Insights:</b> <span class="text">{escape(s.insights)}</span>')
        out.append('<tbody class="session"><tr>' + "".join(cells) + "</tr>")
        if details:
            out.append(
                f'<tr class="details"><td></td><td colspan="{columns - 1}">'
                + "<br>".join(details)
                + "</td></tr>"
            )
        out.append("</tbody>\n")
    out.append("</table>\n</section>\n")


def _shown_habits(data: ReportData) -> list[Habit]:
    logged = {key for day in data.days for key in day.habits}
    return [h for h in data.habits if h.key in logged or not h.archived]


def _daily(out: list[str], data: ReportData) -> None:
    out.append('<section class="daily">\n<h2>Daily check-ins</h2>\n')
    if not data.days:
        out.append("<p>No check-ins in this range.</p>\n</section>\n")
        return
    habits = _shown_habits(data)
    dates = data.session_dates()
    start = data.detail_since()
    shown = data.days if start is None else [d for d in data.days if d.date >= start]
    if start is not None:
        _weekly(out, data, [d for d in data.days if d.date < start], start)
    tags = data.redaction != "text"
    head = [
        "<th>Date</th>",
        '<th class="num">Day</th>',
        '<th class="num">Mood</th>',
        '<th class="num">Anxiety</th>',
        '<th class="num">Energy</th>',
        '<th class="num">Sleep h</th>',
        *(f"<th>{escape(h.label)}</th>" for h in habits),
    ]
    if tags:
        head.append("<th>Tags</th>")
    if start is not None:
        out.append(f"<h3>Day by day from {escape(summary.day_words(start))}</h3>\n")
    out.append(
        '<p class="small">Day: days since the most recent session (0 = session day, '
        "“base” = before the first session). Habit cells: minutes, a count, or yes/no; "
        "empty = not logged.</p>\n"
        "<table>\n<thead><tr>" + "".join(head) + "</tr></thead>\n<tbody>\n"
    )
    rows = []
    for day in shown:
        cells = [
            f"<td>{day.date.isoformat()}</td>",
            f'<td class="num">{insights.index_words(day.date, dates)}</td>',
            f'<td class="num">{_v(day.mood)}</td>',
            f'<td class="num">{_v(day.anxiety)}</td>',
            f'<td class="num">{_v(day.energy)}</td>',
            f'<td class="num">{_sleep(day.sleep_hours)}</td>',
            *(f"<td>{habit_cell(h, day.habits.get(h.key))}</td>" for h in habits),
        ]
        if tags:
            cells.append(f"<td>{escape(' '.join(day.tags))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>\n")
    out.extend(rows)
    out.append("</tbody>\n</table>\n</section>\n")


def _v(value: float | int | None) -> str:
    return "" if value is None else str(plain_number(value))


def _sleep(value: float | None) -> str:
    """Sleep hours in one style: one decimal (7 → 7.0)."""
    return "" if value is None else insights.format_one(value)


def _weekly(out: list[str], data: ReportData, days: list[Day], start: date) -> None:
    """Weekly rows for the days before the daily table (a long range, `--detail recent`)."""
    out.append(
        f"<h3>Week by week before {escape(summary.day_words(start))}</h3>\n"
        '<p class="small">Means of the days logged in each week (Monday first), one '
        "decimal, half up; – = nothing logged. Every day and note: export with "
        "<code>--detail all</code>.</p>\n"
    )
    numeric = {1, 2, 3, 4, 5}
    head = "".join(
        f'<th class="num">{h}</th>' if i in numeric else f"<th>{h}</th>"
        for i, h in enumerate(summary.WEEK_HEADERS)
    )
    out.append(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n")
    out.extend(
        "<tr>"
        + "".join(
            f'<td class="num">{c}</td>' if i in numeric else f"<td>{escape(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>\n"
        for row in summary.weekly_rows(data, days, data.session_number())
    )
    out.append("</tbody>\n</table>\n")


def _notes(out: list[str], data: ReportData) -> None:
    if data.redaction != "none":
        return
    start = data.detail_since()
    notes = [day for day in data.days if day.note and (start is None or day.date >= start)]
    out.append('<section class="notes">\n<h2>Journal notes</h2>\n')
    if start is not None:
        earlier = sum(1 for day in data.days if day.note and day.date < start)
        out.append(
            f'<p class="small">The notes from {escape(summary.day_words(start))} on. '
            f"{'1 earlier note is' if earlier == 1 else f'{earlier} earlier notes are'} left "
            "out of this printed "
            "report; export with <code>--detail all</code> for every note.</p>\n"
        )
    if not notes:
        out.append("<p>No notes in this range.</p>\n</section>\n")
        return
    for day in notes:
        out.append(
            f'<article class="note"><h3>{escape(summary.day_words(day.date))} '
            f"({day.date:%A})</h3>"
            f'<p class="note-text">{escape(day.note or "")}</p></article>\n'
        )
    out.append("</section>\n")


def _footer(out: list[str]) -> None:
    out.append(
        '<footer class="small">\n<p><strong>Reading this report.</strong> Mood, anxiety and '
        "energy are the patient's own daily ratings; PHQ-9 and GAD-7 are self-report "
        "screening questionnaires, not diagnoses. Links between habits and mood are "
        "associations in this journal, not proof of cause: sleep, stress, the season and "
        "the treatment itself move both. Means resting on few days are unsteady.</p>\n"
        "<p>Made with recovery-journal, a private journal kept on the patient's own device. "
        "Nobody monitors it.</p>\n</footer>\n"
    )
