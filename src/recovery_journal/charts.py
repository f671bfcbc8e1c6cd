"""The charts of PRODUCT.md §5 as text (plotext 5.x → str); `service.charts` names them and
loads their data for the `chart` command and the app.

Each function returns the whole chart as one string, at most `width` columns and `height`
lines, with a caption line that names each mark (so colour never carries meaning alone).
With `color=False` the text is plain: no ANSI codes, trailing spaces trimmed. A range with
nothing to draw gives a kind sentence instead of a chart, never an exception.

plotext is imported inside the functions, never at the top: it costs ~50–100 ms and the CLI
must not pay that unless it draws. The numbers come from `recovery_journal.insights`, so a
chart and the `insights` command always agree.
"""

from __future__ import annotations

import functools
import re
import textwrap
import threading
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar, cast

from recovery_journal import insights
from recovery_journal.model import Assessment, Day, Habit, Session, TreatmentContext, habit_done
from recovery_journal.terminal import visible

MIN_WIDTH = 30
MIN_HEIGHT = 8
DEFAULT_WIDTH = 80
DEFAULT_HEIGHT = 20

# plotext draws on one global figure: one chart at a time, whatever thread asks (the app's
# Trends and Check-ins draw in worker threads). Every function below that draws with
# plotext holds it, whoever calls.
PLOTEXT_LOCK = threading.RLock()
_Draw = TypeVar("_Draw", bound=Callable[..., str])
_ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_HABIT_MARKERS = "123456789abcdefghijklmnopqrstuvwxyz"
_SPARKS = "▁▂▃▄▅▆▇█"
_NO_HABITS = (
    "No habits logged in this range yet. Once you log a habit, done or not, its weekly share "
    "will show here."
)
_SHORT_BANDS = {
    "minimal": "min",
    "mild": "mild",
    "moderate": "mod",
    "moderately severe": "mod-sev",
    "severe": "sev",
}


def _plotext() -> Any:
    """plotext, made deterministic: its de-duplication goes through a set, whose order
    changes with Python's hash seed, so the same data could draw differently run to run."""
    import plotext
    from plotext import _utility

    if not getattr(_utility, "_rj_ordered", False):
        _utility.no_duplicates = lambda data: list(dict.fromkeys(data))
        _utility._rj_ordered = True
    return plotext


def _one_at_a_time(draw: _Draw) -> _Draw:
    """Hold `PLOTEXT_LOCK` while `draw` runs."""

    @functools.wraps(draw)
    def locked(*args: Any, **kwargs: Any) -> str:
        with PLOTEXT_LOCK:
            return draw(*args, **kwargs)

    return cast(_Draw, locked)


def strip_ansi(text: str) -> str:
    """Remove terminal colour and style codes."""
    return _ANSI_RE.sub("", text)


# ---------------------------------------------------------------- shared plumbing


def _size(width: int, height: int) -> tuple[int, int]:
    return max(MIN_WIDTH, int(width)), max(MIN_HEIGHT, int(height))


def kind_message(text: str, width: int = DEFAULT_WIDTH) -> str:
    """A message in place of a chart, wrapped to the width."""
    return "\n".join(textwrap.wrap(text, width=max(MIN_WIDTH, int(width)))) or text


def _caption(parts: Sequence[str], width: int, max_lines: int) -> list[str]:
    """The key to the marks, wrapped at item boundaries, at most `max_lines` lines."""
    lines: list[str] = []
    current = ""
    for part in parts:
        part = part if len(part) <= width else part[: width - 1] + "…"
        candidate = f"{current}   {part}" if current else part
        if len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = part
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last if len(last) < width else last[: width - 1]) + "…"
    return lines


def _start(plt: Any, width: int, height: int) -> None:
    plt.clear_figure()
    plt.limit_size(False, False)
    plt.plotsize(width, height)
    plt.theme("clear")


def _finish(plt: Any, width: int, color: bool, caption: list[str]) -> str:
    built = plt.build()
    plt.clear_figure()
    lines = built.rstrip("\n").split("\n")
    if not color:
        lines = [strip_ansi(line).rstrip()[:width] for line in lines]
    return "\n".join([*lines, *caption])


def _plot_height(height: int, caption_lines: int) -> int:
    return max(MIN_HEIGHT - 2, height - caption_lines)


