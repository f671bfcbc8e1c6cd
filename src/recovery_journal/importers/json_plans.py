"""The export file's `plans` (docs/export-format.md): each one read and checked by the
schedule's own rules, with a message naming where a bad value is (e.g. `plans[0].dates[2]`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from recovery_journal.errors import InvalidInput
from recovery_journal.schedule import Plan, check_kind, check_plan


def plans_from_json(items: Any, name: str = "the file") -> list[Plan]:
    """The file's `plans` list (absent: none)."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise InvalidInput(f'{name}: "plans" must be a list')
    return [plan_from_json(item, f"plans[{index}]") for index, item in enumerate(items)]


def plan_from_json(raw: Any, where: str) -> Plan:
    """One plan, as `schedule.plan_to_json` writes it."""
    if not isinstance(raw, dict):
        raise InvalidInput(f"{where} must be an object")
    pid = raw.get("id")
    if not isinstance(pid, str) or not pid.strip() or len(pid) > 200:
        raise InvalidInput(f"{where}.id must be a non-empty text (the plan's id)")
    dates = raw.get("dates")
    if not isinstance(dates, list):
        raise InvalidInput(f"{where}.dates must be a list of dates as YYYY-MM-DD")
    template = raw.get("template")
    if template is not None and not isinstance(template, str):
        raise InvalidInput(f"{where}.template must be spravato, iv-series or null")
    kind = raw.get("kind")
    if kind is not None and not isinstance(kind, str):
        raise InvalidInput(f"{where}.kind must be a session kind or null")
    created = raw.get("created_at")
    if created is not None and not isinstance(created, str):
        raise InvalidInput(f"{where}.created_at must be an ISO 8601 date-time or null")
    try:
        created_at = datetime.fromisoformat(created) if created else None
    except ValueError:
        raise InvalidInput(f"{where}.created_at must be an ISO 8601 date-time") from None
    if created_at is not None and created_at.tzinfo is None:
        raise InvalidInput(f"{where}.created_at must carry its UTC offset")
    plan = Plan(
        id=pid,
        start=_date(raw.get("start"), f"{where}.start"),
        dates=tuple(_date(day, f"{where}.dates[{i}]") for i, day in enumerate(dates)),
        template=template,
        every_days=_whole(raw, "every_days", where),
        count=_whole(raw, "count", where),
        kind=kind,
        created_at=created_at,
    )
    try:
        if kind is not None and check_kind(kind) != kind:
            raise InvalidInput(f"session kind {kind[:40]!r} is not written as the journal does")
        return check_plan(plan)
    except InvalidInput as error:
        raise InvalidInput(f"{where}: {error}") from None


def _date(value: Any, where: str) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise InvalidInput(f"{where} must be a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{where} must be a date as YYYY-MM-DD") from None


def _whole(raw: dict[str, Any], key: str, where: str) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{where}.{key} must be a whole number or null")
    return value
