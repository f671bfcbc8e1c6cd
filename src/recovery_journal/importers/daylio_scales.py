"""Daylio's `scales` column (`Sleep Quality: 8/10 points | Sleep Time: 8:00`) → the journal.

A scale named in `--scale-map NAME=FIELD` sets that field: `sleep` (hours), `energy` or
`anxiety` (0–10 points; `4/5` counts as 8), or a minutes/count habit the journal has. Every
other scale becomes a custom habit of its own: a `minutes` habit when its values are durations
(`8:00`), a `count` habit when they are whole numbers (`8/10 points` → 8). A scale whose values
fit neither is left out and named, with the reason. Nothing is dropped silently.

A day's energy and anxiety are the mean of its entries (halves up); sleep and habits the
largest value, as for activities.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from recovery_journal.errors import InvalidInput
from recovery_journal.importers.daylio_text import ScaleValue, scale_value, split_items
from recovery_journal.model import (
    HABIT_KEY_MAX_CHARS,
    LABEL_MAX_CHARS,
    RESERVED_HABIT_KEYS,
    YES_NO_KINDS,
    Habit,
    parse_anxiety,
    parse_energy,
    parse_habit_value,
    parse_sleep,
)


class _Scaled(Protocol):
    """An entry with scales (`daylio.Entry`)."""

    @property
    def scales(self) -> Sequence[tuple[str, str]]:
        """(scale name, value as written) of the entry."""
        ...


class ScaledFile(Protocol):
    """What `plan_scales` reads of a file read (`daylio.DaylioFile`): named here, so this
    module needs nothing of the importer that uses it."""

    @property
    def entries(self) -> Sequence[_Scaled]:
        """The file's entries."""
        ...

    @property
    def unreadable_scales(self) -> Sequence[str]:
        """The parts of the scales column not written as `name: value`."""
        ...


# What `--scale-map NAME=FIELD` may name besides a habit key → the Day field it sets.
FIELDS = {
    "sleep": "sleep_hours",
    "sleep_hours": "sleep_hours",
    "energy": "energy",
    "anxiety": "anxiety",
}
FIELD_WORDS = {"sleep_hours": "sleep (hours)", "energy": "energy", "anxiety": "anxiety"}
MAP_EXAMPLE = "'Sleep Time=sleep'"
_COUNT_MAX = 10_000
_MINUTES_MAX = 1440


@dataclass(frozen=True)
class ScaleTarget:
    """Where one scale's values go: a Day field, or a habit (`new`: the import adds it)."""

    field: str  # "sleep_hours", "energy", "anxiety" or "habits"
    habit: Habit | None = None
    new: bool = False

    def describe(self) -> str:
        """Where the values go, in words for the summary."""
        if self.habit is None:
            return FIELD_WORDS[self.field]
        if self.new:
            return f"a new {self.habit.kind} habit {self.habit.key}"
        return f"the habit {self.habit.key}"


@dataclass
class ScalePlan:
    """What each scale of the file becomes (by folded name), and what is left out."""

    targets: dict[str, ScaleTarget] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)  # name as written → description
    left_out: dict[str, str] = field(default_factory=dict)  # name or part → the reason
    new_habits: list[Habit] = field(default_factory=list)


def fold(name: str) -> str:
    """A scale's name compared loosely: runs of blanks as one space, case folded."""
    return " ".join(name.split()).casefold()


def check_scale_map(text: str | Mapping[str, str] | None) -> None:
    """Check `--scale-map` for its form only (before the journal is opened)."""
    if text is not None and not isinstance(text, Mapping):
        split_items(text, "--scale-map", MAP_EXAMPLE)


def parse_scale_map(
    text: str | Mapping[str, str] | None, habits: Mapping[str, Habit]
) -> dict[str, ScaleTarget]:
    """`--scale-map "Sleep Time=sleep,Stress=anxiety,Water=glasses"` → folded name → target."""
    if text is None:
        return {}
    if isinstance(text, Mapping):
        items = [(str(name), str(target)) for name, target in text.items()]
    else:
        items = split_items(text, "--scale-map", MAP_EXAMPLE)
    targets: dict[str, ScaleTarget] = {}
    for name, target in items:
        folded = fold(name)
        shown = name.strip()
        if not folded:
            raise InvalidInput(
                f"--scale-map: a scale name is empty; use NAME=FIELD, e.g. {MAP_EXAMPLE}"
            )
        if folded in targets:
            raise InvalidInput(f"--scale-map names the scale {shown!r} twice; keep one")
        word = target.strip().lower()
        if word in FIELDS:
            targets[folded] = ScaleTarget(FIELDS[word])
            continue
        habit = habits.get(word)
        if habit is None or habit.kind in YES_NO_KINDS:
            numeric = ", ".join(
                h.key for h in habits.values() if not h.archived and h.kind not in YES_NO_KINDS
            )
            what = "there is no habit" if habit is None else "a scale holds a number, not yes/no:"
            raise InvalidInput(
                f"--scale-map {shown}={target.strip()}: {what} {word!r}; a scale can set sleep, "
                f"energy, anxiety or a minutes or count habit ({numeric}); leave it out to "
                "make it a habit of its own"
            )
        targets[folded] = ScaleTarget("habits", habit)
    return targets


