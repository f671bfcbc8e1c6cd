"""A review shows the crisis line of the country the file was exported with, not the
therapist's own."""

from __future__ import annotations

from recovery_journal.assessments import new_assessment
from recovery_journal.report import export
from recovery_journal.service.review import load_review


def test_review_keeps_the_files_country(memory_journal, clock, tmp_path, monkeypatch) -> None:
    memory_journal.add_assessment(new_assessment("phq9", clock.today(), [0] * 8 + [1]))
    monkeypatch.setenv("RECOVERY_JOURNAL_COUNTRY", "GB")
    path = tmp_path / "patient.json"
    export(memory_journal, "json", output=path)
    monkeypatch.setenv("RECOVERY_JOURNAL_COUNTRY", "AU")  # the therapist's machine
    review = load_review(path, clock)
    try:
        assert review.crisis_country == "GB"
        report = export(review, "html")
    finally:
        review.close()
    assert isinstance(report, str)
    assert "Samaritans (the UK, call 116 123)" in report and "Lifeline" not in report
