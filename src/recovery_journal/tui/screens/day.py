"""The day's check-in: Today, and any past day opened from History (the same form)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from recovery_journal.tui.screens.base import JournalScreen
from recovery_journal.tui.widgets.text import literal

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from recovery_journal.model import Day, Habit, Session


# What the form's first row needs beyond the first frame: the model (with dataclasses), the
# treatment calendar. ~15 ms to import, so the first frame does not wait for them
# (PRODUCT.md §11); each function imports the names it uses where it uses them (a lookup
# in `sys.modules` once these are loaded).
FORM_MODULES = (
    "dataclasses",
    "recovery_journal.model",
    "recovery_journal.errors",
    "recovery_journal.guidance",
)
# What the rest of the form needs, once the day's numbers are on screen.
REST_MODULES = (
    "textual.widgets.text_area",
    "recovery_journal.tui.widgets.tri_toggle",
)


def load_form_modules() -> None:
    """Import what the form's first row needs, once, after the first frame is on screen."""
    from importlib import import_module

    for name in FORM_MODULES:
        import_module(name)


def load_rest_modules() -> None:
    """Import what the rest of the form needs (the text area alone costs ~10 ms), once the
    day's numbers and its treatment context are on screen."""
    from importlib import import_module

    for name in REST_MODULES:
        import_module(name)


DRAFT_EVERY_SECONDS = 2.0
NUMBER_CHARS = r"[0-9.,\-]*"
PHQ9_REMINDER_DAYS = 14


def mood_scale(text: str) -> str:
    """`1 ─────●─── 10` for a mood, an empty line when none."""
    try:
        mood = int(text)
    except ValueError:
        return "1 ────────── 10"
    if not 1 <= mood <= 10:
        return "1 ────────── 10"
    return "1 " + "─" * (mood - 1) + "●" + "─" * (10 - mood) + " 10"


def habit_hint(habit: Habit, text: str) -> str:
    """`min · target 10 ✓`: the unit, the target, and a mark (text, not only colour)."""
    from recovery_journal import model

    parts = ["min"] if habit.kind == "minutes" else []
    if habit.target is not None:
        target = f"target {model.plain_number(habit.target)}"
        try:
            met = float(text) >= habit.target
        except ValueError:
            met = False
        parts.append(f"{target} ✓" if met else target)
    return " · ".join(parts)


def cursor_after_reload(
    old_text: str, old_cursor: tuple[int, int], note: TextArea
) -> tuple[int, int]:
    """Where the cursor goes when the note's text was reloaded after a save: the same place
    in the same words. Words added after it (an `--append-note`) leave it where it was, so
    the person's sentence carries on; words added before it count it from the end."""
    from textual.widgets.text_area import Document

    if note.text == old_text:
        return old_cursor
    index = Document(old_text).get_index_from_location(old_cursor)
    before, after = old_text[:index], old_text[index:]
    document = note.document if isinstance(note.document, Document) else Document(note.text)
    if before and note.text.startswith(before):
        return document.get_location_from_index(index)
    if note.text.endswith(after):
        return document.get_location_from_index(len(note.text) - len(after))
    return note.document.end


def with_words_since(draft: str, loaded: str, now: str) -> str:
    """A draft brought back over a note typed in since it loaded: the draft, then the
    words added at the end; when the note was changed elsewhere than at its end, the draft
    then the whole note as it is now (both kept, nothing dropped)."""
    if now in (loaded, draft):
        return draft
    if now.startswith(loaded):
        added = now[len(loaded) :]
        joined = draft[-1:].isspace() or added[:1].isspace() or not draft
        return draft + added if joined else f"{draft}\n{added}"
    return f"{draft}\n\n{now}"


TAGS_MAX_CHARS = 2_000
MESSAGE_MAX_CHARS = 160


def short_message(message: str) -> str:
    """A refusal in at most a couple of lines (a message may quote what was typed)."""
    from recovery_journal.tui.widgets.literal_table import clip_words

    return clip_words(message, MESSAGE_MAX_CHARS)


