"""PHQ-9 and GAD-7: scoring and severity bands (PRODUCT.md §6).

The questionnaire wording, the interactive flow and the safety text arrive with the
questionnaires issue; scoring lives here so that every part of the app scores alike.
"""

from __future__ import annotations

from recovery_journal.errors import InvalidInput

INSTRUMENTS = {"phq9": 9, "gad7": 7}
INSTRUMENT_LABELS = {"phq9": "PHQ-9", "gad7": "GAD-7"}

# (lowest total, severity word), highest band first.
BANDS = {
    "phq9": ((20, "severe"), (15, "moderately severe"), (10, "moderate"), (5, "mild"),
             (0, "minimal")),
    "gad7": ((15, "severe"), (10, "moderate"), (5, "mild"), (0, "minimal")),
}
MAX_TOTAL = {"phq9": 27, "gad7": 21}


def check_instrument(name: str) -> str:
    if name not in INSTRUMENTS:
        raise InvalidInput(f"questionnaire {name!r} is not one of: phq9, gad7")
    return name


def severity(instrument: str, total: int) -> str:
    """The severity word of a total score."""
    check_instrument(instrument)
    if not 0 <= total <= MAX_TOTAL[instrument]:
        raise InvalidInput(
            f"a {INSTRUMENT_LABELS[instrument]} total must be 0 to {MAX_TOTAL[instrument]}"
        )
    for lowest, word in BANDS[instrument]:
        if total >= lowest:
            return word
    raise AssertionError("unreachable: the lowest band starts at 0")


def check_answers(instrument: str, answers: list[int]) -> list[int]:
    """The right number of answers, each 0–3."""
    expected = INSTRUMENTS[check_instrument(instrument)]
    label = INSTRUMENT_LABELS[instrument]
    if len(answers) != expected:
        raise InvalidInput(f"{label} has {expected} answers; {len(answers)} were given")
    for number, answer in enumerate(answers, start=1):
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= 3:
            raise InvalidInput(f"{label} answer {number} must be 0, 1, 2 or 3, not {answer!r}")
    return answers


def score(instrument: str, answers: list[int]) -> tuple[int, str]:
    """(total, severity) of a completed questionnaire."""
    total = sum(check_answers(instrument, answers))
    return total, severity(instrument, total)
