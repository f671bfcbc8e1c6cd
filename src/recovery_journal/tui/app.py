"""The Textual app: screens as modes, keys in the footer, names in the command palette.

Built by `create_app(journal, clock)` (tui/factory.py) for the entry point and the tests.
The app only switches screens and asks before leaving unsaved changes; the screens call
the service layer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget

from recovery_journal.clock import Clock
from recovery_journal.errors import RecoveryJournalError
from recovery_journal.tui.contracts import AsksBeforeLeaving, Navigation, UnsavedChanges
from recovery_journal.tui.screens import PATIENT_SCREENS, modes, navigation

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from recovery_journal.store import Journal

# (mode, palette name, key, what it is for) — the order of the footer and the palette.
NAVIGATION = navigation(PATIENT_SCREENS)
# Seconds an event may take to be handled before the next one goes anyway, and how
# often the app looks whether the field it went to is still there.
HAND_ON_AT_MOST = 0.25
HAND_ON_CHECK_EVERY = 0.02


def types_at_once(event: events.Event, target: object) -> bool:
    """A printable key for a text field, which takes it in itself (no binding)."""
    from textual.widgets import Input, TextArea

    return (
        isinstance(event, events.Key)
        and event.is_printable
        and isinstance(target, Input | TextArea)
    )


class InputHandedOn(Message):
    """Follows one held event on its way: it reaches the app once the event was handled."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count