def tags_problem(text: str) -> str | None:
    """Why the Tags field cannot be saved, in one short line; None when it can."""
    from recovery_journal import model
    from recovery_journal.errors import InvalidInput

    if len(text) > TAGS_MAX_CHARS:
        return (
            f"That is {len(text):,} characters — too long for tags. Keep a few short words "
            "here, separated by commas, and put longer text in the note."
        )
    words = [word for word in text.split(",") if word.strip()]
    try:
        tags = list(dict.fromkeys(model.normalize_word(word) for word in words))
        model.check_tags(tags, "this day")
    except InvalidInput as error:
        return str(error)
    return None


FIELD_NAMES = {"mood": "mood", "anxiety": "anxiety", "energy": "energy", "sleep_hours": "sleep"}


def conflict_message(conflicts: list[str], habits: list[Habit]) -> str:
    """What the person is told when a save met changes made elsewhere to the same fields."""
    labels = {f"habits.{habit.key}": habit.label for habit in habits}
    parts = []
    if "note" in conflicts:
        parts.append(
            "The note was also changed elsewhere while you wrote. Both are kept: the other "
            "words first, then yours, below a line that says so."
        )
    others = [
        FIELD_NAMES.get(name) or labels.get(name, name.removeprefix("habits."))
        for name in conflicts
        if name != "note"
    ]
    if others:
        parts.append(
            f"{', '.join(others).capitalize()} also changed elsewhere; what you chose is kept."
        )
    return " ".join(parts)


