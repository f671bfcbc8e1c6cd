"""The rules for the values a day's check-in takes, defined once (standard library only).

The quick `log` path validates with these alone: no dataclasses, no regular expression
compiled at import (PRODUCT.md §11). `model` re-exports every name here, so the rest of the
app reads them as `model.parse_mood` and so on. Every check raises `InvalidInput` with a
message that the CLI and the TUI show as it is.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from recovery_journal.errors import InvalidInput

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol

    class HabitLike(Protocol):
        """What a value check needs of a habit: its key and kind (a `model.Habit`)."""

        @property
        def key(self) -> str:
            """The habit's key."""
            ...

        @property
        def kind(self) -> str:
            """The habit's kind (one of HABIT_KINDS)."""
            ...


NOTE_MAX_CHARS = 100_000
TEXT_MAX_CHARS = 100_000

# The range a journal accepts (docs/cli.md, "Limits"): dates within a life.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2100, 12, 31)

MAX_TAGS_PER_DAY = 100  # a journal with more would be slow, not more useful

HABIT_KINDS = ("minutes", "count", "done", "avoided")
YES_NO_KINDS = ("done", "avoided")

# Day fields that `--clear` accepts besides habit keys; habit keys may not take these names.
DAY_FIELDS = ("mood", "anxiety", "energy", "sleep", "note")

_YES = {"yes", "y", "true", "1", "done"}
_NO = {"no", "n", "false", "0"}


