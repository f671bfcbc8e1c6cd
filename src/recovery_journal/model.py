"""What the journal records, and the one place that says what a valid value is.

Standard library only. The rules for a day's values live in `rules` (the quick `log` path
imports that module alone, without the dataclasses here) and are re-exported from here.
Every check raises `InvalidInput` with a message that the CLI and the TUI show as it is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from recovery_journal.errors import InvalidInput

# The value rules are defined in `rules` and re-exported here (model.parse_mood and so on).
from recovery_journal.rules import (
    DATE_MAX,  # noqa: F401
    DATE_MIN,  # noqa: F401
    DAY_FIELDS,
    HABIT_KINDS,
    MAX_TAGS_PER_DAY,  # noqa: F401
    NOTE_MAX_CHARS,
    TEXT_MAX_CHARS,  # noqa: F401
    YES_NO_KINDS,
    check_date,
    check_note,  # noqa: F401
    check_tag_count,  # noqa: F401
    check_tags,
    check_text,
    normalize_word,
    parse_anxiety,  # noqa: F401
    parse_date,
    parse_energy,  # noqa: F401
    parse_habit_value,  # noqa: F401
    parse_int,
    parse_mood,
    parse_number,
    parse_sleep,  # noqa: F401
    parse_yes_no,  # noqa: F401
    split_assignment,  # noqa: F401
)

if TYPE_CHECKING:
    from recovery_journal.clock import Clock

LABEL_MAX_CHARS = 60
HABIT_KEY_MAX_CHARS = 32
PROVIDER_MAX_CHARS = 200

# The UTC offsets that real time zones use (-12:00 to +14:00; ±14:00 is accepted both ways);
# the dates a journal accepts are in `rules`.
UTC_OFFSET_MAX = timedelta(hours=14)

# Caps that keep the app quick (a journal with more would be slow, not more useful).
MAX_ACTIVE_HABITS = 100
MAX_HABITS = 500  # active and archived together


SESSION_KINDS = ("iv_ketamine", "im_ketamine", "esketamine_nasal", "oral_ketamine", "other")
SESSION_KIND_LABELS = {
    "iv_ketamine": "IV ketamine",
    "im_ketamine": "IM ketamine",
    "esketamine_nasal": "Esketamine (nasal)",
    "oral_ketamine": "Oral ketamine",
    "other": "Other",
}

AFTERCARE_ITEMS = {
    "no_driving": "Did not drive (arranged a ride)",
    "light_meal": "Light meal",
    "rest_hydration": "Rest and water",
    "avoided_news": "Avoided the news",
    "avoided_social_media": "Avoided social media",
    "therapy_scheduled": "Therapy session booked within 2 days",
    "follow_up_booked": "Next visit with the prescriber booked",
}

KNOWN_SIDE_EFFECTS = ("nausea", "dizziness", "headache", "drowsiness", "anxiety", "elevated_bp")

# Habit keys may not take the names of the day's fields (`--clear` accepts both).
RESERVED_HABIT_KEYS = frozenset({*DAY_FIELDS, "sleep_hours", "tags", "date", "habits"})


@dataclass(frozen=True)
class Habit:
    """A habit the patient tracks; archived habits keep their past values."""

    key: str
    label: str
    kind: str
    target: float | None = None
    archived: bool = False
    built_in: bool = False
    position: int = 0

    def is_done(self, value: float | bool | None) -> bool | None:
        """Whether a logged value counts as done; None when not logged."""
        return habit_done(self.kind, value)


BUILT_IN_HABITS = (
    Habit("meditation", "Meditation", "minutes", 10, built_in=True, position=1),
    Habit("exercise", "Exercise", "minutes", 20, built_in=True, position=2),
    Habit("social", "Social contact", "count", 1, built_in=True, position=3),
    Habit("news_avoided", "Avoided the news", "avoided", None, built_in=True, position=4),
    Habit(
        "social_media_avoided", "Avoided social media", "avoided", None, built_in=True, position=5
    ),
)


@dataclass
class Day:
    """One day's check-in. Every part may be empty; absent habits are "not logged"."""

    date: date
    mood: int | None = None
    anxiety: int | None = None
    energy: int | None = None
    sleep_hours: float | None = None
    habits: dict[str, float | bool] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass
