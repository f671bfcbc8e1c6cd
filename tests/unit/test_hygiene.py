"""Import hygiene: the core never loads the UI libraries, and `log` stays standard library.

ARCHITECTURE.md: nothing outside `tui/` imports textual; plotext only where a chart is drawn.
PRODUCT.md §11: the quick `log` path uses the standard library only (sqlite_utils, pendulum,
plotext, textual and click each cost more than the whole quick-add).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

import recovery_journal
from recovery_journal.clock import FixedClock
from recovery_journal.store import DayChanges, Journal

PACKAGE_DIR = Path(recovery_journal.__file__).parent
UI_LIBRARIES = ("textual", "plotext")
HEAVY = ("sqlite_utils", "pendulum", "plotext", "textual", "click")

REPORT_MODULES = "import json, sys; print(json.dumps(sorted(sys.modules)))"


def core_modules() -> list[str]:
    """Every module of the package outside `tui/`, as a dotted name."""
    names = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        relative = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
        parts = list(relative.parts)
        if parts[1:2] == ["tui"]:
            continue
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


CORE = core_modules()


def test_the_module_list_is_complete() -> None:
    assert "recovery_journal" in CORE
    for name in (
        "recovery_journal.cli",
        "recovery_journal.model",
        "recovery_journal.store.journal",
        "recovery_journal.commands.days",
        "recovery_journal.__main__",
    ):
        assert name in CORE
    assert not any(".tui" in name for name in CORE)


@pytest.fixture(scope="module")
def imported() -> dict[str, tuple[int, list[str], str]]:
    """Import each core module in its own fresh interpreter (run side by side)."""
    running = {
        name: subprocess.Popen(
            [
                sys.executable,
                "-c",
                f"import importlib; importlib.import_module({name!r}); " + REPORT_MODULES,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in CORE
    }
    results = {}
    for name, process in running.items():
        out, err = process.communicate(timeout=120)
        results[name] = (process.returncode, json.loads(out) if out else [], err)
    return results


@pytest.mark.parametrize("module", CORE)
def test_core_modules_do_not_load_ui_libraries(
    imported: dict[str, tuple[int, list[str], str]], module: str
) -> None:
    code, modules, err = imported[module]
    assert code == 0, err
    assert module in modules
    for library in UI_LIBRARIES:
        loaded = [m for m in modules if m == library or m.startswith(library + ".")]
        assert not loaded, f"importing {module} loads {library}"


def _modules_at_startup() -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", REPORT_MODULES], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout))


# Everything the quick `log` path may import beyond what the interpreter loads at start-up
# (issue 19: its own parser, the value rules, sqlite3 and one write; no dataclasses, inspect,
# uuid, platform or typing, and none of the other commands). A new import on this path must
# be added here on purpose, with its cost measured (docs/performance.md).
QUICK_LOG_MODULES = {
    # the package: only what `log` uses
    "recovery_journal",
    "recovery_journal.cli",
    "recovery_journal.clock",
    "recovery_journal.commands",
    "recovery_journal.commands.log",
    "recovery_journal.context",
    "recovery_journal.errors",
    "recovery_journal.files",
    "recovery_journal.paths",
    "recovery_journal.rules",
    "recovery_journal.store",
    "recovery_journal.store.backup",
    "recovery_journal.store.cipher",  # is this connection an encrypted one? (no SQLCipher)
    "recovery_journal.store.damage",
    "recovery_journal.store.good_backups",
    "recovery_journal.store.connection",
    "recovery_journal.store.day_write",
    "recovery_journal.store.guard",
    "recovery_journal.store.schema",
    "recovery_journal.store.transaction",
    # the standard library: argparse (with re, gettext, locale), sqlite3, datetime, pathlib
    *("argparse", "gettext", "locale", "_locale", "warnings"),
    *("re", "re._casefix", "re._compiler", "re._constants", "re._parser", "_sre", "copyreg"),
    *("enum", "types", "functools", "_functools", "operator", "_operator", "keyword"),
    *("collections", "collections.abc", "_collections", "itertools", "reprlib"),
    *("contextlib", "__future__", "errno", "math", "datetime", "_datetime"),
    *("sqlite3", "sqlite3.dbapi2", "_sqlite3"),
    *("pathlib", "fnmatch", "ntpath", "urllib", "urllib.parse", "ipaddress"),
    *("importlib", "importlib._bootstrap", "importlib._bootstrap_external"),
}
# What issue 19 named (and the encrypted journal's driver): never on the plain quick path.
NEVER_ON_QUICK_LOG = ("dataclasses", "inspect", "uuid", "platform", "typing", "json", "shutil")
NEVER_ON_QUICK_LOG += ("recovery_journal.model", "recovery_journal.commands.days", "sqlcipher3")

PRINT_NEW_MODULES = (
    "import sys\n"
    "before = set(sys.modules)\n"
    "from recovery_journal.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "print(' '.join(sorted(set(sys.modules) - before)))\n"
    "sys.exit(status)\n"
)


def _run_quick_log(db: Path, *args: str) -> tuple[str, set[str]]:
    """`log …` in a fresh interpreter: what it said and the modules it imported."""
    env = {
        **os.environ,
        "RECOVERY_JOURNAL_DB": str(db),
        "RECOVERY_JOURNAL_NOW": "2026-11-27T09:30:00+01:00",
    }
    env.pop("RECOVERY_JOURNAL_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-c", PRINT_NEW_MODULES, "log", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    said, modules = done.stdout.splitlines()
    return said, set(modules.split())


def _journal_with_yesterday(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "journal.db"
    yesterday = FixedClock(datetime.fromisoformat("2026-11-26T21:00:00+01:00"))
    with Journal.open(db, yesterday) as journal:  # an existing journal, with data
        journal.update_day(yesterday.today(), DayChanges(fields={"mood": 4}))
    return db


def test_the_quick_log_path_uses_the_standard_library_only(tmp_path: Path) -> None:
    db = _journal_with_yesterday(tmp_path)
    said, modules = _run_quick_log(db, "--mood", "5")
    assert said == "saved 2026-11-27"

    for library in HEAVY:
        loaded = [m for m in modules if m == library or m.startswith(library + ".")]
        assert not loaded, f"the quick log path loads {library}"
    assert {name.split(".")[0] for name in modules} - set(sys.stdlib_module_names) == {
        "recovery_journal"
    }

    # It did the whole job: the day is saved and the day's first backup was taken.
    assert (db.parent / "backups" / "journal-2026-11-27.db").exists()
    today = FixedClock(datetime.fromisoformat("2026-11-27T09:30:00+01:00"))
    with Journal.open(db, today) as journal:
        assert journal.day(today.today()).mood == 5  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "args",
    [
        ("--mood", "5"),
        ("--mood", "6", "--note", "A walk.", "--tag", "Walk", "--sleep", "7.5"),
        ("--meditation", "10", "--habit", "social=2", "--clear", "anxiety"),
    ],
    ids=["mood", "note-tag-sleep", "habits-clear"],
)
def test_the_quick_log_path_imports_only_its_allow_list(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """Issue 19: `log` builds only its own parser and loads nothing it does not need."""
    db = _journal_with_yesterday(tmp_path)
    said, modules = _run_quick_log(db, *args)
    assert said == "saved 2026-11-27"
    for name in NEVER_ON_QUICK_LOG:
        assert name not in modules, f"the quick log path imports {name}"
    assert sorted(modules - QUICK_LOG_MODULES) == []


def test_the_quick_log_path_compiles_no_regex_at_import() -> None:
    """Its own modules compile no regular expression when imported (argparse's, compiled
    by argparse itself, are counted out by importing the standard library first)."""
    code = (
        "import re, sys\n"
        "if not hasattr(re, '_cache'): sys.exit(3)\n"
        "import argparse, datetime, pathlib, sqlite3\n"
        "before = set(re._cache)\n"
        "import recovery_journal.cli, recovery_journal.commands.log, recovery_journal.files\n"
        "import recovery_journal.store.backup, recovery_journal.store.guard\n"
        "print(sorted(map(str, set(re._cache) - before)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode == 3:
        pytest.skip("this Python keeps no visible regex cache")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_only_the_clock_module_reads_the_system_time() -> None:
    """One clock: tests pin it, so nothing may ask the system for the time behind its back."""
    import re

    reads = re.compile(r"\b(datetime\.now|datetime\.utcnow|date\.today)\(")
    offenders = [
        f"{path.relative_to(PACKAGE_DIR)}:{number}"
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if path.name != "clock.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if reads.search(line)
    ]
    assert offenders == []


def test_remind_uses_the_standard_library_only(tmp_path: Path) -> None:
    """`remind` runs from a shell's start-up file: as quick as `log` (PRODUCT.md §11)."""
    db = tmp_path / "data" / "journal.db"
    yesterday = FixedClock(datetime.fromisoformat("2026-11-26T21:00:00+01:00"))
    with Journal.open(db, yesterday) as journal:
        journal.update_day(yesterday.today(), DayChanges(fields={"mood": 4}))
    code = (
        "import json, sys\n"
        "from recovery_journal.cli import main\n"
        "status = main(['remind'])\n"
        "print(json.dumps(sorted(sys.modules)))\n"
        "sys.exit(status)\n"
    )
    env = {
        **os.environ,
        "RECOVERY_JOURNAL_DB": str(db),
        "RECOVERY_JOURNAL_NOW": "2026-11-27T09:30:00+01:00",
    }
    env.pop("RECOVERY_JOURNAL_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    said, loaded = done.stdout.splitlines()
    assert said == "A minute for today's check-in, whenever suits you."  # it did its job
    modules = set(json.loads(loaded))
    for library in HEAVY:
        found = [m for m in modules if m == library or m.startswith(library + ".")]
        assert not found, f"remind loads {library}"
    new = {name.split(".")[0] for name in modules - _modules_at_startup()}
    assert new - set(sys.stdlib_module_names) == {"recovery_journal"}
