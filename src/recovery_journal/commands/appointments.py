"""`appointment add|list|edit|delete`: therapy, prescriber, TMS and other appointments."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from recovery_journal import model
from recovery_journal.errors import InvalidInput
from recovery_journal.terminal import visible

if TYPE_CHECKING:
    from recovery_journal.context import Context

CLEARABLE = ("provider", "note")


def register(commands: Any) -> None:
    """Add `appointment add|list|edit|delete` to the CLI."""
    appointment = commands.add_parser(
        "appointment", help="therapy, prescriber and other appointments"
    )
    actions = appointment.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(appointment)
    )

    add = actions.add_parser("add", help="record an appointment; prints its id")
    add.add_argument(
        "--at",
        required=True,
        metavar="DATETIME",
        help="'YYYY-MM-DD HH:MM' (local time; may be in the future) or now",
    )
    add.add_argument(
        "--kind", required=True, metavar="KIND", help=", ".join(model.APPOINTMENT_KINDS)
    )
    _fields(add)
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="all appointments, oldest first")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(handler=run_list)

    edit = actions.add_parser("edit", help="change an appointment")
    edit.add_argument("id", metavar="ID", help="the appointment's id (or its first 4+ characters)")
    edit.add_argument("--at", metavar="DATETIME")
    edit.add_argument("--kind", metavar="KIND")
    _fields(edit)
    edit.add_argument(
        "--clear",
        action="append",
        default=[],
        metavar="FIELD",
        help="empty one field: " + ", ".join(CLEARABLE),
    )
    edit.set_defaults(handler=run_edit)

    delete = actions.add_parser("delete", help="delete an appointment (asks for --yes)")
    delete.add_argument("id", metavar="ID")
    delete.add_argument("--yes", action="store_true", help="confirm the deletion")
    delete.set_defaults(handler=run_delete)


def _fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--provider", metavar="P", help="who you see (a name or a clinic)")
    parser.add_argument("--note", metavar="T", help="a note (- reads stdin)")


def appointment_changes(args: argparse.Namespace, context: Context) -> dict[str, Any]:
    """Validated values for the fields given on the command line."""
    from recovery_journal.context import read_text_argument

    changes: dict[str, Any] = {}
    if args.at is not None:
        changes["at"] = model.parse_datetime(args.at, context.clock, "--at", future=True)
    if args.kind is not None:
        changes["kind"] = model.parse_appointment_kind(args.kind)
    if args.provider is not None:
        changes["provider"] = model.check_provider(args.provider.strip()) or None
    if args.note is not None:
        text = read_text_argument(args.note, "--note")
        changes["note"] = model.check_text(text, "the appointment note", model.NOTE_MAX_CHARS)
        changes["note"] = changes["note"] or None
    return changes


def run_add(args: argparse.Namespace, context: Context) -> int:
    """Save a new appointment and print its id."""
    appointment = model.Appointment(id="", **appointment_changes(args, context))
    saved = context.journal().add_appointment(appointment)
    print(saved.id)
    return 0


def run_edit(args: argparse.Namespace, context: Context) -> int:
    """Change or clear the fields given on one appointment; nothing given is refused."""
    changes = appointment_changes(args, context)
    for name in args.clear:
        if name not in CLEARABLE:
            raise InvalidInput(f"cannot clear {name!r}; choose one of: {', '.join(CLEARABLE)}")
        if name in changes:
            raise InvalidInput(f"{name} is both set and cleared; choose one")
        changes[name] = None
    if not changes:
        raise InvalidInput("nothing to change; give at least one field to edit")
    updated = context.journal().update_appointment(
        args.id, lambda appointment: replace(appointment, **changes)
    )
    print(f"updated appointment {visible(updated.id, one_line=True)}")
    return 0


def run_list(args: argparse.Namespace, context: Context) -> int:
    """All appointments, oldest first: a table, or JSON."""
    from recovery_journal import tables
    from recovery_journal.model_json import appointment_to_json

    appointments = context.reading().appointments()
    if args.format == "json":
        print(tables.to_json([appointment_to_json(a) for a in appointments]))
        return 0
    if not appointments:
        print(
            "No appointments yet. Add one with: recovery-journal appointment add "
            "--at 'YYYY-MM-DD HH:MM' --kind therapy"
        )
        return 0
    body = [
        [
            f"{a.at:%Y-%m-%d %H:%M}",
            model.APPOINTMENT_KIND_LABELS[a.kind],
            a.provider or "",
            (a.note or "").splitlines()[0][:40] if a.note else "",
            a.id[:8],
        ]
        for a in appointments
    ]
    print(tables.text_table(["when", "kind", "provider", "note", "id"], body))
    return 0


def run_delete(args: argparse.Namespace, context: Context) -> int:
    """Delete one appointment; without --yes nothing is deleted (exit 2)."""
    journal = context.journal()
    appointment = journal.appointment(args.id)
    if not args.yes:
        raise InvalidInput(
            f"deleting the appointment of {appointment.at:%Y-%m-%d %H:%M} cannot be undone; "
            "add --yes to confirm"
        )
    journal.delete_appointment(appointment.id)
    print(f"deleted appointment {visible(appointment.id, one_line=True)}")
    return 0
