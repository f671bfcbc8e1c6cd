"""Every error is one `error:` line, the right exit status, and changes nothing (PRODUCT.md §3).

Exit 2 is bad usage or invalid input; exit 1 is a journal that cannot be used. The journal's
folder (the file, its -wal/-shm and the backups) is compared byte for byte before and after.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from recovery_journal.store.schema import SCHEMA_VERSION
from support import Cli

LONG_NOTE_DATE = "2026-11-20"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def ok(result: Any) -> Any:
    assert result.code == 0, result.err
    return result


def assert_one_error_line(result: Any, code: int) -> None:
    assert result.code == code, (result.code, result.out, result.err)
    assert result.err.startswith("error: "), result.err
    assert result.err.endswith("\n") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    assert len(result.err) > len("error: ") + 10
    assert result.out == ""


class Prepared:
    """A journal with some of everything, shared by the exit-2 cases (which change nothing)."""

    def __init__(self, cli: Cli) -> None:
        self.cli = cli
        ok(cli("habits", "add", "therapy", "--label", "Therapy", "--kind", "done"))
        ok(cli("log", "--mood", "6", "--meditation", "10", "--tag", "nature", "--note", "today"))
        ok(cli("log", "--date", LONG_NOTE_DATE, "--note", "-", stdin="n" * 99_990))
        self.session_id = ok(
            cli("session", "add", "--at", "2026-11-26 10:00", "--kind", "iv_ketamine")
        ).out.strip()
        ok(cli("habits", "list"))  # closes cleanly; today's daily backup exists by now
        self.folder = cli.db.parent
        assert (self.folder / "backups" / "journal-2026-11-27.db").exists()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    root = tmp_path_factory.mktemp("errors")
    return Prepared(Cli(root / "data" / "journal.db", root / "home"))


# (arguments, standard input, words the message must hold). {sid} is the session's id.
BAD_INPUT: list[tuple[list[str], str | bytes | None, str]] = [
    # log
    (["log"], None, "nothing to log"),
    (["log", "--date", "2026-11-28", "--mood", "5"], None, "in the future"),
    (["log", "--date", "27/11/2026", "--mood", "5"], None, "is not a date"),
    (["log", "--date", "tomorrow", "--mood", "5"], None, "is not a date"),
    (["log", "--mood", "0"], None, "mood must be a whole number from 1 to 10"),
    (["log", "--mood", "11"], None, "mood must be"),
    (["log", "--mood", "7.5"], None, "mood must be"),
    (["log", "--mood", "x"], None, "mood must be"),
    (["log", "--anxiety", "11"], None, "anxiety"),
    (["log", "--anxiety", "-1"], None, "anxiety"),
    (["log", "--energy", "0"], None, "energy"),
    (["log", "--sleep", "24.5"], None, "sleep"),
    (["log", "--sleep", "nan"], None, "sleep"),
    (["log", "--meditation", "-5"], None, "meditation"),
    (["log", "--exercise", "lots"], None, "exercise"),
    (["log", "--social", "1.5"], None, "social"),
    (["log", "--avoided-news", "maybe"], None, "yes or no"),
    (["log", "--avoided-social-media", "sometimes"], None, "yes or no"),
    (["log", "--habit", "nope=1"], None, "there is no habit 'nope'"),
    (["log", "--habit", "therapy"], None, "KEY=VALUE"),
    (["log", "--habit", "therapy=maybe"], None, "yes or no"),
    (["log", "--meditation", "5", "--habit", "meditation=6"], None, "given twice"),
    (["log", "--tag", "///"], None, "no letters or digits"),
    (["log", "--tag", "rest", "--untag", "Rest"], None, "both added and removed"),
    (["log", "--clear", "nope"], None, "there is no habit 'nope'"),
    (["log", "--clear", "mood", "--mood", "3"], None, "both set and cleared"),
    (["log", "--clear", "meditation", "--meditation", "3"], None, "both set and cleared"),
    (["log", "--note", "a", "--append-note", "b"], None, "not allowed with"),
    (["log", "--note", "-"], b"bad \xff\xfe bytes", "not UTF-8"),
    (["log", "--note", "-"], "x" * 100_001, "the limit is 100,000"),
    (["log", "--date", LONG_NOTE_DATE, "--append-note", "ten words"], None, "limit is 100,000"),
    (["log", "--append-note", ""], None, "needs some text"),
    (["log", "--note", "a stray byte: \udcff"], None, "not valid UTF-8"),
    (["log", "--habit", "\udcff=1"], None, "there is no habit"),
    (["log", "--mood", "5", "--bogus"], None, "unrecognized arguments"),
    (["log", "--mood"], None, "expected one argument"),
    # show
    (["show", "--date", "today", "--since", "yesterday"], None, "either --date or --since"),
    (["show", "--since", "2026-11-27", "--until", "2026-11-20"], None, "swap them"),
    (["show", "--until", "2026-12-01"], None, "in the future"),
    (["show", "--date", "2026-02-30"], None, "is not a date"),
    (["show", "--format", "xml"], None, "invalid choice"),
    # session add
    (["session", "add", "--kind", "other"], None, "required: --at"),
    (["session", "add", "--at", "now"], None, "required: --kind"),
    (["session", "add", "--at", "now", "--kind", "spravato"], None, "session kind 'spravato'"),
    (["session", "add", "--at", "2026-11-27 09:31", "--kind", "other"], None, "in the future"),
    (["session", "add", "--at", "yesterday", "--kind", "other"], None, "YYYY-MM-DD HH:MM"),
    (["session", "add", "--at", "now", "--kind", "other", "--dose-mg", "0"], None, "dose"),
    (["session", "add", "--at", "now", "--kind", "other", "--dose-mg", "-3"], None, "dose"),
    (
        ["session", "add", "--at", "now", "--kind", "other", "--mood-before", "11"],
        None,
        "mood before",
    ),
    (["session", "add", "--at", "now", "--kind", "other", "--mood-after", "0"], None, "mood after"),
    (
        ["session", "add", "--at", "now", "--kind", "other", "--dissociation", "11"],
        None,
        "dissociation",
    ),
    (
        ["session", "add", "--at", "now", "--kind", "other", "--bp-before", "82/128"],
        None,
        "blood pressure",
    ),
    (
        ["session", "add", "--at", "now", "--kind", "other", "--bp-after", "high"],
        None,
        "--bp-after",
    ),
    (
        ["session", "add", "--at", "now", "--kind", "other", "--aftercare", "nap=yes"],
        None,
        "after-care item 'nap'",
    ),
    (
        ["session", "add", "--at", "now", "--kind", "other", "--aftercare", "no_driving=maybe"],
        None,
        "yes or no",
    ),
    (
        ["session", "add", "--at", "now", "--kind", "other", "--aftercare", "no_driving"],
        None,
        "KEY=VALUE",
    ),
    (
        [
            "session",
            "add",
            "--at",
            "now",
            "--kind",
            "other",
            "--aftercare",
            "light_meal=yes",
            "--aftercare",
            "light_meal=no",
        ],
        None,
        "given twice",
    ),
    (
        ["session", "add", "--at", "now", "--kind", "other", "--side-effect", "!!!"],
        None,
        "no letters or digits",
    ),
    (
        ["session", "add", "--at", "now", "--kind", "other", "--intention", "-"],
        b"\xff",
        "not UTF-8",
    ),
    # session list, edit, delete
    (["session"], None, "required: ACTION"),
    (["session", "frob"], None, "invalid choice"),
    (["session", "list", "--format", "csv"], None, "invalid choice"),
    (["session", "edit", "{sid}"], None, "nothing to change"),
    (["session", "edit", "nope", "--mood-after", "5"], None, "there is no session 'nope'"),
    (["session", "edit", "{sid}", "--clear", "bogus"], None, "cannot clear 'bogus'"),
    (
        ["session", "edit", "{sid}", "--provider", "X", "--clear", "provider"],
        None,
        "both set and cleared",
    ),
    (["session", "edit", "{sid}", "--at", "2027-01-01 10:00"], None, "in the future"),
    (["session", "edit", "{sid}", "--kind", "ketamine"], None, "session kind"),
    (["session", "edit", "{sid}", "--mood-after", "12"], None, "mood after"),
    (["session", "edit", "{sid4}", "--mood-after", "5"], None, "no session"),
    (["session", "edit", "\udcffabcd", "--mood-after", "5"], None, "there is no session"),
    (["session", "delete", "{sid}"], None, "--yes"),
    (["session", "delete", "nope", "--yes"], None, "there is no session"),
    # habits
    (["habits"], None, "required: ACTION"),
    (["habits", "list", "--format", "csv"], None, "invalid choice"),
    (["habits", "add", "2bad", "--label", "x", "--kind", "done"], None, "habit key '2bad'"),
    (["habits", "add", "Water", "--label", "x", "--kind", "done"], None, "habit key"),
    (["habits", "add", "mood", "--label", "x", "--kind", "done"], None, "taken by"),
    (["habits", "add", "hydration", "--label", "x", "--kind", "hours"], None, "habit kind"),
    (["habits", "add", "hydration", "--label", " ", "--kind", "done"], None, "label"),
    (
        ["habits", "add", "hydration", "--label", "x", "--kind", "done", "--target", "1"],
        None,
        "takes no target",
    ),
    (
        ["habits", "add", "hydration", "--label", "x", "--kind", "count", "--target", "1.5"],
        None,
        "target",
    ),
    (["habits", "add", "therapy", "--label", "Again", "--kind", "done"], None, "exists already"),
    (
        ["habits", "add", "meditation", "--label", "Again", "--kind", "minutes"],
        None,
        "exists already",
    ),
    (["habits", "add", "hydration", "--kind", "done"], None, "required: --label"),
    (
        ["habits", "add", "hydration", "--label", "\udcff", "--kind", "done"],
        None,
        "not valid UTF-8",
    ),
    (["habits", "edit", "meditation"], None, "nothing to change"),
    (["habits", "edit", "nope", "--label", "x"], None, "there is no habit 'nope'"),
    (["habits", "edit", "meditation", "--target", "-1"], None, "target"),
    (["habits", "edit", "news_avoided", "--target", "3"], None, "takes no target"),
    (["habits", "edit", "therapy", "--label", "two\nlines"], None, "label"),
    (["habits", "archive", "nope"], None, "there is no habit"),
    (["habits", "restore", "nope"], None, "there is no habit"),
    # backup, restore, demo
    (["backup", "-o", "{db}"], None, "exists already"),
    (["backup", "-o", "{folder}/missing/copy.db"], None, "does not exist"),
    (["restore", "{folder}/missing.db", "--yes"], None, "there is no file"),
    (["restore", "{backup}"], None, "--yes"),
    (["restore", "{db}", "--yes"], None, "journal itself"),
    (["--db", "{db}", "demo", "--days", "30", "--no-tui"], None, "already holds a journal"),
    (["demo", "--days", "0", "--no-tui"], None, "--days"),
    # the command line itself
    (["frobnicate"], None, "invalid choice"),
    (["--db"], None, "expected one argument"),
    (["--nope", "show"], None, "unrecognized arguments"),
]


class Outcomes:
    """Every bad-input case run once against the prepared journal, side by side."""

    def __init__(self, prepared: Prepared) -> None:
        names = {
            "sid": prepared.session_id,
            "sid4": prepared.session_id[:3],
            "db": str(prepared.cli.db),
            "folder": str(prepared.folder),
            "backup": str(prepared.folder / "backups" / "journal-2026-11-27.db"),
        }

        def run(case: tuple[list[str], str | bytes | None, str]) -> Any:
            args, stdin, _ = case
            filled = [arg.format(**names) if "{" in arg else arg for arg in args]
            return prepared.cli(*filled, stdin=stdin)

        self.before = snapshot(prepared.folder)
        with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
            self.results = list(pool.map(run, BAD_INPUT))
        self.after = snapshot(prepared.folder)


@pytest.fixture(scope="module")
def outcomes(prepared: Prepared) -> Outcomes:
    return Outcomes(prepared)


@pytest.mark.parametrize(
    "index",
    range(len(BAD_INPUT)),
    ids=[" ".join(case[0])[:60].encode("ascii", "backslashreplace").decode() for case in BAD_INPUT],
)
def test_bad_input_is_exit_2_with_one_error_line(outcomes: Outcomes, index: int) -> None:
    result = outcomes.results[index]
    assert_one_error_line(result, 2)
    assert BAD_INPUT[index][2] in result.err


def test_bad_input_changes_nothing(outcomes: Outcomes) -> None:
    # The journal, its -wal/-shm and its backups, byte for byte, after all of the above.
    assert outcomes.after == outcomes.before


def test_the_prepared_journal_is_intact(prepared: Prepared, outcomes: Outcomes) -> None:
    # After every refusal above, the data is what was put there.
    days = ok(prepared.cli("show", "--format", "json")).json()
    assert [(d["date"], d["mood"]) for d in days] == [(LONG_NOTE_DATE, None), ("2026-11-27", 6)]
    assert len(days[0]["note"]) == 99_990
    assert days[1]["habits"] == {"meditation": 10} and days[1]["tags"] == ["nature"]
    sessions = ok(prepared.cli("session", "list", "--format", "json")).json()
    assert [s["id"] for s in sessions] == [prepared.session_id]
    assert sessions[0]["mood_after"] is None


# ---------------------------------------------------------------- unusable journals (exit 1)

COMMANDS_ON_A_JOURNAL = [
    ["log", "--mood", "5"],
    ["show", "--format", "json"],
    ["session", "add", "--at", "now", "--kind", "other"],
    ["session", "list", "--format", "json"],
    ["habits", "add", "hydration", "--label", "Hydration", "--kind", "done"],
    ["habits", "list"],
    ["backup"],
    ["check"],
]


def _damage(db: Path, how: str) -> None:
    if how == "garbage":
        db.write_bytes(bytes(range(256)) * 64)
    elif how == "empty":
        db.write_bytes(b"")
    elif how == "truncated":
        db.write_bytes(db.read_bytes()[:4096])
    elif how == "newer":
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA user_version = 42")
        conn.close()
    elif how == "other":
        db.unlink()
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Sam')")
        conn.commit()
        conn.close()


EXPECTED = {
    "garbage": "is damaged (it is not an SQLite database); it was left untouched",
    "empty": "is an empty file (0 bytes), not a journal; it was left untouched",
    "truncated": "is damaged",
    "newer": "written by a newer version of recovery-journal (schema 42, this one knows "
    f"{SCHEMA_VERSION})",
    "other": "is an SQLite database but not a recovery journal",
}


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal folder with data and today's daily backup, to copy and then damage."""
    root = tmp_path_factory.mktemp("healthy")
    cli = Cli(root / "data" / "journal.db", root / "home")
    ok(cli("log", "--date", "yesterday", "--mood", "4", "--note", "words " * 3000))
    ok(cli("log", "--mood", "5"))  # today's daily backup is taken before this write
    return cli.db.parent


