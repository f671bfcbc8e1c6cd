"""Merging data into a journal (PRODUCT.md §4, §8): one transaction, all or nothing.

Days merge by date, sessions, appointments, plans and questionnaires by id, habits by key. On a
conflict,
`skip` (the default) keeps what the journal has and `replace` takes the incoming item.
An incoming item equal to what the journal holds is "unchanged" and not written, so
importing the same data twice changes nothing the second time.

A `Partial` day or session carries only some fields (a redacted export leaves notes, tags
and the like out): the fields it lacks are never cleared, also under `replace`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import TYPE_CHECKING

from recovery_journal.errors import InvalidInput
from recovery_journal.model import (
    BUILT_IN_HABITS,
    KNOWN_SIDE_EFFECTS,
    Appointment,
    Assessment,
    Day,
    Habit,
    Session,
    check_appointment,
    check_date,
    check_day,
    check_habit_key,
    check_habit_kind,
    check_habit_room,
    check_label,
    check_session,
    parse_habit_value,
)

if TYPE_CHECKING:
    from recovery_journal.schedule import Plan
    from recovery_journal.store import Journal

ON_CONFLICT = ("skip", "replace")
KINDS = ("habits", "days", "sessions", "assessments", "appointments", "plans")
ACTIONS = ("added", "replaced", "skipped", "unchanged")
DAY_FIELDS = tuple(f.name for f in fields(Day) if f.name != "date")
SESSION_FIELDS = tuple(f.name for f in fields(Session) if f.name not in ("id", "at", "kind"))
APPOINTMENT_FIELDS = ("provider", "note")
# A text-redacted file lists only the known side-effect words: those are merged with the
# journal's free words instead of replacing them.
KNOWN_SIDE_EFFECTS_ONLY = "side_effects:known"
# A text-redacted file's day habits are merged key by key: the habits it leaves out (the
# user's own, renamed "custom habit N" in the file) keep their values.
HABITS_BY_KEY = "habits:by_key"

_NOUNS = {
    "habits": ("habit", "habits"),
    "days": ("day", "days"),
    "sessions": ("session", "sessions"),
    "assessments": ("questionnaire", "questionnaires"),
    "appointments": ("appointment", "appointments"),
    "plans": ("plan", "plans"),
}
_BUILT_IN = {habit.key: habit for habit in BUILT_IN_HABITS}


@dataclass(frozen=True)
class Partial:
    """A day or a session of which only `fields` are given; the others are kept as they are
    (or left empty for a new item)."""

    item: Day | Session | Appointment
    fields: frozenset[str]


@dataclass
class MergeReport:
    """What a merge did (or, in a dry run, would do), per kind and action."""

    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {kind: dict.fromkeys(ACTIONS, 0) for kind in KINDS}
    )
    dry_run: bool = False

    def count(self, kind: str, action: str) -> int:
        """How many items of one kind met one action."""
        return self.counts[kind][action]

    def total(self, action: str) -> int:
        """How many items of every kind met one action."""
        return sum(self.counts[kind][action] for kind in KINDS)

    @property
    def changed(self) -> bool:
        """Whether anything was (or would be) added or replaced."""
        return bool(self.total("added") or self.total("replaced"))

    def _phrase(self, action: str) -> str:
        parts = []
        for kind in ("days", "sessions", "appointments", "plans", "assessments", "habits"):
            n = self.counts[kind][action]
            if n:
                singular, plural = _NOUNS[kind]
                parts.append(f"{n:,} {singular if n == 1 else plural}")
        return ", ".join(parts) if parts else "nothing"

    def summary(self) -> str:
        """One line for people, e.g. "Added 90 days, 6 sessions; replaced nothing; skipped
        2 days (already in the journal); 3 unchanged."."""
        would = "Dry run, nothing written: would have " if self.dry_run else ""
        added = f"{'added' if would else 'Added'} {self._phrase('added')}"
        replaced = f"replaced {self._phrase('replaced')}"
        skipped = f"skipped {self._phrase('skipped')}"
        if self.total("skipped"):
            skipped += " (already in the journal and different; --on-conflict replace takes them)"
        unchanged = self.total("unchanged")
        return f"{would}{added}; {replaced}; {skipped}; {unchanged:,} already the same."


