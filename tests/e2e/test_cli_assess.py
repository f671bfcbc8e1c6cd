"""`assess phq9|gad7` and `assess list`, run as a user would (PRODUCT.md §3, §6)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

PHQ9_ITEM1 = "Little interest or pleasure in doing things"
PHQ9_ITEM9 = "Thoughts that you would be better off dead or of hurting yourself in some way"
GAD7_ITEM1 = "Feeling nervous, anxious or on edge"
ATTRIBUTION = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues,"
    " with an educational grant from Pfizer Inc. No permission required to reproduce,"
    " translate, display or distribute."
)


def stored(cli) -> list[dict]:
    result = cli("assess", "list", "--format", "json")
    assert result.code == 0, result.err
    return result.json()


# ---------------------------------------------------------------- --answers


def test_phq9_with_answers_text(cli) -> None:
    result = cli("assess", "phq9", "--answers", "0,1,2,1,0,1,1,1,0")
    assert result.code == 0, result.err
    assert "total 7 of 27" in result.out
    assert "mild" in result.out
    assert "988" not in result.out
    assert result.err == ""
    (saved,) = stored(cli)
    assert saved["answers"] == [0, 1, 2, 1, 0, 1, 1, 1, 0]
    assert (saved["total"], saved["severity"], saved["date"]) == (7, "mild", "2026-11-27")


def test_phq9_with_answers_json_is_exactly_the_spec_shape(cli) -> None:
    result = cli(
        "assess",
        "phq9",
        "--date",
        "2026-11-20",
        "--answers",
        "3,3,3,3,2,2,2,2,0",
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    data = result.json()
    assert list(data) == [
        "id",
        "instrument",
        "date",
        "answers",
        "total",
        "severity",
        "item9_positive",
    ]
    assert uuid.UUID(data["id"]).version == 4
    assert data["instrument"] == "phq9"
    assert data["date"] == "2026-11-20"
    assert data["answers"] == [3, 3, 3, 3, 2, 2, 2, 2, 0]
    assert (data["total"], data["severity"], data["item9_positive"]) == (20, "severe", False)
    assert result.err == ""
    assert stored(cli) == [data]


def test_gad7_json_has_no_item9_key(cli) -> None:
    result = cli("assess", "gad7", "--answers", "3,3,3,3,3,0,0", "--format", "json")
    assert result.code == 0, result.err
    data = result.json()
    assert list(data) == ["id", "instrument", "date", "answers", "total", "severity"]
    assert (data["instrument"], data["total"], data["severity"]) == ("gad7", 15, "severe")


def test_text_shows_change_from_the_first_score(cli) -> None:
    first = cli("assess", "phq9", "--date", "2026-10-01", "--answers", "3,3,2,2,2,2,1,1,0")
    assert first.code == 0, first.err
    assert "first PHQ-9" in first.out
    later = cli("assess", "phq9", "--answers", "1,1,1,0,0,0,0,0,0")
    assert later.code == 0, later.err
    assert "total 3 of 27 — minimal" in later.out
    assert "Change from your first PHQ-9 (2026-10-01: 16, moderately severe)" in later.out
    assert "13 points lower" in later.out
    assert "meaningful change" in later.out
    assert "Response" in later.out and "Remission" in later.out
    # the other questionnaire has its own first score
    gad = cli("assess", "gad7", "--answers", "1,1,1,1,1,1,1")
    assert "first GAD-7" in gad.out and "Change" not in gad.out


def test_several_on_one_date_are_kept(cli) -> None:
    for _ in range(2):
        assert cli("assess", "gad7", "--answers", "0,0,0,0,0,0,0").code == 0
    ids = [a["id"] for a in stored(cli)]
    assert len(ids) == 2 and len(set(ids)) == 2


# ---------------------------------------------------------------- safety


def test_item9_above_zero_prints_the_safety_message_on_stdout_in_text_mode(cli) -> None:
    result = cli("assess", "phq9", "--answers", "1,1,1,1,1,1,1,1,1")
    assert result.code == 0, result.err
    assert "988" in result.out
    assert "Nobody monitors this journal" in result.out
    assert result.out.index("988") < result.out.index("total 9 of 27")
    (saved,) = stored(cli)
    assert saved["item9_positive"] is True


def test_item9_above_zero_in_json_mode_goes_to_stderr_and_stdout_stays_json(cli) -> None:
    result = cli("assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,2", "--format", "json")
    assert result.code == 0, result.err
    assert "988" in result.err
    assert "Nobody monitors this journal" in result.err
    assert "988" not in result.out
    data = result.json()  # the whole of stdout is one JSON document
    assert data["item9_positive"] is True
    assert stored(cli) == [data]


def test_gad7_never_shows_the_safety_message(cli) -> None:
    result = cli("assess", "gad7", "--answers", "3,3,3,3,3,3,3")
    assert result.code == 0
    assert "988" not in result.out + result.err


# ---------------------------------------------------------------- bad answers


@pytest.mark.parametrize(
    "answers",
    [
        "0,1,2,1,0,1,1,1",  # too few
        "0,1,2,1,0,1,1,1,0,0",  # too many
        "0,1,2,1,0,1,1,1,4",  # above 3
        "0,1,2,1,0,1,1,1,-1",  # below 0
        "0,1,two,1,0,1,1,1,0",  # not a number
        "0,1,2.0,1,0,1,1,1,0",  # not a whole number
        "0,1,,1,0,1,1,1,0",  # a gap
        "",
    ],
)
def test_bad_answers_exit_2_with_one_error_line_and_nothing_stored(cli, answers: str) -> None:
    assert cli("assess", "gad7", "--answers", "1,1,1,1,1,1,1").code == 0
    before = stored(cli)
    for fmt in ("text", "json"):
        result = cli("assess", "phq9", "--answers", answers, "--format", fmt)
        assert result.code == 2
        assert result.out == ""
        lines = result.err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), result.err
        assert "Traceback" not in result.err
    assert stored(cli) == before


def test_future_date_is_refused_and_nothing_stored(cli) -> None:
    result = cli("assess", "phq9", "--date", "2026-11-28", "--answers", "0,0,0,0,0,0,0,0,0")
    assert result.code == 2
    assert result.err.startswith("error: ") and "future" in result.err
    assert stored(cli) == []


def test_bad_date_word_is_refused(cli) -> None:
    result = cli("assess", "gad7", "--date", "tomorrow", "--answers", "0,0,0,0,0,0,0")
    assert result.code == 2
    assert result.err.startswith("error: ")


def test_yesterday_is_accepted(cli) -> None:
    result = cli(
        "assess", "gad7", "--date", "yesterday", "--answers", "0,0,0,0,0,0,0", "--format", "json"
    )
    assert result.json()["date"] == "2026-11-26"


# ---------------------------------------------------------------- interactive


def test_interactive_phq9_shows_the_form_and_saves(cli) -> None:
    result = cli("assess", "phq9", stdin="0\n1\n2\n1\n0\n1\n1\n1\n0\n")
    assert result.code == 0, result.err
    assert (
        "Over the last 2 weeks, how often have you been bothered by any of the following"
        " problems?" in result.out
    )
    assert PHQ9_ITEM1 in result.out
    assert PHQ9_ITEM9 in result.out
    assert "More than half the days" in result.out
    assert ATTRIBUTION in result.out
    assert "total 7 of 27 — mild" in result.out
    assert "988" not in result.out
    (saved,) = stored(cli)
    assert saved["answers"] == [0, 1, 2, 1, 0, 1, 1, 1, 0]


def test_interactive_reasks_on_bad_input(cli) -> None:
    result = cli("assess", "gad7", stdin="1\nx\n\n7\n2\n0\n0\n0\n0\n1\n")
    assert result.code == 0, result.err
    assert GAD7_ITEM1 in result.out
    assert result.out.count("Please type one number from 0 to 3") == 3
    (saved,) = stored(cli)
    assert saved["answers"] == [1, 2, 0, 0, 0, 0, 1]
    assert saved["total"] == 4


def test_interactive_end_of_input_exits_2_and_stores_nothing(cli) -> None:
    result = cli("assess", "phq9", stdin="1\n2\n3\n")
    assert result.code == 2
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "nothing was saved" in result.err
    assert stored(cli) == []


def test_interactive_no_input_at_all_stores_nothing(cli) -> None:
    result = cli("assess", "gad7", stdin="")
    assert result.code == 2
    assert result.err.startswith("error: ")
    assert stored(cli) == []


def test_interactive_item9_shows_the_safety_message_and_saves(cli) -> None:
    result = cli("assess", "phq9", stdin="0\n0\n0\n0\n0\n0\n0\n0\n1\n")
    assert result.code == 0, result.err
    assert "988" in result.out
    assert result.out.index(PHQ9_ITEM9) < result.out.index("988")
    assert stored(cli)[0]["item9_positive"] is True


def test_interactive_json_keeps_stdout_pure(cli) -> None:
    result = cli("assess", "phq9", "--format", "json", stdin="0\n0\n0\n0\n0\n0\n0\n0\n3\n")
    assert result.code == 0, result.err
    data = result.json()
    assert (data["total"], data["item9_positive"]) == (3, True)
    assert PHQ9_ITEM1 in result.err
    assert "988" in result.err
    assert ATTRIBUTION in result.err


# ---------------------------------------------------------------- list


def test_list_when_empty(cli) -> None:
    result = cli("assess", "list")
    assert result.code == 0
    assert "No questionnaires yet" in result.out
    assert "Once a week" in result.out
    assert stored(cli) == []


def test_list_table_and_json_oldest_first(cli) -> None:
    cli("assess", "phq9", "--date", "2026-11-20", "--answers", "1,1,1,1,1,1,1,1,1")
    cli("assess", "phq9", "--date", "2026-10-01", "--answers", "3,3,3,3,2,2,2,0,0")
    cli("assess", "gad7", "--date", "2026-10-05", "--answers", "1,1,1,1,1,1,1")
    data = stored(cli)
    assert [(a["instrument"], a["date"], a["total"]) for a in data] == [
        ("phq9", "2026-10-01", 18),
        ("gad7", "2026-10-05", 7),
        ("phq9", "2026-11-20", 9),
    ]
    assert [a.get("item9_positive") for a in data] == [False, None, True]
    assert "item9_positive" not in data[1]

    table = cli("assess", "list")
    assert table.code == 0
    lines = table.out.splitlines()
    assert lines[0].split()[:4] == ["date", "questionnaire", "total", "severity"]
    assert "2026-10-01" in lines[1] and "moderately severe" in lines[1] and "first" in lines[1]
    assert "2026-10-05" in lines[2] and "GAD-7" in lines[2]
    assert "2026-11-20" in lines[3] and "-9 meaningful" in lines[3] and "above 0" in lines[3]
    assert "988" in table.out  # a calm reminder, since one item-9 answer was above 0


def test_insights_sum_up_the_questionnaires_first_to_last(cli) -> None:
    assert cli("assess", "phq9", "--date", "2026-11-01", "--answers", "2,2,2,2,2,2,2,1,0").code == 0
    assert cli("assess", "phq9", "--answers", "1,1,1,1,1,1,1,0,0").code == 0
    assert cli("log", "--mood", "6").code == 0
    result = cli("insights")
    assert result.code == 0
    assert "PHQ-9: 15 (moderately severe) on 2026-11-01 → 7 (mild) on 2026-11-27" in result.out
    assert "meaningful change" in result.out
    assert "questionnaires" not in cli("insights", "--format", "json").json()


# ---------------------------------------------------------------- correct or delete (issue 13)


def _take(cli, answers: str, day: str = "2026-11-20") -> str:
    result = cli("assess", "phq9", "--date", day, "--answers", answers, "--format", "json")
    assert result.code == 0, result.err
    return result.json()["id"]


def test_list_shows_the_ids_that_delete_takes(cli) -> None:
    first = _take(cli, "1,1,1,1,1,1,1,1,0", "2026-11-01")
    second = _take(cli, "0,0,0,0,0,0,0,0,0")
    listed = cli("assess", "list")
    assert listed.code == 0, listed.err
    assert first[:8] in listed.out and second[:8] in listed.out
    assert "id" in listed.out.splitlines()[0].split()


def test_delete_by_id_prefix_with_yes(cli) -> None:
    keep = _take(cli, "1,1,1,1,1,1,1,1,0", "2026-11-01")
    gone = _take(cli, "0,0,0,0,0,0,0,0,2")
    result = cli("assess", "delete", gone[:8], "--yes")
    assert result.code == 0, result.err
    assert "deleted the PHQ-9 of 2026-11-20" in result.out
    assert [a["id"] for a in stored(cli)] == [keep]


def test_delete_without_yes_changes_nothing(cli) -> None:
    only = _take(cli, "0,0,0,0,0,0,0,0,0")
    before = cli.db.read_bytes()
    result = cli("assess", "delete", only)
    assert result.code == 2
    assert result.err.startswith("error: ") and result.err.count("\n") == 1
    assert "--yes" in result.err and "Traceback" not in result.err
    assert cli.db.read_bytes() == before
    assert [a["id"] for a in stored(cli)] == [only]


@pytest.mark.parametrize("given", ["nosuch", "abc", ""])
def test_delete_of_an_unknown_id_is_one_line_exit_2(cli, given: str) -> None:
    _take(cli, "0,0,0,0,0,0,0,0,0")
    result = cli("assess", "delete", given, "--yes")
    assert result.code == 2
    assert result.err.startswith("error: there is no questionnaire")
    assert result.err.count("\n") == 1
    assert len(stored(cli)) == 1


def test_delete_of_an_ambiguous_prefix_is_refused(cli) -> None:
    from recovery_journal.assessments import new_assessment
    from recovery_journal.store import Journal

    with Journal.open(cli.db) as journal:
        for suffix in ("1", "2"):
            journal.add_assessment(
                new_assessment("gad7", date(2026, 11, 2), [0] * 7, f"abcd-{suffix}")
            )
    result = cli("assess", "delete", "abcd", "--yes")
    assert result.code == 2
    assert "more than one questionnaire" in result.err
    assert len(stored(cli)) == 2


def test_edit_corrects_answers_and_date_keeping_the_id(cli) -> None:
    aid = _take(cli, "3,3,3,3,3,3,3,3,0")
    result = cli(
        "assess", "edit", aid[:6], "--answers", "1,1,1,1,1,1,1,1,0", "--date", "2026-11-21"
    )
    assert result.code == 0, result.err
    assert "updated the PHQ-9 of 2026-11-21 (total 8)" in result.out
    (saved,) = stored(cli)
    assert (saved["id"], saved["date"], saved["total"], saved["severity"]) == (
        aid,
        "2026-11-21",
        8,
        "mild",
    )


def test_edit_to_item_9_above_0_shows_the_safety_message(cli) -> None:
    aid = _take(cli, "0,0,0,0,0,0,0,0,0")
    result = cli("assess", "edit", aid, "--answers", "0,0,0,0,0,0,0,0,1", "--format", "json")
    assert result.code == 0, result.err
    assert "988" in result.err and "Nobody monitors this journal" in result.err
    assert result.json()["item9_positive"] is True


def test_edit_with_wrong_answers_changes_nothing(cli) -> None:
    aid = _take(cli, "0,0,0,0,0,0,0,0,0")
    result = cli("assess", "edit", aid, "--answers", "1,2")
    assert result.code == 2 and result.err.startswith("error: PHQ-9 has 9 questions")
    assert cli("assess", "edit", aid).code == 2
    assert stored(cli)[0]["answers"] == [0] * 9


def test_a_deleted_item_9_flag_leaves_every_report(cli, tmp_path) -> None:
    """html, md, csv (the zip's assessments.csv), json and insights all stop flagging it."""
    import zipfile

    for day, mood in (("2026-11-18", 4), ("2026-11-19", 5), ("2026-11-20", 6)):
        assert cli("log", "--date", day, "--mood", str(mood)).code == 0
    _take(cli, "1,1,1,1,1,1,1,1,0", "2026-11-18")
    flagged = _take(cli, "0,0,0,0,0,0,0,0,2", "2026-11-20")

    def reports() -> dict[str, str]:
        texts = {}
        for fmt in ("html", "md", "json"):
            result = cli("export", "--format", fmt)
            assert result.code == 0, result.err
            texts[fmt] = result.out
        target = tmp_path / "out.zip"
        target.unlink(missing_ok=True)
        assert cli("export", "--format", "csv", "-o", str(target)).code == 0
        with zipfile.ZipFile(target) as archive:
            texts["csv"] = archive.read("assessments.csv").decode("utf-8")
        texts["insights"] = cli("insights").out
        texts["insights json"] = cli("insights", "--format", "json").out
        return texts

    flag = "answer to item 9"  # the safety flag's words, in every report and insights
    before = reports()
    for name in ("html", "md", "insights"):
        assert flag in before[name], name
    assert '<section class="safety"' in before["html"] and "## [!] Safety" in before["md"]
    assert '"item9_positive": true' in before["json"]
    assert flagged_rows(before["csv"]) == [flagged]

    assert cli("assess", "delete", flagged, "--yes").code == 0
    after = reports()
    for name in ("html", "md", "insights"):
        assert flag not in after[name], name
        assert "988" not in after[name], name
    assert '<section class="safety"' not in after["html"] and "Safety" not in after["md"]
    assert '"item9_positive": true' not in after["json"]
    assert flagged not in after["json"] and flagged not in after["csv"]
    assert flagged_rows(after["csv"]) == []
    assert len(after["csv"].strip().splitlines()) == 2  # the header and the one left


def flagged_rows(text: str) -> list[str]:
    """The ids of assessments.csv rows whose item9_positive column says yes."""
    import csv
    import io

    return [
        row["id"] for row in csv.DictReader(io.StringIO(text)) if row["item9_positive"] == "yes"
    ]
