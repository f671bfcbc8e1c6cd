"""`session add|list|edit|delete`: treatment sessions and their after-care checklist."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from recovery_journal import model
from recovery_journal.errors import InvalidInput
from recovery_journal.terminal import visible

if TYPE_CHECKING:
    from recovery_journal.context import Context

# `session edit --clear FIELD` accepts these names (flag spelling or JSON key).
CLEARABLE = {
    "dose-mg": "dose_mg",
    "provider": "provider",
    "mood-before": "mood_before",
    "mood-after": "mood_after",
    "dissociation": "dissociation",
    "bp-before": "bp_before",
    "bp-after": "bp_after",
    "side-effects": "side_effects",
    "aftercare": "aftercare",
    "intention": "intention",
    "insights": "insights",
}


def register(commands: Any) -> None:
    """Add `session add|list|edit|delete` to the CLI."""
    session = commands.add_parser("session", help="treatment sessions")
    actions = session.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(session)
    )

    add = actions.add_parser("add", help="record a session; prints its id")
    add.add_argument(
        "--at", required=True, metavar="DATETIME", help="'YYYY-MM-DD HH:MM' (local time) or now"
    )
    add.add_argument("--kind", required=True, metavar="KIND", help=", ".join(model.SESSION_KINDS))
    _session_fields(add)
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="all sessions, oldest first")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(handler=run_list)

    edit = actions.add_parser("edit", help="change a session")
    edit.add_argument("id", metavar="ID", help="the session's id (or its first 4+ characters)")
    edit.add_argument("--at", metavar="DATETIME")
    edit.add_argument("--kind", metavar="KIND")
    _session_fields(edit)
    edit.add_argument(
        "--clear",
        action="append",
        default=[],
        metavar="FIELD",
        help="empty one field: " + ", ".join(CLEARABLE),
    )
    edit.set_defaults(handler=run_edit)

    delete = actions.add_parser("delete", help="delete a session (asks for --yes)")
    delete.add_argument("id", metavar="ID")
    delete.add_argument("--yes", action="store_true", help="confirm the deletion")
    delete.set_defaults(handler=run_delete)


def _session_fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dose-mg", metavar="X")
    parser.add_argument("--provider", metavar="P")
    parser.add_argument("--mood-before", metavar="N", help="1 to 10")
    parser.add_argument("--mood-after", metavar="N", help="1 to 10")
    parser.add_argument("--dissociation", metavar="N", help="0 to 10")
    parser.add_argument("--bp-before", metavar="S", help="blood pressure, e.g. 128/82")
    parser.add_argument("--bp-after", metavar="S")
    parser.add_argument(
        "--side-effect",
        action="append",
        default=[],
        metavar="W",
        help=", ".join(model.KNOWN_SIDE_EFFECTS) + ", or your own word",
    )
    parser.add_argument(
        "--aftercare",
        action="append",
        default=[],
        metavar="ITEM=yes|no",
        help=", ".join(model.AFTERCARE_ITEMS),
    )
    parser.add_argument("--intention", metavar="T", help="written before (- reads stdin)")
    parser.add_argument("--insights", metavar="T", help="written after (- reads stdin)")


# The fields typed as one value each, with the flag that names them in an error; the
# parsers are the model's (`model.SESSION_FIELDS`), the same as the app's and an import's.
_TYPED = (
    ("dose_mg", None),
    ("mood_before", None),
    ("mood_after", None),
    ("dissociation", None),
    ("bp_before", "--bp-before"),
    ("bp_after", "--bp-after"),
)


def session_changes(args: argparse.Namespace, context: Context) -> dict[str, Any]:
    """Validated values for the fields given on the command line."""
    from recovery_journal.context import one_stdin, read_text_argument

    one_stdin(args, "intention", "insights")
    changes: dict[str, Any] = {}
    if args.at is not None:
        changes["at"] = model.parse_datetime(args.at, context.clock, "--at")
    if args.kind is not None:
        changes["kind"] = model.check_session_kind(args.kind)
    if args.provider is not None:  # typed: trimmed; nothing but spaces clears it
        changes["provider"] = model.parse_session_field("provider", args.provider.strip()) or None
    for name, flag in _TYPED:
        text = getattr(args, name)
        if text is not None:
            changes[name] = model.parse_session_field(name, text, flag)
    if args.side_effect:
        changes["side_effects"] = list(
            dict.fromkeys(model.normalize_side_effect(word) for word in args.side_effect)
        )
    if args.aftercare:
        aftercare: dict[str, bool | None] = {}
        for assignment in args.aftercare:
            item, value = model.split_assignment(assignment, "--aftercare")
            model.check_aftercare_item(item)
            if item in aftercare:
                raise InvalidInput(f"after-care item {item!r} is given twice; give it once")
            aftercare[item] = (
                None
                if value.lower() == "unset"
                else model.parse_yes_no(value, f"after-care {item}")
            )
        changes["aftercare"] = aftercare
    for name in ("intention", "insights"):
        text = getattr(args, name)
        if text is not None:
            changes[name] = model.check_text(read_text_argument(text, f"--{name}"), name) or None
    return changes


def run_add(args: argparse.Namespace, context: Context) -> int:
    """Save a new session and print its id."""
    changes = session_changes(args, context)
    aftercare = {k: v for k, v in changes.pop("aftercare", {}).items() if v is not None}
    session = model.Session(id="", aftercare=aftercare, **changes)
    saved = context.journal().add_session(session)
    print(saved.id)
    return 0


def run_edit(args: argparse.Namespace, context: Context) -> int:
    """Change or clear the fields given on one session; after-care items merge
    into those already there."""
    changes = session_changes(args, context)
    clears = []
    for name in args.clear:
        field = CLEARABLE.get(name) or (name if name in CLEARABLE.values() else None)
        if field is None:
            raise InvalidInput(f"cannot clear {name!r}; choose one of: {', '.join(CLEARABLE)}")
        if field in changes:
            raise InvalidInput(f"{name} is both set and cleared; choose one")
        clears.append(field)
    if not changes and not clears:
        raise InvalidInput("nothing to change; give at least one field to edit")
    for field in clears:
        changes[field] = [] if field == "side_effects" else {} if field == "aftercare" else None
    aftercare = changes.pop("aftercare", None) if "aftercare" not in clears else None

    def edit(session: model.Session) -> model.Session:
        """The changes applied to the session as it is now (read in the same transaction)."""
        if aftercare is None:
            return replace(session, **changes)
        merged = dict(session.aftercare)
        for item, value in aftercare.items():
            if value is None:
                merged.pop(item, None)
            else:
                merged[item] = value
        return replace(session, aftercare=merged, **changes)

    updated = context.journal().update_session(args.id, edit)
    print(f"updated session {visible(updated.id, one_line=True)}")
    return 0


def run_list(args: argparse.Namespace, context: Context) -> int:
    """All sessions, oldest first: a numbered table, or JSON."""
    from recovery_journal import tables
    from recovery_journal.model_json import session_to_json

    sessions = context.reading().sessions()
    if args.format == "json":
        print(tables.to_json([session_to_json(s) for s in sessions]))
        return 0
    if not sessions:
        print("No sessions yet. Add one with: recovery-journal session add --at now --kind KIND")
        return 0
    body = [
        [
            number,
            f"{s.at:%Y-%m-%d %H:%M}",
            tables.kind_label(s.kind),
            "" if s.dose_mg is None else f"{model.plain_number(s.dose_mg)} mg",
            tables.mood_change(s),
            s.dissociation,
            tables.aftercare_done(s),
            s.id[:8],
        ]
        for number, s in enumerate(sessions, start=1)
    ]
    print(
        tables.text_table(
            [
                "#",
                "when",
                "kind",
                "dose",
                "mood before → after",
                "dissociation",
                "after-care",
                "id",
            ],
            body,
        )
    )
    return 0


def run_delete(args: argparse.Namespace, context: Context) -> int:
    """Delete one session; without --yes nothing is deleted (exit 2)."""
    journal = context.journal()
    session = journal.session(args.id)
    if not args.yes:
        raise InvalidInput(
            f"deleting the session of {session.at:%Y-%m-%d %H:%M} cannot be undone; "
            "add --yes to confirm"
        )
    journal.delete_session(session.id)
    print(f"deleted session {visible(session.id, one_line=True)}")
    return 0
