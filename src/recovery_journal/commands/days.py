"""`show`: the day check-ins (`log` is in `commands/log.py`, the quick path)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from recovery_journal import model
from recovery_journal.errors import InvalidInput

if TYPE_CHECKING:
    from recovery_journal.context import Context
    from recovery_journal.store import Journal


def register(commands: Any) -> None:
    """Add `show` to the CLI."""
    show = commands.add_parser("show", help="the check-ins, oldest first")
    show.add_argument("--date", help="one day")
    show.add_argument("--since", metavar="DATE")
    show.add_argument("--until", metavar="DATE")
    show.add_argument("--format", choices=("table", "json", "csv"), default="table")
    show.set_defaults(handler=run_show)


def run_show(args: argparse.Namespace, context: Context) -> int:
    """The check-ins of one date or a range, oldest first: a table, JSON or CSV."""
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
