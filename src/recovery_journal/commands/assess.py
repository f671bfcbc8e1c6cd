"""`assess phq9|gad7` and `assess list`: the questionnaires of PRODUCT.md §6.

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
    from recovery_journal.cli import Context


def register(commands: Any) -> None:
    """Add `assess phq9|gad7|list` to the CLI."""
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

    listing = actions.add_parser("list", help="past scores, oldest first")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(handler=run_list)


def run_take(args: argparse.Namespace, context: Context) -> int:
    """Check the date and the answers, show the safety message if due, then save once."""
    from recovery_journal import tables
    from recovery_journal.store.rows import assessment_to_json

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
        print_safety_message(talk)
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


def print_safety_message(stream: TextIO) -> None:
    """The safety message of §6, wrapped to the terminal, with blank lines around it."""
    width = min(shutil.get_terminal_size((80, 24)).columns, 80) - 1
    lines: list[str] = []
    for paragraph in assessments.SAFETY_MESSAGE.split("\n"):
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
    from recovery_journal.store.rows import assessment_to_json

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
            if row.assessment.instrument == "phq9"
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
        print(f"\n{assessments.SAFETY_REMINDER}")
    return 0


def _change_cell(row: assessments.ScoredAssessment) -> str:
    if row.change is None:
        return "first"
    text = "0" if row.change == 0 else f"{row.change:+d}"
    return f"{text} meaningful" if row.meaningful else text
