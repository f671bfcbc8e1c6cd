"""The export file is lossless: export → import into an empty journal → export is the same."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_journal import assessments as questionnaires
from recovery_journal.clock import FixedClock
from recovery_journal.demo import build_demo
from recovery_journal.errors import InvalidInput
from recovery_journal.importers.json_import import import_json, parse_export, read_export
from recovery_journal.importers.merge import merge_into
from recovery_journal.model import Assessment, Day, Habit, Session
from recovery_journal.report import export
from recovery_journal.store import Journal
from report_fixtures import fill_small


def _without_time(text: str) -> dict:
    data = json.loads(text)
    data.pop("exported_at")
    return data


def _round_trip(source: Journal, clock: FixedClock, tmp_path: Path) -> tuple[str, str]:
    first = export(source, "json")
    assert isinstance(first, str)
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")
    with Journal.open(":memory:", clock) as target:
        report = import_json(target, path)
        assert report.total("skipped") == 0
        second = export(target, "json")
    assert isinstance(second, str)
    return first, second


def test_demo_journal_round_trip_is_lossless(memory_journal, clock, tmp_path):
    build_demo(memory_journal, days=90, seed=1)
    first, second = _round_trip(memory_journal, clock, tmp_path)
    assert _without_time(first) == _without_time(second)
    assert len(json.loads(first)["days"]) > 80


def test_export_file_shape(memory_journal):
    fill_small(memory_journal)
    data = json.loads(export(memory_journal, "json"))  # type: ignore[arg-type]
    assert list(data) == [
        "format",
        "version",
        "exported_at",
        "range",
        "context",
        "redaction",
        "crisis_country",
        "habits",
        "days",
        "sessions",
        "assessments",
        "appointments",
        "plans",
    ]
    assert data["format"] == "recovery-journal" and data["version"] == 1
    assert data["range"] == {"since": "2026-11-01", "until": "2026-11-10"}
    assert data["days"][1]["note"] == "Day 1  note\r\nline two  "
    assert data["assessments"][0]["item9_positive"] is True
    assert {"key", "label", "kind", "target", "archived", "built_in"} == set(data["habits"][0])


def test_same_source_date_epoch_gives_identical_bytes(memory_journal, monkeypatch):
    fill_small(memory_journal)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    one = export(memory_journal, "json")
    two = export(memory_journal, "json")
    assert one == two
    assert json.loads(one)["exported_at"] == datetime.fromtimestamp(1790000000, UTC).isoformat()


def test_importing_twice_changes_nothing_the_second_time(memory_journal, clock, tmp_path):
    fill_small(memory_journal)
    path = tmp_path / "e.json"
    path.write_text(export(memory_journal, "json"), encoding="utf-8")  # type: ignore[arg-type]
    with Journal.open(":memory:", clock) as target:
        first = import_json(target, path)
        assert first.count("days", "added") == 10
        assert first.count("sessions", "added") == 2
        assert first.count("assessments", "added") == 3
        before = export(target, "json")
        second = import_json(target, path, on_conflict="replace")
        assert not second.changed
        assert second.count("days", "unchanged") == 10
        assert export(target, "json") == before


def test_skip_keeps_the_journal_and_replace_takes_the_file(memory_journal, clock, tmp_path):
    fill_small(memory_journal)
    path = tmp_path / "e.json"
    path.write_text(export(memory_journal, "json"), encoding="utf-8")  # type: ignore[arg-type]
    with Journal.open(":memory:", clock) as target:
        target.put_days([Day(date(2026, 11, 2), mood=10, note="mine")])
        skipped = import_json(target, path)
        assert skipped.count("days", "skipped") == 1
        assert target.day(date(2026, 11, 2)).note == "mine"  # type: ignore[union-attr]
        replaced = import_json(target, path, on_conflict="replace")
        assert replaced.count("days", "replaced") == 1
        assert target.day(date(2026, 11, 2)).note == "Day 1  note\r\nline two  "  # type: ignore[union-attr]


def test_a_redacted_export_never_clears_what_it_lacks(memory_journal, clock, tmp_path):
    fill_small(memory_journal)
    path = tmp_path / "r.json"
    path.write_text(export(memory_journal, "json", redact="notes"), encoding="utf-8")  # type: ignore[arg-type]
    assert "note" not in json.loads(path.read_text())["days"][0]
    before = export(memory_journal, "json")
    report = import_json(memory_journal, path, on_conflict="replace")
    assert not report.changed
    assert export(memory_journal, "json") == before


def test_dry_run_writes_nothing(memory_journal, clock, tmp_path):
    fill_small(memory_journal)
    path = tmp_path / "e.json"
    path.write_text(export(memory_journal, "json"), encoding="utf-8")  # type: ignore[arg-type]
    with Journal.open(":memory:", clock) as target:
        report = import_json(target, path, dry_run=True)
        assert report.count("days", "added") == 10
        assert "would" in report.summary()
        assert target.is_empty()


def test_existing_habit_keeps_its_label_unless_replace(memory_journal, clock):
    memory_journal.add_habit(Habit("hydration", "Water", "done"))
    incoming = [Habit("hydration", "Hydration", "done")]
    report = merge_into(memory_journal, days=[], habits=incoming)
    assert report.count("habits", "skipped") == 1
    assert memory_journal.habit("hydration").label == "Water"  # type: ignore[union-attr]
    merge_into(memory_journal, days=[], habits=incoming, on_conflict="replace")
    assert memory_journal.habit("hydration").label == "Hydration"  # type: ignore[union-attr]


def test_all_or_nothing_when_one_item_is_bad(memory_journal):
    good = Day(date(2026, 11, 1), mood=5)
    bad = Day(date(2026, 11, 2), mood=5, habits={"nope": 1.0})
    with pytest.raises(InvalidInput, match="nope"):
        merge_into(memory_journal, days=[good, bad])
    assert memory_journal.is_empty()


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["days"][1].__setitem__("mood", 11), "days[1].mood"),
        (lambda d: d["days"][0].__setitem__("date", "2026-13-01"), "days[0].date"),
        (lambda d: d["sessions"][0].__setitem__("kind", "snorted"), "sessions[0].kind"),
        (lambda d: d["assessments"][1].__setitem__("answers", [1, 2]), "assessments[1].answers"),
        (lambda d: d["habits"][0].__setitem__("kind", "weird"), "habits[0].kind"),
        (lambda d: d.__setitem__("version", 99), "newer version"),
        (lambda d: d.__setitem__("format", "other"), "not a recovery-journal export"),
    ],
)
def test_a_bad_file_names_what_is_wrong(memory_journal, change, where):
    fill_small(memory_journal)
    data = json.loads(export(memory_journal, "json"))  # type: ignore[arg-type]
    change(data)
    with pytest.raises(InvalidInput) as error:
        parse_export(data)
    assert where in str(error.value)


def test_not_json_is_reported_with_its_line(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"format": "recovery-journal",\n oops}', encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 2"):
        read_export(path)


# ---------------------------------------------------------------- hypothesis

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
).map(lambda s: s) | st.sampled_from(
    ["line\r\nnext  ", "🙂 emoji 🌊", "שלום עולם مرحبا", "  trailing  ", "a\rb\nc"]
)
TAG = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)


@st.composite
def journals(draw):
    n = draw(st.integers(0, 12))
    start = date(2026, 1, 1)
    offsets = sorted(draw(st.sets(st.integers(0, 300), min_size=n, max_size=n)))
    days = []
    for offset in offsets:
        days.append(
            Day(
                start + timedelta(days=offset),
                mood=draw(st.none() | st.integers(1, 10)),
                anxiety=draw(st.none() | st.integers(0, 10)),
                energy=draw(st.none() | st.integers(1, 10)),
                sleep_hours=draw(st.none() | st.integers(0, 240).map(lambda t: t / 10)),
                habits=draw(
                    st.fixed_dictionaries(
                        {},
                        optional={
                            "meditation": st.integers(0, 120).map(float),
                            "social": st.integers(0, 9).map(float),
                            "news_avoided": st.booleans(),
                            "custom_one": st.booleans(),
                        },
                    )
                ),
                tags=draw(st.lists(TAG, unique=True, max_size=3)),
                note=draw(st.none() | TEXT),
            )
        )
    sessions = []
    for i in range(draw(st.integers(0, 3))):
        sessions.append(
            Session(
                f"s{i}",
                datetime(2026, 2, 1 + i * 3, 10, 15, tzinfo=UTC) + timedelta(hours=1),
                draw(st.sampled_from(["iv_ketamine", "esketamine_nasal", "other"])),
                dose_mg=draw(st.none() | st.sampled_from([56.0, 84.0, 0.5])),
                provider=draw(st.none() | TEXT.filter(lambda t: t != "")),
                mood_before=draw(st.none() | st.integers(1, 10)),
                mood_after=draw(st.none() | st.integers(1, 10)),
                dissociation=draw(st.none() | st.integers(0, 10)),
                bp_before=draw(st.none() | st.just("128/82")),
                side_effects=draw(st.lists(st.sampled_from(["nausea", "tingly"]), unique=True)),
                aftercare=draw(
                    st.dictionaries(st.sampled_from(["no_driving", "light_meal"]), st.booleans())
                ),
                intention=draw(st.none() | TEXT),
                insights=draw(st.none() | TEXT),
            )
        )
    assessments = []
    for i in range(draw(st.integers(0, 3))):
        instrument = draw(st.sampled_from(["phq9", "gad7"]))
        answers = draw(
            st.lists(
                st.integers(0, 3),
                min_size=questionnaires.INSTRUMENTS[instrument],
                max_size=questionnaires.INSTRUMENTS[instrument],
            )
        )
        total, severity = questionnaires.score(instrument, answers)
        assessments.append(
            Assessment(f"a{i}", instrument, date(2026, 3, 1), answers, total, severity)
        )
    return days, sessions, assessments


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(journals())
def test_round_trip_of_generated_journals(clock, tmp_path, generated):
    days, sessions, assessments = generated
    with Journal.open(":memory:", clock) as source:
        merge_into(
            source,
            days=days,
            sessions=sessions,
            assessments=assessments,
            habits=[Habit("custom_one", "Custom “one” ✓", "done")],
        )
        first, second = _round_trip(source, clock, tmp_path)
    assert _without_time(first) == _without_time(second)
    exported = json.loads(first)
    for original, row in zip(days, exported["days"], strict=True):
        assert row["note"] == original.note