@dataclass
class _Plan:
    new_habits: list[Habit] = field(default_factory=list)
    changed_habits: list[Habit] = field(default_factory=list)
    days: list[Day] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    assessments: list[tuple[Assessment, bool]] = field(default_factory=list)  # (item, exists)
    appointments: list[Appointment] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)


def merge_into(
    journal: Journal,
    *,
    days: Iterable[Day | Partial],
    sessions: Iterable[Session | Partial] = (),
    assessments: Iterable[Assessment] = (),
    habits: Iterable[Habit] = (),
    appointments: Iterable[Appointment | Partial] = (),
    plans: Iterable[Plan] = (),
    on_conflict: str = "skip",
    dry_run: bool = False,
) -> MergeReport:
    """Merge days (by date), sessions and questionnaires (by id) and habits (by key) into
    the journal, in ONE write transaction: everything or nothing.

    An existing habit keeps its label, target and archived flag unless `on_conflict` is
    `replace` (a built-in habit still as shipped takes the incoming ones). Day habit values
    must name a habit the journal has or that `habits` brings. With `dry_run`, nothing is
    written and the report says what would have been.
    """
    if on_conflict not in ON_CONFLICT:
        raise InvalidInput(f"--on-conflict {on_conflict!r} is not one of: skip, replace")
    replacing = on_conflict == "replace"
    items = (
        list(days),
        list(sessions),
        list(assessments),
        list(habits),
        list(appointments),
        list(plans),
    )
    if dry_run:
        return _plan_all(journal, *items, replacing, dry_run=True)[0]
    # Planned and written inside one write transaction: another copy of the app cannot
    # change the journal between what the plan read and what it writes.
    with journal.writing():
        report, plan = _plan_all(journal, *items, replacing, dry_run=False)
        if report.changed:
            _apply(journal, plan)
    return report


def _plan_all(
    journal: Journal,
    days: list[Day | Partial],
    sessions: list[Session | Partial],
    assessments: list[Assessment],
    habits: list[Habit],
    appointments: list[Appointment | Partial],
    plans: list[Plan],
    replacing: bool,
    dry_run: bool,
) -> tuple[MergeReport, _Plan]:
    """What the merge would do (reads only)."""
    report = MergeReport(dry_run=dry_run)
    plan = _Plan()
    known = {habit.key: habit for habit in journal.habits()}
    _plan_habits(habits, known, replacing, report, plan)
    day_items = [_as_partial(item, DAY_FIELDS) for item in days]
    _plan_days(journal, day_items, known, replacing, report, plan)
    session_items = [_as_partial(item, SESSION_FIELDS) for item in sessions]
    _plan_sessions(journal, session_items, replacing, report, plan)
    _plan_assessments(journal, assessments, replacing, report, plan)
    appointment_items = [_as_partial(item, APPOINTMENT_FIELDS) for item in appointments]
    _plan_appointments(journal, appointment_items, replacing, report, plan)
    _plan_plans(journal, plans, replacing, report, plan)
    return report, plan


# ---------------------------------------------------------------- planning (reads only)


def _as_partial(item: Day | Session | Appointment | Partial, all_fields: Sequence[str]) -> Partial:
    if isinstance(item, Partial):
        return item
    return Partial(item, frozenset(all_fields))


def _plan_habits(
    incoming: list[Habit],
    known: dict[str, Habit],
    replacing: bool,
    report: MergeReport,
    plan: _Plan,
) -> None:
    seen: set[str] = set()
    for habit in incoming:
        check_habit_key(habit.key)
        check_habit_kind(habit.kind)
        check_label(habit.label)
        if habit.key in seen:
            raise InvalidInput(f"habit {habit.key!r} is given twice")
        seen.add(habit.key)
        existing = known.get(habit.key)
        if existing is None:
            added = replace(habit, built_in=False)
            plan.new_habits.append(added)
            known[habit.key] = added
            report.counts["habits"]["added"] += 1
            continue
        if existing.kind != habit.kind:
            raise InvalidInput(
                f"habit {habit.key!r} is a {existing.kind} habit in the journal but a "
                f"{habit.kind} habit in the file; rename one of them first"
            )
        same = (existing.label, existing.target, existing.archived) == (
            habit.label,
            habit.target,
            habit.archived,
        )
        if same:
            report.counts["habits"]["unchanged"] += 1
        elif replacing or _as_shipped(existing):
            updated = replace(
                existing, label=habit.label, target=habit.target, archived=habit.archived
            )
            plan.changed_habits.append(updated)
            known[habit.key] = updated
            report.counts["habits"]["replaced"] += 1
        else:
            report.counts["habits"]["skipped"] += 1
    if plan.new_habits or plan.changed_habits:
        active = sum(1 for habit in known.values() if not habit.archived)
        check_habit_room(active, len(known))


