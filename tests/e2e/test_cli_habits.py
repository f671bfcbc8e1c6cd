"""`habits list|add|edit|archive|restore` as a user runs them (PRODUCT.md §2, §3, §4)."""

from __future__ import annotations

from typing import Any

HABIT_KEYS = {"key", "label", "kind", "target", "archived", "built_in"}
BUILT_IN = [
    {
        "key": "meditation",
        "label": "Meditation",
        "kind": "minutes",
        "target": 10,
        "archived": False,
        "built_in": True,
    },
    {
        "key": "exercise",
        "label": "Exercise",
        "kind": "minutes",
        "target": 20,
        "archived": False,
        "built_in": True,
    },
    {
        "key": "social",
        "label": "Social contact",
        "kind": "count",
        "target": 1,
        "archived": False,
        "built_in": True,
    },
    {
        "key": "news_avoided",
        "label": "Avoided the news",
        "kind": "avoided",
        "target": None,
        "archived": False,
        "built_in": True,
    },
    {
        "key": "social_media_avoided",
        "label": "Avoided social media",
        "kind": "avoided",
        "target": None,
        "archived": False,
        "built_in": True,
    },
]


def ok(result: Any) -> Any:
    assert result.code == 0, result.err
    assert result.err == ""
    return result


def habits(cli: Any) -> list[dict[str, Any]]:
    listed = ok(cli("habits", "list", "--format", "json")).json()
    for habit in listed:
        assert set(habit) == HABIT_KEYS
        assert isinstance(habit["key"], str) and isinstance(habit["label"], str)
        assert habit["kind"] in ("minutes", "count", "done", "avoided")
        assert habit["target"] is None or type(habit["target"]) in (int, float)
        assert type(habit["archived"]) is bool and type(habit["built_in"]) is bool
    return listed


def test_a_new_journal_has_the_built_in_habits(cli: Any) -> None:
    assert habits(cli) == BUILT_IN


def test_add_edit_archive_and_restore(cli: Any) -> None:
    assert (
        ok(cli("habits", "add", "therapy", "--label", "Therapy session", "--kind", "done")).out
        == "added habit therapy\n"
    )
    ok(
        cli(
            "habits",
            "add",
            "reading",
            "--label",
            " Reading ",
            "--kind",
            "minutes",
            "--target",
            "15",
        )
    )
    ok(
        cli(
            "habits",
            "add",
            "water",
            "--label",
            "Glasses of water",
            "--kind",
            "count",
            "--target",
            "8",
        )
    )
    ok(cli("habits", "add", "no_alcohol", "--label", "No alcohol", "--kind", "avoided"))
    assert habits(cli)[5:] == [
        {
            "key": "therapy",
            "label": "Therapy session",
            "kind": "done",
            "target": None,
            "archived": False,
            "built_in": False,
        },
        {
            "key": "reading",
            "label": "Reading",
            "kind": "minutes",
            "target": 15,
            "archived": False,
            "built_in": False,
        },
        {
            "key": "water",
            "label": "Glasses of water",
            "kind": "count",
            "target": 8,
            "archived": False,
            "built_in": False,
        },
        {
            "key": "no_alcohol",
            "label": "No alcohol",
            "kind": "avoided",
            "target": None,
            "archived": False,
            "built_in": False,
        },
    ]

    ok(cli("habits", "edit", "reading", "--label", "Reading for fun", "--target", "22.5"))
    ok(cli("habits", "edit", "meditation", "--target", "none"))
    ok(cli("habits", "edit", "water", "--label", "Water"))
    by_key = {h["key"]: h for h in habits(cli)}
    assert (by_key["reading"]["label"], by_key["reading"]["target"]) == ("Reading for fun", 22.5)
    assert by_key["meditation"]["target"] is None
    assert by_key["meditation"]["label"] == "Meditation"
    assert (by_key["water"]["label"], by_key["water"]["target"]) == ("Water", 8)

    result = ok(cli("habits", "archive", "therapy"))
    assert "archived" in result.out
    assert {h["key"]: h["archived"] for h in habits(cli)}["therapy"] is True
    ok(cli("habits", "restore", "therapy"))
    assert {h["key"]: h["archived"] for h in habits(cli)}["therapy"] is False


def test_archiving_keeps_past_values(cli: Any) -> None:
    ok(cli("habits", "add", "therapy", "--label", "Therapy", "--kind", "done"))
    ok(
        cli(
            "log",
            "--date",
            "yesterday",
            "--mood",
            "6",
            "--habit",
            "therapy=yes",
            "--meditation",
            "10",
        )
    )
    ok(cli("habits", "archive", "therapy"))
    ok(cli("habits", "archive", "meditation"))
    days = ok(cli("show", "--format", "json")).json()
    assert days[0]["habits"] == {"meditation": 10, "therapy": True}
    csv_header = ok(cli("show", "--format", "csv")).out.splitlines()[0]
    assert "therapy" in csv_header.split(",")
    table = ok(cli("habits", "list")).out
    assert [line.split()[0] for line in table.splitlines()[1:]] == [
        "meditation",
        "exercise",
        "social",
        "news_avoided",
        "social_media_avoided",
        "therapy",
    ]
    therapy_row = table.splitlines()[-1]
    assert "archived" in therapy_row and "yours" in therapy_row


def test_habits_table(cli: Any) -> None:
    lines = ok(cli("habits", "list")).out.splitlines()
    assert lines[0].split() == ["key", "label", "kind", "target", "status", "origin"]
    assert lines[1].split() == [
        "meditation",
        "Meditation",
        "minutes",
        "10",
        "active",
        "built",
        "in",
    ]
    assert len(lines) == 6
