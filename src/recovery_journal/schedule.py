"""The treatment schedule (issue 17, item 3): planned session dates and how they went.

A plan is a list of local calendar dates, made once (`plan add`) from a template or from
`--every DAYS --count N`, and stored with the plan, so that reading a plan (Today, `remind`,
the report) needs no date arithmetic and no pendulum. Making the dates uses pendulum
(calendar arithmetic on local dates, so a DST change never moves a planned day); the
humanised span on Today ("in 2 days") does too. Both are imported inside the functions:
this module itself is standard library only, and never imports textual.

The templates (docs/cli.md, "plan"):
- `spravato`: twice a week in weeks 1–4, then weekly in weeks 5–8 — 12 dates: the start
  day and three days after it in each of the first four weeks (Monday and Thursday for a
  plan starting on a Monday), then the start's weekday in weeks 5 to 8.
- `iv-series`: 6 infusions over 2 weeks — the start day, +2 and +4 days, in two weeks
  (Monday, Wednesday and Friday for a plan starting on a Monday).

Status of a planned date, as of `today`: `done` when a logged session lies within one day
of it (each session fulfils at most one planned date: exact-day matches first, then the
nearest session a day away), `missed` when it is past and unfulfilled, else `planned`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from recovery_journal.errors import InvalidInput
from recovery_journal.model import DATE_MAX, DATE_MIN, SESSION_KINDS, Session, check_date

TEMPLATES = ("spravato", "iv-series")
TEMPLATE_KINDS = {"spravato": "esketamine_nasal", "iv-series": "iv_ketamine"}
TEMPLATE_LABELS = {"spravato": "Spravato (8 weeks)", "iv-series": "IV series (6 infusions)"}
# Offsets in days from the start for each template.
_TEMPLATE_OFFSETS = {
    "spravato": tuple(7 * week + extra for week in range(4) for extra in (0, 3))
    + tuple(7 * week for week in range(4, 8)),
    "iv-series": tuple(7 * week + extra for week in range(2) for extra in (0, 2, 4)),
}
COUNT_MAX = 100  # planned dates in one plan
EVERY_MAX = 90  # days between two planned dates
FULFIL_DAYS = 1  # a session within this many days of a planned date fulfils it
STATUSES = ("done", "missed", "planned")


@dataclass(frozen=True)
class Plan:
    """A treatment schedule: how it was made and the dates it holds (oldest first)."""

    id: str
    start: date
    dates: tuple[date, ...]
    template: str | None = None
    every_days: int | None = None
    count: int | None = None
    kind: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class PlannedDate:
    """One planned date and how it went."""

    date: date
    plan_id: str
    status: str
    session_id: str | None = None


@dataclass
class Followed:
    """The schedule followed vs planned over a range of dates."""

    done: int = 0
    missed: int = 0
    planned: int = 0  # still ahead
    dates: list[PlannedDate] = field(default_factory=list)

    @property
    def due(self) -> int:
        """Planned dates that have come: done or missed."""
        return self.done + self.missed


# ---------------------------------------------------------------- making a plan


def parse_start(text: str, today: date) -> date:
    """`--start`: YYYY-MM-DD, `today` or `tomorrow` (a plan may start in the past)."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    try:
        if len(word) != 10:
            raise ValueError
        value = date.fromisoformat(word)
    except ValueError:
        raise InvalidInput(
            f"--start {text.strip()[:40]!r} is not a date; use YYYY-MM-DD, 'today' or 'tomorrow'"
        ) from None
    return check_date(value, "--start")


def check_kind(kind: str | None) -> str | None:
    """A session kind of the model, or None (any kind)."""
    if kind is None:
        return None
    word = kind.strip().lower().replace("-", "_")
    if word not in SESSION_KINDS:
        raise InvalidInput(
            f"session kind {kind.strip()[:40]!r} is not one of: {', '.join(SESSION_KINDS)}"
        )
    return word


