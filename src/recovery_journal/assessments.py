"""The questionnaires (PHQ-9, GAD-7, …): scoring, bands, change over time and safety
(PRODUCT.md §6).

What each questionnaire is (its items, options, bands and safety item) is defined once in
`recovery_journal.instruments`; this module scores them and speaks about their scores, for
the CLI, the TUI's Check-ins screen, the charts and the reports alike. The names below
(`INSTRUMENTS`, `INSTRUMENT_LABELS`, `BANDS`, `MAX_TOTAL`, `QUESTIONNAIRES`) are views of
that registry. Standard library only; no terminal or Textual code here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from recovery_journal.errors import InvalidInput
from recovery_journal.instruments import ATTRIBUTION, BY_KEY, RESPONSE_OPTIONS, Instrument
from recovery_journal.model import Assessment

__all__ = ["ATTRIBUTION", "RESPONSE_OPTIONS", "Instrument"]  # and the functions below

if TYPE_CHECKING:
    from recovery_journal.crisis_lines import CrisisLine

# Views of the registry, keyed by instrument, in its order.
INSTRUMENTS = {key: form.count for key, form in BY_KEY.items()}
INSTRUMENT_LABELS = {key: form.label for key, form in BY_KEY.items()}
# (lowest total, severity word), highest band first.
BANDS = {key: form.bands for key, form in BY_KEY.items()}
MAX_TOTAL = {key: form.max_total for key, form in BY_KEY.items()}

# One form as it is shown to the patient: title, recall line, items, options, attribution.
Questionnaire = Instrument
QUESTIONNAIRES = BY_KEY

# Said where the questionnaires are offered (PRODUCT.md §6: weekly or before a session).
WHEN_TO_TAKE = (
    "Once a week, or before a session, is enough: each one looks back over two weeks, "
    "so there is no need to take it every day."
)

# ---------------------------------------------------------------- safety

SAFETY_TITLE = "A note about your last answer"

# Paragraphs and list items are single lines: each interface wraps them to its width. The
# crisis line is the patient's country's (`crisis_lines.resolve`); without a known country,
# the US line and "elsewhere, your local emergency number".
_OPENING = (
    "You said that thoughts of being better off dead, or of hurting yourself, have come "
    "up for you. Thank you for answering honestly. You are not alone, and you do not "
    "have to carry this by yourself."
)
_CARE_TEAM = "- Tell your care team about these thoughts; your therapist or prescriber can help."
_NOBODY = (
    "Nobody monitors this journal: no one will see this answer unless you share it, so "
    "please reach out to someone directly."
)


def _crisis_line(country: str | None) -> CrisisLine | None:
    from recovery_journal.crisis_lines import line_for

    return line_for(country)


def crisis_line_item(line: CrisisLine) -> str:
    """`In the UK, you can call 116 123 (Samaritans), any time of day or night.`"""
    hours = ", any time of day or night" if line.all_hours else ""
    text = f"In {line.name}, you can {line.how_to_reach()} ({line.service}){hours}."
    if line.note:
        text += f" {line.note[0].upper()}{line.note[1:]}."
    return text


def crisis_line_short(country: str | None) -> str:
    """`in the UK, call 116 123 (Samaritans)`; without a known country, the US line."""
    line = _crisis_line(country)
    if line is None:
        return "in the US, call or text 988"
    return f"in {line.name}, {line.how_to_reach()} ({line.service})"


def safety_body(country: str | None = None) -> str:
    """The safety message's body for the patient's country (None: not known)."""
    line = _crisis_line(country)
    items: tuple[str, ...]
    if line is None:
        items = (
            "- If you are in danger now, call your local emergency number.",
            "- In the US, you can call or text 988 (Suicide & Crisis Lifeline), any time of "
            "day or night.",
            "- Elsewhere, your local emergency number or a local crisis line can help.",
        )
    else:
        items = (
            f"- If you are in danger now, call {line.emergency}.",
            f"- {crisis_line_item(line)}",
        )
    return "\n".join((_OPENING, "", *items, _CARE_TEAM, "", _NOBODY))


def safety_message(country: str | None = None) -> str:
    """The title and the body (the CLI prints it whole)."""
    return f"{SAFETY_TITLE}\n\n{safety_body(country)}"


def _reach_now(country: str | None) -> str:
    line = _crisis_line(country)
    if line is None:
        return "call or text 988 in the US, or your local emergency number"
    return f"{line.how_to_reach()} ({line.service}), or the emergency number, {line.emergency}"


def safety_reminder(country: str | None = None) -> str:
    """A short line for lists of past scores that hold an item-9 answer above 0."""
    return (
        "Some PHQ-9 answers to item 9 were above 0. If those thoughts are with you now, "
        f"{_reach_now(country)}, and tell your care team. Nobody monitors this journal."
    )


def safety_summary_line(country: str | None = None) -> str:
    """Beside a score whose PHQ-9 item 9 is above 0 (the questionnaire's summary, result)."""
    return (
        "Your answer to question 9 matters more than the total. If those thoughts are with "
        f"you now, {_reach_now(country)}. Nobody monitors this journal."
    )


def report_crisis_resources(country: str | None = None) -> str:
    """What a report says of the crisis resources the patient was given."""
    line = _crisis_line(country)
    if line is None:
        return (
            "Crisis resources given to the patient: 988 Suicide & Crisis Lifeline (US, call "
            "or text 988); elsewhere, local emergency numbers."
        )
    return (
        f"Crisis resources given to the patient: {line.service} ({line.name}, "
        f"{line.how_to_reach()}); emergency number {line.emergency}."
    )


# Without a known country (kept for callers that do not know one).
SAFETY_BODY = safety_body(None)
SAFETY_MESSAGE = safety_message(None)
SAFETY_REMINDER = safety_reminder(None)
SAFETY_SUMMARY_LINE = safety_summary_line(None)

# Said instead of "response" or "remission" when the latest PHQ-9 has item 9 above 0.
SAFETY_BEFORE_LABELS = (
    "the latest answer to item 9 (thoughts of being better off dead or of self-harm) was "
    "above 0, and that answer matters more than the score"
)

# ---------------------------------------------------------------- change over time

MEANINGFUL_CHANGE = 5  # points, against the first score (PRODUCT.md §6)

LABEL_DEFINITIONS = {
    "meaningful": "a change of 5 points or more from the first score",
    "response": "a total at least 50% lower than the first score",
    "remission": "a PHQ-9 total under 5, after a first score of 5 or more",
}


def check_instrument(name: str) -> str:
    """A registered questionnaire's key (`phq9`, `gad7`); anything else is refused."""
    if name not in BY_KEY:
        raise InvalidInput(f"questionnaire {name!r} is not one of: {', '.join(BY_KEY)}")
    return name


def questionnaire(instrument: str) -> Instrument:
    """The form of a questionnaire: title, recall line, items, options, bands, safety item."""
    return BY_KEY[check_instrument(instrument)]


def _answers_text(form: Instrument) -> str:
    """`0, 1, 2 or 3`."""
    values = [str(value) for value in form.answer_values]
    return f"{', '.join(values[:-1])} or {values[-1]}"


def bands(instrument: str) -> list[tuple[int, int, str]]:
    """The severity bands as (lowest, highest, word), lowest band first (for charts)."""
    highs = [MAX_TOTAL[check_instrument(instrument)]]
    result = []
    for lowest, word in BANDS[instrument]:
        result.append((lowest, highs[-1], word))
        highs.append(lowest - 1)
    return result[::-1]


def severity(instrument: str, total: int) -> str:
    """The severity word of a total score."""
    check_instrument(instrument)
    if not 0 <= total <= MAX_TOTAL[instrument]:
        raise InvalidInput(
            f"a {INSTRUMENT_LABELS[instrument]} total must be 0 to {MAX_TOTAL[instrument]}"
        )
    for lowest, word in BANDS[instrument]:
        if total >= lowest:
            return word
    raise AssertionError("unreachable: the lowest band starts at 0")


def _example(instrument: str) -> str:
    form = BY_KEY[instrument]
    return ",".join([str(form.answer_values[0])] * form.count)


def _span(form: Instrument) -> str:
    """`0 to 3`."""
    return f"{form.answer_values[0]} to {form.answer_values[-1]}"


def check_answers(instrument: str, answers: list[int]) -> list[int]:
    """The right number of answers, each one of the form's (0–3)."""
    form = questionnaire(instrument)
    expected, label = form.count, form.label
    if len(answers) != expected:
        raise InvalidInput(
            f"{label} has {expected} questions, but {len(answers)} answers were given; "
            f"give {expected} numbers from {_span(form)}, e.g. {_example(instrument)}"
        )
    for number, answer in enumerate(answers, start=1):
        if (
            isinstance(answer, bool)
            or not isinstance(answer, int)
            or answer not in form.answer_values
        ):
            raise InvalidInput(
                f"{label} answer {number} must be {_answers_text(form)}, not {answer!r}"
            )
    return answers


def parse_answer(text: str) -> int:
    """One typed answer: `0`, `1`, `2` or `3` (spaces around it are fine)."""
    word = text.strip()
    if word not in ("0", "1", "2", "3"):
        raise InvalidInput(f"answer {text.strip()!r} is not 0, 1, 2 or 3")
    return int(word)


def parse_answers(instrument: str, text: str) -> list[int]:
    """`--answers 0,1,2,…`: one number 0–3 per question, separated by commas."""
    form = questionnaire(instrument)
    expected, label = form.count, form.label
    parts = [part.strip() for part in text.split(",")]
    if parts == [""]:
        parts = []
    if len(parts) != expected:
        raise InvalidInput(
            f"{label} has {expected} questions, but --answers gave {len(parts)}; "
            f"give {expected} numbers from {_span(form)} separated by commas, "
            f"e.g. --answers {_example(instrument)}"
        )
    allowed = {str(value) for value in form.answer_values}
    meanings = ", ".join(f"{value} {words}" for value, words in form.options)
    answers = []
    for number, part in enumerate(parts, start=1):
        if part not in allowed:
            what = "is missing" if part == "" else f"is {part!r}"
            raise InvalidInput(
                f"{label} answer {number} {what}; each answer must be {_answers_text(form)} "
                f"({meanings})"
            )
        answers.append(int(part))
    return answers


def score(instrument: str, answers: list[int]) -> tuple[int, str]:
    """(total, severity) of a completed questionnaire."""
    total = sum(check_answers(instrument, answers))
    return total, severity(instrument, total)


def new_assessment(
    instrument: str, day: date, answers: Sequence[int], assessment_id: str | None = None
) -> Assessment:
    """A checked and scored questionnaire, ready for `Journal.add_assessment` (id: uuid4)."""
    checked = check_answers(instrument, list(answers))
    total, word = score(instrument, checked)
    return Assessment(
        id=assessment_id or str(uuid.uuid4()),
        instrument=instrument,
        date=day,
        answers=checked,
        total=total,
        severity=word,
    )


# ---------------------------------------------------------------- safety decisions


def has_safety_item(instrument: str) -> bool:
    """True for a questionnaire with a safety item (PHQ-9: item 9)."""
    form = BY_KEY.get(instrument)
    return form is not None and form.safety_item is not None


def shows_safety_message(instrument: str, answers: Sequence[int]) -> bool:
    """True when the safety message must be shown: a PHQ-9 item 9 answer above 0 (the
    instrument's safety item).

    Works on a partial list too, so an interface can show it as soon as item 9 is in.
    """
    form = BY_KEY.get(instrument)
    item = form.safety_item if form is not None else None
    return item is not None and len(answers) >= item and answers[item - 1] > 0


def item9_positive(assessment: Assessment) -> bool:
    """A PHQ-9 whose item 9 ("Thoughts that you would be better off dead …") is above 0."""
    return shows_safety_message(assessment.instrument, assessment.answers)


def item9_flags(
    assessments: Iterable[Assessment], since: date | None = None, until: date | None = None
) -> list[Assessment]:
    """The item-9-positive PHQ-9s dated within since…until (inclusive), oldest first.

    Reports flag each of these at their top, redacted or not.
    """
    return [a for a in _in_range(_chronological(assessments), since, until) if item9_positive(a)]


# ---------------------------------------------------------------- change over time


def change(first_total: int, total: int) -> int:
    """Points from the first score to this one; negative means lower (fewer symptoms)."""
    return total - first_total


def is_meaningful(first_total: int, total: int) -> bool:
    """A change of 5 points or more from the first score, either way."""
    return abs(total - first_total) >= MEANINGFUL_CHANGE


def is_response(first_total: int, total: int) -> bool | None:
    """At least 50% lower than the first score; None when the first score was 0."""
    if first_total <= 0:
        return None
    return 2 * total <= first_total


def is_remission(instrument: str, first_total: int, total: int) -> bool | None:
    """PHQ-9 under 5 after a first score of 5 or more; None for GAD-7 (no remission line)
    or a low first score."""
    below = questionnaire(instrument).remission_below
    if below is None or first_total < below:
        return None
    return total < below


def describe_change(points: int) -> str:
    """`8 points lower`, `1 point higher`, `the same`."""
    if points == 0:
        return "the same"
    unit = "point" if abs(points) == 1 else "points"
    return f"{abs(points)} {unit} {'lower' if points < 0 else 'higher'}"


@dataclass(frozen=True)
class ScoredAssessment:
    """One questionnaire with its change from the first score of the same instrument."""

    assessment: Assessment
    change: int | None  # None for the first score itself
    meaningful: bool
    item9_positive: bool


def with_change_from_first(assessments: Iterable[Assessment]) -> list[ScoredAssessment]:
    """Every questionnaire, oldest first, with its change from that instrument's first score.

    For lists of past scores (CLI `assess list`, the Check-ins screen, report tables).
    """
    firsts: dict[str, Assessment] = {}
    result = []
    for item in _chronological(assessments):
        first = firsts.setdefault(item.instrument, item)
        points = None if first is item else change(first.total, item.total)
        result.append(
            ScoredAssessment(
                assessment=item,
                change=points,
                meaningful=points is not None and abs(points) >= MEANINGFUL_CHANGE,
                item9_positive=item9_positive(item),
            )
        )
    return result


@dataclass(frozen=True)
class InstrumentSummary:
    """First → last score of one questionnaire over a range (reports, insights, the TUI)."""

    instrument: str
    label: str
    count: int
    first: Assessment
    last: Assessment
    change: int | None  # last − first; None with a single score
    meaningful: bool  # |change| ≥ 5
    response: bool | None  # last ≤ half of first; None with one score or a first score of 0
    remission: bool | None  # PHQ-9 only: last < 5 after a first ≥ 5; else None
    item9_latest: bool = False  # the range's latest PHQ-9 has item 9 above 0

    def to_json(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        return {
            "instrument": self.instrument,
            "count": self.count,
            "first": {
                "date": self.first.date.isoformat(),
                "total": self.first.total,
                "severity": self.first.severity,
            },
            "last": {
                "date": self.last.date.isoformat(),
                "total": self.last.total,
                "severity": self.last.severity,
            },
            "change": self.change,
            "meaningful": self.meaningful,
            "response": self.response,
            "remission": self.remission,
        }

    def sentence(self) -> str:
        """The summary in words, e.g. for the report's summary section."""
        first, last = self.first, self.last
        start = f"{self.label}: {first.total} ({first.severity}) on {first.date.isoformat()}"
        if self.change is None:
            return f"{start}; one score so far."
        text = (
            f"{start} → {last.total} ({last.severity}) on {last.date.isoformat()}, "
            f"{describe_change(self.change)}"
        )
        labels = []
        if self.meaningful:
            labels.append("a meaningful change")
        if self.item9_latest:
            # No "response" or "remission" beside an item-9 answer above 0 (issue 13).
            if has_safety_item(self.instrument):
                fell = "the score fell, but " if self.change < 0 else ""
                labels.append(fell + SAFETY_BEFORE_LABELS)
        else:
            if self.response:
                labels.append("response")
            if self.remission:
                labels.append("remission")
        if labels:
            text += " — " + ", ".join(labels)
        return f"{text} ({self.count} scores)."


def summarize(
    assessments: Iterable[Assessment], since: date | None = None, until: date | None = None
) -> list[InstrumentSummary]:
    """Per instrument (in the registry's order, PHQ-9 then GAD-7; only those with scores in
    the range): first → last.

    The first and the last are the first and last score dated within since…until.
    """
    chosen = _in_range(_chronological(assessments), since, until)
    item9_latest = _latest_safety_positive(chosen)
    result = []
    for instrument in BY_KEY:
        scores = [a for a in chosen if a.instrument == instrument]
        if not scores:
            continue
        first, last = scores[0], scores[-1]
        several = len(scores) > 1
        result.append(
            InstrumentSummary(
                instrument=instrument,
                label=INSTRUMENT_LABELS[instrument],
                count=len(scores),
                first=first,
                last=last,
                change=change(first.total, last.total) if several else None,
                meaningful=several and is_meaningful(first.total, last.total),
                response=is_response(first.total, last.total) if several else None,
                remission=is_remission(instrument, first.total, last.total) if several else None,
                item9_latest=item9_latest,
            )
        )
    return result


def result_lines(assessment: Assessment, history: Iterable[Assessment]) -> list[str]:
    """What to say right after a questionnaire is saved: total, band, change from the first.

    `history` is the journal's questionnaires (any instrument), including this one.
    """
    label = INSTRUMENT_LABELS[assessment.instrument]
    lines = [
        f"{label} for {assessment.date.isoformat()}: total {assessment.total} of "
        f"{MAX_TOTAL[assessment.instrument]} — {assessment.severity}"
    ]
    same = [a for a in _chronological(history) if a.instrument == assessment.instrument]
    if not any(a.id == assessment.id for a in same):
        same = _chronological([*same, assessment])
    first = same[0]
    if first.id == assessment.id:
        if len(same) == 1:
            lines.append(f"This is your first {label}; later scores will be compared with it.")
        else:
            lines.append(f"This is now your earliest {label}; later scores are compared with it.")
        return lines
    points = change(first.total, assessment.total)
    line = (
        f"Change from your first {label} ({first.date.isoformat()}: {first.total}, "
        f"{first.severity}): {describe_change(points)}"
    )
    if is_meaningful(first.total, assessment.total):
        line += " — a meaningful change (5 points or more)"
    lines.append(line + ".")
    if item9_positive(assessment) or _latest_safety_positive(
        _chronological([*history, assessment])
    ):
        # Never "response" or "remission" beside an item-9 answer above 0 (issue 13).
        if points < 0 and item9_positive(assessment):
            lines.append("Your score fell, and your answer to question 9 matters more than that.")
    else:
        if is_response(first.total, assessment.total):
            lines.append("Response: at least 50% lower than your first score.")
        if is_remission(assessment.instrument, first.total, assessment.total):
            below = BY_KEY[assessment.instrument].remission_below
            lines.append(f"Remission: a {label} total under {below}.")
    if points >= MEANINGFUL_CHANGE:
        lines.append("Scores go up and down; your care team can help you make sense of this.")
    return lines


# ---------------------------------------------------------------- helpers


def _latest_safety_positive(chronological: list[Assessment]) -> bool:
    """The latest score of a questionnaire with a safety item has it above 0."""
    with_item = [a for a in chronological if has_safety_item(a.instrument)]
    return bool(with_item) and item9_positive(with_item[-1])


def _chronological(assessments: Iterable[Assessment]) -> list[Assessment]:
    """Oldest first; scores on the same date keep the order they were given in."""
    return sorted(assessments, key=lambda a: a.date)


def _in_range(items: list[Assessment], since: date | None, until: date | None) -> list[Assessment]:
    return [
        a
        for a in items
        if (since is None or a.date >= since) and (until is None or a.date <= until)
    ]


def summary_section(
    assessments: Iterable[Assessment], since: date | None = None, until: date | None = None
) -> list[str]:
    """A "Questionnaires" section in words (for `insights` and the app's Insights screen):
    first → last score of each questionnaire with bands, the meaningful change marked."""
    summaries = summarize(assessments, since, until)
    if not summaries:
        return []
    lines = ["Questionnaires"]
    lines += [f"  {summary.sentence()}" for summary in summaries]
    lines.append(
        "  A change of 5 points or more from the first score is a meaningful change; "
        "talk it over with your care team."
    )
    return lines
