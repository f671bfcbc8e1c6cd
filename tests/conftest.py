"""Shared fixtures: a fixed clock, journals on real SQLite files, and the CLI as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from recovery_journal.clock import FixedClock
from recovery_journal.store import Journal

NOW = "2026-11-27T09:30:00+01:00"


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


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """Runs `python -m recovery_journal` as a user would, on one journal file."""

    def __init__(self, db: Path, home: Path) -> None:
        self.db = db
        self.env = {
            **os.environ,
            "RECOVERY_JOURNAL_DB": str(db),
            "RECOVERY_JOURNAL_NOW": NOW,
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "PYTHONIOENCODING": "utf-8",
        }
        self.env.pop("RECOVERY_JOURNAL_DEBUG", None)

    def __call__(self, *args: str, stdin: str | bytes | None = None, **env: str) -> Result:
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        done = subprocess.run(
            [sys.executable, "-m", "recovery_journal", *args],
            input=data,
            capture_output=True,
            env={**self.env, **env},
            timeout=60,
        )
        return Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data" / "journal.db", tmp_path / "home")