def _as_shipped(habit: Habit) -> bool:
    """A built-in habit whose label, target and archived flag are still the defaults."""
    default = _BUILT_IN.get(habit.key)
    return (
        habit.built_in
        and default is not None
        and (habit.label, habit.target, habit.archived)
        == (default.label, default.target, default.archived)
    )


def _plan_days(
    journal: Journal,
    items: list[Partial],
    known: dict[str, Habit],
    replacing: bool,
    report: MergeReport,
    plan: _Plan,
) -> None:
    if not items:
        return
    dates = [item.item.date for item in items]
    if len(set(dates)) != len(dates):
        seen: set[date] = set()
        twice: set[date] = set()
        for day_date in dates:  # one pass: a file of many days stays quick
            (twice if day_date in seen else seen).add(day_date)
        raise InvalidInput(f"the file has more than one day for {min(twice)}; keep one of them")
    existing = {day.date: day for day in journal.days(min(dates), max(dates))}
    for item in items:
        day = item.item
        assert isinstance(day, Day)
        _check_day_habits(day, known)
        current = existing.get(day.date)
        merged = check_day(_merge_day(current, day, item.fields))
        if _decide(report, "days", current, merged, replacing):
            plan.days.append(merged)


def _decide(
    report: MergeReport, kind: str, current: object, merged: object, replacing: bool
) -> bool:
    """Count what happens to one incoming item; True when it is to be written."""
    if current is None:
        action = "added"
    elif merged == current:
        action = "unchanged"
    elif replacing:
        action = "replaced"
    else:
        action = "skipped"
    report.counts[kind][action] += 1
    return action in ("added", "replaced")


def _check_day_habits(day: Day, known: dict[str, Habit]) -> None:
    for key, value in list(day.habits.items()):
        habit = known.get(key)
        if habit is None:
            raise InvalidInput(
                f"{day.date}: habit {key!r} is neither in the journal nor in the file's habits"
            )
        try:
            day.habits[key] = parse_habit_value(habit, value)
        except InvalidInput as error:
            raise InvalidInput(f"{day.date}: {error}") from None


def _merge_day(current: Day | None, day: Day, given: frozenset[str]) -> Day:
    if current is None:
        base = Day(day.date)
    else:
        base = replace(current, habits=dict(current.habits), tags=list(current.tags))
    changes = {name: getattr(day, name) for name in DAY_FIELDS if name in given}
    if "habits" in changes:
        changes["habits"] = dict(changes["habits"])
    elif HABITS_BY_KEY in given:
        changes["habits"] = {**base.habits, **day.habits}
    if "tags" in changes:
        changes["tags"] = list(changes["tags"])
    return replace(base, **changes)


def _plan_sessions(
    journal: Journal, items: list[Partial], replacing: bool, report: MergeReport, plan: _Plan
) -> None:
    if not items:
        return
    existing = {session.id: session for session in journal.sessions()}
    seen: set[str] = set()
    for item in items:
        session = item.item
        assert isinstance(session, Session)
        if not session.id:
            raise InvalidInput(f"the session of {session.at:%Y-%m-%d %H:%M} has no id")
        if session.id in seen:
            raise InvalidInput(f"session {session.id!r} is given twice")
        seen.add(session.id)
        current = existing.get(session.id)
        merged = check_session(_merge_session(current, session, item.fields))
        if _decide(report, "sessions", current, merged, replacing):
            plan.sessions.append(merged)


