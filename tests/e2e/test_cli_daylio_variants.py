"""`import PATH --format daylio` on Daylio files as they really are (issue 16)."""

from __future__ import annotations

import shlex
from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures" / "daylio"


def daylio(cli, name: str | Path, *flags: str):
    return cli("import", str(FIXTURES / name), "--format", "daylio", *flags)


def show(cli) -> dict[str, dict]:
    result = cli("show", "--format", "json")
    assert result.code == 0, result.err
    return {day["date"]: day for day in result.json()}


def assert_clean_error(result, *words: str) -> None:
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("error: ")
    assert result.err.count("\n") == 1, result.err
    for word in words:
        assert word in result.err, result.err


def test_oldest_polish_export(cli) -> None:
    result = daylio(cli, "oldest_pl.csv", "--mood-map", "dobrze=7,tak sobie=5,źle=3")
    assert result.code == 0, result.err
    assert "Read 3 entries (2 days) from oldest_pl.csv." in result.out
    days = show(cli)
    assert {d: day["mood"] for d, day in days.items()} == {"2019-02-28": 3, "2019-09-07": 6}
    assert days["2019-09-07"]["note"] == "[21:40] Długi spacer, potem herbata"


def test_header_less_file(cli) -> None:
    result = daylio(cli, "headerless.csv")
    assert result.code == 0, result.err
    assert "no header row" in result.out
    assert show(cli)["2026-11-20"]["note"] == "[9:40 pm · Evening] Called Sam, then a film."


def test_scales_become_habits_and_fields_and_reimport_changes_nothing(cli) -> None:
    flags = ("--scale-map", "Sleep Time=sleep,Stress=anxiety")
    result = daylio(cli, "scales.csv", *flags)
    assert result.code == 0, result.err
    assert "Sleep Quality → a new count habit sleep_quality" in result.out
    assert "Sleep Time → sleep (hours)" in result.out
    assert "Left out: the scale 'Weather'" in result.out
    assert "Added 3 days, 1 habit;" in result.out
    day = show(cli)["2026-11-20"]
    assert (day["sleep_hours"], day["anxiety"], day["habits"]) == (7.5, 4, {"sleep_quality": 8})
    habits = cli("habits", "list", "--format", "json").json()
    assert {"key": "sleep_quality", "label": "Sleep Quality", "kind": "count"}.items() <= next(
        h for h in habits if h["key"] == "sleep_quality"
    ).items()
    before = cli("show", "--format", "json").out
    again = daylio(cli, "scales.csv", *flags)
    assert again.code == 0, again.err
    assert "Added nothing; replaced nothing; skipped nothing; 3 already the same." in again.out
    assert cli("show", "--format", "json").out == before


def test_a_dry_run_with_scales_writes_no_habit(cli) -> None:
    assert cli("log", "--mood", "5").code == 0
    habits = cli("habits", "list", "--format", "json").out
    result = daylio(cli, "scales.csv", "--dry-run")
    assert result.code == 0, result.err
    assert "would have added 3 days, 3 habits" in result.out
    assert cli("habits", "list", "--format", "json").out == habits
    assert list(show(cli)) == ["2026-11-27"]


def test_scale_map_to_an_unknown_habit_changes_nothing(cli) -> None:
    assert_clean_error(daylio(cli, "scales.csv", "--scale-map", "Sleep Time=nap"), "'nap'")
    assert not cli.db.exists()


def test_html_notes(cli) -> None:
    assert daylio(cli, "html_notes.csv").code == 0
    assert show(cli)["2026-11-19"]["note"] == "[9:00 pm] - tea\n- rain\nCafé é 🌿"


def test_unknown_labels_then_the_printed_mapping_then_a_file(cli) -> None:
    failed = daylio(cli, "comma_moods.csv")
    assert_clean_error(failed, "'vaguely ok, but uncertain'", "--mood-map-file")
    assert not cli.db.exists()
    ready = failed.err.split("--mood-map ", 1)[1].split(" (or put", 1)[0]
    [mapping] = shlex.split(ready)
    result = daylio(cli, "comma_moods.csv", "--mood-map", mapping.replace("=N", "=6"))
    assert result.code == 0, result.err
    assert "Sub-moods read as their base mood: Good [-] → good, rad [+] → rad." in result.out
    assert show(cli)["2026-11-19"]["mood"] == 6
    replaced = daylio(
        cli,
        "comma_moods.csv",
        "--mood-map-file",
        str(FIXTURES / "moods.txt"),
        "--on-conflict",
        "replace",
    )
    assert replaced.code == 0, replaced.err
    assert "replaced 2 days" in replaced.out  # tired = flat 6 → 4, say "what" 6 → 5
    assert show(cli)["2026-11-19"]["mood"] == 4


def test_a_bad_row_in_a_crcrlf_file_names_the_editors_line(cli, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        b"full_date,date,weekday,time,mood,activities,note_title,note\r\r\n"
        b'2026-11-20,,,9:00,good,,,"two\r\r\nlines"\r\r\n'
        b"2026-11-19,,,25:00,good,,,\r\r\n"
    )
    assert_clean_error(daylio(cli, path), "line 4: the time '25:00'")
    assert not cli.db.exists()


def test_daylio_flags_with_a_json_file_are_refused(cli, tmp_path: Path) -> None:
    result = cli(
        "import", str(tmp_path / "x.json"), "--scale-map", "Sleep=sleep", "--format", "json"
    )
    assert_clean_error(result, "--scale-map", "--format daylio")
