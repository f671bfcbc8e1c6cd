"""`appointment add|list|edit|delete` as a user runs them (issue 17, item 1)."""

from __future__ import annotations

import re
from typing import Any

from support import Cli

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def ok(result: Any) -> Any:
    assert result.code == 0, result.err
    assert result.err == ""
    return result


def refused(result: Any, match: str) -> None:
    assert result.code == 2, result.out
    assert result.out == ""
    assert result.err.startswith("error: ") and result.err.count("\n") == 1, result.err
    assert re.search(match, result.err), result.err


def add(cli: Cli, *args: str) -> str:
    out = ok(cli("appointment", "add", *args)).out
    assert UUID.fullmatch(out.strip()) and out.count("\n") == 1
    return out.strip()


def listed(cli: Cli) -> list[dict[str, Any]]:
    return ok(cli("appointment", "list", "--format", "json")).json()


def test_add_then_list_json_and_table(cli: Cli) -> None:
    # The clock of the tests is 2026-11-27 09:30 +01:00: an appointment may be booked ahead.
    later = add(cli, "--at", "2026-12-01 14:00", "--kind", "therapy", "--provider", "Dr Mora")
    earlier = add(cli, "--at", "2026-11-20 09:00", "--kind", "PRESCRIBER", "--note", "dose up")
    assert listed(cli) == [
        {
            "id": earlier,
            "at": "2026-11-20T09:00:00+01:00",
            "kind": "prescriber",
            "provider": None,
            "note": "dose up",
        },
        {
            "id": later,
            "at": "2026-12-01T14:00:00+01:00",
            "kind": "therapy",
            "provider": "Dr Mora",
            "note": None,
        },
    ]
    table = ok(cli("appointment", "list")).out
    assert "2026-11-20 09:00" in table and "Prescriber" in table and "Dr Mora" in table
    assert table.index("2026-11-20") < table.index("2026-12-01")


def test_an_empty_list_says_how_to_add(cli: Cli) -> None:
    assert "appointment add" in ok(cli("appointment", "list")).out
    assert listed(cli) == []


def test_edit_by_id_prefix_and_clear(cli: Cli) -> None:
    appointment = add(cli, "--at", "2026-12-01 14:00", "--kind", "tms", "--provider", "Clinic")
    out = ok(cli("appointment", "edit", appointment[:6], "--at", "2026-12-02 08:30")).out
    assert out == f"updated appointment {appointment}\n"
    ok(cli("appointment", "edit", appointment, "--clear", "provider", "--note", "bring a snack"))
    [shown] = listed(cli)
    assert shown["at"] == "2026-12-02T08:30:00+01:00"
    assert shown["provider"] is None and shown["note"] == "bring a snack"
    assert shown["kind"] == "tms"


def test_delete_asks_for_yes(cli: Cli) -> None:
    appointment = add(cli, "--at", "2026-12-01 14:00", "--kind", "other")
    refused(cli("appointment", "delete", appointment), "cannot be undone; add --yes")
    assert len(listed(cli)) == 1
    assert ok(cli("appointment", "delete", appointment, "--yes")).out == (
        f"deleted appointment {appointment}\n"
    )
    assert listed(cli) == []


def test_bad_input_is_one_line_and_changes_nothing(cli: Cli) -> None:
    add(cli, "--at", "2026-12-01 14:00", "--kind", "therapy")
    before = listed(cli)
    refused(cli("appointment", "add", "--at", "2026-12-01 14:00", "--kind", "dentist"), "kind")
    refused(cli("appointment", "add", "--at", "tomorrow", "--kind", "therapy"), "not a date")
    refused(
        cli(
            "appointment",
            "add",
            "--at",
            "2026-12-01 14:00",
            "--kind",
            "therapy",
            "--provider",
            "x" * 201,
        ),
        "provider is 201 characters; the limit is 200",
    )
    refused(
        cli(
            "appointment",
            "add",
            "--at",
            "2026-12-01 14:00",
            "--kind",
            "therapy",
            "--note",
            "x" * 100_001,
        ),
        "limit is 100,000",
    )
    refused(cli("appointment", "edit", "nope", "--note", "x"), "there is no appointment")
    refused(cli("appointment", "edit", before[0]["id"]), "nothing to change")
    refused(cli("appointment", "delete", "0000-none", "--yes"), "there is no appointment")
    assert listed(cli) == before


