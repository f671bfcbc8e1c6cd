"""The import's progress on a terminal names the file as it is: never markup, never an
escape sequence obeyed (PRODUCT.md §12)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from recovery_journal.tui import progress


def test_the_bar_shows_a_file_name_with_brackets_and_escapes_as_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = io.StringIO()
    monkeypatch.setattr(progress, "_on_terminal", lambda: True)
    real_console = Console

    def to_buffer(*args: object, **kwargs: object) -> Console:
        return real_console(file=out, force_terminal=True, width=120, color_system=None)

    monkeypatch.setattr("rich.console.Console", to_buffer)
    with progress.TerminalProgress(min_rows=0).reading("Reading [b]x\x1b[2J.csv", 5) as tick:
        tick(5)
    shown = out.getvalue()
    assert "Reading [b]x␛[2J.csv" in shown  # "[b]" was taken as bold, ESC sent as is
    assert "\x1b[2J" not in shown
