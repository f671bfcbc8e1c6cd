"""`plan add|list|delete`: the treatment schedule (planned session dates and how they went)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from recovery_journal.errors import InvalidInput
from recovery_journal.terminal import visible

if TYPE_CHECKING:
    from recovery_journal.context import Context


def register(commands: Any) -> None:
    """Add `plan add|list|delete` to the CLI."""
    from recovery_journal.model import SESSION_KINDS
    from recovery_journal.schedule import COUNT_MAX, EVERY_MAX

    plan = commands.add_parser("plan", help="the treatment schedule: planned session dates")
    actions = plan.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(plan)
    )

    add = actions.add_parser(
        "add",
        help="plan sessions from a template or every N days; prints the plan's id",
        description="Plan sessions. spravato: twice a week in weeks 1-4 (the start day and 3 "
        "days later), then weekly in weeks 5-8 (12 dates). iv-series: 6 infusions over 2 "
        "weeks (the start day, +2 and +4 days, twice).",
    )
    add.add_argument("--start", required=True, metavar="DATE", help="YYYY-MM-DD, today or tomorrow")
    how = add.add_mutually_exclusive_group(required=True)
    how.add_argument("--template", metavar="NAME", help="spravato or iv-series")
    how.add_argument("--every", metavar="DAYS", help=f"days between sessions (1 to {EVERY_MAX})")
    add.add_argument("--count", metavar="N", help=f"with --every: how many (1 to {COUNT_MAX})")
    add.add_argument(
        "--kind",
        metavar="KIND",
        help=", ".join(SESSION_KINDS) + " (default: esketamine_nasal for spravato, "
        "iv_ketamine for iv-series, none for --every)",
    )
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="the plans and each planned date's status")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(handler=run_list)

    delete = actions.add_parser("delete", help="delete a plan (asks for --yes)")
    delete.add_argument("id", metavar="ID", help="the plan's id (or its first 4+ characters)")
    delete.add_argument("--yes", action="store_true", help="confirm the deletion")
    delete.set_defaults(handler=run_delete)


def _whole(text: str | None, flag: str, high: int) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput(f"{flag} must be a whole number from 1 to {high}") from None


def run_add(args: argparse.Namespace, context: Context) -> int:
    """Plan sessions from a template or every N days; prints the plan's id."""
    from recovery_journal import schedule
    from recovery_journal.store.plans import add_plan

    if args.template is not None and args.count is not None:
        raise InvalidInput("--count goes with --every; a template knows its own dates")
    if args.every is not None and args.count is None:
        raise InvalidInput("--every needs --count N: how many sessions to plan")
    every = _whole(args.every, "--every", schedule.EVERY_MAX)
    count = _whole(args.count, "--count", schedule.COUNT_MAX)
    template = args.template.strip().lower() if args.template is not None else None
    start = schedule.parse_start(args.start, context.clock.today())
    new = schedule.make_plan(
        start, template=template, every_days=every, count=count, kind=args.kind
    )
    saved = add_plan(context.journal(), new)
    print(saved.id)
    return 0


def run_list(args: argparse.Namespace, context: Context) -> int:
    """Each plan with its dates' statuses, then the next session: tables, or JSON."""
    from recovery_journal import schedule, tables
    from recovery_journal.store.plans import plans

    journal = context.reading()
    found_plans = plans(journal)
    today = context.clock.today()
    found = schedule.statuses(found_plans, journal.sessions(), today)
    if args.format == "json":
        print(tables.to_json([schedule.plan_status_json(p, found) for p in found_plans]))
        return 0
    if not found_plans:
        print(
            "No treatment plan yet. Add one with: recovery-journal plan add --start YYYY-MM-DD "
            "--template spravato"
        )
        return 0
    blocks = []
    for item in found_plans:
        mine = [row for row in found if row.plan_id == item.id]
        how = (
            schedule.TEMPLATE_LABELS[item.template]
            if item.template
            else f"every {item.every_days} days"
        )
        counts = ", ".join(
            f"{sum(1 for row in mine if row.status == status)} {status}"
            for status in schedule.STATUSES
        )
        head = f"Plan {item.id[:8]} · {how} · from {item.start.isoformat()} · {counts}"
        body = [[f"{row.date:%Y-%m-%d}", f"{row.date:%a}", row.status] for row in mine]
        blocks.append(head + "\n" + tables.text_table(["date", "day", "status"], body))
    print("\n\n".join(blocks))
    line = schedule.next_session_line(found, today)
    if line:
        print(f"\n{line}")
    return 0


def run_delete(args: argparse.Namespace, context: Context) -> int:
    """Delete one plan (its logged sessions stay); without --yes nothing is deleted."""
    from recovery_journal.store.plans import delete_plan, plan

    journal = context.journal()
    found = plan(journal, args.id)
    if not args.yes:
        raise InvalidInput(
            f"deleting the plan starting {found.start.isoformat()} cannot be undone (the logged "
            "sessions stay); add --yes to confirm"
        )
    delete_plan(journal, found.id)
    print(f"deleted plan {visible(found.id, one_line=True)}")
    return 0
