"""The care plan as a careless patient and a hostile user meet it (issue 17, QA): a journal
holding only a plan, integration counted one way everywhere, the crontab's other lines,
an encrypted journal under `remind`, a plan added twice.

The clock is Friday 27 November 2026, 09:30 +01:00 (`support.NOW`) unless a test pins one.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from support import Cli


def ok(result: Any) -> Any:
    assert result.code == 0, result.err
    return result


def session(cli: Cli, at: str) -> None:
    """A session is logged once it has begun: from a clock just after it."""
    now = at.replace(" ", "T") + ":00+01:00"
    ok(cli("session", "add", "--at", at, "--kind", "esketamine_nasal", RECOVERY_JOURNAL_NOW=now))


# ------------------------------------------------------------------ a plan alone is not nothing


@pytest.mark.parametrize(
    "command",
    [
        ["plan", "add", "--start", "2026-12-01", "--template", "spravato"],
        ["appointment", "add", "--at", "2026-12-03 15:00", "--kind", "therapy"],
    ],
)
def test_a_new_journal_holding_only_a_plan_is_kept_when_the_command_fails_after_it(
    cli: Cli, command: list[str]
) -> None:
    """The plan is saved, then printing its id fails (stdout is a full disk): the command
    fails, and a journal it created and left empty is removed — but this one is not empty."""
    words = shlex.join([sys.executable, "-m", "recovery_journal", *command])
    script = f"exec {words} >/dev/full 2>/dev/null"
    done = subprocess.run(["sh", "-c", script], env=cli.env, timeout=60)
    assert done.returncode != 0  # it could not say the id
    assert cli.db.exists()
    out = ok(cli("check")).out
    assert ("1 plan" in out) or ("1 appointment" in out), out


def test_check_names_the_plans_and_appointments(cli: Cli) -> None:
    ok(cli("plan", "add", "--start", "2026-12-01", "--template", "spravato"))
    out = ok(cli("check")).out
    assert "0 days, 0 sessions, 0 questionnaires, 1 plan (schema 2)" in out
    ok(cli("appointment", "add", "--at", "2026-12-03 15:00", "--kind", "therapy"))
    ok(cli("appointment", "add", "--at", "2026-12-04 15:00", "--kind", "prescriber"))
    assert "0 questionnaires, 2 appointments, 1 plan (schema 2)" in ok(cli("check")).out


def test_demo_does_not_fill_a_journal_holding_only_a_plan(cli: Cli) -> None:
    ok(cli("plan", "add", "--start", "2026-12-01", "--template", "spravato"))
    result = cli("--db", str(cli.db), "demo", "--no-tui")
    assert result.code == 2 and "already holds a journal" in result.err
    assert ok(cli("session", "list", "--format", "json")).json() == []


# ------------------------------------------------------------------ one integration count


def test_insights_and_the_report_count_the_same_therapy_appointments(cli: Cli) -> None:
    """Therapy booked after the range's end has not happened within it: neither the report
    nor `insights` counts it (the report's range and insights' range both end on 26 Nov,
    the last day with data)."""
    session(cli, "2026-11-24 10:00")
    session(cli, "2026-11-26 10:00")
    ok(cli("log", "--date", "2026-11-26", "--mood", "6"))
    ok(cli("appointment", "add", "--at", "2026-11-25 15:00", "--kind", "therapy"))
    ok(cli("appointment", "add", "--at", "2026-11-28 15:00", "--kind", "therapy"))
    report = ok(cli("export", "--format", "md", "--since", "2026-11-15")).out
    assert "Therapy within 2 days after 1 of 2 sessions." in report
    found = ok(cli("insights", "--since", "2026-11-15", "--format", "json")).json()
    integration = found["integration"]
    assert (integration["followed"], integration["total"]) == (1, 2)
    assert [row["therapy_within_2_days"] for row in integration["sessions"]] == [True, False]
    # With the range reaching the booked day, both count, in both.
    until = {"RECOVERY_JOURNAL_NOW": "2026-11-29T09:00:00+01:00"}
    ok(cli("log", "--date", "2026-11-29", "--mood", "6", **until))
    report = ok(cli("export", "--format", "md", **until)).out
    assert "Therapy within 2 days after 2 of 2 sessions." in report
    found = ok(cli("insights", "--format", "json", **until)).json()["integration"]
    assert (found["followed"], found["total"]) == (2, 2)


def test_the_prescriber_gap_is_counted_to_the_same_day_in_insights_and_the_report(
    cli: Cli,
) -> None:
    ok(cli("log", "--date", "2026-11-26", "--mood", "6"))
    ok(cli("appointment", "add", "--at", "2026-10-01 10:00", "--kind", "prescriber"))
    report = ok(cli("export", "--format", "md", "--since", "2026-09-20")).out
    assert "Last prescriber visit 56 days ago" in report  # 1 Oct to 26 Nov
    found = ok(cli("insights", "--since", "2026-09-20", "--format", "json")).json()
    assert found["integration"]["days_since_prescriber"] == 56
    assert found["integration"]["as_of"] == "2026-11-26"
    # A range starting after the visit still knows it: the gap is what it was.
    report = ok(cli("export", "--format", "md", "--since", "2026-11-01")).out
    assert "Last prescriber visit 56 days ago" in report
    found = ok(cli("insights", "--since", "2026-11-01", "--format", "json")).json()
    assert found["integration"]["days_since_prescriber"] == 56


# ------------------------------------------------------------------ the crontab's other lines

FAKE_CRONTAB = """#!{python}
import os, sys
table = os.environ["FAKE_CRONTAB_FILE"]
if os.environ.get("FAKE_CRONTAB_FAILS"):
    sys.stderr.write("crontab: cannot reach the cron daemon\\n")
    sys.exit(1)
