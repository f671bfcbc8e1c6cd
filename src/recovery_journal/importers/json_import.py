"""Reading an export file (`export --format json`, any version up to this one) and merging it.

Every value is checked with the model's own rules; a bad one stops the import before
anything is written, with a message naming where it is (e.g. `days[3].mood`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_journal import model
from recovery_journal.errors import InvalidInput
from recovery_journal.importers.merge import (
    DAY_FIELDS,
    HABITS_BY_KEY,
    KNOWN_SIDE_EFFECTS_ONLY,
    SESSION_FIELDS,
    MergeReport,
    Partial,
    merge_into,
)
from recovery_journal.model import Assessment, Day, Habit, Session
from recovery_journal.report.redaction import APPOINTMENT_KEYS_LEFT_OUT

if TYPE_CHECKING:
    from recovery_journal.schedule import Plan
    from recovery_journal.store import Journal

FORMAT_NAME = "recovery-journal"
CURRENT_VERSION = 1
# Days in an export file may lie after today (another machine's clock): up to the model's
# last date.
_LAST_DATE = model.DATE_MAX


@dataclass
class ExportFile:
    """The parsed, validated content of an export file."""

    version: int
    redaction: str
    habits: list[Habit]
    days: list[Partial]
    sessions: list[Partial]
    assessments: list[Assessment]
    appointments: list[Partial] = field(default_factory=list)
    # The sessions before a date-limited file's range: review numbers with it, import never
    # makes sessions from it.
    context: model.TreatmentContext | None = None
    plans: list[Plan] = field(default_factory=list)  # treatment plans (no free text)


def read_export(path: Path) -> ExportFile:
    """Read and validate an export file; InvalidInput names what is wrong and where. A
    sealed file (`.rjx`) is decrypted in memory first, asking for its passphrase."""
    return parse_export_bytes(export_bytes(path), path)


def export_bytes(path: Path) -> bytes:
    """The JSON bytes of an export file, unsealed in memory when it is sealed (never
    written anywhere)."""
    from recovery_journal.files import read_input_file
    from recovery_journal.sealed import open_export

    raw = read_input_file(Path(path), "an export file")
    return open_export(raw, Path(path).name)


def parse_export_bytes(raw: bytes, path: Path | str) -> ExportFile:
    """Validate an export file's bytes (`path` names it in messages)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not UTF-8 text; is it an export file?") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{path} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise InvalidInput(
            f"{path} nests lists or objects too deeply to be an export file"
        ) from None
    except ValueError:  # an integer of thousands of digits (Python's int limit)
        raise InvalidInput(
            f"{path} holds a number with thousands of digits; no field of an export file takes one"
        ) from None
    try:
        return parse_export(data, str(path))
    except InvalidInput as error:
        raise InvalidInput(with_line(str(error), text)) from None


_ITEM_RE = re.compile(r"(days|sessions|assessments|habits|appointments|plans)\[(\d+)\]")


def with_line(message: str, text: str) -> str:
    """Lead a message about `days[3]…` with the file's line of that item: `line 41: days[3]…`."""
    match = _ITEM_RE.match(message)
    if not match:
        return message
    line = item_line(text, match.group(1), int(match.group(2)))
    return f"line {line}: {message}" if line else message


def item_line(text: str, key: str, index: int) -> int | None:
    """The line on which element `index` of the top-level list `key` starts (1-based)."""
    depth, position, in_string, escaped = 0, 0, False, False
    string_start = 0
    list_open = False
    element = -1
    length = len(text)
    while position < length:
        char = text[position]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
                if depth == 1 and not list_open and text[string_start + 1 : position] == key:
                    rest = text[position + 1 :].lstrip()
                    if rest.startswith(":") and rest[1:].lstrip().startswith("["):
                        list_open = True
                        position = text.index("[", position) - 1
        elif char == '"':
            in_string, string_start = True, position
        elif char in "[{":
            depth += 1
            if list_open and depth == 3:
                element += 1
                if element == index:
                    return text.count("\n", 0, position) + 1
        elif char in "]}":
            depth -= 1
            if list_open and depth == 1:
                return None
        position += 1
    return None


