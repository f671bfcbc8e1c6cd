"""`plan add|list|delete` as a user runs them (issue 17, item 3), with the plan in `remind`,
the JSON export and import, and the therapist's report.

The clock of the tests is Friday 27 November 2026, 09:30 +01:00 (`support.NOW`) unless a
test pins another one.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from support import Cli

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def ok(result: Any) -> Any:
    assert result.code == 0, result.err
    assert result.err == "" or result.err.startswith("wrote "), result.err
    return result


def refused(result: Any, match: str) -> None:
    assert result.code == 2, result.out
    assert result.out == ""
    assert result.err.startswith("error: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    assert re.search(match, result.err), result.err


def add(cli: Cli, *args: str, **env: str) -> str:
    out = ok(cli("plan", "add", *args, **env)).out
    assert UUID.fullmatch(out.strip()) and out.count("\n") == 1
    return out.strip()


def listed(cli: Cli, **env: str) -> list[dict[str, Any]]:
    return ok(cli("plan", "list", "--format", "json", **env)).json()


def session(cli: Cli, at: str, offset: str = "+01:00", **env: str) -> str:
    """A session is logged once it has begun: from a clock just after it."""
    now = at.replace(" ", "T") + f":00{offset}"
    done = cli(
        "session",
        "add",
        "--at",
        at,
        "--kind",
        "esketamine_nasal",
        RECOVERY_JOURNAL_NOW=now,
        **env,
    )
    return ok(done).out.strip()


def dates_of(plan: dict[str, Any]) -> list[str]:
    return [item["date"] for item in plan["dates"]]


# ------------------------------------------------------------------ the templates


def test_spravato_is_twice_a_week_for_four_weeks_then_weekly_for_four(cli: Cli) -> None:
    pid = add(cli, "--start", "2026-11-30", "--template", "spravato")  # a Monday
    (plan,) = listed(cli)
    assert plan["id"] == pid
    assert plan["template"] == "spravato" and plan["kind"] == "esketamine_nasal"
    assert plan["every_days"] is None and plan["count"] == 12
    days = [date.fromisoformat(d) for d in dates_of(plan)]
    assert [f"{d:%a}" for d in days[:8]] == ["Mon", "Thu"] * 4
    assert [f"{d:%a}" for d in days[8:]] == ["Mon"] * 4
    assert days[0] == date(2026, 11, 30) and days[-1] == date(2026, 11, 30) + timedelta(weeks=7)
    # Today is 27 Nov: every date is still ahead.
    assert {item["status"] for item in plan["dates"]} == {"planned"}
    assert (plan["planned"], plan["done"], plan["missed"]) == (12, 0, 0)


def test_iv_series_is_six_infusions_over_two_weeks(cli: Cli) -> None:
    add(cli, "--start", "2026-11-30", "--template", "iv-series")
    (plan,) = listed(cli)
    assert plan["kind"] == "iv_ketamine"
    assert dates_of(plan) == [
        "2026-11-30",
        "2026-12-02",
        "2026-12-04",
        "2026-12-07",
        "2026-12-09",
        "2026-12-11",
    ]


def test_every_days_count_and_kind(cli: Cli) -> None:
    add(cli, "--start", "2026-12-01", "--every", "14", "--count", "3", "--kind", "iv_ketamine")
    add(cli, "--start", "tomorrow", "--every", "7", "--count", "2")
    first, second = listed(cli)
    assert dates_of(first) == ["2026-11-28", "2026-12-05"]  # by start date
    assert first["kind"] is None and first["every_days"] == 7 and first["template"] is None
    assert dates_of(second) == ["2026-12-01", "2026-12-15", "2026-12-29"]
    assert second["kind"] == "iv_ketamine" and second["count"] == 3


def test_the_table_lists_each_date_and_the_next_session(cli: Cli) -> None:
    assert "No treatment plan yet" in ok(cli("plan", "list")).out
    assert listed(cli) == []
    add(cli, "--start", "2026-11-29", "--every", "7", "--count", "2")
    out = ok(cli("plan", "list")).out
    assert "2026-11-29  Sun  planned" in out
    assert "2026-12-06  Sun  planned" in out
    assert out.rstrip().endswith("Next session Sun 29 Nov — in 2 days")


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["--start", "2026-12-01", "--every", "2", "--count", "0"], "--count must be"),
        (["--start", "2026-12-01", "--every", "2", "--count", "101"], "1 to 100"),
        (["--start", "2026-12-01", "--every", "0", "--count", "3"], "--every must be"),
        (["--start", "2026-12-01", "--every", "two", "--count", "3"], "--every must be"),
        (["--start", "2026-12-01", "--template", "ketamine"], "spravato, iv-series"),
        (["--start", "2026-12-01", "--template", "spravato", "--every", "3"], "not allowed"),
        (["--start", "2026-12-01", "--template", "spravato", "--count", "3"], "--count goes"),
        (["--start", "2026-12-01", "--every", "3"], "needs --count"),
        (["--start", "2026-12-01"], "--template --every"),
        (["--start", "2026-02-30", "--every", "3", "--count", "2"], "not a date"),
        (["--start", "1899-12-31", "--every", "3", "--count", "2"], "outside the dates"),
        (["--start", "2100-12-20", "--template", "spravato"], "run past 2100-12-31"),
        (["--start", "2026-12-01", "--template", "spravato", "--kind", "tms"], "session kind"),
    ],
)
def test_bad_input_is_one_error_line_and_nothing_changes(
    cli: Cli, args: list[str], match: str
) -> None:
    ok(cli("log", "--mood", "5"))
    before = cli.db.read_bytes()
    refused(cli("plan", "add", *args), match)
    assert listed(cli) == []
    assert cli.db.read_bytes() == before


def test_delete_asks_for_yes_and_keeps_the_sessions(cli: Cli) -> None:
    pid = add(cli, "--start", "2026-11-20", "--every", "3", "--count", "3")
    session(cli, "2026-11-20 10:00")
    refused(cli("plan", "delete", pid[:6]), "add --yes")
    assert len(listed(cli)) == 1
    assert ok(cli("plan", "delete", pid[:6], "--yes")).out == f"deleted plan {pid}\n"
    assert listed(cli) == []
    assert len(ok(cli("session", "list", "--format", "json")).json()) == 1
    refused(cli("plan", "delete", pid, "--yes"), "there is no plan")


# ------------------------------------------------------------------ planned, done, missed


def test_done_missed_and_planned_across_the_end_of_summer_time(cli: Cli) -> None:
    """London leaves summer time on Sunday 25 October 2026 (01:00 UTC). Local dates decide:
    a session at 00:30 on the 25th (+01:00, still the 24th in UTC) is a day before the 26th."""
    london = {"TZ": "Europe/London"}
    cli.env.update(london)
    add(cli, "--start", "2026-10-20", "--every", "3", "--count", "5")  # 20, 23, 26, 29 Oct, 1 Nov
    session(cli, "2026-10-20 10:00")  # on the day
    session(cli, "2026-10-25 00:30")  # +01:00: fulfils the 26th (one day before, locally)
    session(cli, "2026-10-30 09:00", "+00:00")  # a day after the 29th
    session(cli, "2026-10-30 15:00", "+00:00")  # a second one: fulfils nothing more
    now = {"RECOVERY_JOURNAL_NOW": "2026-11-01T08:00:00+00:00"}
    (plan,) = listed(cli, **now)
    assert [(item["date"], item["status"]) for item in plan["dates"]] == [
        ("2026-10-20", "done"),
        ("2026-10-23", "missed"),
        ("2026-10-26", "done"),
        ("2026-10-29", "done"),
        ("2026-11-01", "planned"),  # today, not logged yet
    ]
    assert (plan["done"], plan["missed"], plan["planned"]) == (3, 1, 1)
    used = [item["session_id"] for item in plan["dates"] if item["session_id"]]
    assert len(set(used)) == 3
    out = ok(cli("plan", "list", **now)).out
    assert out.rstrip().endswith("Next session Sun 1 Nov — today")


def test_one_session_fulfils_one_planned_date_the_nearest(cli: Cli) -> None:
    add(cli, "--start", "2026-11-20", "--every", "1", "--count", "3")  # 20, 21, 22 Nov
    session(cli, "2026-11-21 10:00")
    (plan,) = listed(cli)
    assert [item["status"] for item in plan["dates"]] == ["missed", "done", "missed"]


def test_two_plans_share_no_session(cli: Cli) -> None:
    add(cli, "--start", "2026-11-20", "--every", "7", "--count", "1")
    add(cli, "--start", "2026-11-20", "--every", "7", "--count", "2")
    session(cli, "2026-11-20 10:00")
    statuses = sorted(item["status"] for plan in listed(cli) for item in plan["dates"])
    assert statuses == ["done", "missed", "planned"]


# ------------------------------------------------------------------ remind


def test_remind_names_a_planned_session_tomorrow_and_today(cli: Cli) -> None:
    ok(cli("log", "--mood", "6"))
    add(cli, "--start", "2026-11-28", "--every", "7", "--count", "2")
    assert ok(cli("remind")).out == (
        "A session tomorrow (Sat 28 Nov). A light meal beforehand helps.\n"
    )
    saturday = {"RECOVERY_JOURNAL_NOW": "2026-11-28T08:00:00+01:00"}
    ok(cli("log", "--mood", "6", **saturday))
    assert ok(cli("remind", **saturday)).out == (
        "A session today. Go gently, and no driving afterwards.\n"
    )


def test_remind_says_nothing_of_a_planned_date_already_fulfilled(cli: Cli) -> None:
    ok(cli("log", "--mood", "6"))
    add(cli, "--start", "2026-11-28", "--every", "7", "--count", "1")
    session(cli, "2026-11-27 08:00")  # a day early: the plan's 28 Nov is done
    assert ok(cli("remind")).out == "A session today. Go gently, and no driving afterwards.\n"


# ------------------------------------------------------------------ export, import, report


def test_plans_go_through_the_export_and_back_without_duplicates(cli: Cli, tmp_path: Path) -> None:
    pid = add(cli, "--start", "2026-11-23", "--template", "iv-series")
    session(cli, "2026-11-23 10:00")
    exported = tmp_path / "export.json"
    ok(cli("export", "--format", "json", "-o", str(exported)))
    data = json.loads(exported.read_text())
    (plan,) = data["plans"]
    assert plan == {
        "id": pid,
        "start": "2026-11-23",
        "template": "iv-series",
        "every_days": None,
        "count": 6,
        "kind": "iv_ketamine",
        "dates": [
            "2026-11-23",
            "2026-11-25",
            "2026-11-27",
            "2026-11-30",
            "2026-12-02",
            "2026-12-04",
        ],
        "created_at": "2026-11-27T09:30:00+01:00",
    }
    redacted = tmp_path / "redacted.json"
    ok(cli("export", "--format", "json", "--redact", "text", "-o", str(redacted)))
    assert json.loads(redacted.read_text())["plans"] == [plan]

    other = Cli(tmp_path / "other" / "journal.db", tmp_path / "home")
    assert "1 plan" in ok(other("import", str(exported))).out
    assert listed(other) == listed(cli)
    again = ok(other("import", str(redacted))).out
    assert "Added nothing" in again
    assert len(listed(other)) == 1
    # The same schedule made separately (another id) is not doubled by an import.
    third = Cli(tmp_path / "third" / "journal.db", tmp_path / "home")
    add(third, "--start", "2026-11-23", "--template", "iv-series")
    ok(third("import", str(exported)))
    assert len(listed(third)) == 1


def test_a_bad_plan_in_a_file_stops_the_import_and_names_it(cli: Cli, tmp_path: Path) -> None:
    add(cli, "--start", "2026-11-23", "--template", "iv-series")
    exported = tmp_path / "export.json"
    ok(cli("export", "--format", "json", "-o", str(exported)))
    data = json.loads(exported.read_text())
    data["plans"][0]["dates"][2] = "2026-13-01"
    exported.write_text(json.dumps(data, indent=2))
    other = Cli(tmp_path / "other" / "journal.db", tmp_path / "home")
    refused(other("import", str(exported)), r"plans\[0\]\.dates\[2\]")
    assert not other.db.exists()


def test_the_report_says_how_the_schedule_was_followed(cli: Cli) -> None:
    add(cli, "--start", "2026-11-16", "--every", "3", "--count", "6")  # 16 … 28 Nov
    for day in ("2026-11-16", "2026-11-19", "2026-11-25"):
        session(cli, f"{day} 10:00")
    ok(cli("log", "--mood", "6"))
    for fmt in ("md", "html"):
        out = ok(cli("export", "--format", fmt)).out
        # 16, 19, 22, 25 Nov have come (22 missed); 28 Nov is ahead.
        assert "Treatment schedule: 3 of 4 planned sessions done, 1 missed." in out
        assert "Next planned session: Sat 28 Nov 2026." in out
    ranged = ok(cli("export", "--format", "md", "--since", "2026-11-20")).out
    assert "Treatment schedule: 1 of 2 planned sessions done, 1 missed." in ranged


def test_the_reports_integration_counts_no_appointment_after_its_range(cli: Cli) -> None:
    session(cli, "2026-11-26 10:00")
    ok(cli("log", "--date", "2026-11-26", "--mood", "6"))
    # Therapy booked for the day after the range's last date (the report's range ends on the
    # last day with data, 26 Nov): it has not happened within the report.
    ok(cli("appointment", "add", "--at", "2026-11-28 15:00", "--kind", "therapy"))
    ok(cli("appointment", "add", "--at", "2026-11-20 15:00", "--kind", "prescriber"))
    out = ok(cli("export", "--format", "md", "--since", "2026-11-15")).out
    assert "Therapy within 2 days after 0 of 1 session." in out
    assert "after 1 of 1" not in out
