"""The one factory of the app, above the patient's app (`tui/app.py`) and the therapist's
review (`tui/review_app.py`), which subclasses it: `create_app` picks one, `run_app` runs it.
The entry point (`context.open_app`), the CLI's `review` and the tests build the app here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_journal.clock import Clock
from recovery_journal.tui.app import RecoveryJournalApp

if TYPE_CHECKING:
    from recovery_journal.caseload import CaseloadFile
    from recovery_journal.errors import RecoveryJournalError
    from recovery_journal.store import Journal


def create_app(
    journal: Journal | Callable[[], Journal],
    clock: Clock,
    review_of: Path | None = None,
    crash_folder: Path | None = None,
    caseload: list[CaseloadFile] | None = None,
    *,
    demo: bool = False,
    settings_file: Path | None = None,
) -> RecoveryJournalApp:
    """The one factory used by the entry point and the tests: an open journal, or a
    callable that opens it once the first frame is drawn. `crash_folder`: where a crash
    file goes (default: the journal's folder); `demo`: the header says so;
    `settings_file`: where the theme is kept (none: not kept). A read-only journal
    (`review_of`) or a `caseload` of export files gives the therapist's review
    (tui/review_app.py), which keeps no settings."""
    if caseload is not None or review_of is not None:
        from recovery_journal.tui.review_app import CaseloadApp, ReviewApp

        if caseload is not None:
            return CaseloadApp(journal, clock, caseload=caseload, crash_folder=crash_folder)
        return ReviewApp(journal, clock, review_of=review_of, crash_folder=crash_folder)
    return RecoveryJournalApp(
        journal,
        clock,
        review_of=review_of,
        crash_folder=crash_folder,
        demo=demo,
        settings_file=settings_file,
    )


def run_app(
    journal: Journal | Callable[[], Journal],
    clock: Clock,
    review_of: Path | None = None,
    crash_folder: Path | None = None,
    caseload: list[CaseloadFile] | None = None,
    *,
    demo: bool = False,
    settings_file: Path | None = None,
) -> RecoveryJournalError | None:
    """Run the app; the error that stopped it (the journal unusable, or a crash), if any."""
    app = create_app(
        journal,
        clock,
        review_of,
        crash_folder,
        caseload,
        demo=demo,
        settings_file=settings_file,
    )
    app.run()
    return app.failure
