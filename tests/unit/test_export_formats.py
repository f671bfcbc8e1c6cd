"""Export formats come from one registry: a format added there is offered by the CLI and
the app's Export screen, and named in the file name the app suggests."""

from __future__ import annotations

from pathlib import Path

import pytest

from recovery_journal.cli import main
from recovery_journal.report import default_filename, formats
from recovery_journal.report.data import ReportData
from recovery_journal.tui.screens.export import format_choices
from support import NOW


def toy_render(data: ReportData) -> str:
    """A toy format: one line."""
    return f"toy report, {len(data.days)} days\n"


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one registry line a new format adds."""
    line = formats.ExportFormat("toy", "Toy text", ".txt", f"{__name__}:toy_render")
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, line))


def test_a_format_added_to_the_registry_is_everywhere(
    toy: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("RECOVERY_JOURNAL_NOW", NOW)
    db = str(tmp_path / "journal.db")
    assert main(["--db", db, "log", "--mood", "6"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "export", "--format", "toy"]) == 0
    assert capsys.readouterr().out == "toy report, 1 days\n"
    assert ("Toy text", "toy") in format_choices()
    assert default_filename("toy", None, None).endswith(".txt")


def test_an_unknown_format_is_refused_by_name() -> None:
    from recovery_journal.errors import InvalidInput

    with pytest.raises(InvalidInput, match="not one of: html, md, csv, json"):
        formats.get("docx")
