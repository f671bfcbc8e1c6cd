"""`insights` and `chart` as a user runs them (PRODUCT.md §3, §5). The clock is fixed at
2026-11-27."""

from __future__ import annotations

from typing import Any

import pytest

INSIGHTS_KEYS = [
    "since",
    "until",
    "window_days",
    "mood",
    "response_curve",
    "window_adherence",
    "associations",
    "sessions",
    "integration",
]
ASSOCIATION_KEYS = [
    "name",
    "type",
    "lag_days",
    "mean_with",
    "mean_without",
    "difference",
    "n_with",
    "n_without",
]


def ok(result: Any) -> Any:
    assert result.code == 0, result.err
    assert result.err == ""
    return result


def refused(result: Any) -> str:
    """Exit 2, nothing on stdout, one `error:` line on stderr."""
    assert result.code == 2, (result.out, result.err)
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.err
    assert "Traceback" not in result.err
    return lines[0]


@pytest.fixture
def demo(cli: Any) -> Any:
    ok(cli("--db", str(cli.db), "demo", "--days", "120", "--seed", "3", "--no-tui"))
    return cli


def small_journal(cli: Any) -> Any:
    """Ten days in November: exercise on five (moods 8,7,8,6,7), zero minutes on five
    (4,5,5,6,3); one session on the 12th."""
    for n, mood in enumerate([8, 7, 8, 6, 7], start=1):
        ok(cli("log", "--date", f"2026-11-{n:02d}", "--mood", str(mood), "--exercise", "30"))
    for n, mood in enumerate([4, 5, 5, 6, 3], start=11):
        ok(
            cli(
                "log",
                "--date",
                f"2026-11-{n:02d}",
                "--mood",
                str(mood),
                "--exercise",
                "0",
                "--tag",
                "work",
            )
        )
    ok(cli("log", "--date", "2026-11-20", "--note", "Quiet day."))
    ok(
        cli(
            "session",
            "add",
            "--at",
            "2026-11-12 10:00",
            "--kind",
            "iv_ketamine",
            "--mood-before",
            "4",
            "--mood-after",
            "7",
        )
    )
    return cli


# ---------------------------------------------------------------- insights


def test_insights_json_has_the_shape_of_the_spec(demo: Any) -> None:
    result = ok(demo("insights", "--format", "json")).json()
    assert list(result) == INSIGHTS_KEYS
    shown = ok(demo("show", "--format", "json")).json()
    sessions = ok(demo("session", "list", "--format", "json")).json()
    first = min(shown[0]["date"], sessions[0]["at"][:10])
    last = max(shown[-1]["date"], sessions[-1]["at"][:10])
    assert (result["since"], result["until"]) == (first, last)
    assert result["until"] <= "2026-11-27"
    assert result["window_days"] == 3
    assert list(result["mood"]) == ["days_logged", "mean", "baseline_mean"]
    assert result["mood"]["days_logged"] == sum(1 for d in shown if d["mood"] is not None)
    for point in result["response_curve"]:
        assert list(point) == ["day", "mean_mood", "n"]
        assert 0 <= point["day"] <= 14 and point["n"] >= 1
        assert point["mean_mood"] == round(point["mean_mood"], 2)
    for row in result["window_adherence"]:
        assert list(row) == ["habit", "in_window", "n_in_window", "outside", "n_outside"]
    assert result["associations"], "the demo journal has enough data for some rows"
    for row in result["associations"]:
        assert list(row) == ASSOCIATION_KEYS
        assert row["type"] in ("habit", "tag") and row["lag_days"] in (0, 1)
        assert row["n_with"] >= 5 and row["n_without"] >= 5
    assert [s["id"] for s in result["sessions"]] == [s["id"] for s in sessions]
    for row in result["sessions"]:
        assert list(row) == [
            "id",
            "date",
            "number",
            "mood_before",
            "mood_after",
            "mood_on_day",
            "moods_after",
            "baseline_mood",
            "days_above_baseline",
        ]


def test_insights_json_of_a_small_journal_by_hand(cli: Any) -> None:
    small_journal(cli)
    result = ok(cli("insights", "--format", "json", "--window-days", "2")).json()
    assert (result["since"], result["until"]) == ("2026-11-01", "2026-11-20")
    assert result["window_days"] == 2
    assert result["mood"] == {"days_logged": 10, "mean": 5.9, "baseline_mean": 6.67}
    assert result["response_curve"][:2] == [
        {"day": 0, "mean_mood": 5.0, "n": 1},
        {"day": 1, "mean_mood": 5.0, "n": 1},
    ]
    exercise = [r for r in result["window_adherence"] if r["habit"] == "exercise"]
    assert exercise == [
        {"habit": "exercise", "in_window": 0.0, "n_in_window": 2, "outside": 0.0, "n_outside": 2}
    ]
    same_day = [r for r in result["associations"] if r["lag_days"] == 0]
    assert same_day == [
        {
            "name": "exercise",
            "type": "habit",
            "lag_days": 0,
            "mean_with": 7.2,
            "mean_without": 4.6,
            "difference": 2.6,
            "n_with": 5,
            "n_without": 5,
        },
        {
            "name": "work",
            "type": "tag",
            "lag_days": 0,
            "mean_with": 4.6,
            "mean_without": 7.2,
            "difference": -2.6,
            "n_with": 5,
            "n_without": 5,
        },
    ]
    [session] = result["sessions"]
    assert (session["date"], session["mood_before"], session["mood_after"]) == (
        "2026-11-12",
        4,
        7,
    )


