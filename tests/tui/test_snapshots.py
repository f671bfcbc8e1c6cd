"""Every screen as a person sees it, at 100×30 (Today also at 80×24), on a fixed journal.

Update after an intended change with `pytest tests/tui --snapshot-update`, then look at the
SVGs in __snapshots__/ before committing them.
"""

from __future__ import annotations

from recovery_journal.tui.app import RecoveryJournalApp

SIZE = (100, 30)


def test_today(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE)


def test_today_at_80_by_24(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, terminal_size=(80, 24))


def test_today_next_session_at_80_by_24(snap_compare, memory_journal) -> None:
    """Today with a treatment plan (fixed clock, Tue 1 Dec 2026): the next planned session."""
    from datetime import date, datetime

    from recovery_journal.clock import FixedClock
    from recovery_journal.model import Session
    from recovery_journal.schedule import make_plan
    from recovery_journal.store.plans import add_plan
    from recovery_journal.tui.factory import create_app

    tuesday = FixedClock(datetime.fromisoformat("2026-12-01T09:30:00+01:00"))
    memory_journal.clock = tuesday
    add_plan(memory_journal, make_plan(date(2026, 11, 23), template="spravato"))
    for day in ("2026-11-23", "2026-11-26", "2026-11-30"):
        at = datetime.fromisoformat(f"{day}T10:00:00+01:00")
        memory_journal.add_session(Session("", at, "esketamine_nasal"))
    assert snap_compare(create_app(memory_journal, tuesday), terminal_size=(80, 24))


def test_today_first_use(snap_compare, empty_app: RecoveryJournalApp) -> None:
    assert snap_compare(empty_app, terminal_size=SIZE)


def test_sessions(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, press=["f3"], terminal_size=SIZE)


def test_session_form(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, press=["f3", "enter"], terminal_size=SIZE)


def test_history(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, press=["f4"], terminal_size=SIZE)


def test_habits(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, press=["f9"], terminal_size=SIZE)


def test_help(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, press=["f1"], terminal_size=SIZE)


async def _charts_drawn(pilot) -> None:
    await pilot.press("f5")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_trends(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, run_before=_charts_drawn, terminal_size=SIZE)


def test_insights(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, press=["f6"], terminal_size=SIZE)


def test_checkins(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, press=["f7"], terminal_size=SIZE)


def test_export(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, press=["f8"], terminal_size=SIZE)


def test_unsaved_changes_question(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, press=["backspace", "5", "f3"], terminal_size=SIZE)


def test_questionnaire(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, press=["f7", "p", "0", "1"], terminal_size=SIZE)


def test_safety_message_at_80_by_24(snap_compare, demo_app: RecoveryJournalApp) -> None:
    """After a PHQ-9 item 9 above 0: the whole message, the score beside it, no toast."""
    assert snap_compare(demo_app, press=["f7", "p", *"110100001"], terminal_size=(80, 24))


def test_safety_message_for_the_uk_at_80_by_24(
    snap_compare, demo_app: RecoveryJournalApp, monkeypatch
) -> None:
    """The UK's line (Samaritans, 999) in place of the US one, still whole at 80×24."""
    monkeypatch.setenv("RECOVERY_JOURNAL_COUNTRY", "GB")
    assert snap_compare(demo_app, press=["f7", "p", *"110100001"], terminal_size=(80, 24))


def test_questionnaire_summary_at_80_by_24(snap_compare, demo_app: RecoveryJournalApp) -> None:
    """After the last answer: every answer and the total, before anything is saved."""
    assert snap_compare(demo_app, press=["f7", "p", *"121001230"], terminal_size=(80, 24))


# At 80×24 (issue 13, item 5): the key line starts with ^p and F1; the tables show their
# main columns whole.
SMALL = (80, 24)


def test_sessions_at_80_by_24(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, press=["f3"], terminal_size=SMALL)


def test_habits_at_80_by_24(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, press=["f9"], terminal_size=SMALL)


def test_history_at_80_by_24(snap_compare, demo_app: RecoveryJournalApp) -> None:
    assert snap_compare(demo_app, press=["f4"], terminal_size=SMALL)


def test_a_past_day_at_80_by_24(snap_compare, demo_app: RecoveryJournalApp) -> None:
    """ctrl+g to a session day in the past: its words are of the past, with no advice
    for "today"."""
    assert snap_compare(demo_app, press=["ctrl+g", *"2026-11-13", "enter"], terminal_size=SMALL)
