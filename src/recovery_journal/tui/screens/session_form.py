"""Add or edit one session: kind, time, dose, moods, after-care, intention and insights."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Select, Static, TextArea

from recovery_journal import model
from recovery_journal.errors import InvalidInput
from recovery_journal.model import AFTERCARE_ITEMS, SESSION_KIND_LABELS, Session
from recovery_journal.tui.screens.base import JournalScreen
from recovery_journal.tui.widgets.editors import PlainInput, PlainTextArea
from recovery_journal.tui.widgets.tri_toggle import TriToggle

TEXT_FIELDS = (
    ("dose", "Dose (mg)", "e.g. 84"),
    ("provider", "Provider", "clinic or prescriber"),
    ("mood-before", "Mood before", "1–10"),
    ("mood-after", "Mood after", "1–10"),
    ("dissociation", "Dissociation", "0–10"),
    ("bp-before", "BP before", "e.g. 128/82"),
    ("bp-after", "BP after", "e.g. 135/85"),
    ("side-effects", "Side effects", "nausea, dizziness, headache, drowsiness…"),
)


def _text(value: object) -> str:
    return "" if value is None else str(model.plain_number(value))  # type: ignore[arg-type]


FIELD_NAMES = {
    "at": "the time",
    "kind": "the kind",
    "dose_mg": "the dose",
    "provider": "the provider",
    "mood_before": "mood before",
    "mood_after": "mood after",
    "dissociation": "dissociation",
    "bp_before": "BP before",
    "bp_after": "BP after",
}


def session_conflict_message(conflicts: list[str]) -> str:
    """What the person is told when a save met changes made elsewhere to the same fields."""
    parts = []
    texts = [name for name in ("intention", "insights") if name in conflicts]
    if texts:
        parts.append(
            f"The {' and '.join(texts)} also changed elsewhere while you wrote. Both are "
            "kept: the other words first, then yours, below a line that says so."
        )
    others = [
        FIELD_NAMES.get(name) or AFTERCARE_ITEMS.get(name.removeprefix("aftercare."), name)
        for name in conflicts
        if name not in texts
    ]
    if others:
        parts.append(f"Also changed elsewhere: {', '.join(others)}; what you chose is kept.")
    return " ".join(parts)


class SessionFormScreen(JournalScreen):
    """A form over one session; ctrl+s saves, escape goes back."""

    CSS_PATH = "session_form.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "back", "Back"),
        Binding("escape", "close", "Close"),  # read-only (review): nothing to save
    ]

    def __init__(self, session: Session | None) -> None:
        super().__init__()
        self.session = session
        self.clean_state: tuple[object, ...] = ()

    def compose_body(self) -> ComposeResult:
        """Every field of the session (or of a new one, at now),
        the after-care checklist, the intention and the insights."""
        s = self.session
        title = "New session" if s is None else f"Session of {s.at:%d %b %Y}"
        with VerticalScroll(id="session-form", can_focus=False):
            keys = "escape close" if self.read_only else "ctrl+s save · escape back"
            yield Static(f"[b]{title}[/b]  ·  {keys}", classes="intro")
            with Horizontal(classes="row"):
                yield Label("When", classes="field-label")
                when = f"{s.at:%Y-%m-%d %H:%M}" if s else f"{self.clock.now():%Y-%m-%d %H:%M}"
                yield Input(when, id="at", placeholder="YYYY-MM-DD HH:MM", classes="medium")
                yield Label("Kind", classes="inline-label")
                yield Select(
                    [(label, kind) for kind, label in SESSION_KIND_LABELS.items()],
                    value=s.kind if s else "esketamine_nasal",
                    allow_blank=False,
                    id="kind",
                )
            values = {
                "dose": _text(s.dose_mg) if s else "",
                "provider": (s.provider or "") if s else "",
                "mood-before": _text(s.mood_before) if s else "",
                "mood-after": _text(s.mood_after) if s else "",
                "dissociation": _text(s.dissociation) if s else "",
                "bp-before": (s.bp_before or "") if s else "",
                "bp-after": (s.bp_after or "") if s else "",
                "side-effects": ", ".join(s.side_effects) if s else "",
            }
            for field_id, label, hint in TEXT_FIELDS:
                with Horizontal(classes="row"):
                    yield Label(label, classes="field-label")
                    yield PlainInput(
                        values[field_id], id=field_id, placeholder=hint, classes="wide"
                    )
            yield Label("After-care checklist", classes="section-label")
            for item, label in AFTERCARE_ITEMS.items():
                with Horizontal(classes="row"):
                    yield Label(label, classes="aftercare-label")
                    yield TriToggle(s.aftercare.get(item) if s else None, id=f"care-{item}")
            yield Label("Intention (before)", classes="section-label")
            yield PlainTextArea((s.intention or "") if s else "", id="intention", classes="short")
            yield Label("Insights (after)", classes="section-label")
            yield PlainTextArea((s.insights or "") if s else "", id="insights", classes="short")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """One Escape key shown: "Back" in the form, "Close" when it is read-only."""
        if action in ("back", "close"):
            return (action == "close") == self.read_only
        return super().check_action(action, parameters)

    def action_close(self) -> None:
        """Escape when read-only: back to the list."""
        self.app.pop_screen()

    def on_mount(self) -> None:
        """Focus the time, note what the form holds as clean, and lock
        every field when read-only."""
        self.query_one("#at", Input).focus()
        for area in self.query(TextArea):  # entering a text with words goes to its end
            area.move_cursor(area.document.end)
        self.call_after_refresh(self._mark_clean)
        if self.read_only:
            for widget in self.query("Input, Select, TriToggle"):
                widget.disabled = True
            for area in self.query(TextArea):
                area.read_only = True

    def _mark_clean(self) -> None:
        self.clean_state = self.raw_state()

    def raw_state(self) -> tuple[object, ...]:
        """What the form shows, as typed (for the unsaved-changes
        question)."""
        return (
            *(w.value for w in self.query(Input)),
            self.query_one("#kind", Select).value,
            *(t.value for t in self.query(TriToggle)),
            *(a.text for a in self.query(TextArea)),
        )

    def has_unsaved_changes(self) -> bool:
        """Whether the form differs from what it last loaded
        or saved (never when read-only)."""
        return (
            not self.read_only and bool(self.clean_state) and (self.raw_state() != self.clean_state)
        )

    def collect(self) -> Session:
        """The form as a Session, validated by the model."""

        def value(field_id: str) -> str:
            return self.query_one(f"#{field_id}", Input).value.strip()

        def optional(field_id: str, name: str, what: str | None = None) -> Any:
            """The model's parser for session field `name` (as the CLI's and an import's)."""
            text = value(field_id)
            return model.parse_session_field(name, text, what) if text else None

        at = model.parse_datetime(value("at"), self.clock, "the session time")
        if self.session is not None and value("at") == f"{self.session.at:%Y-%m-%d %H:%M}":
            at = self.session.at  # unchanged: keep its original offset and seconds
        effects = [
            model.normalize_side_effect(word)
            for word in value("side-effects").split(",")
            if word.strip()
        ]
        aftercare = {
            item: toggle
            for item in AFTERCARE_ITEMS
            if (toggle := self.query_one(f"#care-{item}", TriToggle).value) is not None
        }

        def text_of(area_id: str) -> str | None:
            text = self.query_one(f"#{area_id}", TextArea).text
            return model.check_text(text, area_id) if text.strip() else None

        fields = dict(
            at=at,
            kind=model.check_session_kind(str(self.query_one("#kind", Select).value)),
            dose_mg=optional("dose", "dose_mg"),
            provider=optional("provider", "provider"),
            mood_before=optional("mood-before", "mood_before"),
            mood_after=optional("mood-after", "mood_after"),
            dissociation=optional("dissociation", "dissociation"),
            bp_before=optional("bp-before", "bp_before", "BP before"),
            bp_after=optional("bp-after", "bp_after", "BP after"),
            side_effects=list(dict.fromkeys(effects)),
            aftercare=aftercare,
            intention=text_of("intention"),
            insights=text_of("insights"),
        )
        if self.session is None:
            return Session(id="", **fields)
        return replace(self.session, **fields)

    def merged_with(self, edited: Session, conflicts: list[str]):
        """The change to apply to the session as it is now (read in the same transaction):
        only what the person changed in the form, three-way against the session as it was
        loaded (`merge3`), so an edit made meanwhile elsewhere (the CLI) is kept. The fields
        changed on both sides are put in `conflicts`."""
        from recovery_journal.merge3 import merge_record

        assert self.session is not None
        loaded = self.session
        marker = f"— your words from the app, {self.clock.now():%H:%M} —"

        def change(current: Session) -> Session:
            merged, found = merge_record(
                loaded,
                edited,
                current,
                marker,
                text_fields=("intention", "insights"),
                set_fields=("side_effects",),
                mapping_fields=("aftercare",),
                fixed=("id",),
            )
            conflicts[:] = found
            return merged

        return change

    def save(self) -> bool:
        """Add the session, or merge the edits into it as it is now; the
        fields changed elsewhere too are named. False when refused."""
        if self.read_only:
            return False
        conflicts: list[str] = []
        try:
            session = self.collect()
            if self.session is None:
                session = self.journal.add_session(session)
            else:
                change = self.merged_with(session, conflicts)
                session = self.journal.update_session(self.session.id, change)
        except InvalidInput as error:
            self.show_error(error)
            return False
        self.session = session
        if conflicts:
            self.notify(
                session_conflict_message(conflicts),
                title=f"Session of {session.at:%d %b %Y} saved · please have a look",
                severity="warning",
                timeout=12,
            )
        else:
            self.notify(f"Session of {session.at:%d %b %Y} saved.", title="Saved", timeout=3)
        self._mark_clean()
        return True

    def discard(self) -> None:
        """Forget the edits: what the form shows now counts as clean."""
        self.clean_state = self.raw_state()

    def action_save(self) -> None:
        """ctrl+s: save, then back to the list."""
        # From the focused field's own queue, after the keys typed just before ctrl+s.
        (self.focused or self).call_later(self._save_and_close)

    def _save_and_close(self) -> None:
        if self.save():
            self.app.pop_screen()

    def action_back(self) -> None:
        """Escape: back to the list, asking first about unsaved edits."""
        self.journal_app.leave_current(self.app.pop_screen)
