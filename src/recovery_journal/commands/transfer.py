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
    from recovery_journal.report import formats

    export.add_argument("--format", choices=formats.names(), default="html")
    export.add_argument("--since", metavar="DATE", help="YYYY-MM-DD, today or yesterday")
    export.add_argument("--until", metavar="DATE", help="YYYY-MM-DD, today or yesterday")
    export.add_argument(
        "--redact",
        choices=("none", "notes", "text"),
        default="none",
        help="notes: leave out day and appointment notes, session intentions and insights; "
        "text: also tags, providers (of sessions and appointments), free side-effect words, "
        "blood pressure and custom habit names. Appointment times and kinds, and the "
        "treatment plan (dates only, no text), stay",
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
    export.add_argument(
        "--seal",
        action="store_true",
        help="json or html: encrypt the file with a passphrase (-o FILE.rjx), to send it; "
        "the therapist opens it with review, import or open-sealed",
    )
    export.set_defaults(handler=run_export)

    from recovery_journal.importers import registry

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
        choices=registry.names(),
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
    review.add_argument("files", metavar="EXPORT.json|.rjx", nargs="+")
    review.set_defaults(handler=run_review)


def run_export(args: argparse.Namespace, context: Context) -> int:
    """`export`: the range in one format, to -o (optionally sealed) or to standard
    output."""
    from recovery_journal.service.ranges import parse_range
    from recovery_journal.service.transfer import (
        ExportOptions,
        check_seal,
        export,
        export_to,
        refuse_the_journals_passphrase,
    )

    since, until = parse_range(args.since, args.until, context.clock.today())
    output = Path(args.output).expanduser() if args.output else None
    check_seal(getattr(args, "seal", False), args.format, output)
    replaced = False
    if output is not None:
        from recovery_journal.report.output import check_target

        # Checked here too: a journal that does not exist yet is read as an empty one in
        # memory, and its path (and backups/) must be refused all the same.
        _, replaced = check_target(output, context.path)
    label = check_label(args.label)
    passphrase = None
    if getattr(args, "seal", False):
        from recovery_journal.sealed import ask_to_seal

        passphrase = ask_to_seal()  # asked once the target is known to be writable
    journal = context.reading()
    if passphrase is not None:
        refuse_the_journals_passphrase(journal, passphrase)
    options = ExportOptions(
        redact=args.redact,
        detail=args.detail,
        label=label,
        now=context.clock.now(),
        seal=passphrase,
    )
    result: str | bytes | Path
    if output is not None:
        result = export_to(journal, args.format, since, until, options, output)
    else:
        result = export(journal, args.format, since, until, options)
    if isinstance(result, Path):
        if replaced:
            print(
                f"replaced {result} (the earlier file of that name was overwritten)",
                file=sys.stderr,
            )
        elif passphrase is not None:
            print(
                f"wrote {result}, sealed: it opens only with the passphrase; send the "
                "passphrase another way than the file (say it, or by text message)",
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
    from recovery_journal.service.transfer import ImportOptions, import_file
    from recovery_journal.tui.progress import TerminalProgress

    options = ImportOptions(
        on_conflict=args.on_conflict,
        dry_run=args.dry_run,
        mood_map=args.mood_map,
        mood_map_file=args.mood_map_file,
        scale_map=args.scale_map,
        activity_map=args.activity_map,
        progress=TerminalProgress(),  # a bar on a terminal only
    )
    path = Path(args.path).expanduser()
    found = import_file(
        lambda: journal_for(args, context), path, args.format, options, today=context.clock.today()
    )
    from recovery_journal.terminal import visible

    summary: str = found.summary()
    print(visible(summary))  # it names the file and what it held: shown, never obeyed
    return 0


def run_review(args: argparse.Namespace, context: Context) -> int:
    """`review`: one export file, or a caseload of them (files and folders) in the
    app, read-only."""
    from recovery_journal.caseload import export_files

    named = [Path(name).expanduser() for name in args.files]
    if len(named) == 1 and not named[0].is_dir():
        return review_one(named[0], context)
    paths = export_files(named)
    if not paths:
        from recovery_journal.errors import InvalidInput

        raise InvalidInput(f"no .json or .rjx export files in {', '.join(map(str, named))}")
    from recovery_journal.service.review import open_caseload

    files = open_caseload(paths, context.clock)
    try:
        from recovery_journal.store import Journal
        from recovery_journal.tui.factory import run_app

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
    """Open one export file in the app, read-only, on the file's own clock."""
    from recovery_journal.service.review import load_review, review_clock_of

    journal = load_review(path, context.clock)
    try:
        from recovery_journal.tui.factory import run_app

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