class Session:
    """One treatment session with its after-care checklist."""

    id: str
    at: datetime
    kind: str
    dose_mg: float | None = None
    provider: str | None = None
    mood_before: int | None = None
    mood_after: int | None = None
    dissociation: int | None = None
    bp_before: str | None = None
    bp_after: str | None = None
    side_effects: list[str] = field(default_factory=list)
    aftercare: dict[str, bool] = field(default_factory=dict)
    intention: str | None = None
    insights: str | None = None

    @property
    def date(self) -> date:
        """The local calendar date of the session."""
        return self.at.date()


APPOINTMENT_KINDS = ("therapy", "prescriber", "tms", "other")
APPOINTMENT_KIND_LABELS = {
    "therapy": "Therapy",
    "prescriber": "Prescriber",
    "tms": "TMS",
    "other": "Other",
}


@dataclass
class Appointment:
    """An appointment around the treatment: therapy (integration), the prescriber, TMS.
    Unlike a session it may lie in the future (it is booked ahead)."""

    id: str
    at: datetime
    kind: str
    provider: str | None = None
    note: str | None = None

    @property
    def date(self) -> date:
        """The local calendar date of the appointment."""
        return self.at.date()


@dataclass(frozen=True)
class TreatmentContext:
    """What a date-limited file knows of the sessions before its range: how many there were
    and when the last one was. Session numbers in the file start after `sessions_before`,
    and days before the file's first session count from `last_before`."""

    sessions_before: int = 0
    last_before: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        """The `context` object of a JSON export."""
        return {
            "sessions_before": self.sessions_before,
            "last_session_before": self.last_before.isoformat() if self.last_before else None,
        }


@dataclass
class Assessment:
    """A PHQ-9 or GAD-7 questionnaire taken on a date."""

    id: str
    instrument: str
    date: date
    answers: list[int]
    total: int
    severity: str


def habit_done(kind: str, value: float | bool | None) -> bool | None:
    """Done means minutes/count > 0, or yes for done/avoided. None means not logged."""
    if value is None:
        return None
    if kind in YES_NO_KINDS:
        return bool(value)
    return float(value) > 0


# ---------------------------------------------------------------- dates and times


def check_range(since: date | None, until: date | None) -> None:
    """A since date after the until date is refused, in the flags' words."""
    if since is not None and until is not None and since > until:
        raise InvalidInput(f"--since {since} is after --until {until}; swap them")


def fill_range(
    since: date | None, until: date | None, held: tuple[date, date] | None
) -> tuple[date | None, date | None]:
    """A range with its missing ends taken from `held` (the first and last date holding
    data): a missing end never crosses a given one (so `since` after all data gives
    since..since). Both None only when nothing is given and nothing is held."""
    if since is not None and until is not None:
        return since, until
    start = since if since is not None else (held[0] if held else None)
    end = until if until is not None else (held[1] if held else None)
    if start is None:
        start = end
    if end is None:
        end = start
    if start is not None and end is not None and start > end:
        if since is not None:
            end = since
        else:
            start = end
    return start, end


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_day_word(text: str, today: date) -> date:
    """What "Go to date" takes: YYYY-MM-DD, `today`, `yesterday`, or a weekday name (`fri`
    or `friday`: the most recent such day, today included); never a day after today."""
    word = text.strip().lower()
    choices = "2026-11-28, today, yesterday or a weekday such as friday"
    if not word:
        raise InvalidInput(f"Type a day: {choices}")
    if len(word) >= 3:
        for number, name in enumerate(WEEKDAYS):
            if name.startswith(word):
                return today - timedelta(days=(today.weekday() - number) % 7)
    try:
        return parse_date(word, today)
    except InvalidInput:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
            raise InvalidInput(f"{text.strip()[:40]!r} is not a date; try {choices}") from None
        try:
            date.fromisoformat(word)
        except ValueError:
            raise InvalidInput(f"{word} is not a day on the calendar; try {choices}") from None
        raise