if sys.argv[1:] == ["-l"]:
    sys.stdout.buffer.write(open(table, "rb").read())
elif sys.argv[1:] == ["-"]:
    open(table, "wb").write(sys.stdin.buffer.read())
"""

# The user's own lines: CRLF endings, and three that carry the marker's words.
THEIRS = (
    b"# my jobs\r\n"
    b"MAILTO=me@example.org\r\n"
    b"# recovery-journal remind\r\n"
    b"#30 7 * * * /usr/bin/python3 -m recovery_journal remind # recovery-journal remind\r\n"
    b"5 5 * * * echo hi # recovery-journal remind\r\n"
    b"0 3 * * 0 /usr/bin/backup --weekly"  # and no line break at the end
)


@pytest.fixture
def crontab(tmp_path: Path, cli: Cli) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    fake = folder / "crontab"
    fake.write_text(FAKE_CRONTAB.format(python=sys.executable))
    fake.chmod(0o755)
    table = tmp_path / "crontab.txt"
    table.write_bytes(THEIRS)
    cli.env["PATH"] = f"{folder}{os.pathsep}{cli.env['PATH']}"
    cli.env["FAKE_CRONTAB_FILE"] = str(table)
    return table


def test_lines_that_only_carry_the_marker_words_are_the_users_own(cli: Cli, crontab: Path) -> None:
    assert "No daily reminder is installed" in ok(cli("remind", "status")).out
    assert "No daily reminder was installed" in ok(cli("remind", "uninstall")).out
    assert crontab.read_bytes() == THEIRS
    out = ok(cli("remind", "install", "--at", "07:30")).out
    assert out.startswith("Daily reminder set for 07:30;"), out  # it was at no other time
    table = crontab.read_bytes()
    assert table.startswith(THEIRS + b"\n")  # every byte of theirs, CRLF included
    (ours,) = table[len(THEIRS) + 1 :].splitlines()
    assert ours.startswith(b"30 7 * * * ") and ours.endswith(b"# recovery-journal remind")
    assert ok(cli("remind", "status")).out.startswith("Daily reminder at 07:30")
    ok(cli("remind", "install", "--at", "21:05"))
    assert crontab.read_bytes().count(b"remind --notify") == 1
    ok(cli("remind", "uninstall"))
    assert crontab.read_bytes() == THEIRS + b"\n"


def test_a_failing_crontab_changes_nothing_and_says_so(cli: Cli, crontab: Path) -> None:
    for args in (["install", "--at", "07:30"], ["uninstall"], ["status"]):
        result = cli("remind", *args, FAKE_CRONTAB_FAILS="1")
        assert result.code == 1 and result.out == ""
        assert result.err.startswith("error: 'crontab -l' failed: crontab: cannot reach")
        assert result.err.count("\n") == 1
    assert crontab.read_bytes() == THEIRS


@pytest.mark.parametrize("bad", ["25:00", "7:5", "07:30; rm -rf ~", "0٧:30", "07:30\n* * * * *"])
def test_a_time_that_is_not_hh_mm_is_refused(cli: Cli, crontab: Path, bad: str) -> None:
    result = cli("remind", "install", "--at", bad)
    assert result.code == 2 and result.err.startswith("error: --at takes a time of day")
    assert crontab.read_bytes() == THEIRS


# ------------------------------------------------------------------ remind, locked or damaged


def test_remind_on_an_encrypted_journal_without_its_passphrase_says_nothing(cli: Cli) -> None:
    """Locked is the normal state of an encrypted journal: no "could not be read" on every
    new shell, no prompt, exit 0. With the passphrase it reminds as ever."""
    ok(cli("log", "--date", "yesterday", "--mood", "5"))
    ok(cli("plan", "add", "--start", "tomorrow", "--every", "7", "--count", "2"))
    secret = {"RECOVERY_JOURNAL_PASSPHRASE": "a long enough passphrase"}
    ok(cli("encrypt", **secret))
    result = cli("remind", stdin="")
    assert (result.code, result.out, result.err) == (0, "", "")
    assert ok(cli("remind", **secret)).out.splitlines() == [
        "A minute for today's check-in, whenever suits you.",
        "A session tomorrow (Sat 28 Nov). A light meal beforehand helps.",
    ]
    wrong = cli("remind", RECOVERY_JOURNAL_PASSPHRASE="not the one at all")
    assert wrong.code == 0 and wrong.out == "" and "'recovery-journal check'" in wrong.err


# ------------------------------------------------------------------ a plan added twice


def test_the_same_plan_added_twice_is_refused_and_nothing_doubles(cli: Cli) -> None:
    """Run twice by mistake, a plan would mark every date of its copy missed (a session
    fulfils one planned date): the second is refused, the first stays as it was."""
    args = ("plan", "add", "--start", "2026-11-23", "--template", "iv-series")
    ok(cli(*args))
    before = cli.db.read_bytes()
    again = cli(*args)
    assert again.code == 2 and again.out == ""
    assert again.err.startswith("error: this plan is in the journal already")
    assert cli.db.read_bytes() == before
    session(cli, "2026-11-23 10:00")
    (plan,) = ok(cli("plan", "list", "--format", "json")).json()
    assert (plan["done"], plan["missed"]) == (1, 1)  # 23 Nov done, 25 Nov missed
    # Another schedule from the same day is a plan of its own.
    ok(cli("plan", "add", "--start", "2026-11-23", "--every", "7", "--count", "2"))
