"""Finding one row by its id, or by a unique start of it (sessions, appointments,
questionnaires, plans): the same rule and the same words for each."""

from __future__ import annotations

import sqlite3
from typing import Any

from recovery_journal.errors import InvalidInput
from recovery_journal.store.day_write import storable

SHORTEST_START = 4  # characters of an id that may stand for the whole


def row_by_id(
    conn: sqlite3.Connection, table: str, columns: str, given: str, noun: str, command: str
) -> tuple[Any, ...]:
    """The row of `table` whose id is `given`, or starts with it (at least 4 characters,
    one match only). Refused in the person's words: no such `noun` (`command list` shows
    the ids), or a start that matches more than one."""
    missing = f"there is no {noun} {given[:40]!r}; 'recovery-journal {command} list' shows ids"
    if not storable(given):
        raise InvalidInput(missing)
    row = conn.execute(f"SELECT {columns} FROM {table} WHERE id = ?", (given,)).fetchone()
    if row is None and len(given) >= SHORTEST_START:
        matches = conn.execute(
            f"SELECT {columns} FROM {table} WHERE substr(id, 1, ?) = ? LIMIT 2",
            (len(given), given),
        ).fetchall()
        if len(matches) > 1:
            raise InvalidInput(f"{noun} id {given!r} matches more than one {noun}; give more of it")
        row = matches[0] if matches else None
    if row is None:
        raise InvalidInput(missing)
    return tuple(row)
