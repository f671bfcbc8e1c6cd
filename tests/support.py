"""Helpers shared by the tests (importable as `support`, unlike the conftest files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NOW = "2026-11-27T09:30:00+01:00"


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