def test_insights_range_flags_are_the_range_used(demo: Any) -> None:
    result = ok(
        demo("insights", "--since", "2026-10-01", "--until", "yesterday", "--format", "json")
    ).json()
    assert (result["since"], result["until"]) == ("2026-10-01", "2026-11-26")
    assert all("2026-10-01" <= s["date"] <= "2026-11-26" for s in result["sessions"])


def test_insights_text_is_plain_and_careful(cli: Any) -> None:
    small_journal(cli)
    text = " ".join(ok(cli("insights")).out.split())  # wrapped lines joined
    assert (
        "On days you exercised, your mood averaged 7.2 (5 days) against 4.6 (5 days) on "
        "days you didn't." in text
    )
    assert "association, not proof of cause" in text
    assert "not enough data yet" in text  # e.g. meditation, never logged
    assert "{" not in text


def test_insights_on_an_empty_journal_is_kind(cli: Any) -> None:
    text = ok(cli("insights")).out
    assert "Nothing is logged yet" in text
    result = ok(cli("insights", "--format", "json")).json()
    assert result["since"] is None and result["mood"]["days_logged"] == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--window-days", "0"], "--window-days"),
        (["--window-days", "three"], "--window-days"),
        (["--window-days", "-2"], "--window-days"),
        (["--since", "2026-11-20", "--until", "2026-11-01"], "after"),
        (["--since", "2026-12-01"], "future"),
        (["--until", "2027-01-01"], "future"),
        (["--since", "last week"], "not a date"),
        (["--format", "xml"], "invalid choice"),
    ],
)
def test_insights_bad_input_exits_2(cli: Any, args: list[str], words: str) -> None:
    line = refused(cli("insights", *args))
    assert words in line


# ---------------------------------------------------------------- chart


@pytest.mark.parametrize("kind", ["mood", "habits", "response", "phq9", "gad7"])
def test_chart_to_a_pipe_is_plain_and_fits_the_width(demo: Any, kind: str) -> None:
    result = ok(demo("chart", kind, "--width", "60", "--height", "15"))
    assert "\x1b" not in result.out
    lines = result.out.rstrip("\n").split("\n")
    assert 5 <= len(lines) <= 15
    assert all(len(line) <= 60 for line in lines), result.out


def test_chart_default_size_on_a_pipe_is_80_by_20(demo: Any) -> None:
    result = ok(demo("chart", "mood"))
    lines = result.out.rstrip("\n").split("\n")
    assert len(lines) <= 20 and max(len(line) for line in lines) <= 80
    assert max(len(line) for line in lines) > 60


def test_chart_mood_marks_sessions_and_takes_a_range(demo: Any) -> None:
    out = ok(demo("chart", "mood", "--since", "2026-10-01", "--width", "120")).out
    assert "Mood, 2026-10-01 to 2026-11-27" in out
    assert "#" in out and "┆" in out


def test_chart_mood_with_phq9(demo: Any) -> None:
    out = ok(demo("chart", "mood", "--with-phq9", "--width", "100")).out
    assert "PHQ-9" in out


def test_chart_of_an_empty_journal_is_a_kind_message(cli: Any) -> None:
    out = ok(cli("chart", "mood", "--width", "40")).out
    assert "No moods logged" in " ".join(out.split())
    assert all(len(line) <= 40 for line in out.splitlines())


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["mood", "--width", "5"], "--width"),
        (["mood", "--width", "wide"], "--width"),
        (["mood", "--height", "0"], "--height"),
        (["mood", "--since", "2026-11-28"], "future"),
        (["mood", "--since", "2026-11-02", "--until", "2026-11-01"], "after"),
        (["habits", "--with-phq9"], "mood chart only"),
        (["sleep"], "invalid choice"),
        ([], "kind"),
    ],
)
def test_chart_bad_input_exits_2(cli: Any, args: list[str], words: str) -> None:
    line = refused(cli("chart", *args))
    assert words in line


def test_bad_input_leaves_no_journal_behind(cli: Any) -> None:
    refused(cli("insights", "--window-days", "0"))
    refused(cli("chart", "mood", "--width", "1"))
    assert not cli.db.exists()
