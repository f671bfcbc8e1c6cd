"""Redaction: the words left out appear in no byte of any format (PRODUCT.md §7)."""

from __future__ import annotations

import io
import zipfile

import pytest

from recovery_journal.report import export, load, render
from report_fixtures import MARKER, fill_small

FORMATS = ("html", "md", "json", "csv", "zip")


def _all_bytes(journal, redact: str) -> dict[str, bytes]:
    out = {}
    for fmt in FORMATS:
        data = load(journal, redact=redact)
        content = render(data, "csv" if fmt == "zip" else fmt, zipped=fmt == "zip")
        if fmt == "zip":
            assert isinstance(content, bytes)
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                content = b"".join(archive.read(name) for name in archive.namelist())
        out[fmt] = content if isinstance(content, bytes) else content.encode("utf-8")
    return out


@pytest.fixture
def marked(memory_journal):
    fill_small(memory_journal, marker=MARKER)
    return memory_journal


def test_the_marker_is_everywhere_without_redaction(marked):
    for fmt, raw in _all_bytes(marked, "none").items():
        assert MARKER in raw.decode("utf-8").lower(), fmt
    assert b"187/113" in _all_bytes(marked, "none")["json"]


def test_text_redaction_leaves_no_marker_in_any_byte(marked):
    for fmt, raw in _all_bytes(marked, "text").items():
        text = raw.decode("utf-8").lower()
        assert MARKER not in text, fmt
        assert "187/113" not in text, fmt  # blood pressure
    html = _all_bytes(marked, "text")["html"].decode()
    assert "custom habit 1" in html
    assert "nausea" in html  # the listed side effects stay


def test_notes_redaction_leaves_out_notes_intentions_and_insights(marked):
    words = (f"{MARKER} note", f"Intention {MARKER}", f"Insight {MARKER}")
    unredacted = {fmt: raw.decode("utf-8") for fmt, raw in _all_bytes(marked, "none").items()}
    # Each word is there to be left out: in every format (the plain csv is the days table
    # alone, without the sessions' intentions and insights).
    carried = {word: [fmt for fmt in FORMATS if word in unredacted[fmt]] for word in words}
    with_sessions = [fmt for fmt in FORMATS if fmt != "csv"]
    assert carried == {words[0]: list(FORMATS), words[1]: with_sessions, words[2]: with_sessions}
    for fmt, raw in _all_bytes(marked, "notes").items():
        text = raw.decode("utf-8")
        for word in words:
            assert word not in text, (fmt, word)
    # tags and providers stay at this level
    assert f"{MARKER}tag".encode() in _all_bytes(marked, "notes")["json"]


@pytest.mark.parametrize("level", ["notes", "text"])
def test_the_report_says_it_is_redacted_before_its_first_table_or_chart(marked, level):
    html = export(marked, "html", redact=level)
    assert isinstance(html, str)
    notice = html.index("Redacted:")
    assert notice < html.index("<svg") and notice < html.index("<table")
    md = export(marked, "md", redact=level)
    assert isinstance(md, str)
    assert md.index("Redacted:") < md.index("|")


@pytest.mark.parametrize("level", ["none", "notes", "text"])
def test_the_safety_flag_stays_in_redacted_reports(marked, level):
    for fmt in ("html", "md"):
        text = export(marked, fmt, redact=level)
        assert isinstance(text, str)
        assert "[!] Safety" in text
        assert "item 9" in text
        assert text.index("[!] Safety") < text.index("Summary")
