"""`chart` and `insights`: the trends and insights of PRODUCT.md §5 on the command line.

Only the standard library at import time; `charts` (and through it plotext) is imported
when a chart is drawn, `insights` when the analysis runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from recovery_journal import model
from recovery_journal.commands.days import resolve_range
from recovery_journal.errors import InvalidInput

if TYPE_CHECKING:
    from recovery_journal.context import Context

CHART_KINDS = ("mood", "habits", "response", "phq9", "gad7")
PIPE_SIZE = (80, 20)
MAX_SIZE = 1000


def register(commands: Any) -> None:
    """Add `chart` and `insights` to the CLI."""
    chart = commands.add_parser(
        "chart",
        help="draw a chart: mood, habits, response, phq9 or gad7",
        description="Draws a chart in the terminal (plain text when the output is not a "
        "terminal). The range runs from the first to the last date with data unless "
        "--since/--until say otherwise.",
    )
    chart.add_argument(
        "kind",
        choices=CHART_KINDS,
        help="mood over time, habits per week, the response curve (mood by day after a "
        "session), or PHQ-9/GAD-7 scores",
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


def analysis_range(
    context: Context, since: str | None, until: str | None
) -> tuple[date | None, date | None]:
    """The range actually used: the flags given, else the first/last date holding data."""
    from recovery_journal.insights import default_range

    start, end = resolve_range(context, since, until)
    if start is not None and end is not None:
        return start, end
    held = context.reading().data_range()
    return default_range((), (), start, end, held or ())


def run_insights(args: argparse.Namespace, context: Context) -> int:
    from recovery_journal import insights, tables

    window_days = insights.check_window_days(args.window_days)
    since, until = analysis_range(context, args.since, args.until)
    journal = context.reading()
    days = journal.days(since, until) if since is not None else []
    sessions = journal.sessions()
    analysis = insights.analyse(days, sessions, journal.habits(), since, until, window_days)
    from recovery_journal.integration import integration

    analysis.integration = integration(
        sessions, journal.appointments(), context.clock.today(), analysis.since, analysis.until
    )
    if args.format == "json":
        print(tables.to_json(analysis.to_json()))
    else:
        from recovery_journal.assessments import summary_section
        from recovery_journal.terminal import visible

        print(visible(insights.insights_text(analysis)))
        section = summary_section(journal.assessments(), since, until)
        if section:
            import textwrap

            print()
            for line in section:
                indent = line[: len(line) - len(line.lstrip())]
                print(textwrap.fill(line, width=88, subsequent_indent=indent + "  "))
    return 0


def run_chart(args: argparse.Namespace, context: Context) -> int:
    from recovery_journal import charts

    if args.with_phq9 and args.kind != "mood":
        raise InvalidInput("--with-phq9 goes with the mood chart only")
    width, height = _chart_size(args.width, args.height)
    since, until = analysis_range(context, args.since, args.until)
    journal = context.reading()
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    common: dict[str, Any] = {
        "since": since,
        "until": until,
        "width": width,
        "height": height,
        "color": color,
    }
    if args.kind == "mood":
        # The 6 days before the range count towards its first 7-day means.
        days = journal.days(since - timedelta(days=6), until) if since is not None else []
        phq9 = journal.assessments("phq9") if args.with_phq9 else None
        text = charts.mood_chart(days, journal.sessions(), phq9=phq9, **common)
    elif args.kind == "habits":
        days = journal.days(since, until) if since is not None else []
        text = charts.habits_chart(days, journal.habits(), **common)
    elif args.kind == "response":
        days = journal.days(since, until) if since is not None else []
        text = charts.response_chart(days, journal.sessions(), **common)
    else:
        text = charts.assessment_chart(journal.assessments(args.kind), args.kind, **common)
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
