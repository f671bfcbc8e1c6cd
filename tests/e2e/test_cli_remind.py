"""`remind` and `remind install|uninstall|status`, as a user (and cron) runs them.

The clock is pinned (Friday 27 November 2026, `support.NOW`); the crontab is a fake
`crontab` command on PATH that keeps its table in a file, beside other people's lines.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from support import Cli

CHECK_IN = "A minute for today's check-in, whenever suits you."
OTHER_LINES = (
    "# my own jobs\n"
    "MAILTO=me@example.org\n"
    "0 3 * * 0 /usr/bin/backup --weekly 50% >/dev/null\n"
    "\n"
    "*/5 * * * * echo 'remind' # not ours\n"
)

FAKE_CRONTAB = """#!{python}
import os, sys
table = os.environ["FAKE_CRONTAB_FILE"]
if sys.argv[1:] == ["-l"]:
    if not os.path.exists(table):
        sys.stderr.write("no crontab for tester\\n")
        sys.exit(1)
    sys.stdout.write(open(table).read())
elif sys.argv[1:] == ["-"]:
    data = sys.stdin.read()
    open(table, "w").write(data)
else:
    sys.exit(2)
"""

FAKE_NOTIFY = """#!/bin/sh
printf '%s\\n' "$@" > "$FAKE_NOTIFY_FILE"
"""


def script(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def crontab(tmp_path: Path, cli: Cli) -> Path:
    """A fake `crontab` on PATH; its table holds other lines that must stay intact."""
    folder = tmp_path / "bin"
    script(folder, "crontab", FAKE_CRONTAB.format(python=sys.executable))
    table = tmp_path / "crontab.txt"
    table.write_text(OTHER_LINES)
    cli.env["PATH"] = f"{folder}{os.pathsep}{cli.env['PATH']}"
    cli.env["FAKE_CRONTAB_FILE"] = str(table)
    return table


def ok(result: object) -> str:
    assert result.code == 0, result.err  # type: ignore[attr-defined]
    assert result.err == ""  # type: ignore[attr-defined]
    return result.out  # type: ignore[attr-defined,no-any-return]


def add_session(cli: Cli, at: str) -> None:
    # A session can be logged only once it has begun: log it from a later clock.
    ok(
        cli(
            "session",
            "add",
            "--at",
            at,
            "--kind",
            "esketamine_nasal",
            RECOVERY_JOURNAL_NOW=at.replace(" ", "T") + ":00+01:00",
        )
    )


# ------------------------------------------------------------------ remind


def test_no_check_in_today_is_one_gentle_line(cli: Cli) -> None:
    ok(cli("log", "--date", "yesterday", "--mood", "5"))
    assert ok(cli("remind")) == CHECK_IN + "\n"


def test_a_check_in_today_means_nothing_is_said(cli: Cli) -> None:
    ok(cli("log", "--mood", "6"))
    assert ok(cli("remind")) == ""


def test_a_session_tomorrow_is_mentioned(cli: Cli) -> None:
    ok(cli("log", "--mood", "6"))
    add_session(cli, "2026-11-28 10:00")
    assert ok(cli("remind")) == "A session tomorrow (Sat 28 Nov). A light meal beforehand helps.\n"


def test_a_session_today_and_no_check_in(cli: Cli) -> None:
    add_session(cli, "2026-11-27 08:00")
    assert ok(cli("remind")).splitlines() == [
        CHECK_IN,
        "A session today. Go gently, and no driving afterwards.",
    ]


def test_a_session_two_days_away_is_not_mentioned(cli: Cli) -> None:
    ok(cli("log", "--mood", "6"))
    add_session(cli, "2026-11-29 10:00")
    assert ok(cli("remind")) == ""


def test_no_wording_that_shames_a_missed_day(cli: Cli) -> None:
    ok(cli("log", "--date", "2026-11-01", "--mood", "5"))  # weeks without a check-in
    said = ok(cli("remind")).lower()
    for word in ("forgot", "missed", "streak", "days in a row", "should", "!"):
        assert word not in said


def test_a_missing_journal_prints_nothing_and_is_not_created(cli: Cli) -> None:
    assert ok(cli("remind")) == ""
    assert not cli.db.exists() and not cli.db.parent.exists()


def test_an_unusable_journal_is_one_short_line_and_exit_0(cli: Cli) -> None:
    cli.db.parent.mkdir(parents=True)
    cli.db.write_bytes(b"not a database at all, just words")
    result = cli("remind")
    assert result.code == 0
    assert result.out == ""
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert "'recovery-journal check'" in result.err
    assert cli.db.read_bytes() == b"not a database at all, just words"


def test_remind_writes_nothing(cli: Cli) -> None:
    ok(cli("log", "--date", "yesterday", "--mood", "5"))

    def files() -> dict[str, bytes]:
        # Any reader may touch the shared-memory index and leave an empty write-ahead log.
        found = {
            str(path.relative_to(cli.db.parent)): path.read_bytes()
            for path in cli.db.parent.rglob("*")
            if path.is_file() and not path.name.endswith("-shm")
        }
        return {name: data for name, data in found.items() if data or not name.endswith("-wal")}

    before = files()
    ok(cli("remind"))
    assert files() == before  # no backup for "today", no migration, no write


def test_notify_sends_a_desktop_notification(cli: Cli, tmp_path: Path) -> None:
    ok(cli("log", "--date", "yesterday", "--mood", "5"))
    script(tmp_path / "bin", "notify-send", FAKE_NOTIFY)
    sent = tmp_path / "sent.txt"
    env = {
        "PATH": f"{tmp_path / 'bin'}{os.pathsep}{cli.env['PATH']}",
        "FAKE_NOTIFY_FILE": str(sent),
        "DISPLAY": ":0",
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus",
    }
    assert ok(cli("remind", "--notify", **env)) == ""
    assert CHECK_IN in sent.read_text().splitlines()


def test_notify_without_a_desktop_does_nothing(cli: Cli, tmp_path: Path) -> None:
    ok(cli("log", "--date", "yesterday", "--mood", "5"))
    script(tmp_path / "bin", "notify-send", FAKE_NOTIFY)
    sent = tmp_path / "sent.txt"
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    env = {**cli.env, "PATH": f"{tmp_path / 'bin'}{os.pathsep}{cli.env['PATH']}"}
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        env.pop(name, None)
    cli.env = {**env, "FAKE_NOTIFY_FILE": str(sent), "XDG_RUNTIME_DIR": str(runtime)}
    assert ok(cli("remind", "--notify")) == ""
    assert not sent.exists()


# ------------------------------------------------------------------ the crontab


def reminder_lines(table: Path) -> list[str]:
    return [line for line in table.read_text().splitlines() if "# recovery-journal remind" in line]


def test_install_adds_one_line_and_keeps_the_others(cli: Cli, crontab: Path) -> None:
    out = ok(cli("remind", "install", "--at", "20:30"))
    assert "20:30" in out
    text = crontab.read_text()
    assert text.startswith(OTHER_LINES)
    (line,) = reminder_lines(crontab)
    assert line.startswith("30 20 * * * ")
    assert f"{sys.executable} -m recovery_journal --db {cli.db.resolve()} remind --notify" in line
    assert text == OTHER_LINES + line + "\n"


def test_install_twice_keeps_one_line_and_a_new_time_replaces_it(cli: Cli, crontab: Path) -> None:
    ok(cli("remind", "install", "--at", "20:30"))
    ok(cli("remind", "install", "--at", "20:30"))
    assert len(reminder_lines(crontab)) == 1
    out = ok(cli("remind", "install", "--at", "8:05"))
    assert "08:05" in out and "20:30" in out  # it says what it moved from
    (line,) = reminder_lines(crontab)
    assert line.startswith("5 8 * * * ")
    assert crontab.read_text() == OTHER_LINES + line + "\n"


def test_uninstall_removes_exactly_that_line(cli: Cli, crontab: Path) -> None:
    ok(cli("remind", "install", "--at", "21:00"))
    ok(cli("remind", "uninstall"))
    assert crontab.read_text() == OTHER_LINES
    assert "No daily reminder was installed" in ok(cli("remind", "uninstall"))
    assert crontab.read_text() == OTHER_LINES


def test_status_says_what_is_installed(cli: Cli, crontab: Path) -> None:
    assert "No daily reminder is installed" in ok(cli("remind", "status"))
    ok(cli("remind", "install", "--at", "07:45"))
    out = ok(cli("remind", "status"))
    assert out.startswith("Daily reminder at 07:45")
    assert str(cli.db.resolve()) in out


def test_no_crontab_for_the_user_is_an_empty_one(cli: Cli, crontab: Path) -> None:
    crontab.unlink()
    assert "No daily reminder is installed" in ok(cli("remind", "status"))
    ok(cli("remind", "install", "--at", "20:30"))
    (line,) = reminder_lines(crontab)
    assert crontab.read_text() == line + "\n"


def test_a_bad_time_is_refused_and_nothing_changes(cli: Cli, crontab: Path) -> None:
    for bad in ("24:00", "20:60", "8pm", "20.30", ""):
        result = cli("remind", "install", "--at", bad)
        assert result.code == 2, bad
        assert result.err.startswith("error: ") and result.err.count("\n") == 1
        assert crontab.read_text() == OTHER_LINES


def test_a_missing_crontab_command_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    for args in (("install", "--at", "20:30"), ("uninstall",), ("status",)):
        result = cli("remind", *args, PATH=str(empty))
        assert result.code == 1
        assert result.err.startswith("error: the 'crontab' command is not available")
        assert result.err.count("\n") == 1