def parse_datetime(
    text: str, clock: Clock, what: str = "time", *, future: bool = False
) -> datetime:
    """`YYYY-MM-DD HH:MM`, `YYYY-MM-DDTHH:MM` (local time) or `now`; later than now is refused
    unless `future` (an appointment is booked ahead)."""
    now = clock.now()
    word = text.strip()
    if word.lower() == "now":
        return now.replace(second=0, microsecond=0)
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})", word)
    try:
        if not match:
            raise ValueError
        naive = datetime.fromisoformat(
            f"{match.group(1)}T{int(match.group(2)):02d}:{match.group(3)}"
        )
    except ValueError:
        raise InvalidInput(
            f"{what} {text!r} is not a date and time; use 'YYYY-MM-DD HH:MM' or 'now'"
        ) from None
    check_date(naive.date(), what)
    check_wall_time_exists(naive, clock, what)
    local = clock.localize(naive)
    if local > now and not future:
        raise InvalidInput(f"{what} {word} is in the future; it is now {now:%Y-%m-%d %H:%M}")
    return local


def check_datetime(value: datetime, what: str = "time") -> datetime:
    """A stored or imported date-time: it carries a real UTC offset (within ±14:00) and its
    date is one the journal keeps."""
    offset = value.utcoffset()
    if offset is None:
        raise InvalidInput(f"{what} must carry its UTC offset, e.g. 2026-11-20T10:00+01:00")
    if abs(offset) > UTC_OFFSET_MAX:
        raise InvalidInput(
            f"{what} {value.isoformat()} has the UTC offset {value:%z}, which no time zone "
            "uses; offsets run from -12:00 to +14:00"
        )
    check_date(value.date(), what)
    return value


def check_wall_time_exists(naive: datetime, clock: Clock, what: str = "time") -> None:
    """Refuse a local time that the clock skipped (a daylight-saving gap).

    pendulum knows which wall times exist; it is imported here, not at the top, so the
    quick `log` path does not pay for it (PRODUCT.md §11). A clock with a fixed UTC offset
    has no gaps.
    """
    zone = _zone_of(clock)
    if zone is None:
        return
    from pendulum.tz.exceptions import AmbiguousTime, NonExistingTime

    try:
        zone.convert(naive, raise_on_unknown_times=True)
    except NonExistingTime:
        start, end = _gap_around(naive, zone)
        raise InvalidInput(
            f"{what} {naive:%Y-%m-%d %H:%M} does not exist in {zone.name}: the clocks went "
            f"from {start:%H:%M} straight to {end:%H:%M} that night (daylight saving time); "
            f"use a time before {start:%H:%M} or from {end:%H:%M}"
        ) from None
    except AmbiguousTime:  # clocks going back: the time exists twice; the first is used
        return


def _zone_of(clock: Clock) -> Any:
    """The pendulum time zone of the clock, or None when it has a fixed offset."""
    import pendulum

    from recovery_journal.clock import SystemClock

    if isinstance(clock, SystemClock):
        # The function itself: `pendulum.local_timezone` is also the name of a module.
        from pendulum.tz.local_timezone import get_local_timezone

        zone = get_local_timezone()
    else:
        key = getattr(clock.now().tzinfo, "key", None)
        if not key:
            return None
        zone = pendulum.timezone(key)
    return zone if isinstance(zone, pendulum.Timezone) else None


