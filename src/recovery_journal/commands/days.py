"""`log` and `show`: the day check-ins."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from recovery_journal import model
from recovery_journal.errors import InvalidInput

if TYPE_CHECKING:
    from recovery_journal.cli import Context
    from recovery_journal.store import Journal

# The built-in habits' own flags: option name → habit key.
HABIT_FLAGS = {
    "meditation": "meditation",
    "exercise": "exercise",
    "social": "social",
    "avoided_news": "news_avoided",
    "avoided_social_media": "social_media_avoided",
}


def register(commands: Any) -> None:
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

    show = commands.add_parser("show", help="the check-ins, oldest first")
    show.add_argument("--date", help="one day")
    show.add_argument("--since", metavar="DATE")
    show.add_argument("--until", metavar="DATE")
    show.add_argument("--format", choices=("table", "json", "csv"), default="table")
    show.set_defaults(handler=run_show)


def run_log(args: argparse.Namespace, context: Context) -> int:
    """Validate everything first, then write once."""
    from recovery_journal.cli import read_text_argument
    from recovery_journal.store import DayChanges

    day = model.parse_date(args.date, context.clock.today())
    changes = DayChanges()
    if args.mood is not None:
        changes.fields["mood"] = model.parse_mood(args.mood)
    if args.anxiety is not None:
        changes.fields["anxiety"] = model.parse_anxiety(args.anxiety)
    if args.energy is not None:
        changes.fields["energy"] = model.parse_energy(args.energy)
    if args.sleep is not None:
        changes.fields["sleep_hours"] = model.parse_sleep(args.sleep)
    if args.note is not None:
        note = model.check_note(read_text_argument(args.note, "--note"))
        changes.fields["note"] = note if note != "" else None
    if args.append_note is not None:
        addition = model.check_note(read_text_argument(args.append_note, "--append-note"))
        if addition == "":
            raise InvalidInput("--append-note needs some text")
        changes.append_note = addition
    raw_habits = _habit_arguments(args)
    changes.add_tags = _unique(model.normalize_word(word) for word in args.tag)
    changes.remove_tags = _unique(model.normalize_word(word) for word in args.untag)
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

    journal = context.journal()
    for key, text in raw_habits.items():
        changes.habits[key] = model.parse_habit_value(journal.require_habit(key), text)
    for name in clears:
        _apply_clear(journal, changes, name)
    journal.update_day(day, changes)
    print(f"saved {day.isoformat()}")
    return 0


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
        key, value = model.split_assignment(assignment, "--habit")
        put(key, value)
    return given


def _apply_clear(journal: Journal, changes: Any, name: str) -> None:
    field = {"sleep": "sleep_hours"}.get(name, name)
    if name in model.DAY_FIELDS:
        if field in changes.fields or (name == "note" and changes.append_note is not None):
            raise InvalidInput(f"{name} is both set and cleared; choose one")
        changes.fields[field] = None
        return
    journal.require_habit(name)
    if name in changes.habits:
        raise InvalidInput(f"{name} is both set and cleared; choose one")
    changes.habits[name] = None


def _unique(words: Any) -> list[str]:
    return list(dict.fromkeys(words))


def run_show(args: argparse.Namespace, context: Context) -> int:
    from recovery_journal import tables
    from recovery_journal.model_json import day_to_json

    if args.date and (args.since or args.until):
        raise InvalidInput("give either --date or --since/--until, not both")
    since: date | None
    until: date | None
    if args.date:
        since = until = model.parse_date(args.date, context.clock.today())
    else:
        from recovery_journal.service.ranges import parse_range

        since, until = parse_range(args.since, args.until, context.clock.today())
    journal = context.reading()
    days = journal.days(since, until)
    if args.format == "json":
        print(tables.to_json([day_to_json(day) for day in days]))
    elif args.format == "csv":
        table = tables.days_csv(journal.habits(), days)
        if sys.stdout.isatty():  # on screen: shown, never obeyed (a file keeps the text)
            from recovery_journal.terminal import visible

            table = visible(table)
        print(table, end="")
    else:
        print(days_table(journal, days))
    return 0


def days_table(journal: Journal, days: list[model.Day]) -> str:
    """The check-ins as a readable table."""
    from recovery_journal import tables

    if not days:
        return "No check-ins in this range yet."
    habits = {habit.key: habit for habit in journal.habits()}
    body = []
    for day in days:
        marks = []
        for key, value in day.habits.items():
            habit = habits[key]
            marks.append(f"{key} {tables.habit_cell(habit, value)}")
        body.append(
            [
                day.date.isoformat(),
                day.mood,
                day.anxiety,
                day.energy,
                model.plain_number(day.sleep_hours),
                ", ".join(marks),
                " ".join(day.tags),
                tables.one_line(day.note, 40),
            ]
        )
    return tables.text_table(
        ["date", "mood", "anxiety", "energy", "sleep", "habits", "tags", "note"], body
    )
