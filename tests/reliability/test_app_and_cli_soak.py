"""The real app saving notes and habits while two CLI processes append and log: every
confirmed write is there at the end (issue 12, item 1: none lost)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from recovery_journal.clock import FixedClock
from recovery_journal.store import DayChanges, Journal
from recovery_journal.tui.factory import create_app
from support import NOW

ROUNDS = 30  # per CLI writer
APP_ROUNDS = 25  # at least, and on until both writers are done

# A CLI process: the real command line (`main`), one confirmed `log` after another.
CLI_WRITER = textwrap.dedent(
    """
    import sys, time
    from recovery_journal.cli import main

    db, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for n in range(rounds):
        extra = (["--habit", f"meditation={n + 1}"] if name == "a" else ["--tag", f"b{n}"])
        code = main(["--db", db, "log", "--append-note", f"cli-{name}-{n}.", *extra])
        if code == 0:
            print("confirmed", n, flush=True)
        time.sleep(0.02)
    """
)


@pytest.mark.slow
async def test_the_app_and_two_cli_writers_lose_no_confirmed_word(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "journal.db"
    script = tmp_path / "cli_writer.py"
    script.write_text(CLI_WRITER)
    env = {**os.environ, "RECOVERY_JOURNAL_NOW": NOW, "HOME": str(tmp_path)}
    with Journal.open(path, clock) as journal:
        journal.update_day(clock.today(), DayChanges(fields={"mood": 5, "note": "Morning."}))
        app = create_app(journal, clock)
        saved_by_app: list[int] = []
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            writers = [
                subprocess.Popen(
                    [sys.executable, str(script), str(path), name, str(ROUNDS)],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    env=env,
                )
                for name in ("a", "b")
            ]
            k = 0
            while k < APP_ROUNDS or any(w.poll() is None for w in writers):
                screen = app.screen
                screen.query_one("#habit-exercise", Input).value = str(k + 1)
                note = screen.query_one("#note", TextArea)
                note.focus()
                note.move_cursor(note.document.end)
                await pilot.press("space", *f"app{k}", "full_stop", "ctrl+s")
                await pilot.pause()
                if not screen.has_unsaved_changes():
                    saved_by_app.append(k)
                k += 1
            outputs = [w.communicate(timeout=60) for w in writers]
            assert not screen.has_unsaved_changes()
    confirmed = {
        name: [int(line.split()[1]) for line in out.splitlines() if line.startswith("confirmed")]
        for name, (out, _) in zip("ab", outputs, strict=True)
    }
    for name, (_, err) in zip("ab", outputs, strict=True):
        assert len(confirmed[name]) == ROUNDS, f"writer {name} failed: {err}"
    conn = sqlite3.connect(path)
    try:
        (note_text,) = conn.execute("SELECT note FROM days").fetchone()
        habits = dict(conn.execute("SELECT habit, value FROM habit_values"))
        tags = {row[0] for row in conn.execute("SELECT tag FROM day_tags")}
    finally:
        conn.close()
    lost = [f"cli-{name}-{n}." for name in "ab" for n in confirmed[name]]
    lost += [f"app{k}." for k in saved_by_app]
    lost = [words for words in lost if words not in note_text]
    assert not lost, f"{len(lost)} confirmed writes lost, e.g. {lost[:5]}"
    assert "Morning." in note_text
    assert len(saved_by_app) >= APP_ROUNDS
    assert habits["meditation"] == ROUNDS and habits["exercise"] == k
    assert tags == {f"b{n}" for n in range(ROUNDS)}
