"""Integration prompts: a few optional questions for the note in the days after a session.

Offered on the session day and on day 1 and day 7 after it, never required and never
repeated as a nag: Today shows one quiet line, and a key inserts the prompt the person
chooses. Pure data and functions (no textual, no I/O).
"""

from __future__ import annotations

from datetime import date

from recovery_journal.model import Session

PROMPTS = (
    "What came up in the session?",
    "What did my body feel, then and since?",
    "What feels different now?",
    "What do I want to bring to therapy?",
)

# Days after a session (0: the session day) on which the prompts are offered.
PROMPT_DAYS = (0, 1, 7)
PROMPT_KEY = "ctrl+t"

# One line at 80 columns (Today's panel must leave the Note on screen at 80×24).
OFFER = "If you like, ctrl+t offers a few questions for the note."


def days_since_session(day: date, sessions: list[Session]) -> int | None:
    """Days from the latest session on or before `day` (0 on a session day); None before any."""
    earlier = [session.date for session in sessions if session.date <= day]
    return (day - max(earlier)).days if earlier else None


def offers_prompts(day: date, sessions: list[Session]) -> bool:
    """True on a session day, and on day 1 and day 7 after the latest session."""
    return days_since_session(day, sessions) in PROMPT_DAYS


def with_prompt(note: str, prompt: str) -> str:
    """The note with the prompt added after it on a line of its own (a blank line between),
    ready for an answer. Only added to: the note's own text stays exactly as it was."""
    if not note.strip():
        return f"{note}{prompt}\n"
    if note.endswith("\n\n"):
        separator = ""
    elif note.endswith("\n"):
        separator = "\n"
    else:
        separator = "\n\n"
    return f"{note}{separator}{prompt}\n"
