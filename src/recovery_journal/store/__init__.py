"""The journal store: the schema, safe connections, reads and one-transaction writes."""

from recovery_journal.store.journal import DayChanges, Journal

__all__ = ["DayChanges", "Journal"]
