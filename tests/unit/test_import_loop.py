"""Loop Habit Tracker: the CSV export (new and old, zip or folder) and the .db backup."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_journal.clock import FixedClock
from recovery_journal.errors import InvalidInput
from recovery_journal.importers import loop
from recovery_journal.importers.common import Options
from recovery_journal.store import Journal
from support import NOW

FIXTURES = Path(__file__).parent.parent / "fixtures" / "loop"
OPTIONS = Options(today=date(2026, 11, 27), progress=False)
CLOCK = FixedClock(datetime.fromisoformat(NOW))


def load(journal: Journal, path: Path, **kw):
    parsed = loop.read(path, OPTIONS)
    return loop.load(
        journal,
        parsed,
        on_conflict=kw.get("on_conflict", "skip"),
        dry_run=kw.get("dry_run", False),
        options=OPTIONS,
    )


def zipped(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target


def make_db(path: Path) -> Path:
    """A small Loop backup with Loop's own table and column names."""
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE Habits (id INTEGER PRIMARY KEY, archived INTEGER, color INTEGER,
            description TEXT, freq_den INTEGER, freq_num INTEGER, highlight INTEGER,
            name TEXT, position INTEGER, reminder_hour INTEGER, reminder_min INTEGER,
            reminder_days INTEGER, type INTEGER, target_type INTEGER, target_value REAL,
            unit TEXT, question TEXT, uuid TEXT);
        CREATE TABLE Repetitions (id INTEGER PRIMARY KEY, habit INTEGER, timestamp INTEGER,
            value INTEGER, notes TEXT);
        INSERT INTO Habits (id, archived, name, position, type, target_type, target_value, unit)
        VALUES (1, 0, 'Stretch', 0, 0, 0, 0, ''), (2, 1, 'Water', 1, 1, 0, 8, 'glasses');
        """
    )
    day = 86_400_000
    nov20 = (date(2026, 11, 20) - date(1970, 1, 1)).days * day
    conn.executemany(
        "INSERT INTO Repetitions (habit, timestamp, value, notes) VALUES (?, ?, ?, ?)",
        [
            (1, nov20, 2, "before work"),
            (1, nov20 + day, 0, ""),
            (1, nov20 + 2 * day, 3, None),
            (2, nov20, 6000, None),
            (2, nov20 + day, -1, None),
        ],
    )
    conn.commit()
    conn.close()
    return path


def test_new_csv_folder_habits_values_and_notes(journal: Journal) -> None:
    result = load(journal, FIXTURES / "new")
    habits = {h.key: h for h in journal.habits()}
    assert (habits["meditate"].kind, habits["meditate"].label) == ("done", "Meditate")
    assert (habits["running"].kind, habits["running"].target) == ("count", 5)
    assert habits["reading_time"].kind == "minutes" and habits["reading_time"].archived
    assert journal.day(date(2026, 11, 22)).habits == {"meditate": True, "running": 6}
    assert journal.day(date(2026, 11, 22)).note == (
        "[Loop · Meditate] Ten minutes on the balcony\n\n[Loop · Running] Easy run, legs tired"
    )
    assert journal.day(date(2026, 11, 21)).habits == {"meditate": False, "reading_time": 45}
    assert journal.day(date(2026, 11, 20)).habits == {"running": 3}  # YES_AUTO: not logged
    assert journal.day(date(2026, 11, 19)) is None  # SKIP: not logged
    assert journal.day(date(2026, 11, 18)).habits == {"running": 0}  # UNKNOWN; NO of a number
    summary = result.summary()
    assert "Rounded to whole numbers (count habits take whole numbers): Running (1)." in summary
    assert "YES_AUTO, SKIP or UNKNOWN, which stay not logged (3)" in summary
    assert not load(journal, FIXTURES / "new").changed


def test_the_zip_reads_as_its_folder(journal: Journal, tmp_path: Path) -> None:
    archive = zipped(FIXTURES / "new", tmp_path / "Loop Habits CSV 2026-11-27.zip")
    result = load(journal, archive)
    assert result.count("days", "added") == 5 and result.count("habits", "added") == 3


def test_old_headerless_checkmarks(journal: Journal) -> None:
    load(journal, FIXTURES / "old")
    assert {h.key: h.kind for h in journal.habits() if not h.built_in} == {
        "meditate": "done",
        "pushups": "count",
    }
    assert journal.day(date(2026, 11, 22)).habits == {"meditate": True, "pushups": 20}
    assert journal.day(date(2026, 11, 21)).habits == {"meditate": False, "pushups": 0}
    assert journal.day(date(2026, 11, 20)).habits == {"pushups": 15}


def test_wide_file_with_entry_cells_and_a_name_with_a_comma(journal: Journal) -> None:
    load(journal, FIXTURES / "wide")
    assert {h.key: h.label for h in journal.habits() if not h.built_in} == {
        "walk_dog": "Walk, dog",
        "journal": "Journal",
    }
    assert journal.day(date(2026, 11, 22)).habits == {"walk_dog": True, "journal": False}
    assert journal.day(date(2026, 11, 21)).habits == {"walk_dog": False, "journal": True}


def test_db_backup_is_read_and_never_written(journal: Journal, tmp_path: Path) -> None:
    (tmp_path / "phone").mkdir()
    db = make_db(tmp_path / "phone" / "Loop Habits Backup.db")
    before = hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns
    result = load(journal, db)
    assert (hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns) == before
    assert [p.name for p in db.parent.iterdir()] == ["Loop Habits Backup.db"]  # no -wal, -shm
    habits = {h.key: h for h in journal.habits()}
    assert habits["stretch"].kind == "done"
    assert habits["water"].kind == "count" and habits["water"].archived
    assert habits["water"].target == 8
    nov20 = journal.day(date(2026, 11, 20))
    assert nov20.habits == {"stretch": True, "water": 6}
    assert nov20.note == "[Loop · Stretch] before work"
    assert journal.day(date(2026, 11, 21)).habits == {"stretch": False}
    assert journal.day(date(2026, 11, 22)) is None
    assert "Read 5 checkmarks (2 days)" in result.summary()


def test_a_name_that_clashes_with_a_habit_of_another_kind_gets_its_own_key(
    journal: Journal, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    shutil.copytree(FIXTURES / "old", folder)
    (folder / "Habits.csv").write_text(
        "Position,Name,Question,Description,NumRepetitions,Interval,Color\n"
        "001,Exercise,,,1,1,#FF8F00\n002,Pushups,,,1,1,#388E3C\n",
        encoding="utf-8",
    )
    load(journal, folder)
    assert {h.key: h.kind for h in journal.habits()}["exercise_done"] == "done"
    assert journal.day(date(2026, 11, 22)).habits["exercise_done"] is True
    assert not load(journal, folder).changed  # the same key the second time


def test_a_bad_value_names_the_file_and_line(journal: Journal, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(FIXTURES / "new", folder)
    path = folder / "001 Meditate" / "Checkmarks.csv"
    path.write_text(path.read_text(encoding="utf-8") + "2026-11-10,MAYBE,\n", encoding="utf-8")
    with pytest.raises(
        InvalidInput, match=r"^001 Meditate/Checkmarks.csv line 8: 'MAYBE' is not one of"
    ):
        load(journal, folder)
    assert journal.days() == [] and all(h.built_in for h in journal.habits())


def test_a_file_that_is_not_a_loop_export(tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    with pytest.raises(InvalidInput, match="is not a Loop export"):
        loop.read(other, OPTIONS)
    assert not loop.looks_like(other)


def test_habit_keys() -> None:
    assert loop.habit_key("Read 20 pages") == "read_20_pages"
    assert loop.habit_key("Café") == "cafe"
    assert loop.habit_key("10k steps") == "loop_10k_steps"
    assert loop.habit_key("Лекарства").startswith("loop_")
    assert loop.habit_key("Лекарства") == loop.habit_key("Лекарства")
    assert loop.habit_key("note").startswith("loop_")  # a check-in field's name


def _clean(members: dict[str, bytes]) -> None:
    try:
        parsed = loop._read_csv_files("x.zip", members.__getitem__, list(members), OPTIONS)
        with Journal.open(":memory:", CLOCK) as journal:
            loop.load(journal, parsed, on_conflict="skip", dry_run=False, options=OPTIONS)
    except InvalidInput as error:
        assert str(error) and "\n" not in str(error)


_cell = st.one_of(
    st.sampled_from(
        [
            "",
            "2026-11-20",
            "2099-01-01",
            "YES_MANUAL",
            "NO",
            "SKIP",
            "2",
            "-1",
            "99999999",
            "5500",
            "Entry(timestamp=1, value=2)",
            "NUMERICAL",
            "true",
            "minutes",
            "\x00",
        ]
    ),
    st.text(max_size=6),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=200),
    st.lists(st.lists(_cell, min_size=1, max_size=4), max_size=5),
    st.booleans(),
)
def test_fuzz_clean_import_or_clean_error(data: bytes, rows: list[list[str]], wide: bool) -> None:
    text = "\n".join(",".join(row) for row in rows).encode("utf-8")
    habits = b"Position,Name,Type,Unit,Archived?\n001,A,NUMERICAL,minutes,false\n"
    _clean({"Habits.csv": habits, "001 A/Checkmarks.csv": data})
    _clean({"Habits.csv": habits, "001 A/Checkmarks.csv": b"Date,Value,Notes\n" + text})
    name = "Checkmarks.csv" if wide else "002 B/Checkmarks.csv"
    _clean({"Habits.csv": text, name: b"Date,A,\n" + text})