def planned_dates(
    start: date,
    template: str | None = None,
    every_days: int | None = None,
    count: int | None = None,
) -> tuple[date, ...]:
    """The dates of a plan: from a template, or every `every_days` days, `count` times.

    Calendar arithmetic with pendulum on local dates: a date is a day on the calendar, so
    the clocks changing (DST) in between never shifts one.
    """
    import pendulum

    check_date(start, "--start")
    if template is not None:
        if every_days is not None or count is not None:
            raise InvalidInput("give either --template or --every with --count, not both")
        if template not in TEMPLATES:
            raise InvalidInput(
                f"--template {template[:40]!r} is not one of: {', '.join(TEMPLATES)}"
            )
        offsets: Sequence[int] = _TEMPLATE_OFFSETS[template]
    else:
        if every_days is None or count is None:
            raise InvalidInput("give --template spravato|iv-series, or --every DAYS --count N")
        if not 1 <= every_days <= EVERY_MAX:
            raise InvalidInput(f"--every must be a whole number of days from 1 to {EVERY_MAX}")
        if not 1 <= count <= COUNT_MAX:
            raise InvalidInput(f"--count must be a whole number from 1 to {COUNT_MAX}")
        offsets = [every_days * n for n in range(count)]
    first = pendulum.date(start.year, start.month, start.day)
    last_offset = offsets[-1]
    if (DATE_MAX - start).days < last_offset:
        raise InvalidInput(
            f"the plan would run past {DATE_MAX.isoformat()}, the last date a journal keeps; "
            "check --start"
        )
    return tuple(_plain(first.add(days=offset)) for offset in offsets)


def _plain(value: date) -> date:
    return date(value.year, value.month, value.day)


def make_plan(
    start: date,
    *,
    template: str | None = None,
    every_days: int | None = None,
    count: int | None = None,
    kind: str | None = None,
    created_at: datetime | None = None,
) -> Plan:
    """A new plan (its id is given when it is stored); the kind defaults to the template's."""
    dates = planned_dates(start, template, every_days, count)
    chosen = check_kind(kind) if kind is not None else TEMPLATE_KINDS.get(template or "")
    return Plan(
        id="",
        start=start,
        dates=dates,
        template=template,
        every_days=every_days,
        count=len(dates),
        kind=chosen,
        created_at=created_at,
    )


def check_plan(plan: Plan) -> Plan:
    """A stored or imported plan the journal can keep (the dates are kept as given)."""
    check_date(plan.start, "the plan's start")
    if plan.template is not None and plan.template not in TEMPLATES:
        raise InvalidInput(
            f"plan template {plan.template[:40]!r} is not one of: {', '.join(TEMPLATES)}"
        )
    if plan.every_days is not None and not 1 <= plan.every_days <= EVERY_MAX:
        raise InvalidInput(f"the plan's every_days must be from 1 to {EVERY_MAX}")
    if plan.kind is not None:
        check_kind(plan.kind)
    if not 1 <= len(plan.dates) <= COUNT_MAX:
        raise InvalidInput(f"a plan holds from 1 to {COUNT_MAX} dates")
    if plan.count is not None and plan.count != len(plan.dates):
        raise InvalidInput(f"the plan's count is {plan.count} but it holds {len(plan.dates)} dates")
    for day in plan.dates:
        if not DATE_MIN <= day <= DATE_MAX:
            check_date(day, "a planned date")
    if list(plan.dates) != sorted(set(plan.dates)):
        raise InvalidInput("a plan's dates must be in order, each date once")
    return plan


def same_schedule(one: Plan, other: Plan) -> bool:
    """The same schedule, whatever the ids and when each was made."""
    return (one.start, one.dates, one.template, one.every_days, one.count, one.kind) == (
        other.start,
        other.dates,
        other.template,
        other.every_days,
        other.count,
        other.kind,
    )


# ---------------------------------------------------------------- how it went


def statuses(plans: Iterable[Plan], sessions: Sequence[Session], today: date) -> list[PlannedDate]:
    """Every planned date of the plans with its status as of `today`, oldest first.

    One matching over all the plans: each logged session fulfils at most one planned date.
    Sessions on the planned day are matched first; then, oldest date first, the nearest
    unused session a day before or after (the earlier one on a tie).
    """
    wanted = sorted(((day, plan.id) for plan in plans for day in plan.dates), key=lambda item: item)
    by_date: dict[date, list[Session]] = {}
    for session in sorted(sessions, key=lambda s: (s.at, s.id)):
        by_date.setdefault(session.date, []).append(session)
    used: set[str] = set()
    match: dict[int, str] = {}

    def take(index: int, day: date) -> bool:
        for session in by_date.get(day, []):
            if session.id not in used:
                used.add(session.id)
                match[index] = session.id
                return True
        return False

    for index, (day, _plan) in enumerate(wanted):
        take(index, day)
    for index, (day, _plan) in enumerate(wanted):
        if index in match:
            continue
        for distance in range(1, FULFIL_DAYS + 1):
            step = timedelta(days=distance)
            if take(index, day - step) or take(index, day + step):
                break
    found = []
    for index, (day, plan_id) in enumerate(wanted):
        session_id = match.get(index)
        if session_id is not None:
            status = "done"
        elif day < today:
            status = "missed"
        else:
            status = "planned"
        found.append(PlannedDate(day, plan_id, status, session_id))
    return found


