"""Today and now, in one place.

The system clock uses the machine's local time zone (DST-aware). Tests pin the clock: in
process with `FixedClock`, and for the CLI as a subprocess with the environment variable
`RECOVERY_JOURNAL_NOW` (an ISO 8601 date-time with offset, e.g. `2026-11-27T09:30:00+01:00`).
Standard library only, because the quick `log` path reads the clock (pendulum costs ~30 ms
to import; it is used for display where it helps, never here).
"""

from __future__ import annotations

import os
from datetime import date, datetime

NOW_ENV = "RECOVERY_JOURNAL_NOW"

TYPE_CHECKING = False  # `typing` costs the quick path ~2 ms: the protocol is for mypy only
if TYPE_CHECKING:
    from typing import Protocol

    class Clock(Protocol):
        """Where the app asks for the current date and time."""

        def now(self) -> datetime:
            """The current local date-time, with its UTC offset."""
            ...

        def today(self) -> date:
            """The current local calendar date."""
            ...

        def localize(self, naive: datetime) -> datetime:
            """Attach the local UTC offset in force at a wall-clock time."""
            ...

else:

    class Clock:
        """Where the app asks for the current date and time: `now()`, `today()` and
        `localize(naive)` (a protocol for the type checker; any object with them will do)."""


class SystemClock:
    """The machine's clock and local time zone."""

    def now(self) -> datetime:
        """The machine's local date-time, with its UTC offset."""
        return datetime.now().astimezone()

    def today(self) -> date:
        """The machine's local calendar date."""
        return self.now().date()

    def localize(self, naive: datetime) -> datetime:
        """Attach the offset the local zone has at that wall-clock time."""
        return naive.astimezone()


class FixedClock:
    """A clock that always says the same moment; its offset is the local zone."""

    def __init__(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            moment = moment.astimezone()
        self.moment = moment

    def now(self) -> datetime:
        """The pinned moment."""
        return self.moment

    def today(self) -> date:
        """The pinned moment's date."""
        return self.moment.date()

    def localize(self, naive: datetime) -> datetime:
        """Attach the pinned moment's offset (whatever the date)."""
        return naive.replace(tzinfo=self.moment.tzinfo)


def clock_from_env() -> Clock:
    """The system clock, or a fixed one when `RECOVERY_JOURNAL_NOW` is set."""
    pinned = os.environ.get(NOW_ENV)
    if pinned:
        return FixedClock(datetime.fromisoformat(pinned))
    return SystemClock()
