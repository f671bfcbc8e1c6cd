"""What a command needs: the journal path, the clock, the journal once opened, and the one
read of standard input (standard library only; `commands/*` import this, never `cli`)."""

from __future__ import annotations

import contextlib
import sys

from recovery_journal.clock import Clock, clock_from_env
from recovery_journal.errors import InvalidInput
from recovery_journal.paths import resolve_journal_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from recovery_journal.store import Journal


class Context:
    """What a command needs: the journal path, the clock, and the journal once opened."""

    def __init__(self, db: str | None, clock: Clock | None = None) -> None:
        self.db = db
        self._clock = clock
        self._journal: Journal | None = None
        self.created: Path | None = None  # a journal file this command created
        self.created_folder = False

    @property
    def clock(self) -> Clock:
        """The clock given, or the one from the environment (read once, on first use)."""
        if self._clock is None:
            self._clock = read_clock()
        return self._clock

    @property
    def path(self) -> Path:
        """The journal file: `--db`, else the default location."""
        return resolve_journal_path(self.db)

    @property
    def opened(self) -> bool:
        """Whether this command has opened the journal already."""
        return self._journal is not None

    def journal(self, create: bool = True) -> Journal:
        """Open the journal (once); a missing file is created, owner-only."""
        if self._journal is None:
            from recovery_journal.store import Journal

            path = self.path
            existed, folder_existed = path.exists(), path.parent.exists()
            self._journal = Journal.open(path, self.clock, create=create)
            if not existed:
                self.created = path
                self.created_folder = not folder_existed
        return self._journal

    def reading(self) -> Journal:
        """The journal for a command that only reads: a missing file is not created, and
        reads as an empty journal."""
        if self._journal is None and not self.path.exists():
            from recovery_journal.store import Journal

            self._journal = Journal.open(":memory:", self.clock)
        return self.journal()

    def close(self, failed: bool = False) -> None:
        """Close the journal; after a failure, remove a journal this command created."""
        if self._journal is not None:
            empty = failed and self.created is not None and self._journal.is_empty()
            self._journal.close()
            self._journal = None
            if empty and self.created is not None:
                for suffix in ("", "-wal", "-shm"):
                    self.created.with_name(self.created.name + suffix).unlink(missing_ok=True)
                if self.created_folder:
                    with contextlib.suppress(OSError):
                        self.created.parent.rmdir()


def read_clock() -> Clock:
    """The clock, or a one-line error when `RECOVERY_JOURNAL_NOW` is not a date-time."""
    try:
        return clock_from_env()
    except ValueError:
        raise InvalidInput(
            "RECOVERY_JOURNAL_NOW is not an ISO 8601 date-time such as "
            "2026-11-27T09:30:00+01:00; fix or unset it"
        ) from None


# The option that has read standard input in this run (stdin can be read only once).
_stdin: list[str] = []


def one_stdin(args: argparse.Namespace, *names: str) -> None:
    """At most one of these options may be `-` (read standard input): refused before
    anything is read or written."""
    given = [name for name in names if getattr(args, name, None) == "-"]
    if len(given) > 1:
        flags = " and ".join("--" + name.replace("_", "-") for name in given)
        raise InvalidInput(
            f"{flags} both read standard input (-), and it can be read only once; "
            "give one of them as text"
        )


def read_text_argument(value: str, what: str = "text") -> str:
    """`-` reads the text from standard input, exactly as given (CRLF kept)."""
    if value != "-":
        return value
    if _stdin:
        raise InvalidInput(f"{_stdin[0]} has read standard input (-) already; give {what} as text")
    _stdin.append(what)
    from recovery_journal.rules import NOTE_MAX_CHARS, TEXT_MAX_CHARS

    # Never more than the longest text a journal keeps (4 bytes a character at most), so an
    # endless input (`< /dev/zero`, a pipe that never closes) is refused instead of eating
    # the memory.
    limit = max(NOTE_MAX_CHARS, TEXT_MAX_CHARS)
    data = sys.stdin.buffer.read(limit * 4 + 1)
    if len(data) > limit * 4:
        raise InvalidInput(
            f"the text on standard input is longer than the {limit:,} characters {what} can "
            "hold; nothing was saved"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("the text on standard input is not UTF-8") from None


def open_app(context: Context, demo: bool = False) -> int:
    """No command: the TUI on the user's journal (`demo`: one `demo` has just built).

    The file is checked first (a damaged or foreign file is refused before the screen
    changes); the journal itself is opened by the app right after its first frame.
    """
    path = context.path
    if path.exists():
        from recovery_journal.store.connection import check_file

        check_file(path)
        from recovery_journal.tui.unlock import unlock

        if not unlock(path):  # an encrypted journal: its password screen, before anything
            return 0
    from recovery_journal.settings import settings_path
    from recovery_journal.tui.factory import run_app

    failure = run_app(
        context.journal,
        context.clock,
        crash_folder=path.parent,
        demo=demo,
        settings_file=settings_path(path),
    )
    if failure is not None:
        raise failure
    return 0