@pytest.mark.parametrize("how", list(EXPECTED))
def test_an_unusable_journal_is_exit_1_and_left_untouched(
    healthy: Path, tmp_path: Path, how: str
) -> None:
    shutil.copytree(healthy, tmp_path / "data")
    cli = Cli(tmp_path / "data" / "journal.db", tmp_path / "home")
    _damage(cli.db, how)
    before = snapshot(cli.db.parent)
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        results = list(pool.map(lambda args: cli(*args), COMMANDS_ON_A_JOURNAL[:-1]))
    # `check` alone, last: a leftover -wal/-shm of its own would not be cleaned up by others.
    results.append(cli(*COMMANDS_ON_A_JOURNAL[-1]))
    for args, result in zip(COMMANDS_ON_A_JOURNAL, results, strict=True):
        assert_one_error_line(result, 1)
        assert EXPECTED[how] in result.err, (args, result.err)
        if how in ("garbage", "truncated"):
            assert "the newest good backup is" in result.err
            assert "journal-2026-11-27.db --yes" in result.err
    assert snapshot(cli.db.parent) == before


def test_a_folder_or_an_impossible_path_is_exit_1(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = cli("--db", str(folder), "log", "--mood", "5")
    assert_one_error_line(result, 1)
    assert "is a folder" in result.err
    assert list(folder.iterdir()) == []
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = cli("--db", str(blocker / "journal.db"), "log", "--mood", "5")
    assert_one_error_line(result, 1)
    assert blocker.read_text() == "x"


def test_help_is_not_an_error(cli: Cli) -> None:
    for args in (["--help"], ["log", "--help"], ["session", "add", "--help"]):
        result = cli(*args)
        assert result.code == 0 and result.err == ""
        assert "usage:" in result.out
    result = cli("--version")
    assert result.code == 0 and result.out.startswith("recovery-journal ")


def test_a_failed_first_command_leaves_no_journal_behind(cli) -> None:
    assert not cli.db.exists()
    result = cli("log", "--habit", "nope=3")
    assert result.code == 2
    assert not cli.db.exists() and not cli.db.parent.exists()


def test_reading_a_missing_journal_creates_nothing(cli) -> None:
    for args in (
        ["show"],
        ["session", "list"],
        ["habits", "list"],
        ["insights"],
        ["export", "--format", "json"],
        ["assess", "list"],
    ):
        result = cli(*args)
        assert result.code == 0, (args, result.err)
    assert not cli.db.parent.exists()


def test_a_malformed_pinned_clock_is_one_error_line(cli) -> None:
    result = cli("log", "--mood", "5", RECOVERY_JOURNAL_NOW="yesterday-ish")
    assert result.code == 2
    assert result.err.startswith("error: RECOVERY_JOURNAL_NOW") and "Traceback" not in result.err