def test_a_time_the_clocks_skipped_is_refused(cli: Cli) -> None:
    result = cli(
        "appointment",
        "add",
        "--at",
        "2027-03-28 02:30",
        "--kind",
        "therapy",
        TZ="Europe/Berlin",
        RECOVERY_JOURNAL_NOW="",
    )
    refused(result, "does not exist in Europe/Berlin")
    assert listed(cli) == []


# ---------------------------------------------------------------- export, import, redaction


def _export(cli: Cli, tmp: Any, *flags: str) -> Any:
    import json

    target = tmp / f"export{len(flags)}.json"
    result = cli("export", "--format", "json", "-o", str(target), *flags)
    assert result.code == 0, result.err
    return json.loads(target.read_text("utf-8"))


def test_export_then_import_round_trip_keeps_every_appointment(cli: Cli, tmp_path: Any) -> None:
    add(
        cli,
        "--at",
        "2026-11-20 09:00",
        "--kind",
        "prescriber",
        "--provider",
        "Dr Ng",
        "--note",
        "first line\nsecond line  ",
    )
    add(cli, "--at", "2027-01-05 16:00", "--kind", "therapy")  # booked ahead: kept too
    ok(cli("log", "--mood", "6"))
    before = listed(cli)
    exported = _export(cli, tmp_path)
    assert exported["appointments"] == before
    other = Cli(tmp_path / "other" / "journal.db", tmp_path / "home")
    target = tmp_path / "export0.json"
    dry = ok(other("import", str(target), "--dry-run")).out
    assert "would have added" in dry and "2 appointments" in dry
    assert ok(other("appointment", "list", "--format", "json")).json() == []
    assert "2 appointments" in ok(other("import", str(target))).out
    assert ok(other("appointment", "list", "--format", "json")).json() == before
    again = ok(other("import", str(target))).out
    assert again.startswith("Added nothing")


def test_redaction_drops_provider_and_note(cli: Cli, tmp_path: Any) -> None:
    add(
        cli,
        "--at",
        "2026-11-20 09:00",
        "--kind",
        "therapy",
        "--provider",
        "Dr Ng",
        "--note",
        "private words",
    )
    text = _export(cli, tmp_path, "--redact", "text")["appointments"]
    assert [set(a) for a in text] == [{"id", "at", "kind"}]
    notes = _export(cli, tmp_path, "--redact", "notes", "--detail", "all")["appointments"]
    assert [(a.get("provider"), "note" in a) for a in notes] == [("Dr Ng", False)]
    for fmt in ("md", "html"):
        report = ok(cli("export", "--format", fmt, "--redact", "text")).out
        assert "Dr Ng" not in report and "private words" not in report


def test_a_redacted_file_imported_back_clears_nothing(cli: Cli, tmp_path: Any) -> None:
    add(
        cli,
        "--at",
        "2026-11-20 09:00",
        "--kind",
        "therapy",
        "--provider",
        "Dr Ng",
        "--note",
        "private words",
    )
    before = listed(cli)
    _export(cli, tmp_path, "--redact", "text")
    ok(cli("import", str(tmp_path / "export2.json"), "--on-conflict", "replace"))
    assert listed(cli) == before


def test_a_bad_appointment_in_a_file_stops_the_whole_import(cli: Cli, tmp_path: Any) -> None:
    import json

    add(cli, "--at", "2026-11-20 09:00", "--kind", "therapy")
    exported = _export(cli, tmp_path)
    exported["appointments"].append(
        {"id": "x-2", "at": "2026-11-21T09:00:00+01:00", "kind": "dentist"}
    )
    exported["appointments"][0]["id"] = "x-1"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(exported), "utf-8")
    other = Cli(tmp_path / "other" / "journal.db", tmp_path / "home")
    refused(other("import", str(bad)), r"appointments\[1\]\.kind")
    assert ok(other("appointment", "list", "--format", "json")).json() == []


def test_insights_json_has_the_integration(cli: Cli) -> None:
    ok(cli("session", "add", "--at", "2026-11-02 10:00", "--kind", "other"))
    add(cli, "--at", "2026-11-03 10:00", "--kind", "therapy")
    add(cli, "--at", "2026-10-17 10:00", "--kind", "prescriber")
    ok(cli("log", "--mood", "6"))  # the range runs to today, 27 Nov
    found = ok(cli("insights", "--format", "json")).json()["integration"]
    assert (found["followed"], found["total"], found["days_since_prescriber"]) == (1, 1, 41)
    text = ok(cli("insights")).out
    assert "Therapy within 2 days after 1 of 1 session." in text
    assert "Last prescriber visit 41 days ago" in text
