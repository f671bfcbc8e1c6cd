"""What the app and its screens promise each other, as typed protocols.

The screens name their app through `JournalHost` (not the app's class, which imports the
screens), and the app asks a screen about unsaved edits through `UnsavedChanges` (not
`getattr`). Both sides are checked by mypy; `isinstance` works on the runtime-checkable ones.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from recovery_journal.caseload import CaseloadFile
    from recovery_journal.clock import Clock
    from recovery_journal.store import Journal
    from recovery_journal.tui.dialogs.confirm import ChoiceModal

# (mode, name, key, purpose) of each screen, in order: an app's footer, palette and Help.
Navigation = tuple[tuple[str, str, str, str], ...]


@runtime_checkable
class UnsavedChanges(Protocol):
    """A screen that can hold edits not saved yet (a day, a session, a questionnaire).

    Before the app leaves it, it asks `has_unsaved_changes()`; the person then chooses to
    `save()` (True when saved; False keeps them on the screen) or to `discard()`.
    """

    def has_unsaved_changes(self) -> bool:
        """True when leaving now would lose something typed or chosen."""
        ...

    def save(self) -> bool:
        """Save the edits; False when they could not be (the screen says why)."""
        ...

    def discard(self) -> None:
        """Forget the edits."""
        ...


@runtime_checkable
class AsksBeforeLeaving(UnsavedChanges, Protocol):
    """A screen with unsaved edits that asks its own question before it is left; the
    choices "save" and "discard" do that, any other stays."""

    def leave_question(self) -> ChoiceModal:
        """The dialog to show before leaving."""
        ...


class JournalHost(Protocol):
    """What a screen may ask of the app that shows it (`RecoveryJournalApp` and the
    review apps)."""

    NAVIGATION: Navigation
    clock: Clock
    read_only: bool
    reviewing: bool
    review_of: Path | None
    first_frame_shown: bool
    draft_every_seconds: float | None  # None: the form's usual interval (tests set it)

    @property
    def journal(self) -> Journal:
        """The open journal (opened on first use)."""
        ...

    def ensure_journal(self) -> bool:
        """Open the journal if need be; False when it could not be (the app closes)."""
        ...

    def leave_current(self, then: Callable[[], object]) -> None:
        """Run `then`, after asking when the screen has unsaved changes."""
        ...

    async def release_input(self) -> None:
        """Hand on the input held while a screen built its form (`holds_input`)."""
        ...

    def after_input_handed_on(self, callback: Callable[[], object]) -> None:
        """Run `callback` once no held input is left to hand on."""
        ...

    def open_day(self, day: date) -> None:
        """Show one day's check-in."""
        ...


class CaseloadHost(JournalHost, Protocol):
    """The caseload review (`review A B …`): its files, and a way to open one."""

    caseload: list[CaseloadFile]

    def open_file(self, file: CaseloadFile) -> None:
        """Show one file's review, its Overview first."""
        ...