def parse_export(data: Any, name: str = "the file") -> ExportFile:
    """Validate the object of an export file (see docs/export-format.md)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise InvalidInput(
            f'{name} is not a recovery-journal export (its "format" is not '
            f"\"{FORMAT_NAME}\"); make one with 'recovery-journal export --format json'"
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidInput(f'{name}: "version" must be a whole number from 1')
    if version > CURRENT_VERSION:
        raise InvalidInput(
            f"{name} was made by a newer version of recovery-journal (file version {version}, "
            f"this one reads up to {CURRENT_VERSION}); update the app to import it"
        )
    redaction = data.get("redaction", "none")
    if redaction not in ("none", "notes", "text"):
        raise InvalidInput(f'{name}: "redaction" must be none, notes or text')
    for key in ("habits", "days", "sessions", "assessments", "appointments"):
        if not isinstance(data.get(key, []), list):
            raise InvalidInput(f'{name}: "{key}" must be a list')
    habits = [_habit(item, f"habits[{i}]") for i, item in enumerate(data.get("habits", []))]
    kinds = {habit.key: habit for habit in habits}
    days = [_day(item, f"days[{i}]", kinds) for i, item in enumerate(data.get("days", []))]
    sessions = [
        _session(item, f"sessions[{i}]", redaction)
        for i, item in enumerate(data.get("sessions", []))
    ]
    assessments = [
        _assessment(item, f"assessments[{i}]") for i, item in enumerate(data.get("assessments", []))
    ]
    appointments = [
        _appointment(item, f"appointments[{i}]", redaction)
        for i, item in enumerate(data.get("appointments", []))
    ]
    context = _context(data.get("context"), "context")
    from recovery_journal.importers.json_plans import plans_from_json

    plans = plans_from_json(data.get("plans"), name)
    return ExportFile(
        version, redaction, habits, days, sessions, assessments, appointments, context, plans
    )


def _context(item: Any, where: str) -> model.TreatmentContext | None:
    """The file's `context` object (docs/export-format.md), or None when it has none."""
    if item is None:
        return None
    if not isinstance(item, dict):
        raise InvalidInput(f"{where} must be an object")
    count = item.get("sessions_before", 0)
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 1_000_000:
        raise InvalidInput(f"{where}.sessions_before must be a whole number from 0")
    last_text = item.get("last_session_before")
    last = None
    if last_text is not None:
        if not isinstance(last_text, str):
            raise InvalidInput(f"{where}.last_session_before must be an ISO 8601 date-time")
        last = _checked(f"{where}.last_session_before", model.parse_stored_datetime, last_text)
        if last.tzinfo is None:
            raise InvalidInput(f"{where}.last_session_before must carry its UTC offset")
        _checked(f"{where}.last_session_before", model.check_datetime, last, "the time")
    if count == 0 and last is not None:
        raise InvalidInput(f"{where}.last_session_before is set but sessions_before is 0")
    return model.TreatmentContext(count, last)


def import_json(
    journal: Journal,
    path: Path,
    on_conflict: str = "skip",
    dry_run: bool = False,
) -> MergeReport:
    """Read an export file and merge it into the journal (one transaction, all or nothing)."""
    parsed = read_export(path)
    return load_into(journal, parsed, on_conflict=on_conflict, dry_run=dry_run)


def load_into(
    journal: Journal, parsed: ExportFile, on_conflict: str = "skip", dry_run: bool = False
) -> MergeReport:
    """Merge a read export file into the journal (see `merge_into`).

    A text-redacted file names the user's own habits "custom habit 1, 2, …": into an empty
    journal (as for `review`) they come as they are; into a journal with data they are left
    out — they cannot be matched to the real habits — and every day's habits merge key by
    key, so nothing the file lacks is cleared.
    """
    habits, days = parsed.habits, parsed.days
    if parsed.redaction == "text":
        placeholders = set() if journal.is_empty() else {h.key for h in habits if not h.built_in}
        habits = [h for h in habits if h.key not in placeholders]
        days = [_habits_by_key(item, placeholders) for item in days]
    return merge_into(
        journal,
        days=days,
        sessions=parsed.sessions,
        assessments=parsed.assessments,
        habits=habits,
        appointments=parsed.appointments,
        plans=parsed.plans,
        on_conflict=on_conflict,
        dry_run=dry_run,
    )


def _habits_by_key(item: Partial, left_out: set[str]) -> Partial:
    """A day of a text-redacted file: its habits merge by key, without the placeholders."""
    day = item.item
    assert isinstance(day, Day)
    kept = {key: value for key, value in day.habits.items() if key not in left_out}
    return Partial(replace(day, habits=kept), (item.fields - {"habits"}) | {HABITS_BY_KEY})


# ---------------------------------------------------------------- one item each


