"""The therapist's Overview, the Caseload rows and the file's own clock, as plain data."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from recovery_journal.caseload import caseload_row, error_row, export_files, ordered
from recovery_journal.model import Assessment, Day, Session
from recovery_journal.overview import (
    NOBODY_MONITORS,
    about_the_patient,
    build_overview,
    file_lines,
    flag_lines,
    half_up,
    since_lines,
)
from recovery_journal.review_file import ExportInfo, info_from_object, range_text, review_clock

END = date(2026, 11, 27)
ZONE = datetime.fromisoformat("2026-11-27T09:30:00+01:00").tzinfo


def info(redaction: str = "none", label: str | None = None) -> ExportInfo:
    return ExportInfo(
        name="alex.json",
        label=label,
        exported_at=datetime(2026, 11, 27, 9, 30, tzinfo=ZONE),
        since=date(2026, 10, 1),
        until=END,
        redaction=redaction,
    )


def session(day: date, n: int, **aftercare: bool) -> Session:
    return Session(
        id=f"s{n}",
        at=datetime(day.year, day.month, day.day, 10, 0, tzinfo=ZONE),
        kind="esketamine_nasal",
        aftercare=aftercare,
    )


def phq9(day: date, item9: int, total_rest: int = 8, n: int = 0) -> Assessment:
    answers = [1] * 8 + [item9]
    answers[0] = total_rest - 7
    total = sum(answers)
    from recovery_journal.assessments import severity

    return Assessment(
        id=f"p{day}{n}",
        instrument="phq9",
        date=day,
        answers=answers,
        total=total,
        severity=severity("phq9", total),
    )


def days(first: date, last: date, mood: int, note: str | None = None) -> list[Day]:
    out = []
    day = first
    while day <= last:
        out.append(Day(day, mood=mood, note=note))
        day += timedelta(days=1)
    return out


def test_item9_answers_come_newest_first_with_nobody_monitors() -> None:
    scores = [phq9(date(2026, 10, 2), 1), phq9(date(2026, 11, 20), 0), phq9(date(2026, 11, 25), 2)]
    overview = build_overview(info(), [], [], scores, END)
    lines = flag_lines(overview)
    assert lines[0].startswith("Wed 25 Nov 2026: item 9 answered 2 of 3")
    assert "More than half the days" in lines[0]
    assert lines[1].startswith("Fri 02 Oct 2026")
    assert lines[-1] == NOBODY_MONITORS and "Nobody monitors this journal" in lines[-1]
    assert len(lines) == 3  # the 0 answer is not flagged


def test_no_flag_no_flag_lines() -> None:
    assert flag_lines(build_overview(info(), [], [], [phq9(END, 0)], END)) == []


def test_since_the_last_session_block() -> None:
    last = date(2026, 11, 20)
    sessions = [
        session(date(2026, 11, 1), 1, no_driving=True),
        session(last, 2, no_driving=False, light_meal=False, rest_hydration=True),
    ]
    journal_days = days(last - timedelta(days=14), last - timedelta(days=1), 4) + days(
        last, END, 7, note="a note"
    )
    scores = [phq9(date(2026, 11, 6), 0, total_rest=15), phq9(date(2026, 11, 26), 0, 9)]
    lines = since_lines(build_overview(info(), journal_days, sessions, scores, END))
    text = "\n".join(lines)
    assert lines[0] == "Last session: #2, Fri 20 Nov 2026 (7 days before the file's end)."
    assert "Mood since: 7.0 (8 days logged); the two weeks before it: 4.0 (14 days logged)" in text
    assert "(!) Drove after the session" in text
    assert "After-care: missed: light meal; 4 of 7 items not logged." in text
    assert "PHQ-9: 9 of 27, mild (26 Nov); before: 15, moderately severe (06 Nov) · −6" in text
    assert "Notes since: 8 days with a note" in text


def test_after_care_with_nothing_recorded_reads_not_logged() -> None:
    lines = since_lines(build_overview(info(), [], [session(END, 1)], [], END))
    assert "After-care: not logged." in lines
    assert not any("Drove" in line for line in lines)


def test_a_redacted_file_says_so_and_counts_no_notes() -> None:
    overview = build_overview(info("notes"), [], [session(END, 1)], [], END)
    assert "Notes since: left out of this file." in since_lines(overview)
    assert file_lines(overview)[1].startswith("Notes left out")
    text = build_overview(info("text", label="Alex R."), [], [], [], END)
    assert file_lines(text)[0] == (
        "Alex R. (alex.json) · 01 Oct – 27 Nov 2026 · exported Fri 27 Nov 2026 09:30"
    )
    assert file_lines(text)[1].startswith("Numbers only")


def test_without_sessions_the_last_two_weeks_are_compared() -> None:
    journal_days = days(END - timedelta(days=27), END - timedelta(days=14), 3) + days(
        END - timedelta(days=13), END, 6
    )
    lines = since_lines(build_overview(info(), journal_days, [], [], END))
    assert lines[0] == "No treatment session in this file."
    assert "Mood, last 14 days: 6.0 (14 days logged); the 14 before: 3.0 (14 days logged)." in lines


def test_means_round_half_up() -> None:
    assert half_up(3.25) == 3.3 and half_up(6.45) == 6.5


def test_the_file_clock_is_its_last_date() -> None:
    clock = review_clock(info(), None)
    assert clock is not None and clock.today() == END and clock.now().hour == 9
    older = ExportInfo("x.json", None, datetime(2026, 12, 20, 8, 0, tzinfo=ZONE), None, END, "none")
    clock = review_clock(older, None)
    assert clock is not None and clock.today() == END  # not the day it was exported
    unranged = ExportInfo("x.json", None, None, None, None, "none")
    clock = review_clock(unranged, (date(2026, 1, 1), date(2026, 3, 3)))
    assert clock is not None and clock.today() == date(2026, 3, 3)


def test_export_info_reads_label_range_and_redaction() -> None:
    found = info_from_object(
        {
            "format": "recovery-journal",
            "exported_at": "2026-11-27T09:30:00+01:00",
            "range": {"since": "2026-10-01", "until": "2026-11-27"},
            "redaction": "notes",
            "label": "  Alex R.  ",
        },
        "a.json",
    )
    assert (found.label, found.since, found.until) == ("Alex R.", date(2026, 10, 1), END)
    assert found.redaction_words == "notes left out" and found.title == "Alex R."
    bare = info_from_object({"label": 3, "range": "x"}, "b.json")
    assert bare.title == "b.json" and bare.since is None and bare.redaction == "none"
    assert range_text(date(2025, 12, 1), END) == "01 Dec 2025 – 27 Nov 2026"


def test_caseload_rows_put_recent_flags_first_then_unreadable_files() -> None:
    calm = caseload_row(Path("b.json"), info(label="Bo"), days(END, END, 6), [], [], END)
    old_flag = caseload_row(
        Path("c.json"), info(label="Cy"), [], [], [phq9(END - timedelta(days=40), 2)], END
    )
    flagged = caseload_row(
        Path("d.json"), info(label="Dee"), [], [session(END, 1)], [phq9(END, 1)], END
    )
    broken = error_row(Path("a.json"), "error: a.json is not valid JSON")
    rows = ordered([calm, old_flag, broken, flagged])
    assert [r.title for r in rows] == ["Dee", "a.json", "Bo", "Cy"]
    assert flagged.cells()[0] == "(!)" and not old_flag.flagged
    assert broken.error == "a.json is not valid JSON"
    assert flagged.cells()[2] == "#1 27 Nov (0 d)"
    assert calm.cells()[3] == "6.0 vs –"


def test_a_folder_stands_for_its_json_files_each_once(tmp_path: Path) -> None:
    for name in ("b.json", "a.json", "notes.txt"):
        (tmp_path / name).write_text(json.dumps({}), encoding="utf-8")
    found = export_files([tmp_path, tmp_path / "a.json"])
    assert [p.name for p in found] == ["a.json", "b.json"]


def test_a_folder_stands_for_its_sealed_exports_too(tmp_path: Path) -> None:
    # A patient who sealed their export was left out of the caseload of their folder.
    for name in ("b.rjx", "a.json", "c.RJX", "notes.txt"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in export_files([tmp_path])] == ["a.json", "b.rjx", "c.RJX"]


def test_words_to_the_patient_turn_to_speak_about_them() -> None:
    text = about_the_patient(
        "You logged your mood on 30 days. On days you exercised, your mood averaged 6.8."
    )
    assert text == (
        "The patient logged their mood on 30 days. On days the patient exercised, their mood "
        "averaged 6.8."
    )
