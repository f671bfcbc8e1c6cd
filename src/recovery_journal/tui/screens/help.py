"""Help: the keys, what each screen is for, where the journal lives, privacy."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from recovery_journal.tui.screens.base import JournalScreen
from recovery_journal.tui.widgets.text import visible


def code_span(text: str) -> str:
    """Markdown code for any text (a path may hold backticks, brackets or controls)."""
    shown = visible(text).replace("\n", "\u240a")  # ␊: a code span is one line
    longest = max((len(run) for run in re.findall("`+", shown)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {shown} {fence}" if longest else f"{fence}{shown}{fence}"


def help_text(
    journal_path: str,
    navigation: tuple[tuple[str, str, str, str], ...],
    crisis: str = "in the US, call or text 988",
) -> str:
    """The help page in Markdown: every screen's key, the keys within screens, where
    the journal lives, and privacy."""
    rows = "\n".join(
        f"| {key.upper()} | {name} | {purpose} |" for _, name, key, purpose in navigation
    )
    return f"""# Help

| Key | Screen | What it is for |
| --- | --- | --- |
{rows}

**Everywhere:** ctrl+p opens the command palette (type a screen's name) · ctrl+q quits.
**Today and any day:** ctrl+g goes to any date (2026-11-28, yesterday, friday) · Tab moves
between fields · ctrl+n goes to the note, at its end · ctrl+s saves · in a yes/no field, space
cycles *not logged → yes → no*, y and n set it, Delete clears it. The note is kept as a
draft while you type, so nothing is lost if the app stops. On a session day and on day 1
and day 7 after one, ctrl+t offers a few questions for the note (only if you like).
**Sessions and Habits:** a adds · Enter edits · d deletes a session · v shows every
session's intention and insights side by side (Themes) · x archives a habit.
**History:** ctrl+f searches notes and tags · Enter opens a day, logged or not.
**Trends:** 1–4 choose the range, m h r p g the chart; the chosen ones are marked ●.

## Your journal

It lives in one file: {code_span(journal_path)}. Backups of the last 7 days are kept in
`backups/` beside it.

## Privacy

Everything stays on this computer: the app has no network code and sends nothing anywhere.
Nobody monitors this journal — if you are in danger, call your local emergency number
({crisis}).
"""


def review_help_text(
    file_name: str,
    navigation: tuple[tuple[str, str, str, str], ...],
    crisis: str = "in the US, call or text 988",
) -> str:
    """Help in review: for the therapist reading a patient's export file."""
    rows = "\n".join(
        f"| {key.upper()} | {name} | {purpose} |" for _, name, key, purpose in navigation
    )
    return f"""# Help — review

You are reading {code_span(file_name)}, an export of a patient's journal, read-only.

| Key | Screen | What it is for |
| --- | --- | --- |
{rows}

**Everywhere:** ctrl+p opens the command palette (type a screen's name) · ctrl+q quits.

**Overview** comes first: every PHQ-9 item-9 answer above 0 in the file, then the file
(its range, what was left out, when it was exported), then what happened since the last
treatment session. "Today" in a review is the file's last day, so "the last 30 days" end
there.

**Sessions and History:** Enter opens a session or a day, to read · v on Sessions shows
every session's intention and insights side by side (Themes).

## Nothing is written

A review changes nothing: not the patient's file and not your own journal. Export (F8)
writes a report only where you choose, and never over an existing file.

## Safety

Nobody monitors this journal: an item-9 answer reaches anyone only through a file like
this one. The patient's app shows crisis resources ({crisis}) when they answer it.
"""


class HelpScreen(JournalScreen):
    """The help page."""

    CSS_PATH = "help.tcss"

    def compose_body(self) -> ComposeResult:
        """The patient's help, or the therapist's in a review, with the
        crisis line of the right country."""
        from recovery_journal.assessments import crisis_line_short
        from recovery_journal.crisis_lines import resolve

        with VerticalScroll(id="help"):
            if self.reviewing:
                source = self.journal_app.review_of
                # The file's own country: the one the patient's app named (the export's
                # `crisis_country`).
                crisis = crisis_line_short(getattr(self.journal, "crisis_country", None))
                yield Markdown(
                    review_help_text(
                        source.name if source else "a file",
                        self.journal_app.NAVIGATION,
                        crisis,
                    )
                )
            else:
                crisis = crisis_line_short(resolve(getattr(self.app, "settings_file", None)))
                yield Markdown(
                    help_text(
                        str(self.journal.path or "(in memory)"), self.journal_app.NAVIGATION, crisis
                    )
                )
