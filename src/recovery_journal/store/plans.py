"""The journal's treatment plans (the `plans` table of schema version 2), standard library only.

Functions over an open `Journal`: reads use its connection, writes its one short write
transaction (`Journal.writing`, which takes the daily backup first when due).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from recovery_journal.errors import InvalidInput
from recovery_journal.schedule import Plan, check_plan, same_schedule

if TYPE_CHECKING:
    from recovery_journal.store import Journal

PLAN_COLUMNS = "id, start, template, every_days, count, kind, dates, created_at"


def plan_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Plan:
    """A Plan from a `plans` row (its dates stored as a JSON list)."""
    pid, start, template, every_days, count, kind, dates, created_at = row
    return Plan(
        id=pid,
        start=date.fromisoformat(start),
        dates=tuple(date.fromisoformat(day) for day in json.loads(dates)),
        template=template,
        every_days=every_days,
        count=count,
        kind=kind,
        created_at=datetime.fromisoformat(created_at) if created_at else None,
    )


def _has_table(conn: sqlite3.Connection) -> bool:
    """A journal read without migrating it (`remind` on a version-1 file) has no plans."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'plans'"
    ).fetchone()
    return found is not None


def plans(journal: Journal) -> list[Plan]:
    """Every plan, by start date (then when it was made)."""
    if not _has_table(journal.conn):
        return []
    return [
        plan_from_row(row)
        for row in journal.conn.execute(
            f"SELECT {PLAN_COLUMNS} FROM plans ORDER BY start, created_at, id"
        )
    ]


def plan(journal: Journal, plan_id: str) -> Plan:
    """A plan by its id or a unique start of it (at least 4 characters)."""
    from recovery_journal.store.lookup import row_by_id

    return plan_from_row(row_by_id(journal.conn, "plans", PLAN_COLUMNS, plan_id, "plan", "plan"))


def add_plan(journal: Journal, new: Plan) -> Plan:
    """Store a new plan (an id and the creation time are given when it has none)."""
    if not new.id:
        new = replace(new, id=str(uuid.uuid4()))
    if new.created_at is None:
        new = replace(new, created_at=journal.clock.now().replace(microsecond=0))
    with journal.writing() as conn:
        if conn.execute("SELECT 1 FROM plans WHERE id = ?", (new.id,)).fetchone():
            raise InvalidInput(f"a plan with id {new.id!r} exists already")
        for other in plans(journal):  # the same command run twice would double every date
            if same_schedule(other, new):
                raise InvalidInput(
                    f"this plan is in the journal already (plan {other.id[:8]}); "
                    "'recovery-journal plan list' shows it"
                )
        put_plan(journal, new)
    return new


def put_plan(journal: Journal, item: Plan) -> None:
    """Insert or replace one plan (inside a write transaction)."""
    check_plan(item)
    journal.conn.execute(
        f"INSERT OR REPLACE INTO plans ({PLAN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            item.id,
            item.start.isoformat(),
            item.template,
            item.every_days,
            item.count,
            item.kind,
            json.dumps([day.isoformat() for day in item.dates]),
            (item.created_at or journal.clock.now().replace(microsecond=0)).isoformat(),
        ),
    )


def delete_plan(journal: Journal, plan_id: str) -> Plan:
    """Delete one plan (by id or a unique start of it); its sessions stay. Returns
    it."""
    with journal.writing() as conn:
        found = plan(journal, plan_id)
        conn.execute("DELETE FROM plans WHERE id = ?", (found.id,))
    return found
