"""`habits list|add|edit|archive|restore`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from recovery_journal import model
from recovery_journal.errors import InvalidInput

if TYPE_CHECKING:
    from recovery_journal.context import Context


def register(commands: Any) -> None:
    """Add `habits list|add|edit|archive|restore` to the CLI."""
    habits = commands.add_parser("habits", help="the habits you track")
    actions = habits.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(habits)
    )

    listing = actions.add_parser("list", help="all habits, archived ones marked")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(handler=run_list)

    add = actions.add_parser("add", help="track a habit of your own")
    add.add_argument("key", metavar="KEY", help="a-z, 0-9 and _, e.g. hydration")
    add.add_argument("--label", required=True, metavar="L")
    add.add_argument("--kind", required=True, metavar="K", help=", ".join(model.HABIT_KINDS))
    add.add_argument("--target", metavar="T", help="daily target (minutes or count habits)")
    add.set_defaults(handler=run_add)

    edit = actions.add_parser("edit", help="rename a habit or change its target")
    edit.add_argument("key", metavar="KEY")
    edit.add_argument("--label", metavar="L")
    edit.add_argument("--target", metavar="T", help="a number, or 'none' to remove it")
    edit.set_defaults(handler=run_edit)

    archive = actions.add_parser("archive", help="stop offering a habit; past values stay")
    archive.add_argument("key", metavar="KEY")
    archive.set_defaults(handler=run_archive, archived=True)

    restore = actions.add_parser("restore", help="offer an archived habit again")
    restore.add_argument("key", metavar="KEY")
    restore.set_defaults(handler=run_archive, archived=False)


def run_list(args: argparse.Namespace, context: Context) -> int:
    """All habits, archived ones marked: a table, or JSON."""
    from recovery_journal import tables
    from recovery_journal.model_json import habit_to_json

    habits = context.reading().habits()
    if args.format == "json":
        print(tables.to_json([habit_to_json(h) for h in habits]))
        return 0
    body = [
        [
            h.key,
            h.label,
            h.kind,
            "" if h.target is None else model.plain_number(h.target),
            "archived" if h.archived else "active",
            "built in" if h.built_in else "yours",
        ]
        for h in habits
    ]
    print(tables.text_table(["key", "label", "kind", "target", "status", "origin"], body))
    return 0


def run_add(args: argparse.Namespace, context: Context) -> int:
    """Track a new habit of the user's own, checked before it is saved."""
    key = model.check_habit_key(args.key)
    kind = model.check_habit_kind(args.kind)
    habit = model.Habit(
        key, model.check_label(args.label), kind, model.parse_target(kind, args.target)
    )
    context.journal().add_habit(habit)
    print(f"added habit {key}")
    return 0


def run_edit(args: argparse.Namespace, context: Context) -> int:
    """A new label or target (or none) for one habit."""
    if args.label is None and args.target is None:
        raise InvalidInput("nothing to change; give --label or --target")
    journal = context.journal()
    habit = journal.require_habit(args.key)
    changes: dict[str, Any] = {}
    if args.label is not None:
        changes["label"] = model.check_label(args.label)
    if args.target is not None:
        none = args.target.strip().lower() in ("none", "")
        changes["target"] = None if none else model.parse_target(habit.kind, args.target)
    journal.update_habit(habit.key, **changes)
    print(f"updated habit {habit.key}")
    return 0


def run_archive(args: argparse.Namespace, context: Context) -> int:
    """Archive a habit or make it active again (`archived` says which); values stay."""
    journal = context.journal()
    habit = journal.require_habit(args.key)
    journal.update_habit(habit.key, archived=args.archived)
    state = "archived (past values are kept)" if args.archived else "active again"
    print(f"habit {habit.key} is {state}")
    return 0
