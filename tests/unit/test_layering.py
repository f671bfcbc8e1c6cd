"""The import-linter contracts of pyproject.toml hold (issue 15 item 6), and they can fail.

`make lint` runs `lint-imports` too; this test keeps CI honest when nobody runs it. The
other tests break a contract in a copy of the package and expect `lint-imports` to say so,
so the first one cannot pass merely because the contracts check nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src"
LINT_IMPORTS = (
    "import sys; from importlinter.cli import lint_imports_command as run; "
    "sys.argv = ['lint-imports', '--no-cache']; run()"
)


def lint_imports(source: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` with this tree's contracts, on the package found under `source`."""
    return subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(source)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_contract_is_kept() -> None:
    done = lint_imports(SOURCE)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


# (module, a line that breaks a contract, the contract's name as lint-imports prints it)
VIOLATIONS = [
    ("model.py", "import textual", "The core never imports textual or rich"),
    ("report/summary.py", "import plotext", "Nothing outside charts.py and tui/ imports plotext"),
    (
        "tui/screens/habits.py",
        "from recovery_journal.store import schema",
        "The interfaces use the store's public API",
    ),
    ("model.py", "from recovery_journal import insights", "Arrows point down"),
    ("store/schema.py", "from recovery_journal.store import connection", "No cycles"),
]


@pytest.mark.parametrize(("module", "line", "contract"), VIOLATIONS)
def test_a_broken_contract_fails(tmp_path: Path, module: str, line: str, contract: str) -> None:
    copy = tmp_path / "src"
    shutil.copytree(
        SOURCE / "recovery_journal",
        copy / "recovery_journal",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    target = copy / "recovery_journal" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    done = lint_imports(copy)
    assert done.returncode != 0, done.stdout
    broken = done.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, done.stdout
