"""The journal: reads and one-transaction writes over one SQLite file (standard library only).

Every SQL statement on the journal's tables is here (or in the other `store` modules):
the CLI, the app, the importers (`put_days`, `put_sessions`, `put_habits`,
`put_assessments`, inside one `writing()`) and the demo write through these methods.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_journal.clock import Clock, SystemClock
from recovery_journal.errors import InvalidInput
from recovery_journal.model import (
    Appointment,
    Assessment,
    Day,
    Habit,
    Session,
    TreatmentContext,
    check_appointment,
    check_date,
    check_day,
    check_habit_room,
    check_note,
    check_session,
)
from recovery_journal.store import rows
from recovery_journal.store.connection import COUNTED_TABLES, connect, count_rows
from recovery_journal.store.day_write import (
    DayChanges,
    storable,
    timestamp,
    unknown_habit,
    write_day_changes,
)
from recovery_journal.store.guard import guarded_write
from recovery_journal.store.lookup import row_by_id

if TYPE_CHECKING:
    from recovery_journal.review_file import ExportInfo

_DAY_FIELDS = ("mood", "anxiety", "energy", "sleep_hours", "note")


def day_changes(old: Day, new: Day) -> DayChanges:
    """What turns `old` into `new`: only the fields, habits and tags that differ."""
    changes = DayChanges()
    for name in _DAY_FIELDS:
        if getattr(new, name) != getattr(old, name):
            changes.fields[name] = getattr(new, name)
    for key in {*new.habits, *old.habits}:
        if new.habits.get(key) != old.habits.get(key):
            changes.habits[key] = new.habits.get(key)
    changes.add_tags = [tag for tag in new.tags if tag not in old.tags]
    changes.remove_tags = [tag for tag in old.tags if tag not in new.tags]
    return changes


class Journal:
    """One open journal file."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, clock: Clock) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self.read_only = False
        self.export_info: ExportInfo | None = None  # review: what the export file says of itself
        # A review of a date-limited file: the sessions before its range (None otherwise).
        self.treatment_context: TreatmentContext | None = None
        self.crisis_country: str | None = None  # review: the country the file's crisis line is for
        self._verified = False  # `quick_check` passed on this connection

    @classmethod
    def open(cls, path: Path | str, clock: Clock | None = None, create: bool = True) -> Journal:
        """Open or create a journal file (`:memory:` for a throwaway one)."""
        conn = connect(path, create=create)
        return cls(conn, None if str(path) == ":memory:" else Path(path), clock or SystemClock())

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ transactions

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction; the daily backup is taken first when due.

        Before the first write on this connection the file must pass `quick_check`: nothing
        is ever written into a damaged journal (about 2 ms on a 5-year journal).
        """
        if self.read_only:
            raise InvalidInput("this journal is open read-only; nothing can be changed here")
        with guarded_write(
            self.conn, self.path, self.clock.today(), verify=not self._verified
        ) as conn:
            self._verified = True
            yield conn

    @contextmanager
    def _joined(self) -> Iterator[sqlite3.Connection]:
        """The caller's write transaction when it holds one (`writing()`), else a new one."""
        if self.conn.in_transaction:
            yield self.conn
        else:
            with self.writing() as conn:
                yield conn

    def _stamp(self) -> str:
        return timestamp(self.clock)

    # ------------------------------------------------------------ habits

    def habits(self, include_archived: bool = True) -> list[Habit]:
        """All habits, built-in first, then in the order they were added."""
        where = "" if include_archived else "WHERE archived = 0"
        return [
            rows.habit_from_row(row)
            for row in self.conn.execute(
                f"SELECT {rows.HABIT_COLUMNS} FROM habits {where} ORDER BY position, key"
            )
        ]

    def habit(self, key: str) -> Habit | None:
        """One habit by its key, or None when there is none."""
        if not storable(key):
            return None  # no key holds bytes that are not UTF-8 (a terminal's stray byte)
        row = self.conn.execute(
            f"SELECT {rows.HABIT_COLUMNS} FROM habits WHERE key = ?", (key,)
        ).fetchone()
        return rows.habit_from_row(row) if row else None

    def require_habit(self, key: str) -> Habit:
        """One habit by its key; an unknown key is refused, naming the known ones."""
        habit = self.habit(key)
        if habit is None:
            raise unknown_habit(self.conn, key)
        return habit

    def add_habit(self, habit: Habit) -> Habit:
        """Add a habit of the user's own after the others; a key that exists, or
        one habit too many, is refused."""
        with self.writing() as conn:
            if self.habit(habit.key) is not None:
                raise InvalidInput(f"a habit {habit.key!r} exists already; edit it instead")
            self._check_room(adding=1, activating=0 if habit.archived else 1)
            position = conn.execute("SELECT coalesce(max(position), 0) + 1 FROM habits").fetchone()
            habit = replace(habit, position=position[0], built_in=False)
            _insert_habit(conn, habit, habit.position)
        return habit

    def update_habit(self, key: str, **changes: Any) -> Habit:
        """Change a habit's label, target or archived flag."""
        allowed = {"label", "target", "archived"}
        unknown = set(changes) - allowed
        if unknown:
            raise InvalidInput(f"cannot change {', '.join(sorted(unknown))} of a habit")
        with self.writing() as conn:
            habit = self.require_habit(key)
            updated = replace(habit, **changes)
            if habit.archived and not updated.archived:
                self._check_room(adding=0, activating=1)
            conn.execute(
                "UPDATE habits SET label = ?, target = ?, archived = ? WHERE key = ?",
                (updated.label, updated.target, int(updated.archived), key),
            )
        return updated

    def put_habits(self, new: Iterable[Habit] = (), changed: Iterable[Habit] = ()) -> None:
        """Add `new` habits after the others (not built in) and write the label, target and
        archived flag of `changed` ones (an import's merge), in one transaction."""
        with self._joined() as conn:
            position = conn.execute("SELECT coalesce(max(position), 0) FROM habits").fetchone()[0]
            for habit in new:
                position += 1
                _insert_habit(conn, habit, position)
            for habit in changed:
                conn.execute(
                    "UPDATE habits SET label = ?, target = ?, archived = ? WHERE key = ?",
                    (habit.label, habit.target, int(habit.archived), habit.key),
                )

    def _check_room(self, adding: int, activating: int) -> None:
        """The model's caps on habits, counted inside the caller's transaction."""
        total, active = self.conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE NOT archived) FROM habits"
        ).fetchone()
        check_habit_room(active + activating, total + adding)

    # ------------------------------------------------------------ days

    def day(self, day: date) -> Day | None:
        """One day's check-in, or None when nothing was logged that day."""
        found = self.days(day, day)
        return found[0] if found else None

    def days(self, since: date | None = None, until: date | None = None) -> list[Day]:
        """Check-ins in a range, oldest first (three queries, whatever the range)."""
        where, params = _date_range("date", since, until)
        by_date: dict[str, Day] = {}
        for row in self.conn.execute(
            f"SELECT {rows.DAY_COLUMNS} FROM days {where} ORDER BY date", params
        ):
            by_date[row[0]] = rows.day_from_row(row)
        if not by_date:
            return []
        kinds = {habit.key: habit.kind for habit in self.habits()}
        for day_text, key, value in self.conn.execute(
            "SELECT v.date, v.habit, v.value FROM habit_values AS v JOIN habits AS h"
            f" ON h.key = v.habit {where.replace('date', 'v.date')}"
            " ORDER BY v.date, h.position, h.key",
            params,
        ):
            if day_text in by_date:
                by_date[day_text].habits[key] = rows.loaded_value(kinds.get(key, "minutes"), value)
        for day_text, tag in self.conn.execute(
            f"SELECT date, tag FROM day_tags {where} ORDER BY date, position, tag", params
        ):
            if day_text in by_date:
                by_date[day_text].tags.append(tag)
        return list(by_date.values())

    def update_day(self, day: date, changes: DayChanges) -> Day:
        """Apply one set of changes to a day's check-in in one transaction."""
        if changes.is_empty():
            raise InvalidInput("nothing to change; give at least one field to log")
        check_date(day)
        with self.writing() as conn:
            return self._update_day(conn, day, changes)

    def merge_day(self, base: Day, mine: Day, marker: str) -> tuple[Day, list[str]]:
        """Save a form over a day (the app's check-in): only what differs between `base`
        (the day as the form loaded it) and `mine` is applied, three-way against the day as
        it is now, read in the same transaction (`merge3`). Returns the day as written and
        the fields that were changed on both sides (the caller tells the person)."""
        from recovery_journal.merge3 import merge_record

        with self.writing() as conn:
            theirs = self.day(base.date) or Day(base.date)
            merged, conflicts = merge_record(
                base,
                mine,
                theirs,
                marker,
                text_fields=("note",),
                set_fields=("tags",),
                mapping_fields=("habits",),
                fixed=("date",),
            )
            changes = day_changes(theirs, merged)
            saved = theirs if changes.is_empty() else self._update_day(conn, base.date, changes)
        return saved, conflicts

    def _update_day(self, conn: sqlite3.Connection, day: date, changes: DayChanges) -> Day:
        """`update_day` inside a transaction that the caller holds."""
        write_day_changes(conn, day, changes, self._stamp())
        return self.day(day) or Day(day)

    def put_days(self, days: Iterable[Day]) -> None:
        """Replace each whole day with this one (an import's merge, the demo), in one
        transaction; each is checked as every write of a day is."""
        with self._joined():
            for day in days:
                self._put_day(day)

    def _put_day(self, day: Day) -> None:
        """Replace a day inside a transaction that the caller holds."""
        check_day(day)
        if day.note is not None:
            check_note(day.note)
        for key in day.habits:
            self.require_habit(key)
        key = day.date.isoformat()
        self.conn.execute("DELETE FROM days WHERE date = ?", (key,))
        self.conn.execute(
            "INSERT INTO days (date, mood, anxiety, energy, sleep_hours, note, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (key, day.mood, day.anxiety, day.energy, day.sleep_hours, day.note, self._stamp()),
        )
        self.conn.executemany(
            "INSERT INTO habit_values (date, habit, value) VALUES (?, ?, ?)",
            [(key, habit, float(value)) for habit, value in day.habits.items()],
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO day_tags (date, tag, position) VALUES (?, ?, ?)",
            [(key, tag, position) for position, tag in enumerate(day.tags)],
        )

    # ------------------------------------------------------------ sessions

    def sessions(self) -> list[Session]:
        """All sessions, oldest first."""
        return [
            rows.session_from_row(row)
            for row in self.conn.execute(
                f"SELECT {rows.SESSION_COLUMNS} FROM sessions ORDER BY date, at, id"
            )
        ]

    def session(self, session_id: str) -> Session:
        """A session by its id or a unique start of it (at least 4 characters)."""
        return rows.session_from_row(
            row_by_id(self.conn, "sessions", rows.SESSION_COLUMNS, session_id, "session", "session")
        )

    def add_session(self, session: Session) -> Session:
        """Check and save a new session (a new id when it has none); an id that
        exists is refused."""
        if not session.id:
            session = replace(session, id=str(uuid.uuid4()))
        with self.writing():
            exists = self.conn.execute(
                "SELECT 1 FROM sessions WHERE id = ?", (session.id,)
            ).fetchone()
            if exists:
                raise InvalidInput(f"a session with id {session.id!r} exists already")
            self._put_session(session)
        return session

    def update_session(self, session_id: str, change: Callable[[Session], Session]) -> Session:
        """Read a session, change it and write it back in one transaction, so an edit made
        meanwhile by another copy of the app is not overwritten by a stale copy."""
        with self.writing():
            updated = change(self.session(session_id))
            self._put_session(updated)
        return updated

    def put_sessions(self, sessions: Iterable[Session]) -> None:
        """Insert or replace each session (an import's merge, the demo), in one transaction."""
        with self._joined():
            for session in sessions:
                self._put_session(session)

    def _put_session(self, session: Session) -> None:
        check_session(session)
        self.conn.execute(
            "INSERT OR REPLACE INTO sessions (id, at, date, kind, dose_mg, provider, mood_before,"
            " mood_after, dissociation, bp_before, bp_after, side_effects, aftercare, intention,"
            " insights, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session.id,
                session.at.isoformat(),
                session.at.date().isoformat(),
                session.kind,
                session.dose_mg,
                session.provider,
                session.mood_before,
                session.mood_after,
                session.dissociation,
                session.bp_before,
                session.bp_after,
                json.dumps(session.side_effects),
                json.dumps(session.aftercare, sort_keys=True),
                session.intention,
                session.insights,
                self._stamp(),
            ),
        )

    def delete_session(self, session_id: str) -> Session:
        """Delete one session (by id or a unique start of it); returns it."""
        with self.writing() as conn:
            session = self.session(session_id)
            conn.execute("DELETE FROM sessions WHERE id = ?", (session.id,))
        return session

    # ------------------------------------------------------------ appointments

    def appointments(
        self, since: date | None = None, until: date | None = None
    ) -> list[Appointment]:
        """Appointments, oldest first (within `since`…`until` when given)."""
        where, params = _date_range("date", since, until)
        return [
            rows.appointment_from_row(row)
            for row in self.conn.execute(
                f"SELECT {rows.APPOINTMENT_COLUMNS} FROM appointments {where} "
                "ORDER BY date, at, id",
                params,
            )
        ]

    def appointment(self, appointment_id: str) -> Appointment:
        """An appointment by its id or a unique start of it (at least 4 characters)."""
        return rows.appointment_from_row(
            row_by_id(
                self.conn,
                "appointments",
                rows.APPOINTMENT_COLUMNS,
                appointment_id,
                "appointment",
                "appointment",
            )
        )

    def add_appointment(self, appointment: Appointment) -> Appointment:
        """Check and save a new appointment (a new id when it has none); an
        id that exists is refused."""
        if not appointment.id:
            appointment = replace(appointment, id=str(uuid.uuid4()))
        with self.writing():
            exists = self.conn.execute(
                "SELECT 1 FROM appointments WHERE id = ?", (appointment.id,)
            ).fetchone()
            if exists:
                raise InvalidInput(f"an appointment with id {appointment.id!r} exists already")
            self.put_appointment(appointment)
        return appointment

    def update_appointment(
        self, appointment_id: str, change: Callable[[Appointment], Appointment]
    ) -> Appointment:
        """Read, change and write back an appointment in one transaction."""
        with self.writing():
            updated = change(self.appointment(appointment_id))
            self.put_appointment(updated)
        return updated

    def put_appointment(self, appointment: Appointment) -> None:
        """Insert or replace one appointment (inside a write transaction)."""
        check_appointment(appointment)
        self.conn.execute(
            "INSERT OR REPLACE INTO appointments (id, at, date, kind, provider, note, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                appointment.id,
                appointment.at.isoformat(),
                appointment.at.date().isoformat(),
                appointment.kind,
                appointment.provider,
                appointment.note,
                self._stamp(),
            ),
        )

    def delete_appointment(self, appointment_id: str) -> Appointment:
        """Delete one appointment (by id or a unique start of it);
        returns it."""
        with self.writing() as conn:
            appointment = self.appointment(appointment_id)
            conn.execute("DELETE FROM appointments WHERE id = ?", (appointment.id,))
        return appointment

    # ------------------------------------------------------------ questionnaires

    def assessments(self, instrument: str | None = None) -> list[Assessment]:
        """Questionnaires, oldest first."""
        where, params = ("WHERE instrument = ?", (instrument,)) if instrument else ("", ())
        return [
            rows.assessment_from_row(row)
            for row in self.conn.execute(
                f"SELECT {rows.ASSESSMENT_COLUMNS} FROM assessments {where} "
                "ORDER BY date, created_at, id",
                params,
            )
        ]

    def add_assessment(self, assessment: Assessment) -> Assessment:
        """Save a new questionnaire as given (a new id when it has none),
        stamped now so those of one date keep their order."""
        if not assessment.id:
            assessment = replace(assessment, id=str(uuid.uuid4()))
        with self.writing() as conn:
            conn.execute(
                "INSERT INTO assessments (id, instrument, date, answers, total, severity, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    assessment.id,
                    assessment.instrument,
                    assessment.date.isoformat(),
                    json.dumps(assessment.answers),
                    assessment.total,
                    assessment.severity,
                    self._stamp(),
                ),
            )
        return assessment

    def put_assessments(self, items: Iterable[Assessment], *, keep_order: bool = True) -> None:
        """Insert or replace each questionnaire, in one transaction. `keep_order`: those on
        one date keep this order (each a microsecond later than the last); else all get the
        same time (and one date's are listed by id)."""
        moment = self.clock.now().replace(microsecond=0)
        stamp = moment.isoformat()
        with self._joined() as conn:
            for index, item in enumerate(items):
                if keep_order:
                    stamp = (moment + timedelta(microseconds=index)).isoformat()
                conn.execute(
                    "INSERT OR REPLACE INTO assessments (id, instrument, date, answers, total, "
                    "severity, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        item.id,
                        item.instrument,
                        item.date.isoformat(),
                        json.dumps(item.answers),
                        item.total,
                        item.severity,
                        stamp,
                    ),
                )

    def assessment(self, assessment_id: str) -> Assessment:
        """A questionnaire by its id or a unique start of it (at least 4 characters)."""
        return rows.assessment_from_row(
            row_by_id(
                self.conn,
                "assessments",
                rows.ASSESSMENT_COLUMNS,
                assessment_id,
                "questionnaire",
                "assess",
            )
        )

    def update_assessment(
        self, assessment_id: str, change: Callable[[Assessment], Assessment]
    ) -> Assessment:
        """Read a questionnaire, change it (date, answers) and write it back in one
        transaction; its id and its place among the day's questionnaires stay."""
        with self.writing() as conn:
            updated = change(self.assessment(assessment_id))
            conn.execute(
                "UPDATE assessments SET instrument = ?, date = ?, answers = ?, total = ?, "
                "severity = ? WHERE id = ?",
                (
                    updated.instrument,
                    updated.date.isoformat(),
                    json.dumps(updated.answers),
                    updated.total,
                    updated.severity,
                    updated.id,
                ),
            )
        return updated

    def delete_assessment(self, assessment_id: str) -> Assessment:
        """Delete one questionnaire (by id or a unique start of it); returns what it was."""
        with self.writing() as conn:
            assessment = self.assessment(assessment_id)
            conn.execute("DELETE FROM assessments WHERE id = ?", (assessment.id,))
        return assessment

    # ------------------------------------------------------------ drafts

    def save_draft(self, name: str, text: str, base: str | None = None) -> None:
        """Keep an unsaved note (the TUI calls this every few seconds while typing), with
        the text it was written over (`base`), so that a draft brought back later is still
        merged three-way with what was saved meanwhile."""
        with self.writing() as conn:
            stamp = self._stamp()
            conn.execute(
                "INSERT OR REPLACE INTO drafts (name, text, updated_at) VALUES (?, ?, ?)",
                (name, text, stamp),
            )
            if base is not None:
                conn.execute(
                    "INSERT OR REPLACE INTO drafts (name, text, updated_at) VALUES (?, ?, ?)",
                    (_base_name(name), base, stamp),
                )
            else:
                conn.execute("DELETE FROM drafts WHERE name = ?", (_base_name(name),))

    def draft(self, name: str) -> tuple[str, datetime] | None:
        """The unsaved text kept under `name` and when it was kept, or None."""
        row = self.conn.execute(
            "SELECT text, updated_at FROM drafts WHERE name = ?", (name,)
        ).fetchone()
        return (row[0], datetime.fromisoformat(row[1])) if row else None

    def draft_base(self, name: str) -> str | None:
        """The text a draft was written over, when it was kept with one."""
        row = self.conn.execute(
            "SELECT text FROM drafts WHERE name = ?", (_base_name(name),)
        ).fetchone()
        return row[0] if row else None

    def discard_draft(self, name: str) -> None:
        """Forget a draft and the text it was written over."""
        with self.writing() as conn:
            conn.execute("DELETE FROM drafts WHERE name IN (?, ?)", (name, _base_name(name)))

    # ------------------------------------------------------------ summary

    def data_range(self) -> tuple[date, date] | None:
        """First and last date that hold any data (days, sessions, questionnaires).

        Appointments and plans do not stretch it: both reach ahead (a booked appointment, a
        plan's dates for the weeks to come), and a range is what was logged. A journal
        holding only a plan or appointments has no data range (yet it is not empty)."""
        row = self.conn.execute(
            "SELECT min(d), max(d) FROM ("
            " SELECT min(date) AS d FROM days UNION ALL SELECT max(date) FROM days"
            " UNION ALL SELECT min(date) FROM sessions UNION ALL SELECT max(date) FROM sessions"
            " UNION ALL SELECT min(date) FROM assessments"
            " UNION ALL SELECT max(date) FROM assessments)"
        ).fetchone()
        if row[0] is None:
            return None
        return date.fromisoformat(row[0]), date.fromisoformat(row[1])

    def counts(self) -> dict[str, int]:
        """How many days, sessions, questionnaires, appointments and plans the journal holds
        (a file read without migrating it may lack the last two tables: none there)."""
        return {table: count_rows(self.conn, table) for table in COUNTED_TABLES}

    def is_empty(self) -> bool:
        """No days, sessions, questionnaires, appointments or plans, and only the built-in
        habits."""
        custom = self.conn.execute("SELECT count(*) FROM habits WHERE built_in = 0").fetchone()[0]
        return not custom and not any(self.counts().values())


def _base_name(draft_name: str) -> str:
    return f"{draft_name}:base"


def _date_range(column: str, since: date | None, until: date | None) -> tuple[str, tuple[str, ...]]:
    clauses, params = [], []
    if since is not None:
        clauses.append(f"{column} >= ?")
        params.append(since.isoformat())
    if until is not None:
        clauses.append(f"{column} <= ?")
        params.append(until.isoformat())
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


def is_blank(day: Day) -> bool:
    """A check-in with nothing in it."""
    return (
        day.mood is None
        and day.anxiety is None
        and day.energy is None
        and day.sleep_hours is None
        and not day.habits
        and not day.tags
        and not day.note
    )


def _insert_habit(conn: sqlite3.Connection, habit: Habit, position: int) -> None:
    """One habit of the user's own (not built in) at `position`."""
    conn.execute(
        "INSERT INTO habits (key, label, kind, target, archived, built_in, position) "
        "VALUES (?, ?, ?, ?, ?, 0, ?)",
        (habit.key, habit.label, habit.kind, habit.target, int(habit.archived), position),
    )
