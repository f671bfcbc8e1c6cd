"""An unexpected error, from a command or the app: one calm line, never the person's words,
the details in a private crash file beside the journal, exit 1 (issue 12, item 4)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from support import NOW, Cli

NOTE = "Loved work [/sarcasm], told nobody"

# Loaded at interpreter start-up in the CLI's process: printing JSON fails, with the days
# (and so the note) in the error's message, as a careless bug would.
BREAK_JSON = """
import recovery_journal.tables as tables

def broken(data):
    raise RuntimeError(f"cannot print {data!r}")

tables.to_json = broken
"""


def crash_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("crash-*.txt"))


@pytest.mark.real_process  # a sitecustomize on PYTHONPATH breaks the new process
def test_a_command_that_fails_unexpectedly_shows_one_line_and_keeps_details_private(
    cli: Cli, tmp_path: Path
) -> None:
    assert cli("log", "--mood", "6", "--note", NOTE).code == 0
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(BREAK_JSON, encoding="utf-8")
    python_path = os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")]))

    result = cli("show", "--format", "json", PYTHONPATH=python_path)

    assert result.code == 1, result.err
    assert result.err.count("\n") == 1 and result.err.startswith("error: something went wrong")
    assert "nothing you saved is lost" in result.err
    assert "[/sarcasm]" not in result.out + result.err and "Traceback" not in result.err
    (crash,) = crash_files(cli.db.parent)
    assert str(crash) in result.err
    assert stat.S_IMODE(crash.stat().st_mode) == 0o600
    details = crash.read_text(encoding="utf-8")
    assert "Traceback" in details and "RuntimeError: cannot print" in details
    assert cli("show", "--format", "json").json()[0]["note"] == NOTE  # nothing was lost


@pytest.mark.real_process  # a sitecustomize on PYTHONPATH breaks the new process
def test_debug_setting_still_shows_the_traceback(cli: Cli, tmp_path: Path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(BREAK_JSON, encoding="utf-8")
    python_path = os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")]))

    result = cli("show", "--format", "json", PYTHONPATH=python_path, RECOVERY_JOURNAL_DEBUG="1")

    assert result.code == 1 and "Traceback" in result.err


def test_the_app_closing_on_an_unexpected_error_exits_1_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """The real entry point, with the app drawn headless; Today breaks once on screen."""
    from recovery_journal.cli import main
    from recovery_journal.store import DayChanges, Journal
    from recovery_journal.tui.app import RecoveryJournalApp
    from recovery_journal.tui.screens.day import TodayScreen

    db = tmp_path / "data" / "journal.db"
    monkeypatch.setenv("RECOVERY_JOURNAL_NOW", NOW)
    monkeypatch.delenv("RECOVERY_JOURNAL_DEBUG", raising=False)
    with Journal.open(db) as journal:
        journal.update_day(journal.clock.today(), DayChanges(fields={"note": NOTE}))

    async def broken(self: TodayScreen) -> None:
        raise RuntimeError(f"could not show {self.journal.day(self.clock.today()).note}")

    run = RecoveryJournalApp.run
    monkeypatch.setattr(TodayScreen, "after_first_frame", broken)
    monkeypatch.setattr(
        RecoveryJournalApp, "run", lambda self: run(self, headless=True, size=(100, 30))
    )
    umask = os.umask(0o022)
    os.umask(umask)
    try:
        code = main(["--db", str(db)])
    finally:
        os.umask(umask)  # main() makes everything owner-only from then on

    printed = capfd.readouterr()
    assert code == 1
    assert "[/sarcasm]" not in printed.out + printed.err and "Traceback" not in printed.err
    assert printed.err.startswith("error: something went wrong and the app closed")
    assert printed.err.count("\n") == 1
    (crash,) = crash_files(db.parent)
    assert str(crash) in printed.err
    assert stat.S_IMODE(crash.stat().st_mode) == 0o600
    assert "could not show" in crash.read_text(encoding="utf-8")


PASSPHRASE = "crash 'test' \"pass\" phrase"


@pytest.mark.real_process  # a sitecustomize on PYTHONPATH breaks the new process
def test_beside_an_encrypted_journal_the_crash_file_holds_no_words_and_no_passphrase(
    cli: Cli, tmp_path: Path
) -> None:
    """The crash file is plain text: beside an encrypted journal it keeps only where the
    error happened, never its message (which here quotes the note)."""
    assert cli("log", "--mood", "6", "--note", NOTE).code == 0
    assert cli("encrypt", RECOVERY_JOURNAL_PASSPHRASE=PASSPHRASE).code == 0
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(BREAK_JSON, encoding="utf-8")
    python_path = os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")]))

    result = cli(
        "show", "--format", "json", PYTHONPATH=python_path, RECOVERY_JOURNAL_PASSPHRASE=PASSPHRASE
    )

    assert result.code == 1 and result.err.startswith("error: something went wrong")
    (crash,) = crash_files(cli.db.parent)
    details = crash.read_text(encoding="utf-8")
    assert "Traceback" in details and "RuntimeError (its message is left out)" in details
    assert "sarcasm" not in details and "told nobody" not in details
    assert PASSPHRASE not in details


async def test_the_app_on_an_encrypted_journal_keeps_the_words_out_of_its_crash_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock
) -> None:
    from recovery_journal.store import DayChanges, Journal
    from recovery_journal.tui.factory import create_app
    from recovery_journal.tui.screens.day import TodayScreen
    from support import Cli as RealCli

    db = tmp_path / "data" / "journal.db"
    with Journal.open(db, clock) as journal:
        journal.update_day(clock.today(), DayChanges(fields={"note": NOTE}))
    encrypted = RealCli(db, tmp_path)("encrypt", RECOVERY_JOURNAL_PASSPHRASE=PASSPHRASE)
    assert encrypted.code == 0, encrypted.err
    monkeypatch.setenv("RECOVERY_JOURNAL_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("RECOVERY_JOURNAL_DEBUG", raising=False)

    async def broken(self: TodayScreen) -> None:
        raise RuntimeError(f"could not show {self.journal.day(self.clock.today()).note}")

    monkeypatch.setattr(TodayScreen, "after_first_frame", broken)
    with Journal.open(db, clock) as journal:
        app = create_app(journal, clock)
        with pytest.raises(RuntimeError):
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
    (crash,) = crash_files(db.parent)
    details = crash.read_text(encoding="utf-8")
    assert "RuntimeError (its message is left out)" in details
    assert "sarcasm" not in details and "told nobody" not in details


async def test_a_review_of_a_sealed_file_keeps_the_words_out_of_its_crash_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock
) -> None:
    """The therapist's crash file is plain text too: a sealed file's words stay out."""
    from recovery_journal.service.review import load_review
    from recovery_journal.store import DayChanges, Journal
    from recovery_journal.tui.review_app import ReviewApp
    from recovery_journal.tui.screens.overview import OverviewScreen
    from support import Cli as RealCli

    db = tmp_path / "journal.db"
    with Journal.open(db, clock) as journal:
        journal.update_day(clock.today(), DayChanges(fields={"note": NOTE}))
    sealed = tmp_path / "patient.rjx"
    made = RealCli(db, tmp_path)(
        "export", "--format", "json", "--seal", "-o", str(sealed),
        RECOVERY_JOURNAL_SEAL_PASSPHRASE=PASSPHRASE,
    )  # fmt: skip
    assert made.code == 0, made.err
    monkeypatch.setenv("RECOVERY_JOURNAL_SEAL_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("RECOVERY_JOURNAL_DEBUG", raising=False)

    def broken(self: OverviewScreen) -> None:
        raise RuntimeError(f"could not show {self.journal.day(clock.today()).note}")

    monkeypatch.setattr(OverviewScreen, "on_mount", broken)
    crashes = tmp_path / "crashes"
    review = load_review(sealed, clock)
    try:
        app = ReviewApp(review, clock, review_of=sealed, crash_folder=crashes)
        with pytest.raises(RuntimeError):
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
    finally:
        review.close()
    (crash,) = crash_files(crashes)
    details = crash.read_text(encoding="utf-8")
    assert "RuntimeError (its message is left out)" in details
    assert "sarcasm" not in details and "told nobody" not in details
