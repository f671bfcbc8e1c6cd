"""`export`, `import` and `review`: reports and data files (PRODUCT.md §3, §7, §8).

Only the standard library at import time; the report and importer modules are imported
when a command runs. `review` never opens the user's own journal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_journal.errors import InvalidInput

if TYPE_CHECKING:
    from recovery_journal.cli import Context
    from recovery_journal.clock import Clock
    from recovery_journal.store import Journal


def register(commands: Any) -> None:
    """Add `export`, `import` and `review` to the CLI."""
    export = commands.add_parser(
        "export",
        help="a report for your therapist (html, md) or a data file (csv, json)",
        description="Writes the therapist report or a data file to PATH, or to standard "
        "output without -o. The range runs from the first to the last date with data unless "
        "--since/--until say otherwise. csv: '-o FILE.zip' gives days.csv, sessions.csv and "
        "assessments.csv; otherwise the daily table.",
    )
    export.add_argument("--format", choices=("html", "md", "csv", "json"), default="html")
    export.add_argument("--since", metavar="DATE", help="YYYY-MM-DD, today or yesterday")
    export.add_argument("--until", metavar="DATE", help="YYYY-MM-DD, today or yesterday")
    export.add_argument(
        "--redact",
        choices=("none", "notes", "text"),
        default="none",
        help="notes: leave out notes, intentions and insights; text: also tags, providers, "
        "free side-effect words, blood pressure and custom habit names",
    )
    export.add_argument("-o", "--output", metavar="PATH", help="the file to write (0600)")
    export.set_defaults(handler=run_export)

    importer = commands.add_parser(
        "import",
        help="merge an export file (json) or a Daylio CSV into the journal",
        description="Merges days by date, sessions and questionnaires by id, habits by key. "
        "All or nothing: one bad item and nothing is written.",
    )
    importer.add_argument("path", metavar="PATH")
    importer.add_argument("--format", choices=("json", "daylio"), default="json")
    importer.add_argument(
        "--on-conflict",
        choices=("skip", "replace"),
        default="skip",
        help="on a date or id the journal has: keep the journal's (skip) or take the file's",
    )
    importer.add_argument("--dry-run", action="store_true", help="say what would change only")
    importer.add_argument("--mood-map", metavar="L=N,...", help="daylio: mood label → 1–10")
    importer.add_argument(
        "--activity-map", metavar="A=HABIT[:VALUE],...", help="daylio: activity → habit"
    )
    importer.set_defaults(handler=run_import)

    review = commands.add_parser(
        "review",
        help="open an exported file read-only in the app (your own journal is not touched)",
    )
    review.add_argument("file", metavar="EXPORT.json")
    review.set_defaults(handler=run_review)


def run_export(args: argparse.Namespace, context: Context) -> int:
    from recovery_journal.commands.days import resolve_range
    from recovery_journal.report import export

    since, until = resolve_range(context, args.since, args.until)
    output = Path(args.output).expanduser() if args.output else None
    journal = context.reading()
    result = export(
        journal,
        args.format,
        since=since,
        until=until,
        redact=args.redact,
        output=output,
        now=context.clock.now(),
    )
    if isinstance(result, Path):
        print(f"wrote {result}", file=sys.stderr)
    elif isinstance(result, bytes):
        sys.stdout.buffer.write(result)
    else:
        sys.stdout.write(result)
        if not result.endswith("\n"):
            sys.stdout.write("\n")
    return 0


def journal_for(args: argparse.Namespace, context: Context) -> Journal:
    """A dry run only reads: it creates no journal where there is none."""
    return context.reading() if args.dry_run else context.journal()


def run_import(args: argparse.Namespace, context: Context) -> int:
    """Each file is read and checked before the journal is opened: a bad file changes
    nothing, not even by creating a journal."""
    path = Path(args.path).expanduser()
    summary: str
    if args.format == "daylio":
        from recovery_journal.importers.daylio import import_daylio, read_daylio

        daylio = read_daylio(path, today=context.clock.today(), mood_map=args.mood_map)
        summary = import_daylio(
            journal_for(args, context),
            daylio,
            on_conflict=args.on_conflict,
            dry_run=args.dry_run,
            activity_map=args.activity_map,
        ).summary()
    else:
        if args.mood_map or args.activity_map:
            raise InvalidInput("--mood-map and --activity-map go with --format daylio only")
        from recovery_journal.importers.json_import import load_into, read_export

        export_file = read_export(path)
        summary = load_into(
            journal_for(args, context),
            export_file,
            on_conflict=args.on_conflict,
            dry_run=args.dry_run,
        ).summary()
    print(summary)
    return 0


def load_review(path: Path, clock: Clock) -> Journal:
    """An export file in a throwaway in-memory journal, read-only (for `review`)."""
    from recovery_journal.importers.json_import import load_into, read_export
    from recovery_journal.store import Journal

    parsed = read_export(path)
    journal = Journal.open(":memory:", clock)
    try:
        load_into(journal, parsed, on_conflict="replace")
    except BaseException:
        journal.close()
        raise
    journal.read_only = True
    return journal


def run_review(args: argparse.Namespace, context: Context) -> int:
    path = Path(args.file).expanduser()
    journal = load_review(path, context.clock)
    try:
        from recovery_journal.tui.app import run_app

        failure = run_app(journal, context.clock, review_of=path, crash_folder=context.path.parent)
    finally:
        journal.close()
    if failure is not None:
        raise failure  # the app closed on an unexpected error: one line, a crash file
    return 0
