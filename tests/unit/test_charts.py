"""The charts as text: every size fits, plain text has no colour codes, and an empty
journal gets a kind sentence rather than an error."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone

import pytest

from recovery_journal import charts
from recovery_journal.assessments import score
from recovery_journal.model import BUILT_IN_HABITS, Assessment, Day, Habit, Session
from recovery_journal.service.charts import NAMES, ChartData
from recovery_journal.service.charts import draw as draw_chart

D0 = date(2026, 1, 5)
TZ = timezone(timedelta(hours=1))
HABITS = [*BUILT_IN_HABITS, Habit("therapy", "Therapy session", "done")]
SIZES = [(40, 10), (200, 50), (80, 20), (30, 8)]


def journal() -> tuple[list[Day], list[Session], list[Assessment]]:
    rng = random.Random(4)
    days = []
    for n in range(120):
        if rng.random() < 0.1:
            continue
        habits: dict[str, float | bool] = {"exercise": rng.choice([0, 20, 40])}
        if n % 3:
            habits["news_avoided"] = rng.random() < 0.6
        if n % 7 == 0:
            habits["therapy"] = True
        days.append(
            Day(D0 + timedelta(days=n), mood=rng.randint(2, 9) if n % 9 else None, habits=habits)
        )
    sessions = [
        Session(
            f"s{n}",
            datetime.combine(D0 + timedelta(days=n), time(10), tzinfo=TZ),
            "esketamine_nasal",
        )
        for n in (14, 17, 21, 24, 35, 49, 63, 90)
    ]
    assessments = []
    for k, n in enumerate(range(0, 120, 14)):
        phq = [max(0, 3 - k // 2)] * 8 + [0]
        gad = [max(0, 2 - k // 3)] * 7
        for instrument, answers in (("phq9", phq), ("gad7", gad)):
            total, band = score(instrument, answers)
            assessments.append(
                Assessment(
                    f"{instrument}{k}", instrument, D0 + timedelta(days=n), answers, total, band
                )
            )
    return days, sessions, assessments


def render(name: str, *, width: int, height: int, color: bool = False, **data) -> str:
    """Chart `name` of plain data, as the service draws it for the CLI and the app."""
    chart = ChartData(name, data.pop("since", None), data.pop("until", None), **data)
    return draw_chart(chart, width=width, height=height, color=color)


def draw(name: str, width: int, height: int, color: bool = False) -> str:
    days, sessions, assessments = journal()
    return render(
        name,
        days=days,
        sessions=sessions,
        habits=HABITS,
        assessments=assessments,
        width=width,
        height=height,
        color=color,
    )


def check_fits(text: str, width: int, height: int) -> None:
    lines = text.split("\n")
    assert len(lines) <= height, text
    for line in lines:
        assert len(line) <= width, f"{len(line)} > {width}: {line!r}"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", NAMES)
def test_each_chart_fits_its_size_as_plain_text(name: str, size: tuple[int, int]) -> None:
    width, height = size
    text = draw(name, width, height)
    assert "\x1b" not in text
    check_fits(text, width, height)
    assert len(text.split("\n")) >= min(height, 8) // 2  # a chart, not a message


@pytest.mark.parametrize("name", NAMES)
def test_colour_is_there_only_when_asked(name: str) -> None:
    coloured = draw(name, 100, 24, color=True)
    assert "\x1b[" in coloured
    plain = charts.strip_ansi(coloured)
    check_fits(plain, 100, 24)


def test_mood_chart_marks_sessions_by_number_and_names_its_marks() -> None:
    text = draw("mood", 200, 40)
    assert "#1" in text and "#8" in text
    assert "┆" in text and "•" in text
    assert "7-day mean" in text and "session" in text


def test_mood_chart_numbers_sessions_over_the_whole_journal() -> None:
    days, sessions, _ = journal()
    text = charts.mood_chart(days, sessions, since=D0 + timedelta(days=60), width=120, height=20)
    assert "#7" in text and "#8" in text and "#1 " not in text


def test_mood_chart_can_add_phq9() -> None:
    days, sessions, assessments = journal()
    phq9 = [a for a in assessments if a.instrument == "phq9"]
    text = charts.mood_chart(days, sessions, phq9=phq9, width=100, height=24)
    assert "PHQ-9" in text and "+" in text
    check_fits(text, 100, 24)


def test_assessment_chart_names_the_bands() -> None:
    text = draw("phq9", 100, 30)
    for band in ("minimal", "mild", "moderate", "moderately severe", "severe"):
        assert band in text
    assert "●" in text
    gad = draw("gad7", 100, 30)
    assert "moderately severe" not in gad and "severe" in gad


def test_habits_chart_has_a_row_per_logged_habit() -> None:
    text = draw("habits", 100, 20)
    assert "Exercise" in text and "Avoided the news" in text and "Therapy session" in text
    assert "Meditation" not in text  # never logged in this journal
    assert "█" in text  # therapy: done every time it was logged


def test_habits_chart_says_when_habits_do_not_fit() -> None:
    days = [Day(D0, mood=5, habits={h.key: 1 for h in BUILT_IN_HABITS if h.kind != "done"})]
    text = charts.habits_chart(days, HABITS, width=40, height=8)
    check_fits(text, 40, 8)
    assert "more" in text


def test_response_chart_draws_bars() -> None:
    assert "█" in draw("response", 80, 20)


EMPTY_WORDS = {
    "mood": "No moods logged",
    "habits": "No habits logged",
    "response": "No sessions recorded yet",
    "phq9": "No PHQ-9 scores",
    "gad7": "No GAD-7 scores",
}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("size", [(40, 10), (200, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_an_empty_journal_gets_a_kind_message(name: str, size: tuple[int, int]) -> None:
    width, height = size
    text = render(name, width=width, height=height)
    assert EMPTY_WORDS[name] in " ".join(text.split("\n"))
    check_fits(text, width, height)
    for word in ("error", "fail", "missing"):
        assert word not in text.lower()


def test_a_range_without_data_is_also_kind() -> None:
    days, sessions, assessments = journal()
    later = D0 + timedelta(days=400)
    for name in NAMES:
        text = render(
            name,
            days=days,
            sessions=sessions,
            habits=HABITS,
            assessments=assessments,
            since=later,
            until=later,
            width=60,
            height=12,
        )
        assert "yet" in text, name


def test_one_day_of_data_draws() -> None:
    one = [Day(D0, mood=6, habits={"exercise": 10})]
    session = [Session("a", datetime.combine(D0, time(9), tzinfo=TZ), "other")]
    for name in ("mood", "habits", "response"):
        text = render(name, days=one, sessions=session, habits=HABITS, width=40, height=10)
        check_fits(text, 40, 10)
        assert "yet" not in text, name


def test_importing_charts_does_not_load_plotext() -> None:
    code = (
        "import sys; import recovery_journal.charts, recovery_journal.insights, "
        "recovery_journal.commands.analysis; "
        "print('plotext' in sys.modules, 'textual' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_insights_does_not_load_plotext() -> None:
    code = (
        "import sys\n"
        "from recovery_journal import insights\n"
        "insights.analyse([], [], []).to_json()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('plotext', 'textual', 'sqlite_utils', 'pendulum')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_same_data_draws_the_same_chart_whatever_the_hash_seed(tmp_path) -> None:
    """plotext de-duplicates through a set; charts.py makes that order stable."""
    import os
    import subprocess
    import sys

    script = tmp_path / "draw.py"
    script.write_text(
        "from datetime import date, timedelta\n"
        "from recovery_journal import charts\n"
        "from recovery_journal.model import Day, Session\n"
        "from datetime import datetime, timezone\n"
        "start = date(2026, 8, 30)\n"
        "days = [Day(start + timedelta(days=i), mood=1 + (i * 7) % 10) for i in range(90)]\n"
        "sessions = [Session(str(i), datetime(2026, 9, 1 + i * 7, 10, tzinfo=timezone.utc),\n"
        "                    'esketamine_nasal') for i in range(4)]\n"
        "print(charts.mood_chart(days, sessions, since=start,\n"
        "                    until=start + timedelta(days=89), width=98, height=25))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, str(script)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(outputs) == 1


@pytest.mark.parametrize("name", ["mood", "response", "phq9"])
def test_every_plotext_chart_holds_the_one_lock_whoever_calls(monkeypatch, name: str) -> None:
    """plotext has one global figure: a chart drawn by calling its function directly (as
    Check-ins once did) holds the lock too, so Trends cannot draw into it meanwhile."""
    import threading

    plt = charts._plotext()
    build = plt.build
    free_while_building: list[bool] = []

    def watched_build() -> str:
        def try_lock() -> None:
            got = charts.PLOTEXT_LOCK.acquire(blocking=False)
            if got:
                charts.PLOTEXT_LOCK.release()
            free_while_building.append(got)

        other = threading.Thread(target=try_lock)
        other.start()
        other.join()
        return build()

    monkeypatch.setattr(plt, "build", watched_build)
    days, sessions, assessments = journal()
    if name == "phq9":
        charts.assessment_chart(assessments, "phq9", width=60, height=15)
    else:
        getattr(charts, f"{name}_chart")(days, sessions, width=60, height=15)
    assert free_while_building == [False]