def _object(item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise InvalidInput(f"{where} must be an object")
    return item


def _checked(where: str, check: Any, *args: Any) -> Any:
    try:
        return check(*args)
    except InvalidInput as error:
        raise InvalidInput(f"{where}: {error}") from None


def _text(item: dict[str, Any], key: str, where: str, required: bool = False) -> str | None:
    value = item.get(key)
    if value is None:
        if required:
            raise InvalidInput(f"{where}.{key} is missing")
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{where}.{key} must be text")
    return _checked(f"{where}.{key}", model.check_text, value, key)


def _int(item: dict[str, Any], key: str, where: str, parse: Any) -> int | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{where}.{key} must be a whole number, not {value!r}")
    return _checked(f"{where}.{key}", parse, value)


def _date(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise InvalidInput(f"{where} must be a date as YYYY-MM-DD")
    return _checked(where, model.parse_date, value, _LAST_DATE)


def _habit(raw: Any, where: str) -> Habit:
    item = _object(raw, where)
    key = item.get("key")
    if not isinstance(key, str):
        raise InvalidInput(f"{where}.key must be text")
    _checked(f"{where}.key", model.check_habit_key, key)
    kind = item.get("kind")
    if not isinstance(kind, str):
        raise InvalidInput(f"{where}.kind must be one of: {', '.join(model.HABIT_KINDS)}")
    _checked(f"{where}.kind", model.check_habit_kind, kind)
    label = item.get("label", key)
    if not isinstance(label, str):
        raise InvalidInput(f"{where}.label must be text")
    label = _checked(f"{where}.label", model.check_label, label)
    target = item.get("target")
    if target is not None and (isinstance(target, bool) or not isinstance(target, int | float)):
        raise InvalidInput(f"{where}.target must be a number or null")
    target = _checked(f"{where}.target", model.parse_target, kind, target)
    archived = item.get("archived", False)
    if not isinstance(archived, bool):
        raise InvalidInput(f"{where}.archived must be true or false")
    return Habit(key, label, kind, target, archived, bool(item.get("built_in", False)))


def _day(raw: Any, where: str, habits: dict[str, Habit]) -> Partial:
    item = _object(raw, where)
    day = Day(_date(item.get("date"), f"{where}.date"))
    day.mood = _int(item, "mood", where, model.parse_mood)
    day.anxiety = _int(item, "anxiety", where, model.parse_anxiety)
    day.energy = _int(item, "energy", where, model.parse_energy)
    sleep = item.get("sleep_hours")
    if sleep is not None:
        if isinstance(sleep, bool) or not isinstance(sleep, int | float):
            raise InvalidInput(f"{where}.sleep_hours must be a number of hours")
        day.sleep_hours = _checked(f"{where}.sleep_hours", model.parse_sleep, sleep)
    values = item.get("habits", {})
    if not isinstance(values, dict):
        raise InvalidInput(f"{where}.habits must be an object of habit key → value")
    for key, value in values.items():
        here = f"{where}.habits.{key}"
        if value is None:
            continue
        if isinstance(value, str) or not isinstance(value, int | float | bool):
            raise InvalidInput(f"{here} must be a number or true/false")
        habit = habits.get(key)
        if habit is not None:
            if habit.kind in model.YES_NO_KINDS and not isinstance(value, bool):
                raise InvalidInput(f"{here} must be true or false ({habit.kind} habit)")
            if habit.kind not in model.YES_NO_KINDS and isinstance(value, bool):
                raise InvalidInput(f"{here} must be a number ({habit.kind} habit)")
            value = _checked(here, model.parse_habit_value, habit, value)
        day.habits[key] = value
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise InvalidInput(f"{where}.tags must be a list of words")
    seen: dict[str, None] = {}  # ordered and linear, however many tags the file holds
    for index, tag in enumerate(tags):
        seen[_checked(f"{where}.tags[{index}]", model.normalize_word, tag)] = None
    day.tags = _checked(f"{where}.tags", model.check_tags, list(seen), "the day")
    note = item.get("note")
    if note is not None:
        if not isinstance(note, str):
            raise InvalidInput(f"{where}.note must be text")
        day.note = _checked(f"{where}.note", model.check_note, note)
    given = frozenset(name for name in DAY_FIELDS if name in item)
    return Partial(day, given)


def _appointment(raw: Any, where: str, redaction: str) -> Partial:
    """One appointment; a redacted file's left-out keys are never cleared on import."""
    item = _object(raw, where)
    aid = item.get("id")
    if not isinstance(aid, str) or not aid.strip():
        raise InvalidInput(f"{where}.id must be a non-empty text (the appointment's id)")
    _checked(f"{where}.id", model.check_text, aid, "the id")
    at_text = item.get("at")
    if not isinstance(at_text, str):
        raise InvalidInput(f"{where}.at must be an ISO 8601 date-time with offset")
    at = _checked(f"{where}.at", model.parse_stored_datetime, at_text)
    if at.tzinfo is None:
        raise InvalidInput(f"{where}.at must carry its UTC offset, e.g. 2026-11-20T10:00+01:00")
    kind = item.get("kind")
    if not isinstance(kind, str):
        raise InvalidInput(f"{where}.kind must be one of: {', '.join(model.APPOINTMENT_KINDS)}")
    given = {"provider", "note"} - set(APPOINTMENT_KEYS_LEFT_OUT.get(redaction, ()))
    appointment = model.Appointment(
        aid,
        at,
        _checked(f"{where}.kind", model.parse_appointment_kind, kind),
        _text(item, "provider", where) if "provider" in given else None,
        _text(item, "note", where) if "note" in given else None,
    )
    _checked(where, model.check_appointment, appointment)
    return Partial(appointment, frozenset(given))


def _session(raw: Any, where: str, redaction: str) -> Partial:
    item = _object(raw, where)
    sid = item.get("id")
    if not isinstance(sid, str) or not sid.strip():
        raise InvalidInput(f"{where}.id must be a non-empty text (the session's id)")
    _checked(f"{where}.id", model.check_text, sid, "the id")
    at_text = item.get("at")
    if not isinstance(at_text, str):
        raise InvalidInput(f"{where}.at must be an ISO 8601 date-time with offset")
    at = _checked(f"{where}.at", model.parse_stored_datetime, at_text)
    if at.tzinfo is None:
        raise InvalidInput(f"{where}.at must carry its UTC offset, e.g. 2026-11-20T10:00+01:00")
    _checked(f"{where}.at", model.check_datetime, at, "the time")
    kind = item.get("kind")
    if not isinstance(kind, str):
        raise InvalidInput(f"{where}.kind must be one of: {', '.join(model.SESSION_KINDS)}")
    session = Session(sid, at, _checked(f"{where}.kind", model.check_session_kind, kind))
    dose = item.get("dose_mg")
    if dose is not None:
        if isinstance(dose, bool) or not isinstance(dose, int | float):
            raise InvalidInput(f"{where}.dose_mg must be a number")
        session.dose_mg = _checked(f"{where}.dose_mg", model.parse_session_field, "dose_mg", dose)
    provider = _text(item, "provider", where)
    session.provider = (
        _checked(f"{where}.provider", model.parse_session_field, "provider", provider)
        if provider is not None
        else None
    )
    for key in ("mood_before", "mood_after", "dissociation"):
        parse = partial(model.parse_session_field, key)
        setattr(session, key, _int(item, key, where, parse))
    for key in ("bp_before", "bp_after"):
        value = item.get(key)
        if value is not None:
            if not isinstance(value, str):
                raise InvalidInput(f'{where}.{key} must be text like "128/82"')
            setattr(session, key, _checked(f"{where}.{key}", model.parse_session_field, key, value))
    effects = item.get("side_effects", [])
    if not isinstance(effects, list) or not all(isinstance(w, str) for w in effects):
        raise InvalidInput(f"{where}.side_effects must be a list of words")
    session.side_effects = [
        _checked(f"{where}.side_effects[{i}]", model.normalize_side_effect, word)
        for i, word in enumerate(effects)
    ]
    aftercare = item.get("aftercare", {})
    if not isinstance(aftercare, dict):
        raise InvalidInput(f"{where}.aftercare must be an object of item → true/false")
    for key, value in aftercare.items():
        _checked(f"{where}.aftercare", model.check_aftercare_item, key)
        if value is None:
            continue
        if not isinstance(value, bool):
            raise InvalidInput(f"{where}.aftercare.{key} must be true or false")
        session.aftercare[key] = value
    session.intention = _text(item, "intention", where)
    session.insights = _text(item, "insights", where)
    given = {name for name in SESSION_FIELDS if name in item}
    if redaction == "text":
        given.discard("side_effects")
        given.add(KNOWN_SIDE_EFFECTS_ONLY)
    return Partial(session, frozenset(given))


def _assessment(raw: Any, where: str) -> Assessment:
    from recovery_journal import assessments

    item = _object(raw, where)
    aid = item.get("id")
    if not isinstance(aid, str) or not aid.strip():
        raise InvalidInput(f"{where}.id must be a non-empty text")
    _checked(f"{where}.id", model.check_text, aid, "the id")
    instrument = item.get("instrument")
    if not isinstance(instrument, str) or instrument not in assessments.INSTRUMENTS:
        raise InvalidInput(
            f"{where}.instrument must be one of: {', '.join(assessments.INSTRUMENTS)}"
        )
    answers = item.get("answers")
    if not isinstance(answers, list) or not all(
        isinstance(a, int) and not isinstance(a, bool) for a in answers
    ):
        raise InvalidInput(f"{where}.answers must be a list of whole numbers 0–3")
    answers = _checked(f"{where}.answers", assessments.check_answers, instrument, answers)
    total, severity = assessments.score(instrument, answers)
    if "total" in item and item["total"] != total:
        raise InvalidInput(f"{where}.total is {item['total']!r} but the answers add up to {total}")
    return Assessment(
        aid, instrument, _date(item.get("date"), f"{where}.date"), answers, total, severity
    )
