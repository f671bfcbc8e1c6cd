"""A session's fields are checked by one map in the model: the CLI, the app's form and an
import refuse the same values in the same words."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from recovery_journal import model
from recovery_journal.errors import InvalidInput
from recovery_journal.importers.json_import import read_export
from recovery_journal.report import export
from recovery_journal.store import Journal

BAD = {
    "dose_mg": (0, "dose"),
    "provider": ("x" * (model.PROVIDER_MAX_CHARS + 1), "provider"),
    "mood_before": (11, "mood before"),
    "mood_after": (0, "mood after"),
    "dissociation": (11, "dissociation"),
    "bp_before": ("128-82", "blood pressure before"),
    "bp_after": ("300/400", "blood pressure after"),
}


def test_every_session_field_has_one_parser_that_names_it() -> None:
    assert set(BAD) == set(model.SESSION_FIELDS)
    for name, (value, words) in BAD.items():
        with pytest.raises(InvalidInput, match=words):
            model.parse_session_field(name, value)


@pytest.mark.parametrize("name", ["mood_before", "mood_after", "bp_before", "dose_mg"])
def test_an_import_refuses_a_session_value_in_the_fields_own_words(
    memory_journal: Journal, tmp_path: Path, name: str
) -> None:
    at = datetime.fromisoformat("2026-11-20T10:00:00+01:00")
    memory_journal.add_session(model.Session("", at, "esketamine_nasal"))
    data = json.loads(str(export(memory_journal, "json")))
    value, words = BAD[name]
    data["sessions"][0][name] = value
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(InvalidInput, match=f"sessions\\[0\\]\\.{name}: {words}"):
        read_export(path)