def _date_ticks(start: date, span: int, plot_width: int) -> tuple[list[float], list[str]]:
    """Evenly spaced ISO date labels that do not collide (about 13 columns each)."""
    if span <= 0:
        return [0], [start.isoformat()]
    count = max(2, min(span + 1, plot_width // 13))
    positions = sorted({round(span * i / (count - 1)) for i in range(count)})
    return [float(p) for p in positions], [
        (start + timedelta(days=p)).isoformat() for p in positions
    ]


def _x_range(plt: Any, span: int) -> None:
    if span <= 0:
        plt.xlim(-1, 1)
    else:
        plt.xlim(0, span)


def _segments(xs: Sequence[float], ys: Sequence[float | None]) -> list[tuple[list, list]]:
    """Runs of consecutive points without a gap (None), for lines that break at gaps."""
    runs: list[tuple[list, list]] = []
    current: tuple[list, list] = ([], [])
    for x, y in zip(xs, ys, strict=True):
        if y is None:
            if current[0]:
                runs.append(current)
            current = ([], [])
        else:
            current[0].append(x)
            current[1].append(y)
    if current[0]:
        runs.append(current)
    return runs


def _range_of(
    days: Sequence[Day],
    sessions: Sequence[Session],
    since: date | None,
    until: date | None,
    extra: Sequence[date] = (),
) -> tuple[date | None, date | None]:
    return insights.default_range(days, sessions, since, until, extra)


# ---------------------------------------------------------------- mood


@_one_at_a_time
def mood_chart(
    days: Sequence[Day],
    sessions: Sequence[Session],
    *,
    since: date | None = None,
    until: date | None = None,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
    color: bool = False,
    phq9: Sequence[Assessment] | None = None,
    title: bool = True,
    context: TreatmentContext | None = None,
) -> str:
    """Mood over time: daily points, the 7-day rolling mean, each session as a vertical
    line labelled #1, #2, … (numbered over the whole journal), and PHQ-9 totals on a right
    axis when `phq9` is given.

    `days` may start up to 6 days before `since`: those days count towards the first
    rolling means but are not drawn. `sessions` should be all of them (for the numbering).
    """
    width, height = _size(width, height)
    start, end = _range_of(days, sessions, since, until)
    chosen = insights.in_range(days, start, end)
    logged = [day for day in chosen if day.mood is not None]
    if start is None or end is None or not logged:
        return kind_message(
            "No moods logged in this range yet. Once you log a few days, your mood chart "
            "will appear here.",
            width,
        )
    plt = _plotext()

    span = (end - start).days
    numbered = [
        (number, session.date)
        for number, session in insights.numbered_sessions(sessions, context)
        if start <= session.date <= end
    ]
    scores = [a for a in (phq9 or ()) if start <= a.date <= end]
    parts = ["• mood", "⣀ 7-day mean"]
    if numbered:
        parts.append("┆ session #1, #2, …")
    if scores:
        parts.append("+ PHQ-9 (right axis, 0–27)")
    caption = _caption(parts, width, max(1, height // 4))
    plot_height = _plot_height(height, len(caption))
    _start(plt, width, plot_height)
    if title:
        plt.title(f"Mood, {start} to {end}")

    plot_width = max(10, width - 6 - (4 if scores else 0))
    last_label_end = -1.0
    for number, when in numbered:
        x = (when - start).days
        plt.plot([x, x], [0.5, 10.4], marker="┆", color="magenta" if color else None)
        label = f"#{number}"
        column = x / span * plot_width if span else plot_width / 2
        near_edge = column + len(label) > plot_width
        left_edge = column - len(label) + 1 if near_edge else column
        if left_edge > last_label_end:
            plt.text(
                label,
                x,
                10.9,
                alignment="right" if near_edge else "left",
                color="magenta" if color else None,
            )
            last_label_end = left_edge + len(label) + 1
    # The 6 days before the range, when given, count towards its first rolling means.
    rolling = [
        (when, value)
        for when, value in insights.rolling_mood(insights.in_range(days, None, end))
        if when >= start
    ]
    plt.plot(
        [(when - start).days for when, _ in rolling],
        [value for _, value in rolling],
        marker="braille",
        color="orange" if color else None,
    )
    plt.scatter(
        [(day.date - start).days for day in logged],
        [day.mood for day in logged],
        marker="•",
        color="cyan" if color else None,
    )
    if scores:
        xs = [(a.date - start).days for a in scores]
        totals = [a.total for a in scores]
        plt.scatter(xs, totals, marker="+", yside="right", color="red" if color else None)
        plt.ylim(0, 27, yside="right")
        plt.yticks([0, 9, 18, 27], yside="right")
    _x_range(plt, span)
    plt.ylim(0.5, 11)
    plt.yticks([1, 4, 7, 10])
    plt.xticks(*_date_ticks(start, span, plot_width))
    return _finish(plt, width, color, caption)


# ---------------------------------------------------------------- habits


def _share_glyph(done: int, n: int) -> str:
    """ " " not logged, "·" logged but never done, then ▁ … █ by the share done."""
    if n == 0:
        return " "
    if done == 0:
        return "·"
    return _SPARKS[min(len(_SPARKS) - 1, -(-done * len(_SPARKS) // n) - 1)]


def habits_chart(
    days: Sequence[Day],
    habits: Sequence[Habit],
    *,
    since: date | None = None,
    until: date | None = None,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
    color: bool = False,
    title: bool = True,
) -> str:
    """Habits per week: one row per habit, one column per week (several weeks a column
    when the range is wider than the chart), each cell the share of the days the habit was
    logged on which it was done: "·" none, "▁" a little … "█" all, blank not logged. The
    share over the whole range ends each row.

    Drawn as text rather than with plotext: several habits as lines on one plot hide each
    other, and these rows stay readable at any size, with or without colour.
    """
    width, height = _size(width, height)
    chosen = insights.in_range(days, since, until)
    weeks, _ = insights.habits_per_week(chosen, habits)
    if not weeks:
        return kind_message(_NO_HABITS, width)
    kinds = {habit.key: habit.kind for habit in habits}
    labels = {habit.key: visible(habit.label, one_line=True) for habit in habits}
    first = weeks[0]
    counts: dict[str, list[list[int]]] = {}
    for day in chosen:
        week = (day.date - first).days // 7
        for key, value in day.habits.items():
            done = habit_done(
                kinds.get(key, "done" if isinstance(value, bool) else "minutes"), value
            )
            if done is None:
                continue
            cells = counts.setdefault(key, [[0, 0] for _ in weeks])
            cells[week][1] += 1
            cells[week][0] += int(done)
    if not counts:
        return kind_message(_NO_HABITS, width)
    order = [habit.key for habit in habits if habit.key in counts]
    order += sorted(key for key in counts if key not in order)

    label_width = min(max(len(labels.get(key, key)) for key in order), 22, width // 4)
    columns = width - label_width - 1 - 5
    per_column = -(-len(weeks) // columns)
    buckets = -(-len(weeks) // per_column)
    repeat = max(1, min(4, columns // buckets))  # a short range: each week a few columns
    span = buckets * repeat
    title_text = f"Habits per week, {since or chosen[0].date} to {until or chosen[-1].date}"
    header = [title_text if len(title_text) <= width else "Habits per week"]
    parts = ["▁▂▃▄▅▆▇█ share done", "· none", "blank: not logged"]
    if per_column > 1:
        parts.append(f"1 column = {per_column} weeks")
    caption = _caption(parts, width, 2)
    room = height - (len(header) if title else 0) - 1 - len(caption)
    shown = order if len(order) <= room else order[: max(1, room - 1)]

    lines = [line[:width] for line in header] if title else []
    for key in shown:
        cells = counts[key]
        row = []
        for bucket in range(buckets):
            part = cells[bucket * per_column : (bucket + 1) * per_column]
            row.append(_share_glyph(sum(c[0] for c in part), sum(c[1] for c in part)) * repeat)
        done_days = sum(c[0] for c in cells)
        logged = sum(c[1] for c in cells)
        bar = "".join(row)
        if color:
            bar = f"\x1b[32m{bar}\x1b[0m"
        name = labels.get(key, key)
        name = name if len(name) <= label_width else name[: label_width - 1] + "…"
        lines.append(f"{name:<{label_width}} {bar} {insights.format_share(done_days / logged):>4}")
    if len(shown) < len(order):
        more = len(order) - len(shown)
        lines.append(f"(and {more} more; a taller chart shows them)"[:width])
    last_week = first + timedelta(weeks=len(weeks) - 1)
    axis = ""
    # Two distinct dates under the weeks: `2026-11-02 … 2026-11-30`, or `02 Nov … 30 Nov`
    # when that is too wide (never `2026-11 … 2026-11`).
    for form in ("%Y-%m-%d", "%d %b", "%Y-%m"):
        left, right = first.strftime(form), last_week.strftime(form)
        if left != right and len(left) + 1 + len(right) <= span:
            axis = " " * (label_width + 1) + left + right.rjust(span - len(left))
            break
    if not axis:
        axis = " " * (label_width + 1) + first.strftime("%Y-%m")
    lines.append(axis[:width])
    lines.extend(caption)
    return "\n".join(line.rstrip() for line in lines)


# ---------------------------------------------------------------- response curve


@_one_at_a_time
def response_chart(
    days: Sequence[Day],
    sessions: Sequence[Session],
    *,
    since: date | None = None,
    until: date | None = None,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
    color: bool = False,
    title: bool = True,
    context: TreatmentContext | None = None,
) -> str:
    """The response curve: mean mood of logged days by day after a session, 0 (the session
    day) to 14, as bars; an index with no logged day has no bar."""
    width, height = _size(width, height)
    chosen = insights.in_range(days, since, until)
    curve = insights.response_curve(chosen, sessions, context=context)
    if not curve:
        if not sessions:
            text = (
                "No sessions recorded yet. After a session, log your mood on the days that "
                "follow, and this chart will show how it tends to go."
            )
        else:
            text = (
                "No moods logged in the two weeks after a session in this range yet. This "
                "chart fills in as you log the days after your sessions."
            )
        return kind_message(text, width)
    plt = _plotext()

    if width >= 60:
        parts = ["█ mean mood by day after a session (0 = session day)", "no bar: none logged"]
    else:
        parts = ["█ mean mood; 0 = session day"]
    caption = _caption(parts, width, max(1, height // 4))
    plot_height = _plot_height(height, len(caption))
    _start(plt, width, plot_height)
    if title:
        total = sum(point["n"] for point in curve)
        plt.title(f"Mood by day after a session ({total} {'day' if total == 1 else 'days'})")
    means = {point["day"]: point["mean_mood"] for point in curve}
    indexes = range(insights.RESPONSE_MAX_INDEX + 1)
    plt.bar(
        [str(index) for index in indexes],
        [means.get(index, 0) for index in indexes],
        marker="█",
        width=0.6,
        color="cyan" if color else None,
    )
    plt.ylim(0, 10)
    plt.yticks([0, 2, 4, 6, 8, 10])
    return _finish(plt, width, color, caption)


# ---------------------------------------------------------------- questionnaires


@_one_at_a_time
def assessment_chart(
    assessments: Sequence[Assessment],
    instrument: str,
    *,
    since: date | None = None,
    until: date | None = None,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
    color: bool = False,
    title: bool = True,
) -> str:
    """PHQ-9 or GAD-7 totals over time, with the severity bands marked and named."""
    from recovery_journal.assessments import BANDS, INSTRUMENT_LABELS, MAX_TOTAL

    width, height = _size(width, height)
    label = INSTRUMENT_LABELS.get(instrument, instrument)
    scores = sorted(
        (
            a
            for a in assessments
            if a.instrument == instrument
            and (since is None or a.date >= since)
            and (until is None or a.date <= until)
        ),
        key=lambda a: a.date,
    )
    if not scores:
        return kind_message(
            f"No {label} scores in this range yet. Taking one weekly, or before a session, "
            "is plenty.",
            width,
        )
    plt = _plotext()

    top = MAX_TOTAL[instrument]
    bands = sorted(BANDS[instrument])  # lowest first: (lower bound, name)
    start = since or scores[0].date
    end = until or scores[-1].date
    span = (end - start).days
    caption = _caption(
        [f"● {label} total (0–{top})", "··· band edges"],
        width,
        max(1, height // 4),
    )
    plot_height = _plot_height(height, len(caption))
    _start(plt, width, plot_height)
    if title:
        plt.title(f"{label}, {start} to {end}")
    left, right = (-1, 1) if span <= 0 else (0, span)
    for lower, _name in bands[1:]:
        plt.plot([left, right], [lower, lower], marker="·", color="gray" if color else None)
    xs = [(a.date - start).days for a in scores]
    totals = [a.total for a in scores]
    if len(scores) > 1:
        plt.plot(xs, totals, marker="braille", color="cyan" if color else None)
    plt.scatter(xs, totals, marker="●", yside="right", color="cyan" if color else None)
    names = [name if width >= 70 else _SHORT_BANDS.get(name, name) for _, name in bands]
    uppers = [lower for lower, _ in bands[1:]] + [top + 1]
    middles = [(lower + upper - 1) / 2 for (lower, _), upper in zip(bands, uppers, strict=True)]
    plot_width = max(10, width - 4 - max(len(name) for name in names) - 3)
    for side in ("left", "right"):
        plt.ylim(0, top, yside=side)
    plt.yticks([0, *(lower for lower, _ in bands[1:]), top])
    plt.yticks(middles, names, yside="right")
    _x_range(plt, span)
    plt.xticks(*_date_ticks(start, span, plot_width))
    return _finish(plt, width, color, caption)