def followed(
    found: Sequence[PlannedDate], since: date | None = None, until: date | None = None
) -> Followed:
    """The planned dates within `since`…`until`, counted by status."""
    result = Followed()
    for item in found:
        if (since is not None and item.date < since) or (until is not None and item.date > until):
            continue
        result.dates.append(item)
        setattr(result, item.status, getattr(result, item.status) + 1)
    return result


def next_planned(found: Sequence[PlannedDate], today: date) -> date | None:
    """The next planned date still to come (today included), if any."""
    ahead = [item.date for item in found if item.status == "planned" and item.date >= today]
    return min(ahead) if ahead else None


# ---------------------------------------------------------------- in words


def span_words(day: date, today: date) -> str:
    """`today`, `tomorrow`, `in 2 days`, `in 2 weeks` (pendulum's humanised span)."""
    import pendulum

    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    there = pendulum.date(day.year, day.month, day.day)
    here = pendulum.date(today.year, today.month, today.day)
    words = there.diff_for_humans(here, absolute=True)
    return f"in {words}" if days > 0 else f"{words} ago"


def day_words(day: date) -> str:
    """`Thu 3 Dec`."""
    return f"{day:%a} {day.day} {day:%b}"


def next_session_line(found: Sequence[PlannedDate], today: date) -> str | None:
    """Today's "Next session Thu 3 Dec — in 2 days"; None when nothing is planned ahead."""
    upcoming = next_planned(found, today)
    if upcoming is None:
        return None
    label = day_words(upcoming)
    if upcoming.year != today.year:
        label += f" {upcoming.year}"
    return f"Next session {label} — {span_words(upcoming, today)}"


def followed_line(result: Followed) -> str | None:
    """ "9 of 10 planned sessions done, 1 missed" (None when no planned date has come)."""
    if not result.due:
        return None
    noun = "session" if result.due == 1 else "sessions"
    line = f"{result.done} of {result.due} planned {noun} done"
    if result.missed:
        line += f", {result.missed} missed"
    return line + "."


def report_lines(
    plans: Sequence[Plan],
    sessions: Sequence[Session],
    since: date | None,
    until: date | None,
    today: date,
) -> list[str]:
    """The report's schedule lines: followed vs planned over the range, and the next
    planned session (from `today`, when it lies within the range's end or there is none)."""
    if not plans:
        return []
    found = statuses(plans, sessions, today)
    lines = []
    counted = followed_line(followed(found, since, until))
    if counted:
        lines.append(f"Treatment schedule: {counted}")
    upcoming = next_planned(found, today)
    if upcoming is not None:
        lines.append(f"Next planned session: {day_words(upcoming)} {upcoming.year}.")
    return lines


# ---------------------------------------------------------------- JSON


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The export's `plans[]` item (docs/export-format.md): what the journal stores."""
    return {
        "id": plan.id,
        "start": plan.start.isoformat(),
        "template": plan.template,
        "every_days": plan.every_days,
        "count": plan.count,
        "kind": plan.kind,
        "dates": [day.isoformat() for day in plan.dates],
        "created_at": plan.created_at.isoformat() if plan.created_at else None,
    }


def plan_status_json(plan: Plan, found: Sequence[PlannedDate]) -> dict[str, Any]:
    """`plan list --format json`'s item: the plan, each date's status, and the counts."""
    mine = [item for item in found if item.plan_id == plan.id]
    row = plan_to_json(plan)
    row["dates"] = [
        {"date": item.date.isoformat(), "status": item.status, "session_id": item.session_id}
        for item in mine
    ]
    for status in STATUSES:
        row[status] = sum(1 for item in mine if item.status == status)
    return row
