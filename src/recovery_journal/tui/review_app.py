"""The therapist's side of the app: `review FILE` (ReviewApp) and `review A B …` (CaseloadApp).

The same screens as the patient's app, read-only and on the file's clock, with an Overview
first in place of Today, words about the patient, and no key that writes. A caseload opens
on a table of files; Enter opens one (its Overview first), Escape comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding

from recovery_journal.clock import Clock
from recovery_journal.tui.app import RecoveryJournalApp
from recovery_journal.tui.screens import CASELOAD_SCREENS, REVIEW_SCREENS, modes, navigation

if TYPE_CHECKING:
    from recovery_journal.caseload import CaseloadFile
    from recovery_journal.store import Journal

REVIEW_NAVIGATION = navigation(REVIEW_SCREENS)
# The screens that show one patient's file (a caseload makes them afresh for each file).
PATIENT_MODES = tuple(entry.mode for entry in REVIEW_SCREENS)


class ReviewApp(RecoveryJournalApp):
    """`review FILE`: one export file, read-only, on its own clock."""

    MODES = modes(REVIEW_SCREENS)
    DEFAULT_MODE = "overview"
    NAVIGATION = REVIEW_NAVIGATION
    reviewing = True
    # The header holds the file's range and redaction: room for them at 80 columns.
    CSS = "HeaderIcon { width: 1; } HeaderClockSpace { width: 1; }"
    BINDINGS: ClassVar = [
        Binding("ctrl+q", "leave_app", "Quit", priority=True, show=False),
        *(
            Binding(key, f"go('{mode}')", name, priority=True)
            for mode, name, key, _ in REVIEW_NAVIGATION
        ),
    ]

    def __init__(
        self,
        journal: Journal | Callable[[], Journal],
        clock: Clock,
        *,
        review_of: Path | None = None,
        crash_folder: Path | None = None,
    ) -> None:
        super().__init__(journal, clock, review_of=review_of, crash_folder=crash_folder)
        self.read_only = True

    def open_day(self, day: date) -> None:
        """A review has no Today screen: every day, the file's last one too, opens over
        the current screen to be read."""
        from recovery_journal.tui.screens.day import DayScreen

        while len(self.screen_stack) > 1 and isinstance(self.screen, DayScreen):
            self.pop_screen()
        self.push_screen(DayScreen(day))

    def _subtitle(self) -> str:
        """`review (read-only) — 01 Aug – 27 Nov 2026 · notes left out`: the file's range,
        never today's date."""
        from recovery_journal.review_file import range_text
        from recovery_journal.tui.widgets.text import visible

        journal = self.journal
        info = journal.export_info
        since = info.since if info is not None else None
        until = info.until if info is not None else None
        if since is None or until is None:
            found = journal.data_range()
            since, until = found if found else (None, None)
        words = info.redaction_words if info is not None else ""
        redaction = f" · {words}" if words else ""
        return visible(f"review (read-only) — {range_text(since, until)}{redaction}")


class CaseloadApp(ReviewApp):
    """`review A.json B.json …` or a folder: the Caseload first, one review at a time."""

    MODES = modes(CASELOAD_SCREENS)
    DEFAULT_MODE = "caseload"
    NAVIGATION = navigation(CASELOAD_SCREENS)
    BINDINGS: ClassVar = [
        *ReviewApp.BINDINGS,
        Binding("escape", "caseload", "Caseload"),
    ]

    def __init__(
        self,
        journal: Journal | Callable[[], Journal],
        clock: Clock,
        *,
        caseload: list[CaseloadFile],
        crash_folder: Path | None = None,
    ) -> None:
        super().__init__(journal, clock, crash_folder=crash_folder)
        self.caseload = caseload
        self.opened: CaseloadFile | None = None

    def _subtitle(self) -> str:
        if self.opened is None:
            files = "1 file" if len(self.caseload) == 1 else f"{len(self.caseload)} files"
            return f"review (read-only) — caseload of {files}"
        return super()._subtitle()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape back to the caseload only from a file's first screen;
        no screen keys nor Go to date before a file is open."""
        if action == "caseload":
            return self.current_mode != "caseload" and len(self.screen_stack) == 1
        if action in ("go", "go_to_date") and self.opened is None:
            return False  # no file open yet: Enter opens one
        return super().check_action(action, parameters)

    def action_go_to_date(self) -> None:
        """No day to open before a file is (the palette reaches here too)."""
        if self.opened is not None:
            super().action_go_to_date()

    def open_file(self, file: CaseloadFile) -> None:
        """Show one file's review, its Overview first, with fresh screens."""
        if file.journal is None:
            return
        for mode in PATIENT_MODES:
            if mode in self._modes:
                self.remove_mode(mode)
            self.add_mode(mode, self.MODES[mode])
        self._journal = file.journal
        self.clock = file.clock
        self.review_of = file.row.path
        self.opened = file
        self.sub_title = self._subtitle()
        self.switch_mode("overview")

    def action_caseload(self) -> None:
        """Escape: back to the table of files."""
        self.opened = None
        self.sub_title = self._subtitle()
        self.switch_mode("caseload")
        self.refresh_bindings()
