"""TUI fixtures: the app from its one factory, on journals with a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from recovery_journal.clock import FixedClock
from recovery_journal.demo import build_demo
from recovery_journal.store import Journal
from recovery_journal.tui.app import RecoveryJournalApp
from recovery_journal.tui.factory import create_app
from support import record_notifications


@pytest.fixture
def demo_journal(clock: FixedClock) -> Iterator[Journal]:
    """120 days of synthetic journal, the same every run (in memory: no paths on screen)."""
    with Journal.open(":memory:", clock) as journal:
        build_demo(journal, days=120, seed=7)
        yield journal


@pytest.fixture(autouse=True)
def fixed_home(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Screens that suggest a file name show the home folder: keep it the same everywhere."""
    monkeypatch.setenv("HOME", "/home/patient")
    monkeypatch.delenv("COLORFGBG", raising=False)  # the theme follows it when set


@pytest.fixture(autouse=True)
def recorded_notifications(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every toast's message, for `support.notifications(app)` (not the app's privates)."""
    record_notifications(monkeypatch)


@pytest.fixture
def demo_app(demo_journal: Journal, clock: FixedClock) -> RecoveryJournalApp:
    return create_app(demo_journal, clock)


@pytest.fixture
def empty_app(memory_journal: Journal, clock: FixedClock) -> RecoveryJournalApp:
    return create_app(memory_journal, clock)
