"""`session add|list|edit|delete` as a user runs them (PRODUCT.md §3, §4)."""

from __future__ import annotations

import re
from typing import Any

SESSION_KEYS = {
    "id",
    "at",
    "kind",
    "dose_mg",
    "provider",
    "mood_before",
    "mood_after",
    "dissociation",
    "bp_before",
    "bp_after",
    "side_effects",
    "aftercare",
    "intention",
    "insights",
}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def ok(result: Any) -> Any:
    assert result.code == 0, result.err
    assert result.err == ""
    return result


def add(cli: Any, *args: str, stdin: str | None = None) -> str:
    """`session add`; its only output is the new id."""
    result = ok(cli("session", "add", *args, stdin=stdin))
    assert result.out.endswith("\n") and result.out.count("\n") == 1
    session_id = result.out.strip()
    assert UUID.fullmatch(session_id), result.out
    return session_id


def listed(cli: Any) -> list[dict[str, Any]]:
    return ok(cli("session", "list", "--format", "json")).json()


def check_session_shape(session: dict[str, Any]) -> None:
    """The keys and types of §4."""
    assert set(session) == SESSION_KEYS
    assert isinstance(session["id"], str) and isinstance(session["at"], str)
    assert isinstance(session["kind"], str)
    assert session["dose_mg"] is None or type(session["dose_mg"]) in (int, float)
    for key in ("provider", "bp_before", "bp_after", "intention", "insights"):
        assert session[key] is None or isinstance(session[key], str)
    for key in ("mood_before", "mood_after", "dissociation"):
        assert session[key] is None or type(session[key]) is int
    assert isinstance(session["side_effects"], list)
    assert all(isinstance(word, str) for word in session["side_effects"])
    assert isinstance(session["aftercare"], dict)
    assert all(type(value) is bool for value in session["aftercare"].values())


def test_add_with_every_flag_and_list_it(cli: Any) -> None:
    session_id = add(
        cli,
        "--at",
        "2026-11-26 10:15",
        "--kind",
        "iv_ketamine",
        "--dose-mg",
        "35",
        "--provider",
        "Riverside Clinic",
        "--mood-before",
        "3",
        "--mood-after",
        "6",
        "--dissociation",
        "4",
        "--bp-before",
        "128/82",
        "--bp-after",
        " 142 / 90 ",
        "--side-effect",
        "Nausea",
        "--side-effect",
        "elevated bp",
        "--side-effect",
        "Dry mouth",
        "--aftercare",
        "no_driving=yes",
        "--aftercare",
        "light_meal=no",
        "--aftercare",
        "therapy_scheduled=yes",
        "--intention",
        "Stay curious.\r\nBreathe.  ",
        "--insights",
        "-",
        stdin="Calm, far away.\n\n🙂\n",
    )
    [session] = listed(cli)
    check_session_shape(session)
    assert session == {
        "id": session_id,
        "at": "2026-11-26T10:15:00+01:00",
        "kind": "iv_ketamine",
        "dose_mg": 35,
        "provider": "Riverside Clinic",
        "mood_before": 3,
        "mood_after": 6,
        "dissociation": 4,
        "bp_before": "128/82",
        "bp_after": "142/90",
        "side_effects": ["nausea", "elevated_bp", "dry-mouth"],
        "aftercare": {"no_driving": True, "light_meal": False, "therapy_scheduled": True},
        "intention": "Stay curious.\r\nBreathe.  ",
        "insights": "Calm, far away.\n\n🙂\n",
    }


def test_a_bare_session_and_the_t_form_and_now(cli: Any) -> None:
    first = add(cli, "--at", "2026-11-20T08:05", "--kind", "esketamine_nasal")
    second = add(cli, "--at", "now", "--kind", "other", "--dose-mg", "56.5")
    third = add(cli, "--at", "2026-11-13 9:00", "--kind", "oral_ketamine")
    sessions = listed(cli)
    for session in sessions:
        check_session_shape(session)
    assert [s["id"] for s in sessions] == [third, first, second]  # oldest first
    assert [s["at"] for s in sessions] == [
        "2026-11-13T09:00:00+01:00",
        "2026-11-20T08:05:00+01:00",
        "2026-11-27T09:30:00+01:00",
    ]
    assert sessions[1] == {
        "id": first,
        "at": "2026-11-20T08:05:00+01:00",
        "kind": "esketamine_nasal",
        "dose_mg": None,
        "provider": None,
        "mood_before": None,
        "mood_after": None,
        "dissociation": None,
        "bp_before": None,
        "bp_after": None,
        "side_effects": [],
        "aftercare": {},
        "intention": None,
        "insights": None,
    }
    assert sessions[2]["dose_mg"] == 56.5
    assert len({first, second, third}) == 3