class RecoveryJournalApp(App[None]):
    """Recovery Journal."""

    TITLE = "Recovery Journal"
    CSS_PATH = "app.tcss"
    MODES = modes(PATIENT_SCREENS)
    DEFAULT_MODE = "today"  # the first screen, without a mode switch (and its CSS reparse)
    ENABLE_COMMAND_PALETTE = True
    NAVIGATION: ClassVar[Navigation] = NAVIGATION
    reviewing = False  # True in `review` (tui/review_app.py)
    # How often a day's form keeps the note as a draft, in seconds (None: the form's own
    # DRAFT_EVERY_SECONDS); tests set it short instead of waiting.
    draft_every_seconds: float | None = None
    BINDINGS = [
        Binding("ctrl+q", "leave_app", "Quit", priority=True, show=False),
        Binding("ctrl+g", "go_to_date", "Go to date", show=False),
        *(Binding(key, f"go('{mode}')", name, priority=True) for mode, name, key, _ in NAVIGATION),
    ]

    def __init__(
        self,
        journal: Journal | Callable[[], Journal],
        clock: Clock,
        *,
        review_of: Path | None = None,
        crash_folder: Path | None = None,
        demo: bool = False,
        settings_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.demo = demo
        self.settings_file = settings_file  # where the theme is kept (None: not kept)
        self._journal = journal if not callable(journal) else None
        self._open_journal = journal if callable(journal) else None
        self.clock = clock
        self.review_of = review_of
        self.crash_folder = crash_folder  # where a crash file goes (default: the journal's)
        self.crash_file: Path | None = None
        self.read_only = self._journal.read_only if self._journal is not None else False
        self.failure: RecoveryJournalError | None = None
        self.first_frame_shown = False
        # Keys, pastes and clicks that came while the screen was still building its form
        # (`holds_input`), in the order they came; handed on once it is built.
        self._held_input: list[events.Event] = []
        self._handing_on = False  # one held event is being handled (`release_input`)
        self._hand_on_count = 0
        self._letters_to: Widget | Screen | None = None  # letters on their way into a field
        self._after_handing_on: list[Callable[[], object]] = []
        self._leave_question: Screen[str] | None = None  # the unsaved-changes question shown

    @property
    def journal(self) -> Journal:
        """The journal; when the app was given a way to open it, it is opened on first use
        (after the first frame is on screen)."""
        if self._journal is None:
            assert self._open_journal is not None
            self._journal = self._open_journal()
        return self._journal

    def ensure_journal(self) -> bool:
        """Open the journal if need be; on failure the app closes and the CLI reports it."""
        try:
            self.journal  # noqa: B018 - opens it
        except RecoveryJournalError as error:
            self.failure = error
            self.exit(return_code=error.exit_code)
            return False
        return True

    def on_mount(self) -> None:
        """The title (demo or not), the subtitle (today, or the file read-only) and the theme."""
        if self.demo:
            self.title = "Recovery Journal — demo"
        self.sub_title = self._subtitle()
        self._apply_theme()

    # ------------------------------------------------------------ theme

    LIGHT_THEME = "textual-light"
    DARK_THEME = "textual-dark"

    def _apply_theme(self) -> None:
        """The theme chosen last time (kept in the settings file); else the terminal's
        light or dark, when it says (`COLORFGBG`); else Textual's dark theme."""
        from recovery_journal import settings

        saved = settings.read_settings(self.settings_file).get("theme")
        if isinstance(saved, str) and saved in self.available_themes:
            self.theme = saved
        else:
            light = settings.terminal_is_light()
            if light is not None:
                self.theme = self.LIGHT_THEME if light else self.DARK_THEME
        self._theme_at_start = self.theme
        self.theme_changed_signal.subscribe(self, self._keep_theme)

    def _keep_theme(self, theme: object) -> None:
        """A theme chosen in the palette is kept for the next start (not in `review`)."""
        from recovery_journal import settings

        if self.read_only or self.settings_file is None:
            return
        name = getattr(theme, "name", None)
        if not isinstance(name, str):
            return
        saved = settings.read_settings(self.settings_file).get("theme")
        if saved is None and name == self._theme_at_start:
            return  # the theme the app started with: nothing was chosen yet
        settings.write_setting(self.settings_file, "theme", name)

    # ------------------------------------------------------------ input while building

    def _screen_holds_input(self) -> bool:
        try:
            return bool(getattr(self.screen, "holds_input", False))
        except ScreenStackError:
            return False

    async def on_event(self, event: events.Event) -> None:
        """What the person types, pastes or clicks is handled in the order it came, one
        event after the other (`release_input`). While the screen builds its form (Today's
        fields come a few frames after the first one), it waits, and is handed on once the
        fields hold their values: a key never lands on a field that is about to be filled
        or replaced, nor on nothing."""
        incoming = isinstance(event, events.InputEvent | events.Paste) and not event.is_forwarded
        if incoming:
            self._held_input.append(event)
            await self.release_input()
            return
        await super().on_event(event)

    async def release_input(self) -> None:
        """Hand on what came, in order (a screen calls this once built), each event once
        the last has been handled, as when typed at a person's pace. Keys that come
        together (typed while the app was busy, held while a form was built, sent at once
        by a program) went through Textual all at once: a key that works through a binding,
        such as Backspace or an arrow, then acted after the letters that followed it ("7,
        Backspace, 5" left 7; a passphrase was tried with the keys typed after Enter)."""
        while not self._handing_on and not self._screen_holds_input():
            event = self._held_input[0] if self._held_input else None
            target = self.focused or self.screen
            if event is not None and types_at_once(event, target):
                # A letter into a text field: taken in by the field itself, in order, so
                # the next letter may follow at once (a long paste typed as keys stays
                # quick); whatever comes after the letters waits until they are in.
                self._held_input.pop(0)
                await super().on_event(event)
                self._letters_to = target
                continue
            if self._letters_to is not None:
                letters_to, self._letters_to = self._letters_to, None
                self._wait_for(letters_to)
                return
            if event is None:
                break
            self._held_input.pop(0)
            self._handing_on = True
            await super().on_event(event)
            if not event.is_forwarded:  # an app-wide key (ctrl+s, F3): done already
                self._handing_on = False
                continue
            self._wait_for(self.screen if isinstance(event, events.MouseEvent) else target)
            return
        if not self._held_input and not self._handing_on and self._after_handing_on:
            waiting, self._after_handing_on = self._after_handing_on, []
            for callback in waiting:
                self.call_later(callback)

    def _wait_for(self, target: Widget | Screen) -> None:
        """The next event waits until what went to `target` was handled: a marker goes
        behind it, in each queue it passes (the field's, its containers', the screen's),
        then reaches the app (`on_input_handed_on`)."""
        self._handing_on = True
        self._hand_on_count += 1
        handled = InputHandedOn(self._hand_on_count).set_sender(self)  # bubbles up here
        target.post_message(handled)
        # Should the marker be lost (its screen closed by the event), the rest goes on.
        self._watch_hand_on(handled.count, target)

    def after_input_handed_on(self, callback: Callable[[], object]) -> None:
        """Run `callback` once nothing held is left to hand on (a question, such as the
        draft's, would otherwise take the keys typed before it showed)."""
        if self._handing_on or self._held_input:
            self._after_handing_on.append(callback)
        else:
            self.call_later(callback)

    def _watch_hand_on(self, count: int, target: Widget | Screen) -> None:
        """Go on without the marker once `target` is gone (a closed screen drops what is
        in its queues), or after HAND_ON_AT_MOST seconds at most."""
        started = time.monotonic()

        def check() -> None:
            if count != self._hand_on_count or not self._handing_on:
                watch.stop()
            elif not target.is_attached or time.monotonic() - started > HAND_ON_AT_MOST:
                watch.stop()
                self.call_later(self._handed_on, count)

        watch = self.set_interval(HAND_ON_CHECK_EVERY, check)

    async def on_input_handed_on(self, message: InputHandedOn) -> None:
        """The last event was handled: the next one may go."""
        message.stop()
        await self._handed_on(message.count)

    async def _handed_on(self, count: int) -> None:
        if count != self._hand_on_count or not self._handing_on:
            return  # an older marker, or one already given up on
        self._handing_on = False
        await self.release_input()

    def refresh_css(self, animate: bool = True) -> None:
        """Before the first frame, with the theme's variables unchanged since the
        stylesheet was read, the styles are applied again without parsing every stylesheet
        anew (Textual does that for a mode's first screen: ~4 ms, and its parse cache
        emptied). Any other time, Textual's own refresh."""
        stylesheet = self.stylesheet
        if self.first_frame_shown or getattr(stylesheet, "_variables", None) != (
            self.get_css_variables()
        ):
            super().refresh_css(animate)
            return
        stylesheet.update(self, animate=animate)
        for screen in self.screen_stack:
            stylesheet.update(screen, animate=animate)
            screen._css_update_count = self._css_update_count

    def on_ready(self) -> None:
        """The first frame is on screen: now the first screen may load its data."""
        self.first_frame_shown = True
        loader = getattr(self.screen, "after_first_frame", None)
        if loader is not None:
            # The frame is drawn already (Textual posts Ready after it): the screen loads
            # right after its current message, not after one more refresh (~20 ms).
            self.screen.call_next(loader)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The current screen's own key is left out of the footer (it would do nothing)."""
        if action == "go" and parameters and parameters[0] == self.current_mode:
            return len(self.screen_stack) > 1
        return True

    def watch_current_mode(self) -> None:
        """Another screen is shown: offer its keys."""
        self.refresh_bindings()

    def _subtitle(self) -> str:
        today = f"{self.clock.today():%a %d %b %Y}"
        if self.read_only:
            from recovery_journal.tui.widgets.text import visible

            source = visible(self.review_of.name) if self.review_of else "journal"
            return f"read-only · {source} · {today}"
        return today

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications often carry a label, a note's date or a file name: never markup,
        whatever the caller asks (Textual's widgets ask for it by default)."""
        from recovery_journal.tui.widgets.text import visible

        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False
        )

    # ------------------------------------------------------------ unexpected errors

    def _handle_exception(self, error: Exception) -> None:
        """An error no screen expected: the traceback goes to a private crash file, the app
        closes with status 1, and `failure` holds the one calm line the CLI prints.

        Textual's own handling prints a traceback with its local variables (a note, a
        label) when the app closes; that is kept for `RECOVERY_JOURNAL_DEBUG` only.
        """
        from recovery_journal import crash

        if self.crash_file is None:
            self.crash_file = crash.write_crash_file(
                self._crash_folder(), error, private=self._words_are_encrypted()
            )
            self.failure = AppCrashed(crash.crash_message(self.crash_file))
        if crash.debugging():
            super()._handle_exception(error)
            return
        self._return_code = 1
        if self._exception is None:  # so that the test harness re-raises it, as Textual does
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        """After a crash nothing is printed here (the CLI prints the one line)."""
        from recovery_journal import crash

        if self.crash_file is not None and not crash.debugging():
            self._exit_renderables.clear()
        super()._print_error_renderables()

    def _words_are_encrypted(self) -> bool:
        """An encrypted journal, or a review of a sealed file: a crash file (plain text)
        must then hold none of the words."""
        from recovery_journal import crash

        journal = self._journal
        if journal is not None and crash.journal_is_encrypted(journal.path):
            return True
        if self.review_of is None:
            return False
        from recovery_journal.sealed import is_sealed

        try:
            if not self.review_of.is_file():
                return True  # not readable as a file now: say less
            with open(self.review_of, "rb") as handle:
                return is_sealed(handle.read(8))
        except OSError:
            return True

    def _crash_folder(self) -> Path:
        from recovery_journal import crash

        if self.crash_folder is not None:
            return self.crash_folder
        journal = self._journal
        return crash.crash_folder(journal.path if journal is not None else None)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: every screen by name, Go to date, then
        Textual's own commands."""
        for mode, name, _, purpose in self.NAVIGATION:
            yield SystemCommand(name, purpose, partial(self.action_go, mode))
        yield SystemCommand(
            "Go to date", "Open any day's check-in, to log it or change it", self.action_go_to_date
        )
        yield from super().get_system_commands(screen)

    # ------------------------------------------------------------ navigation

    async def action_go(self, mode: str) -> None:
        """Switch screens, asking first when the current one has unsaved changes."""
        if self.current_mode == mode and len(self.screen_stack) == 1:
            return
        self.leave_current(lambda: self._switch(mode))

    def _switch(self, mode: str) -> None:
        """Close forms opened on top of this screen, then show the mode's screen."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_go_to_date(self) -> None:
        """ctrl+g: ask for a day, then open its check-in (after asking about unsaved
        changes). Today is Today's screen; another day opens over the current screen, and
        Escape comes back to it."""
        from recovery_journal.tui.dialogs.go_to_date import GoToDateModal

        if isinstance(self.screen, GoToDateModal):
            return

        def chosen(day: date | None) -> None:
            if day is not None:
                self.leave_current(partial(self.open_day, day))

        self.push_screen(GoToDateModal(self.clock.today()), chosen)

    def open_day(self, day: date) -> None:
        """Show one day's check-in: Today's own screen for today, else a form over this one
        (one that shows another day is closed first)."""
        from recovery_journal.tui.screens.day import DayScreen

        if day == self.clock.today():
            self._switch("today")
            return
        while len(self.screen_stack) > 1 and isinstance(self.screen, DayScreen):
            self.pop_screen()
        self.push_screen(DayScreen(day))

    def action_leave_app(self) -> None:
        """ctrl+q: quit, asking first about unsaved edits."""
        self.leave_current(self.exit)

    def leave_current(self, then: Callable[[], object]) -> None:
        """Run `then`, after asking when the screen has unsaved changes.

        Asked from the focused field's own queue: a key typed just before (a mood, then F3
        at once) may still wait there, and counts."""
        screen = self.screen
        (screen.focused or screen).call_later(self._leave_current, screen, then)

    def _leave_current(self, asked_on: Screen[object], then: Callable[[], object]) -> None:
        if self.screen is not asked_on:
            return  # left already (Escape twice: one leaves, never two)
        if self._leave_question is not None and self._leave_question in self.screen_stack:
            return  # already asking: the person answers that first (F3 twice)
        screen = self.screen
        if not isinstance(screen, UnsavedChanges) or not screen.has_unsaved_changes():
            then()
            return
        from recovery_journal.tui.dialogs.confirm import ChoiceModal

        def answered(choice: str | None) -> None:
            self._leave_question = None
            if choice == "save":
                if screen.save():
                    then()
            elif choice == "discard":
                screen.discard()
                then()

        # A screen may ask its own question (a questionnaire: keep answering / discard);
        # its choices use the ids "save" and "discard", anything else stays.
        if isinstance(screen, AsksBeforeLeaving):
            self._leave_question = screen.leave_question()
        else:
            self._leave_question = ChoiceModal(
                "You have changes that are not saved yet.",
                [("save", "Save them"), ("discard", "Leave without saving"), ("cancel", "Stay")],
            )
        self.push_screen(self._leave_question, answered)


class AppCrashed(RecoveryJournalError):
    """The app closed on an unexpected error; the message names the crash file."""

    exit_code = 1
