"""`assess phq9|gad7`, `assess list|edit|delete`: the questionnaires of PRODUCT.md §6.

A questionnaire is taken interactively (one answer a line on standard input) or from
`--answers`. Everything is checked before anything is written; a PHQ-9 item 9 answer above
0 shows the safety message as soon as the answers are in (on stdout, or on stderr when the
output is JSON), and the questionnaire is saved as usual.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from typing import TYPE_CHECKING, Any, TextIO

from recovery_journal import assessments, model
from recovery_journal.errors import InvalidInput

if TYPE_CHECKING:
    from recovery_journal.context import Context


def register(commands: Any) -> None:
    """Add `assess phq9|gad7|list|edit|delete` to the CLI."""
    assess = commands.add_parser(
        "assess",
        help="take a PHQ-9 or GAD-7 questionnaire, or list past scores",
        description="Take a PHQ-9 (depression) or GAD-7 (anxiety) questionnaire, "
        "interactively or with --answers, or list past scores. " + assessments.WHEN_TO_TAKE,
    )
    actions = assess.add_subparsers(
        dest="action", metavar="QUESTIONNAIRE", required=True, parser_class=type(assess)
    )
    for key, label in assessments.INSTRUMENT_LABELS.items():
        count = assessments.INSTRUMENTS[key]
        take = actions.add_parser(
            key,
            help=f"take the {label} ({count} questions)",
            description=f"Take the {label}. Without --answers it asks each question in turn "
            "and reads one answer (0 to 3) a line. " + assessments.WHEN_TO_TAKE,
        )
        take.add_argument(
            "--date", default="today", help="YYYY-MM-DD, today (default) or yesterday"
        )
        take.add_argument(
            "--answers",
            metavar="a,b,c,...",
            help=f"all {count} answers at once, each 0 to 3, separated by commas",
        )
        take.add_argument("--format", choices=("text", "json"), default="text")
        take.set_defaults(handler=run_take, instrument=key)

    listing = actions.add_parser("list", help="past scores with their ids, oldest first")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(handler=run_list)

    edit = actions.add_parser(
        "edit",
        help="correct a questionnaire's date or answers",
        description="Correct a questionnaire taken by mistake: its date, its answers, or both. "
        "The id stays the same.",
    )
    edit.add_argument(
        "id", metavar="ID", help="the id from 'assess list' (or its first 4+ characters)"
    )
    edit.add_argument("--date", help="YYYY-MM-DD, today or yesterday")
    edit.add_argument("--answers", metavar="a,b,c,...", help="all the answers again, each 0 to 3")
    edit.add_argument("--format", choices=("text", "json"), default="text")
    edit.set_defaults(handler=run_edit)

    delete = actions.add_parser("delete", help="delete a questionnaire (asks for --yes)")
    delete.add_argument(
        "id", metavar="ID", help="the id from 'assess list' (or its first 4+ characters)"
    )
    delete.add_argument("--yes", action="store_true", help="confirm the deletion")
    delete.set_defaults(handler=run_delete)


def run_take(args: argparse.Namespace, context: Context) -> int:
    """Check the date and the answers, show the safety message if due, then save once."""
    from recovery_journal import tables
    from recovery_journal.model_json import assessment_to_json

    instrument = args.instrument
    as_json = args.format == "json"
    # The questions and notes go to stdout, or to stderr when stdout is kept for the JSON.
    talk = sys.stderr if as_json else sys.stdout
    day = model.parse_date(args.date, context.clock.today())
    interactive = args.answers is None
    if not interactive:
        answers = assessments.parse_answers(instrument, args.answers)
    journal = context.journal()  # opened before asking: a journal problem shows up first
    if interactive:
        answers = ask(instrument, sys.stdin, talk)
    assessment = assessments.new_assessment(instrument, day, answers)

    if assessments.item9_positive(assessment):
        print_safety_message(talk, _country(context))
    if interactive:
        talk.write(f"{assessments.questionnaire(instrument).attribution}\n\n")
        talk.flush()

    journal.add_assessment(assessment)

    if as_json:
        print(tables.to_json(assessment_to_json(assessment)))
        return 0
    for line in assessments.result_lines(assessment, journal.assessments(instrument)):
        print(line)
    return 0


def ask(instrument: str, stdin: TextIO, out: TextIO) -> list[int]:
    """Ask each question in turn; a bad answer is asked again; end of input stops, unsaved.

    The form's attribution is shown by the caller, after the safety message when that is due.
    """
    form = assessments.questionnaire(instrument)
    echo = not stdin.isatty()  # piped input is not echoed: end each answer's line ourselves
    options = "   ".join(f"{number} {words}" for number, words in form.options)
    say = out.write
    say(f"{form.title}\n\n{form.recall}\n")
    say("Answer each question with one number from 0 to 3 and press Enter. ")
    say("Ctrl+C stops without saving.\n")
    out.flush()
    answers: list[int] = []
    count = len(form.items)
    for number, item in enumerate(form.items, start=1):
        say(f"\n{number} of {count}. {item}\n   {options}\n")
        while True:
            say("Your answer (0-3): ")
            out.flush()
            try:
                line = stdin.readline()
            except UnicodeDecodeError:
                raise InvalidInput(
                    "the answers on standard input are not UTF-8 text; nothing was saved"
                ) from None
            if line == "":
                if echo:
                    say("\n")
                raise InvalidInput(
                    f"the {form.label} was not finished: input ended after {len(answers)} of "
                    f"{count} answers, so nothing was saved. Run it again, or give all "
                    "answers with --answers"
                )
            if echo:
                say(line.rstrip("\r\n") + "\n")
            try:
                answers.append(assessments.parse_answer(line))
                break
            except InvalidInput:
                say(
                    "Please type one number from 0 to 3 and press Enter "
                    "(0 Not at all, 1 Several days, 2 More than half the days, "
                    "3 Nearly every day).\n"
                )
    say("\n")
    out.flush()
    return answers


def _country(context: Context) -> str | None:
    """The patient's country for the crisis line (crisis_lines.resolve)."""
    from recovery_journal.crisis_lines import for_journal

    return for_journal(context.path)


