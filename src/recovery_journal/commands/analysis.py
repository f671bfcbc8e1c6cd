"""`chart` and `insights`: the trends and insights of PRODUCT.md §5 on the command line.

Only the standard library at import time; `charts` (and through it plotext) is imported
when a chart is drawn, `insights` when the analysis runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from typing import TYPE_CHECKING, Any

from recovery_journal import model
from recovery_journal.errors import InvalidInput
from recovery_journal.service.charts import CHARTS, NAMES
from recovery_journal.service.ranges import parse_range

if TYPE_CHECKING:
    from recovery_journal.context import Context

PIPE_SIZE = (80, 20)
MAX_SIZE = 1000


def register(commands: Any) -> None:
    """Add `chart` and `insights` to the CLI."""
    chart = commands.add_parser(
        "chart",
        help=f"draw a chart: {', '.join(NAMES[:-1])} or {NAMES[-1]}",
        description="Draws a chart in the terminal (plain text when the output is not a "
        "terminal). The range runs from the first to the last date with data unless "
        "--since/--until say otherwise.",
    )
    chart.add_argument(
        "kind",
        choices=NAMES,
        help=", ".join(kind.about for kind in CHARTS[:-1]) + f", or {CHARTS[-1].about}",
    )
    chart.add_argument("--since", metavar="DATE", help="YYYY-MM-DD, today or yesterday")
    chart.add_argument("--until", metavar="DATE", help="YYYY-MM-DD, today or yesterday")
    chart.add_argument("--width", metavar="W", help="columns (default: the terminal's, or 80)")
    chart.add_argument("--height", metavar="H", help="lines (default: the terminal's, or 20)")
    chart.add_argument(
        "--with-phq9",
        action="store_true",
        help="mood chart only: add PHQ-9 totals on a right-hand axis",
    )
    chart.set_defaults(handler=run_chart)

    insights = commands.add_parser(
        "insights",
        help="mood after sessions, habits in the integration window, and what goes with "
        "better days",
        description="The analysis of your journal in words (or JSON). Associations are not causes.",
    )
    insights.add_argument("--since", metavar="DATE", help="YYYY-MM-DD, today or yesterday")
    insights.add_argument("--until", metavar="DATE", help="YYYY-MM-DD, today or yesterday")
    insights.add_argument(
        "--window-days",
        metavar="N",
        default="3",
        help="days in the integration window, counting the session day (default 3)",
    )
    insights.add_argument("--format", choices=("text", "json"), default="text")
    insights.set_defaults(handler=run_insights)


def run_insights(args: argparse.Namespace, context: Context) -> int:
    """`insights`: the range's mood, response curve, window adherence and associations,
    as text (with the questionnaire lines) or JSON."""
    from recovery_journal import insights, tables
    from recovery_journal.service.analysis import insights_for

    window_days = insights.check_window_days(args.window_days)
    since, until = parse_range(args.since, args.until, context.clock.today())
    found = insights_for(context.reading(), since, until, window_days, today=context.clock.today())
    if args.format == "json":
        print(tables.to_json(found.analysis.to_json()))
    else:
        from recovery_journal.terminal import visible

        print(visible(insights.insights_text(found.analysis)))
        if found.assessments:
            import textwrap

            print()
            for line in found.assessments:
                indent = line[: len(line) - len(line.lstrip())]
                print(textwrap.fill(line, width=88, subsequent_indent=indent + "  "))
    return 0


def run_chart(args: argparse.Namespace, context: Context) -> int:
    """`chart KIND`: one chart of the range at --width/--height or the terminal's size
    (in colour only on a terminal, without NO_COLOR)."""
    from recovery_journal.service.charts import chart_text

    if args.with_phq9 and args.kind != "mood":
        raise InvalidInput("--with-phq9 goes with the mood chart only")
    width, height = _chart_size(args.width, args.height)
    since, until = parse_range(args.since, args.until, context.clock.today())
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    text = chart_text(
        context.reading(),
        args.kind,
        since,
        until,
        width,
        height,
        color=bool(color),
        with_phq9=args.with_phq9,
    )
    print(text)
    return 0


def _chart_size(width: str | None, height: str | None) -> tuple[int, int]:
    """--width/--height, else the terminal's size, else 80×20 (not a terminal)."""
    from recovery_journal.charts import MIN_HEIGHT, MIN_WIDTH

    if sys.stdout.isatty():
        # $COLUMNS/$LINES first, then the terminal; a terminal that reports 0 gets 80×20.
        size = shutil.get_terminal_size((PIPE_SIZE[0], PIPE_SIZE[1] + 2))
        default = (size.columns, size.lines - 2)
    else:
        default = PIPE_SIZE
    chosen_width = (
        model.parse_int(width, "--width", MIN_WIDTH, MAX_SIZE)
        if width is not None
        else min(MAX_SIZE, max(MIN_WIDTH, default[0]))
    )
    chosen_height = (
        model.parse_int(height, "--height", MIN_HEIGHT, MAX_SIZE)
        if height is not None
        else min(MAX_SIZE, max(MIN_HEIGHT, default[1]))
    )
    return chosen_width, chosen_height
