"""An unexpected error: the details go to a private crash file, the screen gets one line.

A traceback can hold a note, a habit label or a file name, so it is never printed: it is
written to `crash-YYYYmmdd-HHMMSS.txt` (mode 0600) in the journal's folder, and the person
reads one calm line naming that file. Standard library only.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

from recovery_journal.clock import SystemClock

DEBUG_ENV = "RECOVERY_JOURNAL_DEBUG"


def debugging() -> bool:
    """`RECOVERY_JOURNAL_DEBUG` set: show the traceback too (for developers)."""
    return bool(os.environ.get(DEBUG_ENV))


def crash_folder(journal_path: Path | str | None) -> Path:
    """The journal's folder; the temporary folder for a journal without a file."""
    if journal_path is None or str(journal_path) == ":memory:":
        return Path(tempfile.gettempdir())
    return Path(journal_path).expanduser().parent


def write_crash_file(folder: Path, error: BaseException) -> Path | None:
    """Write the traceback to a new owner-only file in `folder` (or the temporary folder
    when that cannot be written); its path, or None when no file could be written."""
    from recovery_journal import __version__

    lines = traceback.format_exception(type(error), error, error.__traceback__)
    now = SystemClock().now()  # the real moment, also under a pinned test clock
    text = (
        f"recovery-journal {__version__}, Python {sys.version.split()[0]}, {now.isoformat()}\n"
        "This file may contain words from your journal. It stays on this computer unless "
        "you share it.\n\n" + "".join(lines)
    )
    stamp = f"{now:%Y%m%d-%H%M%S}"
    for place in dict.fromkeys((folder, Path(tempfile.gettempdir()))):
        for attempt in range(100):
            name = f"crash-{stamp}.txt" if attempt == 0 else f"crash-{stamp}-{attempt + 1}.txt"
            path = place / name
            try:
                place.mkdir(mode=0o700, parents=True, exist_ok=True)
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            except OSError:
                break
            with os.fdopen(descriptor, "w", encoding="utf-8", errors="backslashreplace") as out:
                out.write(text)
            return path
    return None


def crash_message(path: Path | None, what: str = "the app closed") -> str:
    """The one line a person reads (after `error: `); it never holds their words."""
    where = f"Details are in {path}" if path else "The details could not be written to a file"
    return f"something went wrong and {what}; nothing you saved is lost. {where}"