def _gap_around(naive: datetime, zone: Any) -> tuple[datetime, datetime]:
    """The wall-clock times (start, end) of the gap that `naive` falls in."""
    before = naive.replace(tzinfo=zone, fold=0).utcoffset() or timedelta(0)
    after = naive.replace(tzinfo=zone, fold=1).utcoffset() or timedelta(0)
    width = abs(before - after)
    start = naive.replace(second=0, microsecond=0)
    for _ in range(int(width.total_seconds() // 60) + 1):
        earlier = start - timedelta(minutes=1)
        if _exists(earlier, zone):
            break
        start = earlier
    return start, start + width


def _exists(naive: datetime, zone: Any) -> bool:
    aware = naive.replace(tzinfo=zone)
    round_trip = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return round_trip == naive


def parse_stored_datetime(text: str) -> datetime:
    """Read back an ISO 8601 date-time with offset from storage or an export file."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{text!r} is not an ISO 8601 date-time") from None


# ---------------------------------------------------------------- numbers and words


def parse_dissociation(text: str | int) -> int:
    """Dissociation during a session, 0 (none) to 10."""
    return parse_int(text, "dissociation", 0, 10)


def parse_dose(text: str | float) -> float:
    """Dose in milligrams, more than 0 and at most 1000."""
    dose = parse_number(text, "dose", 0, 1000)
    if dose == 0:
        raise InvalidInput("dose must be more than 0 mg; leave it out if you don't know it")
    return dose


def parse_blood_pressure(text: str, what: str = "blood pressure") -> str:
    """Blood pressure as systolic/diastolic, e.g. `128/82`."""
    match = re.fullmatch(r"(\d{2,3})/(\d{2,3})", text.strip().replace(" ", ""))
    if not match:
        raise InvalidInput(f"{what} {text!r} is not like 128/82 (systolic/diastolic)")
    systolic, diastolic = int(match.group(1)), int(match.group(2))
    if not (60 <= systolic <= 260 and 30 <= diastolic <= 160 and systolic > diastolic):
        raise InvalidInput(f"{what} {text!r} does not look like a blood pressure reading")
    return f"{systolic}/{diastolic}"


def normalize_side_effect(text: str) -> str:
    """A side-effect word; the listed ones keep their underscore (`elevated_bp`)."""
    word = normalize_word(text.replace("_", "-"), "side effect")
    underscored = word.replace("-", "_")
    return underscored if underscored in KNOWN_SIDE_EFFECTS else word


def check_provider(text: str) -> str:
    """Who gave the session (a clinic or a prescriber): up to 200 characters."""
    return check_text(text, "provider", PROVIDER_MAX_CHARS)


def _dose(value: Any, what: str) -> float:
    return parse_dose(value)


def _provider(value: Any, what: str) -> str:
    return check_provider(value)


def _dissociation(value: Any, what: str) -> int:
    return parse_dissociation(value)


# Each session field typed or read as a value (the CLI's flags, the app's form, an import)
# → its one parser and its name in an error. Whitespace around typed text is the
# interface's to trim (an import keeps every character).
SESSION_FIELDS: dict[str, tuple[Callable[[Any, str], Any], str]] = {
    "dose_mg": (_dose, "dose"),
    "provider": (_provider, "provider"),
    "mood_before": (parse_mood, "mood before"),
    "mood_after": (parse_mood, "mood after"),
    "dissociation": (_dissociation, "dissociation"),
    "bp_before": (parse_blood_pressure, "blood pressure before"),
    "bp_after": (parse_blood_pressure, "blood pressure after"),
}


def parse_session_field(name: str, value: Any, what: str | None = None) -> Any:
    """One session field, checked as every interface checks it (`SESSION_FIELDS`); `what`
    names it in the error (e.g. the CLI's `--bp-before`), else the field's own words."""
    parse, label = SESSION_FIELDS[name]
    return parse(value, what or label)


def check_day(day: Day) -> Day:
    """What every write of a whole day checks: its date and its number of tags."""
    check_date(day.date)
    check_tags(day.tags, day.date.isoformat())
    return day


def check_session(session: Session) -> Session:
    """What every write of a session checks: its time and the provider's length."""
    check_datetime(session.at, "the session time")
    if session.provider is not None:
        check_provider(session.provider)
    return session


def check_appointment(appointment: Appointment) -> Appointment:
    """What every write of an appointment checks (the CLI, the app and an import alike):
    its time, its kind, the provider's and the note's length."""
    check_datetime(appointment.at, "the appointment time")
    if appointment.kind not in APPOINTMENT_KINDS:
        raise InvalidInput(
            f"appointment kind {appointment.kind!r} is not one of {', '.join(APPOINTMENT_KINDS)}"
        )
    if appointment.provider is not None:
        check_provider(appointment.provider)
    if appointment.note is not None:
        check_text(appointment.note, "the appointment note", NOTE_MAX_CHARS)
    return appointment


def parse_appointment_kind(text: str) -> str:
    """`therapy`, `prescriber`, `tms` or `other` (any case)."""
    word = text.strip().lower()
    if word not in APPOINTMENT_KINDS:
        raise InvalidInput(
            f"appointment kind {text.strip()[:40]!r} is not one of {', '.join(APPOINTMENT_KINDS)}"
        )
    return word


def check_habit_room(active: int, total: int) -> None:
    """A journal keeps at most MAX_ACTIVE_HABITS active habits, MAX_HABITS in all."""
    if active > MAX_ACTIVE_HABITS:
        raise InvalidInput(
            f"that would make {active:,} active habits; a journal keeps at most "
            f"{MAX_ACTIVE_HABITS} active at once. Archive some first"
        )
    if total > MAX_HABITS:
        raise InvalidInput(
            f"that would make {total:,} habits (archived ones included); a journal keeps at "
            f"most {MAX_HABITS}"
        )


def check_label(text: str) -> str:
    """A habit label: one line, 1–60 characters."""
    label = text.strip()
    if not label or "\n" in label or "\r" in label:
        raise InvalidInput("a habit label must be one line of text, e.g. 'Hydration'")
    if len(label) > LABEL_MAX_CHARS:
        raise InvalidInput(f"a habit label must be at most {LABEL_MAX_CHARS} characters")
    return check_text(label, "the habit label", LABEL_MAX_CHARS)


def check_habit_key(key: str) -> str:
    """Habit keys: a lower-case letter, then letters, digits or underscores."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", key) or len(key) > HABIT_KEY_MAX_CHARS:
        raise InvalidInput(
            f"habit key {key!r} must start with a-z and use only a-z, 0-9 and _ "
            f"(at most {HABIT_KEY_MAX_CHARS} characters), e.g. 'hydration'"
        )
    if key in RESERVED_HABIT_KEYS:
        raise InvalidInput(f"habit key {key!r} is taken by a check-in field; choose another")
    return key


def check_habit_kind(kind: str) -> str:
    """One of minutes, count, done, avoided."""
    if kind not in HABIT_KINDS:
        raise InvalidInput(f"habit kind {kind!r} is not one of: {', '.join(HABIT_KINDS)}")
    return kind


def parse_target(kind: str, text: str | float | None) -> float | None:
    """A daily target for minutes/count habits; yes/no habits have none."""
    if text is None:
        return None
    if kind in YES_NO_KINDS:
        raise InvalidInput(f"a yes/no ({kind}) habit takes no target; leave the target empty")
    if kind == "count":
        if isinstance(text, float) and not math.isfinite(text):
            raise InvalidInput(f"target must be a whole number from 0 to 10000, not {text}")
        return float(
            parse_int(text if not isinstance(text, float) else int(text), "target", 0, 10_000)
        )
    return parse_number(text, "target", 0, 1440)


def check_session_kind(kind: str) -> str:
    """One of the session kinds of the spec."""
    if kind not in SESSION_KINDS:
        raise InvalidInput(f"session kind {kind!r} is not one of: {', '.join(SESSION_KINDS)}")
    return kind


def check_aftercare_item(item: str) -> str:
    """One of the seven after-care checklist items."""
    if item not in AFTERCARE_ITEMS:
        raise InvalidInput(f"after-care item {item!r} is not one of: {', '.join(AFTERCARE_ITEMS)}")
    return item


def plain_number(value: float | bool | None) -> int | float | bool | None:
    """20.0 → 20, 7.5 stays; booleans and None pass through (for JSON and tables)."""
    if value is None or isinstance(value, bool):
        return value
    return int(value) if float(value).is_integer() else value
