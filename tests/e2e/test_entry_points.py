"""The real entry point, as a new process, for every command family (issue 15, item 9).

Most tests run the command line inside the test's process (`support.Cli`), which is quick.
Here each family runs both ways, on journals built the same way: a real
`python -m recovery_journal` and the in-process run must give the same exit status, the
same output and the same error lines. That catches a broken entry point (an import that
fails only in a fresh interpreter, a command module missing from the registry) and any
way the in-process runs stop being faithful.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from support import Cli, Result

ROOT = Path(__file__).resolve().parents[2]
# A random id, whole or as the short prefix a table shows.
RANDOM_ID = re.compile(r"\b[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?\b")

# Each family's commands, in order, on one journal: (arguments, standard input).
FAMILIES: dict[str, list[tuple[list[str], str | None]]] = {
    "usage": [
        (["--version"], None),
        (["--help"], None),
        (["no-such-command"], None),
        (["log", "--mood"], None),
    ],
    "days": [
        (["log", "--mood", "6", "--tag", "walk", "--note", "-"], "first line\r\nsecond ✓"),
        (["log", "--date", "2026-11-26", "--anxiety", "3"], None),
        (["show", "--format", "json"], None),
        (["show"], None),
        (["log", "--mood", "11"], None),
        (["log", "--date", "2026-11-28", "--mood", "5"], None),
    ],
    "sessions": [
        (["session", "add", "--at", "2026-11-26 10:00", "--kind", "iv_ketamine"], None),
        (["session", "list"], None),
        (["session", "list", "--format", "json"], None),
        (["session", "add", "--at", "2026-11-26 10:00", "--kind", "nonsense"], None),
    ],
    "appointments": [
        (["appointment", "add", "--at", "2026-12-01 14:00", "--kind", "therapy"], None),
        (["appointment", "list"], None),
        (["appointment", "edit", "nope", "--note", "x"], None),
    ],
    "habits": [
        (["habits", "add", "therapy", "--label", "Therapy", "--kind", "done"], None),
        (["habits", "list"], None),
        (["habits", "add", "therapy", "--label", "Again", "--kind", "done"], None),
    ],
    "assess": [
        (["assess", "phq9", "--date", "2026-11-20", "--answers", "1,1,1,0,0,0,0,0,0"], None),
        (["assess", "gad7"], "1\nx\n\n7\n2\n0\n0\n0\n0\n1\n"),
        (["assess", "list", "--format", "json"], None),
        (["assess", "phq9", "--answers", "1,2"], None),
    ],
    "analysis": [
        (["demo", "--days", "40", "--seed", "3", "--no-tui", "--db", "{db}"], None),
        (["chart", "mood"], None),
        (["insights"], None),
        (["chart", "nonsense"], None),
    ],
    "maintenance": [
        (["log", "--mood", "4"], None),
        (["check"], None),
        (["backup"], None),
        (["restore", "{folder}/no-such-backup.db", "--yes"], None),
    ],
    "transfer": [
        (["log", "--mood", "7", "--note", "a day"], None),
        (["export", "--format", "json", "-o", "{folder}/out.json"], None),
        (["export", "--format", "csv"], None),
        (["import", "{folder}/out.json", "--dry-run"], None),
        (["import", "{folder}/missing.json"], None),
        (["review", "{folder}/missing.json"], None),  # refused before the app would open
    ],
    "remind": [
        (["remind", "--notify"], None),
        (["remind", "--at", "25:00"], None),
    ],
    "unusable": [  # the journal file is not a journal: exit 1, whatever the command
        (["log", "--mood", "5"], None),
        (["show"], None),
        (["check"], None),
    ],
}


def _prepare(family: str, db: Path) -> None:
    if family == "unusable":
        db.parent.mkdir(parents=True)
        db.write_bytes(b"not a journal, just some bytes " * 200)


def _run(cli: Cli, folder: Path, steps: list[tuple[list[str], str | None]]) -> list[Result]:
    """Run the steps; paths and random ids are made the same for both journals."""
    results = []
    for args, stdin in steps:
        filled = [arg.format(db=cli.db, folder=folder) for arg in args]
        result = cli(*filled, stdin=stdin)
        clean = {"out": result.out, "err": result.err}
        for name, text in clean.items():
            text = RANDOM_ID.sub("<id>", text.replace(str(folder), "<folder>"))
            clean[name] = re.sub(" {2,}", "  ", text)  # a table's widths follow the ids
        results.append(Result(result.code, clean["out"], clean["err"]))
    return results


@pytest.mark.parametrize("family", list(FAMILIES))
def test_a_real_process_and_the_in_process_run_agree(family: str, tmp_path: Path) -> None:
    steps = FAMILIES[family]
    runs = {}
    for how in ("process", "here"):
        folder = tmp_path / how
        cli = Cli(folder / "data" / "journal.db", folder / "home", subprocess=how == "process")
        _prepare(family, cli.db)
        runs[how] = _run(cli, folder, steps)
    for (args, _stdin), real, here in zip(steps, runs["process"], runs["here"], strict=True):
        assert real == here, args
    codes = {result.code for result in runs["process"]}
    assert 0 in codes or family == "unusable", runs["process"]  # each family does something
    assert codes - {0}, runs["process"]  # and refuses something, as a process would


def test_the_console_scripts_run_the_entry_point_the_tests_call() -> None:
    """`recovery-journal` and `rj` are `recovery_journal.__main__:main`, which both the
    real-process and the in-process runs call."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    scripts = project["project"]["scripts"]
    assert scripts == {
        "recovery-journal": "recovery_journal.__main__:main",
        "rj": "recovery_journal.__main__:main",
    }
