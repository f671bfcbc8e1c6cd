"""`export`, `import` and `review` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from recovery_journal.errors import InvalidInput
from recovery_journal.service.review import load_review

EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}


@pytest.fixture
def demo(cli):
    result = cli("--db", str(cli.db), "demo", "--days", "60", "--seed", "3", "--no-tui")
    assert result.code == 0, result.err
    return cli


def _days(cli) -> int:
    return len(cli("show", "--format", "json").json())


def _opened_databases(monkeypatch) -> list[str]:
    """Every SQLite file the code connects to from now on (a read leaves the bytes and the
    modification time as they were: only this shows that a file was never opened)."""
    import sqlite3

    opened: list[str] = []
    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):
        opened.append(str(database))
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    return opened


@pytest.mark.parametrize("fmt", ["html", "md", "json", "csv"])
def test_export_each_format_to_stdout_and_to_a_private_file(demo, tmp_path, fmt):
    out = demo("export", "--format", fmt, **EPOCH)
    assert out.code == 0, out.err
    assert out.out.strip()
    target = tmp_path / f"report.{fmt}"
    written = demo("export", "--format", fmt, "-o", str(target), **EPOCH)
    assert written.code == 0, written.err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes().decode("utf-8") == out.out
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_csv_zip_has_the_three_files_and_a_readme(demo, tmp_path):
    target = tmp_path / "data.zip"
    assert demo("export", "--format", "csv", "-o", str(target)).code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == [
            "README.txt",
            "assessments.csv",
            "days.csv",
            "sessions.csv",
        ]
        assert "Nothing was left out." in archive.read("README.txt").decode("utf-8")
        days = list(csv.DictReader(io.StringIO(archive.read("days.csv").decode("utf-8"))))
        sessions = list(csv.DictReader(io.StringIO(archive.read("sessions.csv").decode())))
        assessments = list(csv.DictReader(io.StringIO(archive.read("assessments.csv").decode())))
    assert len(days) == _days(demo)
    assert len({row["date"] for row in days}) == len(days)
    assert len(sessions) == len(demo("session", "list", "--format", "json").json())
    assert len(assessments) == len(demo("assess", "list", "--format", "json").json())
    assert "meditation" in days[0] and "aftercare_no_driving" in sessions[0]


def test_export_is_byte_identical_with_source_date_epoch(demo, tmp_path):
    for fmt in ("html", "md", "json"):
        assert (
            demo("export", "--format", fmt, **EPOCH).out
            == demo("export", "--format", fmt, **EPOCH).out
        )
    one, two = tmp_path / "1.zip", tmp_path / "2.zip"
    demo("export", "--format", "csv", "-o", str(one), **EPOCH)
    demo("export", "--format", "csv", "-o", str(two), **EPOCH)
    assert one.read_bytes() == two.read_bytes()


def test_import_dry_run_skip_replace_and_twice(demo, cli, tmp_path):
    exported = tmp_path / "export.json"
    assert demo("export", "--format", "json", "-o", str(exported)).code == 0
    other = tmp_path / "other.db"
    env = {"RECOVERY_JOURNAL_DB": str(other)}
    assert cli("log", "--date", "2026-11-20", "--mood", "1", "--note", "mine", **env).code == 0
    before = other.read_bytes()

    dry = cli("import", str(exported), "--dry-run", **env)
    assert dry.code == 0, dry.err
    assert "Dry run" in dry.out and "would have added" in dry.out
    assert other.read_bytes() == before

    first = cli("import", str(exported), **env)
    assert first.code == 0, first.err
    assert "skipped 1 day" in first.out
    day = cli("show", "--date", "2026-11-20", "--format", "json", **env).json()[0]
    assert day["note"] == "mine"

    replaced = cli("import", str(exported), "--on-conflict", "replace", **env)
    assert "replaced 1 day" in replaced.out
    day = cli("show", "--date", "2026-11-20", "--format", "json", **env).json()[0]
    assert day["note"] != "mine"

    settled = other.read_bytes()
    again = cli("import", str(exported), "--on-conflict", "replace", **env)
    assert again.code == 0
    assert again.out.startswith("Added nothing; replaced nothing; skipped nothing")
    assert other.read_bytes() == settled
    mine = json.loads(cli("export", "--format", "json", **env).out)
    theirs = json.loads(exported.read_text())
    mine.pop("exported_at"), theirs.pop("exported_at")
    assert mine == theirs


def test_a_bad_row_or_a_bad_file_is_exit_2_and_writes_nothing(demo, cli, tmp_path):
    exported = tmp_path / "export.json"
    demo("export", "--format", "json", "-o", str(exported))
    data = json.loads(exported.read_text())
    data["days"][3]["mood"] = 42
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    other = tmp_path / "other.db"
    env = {"RECOVERY_JOURNAL_DB": str(other)}
    cli("log", "--mood", "5", **env)
    before = other.read_bytes()
    result = cli("import", str(bad), **env)
    assert result.code == 2
    assert result.err.startswith("error: ") and "days[3].mood" in result.err
    assert "Traceback" not in result.err
    assert other.read_bytes() == before
    garbage = tmp_path / "garbage.json"
    garbage.write_text("not json at all", encoding="utf-8")
    result = cli("import", str(garbage), **env)
    assert result.code == 2 and "not valid JSON" in result.err
    assert other.read_bytes() == before


def test_export_refuses_a_bad_range(demo):
    result = demo("export", "--since", "2026-11-20", "--until", "2026-11-01")
    assert result.code == 2 and result.err.startswith("error: ")


def test_review_loads_the_file_read_only_and_never_touches_the_own_journal(
    demo, clock, tmp_path, monkeypatch
):
    import recovery_journal.tui.factory as tui_factory
    from recovery_journal.cli import main

    exported = tmp_path / "export.json"
    demo("export", "--format", "json", "-o", str(exported))
    own = demo.db.read_bytes()
    own_stat = os.stat(demo.db)
    sent = exported.read_bytes()
    seen: dict[str, object] = {}

    def fake_run_app(journal, clock, review_of=None, **_):
        seen.update(path=journal.path, read_only=journal.read_only, days=len(journal.days()))
        with pytest.raises(InvalidInput, match="read-only"):
            journal.put_days([journal.days()[0]])
        return None  # no failure

    monkeypatch.setattr(tui_factory, "run_app", fake_run_app)
    monkeypatch.setenv("RECOVERY_JOURNAL_NOW", "2026-11-27T09:30:00+01:00")
    opened = _opened_databases(monkeypatch)
    # The real command, with the user's own journal named: review must not open it.
    assert main(["--db", str(demo.db), "review", str(exported)]) == 0
    assert opened and not [name for name in opened if str(demo.db) in name]
    assert seen == {"path": None, "read_only": True, "days": _days(demo)}
    assert demo.db.read_bytes() == own
    assert os.stat(demo.db).st_mtime_ns == own_stat.st_mtime_ns
    assert exported.read_bytes() == sent


def test_review_of_a_bad_file_is_exit_2(cli, tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{}", encoding="utf-8")
    result = cli("review", str(path))
    assert result.code == 2 and "not a recovery-journal export" in result.err
    assert not cli.db.exists()


async def test_review_shows_read_only_in_the_app(demo, clock, tmp_path):
    from recovery_journal.tui.factory import create_app

    exported = tmp_path / "export.json"
    demo("export", "--format", "json", "-o", str(exported))
    journal = load_review(exported, clock)
    try:
        app = create_app(journal, clock, review_of=Path(exported))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert "read-only" in app.sub_title
    finally:
        journal.close()


def test_a_dry_run_creates_no_journal(demo, tmp_path):
    exported = tmp_path / "export.json"
    assert demo("export", "--format", "json", "-o", str(exported)).code == 0
    elsewhere = tmp_path / "new" / "journal.db"
    result = demo("--db", str(elsewhere), "import", str(exported), "--dry-run")
    assert result.code == 0 and "Dry run" in result.out
    assert not elsewhere.exists() and not elsewhere.parent.exists()


def test_a_text_redacted_file_never_clears_or_renames_your_own_habits(cli, tmp_path):
    assert cli("habits", "add", "learning", "--label", "Learning", "--kind", "minutes").code == 0
    assert cli("log", "--mood", "6", "--meditation", "10", "--habit", "learning=25").code == 0
    redacted = tmp_path / "redacted.json"
    assert cli("export", "--format", "json", "--redact", "text", "-o", str(redacted)).code == 0
    assert cli("log", "--meditation", "15").code == 0  # the journal moves on

    result = cli("import", str(redacted), "--on-conflict", "replace")
    assert result.code == 0, result.err
    [day] = cli("show", "--format", "json").json()
    assert day["habits"] == {"meditation": 10, "learning": 25}  # file's value; own habit kept
    keys = [h["key"] for h in cli("habits", "list", "--format", "json").json()]
    assert "learning" in keys and not any(k.startswith("custom_habit") for k in keys)

    empty = tmp_path / "empty.db"
    assert cli("--db", str(empty), "import", str(redacted)).code == 0
    keys = [h["key"] for h in cli("--db", str(empty), "habits", "list", "--format", "json").json()]
    assert "custom_habit_1" in keys  # into an empty journal (as for review) it comes as it is


def test_a_bad_item_in_a_json_file_is_named_by_its_line(demo, tmp_path):
    exported = tmp_path / "export.json"
    assert demo("export", "--format", "json", "-o", str(exported)).code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["days"][2]["note"] = 'a note with ] and } and "quotes" [inside]'
    data["days"][3]["mood"] = 11
    text = json.dumps(data, indent=2, ensure_ascii=False)
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    start = next(
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() == f'"date": "{data["days"][3]["date"]}",'
    )
    result = demo("import", str(bad))
    assert result.code == 2
    assert result.err.startswith(f"error: line {start - 1}: days[3].mood")


def test_export_label_goes_into_the_json_and_a_bad_one_is_refused(demo, tmp_path):
    labelled = demo("export", "--format", "json", "--label", " Alex R. ", **EPOCH)
    assert labelled.code == 0, labelled.err
    assert json.loads(labelled.out)["label"] == "Alex R."
    plain = demo("export", "--format", "json", **EPOCH)
    assert "label" not in json.loads(plain.out)  # no key without the flag
    bad = demo("export", "--format", "json", "--label", "two\nlines", "-o", str(tmp_path / "x"))
    assert bad.code == 2 and bad.err.startswith("error: --label")
    assert not (tmp_path / "x").exists()


def test_review_of_several_files_opens_a_caseload_and_writes_nothing(demo, tmp_path, monkeypatch):
    import recovery_journal.tui.factory as tui_factory
    from recovery_journal.cli import main

    first, second = tmp_path / "a.json", tmp_path / "b.json"
    demo("export", "--format", "json", "--label", "Alex R.", "-o", str(first))
    demo("export", "--format", "json", "--redact", "notes", "-o", str(second))
    broken = tmp_path / "c.json"
    broken.write_text("{nope", encoding="utf-8")
    before = {p: p.read_bytes() for p in (first, second, broken, demo.db)}
    seen: list[object] = []

    def fake_run_app(journal, clock, review_of=None, crash_folder=None, caseload=None):
        seen.append([(f.row.title, f.row.error is None and f.clock.today()) for f in caseload])
        return None

    monkeypatch.setattr(tui_factory, "run_app", fake_run_app)
    monkeypatch.setenv("RECOVERY_JOURNAL_NOW", "2027-02-03T09:30:00+01:00")
    opened = _opened_databases(monkeypatch)
    assert main(["--db", str(demo.db), "review", str(first), str(second), str(broken)]) == 0
    assert opened and not [name for name in opened if str(demo.db) in name]
    last = max(day["date"] for day in demo("show", "--format", "json").json())
    from datetime import date

    end = date.fromisoformat(last)
    # Each readable file on its own clock (its last date), not the machine's 2027.
    assert seen == [[("Alex R.", end), ("b.json", end), ("c.json", False)]]
    # A folder stands for its .json files.
    assert main(["--db", str(demo.db), "review", str(tmp_path)]) == 0
    assert [title for title, _ in seen[1]] == ["Alex R.", "b.json", "c.json"]
    assert {p: p.read_bytes() for p in before} == before


def test_review_of_an_empty_folder_is_exit_2(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    result = cli("review", str(tmp_path / "empty"))
    assert result.code == 2 and result.err.startswith("error: no .json or .rjx export files")


@pytest.mark.parametrize("level", ["notes", "text"])
def test_a_redacted_csv_says_what_was_left_out(demo, tmp_path, level):
    target = tmp_path / "data.zip"
    assert demo("export", "--format", "csv", "--redact", level, "-o", str(target)).code == 0
    with zipfile.ZipFile(target) as archive:
        readme = archive.read("README.txt").decode("utf-8")
        days = list(csv.DictReader(io.StringIO(archive.read("days.csv").decode("utf-8"))))
        sessions = list(csv.DictReader(io.StringIO(archive.read("sessions.csv").decode())))
    assert f"Redaction: {level}" in readme and "day notes" in readme
    assert {row["note"] for row in days} == {"left out"}
    assert {row["intention"] for row in sessions} == {"left out"}
    assert {row["insights"] for row in sessions} == {"left out"}
    if level == "text":
        assert {row["tags"] for row in days} == {"left out"}
        assert {row["provider"] for row in sessions} == {"left out"}
        assert "custom_habit_1" in readme
    else:
        assert any(row["tags"] not in ("", "left out") for row in days)
    single = demo("export", "--format", "csv", "--redact", level)
    assert single.code == 0
    rows = list(csv.DictReader(io.StringIO(single.out)))
    assert {row["note"] for row in rows} == {"left out"}


def test_a_ranged_csv_readme_names_the_sessions_before(demo, tmp_path):
    sessions = demo("session", "list", "--format", "json").json()
    middle = sessions[len(sessions) // 2]["at"][:10]
    target = tmp_path / "data.zip"
    assert demo("export", "--format", "csv", "--since", middle, "-o", str(target)).code == 0
    with zipfile.ZipFile(target) as archive:
        readme = archive.read("README.txt").decode("utf-8")
        numbers = [
            int(row["number"])
            for row in csv.DictReader(io.StringIO(archive.read("sessions.csv").decode()))
        ]
    before = sum(1 for s in sessions if s["at"][:10] < middle)
    assert f"Before this range: {before} sessions" in readme
    assert numbers[0] == before + 1
