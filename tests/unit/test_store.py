"""The journal store on real SQLite files and in memory: what is saved stays saved."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from recovery_journal.clock import FixedClock
from recovery_journal.errors import InvalidInput, JournalUnusable
from recovery_journal.model import Day, Habit, Session
from recovery_journal.store import DayChanges, Journal
from recovery_journal.store.schema import SCHEMA_VERSION, TABLES

D = date(2026, 11, 20)
PLUS_ONE = datetime.fromisoformat("2026-11-27T09:30:00+01:00").tzinfo


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a folder (recursively) and its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def log(journal: Journal, day: date = D, **fields: object) -> Day:
    return journal.update_day(day, DayChanges(fields=dict(fields)))


def session(at: str = "2026-11-20 10:00", sid: str = "", **fields: object) -> Session:
    moment = datetime.fromisoformat(at).replace(tzinfo=PLUS_ONE)
    return Session(id=sid, at=moment, kind="iv_ketamine", **fields)  # type: ignore[arg-type]


# ---------------------------------------------------------------- days


def test_log_changes_only_the_given_fields(journal: Journal) -> None:
    journal.update_day(
        D,
        DayChanges(
            fields={"mood": 6, "anxiety": 4, "energy": 5, "sleep_hours": 7.5, "note": "first"},
            habits={"meditation": 20.0, "news_avoided": True},
            add_tags=["therapy", "nature"],
        ),
    )
    journal.update_day(D, DayChanges(fields={"mood": 8}))
    day = journal.day(D)
    assert day == Day(
        D, 8, 4, 5, 7.5, {"meditation": 20.0, "news_avoided": True}, ["therapy", "nature"], "first"
    )

    journal.update_day(D, DayChanges(habits={"exercise": 30.0}, add_tags=["family"]))
    day = journal.day(D)
    assert day is not None
    assert (day.mood, day.anxiety, day.energy, day.sleep_hours, day.note) == (8, 4, 5, 7.5, "first")
    assert day.habits == {"meditation": 20.0, "exercise": 30.0, "news_avoided": True}
    assert day.tags == ["therapy", "nature", "family"]


def test_clearing_and_untagging_touch_only_what_is_named(journal: Journal) -> None:
    journal.update_day(
        D,
        DayChanges(
            fields={"mood": 6, "note": "keep me"},
            habits={"meditation": 10.0, "exercise": 5.0},
            add_tags=["a", "b", "c"],
        ),
    )
    journal.update_day(
        D, DayChanges(fields={"mood": None}, habits={"meditation": None}, remove_tags=["b"])
    )
    day = journal.day(D)
    assert day is not None
    assert day.mood is None
    assert day.note == "keep me"
    assert day.habits == {"exercise": 5.0}
    assert day.tags == ["a", "c"]
    journal.update_day(D, DayChanges(add_tags=["d", "a"]))
    assert journal.day(D).tags == ["a", "c", "d"]  # type: ignore[union-attr]


def test_tags_keep_the_order_they_were_added_in(journal: Journal) -> None:
    journal.update_day(D, DayChanges(add_tags=["a", "b", "c"]))
    journal.update_day(D, DayChanges(remove_tags=["b"]))
    journal.update_day(D, DayChanges(add_tags=["aa"]))
    assert journal.day(D).tags == ["a", "c", "aa"]  # type: ignore[union-attr]
    journal.update_day(D, DayChanges(remove_tags=["a"], add_tags=["0"]))
    assert journal.day(D).tags == ["c", "aa", "0"]  # type: ignore[union-attr]


def test_other_days_are_not_touched(journal: Journal) -> None:
    log(journal, D, mood=5, note="the 20th")
    log(journal, D + timedelta(days=1), mood=7)
    assert journal.day(D) == Day(D, 5, note="the 20th")
    assert [d.date for d in journal.days()] == [D, D + timedelta(days=1)]


def test_append_note_adds_a_paragraph(journal: Journal) -> None:
    journal.update_day(D, DayChanges(append_note="morning"))
    journal.update_day(D, DayChanges(append_note="evening\r\n"))
    assert journal.day(D).note == "morning\n\nevening\r\n"  # type: ignore[union-attr]


def test_nothing_to_change_is_refused(journal: Journal) -> None:
    with pytest.raises(InvalidInput, match="nothing to change"):
        journal.update_day(D, DayChanges())
    assert journal.day(D) is None


def test_a_failed_update_changes_nothing(journal: Journal, journal_path: Path) -> None:
    log(journal, D, mood=5, note="x" * 99_999)
    before = journal.day(D)
    with pytest.raises(InvalidInput, match="the limit is 100,000"):
        journal.update_day(D, DayChanges(fields={"mood": 9}, append_note="more words"))
    with pytest.raises(InvalidInput, match="there is no habit 'nope'"):
        journal.update_day(D, DayChanges(fields={"mood": 9}, habits={"nope": 1.0}))
    with pytest.raises(InvalidInput, match="not a field of a day"):
        journal.update_day(D, DayChanges(fields={"mood": 9, "weather": "rain"}))
    assert journal.day(D) == before
    assert not journal.conn.in_transaction


def test_a_saved_day_is_there_after_closing_and_reopening(
    journal_path: Path, clock: FixedClock
) -> None:
    note = "Walked by the river.\r\nTrailing spaces   \n\n🙂 שלום — مرحبا\u202e\t"
    with Journal.open(journal_path, clock) as journal:
        journal.add_habit(Habit("hydration", "Hydration", "done"))
        journal.add_habit(Habit("reading", "Reading", "minutes", 15))
        journal.update_day(
            D,
            DayChanges(
                fields={"mood": 7, "anxiety": 0, "energy": 10, "sleep_hours": 7.5, "note": note},
                habits={
                    "meditation": 12.5,
                    "exercise": 0.0,
                    "social": 2.0,
                    "news_avoided": True,
                    "social_media_avoided": False,
                    "hydration": False,
                    "reading": 45.0,
                },
                add_tags=["therapy", "movies-tv", "café"],
            ),
        )
    with Journal.open(journal_path, clock) as journal:
        day = journal.day(D)
    assert day is not None
    assert day.note == note
    assert (day.mood, day.anxiety, day.energy, day.sleep_hours) == (7, 0, 10, 7.5)
    assert day.habits == {
        "meditation": 12.5,
        "exercise": 0.0,
        "social": 2.0,
        "news_avoided": True,
        "social_media_avoided": False,
        "hydration": False,
        "reading": 45.0,
    }
    assert type(day.habits["news_avoided"]) is bool
    assert type(day.habits["hydration"]) is bool
    assert day.tags == ["therapy", "movies-tv", "café"]


def test_a_note_of_100000_characters_round_trips(journal: Journal) -> None:
    note = ("a\r\n🙂 " * 25_000)[:100_000]
    log(journal, D, note=note)
    assert journal.day(D).note == note  # type: ignore[union-attr]


def test_put_days_replaces_the_whole_day(journal: Journal) -> None:
    journal.update_day(
        D, DayChanges(fields={"mood": 3, "note": "old"}, habits={"social": 1.0}, add_tags=["x"])
    )
    journal.put_days([Day(D, mood=8, habits={"exercise": 30.0}, tags=["y", "z"])])
    assert journal.day(D) == Day(D, 8, None, None, None, {"exercise": 30.0}, ["y", "z"], None)


def test_days_in_a_range_oldest_first(journal: Journal) -> None:
    for offset in (5, 1, 3):
        log(journal, D - timedelta(days=offset), mood=offset)
    assert [d.mood for d in journal.days()] == [5, 3, 1]
    assert [d.mood for d in journal.days(D - timedelta(days=4), D)] == [3, 1]
    assert [d.mood for d in journal.days(None, D - timedelta(days=3))] == [5, 3]
    assert journal.days(D, D) == []


# ---------------------------------------------------------------- habits


def test_built_in_habits_come_with_a_new_journal(memory_journal: Journal) -> None:
    assert [h.key for h in memory_journal.habits()] == [
        "meditation",
        "exercise",
        "social",
        "news_avoided",
        "social_media_avoided",
    ]
    assert all(h.built_in for h in memory_journal.habits())
    assert memory_journal.is_empty()


def test_habits_are_added_edited_and_refused_twice(memory_journal: Journal) -> None:
    added = memory_journal.add_habit(Habit("therapy", "Therapy", "done"))
    assert added.position > 5 and not added.built_in
    assert not memory_journal.is_empty()
    with pytest.raises(InvalidInput, match="exists already"):
        memory_journal.add_habit(Habit("therapy", "Other", "count"))
    memory_journal.update_habit("meditation", label="Sitting", target=15.0)
    assert memory_journal.habit("meditation") == replace(
        memory_journal.habit("meditation"), label="Sitting", target=15.0
    )  # type: ignore[arg-type]
    assert memory_journal.habit("meditation").label == "Sitting"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="cannot change kind"):
        memory_journal.update_habit("meditation", kind="count")
    with pytest.raises(InvalidInput, match="there is no habit 'nope'"):
        memory_journal.update_habit("nope", label="x")


def test_archived_habits_keep_their_past_values(journal: Journal) -> None:
    journal.add_habit(Habit("hydration", "Hydration", "done"))
    journal.update_day(
        D, DayChanges(fields={"mood": 5}, habits={"hydration": True, "meditation": 10.0})
    )
    journal.update_habit("hydration", archived=True)
    journal.update_habit("meditation", archived=True)
    assert journal.day(D).habits == {"meditation": 10.0, "hydration": True}  # type: ignore[union-attr]
    active = [h.key for h in journal.habits(include_archived=False)]
    assert "hydration" not in active and "meditation" not in active
    assert journal.habit("hydration").archived  # type: ignore[union-attr]
    journal.update_habit("hydration", archived=False)
    assert not journal.habit("hydration").archived  # type: ignore[union-attr]
    assert journal.day(D).habits["hydration"] is True  # type: ignore[union-attr]


# ---------------------------------------------------------------- the file


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A process umask that would leave new files readable by others."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("loose_umask")
def test_files_are_owner_only(journal_path: Path, clock: FixedClock) -> None:
    with Journal.open(journal_path, clock) as journal:
        log(journal, D, mood=5)
        log(journal, D, mood=6)
        assert mode(journal_path.parent) == 0o700
        assert mode(journal_path) == 0o600
        for suffix in ("-wal", "-shm"):
            side = Path(f"{journal_path}{suffix}")
            assert side.exists(), f"{side.name} should exist while the journal is open"
            assert mode(side) == 0o600
        backups = journal_path.parent / "backups"
        assert mode(backups) == 0o700
        assert [mode(p) for p in backups.iterdir()] == [0o600]
    assert mode(journal_path) == 0o600


def test_an_existing_journal_with_loose_modes_is_tightened(
    journal_path: Path, clock: FixedClock
) -> None:
    with Journal.open(journal_path, clock) as journal:
        log(journal, D, mood=5)
    os.chmod(journal_path, 0o644)
    with Journal.open(journal_path, clock):
        assert mode(journal_path) == 0o600


def test_connection_pragmas(journal: Journal) -> None:
    conn = journal.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_the_schema_version_is_in_the_file(journal_path: Path, clock: FixedClock) -> None:
    Journal.open(journal_path, clock).close()
    raw = sqlite3.connect(journal_path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    finally:
        raw.close()
    assert set(TABLES) <= names


def test_a_memory_journal_has_foreign_keys_and_the_schema(memory_journal: Journal) -> None:
    conn = memory_journal.conn
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    log(memory_journal, D, mood=4)
    assert memory_journal.day(D).mood == 4  # type: ignore[union-attr]


def test_two_open_copies_both_work(journal_path: Path, clock: FixedClock) -> None:
    with Journal.open(journal_path, clock) as first, Journal.open(journal_path, clock) as second:
        log(first, D, mood=3)
        second.update_day(D, DayChanges(habits={"exercise": 20.0}))
        log(first, D, note="from the first")
        assert second.day(D) == Day(D, 3, habits={"exercise": 20.0}, note="from the first")


def test_opening_a_missing_file_without_create_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nothing.db"
    with pytest.raises(JournalUnusable, match="there is no journal"):
        Journal.open(path, create=False)
    assert not path.exists()


def _refused_untouched(path: Path, clock: FixedClock, match: str) -> None:
    before = snapshot(path.parent)
    with pytest.raises(JournalUnusable, match=match) as caught:
        Journal.open(path, clock)
    assert "\n" not in str(caught.value)
    assert snapshot(path.parent) == before


def test_a_newer_journal_is_refused_unchanged(journal_path: Path, clock: FixedClock) -> None:
    with Journal.open(journal_path, clock) as journal:
        log(journal, D, mood=5)
    raw = sqlite3.connect(journal_path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    _refused_untouched(journal_path, clock, "written by a newer version.*please update the app")


def test_garbage_bytes_are_refused_untouched(journal_path: Path, clock: FixedClock) -> None:
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(bytes(range(256)) * 40)
    _refused_untouched(journal_path, clock, r"is damaged \(it is not an SQLite database\)")


def test_a_text_file_is_refused_untouched(journal_path: Path, clock: FixedClock) -> None:
    journal_path.parent.mkdir(parents=True)
    journal_path.write_text("Dear diary,\nthis is not a database.\n")
    _refused_untouched(journal_path, clock, "is damaged")


def test_a_zero_byte_file_is_refused_untouched(journal_path: Path, clock: FixedClock) -> None:
    journal_path.parent.mkdir(parents=True)
    journal_path.touch()
    _refused_untouched(journal_path, clock, r"is an empty file \(0 bytes\)")


def test_another_sqlite_database_is_refused_untouched(
    journal_path: Path, clock: FixedClock
) -> None:
    journal_path.parent.mkdir(parents=True)
    raw = sqlite3.connect(journal_path)
    raw.execute("CREATE TABLE recipes (name TEXT)")
    raw.execute("INSERT INTO recipes VALUES ('soup')")
    raw.commit()
    raw.close()
    _refused_untouched(journal_path, clock, "an SQLite database but not a recovery journal")


def test_another_sqlite_database_with_a_version_is_refused_untouched(
    journal_path: Path, clock: FixedClock
) -> None:
    # Many apps set PRAGMA user_version; a version alone does not make a file a journal.
    journal_path.parent.mkdir(parents=True)
    raw = sqlite3.connect(journal_path)
    raw.execute("CREATE TABLE recipes (name TEXT)")
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    raw.commit()
    raw.close()
    _refused_untouched(journal_path, clock, "not a recovery journal")


def test_a_truncated_journal_is_refused_and_left_as_it_is(
    journal_path: Path, clock: FixedClock
) -> None:
    with Journal.open(journal_path, clock) as journal:
        for offset in range(30):
            log(journal, D - timedelta(days=offset), mood=5, note="words " * 300)
    data = journal_path.read_bytes()
    journal_path.write_bytes(data[:4096])
    shutil.rmtree(journal_path.parent / "backups")
    before = snapshot(journal_path.parent)
    with (
        pytest.raises(JournalUnusable, match="damaged"),
        Journal.open(journal_path, clock) as journal,
    ):
        log(journal, D, mood=9)
    assert snapshot(journal_path.parent) == before


def test_a_damaged_journal_names_the_newest_good_backup(
    journal_path: Path, clock: FixedClock
) -> None:
    with Journal.open(journal_path, clock) as journal:
        log(journal, D, mood=5)
        log(journal, D, mood=6)  # the daily backup is taken before this write
    backup = journal_path.parent / "backups" / "journal-2026-11-27.db"
    assert backup.exists()
    journal_path.write_bytes(b"\x00" * 8192)
    with pytest.raises(JournalUnusable, match=f"the newest good backup is {backup}"):
        Journal.open(journal_path, clock)


# ---------------------------------------------------------------- daily backups


def _backup_mood(path: Path) -> int | None:
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = raw.execute("SELECT mood FROM days WHERE date = ?", (D.isoformat(),)).fetchone()
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        raw.close()
    return row[0] if row else None


def test_the_daily_backup_is_taken_before_the_first_write_once_data_exists(
    journal_path: Path, clock: FixedClock
) -> None:
    backups = journal_path.parent / "backups"
    today = backups / "journal-2026-11-27.db"
    with Journal.open(journal_path, clock) as journal:
        log(journal, D, mood=3)  # nothing to back up yet
        assert not today.exists()
        log(journal, D, mood=4)
        assert today.exists()
        assert _backup_mood(today) == 3  # the state before the day's first write
        log(journal, D, mood=5)
        assert _backup_mood(today) == 3  # once a day
        clock.moment += timedelta(days=1)
        log(journal, D, mood=6)
    tomorrow = backups / "journal-2026-11-28.db"
    assert _backup_mood(tomorrow) == 5
    assert sorted(p.name for p in backups.iterdir()) == [today.name, tomorrow.name]


def test_reading_takes_no_backup(journal_path: Path, clock: FixedClock) -> None:
    with Journal.open(journal_path, clock) as journal:
        log(journal, D, mood=3)
    clock.moment += timedelta(days=1)
    with Journal.open(journal_path, clock) as journal:
        journal.days()
        journal.sessions()
    assert not (journal_path.parent / "backups").exists()


def test_daily_backups_rotate_to_the_last_seven(journal_path: Path, clock: FixedClock) -> None:
    backups = journal_path.parent / "backups"
    with Journal.open(journal_path, clock) as journal:
        log(journal, D, mood=3)
        backups.mkdir(mode=0o700)
        for offset in range(1, 11):
            old = backups / f"journal-{date(2026, 11, 27) - timedelta(days=offset)}.db"
            old.write_bytes(b"old")
        keep = backups / "journal-before-restore-2026-11-01-101010.db"
        keep.write_bytes(b"not a daily one")
        log(journal, D, mood=4)
    names = sorted(p.name for p in backups.iterdir())
    assert names == [
        "journal-2026-11-21.db",
        "journal-2026-11-22.db",
        "journal-2026-11-23.db",
        "journal-2026-11-24.db",
        "journal-2026-11-25.db",
        "journal-2026-11-26.db",
        "journal-2026-11-27.db",
        keep.name,
    ]


# ---------------------------------------------------------------- sessions


def test_sessions_are_added_listed_edited_and_deleted(journal: Journal) -> None:
    first = journal.add_session(
        session(
            "2026-11-20 10:00",
            dose_mg=35.0,
            provider="Riverside",
            mood_before=3,
            mood_after=6,
            dissociation=4,
            bp_before="128/82",
            bp_after="140/90",
            side_effects=["nausea", "dry-mouth"],
            aftercare={"no_driving": True, "light_meal": False},
            intention="Stay curious.\r\n",
            insights="Calm  \n",
        )
    )
    assert len(first.id) == 36
    second = journal.add_session(session("2026-11-13 09:00"))
    assert [s.id for s in journal.sessions()] == [second.id, first.id]  # oldest first
    loaded = journal.session(first.id)
    assert loaded == first
    assert loaded.at.isoformat() == "2026-11-20T10:00:00+01:00"

    journal.update_session(
        first.id, lambda s: replace(s, mood_after=7, aftercare={"no_driving": True})
    )
    edited = journal.session(first.id)
    assert edited.mood_after == 7 and edited.aftercare == {"no_driving": True}
    assert edited.insights == "Calm  \n" and edited.side_effects == ["nausea", "dry-mouth"]

    deleted = journal.delete_session(first.id[:6])
    assert deleted.id == first.id
    assert [s.id for s in journal.sessions()] == [second.id]
    with pytest.raises(InvalidInput, match="there is no session"):
        journal.session(first.id)


def test_sessions_survive_reopening(journal_path: Path, clock: FixedClock) -> None:
    with Journal.open(journal_path, clock) as journal:
        saved = journal.add_session(session(side_effects=["headache"], aftercare={"rest": True}))
    with Journal.open(journal_path, clock) as journal:
        assert journal.sessions() == [saved]


def test_session_ids_by_unique_prefix(memory_journal: Journal) -> None:
    a = memory_journal.add_session(session(sid="abcd1111-0000"))
    b = memory_journal.add_session(session(sid="abcd2222-0000"))
    assert memory_journal.session("abcd1").id == a.id
    assert memory_journal.session("abcd2").id == b.id
    assert memory_journal.session("abcd2222-0000").id == b.id
    with pytest.raises(InvalidInput, match="matches more than one session"):
        memory_journal.session("abcd")
    with pytest.raises(InvalidInput, match="there is no session 'abc'"):
        memory_journal.session("abc")  # fewer than 4 characters is never a prefix
    with pytest.raises(InvalidInput, match="there is no session"):
        memory_journal.session("zzzz")
    with pytest.raises(InvalidInput, match="exists already"):
        memory_journal.add_session(session(sid="abcd1111-0000"))
    with pytest.raises(InvalidInput, match="there is no session"):
        memory_journal.update_session("missing-0000", lambda s: s)
    assert len(memory_journal.sessions()) == 2


# ---------------------------------------------------------------- summary


def test_data_range_spans_days_sessions_and_questionnaires(memory_journal: Journal) -> None:
    from recovery_journal.model import Assessment

    assert memory_journal.data_range() is None
    log(memory_journal, date(2026, 11, 10), mood=5)
    assert memory_journal.data_range() == (date(2026, 11, 10), date(2026, 11, 10))
    memory_journal.add_session(session("2026-11-02 10:00"))
    log(memory_journal, date(2026, 11, 12), mood=5)
    assert memory_journal.data_range() == (date(2026, 11, 2), date(2026, 11, 12))
    memory_journal.add_assessment(
        Assessment("q1", "phq9", date(2026, 11, 15), [0] * 9, 0, "minimal")
    )
    assert memory_journal.data_range() == (date(2026, 11, 2), date(2026, 11, 15))
    assert memory_journal.counts() == {
        "days": 2,
        "sessions": 1,
        "assessments": 1,
        "appointments": 0,
        "plans": 0,
    }


def test_a_questionnaire_without_an_id_gets_one(memory_journal: Journal) -> None:
    from recovery_journal.model import Assessment

    added = memory_journal.add_assessment(
        Assessment("", "gad7", date(2026, 11, 15), [1] * 7, 7, "mild")
    )
    assert len(added.id) == 36
    assert memory_journal.assessments() == [added]