class DayScreen(JournalScreen):
    """The check-in form for one date."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+n", "note", "Note", priority=True),
        Binding("ctrl+g", "app.go_to_date", "Go to date", priority=True),
        Binding("ctrl+t", "prompts", "Prompts", priority=True),  # only after a session
        Binding("escape", "back", "Back", show=False),
        # Tab moves on at once, before the keys typed after it are handed to a field
        # (Textual's own Tab waits its turn behind them, and they went to the old field).
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(self, day: date | None = None) -> None:
        super().__init__()
        self._day = day
        self.loaded: Day | None = None
        self.loaded_note_text = ""
        # The note the person's typing is based on: the loaded one, or, for a draft brought
        # back, the note that draft was written over (the base of the three-way save).
        self.note_base: str | None = None
        self.clean_state: tuple[object, ...] = ()
        self.refused_values: dict[str, str] = {}  # a refused field's value, by its id
        self.last_draft = ""
        self.habit_list: list[Habit] = []
        self._shown_once = False
        self.prompts_offered = False  # Today on a session day, or day 1 or 7 after one
        # Until the form holds the day's values, the app keeps what is typed, pasted or
        # clicked, and hands it on in order after (RecoveryJournalApp.on_event).
        self.holds_input = True
        # A draft from an earlier run not decided on yet ("Decide later"): kept as it is,
        # with any words typed since, until the person chooses (text, base).
        self.undecided_draft: tuple[str, str] | None = None

    @property
    def day(self) -> date:
        """The date the form is for (Today: the clock's date, fixed once the form is built)."""
        return self._day or self.clock.today()

    @property
    def is_today(self) -> bool:
        """Whether the form is for the clock's today."""
        return self.day == self.clock.today()

    @property
    def draft_name(self) -> str:
        """The name the note's draft is kept under in the journal."""
        return f"note:{self.day.isoformat()}"

    # ------------------------------------------------------------ layout

    def compose_body(self) -> ComposeResult:
        """The context panel and an empty form; `build_form` fills it."""
        # The first frame: the header, the footer and an empty form. The fields and the
        # journal's data follow right after (`build_form`), so the app shows up at once.
        with VerticalScroll(id="day-form", can_focus=False):
            yield Static(id="context", classes="panel", markup=False)

    def _form_widgets(self) -> list[Widget]:
        """Every field of the check-in, in Tab order."""
        return [*self._top_widgets(), *self._rest_widgets()]

    def _top_widgets(self) -> list[Widget]:
        """Mood, anxiety, energy and sleep: what shows first."""

        # Fields take digits, a decimal point and a minus sign, so that what is typed stays
        # as typed and the model says what is wrong (7.5 is not dropped to 75).
        def number(widget_id: str, hint: str, restrict: str = NUMBER_CHARS, size: int = 4) -> Input:
            return Input(
                id=widget_id,
                placeholder=hint,
                restrict=restrict,
                max_length=size,
                classes="small",
                disabled=self.read_only,
            )

        return [
            Horizontal(
                Label("Mood", classes="field-label"),
                number("mood", "1–10"),
                Static(mood_scale(""), id="mood-scale"),
                classes="row",
            ),
            Horizontal(
                Label("Anxiety", classes="field-label"),
                number("anxiety", "0–10"),
                Label("Energy", classes="inline-label"),
                number("energy", "1–10"),
                Label("Sleep", classes="inline-label"),
                number("sleep", "0–24"),
                Label("h", classes="unit"),
                classes="row",
            ),
            Static("", id="numbers-error", classes="field-error", markup=False),
        ]

    def _rest_widgets(self) -> list[Widget]:
        """The habits, tags and the note."""
        from recovery_journal.tui.widgets.editors import PlainTextArea

        self.habit_list = self._visible_habits()
        return [
            Grid(*self._habit_cells(self.habit_list), id="habits"),
            Horizontal(
                Label("Tags", classes="field-label"),
                Input(
                    id="tags",
                    placeholder="comma-separated: therapy, nature, family",
                    classes="wide",
                    disabled=self.read_only,
                ),
                classes="row",
            ),
            Static("", id="tags-error", classes="field-error", markup=False),
            Label("Note", classes="section-label"),
            PlainTextArea(
                id="note", soft_wrap=True, show_line_numbers=False, read_only=self.read_only
            ),
            Static("", id="status", markup=False),
        ]

    async def build_form(self) -> None:
        """Mount the fields and fill them from the journal."""
        from recovery_journal.model import Day

        if not self.journal_app.ensure_journal():
            return
        if self._day is None:
            # Today's form keeps its date: an app left open past midnight saves to the day
            # it shows, not to the next one.
            self._day = self.clock.today()
        load_form_modules()
        # In two steps: the day's mood and the treatment context show first, the habits
        # and the note (a text area, the heaviest widget) one frame later.
        form = self.query_one("#day-form")
        await form.mount_all(self._top_widgets())
        first = self.journal.day(self.day) or Day(self.day)
        self._fill_top(first)
        if first.mood is None and not self.read_only:
            self.query_one("#mood", Input).focus()
        self._next_step(partial(self._build_rest, first))

    async def _build_rest(self, first: Day) -> None:
        from recovery_journal.model import Day

        load_rest_modules()
        await self.query_one("#day-form").mount_all(self._rest_widgets())
        # Nothing typed has landed yet (the app holds it until `form_ready`), so the
        # whole form is filled from the journal and its clean state taken from that (the
        # first row again only if the day changed meanwhile, e.g. from the CLI).
        day = self.journal.day(self.day) or Day(self.day)
        self.load(day=day, refill_top=day != first, keep_place=True)
        self.form_ready()
        if not self.read_only:
            # The draft left by an earlier run, read before any word typed now is kept
            # as a draft: the question (once what was typed is in) offers that one, and
            # until it is answered the drafts kept meanwhile keep it too.
            found = self.journal.draft(self.draft_name)
            if found:
                self.undecided_draft = (found[0], self.journal.draft_base(self.draft_name) or "")
            every = self.journal_app.draft_every_seconds or DRAFT_EVERY_SECONDS
            self.set_interval(every, self.keep_draft)
            offer = partial(self.offer_draft, found)
            self._next_step(partial(self.journal_app.after_input_handed_on, offer))

    async def on_screen_resume(self) -> None:
        """Coming back (e.g. from Habits): redraw when the habits changed."""
        if not self._shown_once:
            self._shown_once = True
            return
        if self.loaded is None or self.has_unsaved_changes():
            return
        if [h.key for h in self._visible_habits()] != [h.key for h in self.habit_list]:
            self.holds_input = True  # no key on a field that is being replaced
            form = self.query_one("#day-form")
            await form.remove_children([c for c in form.children if c.id != "context"])
            await form.mount_all(self._form_widgets())
            self.load()
            self.form_ready()
        else:
            self.load(keep_place=True)

    def on_mount(self) -> None:
        """Build the form after the first refresh, once the app's first frame
        is up (before that, the app calls `after_first_frame`)."""
        if self.journal_app.first_frame_shown:
            self.call_after_refresh(self.build_form)

    async def after_first_frame(self) -> None:
        """Called by the app once its first frame (header, footer) is on screen."""
        if self.loaded is None:
            self._next_step(self.build_form, now=True)

    def form_ready(self) -> None:
        """The form holds the day's values: what was typed meanwhile may land now, once
        the new fields have their places on screen (Tab follows the screen's order, which
        Textual takes from the layout: before it, the new fields came first)."""
        if self.holds_input:
            self.call_after_refresh(self._release_input)

    async def _release_input(self) -> None:
        self.holds_input = False
        await self.journal_app.release_input()

    def _next_step(self, step: Callable[[], object], now: bool = False) -> None:
        """Run the form's next build step: right after the current message (`now`), else
        after the next refresh. The one place the steps meet (tests hold them here)."""
        if now:
            self.call_next(step)
        else:
            self.call_after_refresh(step)

    def _visible_habits(self) -> list[Habit]:
        """Active habits, plus archived ones that hold a value on this day."""
        logged = self.journal.day(self.day)
        keys = set(logged.habits) if logged else set()
        return [h for h in self.journal.habits() if not h.archived or h.key in keys]

    def _habit_cells(self, habits: list[Habit]) -> list[Widget]:
        """Label, control and hint for each habit: three cells a row of the habits grid."""
        from recovery_journal import model
        from recovery_journal.tui.widgets.tri_toggle import TriToggle

        cells: list[Widget] = []
        for habit in habits:
            notes = [
                word
                for word, yes in (("yours", not habit.built_in), ("archived", habit.archived))
                if yes
            ]
            label = f"{habit.label} ({', '.join(notes)})" if notes else habit.label
            control: Input | TriToggle
            if habit.kind in model.YES_NO_KINDS:
                control = TriToggle(None, id=f"habit-{habit.key}", disabled=self.read_only)
            else:
                control = Input(
                    id=f"habit-{habit.key}",
                    classes="small",
                    restrict=NUMBER_CHARS,
                    max_length=7,
                    placeholder="–",
                    disabled=self.read_only,
                )
            cells += [
                Label(literal(label), classes="habit-label", markup=False),
                control,
                Static(habit_hint(habit, ""), id=f"hint-{habit.key}", classes="hint", markup=False),
            ]
        return cells

    # ------------------------------------------------------------ loading

    def load(
        self, refill_top: bool = True, day: Day | None = None, keep_place: bool = False
    ) -> None:
        """Fill the form from the journal (plain sqlite3 reads, right after the first frame),
        or with `day` (what a save has just written). The form's base becomes what it shows.

        `refill_top=False` keeps the first row as it is: it was filled a frame earlier and
        the person may already be typing a mood into it. `keep_place` keeps the focus and
        the note's cursor where they are (after a save the person goes on typing).
        """
        from textual.widgets import TextArea

        from recovery_journal import model
        from recovery_journal.model import Day
        from recovery_journal.tui.widgets.tri_toggle import TriToggle

        note = self.query_one("#note", TextArea)
        old_text, old_cursor = note.text, note.cursor_location
        if day is None:
            day = self.journal.day(self.day) or Day(self.day)
        self.loaded = day
        self.note_base = day.note
        if refill_top:
            self._fill_top(day)
        self.query_one("#tags", Input).value = ", ".join(day.tags)
        for habit in self.habit_list:
            value = day.habits.get(habit.key)
            if habit.kind in model.YES_NO_KINDS:
                self.query_one(f"#habit-{habit.key}", TriToggle).value = (
                    None if value is None else bool(value)
                )
            else:
                self.query_one(f"#habit-{habit.key}", Input).value = (
                    "" if value is None else str(model.plain_number(value))
                )
        if note.text != (day.note or ""):
            note.load_text(day.note or "")
        self.loaded_note_text = note.text
        self.last_draft = note.text
        for widget in self.query(Input):
            widget.disabled = self.read_only
        note.read_only = self.read_only
        self._mark_clean()
        if keep_place:
            note.move_cursor(cursor_after_reload(old_text, old_cursor, note))
            return
        # Entering a note that holds text puts the cursor at its end, never at the top.
        note.move_cursor(note.document.end)
        if day.mood is None and not self.read_only:
            self.query_one("#mood", Input).focus()
        else:
            self.set_focus(None)  # nothing selected: Tab starts at the mood

    def _fill_top(self, day: Day) -> None:
        """The context panel and the first row of numbers."""
        from recovery_journal import model

        self._show_context(day)
        self.query_one("#mood", Input).value = "" if day.mood is None else str(day.mood)
        self.query_one("#mood-scale", Static).update(mood_scale(str(day.mood or "")))
        self.query_one("#anxiety", Input).value = "" if day.anxiety is None else str(day.anxiety)
        self.query_one("#energy", Input).value = "" if day.energy is None else str(day.energy)
        self.query_one("#sleep", Input).value = (
            "" if day.sleep_hours is None else str(model.plain_number(day.sleep_hours))
        )

    def _mark_clean(self) -> None:
        self.clean_state = self.raw_state()

    def _show_context(self, day: Day) -> None:
        from recovery_journal.guidance import NOTHING_YET, treatment_context

        if self.reviewing:
            self._show_review_context()
            return
        sessions = self.journal.sessions()  # read once for the panel and the prompts
        context = treatment_context(
            self.day,
            sessions,
            today=self.clock.today(),
            context=self.journal.treatment_context,
        )
        panel = self.query_one("#context", Static)
        panel.border_title = literal(
            context.title if self.is_today else f"{self.day:%a %d %b %Y} · " + (context.title)
        )
        advice = context.advice
        if self.is_today:
            from recovery_journal.guidance import plan_advice
            from recovery_journal.store.plans import plans

            advice = plan_advice(advice, self.day, plans(self.journal), self.journal.sessions())
        if self.is_today and day.mood is None and context.day_index is not None:
            advice = f"{advice}\n{NOTHING_YET}"
        self._offer_prompts(sessions)
        if self.prompts_offered:
            from recovery_journal.prompts import OFFER

            advice = f"{advice}\n{OFFER}"
        if self.is_today:
            phq9 = self.journal.assessments("phq9")
            if phq9 and (self.day - phq9[-1].date).days > PHQ9_REMINDER_DAYS:
                advice += (
                    f"\nYour last PHQ-9 was on {phq9[-1].date:%d %b}; when you have a quiet "
                    "moment, F7 has it."
                )
        panel.update(literal(advice))

    def _offer_prompts(self, sessions: list[Session] | None = None) -> None:
        """The integration prompts are offered on Today after a session (never in review)."""
        from recovery_journal.prompts import offers_prompts

        offered = (
            self.is_today
            and not self.read_only
            and offers_prompts(self.day, self.journal.sessions() if sessions is None else sessions)
        )
        if offered != self.prompts_offered:
            self.prompts_offered = offered
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer ctrl+t only when the prompts are offered."""
        if action == "prompts":
            return self.prompts_offered  # not shown at all on other days
        return super().check_action(action, parameters)

    def action_prompts(self) -> None:
        """ctrl+t: choose a prompt; it goes at the end of the note, the cursor after it."""
        from textual.widgets import TextArea

        if self.loaded is None or not self.prompts_offered:
            return
        from recovery_journal.prompts import with_prompt
        from recovery_journal.tui.dialogs.prompt_choice import PromptChoiceModal

        def chosen(prompt: str | None) -> None:
            if prompt is None:
                return
            note = self.query_one("#note", TextArea)
            text = note.text
            note.insert(with_prompt(text, prompt)[len(text) :], note.document.end)
            note.focus()
            note.move_cursor(note.document.end)

        self.app.push_screen(PromptChoiceModal(), chosen)

    def _show_review_context(self) -> None:
        """In review: where the day sits, in words about the patient; no advice to them."""
        from recovery_journal.overview import day_line

        panel = self.query_one("#context", Static)
        panel.border_title = literal(
            f"{self.day:%a %d %b %Y} · "
            + day_line(self.day, self.journal.sessions(), context=self.journal.treatment_context)
        )
        panel.update("The patient's check-in as the file holds it (read-only).")

    def offer_draft(self, found: tuple[str, datetime] | None) -> None:
        """A note that was being typed when the app stopped (`found` as the form was
        built) is offered back. Words typed in the note before the question shows are kept
        with it, never replaced by it."""
        from textual.widgets import TextArea

        if not found:
            return
        text, when = found
        if text == self.query_one("#note", TextArea).text:
            self.undecided_draft = None
            self.journal.discard_draft(self.draft_name)
            return
        from recovery_journal.tui.dialogs.confirm import ChoiceModal

        self.undecided_draft = (text, self.journal.draft_base(self.draft_name) or "")

        def answered(choice: str | None) -> None:
            if choice == "restore":
                self.undecided_draft = None
                note = self.query_one("#note", TextArea)
                note.load_text(with_words_since(text, self.loaded_note_text, note.text))
                note.move_cursor(note.document.end)
                base = self.journal.draft_base(self.draft_name)
                if base is not None:  # the note this draft was written over
                    self.note_base = base or None
                self.last_draft = ""  # kept again, with the words typed since, if any
                self.set_status(f"note brought back from {when:%H:%M} · not saved yet")
            elif choice == "discard":
                self.undecided_draft = None
                self.journal.discard_draft(self.draft_name)

        self.app.push_screen(
            ChoiceModal(
                f"A note you were writing for {self.day:%d %b} (kept at {when:%H:%M}) "
                "was not saved. Bring it back?",
                [
                    ("restore", "Bring it back"),
                    ("discard", "Discard it"),
                    ("cancel", "Decide later"),
                ],
            ),
            answered,
        )

    # ------------------------------------------------------------ reacting

    def on_input_changed(self, event: Input.Changed) -> None:
        """Redraw the mood's scale or a habit's hint as it is typed; a
        refused field edited again loses its mark."""
        widget_id = event.input.id or ""
        if event.input.has_class("field-refused"):
            if self.refused_values.get(widget_id) == event.value:
                return  # the change the save already refused, arriving after it
            self.refused_values.pop(widget_id, None)
            self.clear_problem(widget_id)
        if widget_id == "mood":
            self.query_one("#mood-scale", Static).update(mood_scale(event.value))
        elif widget_id.startswith("habit-"):
            key = widget_id.removeprefix("habit-")
            habit = next((h for h in self.habit_list if h.key == key), None)
            if habit is not None:
                self.query_one(f"#hint-{key}", Static).update(habit_hint(habit, event.value))

    def keep_draft(self) -> None:
        """Every few seconds: keep the note as a draft in the journal if it changed."""
        from textual.widgets import TextArea

        text = self.query_one("#note", TextArea).text
        if text == self.last_draft:
            return
        try:
            if self.undecided_draft is not None:
                # Not decided on yet: that draft stays, with the words typed since.
                old, old_base = self.undecided_draft
                kept = with_words_since(old, self.loaded_note_text, text)
                self.journal.save_draft(self.draft_name, kept, base=old_base)
            elif text == self.loaded_note_text:
                self.journal.discard_draft(self.draft_name)
            else:
                self.journal.save_draft(self.draft_name, text, base=self.note_base or "")
        except Exception as error:  # a draft must never crash the form
            self.set_status(f"draft not kept: {error}")
            return
        self.last_draft = text
        self.set_status(f"draft kept · {self.clock.now():%H:%M}")

    def set_status(self, text: str) -> None:
        """The status line under the form (draft kept, saved…)."""
        self.query_one("#status", Static).update(literal(text))

    # ------------------------------------------------------------ refused values

    def field_problems(self) -> dict[str, str]:
        """What the model refuses in each field, by the field's id (empty: all is well)."""
        from textual.widgets import TextArea

        from recovery_journal import model
        from recovery_journal.errors import InvalidInput

        problems: dict[str, str] = {}

        def check(widget_id: str, parse) -> None:
            text = self.query_one(f"#{widget_id}", Input).value.strip()
            if not text:
                return
            try:
                parse(text)
            except InvalidInput as error:
                problems[widget_id] = str(error)

        check("mood", model.parse_mood)
        check("anxiety", model.parse_anxiety)
        check("energy", model.parse_energy)
        check("sleep", lambda t: model.parse_sleep(t.replace(",", ".")))
        for habit in self.habit_list:
            if habit.kind not in model.YES_NO_KINDS:
                check(f"habit-{habit.key}", lambda t, h=habit: model.parse_habit_value(h, t))
        tag_problem = tags_problem(self.query_one("#tags", Input).value)
        if tag_problem:
            problems["tags"] = tag_problem
        try:
            model.check_note(self.query_one("#note", TextArea).text)
        except InvalidInput as error:
            problems["note"] = str(error)
        return problems

    def problem_slot(self, widget_id: str) -> Static:
        """Where a field's message shows: beside it (the mood's scale, a habit's hint),
        or on the line under its row."""
        if widget_id == "mood":
            return self.query_one("#mood-scale", Static)
        if widget_id.startswith("habit-"):
            return self.query_one(f"#hint-{widget_id.removeprefix('habit-')}", Static)
        if widget_id in ("anxiety", "energy", "sleep"):
            return self.query_one("#numbers-error", Static)
        if widget_id == "tags":
            return self.query_one("#tags-error", Static)
        return self.query_one("#status", Static)

    def show_problems(self, problems: dict[str, str]) -> None:
        """Mark each refused field and say why beside it, until it is changed."""
        for widget_id, message in problems.items():
            if widget_id != "note":
                field = self.query_one(f"#{widget_id}", Input)
                field.add_class("field-refused")
                self.refused_values[widget_id] = field.value
            slot = self.problem_slot(widget_id)
            slot.add_class("field-problem")
            slot.update(literal(f"✗ {short_message(message)}"))
            slot.display = True

    def clear_problem(self, widget_id: str) -> None:
        """The field was changed: its mark and message go (the hint comes back)."""
        self.query_one(f"#{widget_id}", Input).remove_class("field-refused")
        slot = self.problem_slot(widget_id)
        slot.remove_class("field-problem")
        if slot.id in ("numbers-error", "tags-error"):
            others = [
                w
                for w in ("anxiety", "energy", "sleep")
                if slot.id == "numbers-error"
                and w != widget_id
                and self.query_one(f"#{w}", Input).has_class("field-refused")
            ]
            if not others:
                slot.update("")
                slot.display = False
            else:
                slot.add_class("field-problem")
        # the mood's scale and a habit's hint are redrawn by on_input_changed

    # ------------------------------------------------------------ saving

    def raw_state(self) -> tuple[object, ...]:
        """What the form shows, as typed (for the unsaved-changes question)."""
        from textual.widgets import TextArea

        from recovery_journal.tui.widgets.tri_toggle import TriToggle

        inputs = tuple(widget.value for widget in self.query(Input))
        toggles = tuple(widget.value for widget in self.query(TriToggle))
        return (*inputs, *toggles, self.query_one("#note", TextArea).text)

    def has_unsaved_changes(self) -> bool:
        """Whether the form differs from what it last loaded or saved
        (never when read-only)."""
        return (
            not self.read_only and bool(self.clean_state) and (self.raw_state() != self.clean_state)
        )

    def collect(self) -> Day:
        """The form as a Day, validated by the model; habits not shown are kept."""
        from dataclasses import replace

        from textual.widgets import TextArea

        from recovery_journal import model
        from recovery_journal.tui.widgets.tri_toggle import TriToggle

        assert self.loaded is not None

        def number(widget_id: str, parse):
            text = self.query_one(widget_id, Input).value.strip()
            return parse(text) if text else None

        habits = dict(self.loaded.habits)
        for habit in self.habit_list:
            value: float | bool | None
            if habit.kind in model.YES_NO_KINDS:
                value = self.query_one(f"#habit-{habit.key}", TriToggle).value
            else:
                text = self.query_one(f"#habit-{habit.key}", Input).value.strip()
                value = model.parse_habit_value(habit, text.replace(",", ".")) if text else None
            if value is None:
                habits.pop(habit.key, None)
            else:
                habits[habit.key] = value
        tag_text = self.query_one("#tags", Input).value
        tags = list(
            dict.fromkeys(
                model.normalize_word(word) for word in tag_text.split(",") if word.strip()
            )
        )
        note_text = self.query_one("#note", TextArea).text
        # An untouched note keeps its exact bytes (TextArea may normalise line endings).
        note = self.loaded.note if note_text == self.loaded_note_text else note_text
        if note is not None:
            model.check_note(note)
        return replace(
            self.loaded,
            mood=number("#mood", model.parse_mood),
            anxiety=number("#anxiety", model.parse_anxiety),
            energy=number("#energy", model.parse_energy),
            sleep_hours=number("#sleep", lambda t: model.parse_sleep(t.replace(",", "."))),
            habits=habits,
            tags=tags,
            note=note or None,
        )

    def base(self) -> Day:
        """The day as the person saw it in the form: what the save is three-way against."""
        from dataclasses import replace

        assert self.loaded is not None
        return replace(self.loaded, note=self.note_base)

    def save(self) -> bool:
        """Validate and save what the person changed, in one transaction, merged with what
        was saved meanwhile elsewhere (`Journal.merge_day`); True when nothing is left
        unsaved. The focus and the note's cursor stay where they are."""
        from recovery_journal.errors import InvalidInput

        if self.read_only:
            self.show_error("This journal is open read-only.")
            return False
        if self.loaded is None:  # ctrl+s before the form is filled: nothing typed yet
            return False
        problems = self.field_problems()
        if problems:
            self.show_problems(problems)
            first = next(iter(problems.values()))
            self.show_error(short_message(first))
            return False
        try:
            mine, base = self.collect(), self.base()
            if mine == base:
                self.notify("Nothing has changed since it was saved.", timeout=3)
                return True
            marker = f"— your words from the app, {self.clock.now():%H:%M} —"
            saved, conflicts = self.journal.merge_day(base, mine, marker)
            self._drop_draft()
        except InvalidInput as error:
            self.show_error(short_message(str(error)))
            return False
        except Exception as error:
            self.show_error(short_message(f"{error}"))
            return False
        self.set_status(f"saved · {self.clock.now():%H:%M}")
        self.load(day=saved, keep_place=True)
        if conflicts:
            self.notify(
                conflict_message(conflicts, self.habit_list),
                title=f"Saved {self.day:%a %d %b} · please have a look",
                severity="warning",
                timeout=12,
            )
        else:
            self.notify(f"Saved {self.day:%a %d %b}.", title="Saved", timeout=3)
        return True

    def discard(self) -> None:
        """Forget the changes on screen (the draft of the note is dropped too)."""
        self._drop_draft()
        self.set_status("")  # no "draft kept" for a draft that is gone
        self.load()

    def _drop_draft(self) -> None:
        """The draft of what is on screen goes (saved or discarded); one from an earlier
        run that the person has not decided on stays as it was."""
        if self.undecided_draft is None:
            self.journal.discard_draft(self.draft_name)
        else:
            old, old_base = self.undecided_draft
            self.journal.save_draft(self.draft_name, old, base=old_base)

    def action_save(self) -> None:
        """ctrl+s: save what the form holds, keys typed just before included."""
        # ctrl+s is a priority key: it comes before the keys typed just ahead of it that the
        # focused field has not taken in yet. Saving from that field's own queue saves them.
        (self.focused or self).call_later(self.save)

    def action_note(self) -> None:
        """ctrl+n: to the note, the cursor at its end."""
        from textual.widgets import TextArea

        if self.loaded is None:
            return
        note = self.query_one("#note", TextArea)
        # At once, not after the keys already waiting (`focus()` waits its turn behind
        # them, and they would go to the field the person just left).
        self.set_focus(note)
        note.move_cursor(note.document.end)

    def action_back(self) -> None:
        """Escape: back to the screen below, asking first about unsaved edits
        (nothing when this is the first screen)."""
        if len(self.app.screen_stack) > 1 and self.app.screen is self:
            self.journal_app.leave_current(self.app.pop_screen)


class TodayScreen(DayScreen):
    """Today's check-in, the first screen."""

    def __init__(self) -> None:
        super().__init__(None)
