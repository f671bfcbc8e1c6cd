"""Redaction (PRODUCT.md §7): what a report leaves out, applied to the data before any
format sees it, so that no format can leak a word that was left out.

- `notes`: day notes, session intention and insights, appointment notes.
- `text`: also tags, providers (of sessions and appointments), free side-effect words (the
  listed ones stay), blood
  pressure, and custom habits named "custom habit 1, 2, …" instead of their key and label.

Treatment plans hold no free text (dates, a template name, a session kind): every level
keeps them as they are.
"""

from __future__ import annotations

from dataclasses import replace

from recovery_journal.model import (
    BUILT_IN_HABITS,
    KNOWN_SIDE_EFFECTS,
    Appointment,
    Day,
    Habit,
    Session,
)
from recovery_journal.report.data import ReportData, check_redaction

# Which JSON keys each level leaves out (the export file omits them; import never clears them).
DAY_KEYS_LEFT_OUT = {"none": (), "notes": ("note",), "text": ("note", "tags")}
SESSION_KEYS_LEFT_OUT = {
    "none": (),
    "notes": ("intention", "insights"),
    "text": ("intention", "insights", "provider", "bp_before", "bp_after"),
}
APPOINTMENT_KEYS_LEFT_OUT = {"none": (), "notes": ("note",), "text": ("note", "provider")}

NOTICE = {
    "none": "",
    "notes": "Redacted: day notes, session intentions and insights, and appointment notes are "
    "left out of this report.",
    "text": "Redacted: all free text is left out of this report — notes (of days and "
    "appointments), intentions, insights, tags, providers (of sessions and appointments), "
    "free side-effect words and blood pressure; custom habits are shown as “custom habit 1, "
    "2, …”. Numbers, the built-in vocabulary, appointment times and kinds, and the treatment "
    "plan's dates remain.",
}


def custom_habit_names(habits: list[Habit]) -> dict[str, tuple[str, str]]:
    """Custom habit key → (redacted key, redacted label), numbered in the journal's order."""
    names = {}
    for number, habit in enumerate((h for h in habits if not h.built_in), start=1):
        names[habit.key] = (f"custom_habit_{number}", f"custom habit {number}")
    return names


def redact(data: ReportData, level: str) -> ReportData:
    """A copy of the data with the words of `level` left out."""
    check_redaction(level)
    if level == "none":
        return data
    text = level == "text"
    names = custom_habit_names(data.habits) if text else {}

    def day(d: Day) -> Day:
        habits = d.habits
        if names:
            habits = {names.get(k, (k, ""))[0]: v for k, v in d.habits.items()}
        return replace(d, note=None, tags=[] if text else list(d.tags), habits=habits)

    def session(s: Session) -> Session:
        if not text:
            return replace(s, intention=None, insights=None)
        return replace(
            s,
            intention=None,
            insights=None,
            provider=None,
            bp_before=None,
            bp_after=None,
            side_effects=[w for w in s.side_effects if w in KNOWN_SIDE_EFFECTS],
        )

    def appointment(a: Appointment) -> Appointment:
        return replace(a, note=None, provider=None if text else a.provider)

    habits = [_redact_habit(h, names) for h in data.habits] if text else data.habits
    return replace(
        data,
        redaction=level,
        habits=habits,
        days=[day(d) for d in data.days],
        history_days=[day(d) for d in data.history_days],
        sessions=[session(s) for s in data.sessions],
        appointments=[appointment(a) for a in data.appointments],
    )


_DEFAULT_LABELS = {habit.key: habit.label for habit in BUILT_IN_HABITS}


def _redact_habit(habit: Habit, names: dict[str, tuple[str, str]]) -> Habit:
    """Custom habits get numbered names; built-in ones their built-in label (a renamed
    label is the user's words)."""
    if habit.key in names:
        key, label = names[habit.key]
        return replace(habit, key=key, label=label)
    return replace(habit, label=_DEFAULT_LABELS.get(habit.key, habit.key))
