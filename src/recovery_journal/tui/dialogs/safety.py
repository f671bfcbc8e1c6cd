"""The safety message of PRODUCT.md §6 as a focused dialog that fits 80×24.

Shown at once when a PHQ-9 item 9 answer above 0 is given, with the score beside it. It
scrolls with the usual keys (↑ ↓ PgUp PgDn Home End) when the terminal is smaller, and
Escape closes it. Nothing else (no toast) is shown over it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from recovery_journal import assessments


class SafetyModal(ModalScreen[None]):
    """The crisis resources and the fact that nobody monitors this journal."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, score: str, country: str | None = None) -> None:
        super().__init__()
        self.score = score  # e.g. "PHQ-9 score: 12 of 27 — moderate (not saved yet)"
        self.country = country  # the patient's, for the crisis line (None: not known)

    def compose(self) -> ComposeResult:
        """The score, then the safety message: its lists as bullets, the rest
        as paragraphs."""
        with VerticalScroll(id="safety-dialog") as box:
            box.border_title = assessments.SAFETY_TITLE
            box.border_subtitle = "Escape closes this"
            yield Static(self.score, id="safety-score", markup=False)
            for paragraph in assessments.safety_body(self.country).split("\n\n"):
                lines = paragraph.split("\n")
                if all(line.startswith("- ") for line in lines):
                    for line in lines:
                        with Horizontal(classes="safety-item"):
                            yield Static("•", classes="bullet", markup=False)
                            yield Static(line[2:], classes="item-text", markup=False)
                else:
                    yield Static(paragraph, classes="safety-paragraph", markup=False)

    def on_mount(self) -> None:
        """The keys go to the message, so that it scrolls."""
        self.query_one("#safety-dialog", VerticalScroll).focus()
