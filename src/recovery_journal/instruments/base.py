"""`Instrument`: what one questionnaire is; the answers and attribution the PHQ and GAD
forms share."""

from __future__ import annotations

from dataclasses import dataclass

# The answers of the forms, in order: the number is the score of the answer.
RESPONSE_OPTIONS: tuple[tuple[int, str], ...] = (
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
)

# The public PHQ and GAD forms say that no permission is required to reproduce them.
ATTRIBUTION = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)


@dataclass(frozen=True)
class Instrument:
    """One questionnaire: how it is asked, scored, banded, and which answer needs care."""

    key: str  # stored in the journal and export files, and the CLI's word (`assess phq9`)
    label: str  # "PHQ-9"
    title: str  # the form's heading
    about: str  # what it asks about, in a word ("mood")
    shortcut: str  # the app's key to take it (Check-ins) and to chart it (Trends)
    recall: str  # the line above the items
    items: tuple[str, ...]
    bands: tuple[tuple[int, str], ...]  # (lowest total, severity word), highest band first
    options: tuple[tuple[int, str], ...] = RESPONSE_OPTIONS
    attribution: str = ATTRIBUTION
    # The item (1-based) whose answer above 0 shows the safety message at once (PHQ-9: 9).
    safety_item: int | None = None
    # A total under this, after a first score at or above it, is "remission" (PHQ-9: 5).
    remission_below: int | None = None

    @property
    def count(self) -> int:
        """How many items the form has."""
        return len(self.items)

    @property
    def max_total(self) -> int:
        """The highest possible total."""
        return self.count * max(score for score, _ in self.options)

    @property
    def answer_values(self) -> tuple[int, ...]:
        """The scores an answer may have, lowest first."""
        return tuple(score for score, _ in self.options)
