"""`log`: create or update a day's check-in — the quick path (PRODUCT.md §11).

Standard library only, and no more than `log` needs: its parser alone, the value rules
(`rules`), the connection and the day's write (`store.day_write`); no dataclasses, no model,
no regular expression compiled at import. A journal that does not exist yet is created
through `Journal`, as every other command does.
"""

from __future__ import annotations

from recovery_journal import rules
from recovery_journal.errors import InvalidInput
from recovery_journal.store.day_write import DayChanges, habit_kind, timestamp, write_day_changes

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    import sqlite3
    from typing import Any

    from recovery_journal.context import Context

# The built-in habits' own flags: option name → habit key.
HABIT_FLAGS = {
    "meditation": "meditation",
    "exercise": "exercise",
    "social": "social",
    "avoided_news": "news_avoided",
    "avoided_social_media": "social_media_avoided",
}


def register(commands: Any) -> None:
    """Add `log` to the CLI."""
    log = commands.add_parser(
        "log",
        help="create or update a day's check-in",
        description="Creates or updates a day's check-in. Only the fields given change.",
    )
    log.add_argument("--date", default="today", help="YYYY-MM-DD, today (default) or yesterday")
    log.add_argument("--mood", metavar="N", help="1 (worst) to 10 (best)")
    log.add_argument("--anxiety", metavar="N", help="0 to 10")
    log.add_argument("--energy", metavar="N", help="1 to 10")
    log.add_argument("--sleep", metavar="H", help="hours slept, 0 to 24")
    log.add_argument("--meditation", metavar="MIN", help="minutes of meditation")
    log.add_argument("--exercise", metavar="MIN", help="minutes of exercise")
    log.add_argument("--social", metavar="N", help="social contacts")
    log.add_argument("--avoided-news", metavar="yes|no")
    log.add_argument("--avoided-social-media", metavar="yes|no")
    log.add_argument(
        "--habit",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="set any habit (yes/no for done/avoided habits)",
    )
    log.add_argument("--tag", action="append", default=[], metavar="WORD", help="add a tag")
    log.add_argument("--untag", action="append", default=[], metavar="WORD", help="remove a tag")
    log.add_argument(
        "--clear",
        action="append",
        default=[],
        metavar="FIELD",
        help="empty one field: mood, anxiety, energy, sleep, note or a habit key",
    )
    notes = log.add_mutually_exclusive_group()
    notes.add_argument("--note", metavar="TEXT", help="the day's note (- reads standard input)")
    notes.add_argument(
        "--append-note",
        metavar="TEXT",
        help="add a paragraph to the day's note (- reads standard input)",
    )
    log.set_defaults(handler=run_log)


def run_log(args: argparse.Namespace, context: Context) -> int:
    """Validate everything first, then write once."""
    from recovery_journal.context import read_text_argument

    day = rules.parse_date(args.date, context.clock.today())
    changes = DayChanges()
    if args.mood is not None:
        changes.fields["mood"] = rules.parse_mood(args.mood)
    if args.anxiety is not None:
        changes.fields["anxiety"] = rules.parse_anxiety(args.anxiety)
    if args.energy is not None:
        changes.fields["energy"] = rules.parse_energy(args.energy)
    if args.sleep is not None:
        changes.fields["sleep_hours"] = rules.parse_sleep(args.sleep)
    if args.note is not None:
        note = rules.check_note(read_text_argument(args.note, "--note"))
        changes.fields["note"] = note if note != "" else None
    if args.append_note is not None:
        addition = rules.check_note(read_text_argument(args.append_note, "--append-note"))
        if addition == "":
            raise InvalidInput("--append-note needs some text")
        changes.append_note = addition
    raw_habits = _habit_arguments(args)
    changes.add_tags = _unique(rules.normalize_word(word) for word in args.tag)
    changes.remove_tags = _unique(rules.normalize_word(word) for word in args.untag)
    both = set(changes.add_tags) & set(changes.remove_tags)
    if both:
        raise InvalidInput(f"tag {sorted(both)[0]!r} is both added and removed; choose one")
    clears = list(dict.fromkeys(args.clear))  # the same field twice is cleared once
    if not (
        changes.fields
        or raw_habits
        or changes.add_tags
        or changes.remove_tags
        or changes.append_note is not None
        or clears
    ):
        raise InvalidInput(
            "nothing to log; give at least one of --mood, --note, a habit or a tag "
            "(see 'recovery-journal log --help')"
        )

    path = context.path
    if context.opened or not path.exists():  # a new journal: created as every command does
        journal = context.journal()
        _resolve_habits(journal.conn, changes, raw_habits, clears)
        journal.update_day(day, changes)
    else:
        from recovery_journal.store.connection import connect
        from recovery_journal.store.guard import guarded_write

        conn = connect(path)
        try:
            _resolve_habits(conn, changes, raw_habits, clears)
            if changes.is_empty():
                raise InvalidInput("nothing to change; give at least one field to log")
            with guarded_write(conn, path, context.clock.today(), verify=True) as transaction:
                write_day_changes(transaction, day, changes, timestamp(context.clock))
        finally:
            conn.close()
    print(f"saved {day.isoformat()}")
    return 0


def _resolve_habits(
    conn: sqlite3.Connection, changes: DayChanges, raw: dict[str, str], clears: list[str]
) -> None:
    """The habit values and the fields to clear, checked against the journal's habits."""
    for key, text in raw.items():
        changes.habits[key] = rules.parse_habit_value(habit_kind(conn, key), text)
    for name in clears:
        field = {"sleep": "sleep_hours"}.get(name, name)
        if name in rules.DAY_FIELDS:
            if field in changes.fields or (name == "note" and changes.append_note is not None):
                raise InvalidInput(f"{name} is both set and cleared; choose one")
            changes.fields[field] = None
            continue
        habit_kind(conn, name)
        if name in changes.habits:
            raise InvalidInput(f"{name} is both set and cleared; choose one")
        changes.habits[name] = None


def _habit_arguments(args: argparse.Namespace) -> dict[str, str]:
    """The habit values given, by key; the same habit twice is refused."""
    given: dict[str, str] = {}

    def put(key: str, value: str) -> None:
        if key in given:
            raise InvalidInput(f"habit {key!r} is given twice; give it once")
        given[key] = value

    for flag, key in HABIT_FLAGS.items():
        value = getattr(args, flag)
        if value is not None:
            put(key, value)
    for assignment in args.habit:
        key, value = rules.split_assignment(assignment, "--habit")
        put(key, value)
    return given


def _unique(words: Any) -> list[str]:
    return list(dict.fromkeys(words))
