"""The therapist's `review`: an export file (plain or sealed) read into a throwaway
journal, the clock a review runs on, and a caseload of files. The CLI's `review` asks
these, and the app is handed what they return.

    journal = load_review(path, clock)
    app_clock = review_clock_of(journal, clock)
    files = open_caseload(paths, clock)

Nothing here writes anywhere: each journal is in memory and read-only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recovery_journal.caseload import CaseloadFile
    from recovery_journal.clock import Clock
    from recovery_journal.store import Journal


def load_review(path: Path, clock: Clock) -> Journal:
    """An export file in a throwaway in-memory journal, read-only (for `review`); the
    file's own metadata (label, range, redaction, export time) on `journal.export_info`.
    A sealed file (.rjx) is unsealed in memory, once (its passphrase asked then)."""
    import json

    from recovery_journal.crisis_lines import known
    from recovery_journal.importers.json_import import export_bytes, load_into, parse_export_bytes
    from recovery_journal.review_file import info_from_object
    from recovery_journal.store import Journal

    raw = export_bytes(path)  # a sealed file is opened in memory, once
    parsed = parse_export_bytes(raw, path)
    whole = json.loads(raw.decode("utf-8-sig"))
    info = info_from_object(whole, path.name)
    country = whole.get("crisis_country") if isinstance(whole, dict) else None
    journal = Journal.open(":memory:", clock)
    try:
        load_into(journal, parsed, on_conflict="replace")
    except BaseException:
        journal.close()
        raise
    journal.read_only = True
    journal.export_info = info
    journal.treatment_context = parsed.context  # numbers sessions as the exporting journal did
    # The crisis line the patient's app named, for the review's reports and help.
    journal.crisis_country = known(country) if isinstance(country, str) else None
    return journal


def review_clock_of(journal: Journal, fallback: Clock) -> Clock:
    """The clock a review runs on: the file's last date (see `review_file.review_clock`)."""
    from recovery_journal.review_file import review_clock

    info = journal.export_info
    found = review_clock(info, journal.data_range()) if info is not None else None
    return found or fallback


def open_caseload(paths: list[Path], clock: Clock) -> list[CaseloadFile]:
    """Every file of a caseload, each read into its own read-only journal; a file that
    cannot be read is kept with its error."""
    from recovery_journal.caseload import CaseloadFile, caseload_row, error_row
    from recovery_journal.errors import RecoveryJournalError

    files: list[CaseloadFile] = []
    for path in paths:
        try:
            journal = load_review(path, clock)
        except RecoveryJournalError as error:
            files.append(CaseloadFile(error_row(path, str(error)), None, clock))
            continue
        except OSError as error:  # e.g. a file that vanished between listing and reading
            files.append(CaseloadFile(error_row(path, error.strerror or str(error)), None, clock))
            continue
        own = review_clock_of(journal, clock)
        assert journal.export_info is not None
        row = caseload_row(
            path,
            journal.export_info,
            journal.days(),
            journal.sessions(),
            journal.assessments(),
            own.today(),
            journal.treatment_context,
        )
        files.append(CaseloadFile(row, journal, own))
    return files
