"""Never lose a confirmed word: SIGKILL at random moments, and several writers at once."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from support import NOW

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date, datetime, timedelta
    from recovery_journal.clock import FixedClock
    from recovery_journal.store import DayChanges, Journal

    path, start = sys.argv[1], int(sys.argv[2])
    clock = FixedClock(datetime.fromisoformat({now!r}))
    journal = Journal.open(path, clock)
    first = date(2020, 1, 1)
    n = start
    while True:
        day = first + timedelta(days=n)
        journal.update_day(day, DayChanges(fields={{"mood": n % 10 + 1,
                                                    "note": f"entry {{n}} " + "x" * 2000}}))
        print(n, flush=True)
        n += 1
    """
).format(now=NOW)


@pytest.mark.slow
def test_forty_random_kills_lose_no_confirmed_write(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    rng = random.Random(20261127)
    confirmed: list[int] = []
    next_start = 0
    for _ in range(40):
        process = subprocess.Popen(
            [sys.executable, str(script), str(path), str(next_start)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        first_line = process.stdout.readline()  # wait until it is writing
        assert first_line.strip(), "the writer did not start"
        confirmed.append(int(first_line))
        time.sleep(rng.uniform(0, 0.05))
        process.send_signal(signal.SIGKILL)
        rest, _ = process.communicate()
        confirmed.extend(int(line) for line in rest.split() if line.strip())
        next_start = max(confirmed) + 1
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        notes = {row[0] for row in conn.execute("SELECT note FROM days")}
    finally:
        conn.close()
    lost = [n for n in confirmed if f"entry {n} " + "x" * 2000 not in notes]
    assert not lost, f"confirmed writes lost after kills: {lost[:10]}"
    assert len(confirmed) >= 40


CLI_WRITER = textwrap.dedent(
    """
    import sys
    from recovery_journal.cli import main

    db, offset, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    failures = 0
    for n in range(count):
        day = f"2026-{1 + (offset + n) // 28:02d}-{1 + (offset + n) % 28:02d}"
        code = main(["--db", db, "log", "--date", day, "--mood", str(n % 10 + 1),
                     "--append-note", f"writer {offset} entry {n}"])
        failures += code != 0
    print(failures)
    """
)

APP_LIKE = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime
    from recovery_journal.clock import FixedClock
    from recovery_journal.store import Journal

    journal = Journal.open(sys.argv[1], FixedClock(datetime.fromisoformat({now!r})))
    deadline = time.monotonic() + float(sys.argv[2])
    n = 0
    while time.monotonic() < deadline:
        journal.days()                                   # the app reading
        journal.save_draft("note:2026-11-27", f"draft {{n}}")  # and keeping a draft
        n += 1
    print(n)
    """
).format(now=NOW)


@pytest.mark.slow
def test_two_writers_and_an_open_app_never_see_a_locked_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    (tmp_path / "writer.py").write_text(CLI_WRITER)
    (tmp_path / "app.py").write_text(APP_LIKE)
    env_now = {"RECOVERY_JOURNAL_NOW": NOW}
    import os

    env = {**os.environ, **env_now}
    app = subprocess.Popen(
        [sys.executable, str(tmp_path / "app.py"), str(path), "8"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    time.sleep(0.5)
    writers = [
        subprocess.Popen(
            [sys.executable, str(tmp_path / "writer.py"), str(path), str(offset), "40"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for offset in (0, 100)
    ]
    results = [w.communicate(timeout=120) for w in writers]
    app_out, app_err = app.communicate(timeout=60)
    for out, err in results:
        assert out.split()[-1] == "0", f"failed writes: {err}"
        assert "locked" not in err
    assert app.returncode == 0, app_err
    assert int(app_out) > 0
    conn = sqlite3.connect(path)
    try:
        count = conn.execute("SELECT count(*) FROM days").fetchone()[0]
    finally:
        conn.close()
    assert count == 80
