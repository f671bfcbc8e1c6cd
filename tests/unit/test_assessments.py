"""PHQ-9 and GAD-7: wording, scoring, bands, change over time and the safety message."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, datetime

import pytest

from recovery_journal import assessments
from recovery_journal.assessments import (
    ATTRIBUTION,
    QUESTIONNAIRES,
    RESPONSE_OPTIONS,
    SAFETY_MESSAGE,
    item9_flags,
    new_assessment,
    parse_answer,
    parse_answers,
    result_lines,
    score,
    severity,
    shows_safety_message,
    summarize,
    with_change_from_first,
)
from recovery_journal.errors import InvalidInput
from recovery_journal.model import Assessment

# ---------------------------------------------------------------- the public forms, typed
# out again here from the forms (phqscreeners.com), so a slip in either copy shows up.

PHQ9_FORM = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your"
    " family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite —"
    " being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
]
GAD7_FORM = [
    "Feeling nervous, anxious or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
]
PHQ9_RECALL = (
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
)
GAD7_RECALL = "Over the last 2 weeks, how often have you been bothered by the following problems?"
OPTIONS_FORM = [
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
]
ATTRIBUTION_FORM = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues,"
    " with an educational grant from Pfizer Inc. No permission required to reproduce,"
    " translate, display or distribute."
)


def test_phq9_items_are_the_public_wording_in_order() -> None:
    assert list(QUESTIONNAIRES["phq9"].items) == PHQ9_FORM


def test_gad7_items_are_the_public_wording_in_order() -> None:
    assert list(QUESTIONNAIRES["gad7"].items) == GAD7_FORM


def test_recall_lines_options_and_attribution_are_verbatim() -> None:
    assert QUESTIONNAIRES["phq9"].recall == PHQ9_RECALL
    assert QUESTIONNAIRES["gad7"].recall == GAD7_RECALL
    assert list(RESPONSE_OPTIONS) == OPTIONS_FORM
    for form in QUESTIONNAIRES.values():
        assert list(form.options) == OPTIONS_FORM
        assert form.attribution == ATTRIBUTION_FORM
    assert ATTRIBUTION == ATTRIBUTION_FORM


def test_item_counts_match_the_instruments() -> None:
    assert len(assessments.questionnaire("phq9").items) == 9
    assert len(assessments.questionnaire("gad7").items) == 7
    with pytest.raises(InvalidInput, match="phq9, gad7"):
        assessments.questionnaire("bdi")


# ---------------------------------------------------------------- bands

PHQ9_BOUNDARIES = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "moderately severe"),
    (19, "moderately severe"),
    (20, "severe"),
    (27, "severe"),
]
GAD7_BOUNDARIES = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "severe"),
    (21, "severe"),
]


def _answers_for(total: int, count: int) -> list[int]:
    """Answers that add up to total, e.g. 10 over 9 items → 3,3,3,1,0,…"""
    answers = []
    for _ in range(count):
        answers.append(min(3, total))
        total -= answers[-1]
    assert total == 0
    return answers


@pytest.mark.parametrize(("total", "word"), PHQ9_BOUNDARIES)
def test_phq9_band_boundaries(total: int, word: str) -> None:
    assert severity("phq9", total) == word
    assert score("phq9", _answers_for(total, 9)) == (total, word)


@pytest.mark.parametrize(("total", "word"), GAD7_BOUNDARIES)
def test_gad7_band_boundaries(total: int, word: str) -> None:
    assert severity("gad7", total) == word
    assert score("gad7", _answers_for(total, 7)) == (total, word)


def test_every_total_has_exactly_the_band_of_its_range() -> None:
    for instrument, top in (("phq9", 27), ("gad7", 21)):
        ranges = assessments.bands(instrument)
        assert ranges[0][0] == 0 and ranges[-1][1] == top
        for total in range(top + 1):
            words = [word for low, high, word in ranges if low <= total <= high]
            assert words == [severity(instrument, total)]


def test_band_ranges_for_charts() -> None:
    assert assessments.bands("phq9") == [
        (0, 4, "minimal"),
        (5, 9, "mild"),
        (10, 14, "moderate"),
        (15, 19, "moderately severe"),
        (20, 27, "severe"),
    ]
    assert assessments.bands("gad7") == [
        (0, 4, "minimal"),
        (5, 9, "mild"),
        (10, 14, "moderate"),
        (15, 21, "severe"),
    ]


@pytest.mark.parametrize(("instrument", "total"), [("phq9", 28), ("gad7", 22), ("phq9", -1)])
def test_totals_out_of_range_are_refused(instrument: str, total: int) -> None:
    with pytest.raises(InvalidInput):
        severity(instrument, total)


# ---------------------------------------------------------------- scoring and answers


def test_score_adds_the_answers() -> None:
    assert score("phq9", [0, 1, 2, 3, 0, 1, 2, 3, 0]) == (12, "moderate")
    assert score("gad7", [3, 3, 3, 3, 3, 3, 3]) == (21, "severe")


@pytest.mark.parametrize(
    "answers",
    [
        [0] * 8,
        [0] * 10,
        [0, 0, 0, 0, 0, 0, 0, 0, 4],
        [0, 0, 0, 0, 0, 0, 0, 0, -1],
        [0, 0, 0, 0, 0, 0, 0, 0, True],
    ],
)
def test_wrong_answers_are_refused(answers: list[int]) -> None:
    with pytest.raises(InvalidInput):
        score("phq9", answers)


def test_parse_answers_reads_commas_and_spaces() -> None:
    assert parse_answers("gad7", "0,1,2,3, 0 ,1,2") == [0, 1, 2, 3, 0, 1, 2]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0,1,2,3,0,1", "has 7 questions, but --answers gave 6"),
        ("0,1,2,3,0,1,2,3", "has 7 questions, but --answers gave 8"),
        ("", "gave 0"),
        ("0,1,2,3,0,1,4", "answer 7 is '4'"),
        ("0,1,2,3,0,1,-1", "answer 7 is '-1'"),
        ("0,1,x,3,0,1,2", "answer 3 is 'x'"),
        ("0,1,1.5,3,0,1,2", "answer 3 is '1.5'"),
        ("0,1,,3,0,1,2", "answer 3 is missing"),
    ],
)
def test_parse_answers_refuses_bad_input_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_answers("gad7", text)


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("3\n", 3), ("  2  ", 2)])
def test_parse_answer_takes_one_number(text: str, value: int) -> None:
    assert parse_answer(text) == value


@pytest.mark.parametrize("text", ["", "4", "-1", "x", "1.0", "1 2", "Several days"])
def test_parse_answer_refuses_anything_else(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_answer(text)


def test_new_assessment_is_scored_with_a_fresh_uuid() -> None:
    first = new_assessment("phq9", date(2026, 11, 1), [1] * 9)
    second = new_assessment("phq9", date(2026, 11, 1), [1] * 9)
    assert (first.total, first.severity, first.answers) == (9, "mild", [1] * 9)
    assert len(first.id) == 36 and first.id != second.id


# ---------------------------------------------------------------- safety


def test_safety_message_shows_only_for_phq9_item9_above_zero() -> None:
    assert not shows_safety_message("phq9", [3, 3, 3, 3, 3, 3, 3, 3, 0])
    for answer in (1, 2, 3):
        assert shows_safety_message("phq9", [0] * 8 + [answer])
    assert not shows_safety_message("gad7", [3] * 7)
    assert not shows_safety_message("phq9", [3] * 8)  # item 9 not answered yet


def test_safety_message_says_what_the_spec_asks() -> None:
    text = SAFETY_MESSAGE
    assert "call or text 988" in text
    assert "Suicide & Crisis Lifeline" in text
    assert "local emergency number" in text
    assert "Nobody monitors this journal" in text
    assert "not alone" in text
    assert "care team" in text


def test_safety_message_is_calm() -> None:
    text = SAFETY_MESSAGE.lower()
    assert "!" not in text
    shouted = [w for w in re.findall(r"[A-Za-z]{2,}", SAFETY_MESSAGE) if w.isupper()]
    assert shouted == ["US"]
    for word in ("urgent", "immediately", "warning", "alert", "should have", "failed", "fault"):
        assert word not in text


def _a(instrument: str, day: str, total: int, item9: int = 0, aid: str = "") -> Assessment:
    count = assessments.INSTRUMENTS[instrument]
    answers = (
        [*_answers_for(total - item9, count - 1), item9]
        if instrument == "phq9"
        else _answers_for(total, count)
    )
    return Assessment(
        aid or f"{instrument}-{day}-{total}",
        instrument,
        date.fromisoformat(day),
        answers,
        total,
        severity(instrument, total),
    )


def test_item9_flags_lists_positive_phq9_within_the_range_oldest_first() -> None:
    items = [
        _a("phq9", "2026-11-20", 12, item9=1, aid="late"),
        _a("phq9", "2026-09-01", 12, item9=2, aid="before"),
        _a("phq9", "2026-10-05", 12, item9=0, aid="zero"),
        _a("phq9", "2026-10-01", 10, item9=3, aid="first-day"),
        _a("gad7", "2026-10-10", 15, aid="gad"),
        _a("phq9", "2026-10-31", 6, item9=1, aid="last-day"),
    ]
    flagged = item9_flags(items, since=date(2026, 10, 1), until=date(2026, 10, 31))
    assert [a.id for a in flagged] == ["first-day", "last-day"]
    assert [a.id for a in item9_flags(items)] == ["before", "first-day", "last-day", "late"]


# ---------------------------------------------------------------- change over time


def test_meaningful_change_is_five_points_either_way() -> None:
    assert not assessments.is_meaningful(15, 11)
    assert assessments.is_meaningful(15, 10)
    assert assessments.is_meaningful(4, 9)
    assert not assessments.is_meaningful(4, 8)
    assert assessments.change(15, 10) == -5


def test_response_is_a_drop_of_half_or_more() -> None:
    assert assessments.is_response(16, 8) is True
    assert assessments.is_response(16, 9) is False
    assert assessments.is_response(15, 7) is True
    assert assessments.is_response(15, 8) is False
    assert assessments.is_response(0, 0) is None


def test_remission_is_phq9_under_five_after_a_first_score_of_five_or_more() -> None:
    assert assessments.is_remission("phq9", 18, 4) is True
    assert assessments.is_remission("phq9", 18, 5) is False
    assert assessments.is_remission("phq9", 3, 2) is None
    assert assessments.is_remission("gad7", 18, 2) is None


def test_summarize_first_to_last_per_instrument() -> None:
    items = [
        _a("gad7", "2026-10-03", 12),
        _a("phq9", "2026-11-20", 4, aid="last"),
        _a("phq9", "2026-10-01", 18, aid="first"),
        _a("phq9", "2026-10-20", 11),
    ]
    phq, gad = summarize(items)
    assert (phq.instrument, phq.count, phq.first.id, phq.last.id) == ("phq9", 3, "first", "last")
    assert (phq.change, phq.meaningful, phq.response, phq.remission) == (-14, True, True, True)
    assert phq.to_json() == {
        "instrument": "phq9",
        "count": 3,
        "first": {"date": "2026-10-01", "total": 18, "severity": "moderately severe"},
        "last": {"date": "2026-11-20", "total": 4, "severity": "minimal"},
        "change": -14,
        "meaningful": True,
        "response": True,
        "remission": True,
    }
    assert phq.sentence() == (
        "PHQ-9: 18 (moderately severe) on 2026-10-01 → 4 (minimal) on 2026-11-20, "
        "14 points lower — a meaningful change, response, remission (3 scores)."
    )
    assert (gad.count, gad.change, gad.meaningful, gad.response, gad.remission) == (
        1,
        None,
        False,
        None,
        None,
    )
    assert gad.sentence() == "GAD-7: 12 (moderate) on 2026-10-03; one score so far."


def test_summarize_uses_the_first_and_last_score_within_the_range() -> None:
    items = [
        _a("phq9", "2026-09-01", 20),
        _a("phq9", "2026-10-01", 12, aid="first"),
        _a("phq9", "2026-10-15", 9, aid="last"),
        _a("phq9", "2026-11-01", 2),
    ]
    (phq,) = summarize(items, since=date(2026, 10, 1), until=date(2026, 10, 31))
    assert (phq.first.id, phq.last.id, phq.change) == ("first", "last", -3)
    assert (phq.meaningful, phq.response, phq.remission) == (False, False, False)
    assert summarize(items, since=date(2026, 11, 2)) == []


def test_a_rise_is_a_meaningful_change_too_and_not_a_response() -> None:
    (phq,) = summarize([_a("phq9", "2026-10-01", 6), _a("phq9", "2026-10-15", 12)])
    assert (phq.change, phq.meaningful, phq.response, phq.remission) == (6, True, False, False)
    assert "6 points higher — a meaningful change" in phq.sentence()


def test_with_change_from_first_per_instrument() -> None:
    items = [
        _a("phq9", "2026-10-01", 15, aid="p1"),
        _a("gad7", "2026-10-01", 9, aid="g1"),
        _a("phq9", "2026-10-08", 11, item9=1, aid="p2"),
        _a("gad7", "2026-10-08", 3, aid="g2"),
        _a("phq9", "2026-10-15", 10, aid="p3"),
    ]
    rows = {row.assessment.id: row for row in with_change_from_first(items)}
    assert (rows["p1"].change, rows["p1"].meaningful) == (None, False)
    assert (rows["p2"].change, rows["p2"].meaningful, rows["p2"].item9_positive) == (
        -4,
        False,
        True,
    )
    assert (rows["p3"].change, rows["p3"].meaningful) == (-5, True)
    assert (rows["g1"].change, rows["g2"].change, rows["g2"].meaningful) == (None, -6, True)


def test_result_lines_for_a_first_score() -> None:
    only = _a("phq9", "2026-11-27", 7)
    assert result_lines(only, [only]) == [
        "PHQ-9 for 2026-11-27: total 7 of 27 — mild",
        "This is your first PHQ-9; later scores will be compared with it.",
    ]


def test_result_lines_with_change_response_and_remission() -> None:
    first = _a("phq9", "2026-10-01", 16)
    latest = _a("phq9", "2026-11-27", 3)
    assert result_lines(latest, [_a("gad7", "2026-09-01", 3), first, latest]) == [
        "PHQ-9 for 2026-11-27: total 3 of 27 — minimal",
        "Change from your first PHQ-9 (2026-10-01: 16, moderately severe): 13 points lower"
        " — a meaningful change (5 points or more).",
        "Response: at least 50% lower than your first score.",
        "Remission: a PHQ-9 total under 5.",
    ]


def test_result_lines_small_change_has_no_marker() -> None:
    first = _a("gad7", "2026-10-01", 8)
    latest = _a("gad7", "2026-11-27", 9)
    lines = result_lines(latest, [first, latest])
    assert lines[1] == "Change from your first GAD-7 (2026-10-01: 8, mild): 1 point higher."
    assert len(lines) == 2


def test_result_lines_backdated_before_the_first() -> None:
    later = _a("phq9", "2026-11-01", 9)
    earlier = _a("phq9", "2026-10-01", 12)
    assert result_lines(earlier, [later, earlier])[1] == (
        "This is now your earliest PHQ-9; later scores are compared with it."
    )


# ---------------------------------------------------------------- hygiene


def test_assessments_uses_the_standard_library_only() -> None:
    code = (
        "import json, sys; before = set(sys.modules); import recovery_journal.assessments; "
        "print(json.dumps(sorted({m.split('.')[0] for m in set(sys.modules) - before})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    assert "recovery_journal" in loaded
    assert loaded - set(sys.stdlib_module_names) == {"recovery_journal"}


# ---------------------------------------------------------------- words with care (issue 13)


def test_no_response_or_remission_beside_a_latest_item9_above_0() -> None:
    first = _a("phq9", "2026-09-01", 20)
    latest = _a("phq9", "2026-11-01", 4, item9=1)
    gad_first, gad_last = _a("gad7", "2026-09-01", 16), _a("gad7", "2026-11-01", 3)
    items = [first, latest, gad_first, gad_last]
    phq, gad = summarize(items)
    words = phq.sentence() + " " + gad.sentence()
    assert "response" not in words and "remission" not in words
    assert "the score fell, but the latest answer to item 9" in phq.sentence()
    assert "matters more than the score" in phq.sentence()
    lines = " ".join(result_lines(latest, items))
    assert "Response" not in lines and "Remission" not in lines
    assert "Your score fell, and your answer to question 9 matters more" in lines
    gad_lines = " ".join(result_lines(gad_last, items))
    assert "Response" not in gad_lines


def test_response_and_remission_stay_when_item9_is_0_at_the_latest() -> None:
    items = [_a("phq9", "2026-09-01", 20, item9=1), _a("phq9", "2026-11-01", 4)]
    (phq,) = summarize(items)
    assert "response, remission" in phq.sentence()
    assert "Remission: a PHQ-9 total under 5." in result_lines(items[1], items)


# ---------------------------------------------------------------- the registry


def test_every_registered_questionnaire_can_be_stored_and_read_back(tmp_path) -> None:
    """Adding a questionnaire is its definition plus a migration: the journal's schema
    (its CHECK on `assessments.instrument`) accepts every registered key, and only those."""
    import sqlite3

    from recovery_journal.clock import FixedClock
    from recovery_journal.instruments import REGISTERED
    from recovery_journal.store import Journal

    path = tmp_path / "journal.db"
    journal = Journal.open(path, FixedClock(datetime(2026, 11, 20, 9)))
    for form in REGISTERED:
        journal.add_assessment(new_assessment(form.key, date(2026, 11, 20), [1] * form.count))
    journal.close()
    stored = Journal.open(path, FixedClock(datetime(2026, 11, 20, 9))).assessments()
    assert sorted(a.instrument for a in stored) == sorted(form.key for form in REGISTERED)
    with sqlite3.connect(path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO assessments VALUES ('x', 'bdi2', '2026-11-20', '[]', 0, 'minimal', '')"
        )


def test_the_registry_is_what_every_view_of_it_says() -> None:
    from recovery_journal.instruments import REGISTERED

    keys = [form.key for form in REGISTERED]
    assert keys == ["phq9", "gad7"]  # the order of lists, charts and reports
    assert assessments.INSTRUMENTS == {"phq9": 9, "gad7": 7}
    assert assessments.MAX_TOTAL == {"phq9": 27, "gad7": 21}
    assert assessments.INSTRUMENT_LABELS == {"phq9": "PHQ-9", "gad7": "GAD-7"}
    assert [form.safety_item for form in REGISTERED] == [9, None]
