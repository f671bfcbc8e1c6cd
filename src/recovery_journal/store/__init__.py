"""The journal store: the schema, safe connections, reads and one-transaction writes.

`Journal` and `DayChanges` are loaded on first use, so that `store.connection` (standard
library only) can be imported without the model, e.g. to check a file before the app opens.
"""

from __future__ import annotations

TYPE_CHECKING = False  # `typing` costs the quick `log` path ~2 ms
if TYPE_CHECKING:
    from typing import Any

    from recovery_journal.store.journal import DayChanges, Journal

__all__ = ["DayChanges", "Journal"]


def __getattr__(name: str) -> Any:
    if name == "DayChanges":  # standard library only: the quick `log` path uses it
        from recovery_journal.store.day_write import DayChanges

        return DayChanges
    if name in __all__:
        from recovery_journal.store import journal

        return getattr(journal, name)
    raise AttributeError(name)
