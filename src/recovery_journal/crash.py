"""An unexpected error: the details go to a private crash file, the screen gets one line.

A traceback can hold a note, a habit label or a file name, so it is never printed: it is
written to `crash-YYYYmmdd-HHMMSS.txt` (mode 0600) in the journal's folder, and the person
reads one calm line naming that file. Standard library only.

Beside an encrypted journal the crash file is plain text too, so there it holds no error
message at all (a message can quote a note, a label or a passphrase): only the program's
own lines where it happened and the kind of each error.
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


_SQLITE_HEADER = b"SQLite format 3\x00"


def journal_is_encrypted(journal_path: Path | str | None) -> bool:
    """True when the journal file is not a plain SQLite file (an encrypted one; a damaged
    one is treated the same, to be safe)."""
    if journal_path is None or str(journal_path) == ":memory:":
        return False
    import stat

    path = Path(journal_path).expanduser()
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would never answer
            return False
        with open(path, "rb") as handle:
            start = handle.read(len(_SQLITE_HEADER))
    except OSError:
        return False
    return bool(start) and start != _SQLITE_HEADER


def _without_messages(error: BaseException) -> list[str]:
    """The traceback of `error` and of the errors it came from, each message left out."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    lines: list[str] = []
    for number, each in enumerate(reversed(chain)):
        if number:
            lines.append("\nThe error above led to this one:\n\n")
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(each.__traceback__))
        kind = type(each)
        lines.append(f"{kind.__module__}.{kind.__qualname__} (its message is left out)\n")
    return lines


def write_crash_file(folder: Path, error: BaseException, *, private: bool = False) -> Path | None:
    """Write the traceback to a new owner-only file in `folder` (or the temporary folder
    when that cannot be written); its path, or None when no file could be written.
    `private` (an encrypted journal, a sealed file): the error messages are left out."""
    from recovery_journal import __version__

    now = SystemClock().now()  # the real moment, also under a pinned test clock
    if private:
        lines = _without_messages(error)
        about = (
            "The journal or file in use is encrypted, so this file holds none of its words: "
            "the error messages are left out, only where in the program it happened is kept."
        )
    else:
        lines = traceback.format_exception(type(error), error, error.__traceback__)
        about = (
            "This file may contain words from your journal. It stays on this computer "
            "unless you share it."
        )
    text = (
        f"recovery-journal {__version__}, Python {sys.version.split()[0]}, {now.isoformat()}\n"
        f"{about}\n\n" + "".join(lines)
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
