"""One day's changes, written inside a transaction (standard library only).

Defined once for both ways a day is changed: `Journal.update_day` (the app, imports) and the
quick `log` path, which works on the bare connection and never loads the model's
dataclasses (PRODUCT.md §11).
"""

from __future__ import annotations

import sqlite3
from datetime import date

from recovery_journal.errors import InvalidInput
from recovery_journal.rules import NOTE_MAX_CHARS, check_note, check_tag_count

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from recovery_journal.clock import Clock

DAY_COLUMNS = ("mood", "anxiety", "energy", "sleep_hours", "note")


class DayChanges:
    """What one `log` (or one TUI save) changes on a day; everything else stays."""

    def __init__(
        self,
        fields: dict[str, Any] | None = None,  # None clears a field
        habits: dict[str, float | bool | None] | None = None,  # None clears a habit
        add_tags: list[str] | None = None,
        remove_tags: list[str] | None = None,
        append_note: str | None = None,
    ) -> None:
        self.fields = {} if fields is None else fields
        self.habits = {} if habits is None else habits
        self.add_tags = [] if add_tags is None else add_tags
        self.remove_tags = [] if remove_tags is None else remove_tags
        self.append_note = append_note

    def _parts(self) -> tuple[Any, ...]:
        return (self.fields, self.habits, self.add_tags, self.remove_tags, self.append_note)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DayChanges) and self._parts() == other._parts()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __repr__(self) -> str:
        return (
            f"DayChanges(fields={self.fields!r}, habits={self.habits!r}, "
            f"add_tags={self.add_tags!r}, remove_tags={self.remove_tags!r}, "
            f"append_note={self.append_note!r})"
        )

    def only_clears(self) -> bool:
        """True when these changes only empty fields, habits or tags."""
        return (
            all(value is None for value in self.fields.values())
            and all(value is None for value in self.habits.values())
            and not self.add_tags
            and self.append_note is None
        )

    def is_empty(self) -> bool:
        """Whether there is nothing to write: no field, habit, tag or note."""
        return not (
            self.fields
            or self.habits
            or self.add_tags
            or self.remove_tags
            or self.append_note is not None
        )


class HabitKind:
    """A habit as a value check sees it (`rules.parse_habit_value`): its key and kind."""

    __slots__ = ("key", "kind")

    def __init__(self, key: str, kind: str) -> None:
        self.key = key
        self.kind = kind


def timestamp(clock: Clock) -> str:
    """`updated_at` of a row written now."""
    return clock.now().isoformat(timespec="seconds")


def storable(text: str) -> bool:
    """False for text SQLite cannot take (lone surrogates from undecodable arguments)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def habit_kind(conn: sqlite3.Connection, key: str) -> HabitKind:
    """The habit with this key, or the one-line error that lists the known ones."""
    row = (
        conn.execute("SELECT key, kind FROM habits WHERE key = ?", (key,)).fetchone()
        if storable(key)
        else None
    )
    if row is None:
        raise unknown_habit(conn, key)
    return HabitKind(row[0], row[1])


def unknown_habit(conn: sqlite3.Connection, key: str) -> InvalidInput:
    """The error for a habit key the journal does not have, naming the active ones."""
    known = ", ".join(
        row[0]
        for row in conn.execute("SELECT key FROM habits WHERE archived = 0 ORDER BY position, key")
    )
    return InvalidInput(
        f"there is no habit {key!r}; known habits: {known} "
        "(add one with 'recovery-journal habits add')"
    )


def append_to_note(existing: str | None, addition: str) -> str:
    """`--append-note`: a new paragraph after what is there (a blank line between)."""
    if not existing:
        return addition
    return f"{existing}\n\n{addition}"


def write_day_changes(conn: sqlite3.Connection, day: date, changes: DayChanges, stamp: str) -> None:
    """Apply one set of changes to a day inside the caller's transaction; a day left with
    nothing on it is removed."""
    key = day.isoformat()
    for habit in changes.habits:
        habit_kind(conn, habit)
    row = conn.execute(
        f"SELECT {', '.join(DAY_COLUMNS)} FROM days WHERE date = ?", (key,)
    ).fetchone()
    if row is None and changes.only_clears():
        raise InvalidInput(f"nothing is logged on {day}, so there is nothing to clear")
    values = dict(zip(DAY_COLUMNS, row or (None,) * len(DAY_COLUMNS), strict=True))
    for name, value in changes.fields.items():
        if name not in values:
            raise InvalidInput(f"{name!r} is not a field of a day")
        values[name] = value
    if changes.append_note is not None:
        values["note"] = append_to_note(values["note"], changes.append_note)
    if values["note"] is not None:
        if len(values["note"]) > NOTE_MAX_CHARS:
            raise InvalidInput(
                f"the note would be {len(values['note']):,} characters; the limit is "
                f"{NOTE_MAX_CHARS:,}. Nothing was changed"
            )
        check_note(values["note"])
    conn.execute(
        "INSERT INTO days (date, mood, anxiety, energy, sleep_hours, note, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(date) DO UPDATE SET mood = excluded.mood,"
        " anxiety = excluded.anxiety, energy = excluded.energy,"
        " sleep_hours = excluded.sleep_hours, note = excluded.note,"
        " updated_at = excluded.updated_at",
        (key, *(values[name] for name in DAY_COLUMNS), stamp),
    )
    for habit, value in changes.habits.items():
        if value is None:
            conn.execute("DELETE FROM habit_values WHERE date = ? AND habit = ?", (key, habit))
        else:  # yes/no is stored as 1/0, numbers as they are
            conn.execute(
                "INSERT OR REPLACE INTO habit_values (date, habit, value) VALUES (?, ?, ?)",
                (key, habit, float(value)),
            )
    for tag in changes.remove_tags:
        conn.execute("DELETE FROM day_tags WHERE date = ? AND tag = ?", (key, tag))
    # After the last tag's position (not the count: removals leave gaps).
    next_position = conn.execute(
        "SELECT coalesce(max(position), -1) + 1 FROM day_tags WHERE date = ?", (key,)
    ).fetchone()[0]
    for tag in changes.add_tags:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO day_tags (date, tag, position) VALUES (?, ?, ?)",
            (key, tag, next_position),
        )
        next_position += cursor.rowcount
    if changes.add_tags:
        count = conn.execute("SELECT count(*) FROM day_tags WHERE date = ?", (key,)).fetchone()
        check_tag_count(count[0], key)
    # Everything on it was cleared: no empty check-in remains (`is_blank` of a loaded day).
    conn.execute(
        "DELETE FROM days WHERE date = ?1 AND mood IS NULL AND anxiety IS NULL"
        " AND energy IS NULL AND sleep_hours IS NULL AND coalesce(note, '') = ''"
        " AND NOT EXISTS (SELECT 1 FROM habit_values AS v JOIN habits AS h ON h.key = v.habit"
        " WHERE v.date = ?1)"
        " AND NOT EXISTS (SELECT 1 FROM day_tags WHERE date = ?1)",
        (key,),
    )