def plan_scales(
    parsed: ScaledFile, mapped: Mapping[str, ScaleTarget], habits: Mapping[str, Habit]
) -> ScalePlan:
    """Decide where every scale of the file goes; new habits get keys the journal lacks."""
    plan = ScalePlan()
    seen: dict[str, tuple[str, list[ScaleValue | None], list[str]]] = {}
    for entry in parsed.entries:
        for name, text in entry.scales:
            _written, values, texts = seen.setdefault(fold(name), (name, [], []))
            values.append(scale_value(text))
            texts.append(text)
    for part in parsed.unreadable_scales:
        plan.left_out[part] = "not written as 'name: value'"
    taken: set[str] = set()
    for folded, (name, values, texts) in seen.items():
        target = mapped.get(folded)
        if target is None:
            kind, reason = _habit_kind(values, texts)
            if kind is None:
                if value_less(values):
                    plan.left_out[name] = reason
                else:
                    plan.left_out[name] = (
                        f'{reason}; --scale-map "{name}=FIELD" can put it into sleep, energy, '
                        "anxiety or a minutes habit"
                    )
                continue
            habit, new = _scale_habit(name, kind, habits, taken)
            target = ScaleTarget("habits", habit, new)
            if new:
                plan.new_habits.append(habit)
        if target.habit is not None:
            taken.add(target.habit.key)
        plan.targets[folded] = target
        plan.shown[name] = target.describe()
    return plan


def value_less(values: list[ScaleValue | None]) -> bool:
    """True when some reading holds no number at all (no field can take it)."""
    return any(value is None for value in values)


def _habit_kind(values: list[ScaleValue | None], texts: list[str]) -> tuple[str | None, str]:
    """`minutes` for durations, `count` for whole numbers, else None and the reason."""
    for value, text in zip(values, texts, strict=True):
        if value is None:
            return None, f"its values are not numbers, e.g. {text!r}"
    if all(value is not None and value.minutes is not None for value in values):
        over = [
            t for v, t in zip(values, texts, strict=True) if ((v and v.minutes) or 0) > _MINUTES_MAX
        ]
        if over:
            return None, f"a duration is over 24 hours: {over[0]!r}"
        return "minutes", ""
    for value, text in zip(values, texts, strict=True):
        assert value is not None
        if value.minutes is not None:
            return None, f"it mixes durations and numbers, e.g. {text!r}"
        whole = value.whole
        if whole is None or not 0 <= whole <= _COUNT_MAX:
            return None, f"a value is not a whole number from 0 to {_COUNT_MAX:,}: {text!r}"
    return "count", ""


def _scale_habit(
    name: str, kind: str, habits: Mapping[str, Habit], taken: set[str]
) -> tuple[Habit, bool]:
    """The habit for an unmapped scale: one the journal has with this label and kind (a
    re-import), else a new one with a free key (`sleep_quality`, `sleep_quality_2`, …)."""
    label = name.strip()[:LABEL_MAX_CHARS].strip()
    base = _key_of(name)
    for number in range(1, 100):
        suffix = "" if number == 1 else f"_{number}"
        key = base[: HABIT_KEY_MAX_CHARS - len(suffix)].rstrip("_") + suffix
        if key in taken:
            continue
        existing = habits.get(key)
        if existing is None:
            return Habit(key, label, kind), True
        if existing.kind == kind and fold(existing.label) == fold(label):
            return existing, False
    raise InvalidInput(f"the scale {name!r} finds no free habit key; rename a habit first")


def _key_of(name: str) -> str:
    """`Sleep Quality` → `sleep_quality`; letters without an ASCII form give `scale`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    if not key or not key[0].isalpha() or key in RESERVED_HABIT_KEYS:
        key = f"scale_{key}".rstrip("_")
    return key[:HABIT_KEY_MAX_CHARS].rstrip("_")


# ---------------------------------------------------------------- one value


def converted(target: ScaleTarget, name: str, text: str, line: int) -> float | int:
    """The value a scale reading sets, checked; InvalidInput names the line."""
    value = scale_value(text)
    try:
        if value is None:
            raise InvalidInput("it is not a number")
        if target.field == "sleep_hours":
            if value.minutes is not None:
                return parse_sleep(repr(value.minutes / 60))
            if value.of is not None:
                raise InvalidInput("sleep takes hours (8:00 or 7.5), not points")
            return parse_sleep(repr(value.number))
        if target.field in ("energy", "anxiety"):
            if value.minutes is not None or value.number is None:
                raise InvalidInput(f"{target.field} takes points, not a duration")
            points = Decimal(repr(value.number))
            if value.of is not None and value.of != 10:
                points = points * 10 / Decimal(repr(value.of))
            if points != points.to_integral_value() and value.of is None:
                raise InvalidInput(f"{target.field} takes whole points")
            whole = int(points.quantize(Decimal(1), rounding=ROUND_HALF_UP))
            check = parse_energy if target.field == "energy" else parse_anxiety
            return check(whole)
        assert target.habit is not None
        amount: float = value.minutes if value.minutes is not None else value.number  # type: ignore[assignment]
        result = parse_habit_value(target.habit, float(amount))
        assert not isinstance(result, bool)
        return result
    except InvalidInput as error:
        raise InvalidInput(
            f"line {line}: the scale {name!r} value {text!r} cannot set "
            f"{target.describe()} ({error}); change --scale-map for it; nothing was imported"
        ) from None
