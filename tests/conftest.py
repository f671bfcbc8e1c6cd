"""Shared fixtures: a fixed clock, journals on real SQLite files, and the CLI (in this process,
or as a real `python -m recovery_journal` for a test marked `real_process`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from recovery_journal.clock import FixedClock
from recovery_journal.store import Journal
from support import NOW, Cli


@pytest.fixture(autouse=True)
def _no_country(monkeypatch: pytest.MonkeyPatch) -> None:
    """The crisis line follows the machine's locale: every test starts with no country
    known (the US line and "elsewhere…"), and sets one when it is about countries."""
    monkeypatch.delenv("RECOVERY_JOURNAL_COUNTRY", raising=False)
    monkeypatch.delenv("RECOVERY_JOURNAL_SEAL_PASSPHRASE", raising=False)
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def clock() -> FixedClock:
    """Friday 27 November 2026, 09:30 in a UTC+1 zone."""
    return FixedClock(datetime.fromisoformat(NOW))


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.db"


@pytest.fixture
def journal(journal_path: Path, clock: FixedClock) -> Iterator[Journal]:
    """A new journal on a real file."""
    with Journal.open(journal_path, clock) as opened:
        yield opened


@pytest.fixture
def memory_journal(clock: FixedClock) -> Iterator[Journal]:
    with Journal.open(":memory:", clock) as opened:
        yield opened


@pytest.fixture
def cli(tmp_path: Path, request: pytest.FixtureRequest) -> Cli:
    """The command line on this test's journal; a real process when the test is marked
    `real_process`."""
    real = request.node.get_closest_marker("real_process") is not None
    return Cli(tmp_path / "data" / "journal.db", tmp_path / "home", subprocess=real)
