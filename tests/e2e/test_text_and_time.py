"""Words kept exactly, whatever they hold; local times right across daylight-saving changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def test_a_long_note_with_emoji_rtl_and_crlf_round_trips_exactly(cli) -> None:
    body = "Walked by the river 🌊\r\nשלום — مرحبا\u202e  trailing  \r\n"
    note = (body * (99_000 // len(body) + 1))[:99_000]
    assert cli("log", "--mood", "6", "--note", "-", stdin=note).code == 0
    [day] = cli("show", "--format", "json").json()
    assert day["note"] == note and len(day["note"]) == 99_000


def test_a_note_one_character_over_the_limit_is_refused_and_nothing_stored(cli) -> None:
    result = cli("log", "--mood", "6", "--note", "-", stdin="x" * 100_001)
    assert result.code == 2 and "100,000" in result.err
    assert not cli.db.exists()


@pytest.mark.skipif(
    not Path("/usr/share/zoneinfo/Europe/Berlin").exists(),
    reason="needs the system time-zone database",
)
def test_session_times_take_the_offset_in_force_on_their_date(cli) -> None:
    """Europe/Berlin moves from +01:00 to +02:00 on 29 March 2026 at 02:00."""
    env = {"TZ": "Europe/Berlin", "RECOVERY_JOURNAL_NOW": ""}
    for at in ("2026-03-29 01:30", "2026-03-29 03:30", "2026-07-01 10:00", "2026-11-01 10:00"):
        assert cli("session", "add", "--at", at, "--kind", "other", **env).code == 0
    times = [s["at"] for s in cli("session", "list", "--format", "json", **env).json()]
    assert times == [
        "2026-03-29T01:30:00+01:00",
        "2026-03-29T03:30:00+02:00",
        "2026-07-01T10:00:00+02:00",
        "2026-11-01T10:00:00+01:00",
    ]
    assert os.environ.get("TZ") != "Europe/Berlin"  # the test's own process is unchanged
