"""Every chart by name, in one registry, and the one way to draw one from a journal.

    text = chart_text(journal, "mood", since, until, width=80, height=20)

`chart_job` loads what a chart needs (for the mood chart the 6 days before the range,
which count towards its first 7-day means) and returns a job whose `text()` draws it,
pure, so the app can load on its event loop and draw in a worker thread. The charts hold
plotext's one lock themselves (`charts.PLOTEXT_LOCK`), whoever draws.

Adding a chart: its drawing function in `charts.py`, plus one `ChartKind(...)` line in
`CHARTS` below (with the small function that hands it its data). Each questionnaire of
`instruments.REGISTERED` has its chart without a line here (its key, label and shortcut).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from recovery_journal.instruments import REGISTERED as _INSTRUMENTS
from recovery_journal.model import Assessment, Day, Habit, Session, TreatmentContext
from recovery_journal.service.ranges import resolve

if TYPE_CHECKING:
    from recovery_journal.store import Journal

HISTORY_DAYS = 6  # the days before a range that count towards its first 7-day means


@dataclass(frozen=True)
class ChartData:
    """Plain data for one chart: nothing in here touches the journal."""

    name: str
    since: date | None
    until: date | None
    days: Sequence[Day] = ()
    sessions: Sequence[Session] = ()
    habits: Sequence[Habit] = ()
    assessments: Sequence[Assessment] = ()
    phq9: Sequence[Assessment] | None = None  # the mood chart's right axis, when asked
    context: TreatmentContext | None = None  # a date-limited file's sessions before it


@dataclass(frozen=True)
class ChartKind:
    """One chart: its name (`chart NAME`), the app's key and label, the CLI's words for it,
    what it needs of the journal ("days", "sessions", "habits", "assessments"; "history":
    the days before the range too), and how it is drawn from `ChartData`."""

    name: str
    key: str
    label: str
    about: str
    draw: Callable[[Any, ChartData, dict[str, Any]], str] = field(repr=False)
    needs: frozenset[str] = frozenset()


def _mood(charts: Any, data: ChartData, size: dict[str, Any]) -> str:
    return charts.mood_chart(
        data.days,
        data.sessions,
        since=data.since,
        until=data.until,
        phq9=data.phq9,
        context=data.context,
        **size,
    )


def _habits(charts: Any, data: ChartData, size: dict[str, Any]) -> str:
    return charts.habits_chart(data.days, data.habits, since=data.since, until=data.until, **size)


def _response(charts: Any, data: ChartData, size: dict[str, Any]) -> str:
    return charts.response_chart(
        data.days, data.sessions, since=data.since, until=data.until, context=data.context, **size
    )


def _scores(charts: Any, data: ChartData, size: dict[str, Any]) -> str:
    return charts.assessment_chart(
        data.assessments, data.name, since=data.since, until=data.until, **size
    )


_MOOD = frozenset({"days", "history", "sessions"})
_HABITS = frozenset({"days", "habits"})
_RESPONSE = frozenset({"days", "sessions"})
_SCORES = frozenset({"assessments"})
CHARTS = (
    ChartKind("mood", "m", "Mood", "mood over time", _mood, _MOOD),
    ChartKind("habits", "h", "Habits", "habits per week", _habits, _HABITS),
    ChartKind(
        "response",
        "r",
        "Mood after a session",
        "the response curve (mood by day after a session)",
        _response,
        _RESPONSE,
    ),
    *(
        ChartKind(form.key, form.shortcut, form.label, f"{form.label} scores", _scores, _SCORES)
        for form in _INSTRUMENTS
    ),
)
NAMES = tuple(kind.name for kind in CHARTS)
_BY_NAME = {kind.name: kind for kind in CHARTS}


def kind_of(name: str) -> ChartKind:
    """The chart of that name (a ValueError for a name no chart has)."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown chart {name!r}; one of {', '.join(NAMES)}") from None


def draw(
    data: ChartData,
    *,
    width: int,
    height: int,
    color: bool = False,
    title: bool = True,
) -> str:
    """The chart of `data` as text (pure: no journal; plotext is imported here)."""
    from recovery_journal import charts

    size: dict[str, Any] = {"width": width, "height": height, "color": color, "title": title}
    return kind_of(data.name).draw(charts, data, size)


@dataclass(frozen=True)
class ChartJob:
    """A chart's data, loaded; `text()` draws it (in any thread)."""

    data: ChartData

    def text(self, width: int, height: int, color: bool = False) -> str:
        """The chart at this size."""
        return draw(self.data, width=width, height=height, color=color)


def chart_data(
    journal: Journal,
    name: str,
    since: date | None,
    until: date | None,
    *,
    with_phq9: bool = False,
) -> ChartData:
    """Everything chart `name` needs of the journal for this range (resolved by
    `ranges.resolve`), the history days before it included."""
    kind = kind_of(name)
    start, end = resolve(journal, since, until)
    needs = kind.needs
    days: list[Day] = []
    if start is not None and "days" in needs:
        first = start - timedelta(days=HISTORY_DAYS) if "history" in needs else start
        days = journal.days(first, end)
    return ChartData(
        name=kind.name,
        since=start,
        until=end,
        days=days,
        sessions=journal.sessions() if "sessions" in needs else (),
        habits=journal.habits() if "habits" in needs else (),
        assessments=journal.assessments(kind.name) if "assessments" in needs else (),
        phq9=journal.assessments("phq9") if with_phq9 else None,
        context=journal.treatment_context,
    )


def chart_job(
    journal: Journal,
    name: str,
    since: date | None,
    until: date | None,
    *,
    with_phq9: bool = False,
) -> ChartJob:
    """Load chart `name` for this range; draw it later with `.text(width, height)`."""
    return ChartJob(chart_data(journal, name, since, until, with_phq9=with_phq9))


def chart_text(
    journal: Journal,
    name: str,
    since: date | None,
    until: date | None,
    width: int,
    height: int,
    *,
    color: bool = False,
    with_phq9: bool = False,
) -> str:
    """Chart `name` of this range of the journal, as text of `width` × `height`."""
    return chart_job(journal, name, since, until, with_phq9=with_phq9).text(width, height, color)
