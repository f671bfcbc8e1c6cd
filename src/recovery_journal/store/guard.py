"""The guard around every write (standard library only): the damage check before the first
write on a connection, the day's first backup, one short transaction, and SQLite's errors
turned into one line a person can act on. `Journal.writing` and the quick `log` path share it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from recovery_journal.errors import JournalUnusable
from recovery_journal.store.connection import (
    translate_operational_error,
    verify_intact,
    write_transaction,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path


@contextmanager
def guarded_write(
    conn: sqlite3.Connection, path: Path | None, today: date, *, verify: bool
) -> Iterator[sqlite3.Connection]:
    """One write transaction; the daily backup is taken first when due.

    With `verify` (the first write on this connection) the file must pass `quick_check`
    first: nothing is ever written into a damaged journal (about 2 ms on a 5-year journal).
    """
    try:
        if path is not None:
            from recovery_journal.store.backup import daily_backup_if_due

            if verify:
                verify_intact(conn, path)
            daily_backup_if_due(conn, path, today)
        with write_transaction(conn) as transaction:
            yield transaction
    except sqlite3.OperationalError as error:
        raise translate_operational_error(path or ":memory:", error) from None
    except sqlite3.IntegrityError as error:
        raise JournalUnusable(f"the change broke a rule of the journal ({error})") from None
