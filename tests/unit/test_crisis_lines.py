"""Crisis lines by country: the table is whole, and the country is found as documented."""

from __future__ import annotations

import json
from datetime import date

import pytest

from recovery_journal import assessments, crisis_lines
from recovery_journal.crisis_lines import LINES, from_locale, resolve, resolve_with_source

REQUIRED = [
    "US",
    "CA",
    "GB",
    "IE",
    "AU",
    "NZ",
    "DE",
    "AT",
    "CH",
    "FR",
    "BE",
    "NL",
    "ES",
    "IT",
    "PT",
    "SE",
    "NO",
    "DK",
    "FI",
    "IN",
    "ZA",
    "BR",
    "MX",
    "JP",
]


def test_the_required_countries_are_there() -> None:
    assert set(REQUIRED) <= set(LINES)
    assert len(LINES) >= 20


@pytest.mark.parametrize("code", sorted(LINES))
def test_every_entry_has_every_field(code: str) -> None:
    line = LINES[code]
    assert line.country == code and len(code) == 2 and code.isupper()
    assert line.name.strip() and line.service.strip() and line.emergency.strip()
    assert line.numbers and all(n.strip() and any(c.isdigit() for c in n) for n in line.numbers)
    assert isinstance(line.texts, bool)
    assert (line.text_number is not None) == line.texts  # a text number exactly when it texts
    assert line.source.startswith(("https://", "http://"))
    assert date.fromisoformat(line.checked) <= date(2026, 12, 1)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LANG": "de_AT.UTF-8@euro"}, "AT"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "FR"),  # LC_ALL comes first
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"}, "JP"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LANG": "en_SG.UTF-8"}, None),  # a country the table does not hold
        ({}, None),
    ],
)
def test_the_locale_gives_the_country(environ: dict[str, str], expected: str | None) -> None:
    assert from_locale(environ) == expected


def test_the_setting_comes_before_the_environment_and_the_locale(tmp_path) -> None:
    settings = tmp_path / "journal.settings.json"
    environ = {"RECOVERY_JOURNAL_COUNTRY": "au", "LANG": "en_GB.UTF-8"}
    assert resolve_with_source(settings, environ) == ("AU", "environment")
    assert resolve_with_source(settings, {"LANG": "en_GB.UTF-8"}) == ("GB", "locale")
    settings.write_text(json.dumps({"country": "NZ", "theme": "x"}), encoding="utf-8")
    assert resolve_with_source(settings, environ) == ("NZ", "setting")


def test_a_country_given_that_the_table_lacks_is_not_replaced_by_the_locale() -> None:
    assert resolve(None, {"RECOVERY_JOURNAL_COUNTRY": "ZZ", "LANG": "en_GB.UTF-8"}) is None


def test_the_safety_message_for_the_uk_names_samaritans() -> None:
    text = assessments.safety_message("GB")
    assert "116 123" in text and "Samaritans" in text and "999" in text
    assert "988" not in text
    assert "Nobody monitors this journal" in text


def test_the_safety_message_for_australia_names_lifeline_and_its_text_number() -> None:
    text = assessments.safety_message("AU")
    assert "call 13 11 14 or text 0477 13 11 14 (Lifeline)" in text
    assert "call 000" in text and "988" not in text


def test_an_unknown_country_gets_the_us_line_and_the_local_emergency_number() -> None:
    for country in (None, "ZZ"):
        text = assessments.safety_message(country)
        assert "In the US, you can call or text 988" in text
        assert "Elsewhere, your local emergency number" in text
        assert "call your local emergency number" in text


def test_the_shorter_lines_follow_the_country_too() -> None:
    assert "116 123" in assessments.safety_reminder("GB")
    assert "13 11 14" in assessments.safety_summary_line("AU")
    assert "988" in assessments.safety_reminder(None)
    assert "Samaritans" in assessments.report_crisis_resources("GB")
    assert crisis_lines.known("uk") == "GB"
