"""`export`, `import` and `review`: reports and data files (PRODUCT.md §3, §7, §8).

Only the standard library at import time; the report and importer modules are imported
when a command runs. `review` never opens the user's own journal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recovery_journal.caseload import CaseloadFile
    from recovery_journal.clock import Clock
    from recovery_journal.context import Context
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
    export.add_argument(
        "--detail",
        choices=("recent", "all"),
        default="recent",
        help="recent (the default): daily rows and notes for the last 90 days of a longer "
        "range, weekly rows before; all: every day and every note",
    )
    export.add_argument("-o", "--output", metavar="PATH", help="the file to write (0600)")
    export.add_argument(
        "--label",
        metavar="TEXT",
        help='json: a name for the therapist\'s caseload, e.g. "Alex R." (else the file name)',
    )
    export.set_defaults(handler=run_export)

    from recovery_journal.importers.registry import NAMES as IMPORT_FORMATS

    importer = commands.add_parser(
        "import",
        help="merge an export file (json) or another app's data into the journal",
        description="Merges days by date, sessions and questionnaires by id, habits by key. "
        "All or nothing: one bad item and nothing is written. Without --format the kind of "
        "file is recognised from its contents.",
    )
    importer.add_argument("path", metavar="PATH")
    importer.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        default=None,
        help="the app that wrote the file (recognised from the file when left out)",
    )
    importer.add_argument(
        "--on-conflict",
        choices=("skip", "replace"),
        default="skip",
        help="on a date or id the journal has: keep the journal's (skip) or take the file's",
    )
    importer.add_argument("--dry-run", action="store_true", help="say what would change only")
    importer.add_argument(
        "--mood-map",
        metavar="L=N,...",
        help='daylio: mood label → 1–10 ("a, b"=6 for commas); pixels: score 1–5 → 1–10',
    )
    importer.add_argument(
        "--mood-map-file", metavar="FILE", help="daylio: a file of label=N lines, one a line"
    )
    importer.add_argument(
        "--scale-map",
        metavar="NAME=FIELD,...",
        help="daylio: scale → sleep, energy, anxiety or a minutes/count habit",
    )
    importer.add_argument(
        "--activity-map", metavar="A=HABIT[:VALUE],...", help="daylio: activity → habit"
    )
    importer.set_defaults(handler=run_import)

    review = commands.add_parser(
        "review",
        help="open an exported file read-only in the app (your own journal is not touched)",
        description="One file opens on its Overview; several files, or a folder of .json "
        "exports, open on a Caseload with one row per file. Nothing is written anywhere.",
    )
    review.add_argument("files", metavar="EXPORT.json", nargs="+")
    review.set_defaults(handler=run_review)


def run_export(args: argparse.Namespace, context: Context) -> int:
    from recovery_journal.commands.days import resolve_range
    from recovery_journal.report import export

    since, until = resolve_range(context, args.since, args.until)
    output = Path(args.output).expanduser() if args.output else None
    replaced = False
    if output is not None:
        from recovery_journal.report.output import check_target

        # Checked here too: a journal that does not exist yet is read as an empty one in
        # memory, and its path (and backups/) must be refused all the same.
        _, replaced = check_target(output, context.path)
    label = check_label(args.label)
    journal = context.reading()
    result = export(
        journal,
        args.format,
        since=since,
        until=until,
        redact=args.redact,
        output=output,
        now=context.clock.now(),
        label=label,
        detail=args.detail,
    )
    if isinstance(result, Path):
        if replaced:
            print(
                f"replaced {result} (the earlier file of that name was overwritten)",
                file=sys.stderr,
            )
        else:
            print(f"wrote {result}", file=sys.stderr)
    elif isinstance(result, bytes):
        write_stdout(result)
    else:
        if args.format != "json" and sys.stdout.isatty():
            from recovery_journal.terminal import visible

            result = visible(result)  # a report on screen: shown, never obeyed
        if not result.endswith("\n"):
            result += "\n"
        write_stdout(result.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict"))
    return 0


def check_label(label: str | None) -> str | None:
    """`--label`: one line of up to 80 characters, or nothing."""
    if label is None:
        return None
    from recovery_journal.errors import InvalidInput
    from recovery_journal.review_file import LABEL_MAX

    text = label.strip()
    if not text or len(text) > LABEL_MAX or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise InvalidInput(
            f'--label must be one line of 1 to {LABEL_MAX} characters, e.g. --label "Alex R."'
        )
    return text


def write_stdout(data: bytes) -> None:
    """All of `data` to standard output, or an OSError (a full disk, a file size limit):
    never a report cut short in silence, as a buffered write can leave it."""
    import io
    import os

    sys.stdout.flush()
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, io.UnsupportedOperation):  # not a real file
        sys.stdout.buffer.write(data)
        return
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def journal_for(args: argparse.Namespace, context: Context) -> Journal:
    """A dry run only reads: it creates no journal where there is none."""
    return context.reading() if args.dry_run else context.journal()


def run_import(args: argparse.Namespace, context: Context) -> int:
    """Each file is read and checked before the journal is opened: a bad file changes
    nothing, not even by creating a journal."""
    from recovery_journal.importers import registry

    path = Path(args.path).expanduser()
    found = registry.get(args.format) if args.format else registry.detect(path)
    summary: str
    if found.name == "daylio":
        from recovery_journal.importers.daylio import import_daylio, read_daylio

        daylio = read_daylio(
            path,
            today=context.clock.today(),
            mood_map=args.mood_map,
            mood_map_file=args.mood_map_file,
            scale_map=args.scale_map,
        )
        summary = import_daylio(
            journal_for(args, context),
            daylio,
            on_conflict=args.on_conflict,
            dry_run=args.dry_run,
            activity_map=args.activity_map,
        ).summary()
    else:
        for flag, value in (
            ("--mood-map-file", args.mood_map_file),
            ("--scale-map", args.scale_map),
        ):
            if value:
                from recovery_journal.errors import InvalidInput

                raise InvalidInput(f"{flag} goes with --format daylio only")
        summary = registry.run(
            found,
            path,
            lambda: journal_for(args, context),
            today=context.clock.today(),
            on_conflict=args.on_conflict,
            dry_run=args.dry_run,
            mood_map=args.mood_map,
            activity_map=args.activity_map,
        ).summary()
    print(summary)
    return 0


def load_review(path: Path, clock: Clock) -> Journal:
    """An export file in a throwaway in-memory journal, read-only (for `review`); the
    file's own metadata (label, range, redaction, export time) on `journal.export_info`."""
    from recovery_journal.importers.json_import import load_into, read_export
    from recovery_journal.review_file import read_export_info
    from recovery_journal.store import Journal

    parsed = read_export(path)
    info = read_export_info(path)
    journal = Journal.open(":memory:", clock)
    try:
        load_into(journal, parsed, on_conflict="replace")
    except BaseException:
        journal.close()
        raise
    journal.read_only = True
    journal.export_info = info
    journal.treatment_context = parsed.context  # numbers sessions as the exporting journal did
    return journal