def test_list_as_a_table(cli: Any) -> None:
    assert "No sessions yet" in ok(cli("session", "list")).out
    assert ok(cli("session", "list", "--format", "json")).json() == []
    session_id = add(
        cli,
        "--at",
        "2026-11-26 10:00",
        "--kind",
        "im_ketamine",
        "--dose-mg",
        "50",
        "--mood-before",
        "3",
        "--mood-after",
        "7",
        "--aftercare",
        "no_driving=yes",
        "--aftercare",
        "light_meal=yes",
        "--aftercare",
        "rest_hydration=no",
    )
    lines = ok(cli("session", "list")).out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("#")
    row = lines[1]
    for text in ("2026-11-26 10:00", "IM ketamine", "50 mg", "3 → 7", "2 of 7", session_id[:8]):
        assert text in row


def test_edit_changes_only_what_is_given(cli: Any) -> None:
    session_id = add(
        cli,
        "--at",
        "2026-11-26 10:00",
        "--kind",
        "iv_ketamine",
        "--dose-mg",
        "35",
        "--provider",
        "Clinic",
        "--mood-before",
        "3",
        "--side-effect",
        "nausea",
        "--aftercare",
        "no_driving=yes",
        "--aftercare",
        "light_meal=no",
        "--intention",
        "Open.",
    )
    [before] = listed(cli)
    result = ok(
        cli(
            "session",
            "edit",
            session_id[:8],
            "--mood-after",
            "7",
            "--aftercare",
            "light_meal=yes",
            "--aftercare",
            "avoided_news=no",
            "--insights",
            "Lighter.",
        )
    )
    assert session_id in result.out
    [after] = listed(cli)
    changed = {
        "mood_after": 7,
        "insights": "Lighter.",
        "aftercare": {"no_driving": True, "light_meal": True, "avoided_news": False},
    }
    assert after == {**before, **changed}

    ok(
        cli(
            "session",
            "edit",
            session_id,
            "--at",
            "2026-11-25T18:30",
            "--kind",
            "im_ketamine",
            "--aftercare",
            "no_driving=unset",
            "--side-effect",
            "headache",
            "--clear",
            "provider",
            "--clear",
            "dose-mg",
            "--clear",
            "intention",
        )
    )
    [edited] = listed(cli)
    assert edited == {
        **after,
        "at": "2026-11-25T18:30:00+01:00",
        "kind": "im_ketamine",
        "aftercare": {"light_meal": True, "avoided_news": False},
        "side_effects": ["headache"],
        "provider": None,
        "dose_mg": None,
        "intention": None,
    }
    ok(cli("session", "edit", session_id, "--clear", "side_effects", "--clear", "aftercare"))
    [cleared] = listed(cli)
    assert cleared["side_effects"] == [] and cleared["aftercare"] == {}
    assert cleared["mood_before"] == 3


def test_delete_needs_yes_and_removes_only_that_session(cli: Any) -> None:
    keep = add(cli, "--at", "2026-11-20 10:00", "--kind", "other")
    gone = add(cli, "--at", "2026-11-26 10:00", "--kind", "other")
    refused = cli("session", "delete", gone)
    assert refused.code == 2
    assert refused.err.startswith("error: ") and "--yes" in refused.err
    assert [s["id"] for s in listed(cli)] == [keep, gone]
    result = ok(cli("session", "delete", gone[:6], "--yes"))
    assert result.out == f"deleted session {gone}\n"
    assert [s["id"] for s in listed(cli)] == [keep]
    again = cli("session", "delete", gone, "--yes")
    assert again.code == 2 and "there is no session" in again.err
