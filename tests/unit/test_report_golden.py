"""Markdown and CSV of a small fixed journal, compared byte for byte with tests/golden/.

After an intended change, regenerate with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest
tests/unit/test_report_golden.py` and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from recovery_journal.report import load
from recovery_journal.report.csv_export import assessments_csv, days_csv, sessions_csv
from recovery_journal.report.markdown import render_markdown
from report_fixtures import fill_small

GOLDEN = Path(__file__).parent.parent / "golden"

RENDERERS = {
    "report.md": lambda data: render_markdown(data),
    "report-redacted-text.md": None,
    "days.csv": days_csv,
    "sessions.csv": sessions_csv,
    "assessments.csv": assessments_csv,
}


@pytest.mark.parametrize("name", list(RENDERERS))
def test_golden(memory_journal, monkeypatch, name):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    fill_small(memory_journal)
    redact = "text" if "redacted" in name else "none"
    data = load(memory_journal, redact=redact)
    render = RENDERERS[name] or render_markdown
    actual = render(data).encode("utf-8")
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(actual)
    assert path.exists(), f"{path} is missing; run with UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_bytes(), f"{name} differs from {path}"
