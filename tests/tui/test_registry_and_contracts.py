"""The screen registries (one per app) and the app's typed contracts with its screens.

The app asks before leaving a screen with unsaved edits only when the screen satisfies
`UnsavedChanges`; a renamed method would silently stop the question, so each form is
checked here. Each registry line must name a screen class that exists, once per mode and key.
"""

from __future__ import annotations

from importlib import import_module

import pytest
from textual.screen import Screen

from recovery_journal.tui.contracts import AsksBeforeLeaving, UnsavedChanges
from recovery_journal.tui.screens import (
    CASELOAD_SCREENS,
    PATIENT_SCREENS,
    REVIEW_SCREENS,
    ScreenEntry,
)
from recovery_journal.tui.screens.day import DayScreen, TodayScreen
from recovery_journal.tui.screens.questionnaire import QuestionnaireScreen
from recovery_journal.tui.screens.session_form import SessionFormScreen

REGISTRIES = {"patient": PATIENT_SCREENS, "review": REVIEW_SCREENS, "caseload": CASELOAD_SCREENS}


def screen_class(entry: ScreenEntry) -> type:
    module_name, class_name = entry.where.split(":")
    return getattr(import_module(f"recovery_journal.tui.screens.{module_name}"), class_name)


@pytest.mark.parametrize("app", REGISTRIES)
def test_each_registry_line_names_a_screen_once(app: str) -> None:
    entries = REGISTRIES[app]
    assert len({e.mode for e in entries}) == len(entries)
    assert len({e.key for e in entries}) == len(entries)
    for entry in entries:
        assert issubclass(screen_class(entry), Screen), entry


def test_the_review_shows_the_patients_screens_with_overview_for_today() -> None:
    patient = [e.mode for e in PATIENT_SCREENS]
    review = [e.mode for e in REVIEW_SCREENS]
    assert review == ["overview", *patient[1:]]
    assert [e.key for e in REVIEW_SCREENS] == [e.key for e in PATIENT_SCREENS]


@pytest.mark.parametrize("form", [DayScreen, TodayScreen, SessionFormScreen, QuestionnaireScreen])
def test_forms_with_edits_keep_the_unsaved_changes_contract(form: type) -> None:
    assert issubclass(form, UnsavedChanges)


def test_only_the_questionnaire_asks_its_own_question() -> None:
    assert issubclass(QuestionnaireScreen, AsksBeforeLeaving)
    assert not issubclass(DayScreen, AsksBeforeLeaving)
    assert not issubclass(SessionFormScreen, AsksBeforeLeaving)


@pytest.mark.parametrize("entry", [e for e in PATIENT_SCREENS if e.mode != "today"])
def test_screens_without_edits_are_left_without_a_question(entry: ScreenEntry) -> None:
    assert not issubclass(screen_class(entry), UnsavedChanges)