def parse_date(text: str, today: date, what: str = "date") -> date:
    """YYYY-MM-DD, `today` or `yesterday`; a date after today is refused."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    try:
        value = date.fromisoformat(word)
        if len(word) != 10:
            raise ValueError
    except ValueError:
        raise InvalidInput(
            f"{what} {text!r} is not a date; use YYYY-MM-DD, 'today' or 'yesterday'"
        ) from None
    check_date(value, what)
    if value > today:
        raise InvalidInput(f"{what} {value.isoformat()} is in the future; today is {today}")
    return value


def check_date(value: date, what: str = "date") -> date:
    """A date the journal can keep: from DATE_MIN to DATE_MAX (1900-01-01 to 2100-12-31)."""
    if not DATE_MIN <= value <= DATE_MAX:
        raise InvalidInput(
            f"{what} {value.isoformat()} is outside the dates a journal keeps "
            f"({DATE_MIN.isoformat()} to {DATE_MAX.isoformat()}); check the year"
        )
    return value


def parse_int(text: str | int, what: str, low: int, high: int) -> int:
    """A whole number from low to high inclusive."""
    if isinstance(text, bool):
        raise InvalidInput(f"{what} must be a whole number from {low} to {high}")
    if isinstance(text, int):
        number = text
    else:
        try:
            number = int(str(text).strip())
        except ValueError:
            raise InvalidInput(
                f"{what} must be a whole number from {low} to {high}, not {text!r}"
            ) from None
    if not low <= number <= high:
        raise InvalidInput(
            f"{what} must be a whole number from {low} to {high}, not {_short(number)}"
        )
    return number


def _short(number: float) -> str:
    """A number for a message: 1e+300 rather than three hundred digits."""
    text = str(number)
    return text if len(text) <= 20 else f"{number:.3g}"


def parse_number(text: str | float, what: str, low: float, high: float) -> float:
    """A finite number from low to high inclusive."""
    if isinstance(text, bool):
        raise InvalidInput(f"{what} must be a number from {low:g} to {high:g}")
    try:
        number = float(text.strip()) if isinstance(text, str) else float(text)
    except ValueError:
        raise InvalidInput(
            f"{what} must be a number from {low:g} to {high:g}, not {text!r}"
        ) from None
    if not math.isfinite(number) or not low <= number <= high:
        shown = text if isinstance(text, str) and len(text) <= 20 else _short(number)
        raise InvalidInput(f"{what} must be a number from {low:g} to {high:g}, not {shown}")
    return number


def parse_mood(text: str | int, what: str = "mood") -> int:
    """Mood, energy and the session moods: 1 (worst) to 10 (best)."""
    return parse_int(text, what, 1, 10)


def parse_anxiety(text: str | int) -> int:
    """Anxiety 0 (none) to 10."""
    return parse_int(text, "anxiety", 0, 10)


def parse_energy(text: str | int) -> int:
    """Energy 1 to 10."""
    return parse_int(text, "energy", 1, 10)


def parse_sleep(text: str | float) -> float:
    """Hours slept, 0 to 24, rounded to one decimal, halves up as written (6.25 → 6.3)."""
    hours = parse_number(text, "sleep", 0, 24)
    if round(hours, 1) == hours:
        return hours
    # round() works on the binary float, so 6.25 → 6.2 but 7.45 → 7.5; round the decimal text.
    from decimal import ROUND_HALF_UP, Decimal

    written = Decimal(text.strip() if isinstance(text, str) else repr(hours))
    return float(written.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def parse_yes_no(text: str | bool, what: str) -> bool:
    """yes/no (also y/n, true/false, 1/0)."""
    if isinstance(text, bool):
        return text
    word = str(text).strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise InvalidInput(f"{what} must be yes or no, not {text!r}")


def normalize_word(text: str, what: str = "tag") -> str:
    """Lower-case letters, digits and hyphens; anything else becomes one hyphen.

    `Movies / TV` becomes `movies-tv`. A word with nothing left is refused.
    """
    lowered = text.strip().lower()
    if not lowered.isascii():
        import unicodedata

        lowered = unicodedata.normalize("NFC", lowered)  # `e` + U+0301 is the letter `é`
    # Anything but a letter, a digit or a hyphen (letters beyond ASCII are letters too).
    word = re.sub(r"[\W_]+|-{2,}", "-", lowered).strip("-")
    word = re.sub(r"-{2,}", "-", word)
    if not word:
        raise InvalidInput(f"{what} {text!r} has no letters or digits")
    if len(word) > 40:
        raise InvalidInput(f"{what} {text!r} is too long; keep it under 40 characters")
    return word


def check_text(text: str, what: str, limit: int = TEXT_MAX_CHARS) -> str:
    """Free text is kept exactly as written, up to a limit."""
    if "\x00" in text:
        raise InvalidInput(f"{what} contains a NUL character, which cannot be stored")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(
            f"{what} is not valid UTF-8 text; check the terminal's encoding"
        ) from None
    if len(text) > limit:
        raise InvalidInput(
            f"{what} is {len(text):,} characters; the limit is {limit:,}. Split it over two days"
            if what == "note"
            else f"{what} is {len(text):,} characters; the limit is {limit:,}"
        )
    return text


def check_tags(tags: list[str], what: str = "a day") -> list[str]:
    """At most MAX_TAGS_PER_DAY tags on one day."""
    check_tag_count(len(tags), what)
    return tags


def check_tag_count(count: int, what: str = "a day") -> None:
    """At most MAX_TAGS_PER_DAY tags on one day (counted by the caller, e.g. in SQL)."""
    if count > MAX_TAGS_PER_DAY:
        raise InvalidInput(
            f"{what} would have {count:,} tags; a day keeps at most {MAX_TAGS_PER_DAY}. "
            "Put the rest in the note"
        )


def check_note(text: str) -> str:
    """A day note: free text up to 100,000 characters, kept byte for byte."""
    return check_text(text, "note", NOTE_MAX_CHARS)


def parse_habit_value(habit: HabitLike, text: str | float | bool) -> float | bool:
    """A value for one day: minutes (0–1440), a count (0–10,000), or yes/no."""
    if habit.kind in YES_NO_KINDS:
        if isinstance(text, float):
            raise InvalidInput(f"{habit.key} must be yes or no, not {text!r}")
        return parse_yes_no(text, habit.key)
    if habit.kind == "count":
        if isinstance(text, float) and text.is_integer():
            text = int(text)
        return float(parse_int(text, habit.key, 0, 10_000))  # type: ignore[arg-type]
    return parse_number(text, f"{habit.key} minutes", 0, 1440)


def split_assignment(text: str, what: str) -> tuple[str, str]:
    """`KEY=VALUE` → (KEY, VALUE)."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise InvalidInput(f"{what} {text!r} must look like KEY=VALUE")
    return key.strip(), value.strip()
