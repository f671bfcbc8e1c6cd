"""jrnl's JSON export: entries → the day's note with time and title; tags without @."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_journal.clock import FixedClock
from recovery_journal.errors import InvalidInput
from recovery_journal.importers import jrnl
from recovery_journal.importers.common import Options
from recovery_journal.store import Journal
from support import NOW

FIXTURE = Path(__file__).parent.parent / "fixtures" / "jrnl" / "journal.json"
OPTIONS = Options(today=date(2026, 11, 27), progress=False)
CLOCK = FixedClock(datetime.fromisoformat(NOW))


def load(journal: Journal, path: Path = FIXTURE, **kw):
    parsed = jrnl.read(path, OPTIONS)
    return jrnl.load(
        journal,
        parsed,
        on_conflict=kw.get("on_conflict", "skip"),
        dry_run=kw.get("dry_run", False),
        options=OPTIONS,
    )


def test_entries_become_notes_in_time_order_with_tags(journal: Journal) -> None:
    result = load(journal)
    summary = result.summary()
    assert "Read 3 entries (2 days) from journal.json." in summary
    assert "stars, which the journal has no place for (the entries are kept) (1)" in summary
    day = journal.day(date(2026, 11, 20))
    assert day is not None
    assert day.note == (
        "[09:00] Early standup.\n\n"
        "[18:30] Second session done.\nFelt floaty for an hour, then calm.\nDrove home with Sam."
    )
    assert day.tags == ["work", "therapy"]
    assert journal.day(date(2026, 11, 22)).note == "[20:15] Quiet day at @work.\nNothing much."
    assert day.mood is None
    assert not load(journal).changed


def test_an_empty_jrnl_export_is_recognised_as_jrnl(tmp_path: Path) -> None:
    """`jrnl --format json` of a journal with no entries yet: still jrnl's shape, not a
    recovery-journal export with a wrong "format"."""
    from recovery_journal.importers import registry

    empty = tmp_path / "journal.json"
    empty.write_text(json.dumps({"tags": {}, "entries": []}, indent=2), encoding="utf-8")
    assert registry.detect(empty).name == "jrnl"
    assert registry.detect(FIXTURE).name == "jrnl"


def test_a_bad_date_names_the_line_of_the_entry(journal: Journal, tmp_path: Path) -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["entries"][2]["date"] = "2026-02-30"
    bad = tmp_path / "bad.json"
    text = json.dumps(data, indent=2)
    bad.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "Quiet day" in t) - 1
    with pytest.raises(InvalidInput) as error:
        load(journal, bad)
    assert str(error.value).startswith(f"line {line}: entries[2]: \"date\" '2026-02-30'")
    assert journal.days() == []


def _clean(text: str) -> None:
    try:
        parsed = jrnl.parse(text, OPTIONS)
        with Journal.open(":memory:", CLOCK) as journal:
            jrnl.load(journal, parsed, on_conflict="skip", dry_run=False, options=OPTIONS)
    except InvalidInput as error:
        assert str(error) and "\n" not in str(error)


_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1, 3),
    st.text(max_size=8),
    st.sampled_from(["2026-11-01", "2099-01-01", "25:00", "09:00", "@x", "\x00"]),
    st.lists(st.sampled_from(["@a", "@", "b", 3]), max_size=3),
)
_entry = st.dictionaries(
    st.sampled_from(["title", "body", "date", "time", "tags", "starred"]), _value, max_size=6
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200), st.lists(_entry, max_size=4))
def test_fuzz_clean_import_or_clean_error(data: bytes, entries: list) -> None:
    _clean(data.decode("utf-8", errors="replace"))
    _clean(json.dumps({"tags": {}, "entries": entries}))