def _merge_session(current: Session | None, session: Session, given: frozenset[str]) -> Session:
    if current is None:
        base = Session(session.id, session.at, session.kind)
    else:
        base = replace(
            current,
            at=session.at,
            kind=session.kind,
            side_effects=list(current.side_effects),
            aftercare=dict(current.aftercare),
        )
    changes = {name: getattr(session, name) for name in SESSION_FIELDS if name in given}
    if KNOWN_SIDE_EFFECTS_ONLY in given and "side_effects" not in given:
        free = [word for word in base.side_effects if word not in KNOWN_SIDE_EFFECTS]
        known = [word for word in session.side_effects if word in KNOWN_SIDE_EFFECTS]
        changes["side_effects"] = known + [word for word in free if word not in known]
    if "side_effects" in changes:
        changes["side_effects"] = list(changes["side_effects"])
    if "aftercare" in changes:
        changes["aftercare"] = dict(changes["aftercare"])
    return replace(base, **changes)


def _plan_assessments(
    journal: Journal,
    items: list[Assessment],
    replacing: bool,
    report: MergeReport,
    plan: _Plan,
) -> None:
    if not items:
        return
    existing = {a.id: a for a in journal.assessments()}
    seen: set[str] = set()
    for item in items:
        if not item.id:
            raise InvalidInput(f"the {item.instrument} of {item.date} has no id")
        if item.id in seen:
            raise InvalidInput(f"questionnaire {item.id!r} is given twice")
        seen.add(item.id)
        check_date(item.date, f"the {item.instrument} date")
        current = existing.get(item.id)
        if _decide(report, "assessments", current, item, replacing):
            plan.assessments.append((item, current is not None))


def _plan_appointments(
    journal: Journal, items: list[Partial], replacing: bool, report: MergeReport, plan: _Plan
) -> None:
    if not items:
        return
    existing = {a.id: a for a in journal.appointments()}
    seen: set[str] = set()
    for item in items:
        appointment = item.item
        assert isinstance(appointment, Appointment)
        if not appointment.id:
            raise InvalidInput(f"the appointment of {appointment.at:%Y-%m-%d %H:%M} has no id")
        if appointment.id in seen:
            raise InvalidInput(f"appointment {appointment.id!r} is given twice")
        seen.add(appointment.id)
        current = existing.get(appointment.id)
        base = current or Appointment(appointment.id, appointment.at, appointment.kind)
        changes = {
            name: getattr(appointment, name) for name in APPOINTMENT_FIELDS if name in item.fields
        }
        merged = check_appointment(
            replace(base, at=appointment.at, kind=appointment.kind, **changes)
        )
        if _decide(report, "appointments", current, merged, replacing):
            plan.appointments.append(merged)


def _plan_plans(
    journal: Journal, items: list[Plan], replacing: bool, report: MergeReport, plan: _Plan
) -> None:
    """Treatment plans by id; a plan with another id but the same dates and making as one
    the journal has is that plan (unchanged), so importing never doubles a schedule."""
    if not items:
        return
    from recovery_journal.schedule import check_plan, same_schedule
    from recovery_journal.store.plans import plans as journal_plans

    existing = {p.id: p for p in journal_plans(journal)}
    seen: set[str] = set()
    for item in items:
        if not item.id:
            raise InvalidInput(f"the plan starting {item.start} has no id")
        if item.id in seen:
            raise InvalidInput(f"plan {item.id!r} is given twice")
        seen.add(item.id)
        current = existing.get(item.id)
        if current is None and any(same_schedule(item, p) for p in existing.values()):
            report.counts["plans"]["unchanged"] += 1
            continue
        merged = check_plan(item)
        if current is not None and merged.created_at is None:
            merged = replace(merged, created_at=current.created_at)
        if _decide(report, "plans", current, merged, replacing):
            plan.plans.append(merged)


# ---------------------------------------------------------------- writing (one transaction)


def _apply(journal: Journal, plan: _Plan) -> None:
    """Write the plan through the store; the caller holds the write transaction."""
    journal.put_habits(plan.new_habits, plan.changed_habits)
    journal.put_days(plan.days)
    journal.put_sessions(plan.sessions)
    for appointment in plan.appointments:
        journal.put_appointment(appointment)
    if plan.plans:
        from recovery_journal.store.plans import put_plan

        for planned in plan.plans:
            put_plan(journal, planned)
    # Questionnaires on one date keep the file's order: each gets a later created_at.
    journal.put_assessments(item for item, _exists in plan.assessments)
