"""The same chart in the app and on the command line: for the same range and size, every
chart of Trends (and Check-ins' scores chart) is the text `recovery-journal chart NAME`
prints. (The app's mood chart once left out the 6 days before the range, so its first
7-day means differed on 7 of 24 lines.)"""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Static

from recovery_journal.clock import FixedClock
from recovery_journal.demo import build_demo
from recovery_journal.service.charts import CHARTS
from recovery_journal.store import Journal
from recovery_journal.tui.factory import create_app
from recovery_journal.tui.screens.checkins import CheckinsScreen
from recovery_journal.tui.screens.trends import TrendsScreen
from support import Cli

SIZE = (100, 30)


def lines(text: str) -> list[str]:
    """What a person reads: the characters of each line, colour and trailing spaces aside."""
    return [line.rstrip() for line in text.rstrip("\n").split("\n")]


@pytest.fixture
def demo_cli(cli: Cli, clock: FixedClock) -> Cli:
    """120 days of the demo journal on a real file, where the CLI reads it."""
    cli.db.parent.mkdir(parents=True)
    with Journal.open(cli.db, clock) as journal:
        build_demo(journal, days=120, seed=7)
    return cli


async def _drawn(pilot, selector: str) -> tuple[str, int, int]:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    chart = pilot.app.screen.query_one(selector, Static)
    return str(chart.render()), chart.size.width, chart.size.height


async def test_every_trends_chart_is_the_chart_commands_text(
    demo_cli: Cli, clock: FixedClock
) -> None:
    today = clock.today()
    since = today - timedelta(days=29)  # Trends' "30 days" (key 1)
    drawn: dict[str, tuple[str, int, int]] = {}
    with Journal.open(demo_cli.db, clock) as journal:
        app = create_app(journal, clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f5", "1")
            assert isinstance(app.screen, TrendsScreen)
            for kind in CHARTS:
                await pilot.press(kind.key)
                box = app.screen.query_one("#chart-box")
                text, _, _ = await _drawn(pilot, "#chart")
                drawn[kind.name] = (text, box.size.width, box.size.height)
    for name, (text, width, height) in drawn.items():
        printed = demo_cli(
            "chart",
            name,
            "--since",
            since.isoformat(),
            "--until",
            today.isoformat(),
            "--width",
            str(max(width, 40)),
            "--height",
            str(max(height, 10)),
        )
        assert printed.code == 0, printed.err
        assert "yet" not in printed.out, name  # a real chart, not the empty-range sentence
        assert lines(text) == lines(printed.out), name


@pytest.mark.parametrize("name", ["phq9", "gad7"])
async def test_the_check_ins_chart_is_the_chart_commands_text(
    demo_cli: Cli, clock: FixedClock, name: str
) -> None:
    with Journal.open(demo_cli.db, clock) as journal:
        app = create_app(journal, clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f7")
            assert isinstance(app.screen, CheckinsScreen)
            await pilot.press(*["c"] * (1 if name == "phq9" else 2))
            text, _, _ = await _drawn(pilot, "#scores-chart")
            width = max(app.screen.size.width - 4, 40)
            height = max(app.screen.size.height - 14, 12)
    printed = demo_cli("chart", name, "--width", str(width), "--height", str(height))
    assert printed.code == 0, printed.err
    assert lines(text) == lines(printed.out)