def review_clock_of(journal: Journal, fallback: Clock) -> Clock:
    """The clock a review runs on: the file's last date (see `review_file.review_clock`)."""
    from recovery_journal.review_file import review_clock

    info = journal.export_info
    found = review_clock(info, journal.data_range()) if info is not None else None
    return found or fallback


def open_caseload(paths: list[Path], clock: Clock) -> list[CaseloadFile]:
    """Every file of a caseload, each read into its own read-only journal; a file that
    cannot be read is kept with its error."""
    from recovery_journal.caseload import CaseloadFile, caseload_row, error_row
    from recovery_journal.errors import RecoveryJournalError

    files: list[CaseloadFile] = []
    for path in paths:
        try:
            journal = load_review(path, clock)
        except RecoveryJournalError as error:
            files.append(CaseloadFile(error_row(path, str(error)), None, clock))
            continue
        except OSError as error:  # e.g. a file that vanished between listing and reading
            files.append(CaseloadFile(error_row(path, error.strerror or str(error)), None, clock))
            continue
        own = review_clock_of(journal, clock)
        assert journal.export_info is not None
        row = caseload_row(
            path,
            journal.export_info,
            journal.days(),
            journal.sessions(),
            journal.assessments(),
            own.today(),
            journal.treatment_context,
        )
        files.append(CaseloadFile(row, journal, own))
    return files


def run_review(args: argparse.Namespace, context: Context) -> int:
    from recovery_journal.caseload import export_files

    named = [Path(name).expanduser() for name in args.files]
    if len(named) == 1 and not named[0].is_dir():
        return review_one(named[0], context)
    paths = export_files(named)
    if not paths:
        from recovery_journal.errors import InvalidInput

        raise InvalidInput(f"no .json export files in {', '.join(map(str, named))}")
    files = open_caseload(paths, context.clock)
    try:
        from recovery_journal.store import Journal
        from recovery_journal.tui.app import run_app

        with Journal.open(":memory:", context.clock) as placeholder:
            placeholder.read_only = True
            failure = run_app(
                placeholder, context.clock, crash_folder=context.path.parent, caseload=files
            )
    finally:
        for file in files:
            if file.journal is not None:
                file.journal.close()
    if failure is not None:
        raise failure
    return 0


def review_one(path: Path, context: Context) -> int:
    journal = load_review(path, context.clock)
    try:
        from recovery_journal.tui.app import run_app

        failure = run_app(
            journal,
            review_clock_of(journal, context.clock),
            review_of=path,
            crash_folder=context.path.parent,
        )
    finally:
        journal.close()
    if failure is not None:
        raise failure  # the app closed on an unexpected error: one line, a crash file
    return 0