def print_safety_message(stream: TextIO, country: str | None = None) -> None:
    """The safety message of §6 for the patient's country, wrapped to the terminal, with
    blank lines around it."""
    width = min(shutil.get_terminal_size((80, 24)).columns, 80) - 1
    lines: list[str] = []
    for paragraph in assessments.safety_message(country).split("\n"):
        if not paragraph:
            lines.append("")
        elif paragraph.startswith("- "):
            lines.extend(textwrap.wrap(paragraph, width, subsequent_indent="  "))
        else:
            lines.extend(textwrap.wrap(paragraph, width))
    stream.write("\n" + "\n".join(lines) + "\n\n")
    stream.flush()


def run_list(args: argparse.Namespace, context: Context) -> int:
    """All questionnaires, oldest first: a table, or the JSON of §6 as a list."""
    from recovery_journal import tables
    from recovery_journal.model_json import assessment_to_json

    stored = context.reading().assessments()
    if args.format == "json":
        print(tables.to_json([assessment_to_json(a) for a in stored]))
        return 0
    if not stored:
        print("No questionnaires yet. Take one with: recovery-journal assess phq9")
        print(assessments.WHEN_TO_TAKE)
        return 0
    rows = assessments.with_change_from_first(stored)
    body = [
        [
            row.assessment.date.isoformat(),
            assessments.INSTRUMENT_LABELS[row.assessment.instrument],
            row.assessment.total,
            row.assessment.severity,
            _change_cell(row),
            ("above 0" if row.item9_positive else "0")
            if assessments.has_safety_item(row.assessment.instrument)
            else "",
            row.assessment.id[:8],
        ]
        for row in rows
    ]
    print(
        tables.text_table(
            ["date", "questionnaire", "total", "severity", "change from first", "item 9", "id"],
            body,
        )
    )
    if any(row.meaningful for row in rows):
        print(f"\nmeaningful: {assessments.LABEL_DEFINITIONS['meaningful']}.")
    if any(row.item9_positive for row in rows):
        print(f"\n{assessments.safety_reminder(_country(context))}")
    return 0


def _change_cell(row: assessments.ScoredAssessment) -> str:
    if row.change is None:
        return "first"
    text = "0" if row.change == 0 else f"{row.change:+d}"
    return f"{text} meaningful" if row.meaningful else text


def _described(assessment: model.Assessment) -> str:
    """`the PHQ-9 of 2026-11-20 (total 7)`."""
    label = assessments.INSTRUMENT_LABELS[assessment.instrument]
    return f"the {label} of {assessment.date.isoformat()} (total {assessment.total})"


def run_edit(args: argparse.Namespace, context: Context) -> int:
    """A new date or new answers (or both) for one questionnaire, checked before writing."""
    from recovery_journal import tables
    from recovery_journal.model_json import assessment_to_json

    if args.date is None and args.answers is None:
        raise InvalidInput("nothing to change; give --date, --answers or both")
    day = None if args.date is None else model.parse_date(args.date, context.clock.today())
    journal = context.journal()
    instrument = journal.assessment(args.id).instrument
    answers = None if args.answers is None else assessments.parse_answers(instrument, args.answers)

    def edit(old: model.Assessment) -> model.Assessment:
        return assessments.new_assessment(
            old.instrument,
            day if day is not None else old.date,
            answers if answers is not None else old.answers,
            assessment_id=old.id,
        )

    updated = journal.update_assessment(args.id, edit)
    if assessments.item9_positive(updated):
        print_safety_message(sys.stderr if args.format == "json" else sys.stdout, _country(context))
    if args.format == "json":
        print(tables.to_json(assessment_to_json(updated)))
        return 0
    print(f"updated {_described(updated)}, id {updated.id[:8]}")
    return 0


def run_delete(args: argparse.Namespace, context: Context) -> int:
    """Delete one questionnaire; without --yes nothing is deleted (exit 2)."""
    journal = context.journal()
    assessment = journal.assessment(args.id)
    if not args.yes:
        raise InvalidInput(
            f"deleting {_described(assessment)} cannot be undone; add --yes to confirm"
        )
    journal.delete_assessment(assessment.id)
    print(f"deleted {_described(assessment)}, id {assessment.id[:8]}")
    return 0
