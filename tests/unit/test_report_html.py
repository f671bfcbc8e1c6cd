"""The HTML report: self-contained, escaped, deterministic, with its charts."""

from __future__ import annotations

import re
from datetime import date

import pytest

from recovery_journal.demo import build_demo
from recovery_journal.model import Day
from recovery_journal.report import export
from report_fixtures import fill_small


@pytest.fixture
def html(memory_journal, monkeypatch) -> str:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    build_demo(memory_journal, days=90, seed=1)
    memory_journal.put_days(
        [Day(date(2026, 11, 20), mood=5, note='<script>alert(1)</script> & "quotes"')]
    )
    text = export(memory_journal, "html")
    assert isinstance(text, str)
    return text


def test_it_loads_nothing_from_outside(html):
    lowered = html.lower()
    assert "<script" not in lowered
    assert "@import" not in lowered
    assert "src=" not in lowered
    assert "<link" not in lowered
    assert "url(" not in lowered
    # the only URL is the SVG namespace, which browsers never fetch
    assert set(re.findall(r"https?://[^\"' )]+", html)) == {"http://www.w3.org/2000/svg"}


def test_it_has_the_charts_as_inline_svg(html):
    assert html.count("<svg") >= 4
    for title in (
        "Mood over time",
        "Habits per week",
        "Mood by day after a session",
        "PHQ-9 totals",
    ):
        assert title in html


def test_notes_are_escaped(html):
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" in html


def test_it_has_the_sections_of_the_spec(html):
    order = [
        "Safety",
        "Summary",
        "Charts",
        "Questionnaires",
        "Sessions",
        "Daily check-ins",
        "Journal notes",
    ]
    positions = [
        html.index(f">{name}<") if name != "Safety" else html.index("[!] Safety") for name in order
    ]
    assert positions == sorted(positions)
    assert "@page" in html and "break-inside: avoid" in html


def test_same_journal_and_source_date_epoch_give_the_same_bytes(memory_journal, monkeypatch):
    fill_small(memory_journal)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    for fmt in ("html", "md", "json", "csv"):
        assert export(memory_journal, fmt) == export(memory_journal, fmt), fmt
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790086400")
    assert "generated 22 Sep 2026" in export(memory_journal, "html")  # type: ignore[operator]


def test_an_empty_journal_still_makes_a_report(memory_journal):
    text = export(memory_journal, "html")
    assert isinstance(text, str)
    assert "No check-ins in this range." in text
    assert text.count("<svg") >= 3


def test_range_limits_the_report(memory_journal):
    fill_small(memory_journal)
    text = export(memory_journal, "html", since=date(2026, 11, 5), until=date(2026, 11, 6))
    assert isinstance(text, str)
    assert "2026-11-05" in text and "2026-11-04</td>" not in text
    assert "[!] Safety" not in text  # the item-9 answer of 1 Nov is outside the range
