"""Importing Bearable's CSV export (docs/import.md).

One row per reading: `date,weekday,time of day,category,rating/amount,detail,notes`, dates
like `22nd Sep 2020` (a `date formatted` column, when there is one, is read too).

- Mood (rating 0–10): the day's mood is the mean of its readings, rounded half up (a mean
  below 1 is 1, the journal's lowest).
- Energy (rating 1–5, or the detail `v. low` … `v. high`): 1, 3, 5, 7, 9 on the journal's
  1–10, the mean of the day.
- Sleep (rating `H:MM`): hours slept, the day's readings added up (a nap counts too).
- Factors: each factor (`|`-separated in the detail) becomes a tag.
- Notes of any row join the day's note, led by the time of day and the category.
- Every other category (symptoms, medication, health measurements, …) has no place in the
  journal: it is counted as left out, by category, in the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_journal.errors import InvalidInput
from recovery_journal.importers.common import (
    NOTHING_IMPORTED,
    ImportResult,
    Options,
    Parsed,
    check_date,
    check_free_text,
    csv_records,
    decode,
    header_columns,
    joined_note,
    listing,
    merge,
    partial_day,
    progress_bar,
    read_bytes,
    tag_of,
)
from recovery_journal.importers.imoodjournal import MONTHS

if TYPE_CHECKING:
    from recovery_journal.store import Journal

WHAT = "Bearable's CSV export"
REQUIRED = ("category", "rating/amount")
ENERGY_WORDS = {
    "v. low": 1,
    "very low": 1,
    "low": 2,
    "ok": 3,
    "okay": 3,
    "high": 4,
    "v. high": 5,
    "very high": 5,
}
_DATE_RE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})", re.IGNORECASE)
_SLEEP_RE = re.compile(r"(\d{1,2}):(\d{2})")


@dataclass
class _Day:
    moods: list[Decimal] = field(default_factory=list)
    energy: list[int] = field(default_factory=list)
    sleep_minutes: int = 0
    slept: bool = False
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    line: int = 0


_SPAN_RE = re.compile(r"(\d{1,2}):(\d{2})\s*[-–—]+\s*(\d{1,2}):(\d{2})")


def _span_minutes(detail: str) -> int | None:
    """The minutes of a `23:00 – 07:00` span (across midnight too); None when there is none."""
    match = _SPAN_RE.search(detail)
    if not match:
        return None
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        return None
    return ((h2 * 60 + m2) - (h1 * 60 + m1)) % (24 * 60)


def looks_like(header: list[str]) -> bool:
    """A header row with Bearable's columns (date, category, rating/amount)."""
    columns = header_columns(header)
    return all(name in columns for name in REQUIRED)


def parse_bearable_date(text: str) -> date | None:
    """`22nd Sep 2020`, `22 September 2020` or `2020-09-22`; None when none of them."""
    text = text.strip()
    match = _DATE_RE.fullmatch(text)
    try:
        if match:
            month = MONTHS.get(match.group(2).lower())
            if month is None:
                return None
            return date(int(match.group(3)), month, int(match.group(1)))
        if len(text) == 10:
            return date.fromisoformat(text)
        if len(text) > 10 and text[10] in " T":
            return date.fromisoformat(text[:10])
    except ValueError:
        return None
    return None


def read(path: Path, options: Options) -> Parsed:
    """Read and check a Bearable export; the journal is not opened."""
    text = decode(read_bytes(path, WHAT), WHAT)
    return parse(text, options, Path(path).name)


def parse(text: str, options: Options, name: str = "the file") -> Parsed:
    """Check a Bearable CSV and fold its rows into one partial day per date."""
    records = csv_records(text)
    if not records:
        raise InvalidInput(f"{name} is empty; in Bearable use Settings → Export data (CSV)")
    header_line, header = records[0]
    columns = header_columns(header)
    date_columns = [columns[key] for key in ("date", "date formatted") if key in columns]
    missing = [key for key in REQUIRED if key not in columns]
    if missing or not date_columns:
        raise InvalidInput(
            f"line {header_line}: this is not a Bearable export: its header lacks "
            f"{', '.join(missing) or 'date'} (it needs date, category and rating/amount)"
        )
    days: dict[date, _Day] = {}
    left_out: dict[str, int] = {}
    rows = records[1:]
    with progress_bar(options.progress, len(rows), f"Reading {name}") as tick:
        for index, (line, row) in enumerate(rows, 1):
            _reading(row, columns, date_columns, line, options.today, days, left_out)
            if index % 500 == 0:
                tick(index)
        tick(len(rows))
    return _build(days, len(rows), name, left_out)


def _cell(row: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return row[index].strip() if index is not None and index < len(row) else ""


def _reading(
    row: list[str],
    columns: dict[str, int],
    date_columns: list[int],
    line: int,
    today: date,
    days: dict[date, _Day],
    left_out: dict[str, int],
) -> None:
    where = f"line {line}"
    texts = [row[index].strip() for index in date_columns if index < len(row)]
    day = next((d for d in (parse_bearable_date(t) for t in texts) if d is not None), None)
    if day is None:
        shown = texts[0] if texts else ""
        raise InvalidInput(
            f"{where}: the date {shown!r} is not like 22nd Sep 2020; {NOTHING_IMPORTED}"
        )
    check_date(day, today, where)
    entry = days.setdefault(day, _Day(line=line))
    category = _cell(row, columns, "category")
    kind = category.lower()
    rating = _cell(row, columns, "rating/amount")
    detail = _cell(row, columns, "detail")
    note = check_free_text(_cell(row, columns, "notes"), where)
    if kind == "mood":
        entry.moods.append(_number(rating, where, "mood rating", 0, 10))
    elif kind == "energy":
        word = ENERGY_WORDS.get(detail.lower())
        step = word if word is not None and not rating else None
        if step is None:
            step = int(_number(rating, where, "energy rating", 1, 5).to_integral_value())
        entry.energy.append(2 * step - 1)
    elif kind == "sleep" and not rating:
        minutes = _span_minutes(detail)  # `Asleep 23:00 – 07:00` when no hours are given
        if minutes is None:
            label = "sleep readings with neither hours nor a time span"
            left_out[label] = left_out.get(label, 0) + 1
        else:
            entry.sleep_minutes += minutes
            entry.slept = True
    elif kind == "sleep":
        match = _SLEEP_RE.fullmatch(rating)
        if not match or int(match.group(2)) > 59:
            raise InvalidInput(
                f"{where}: the sleep {rating!r} is not hours and minutes like 7:30; "
                f"{NOTHING_IMPORTED}"
            )
        entry.sleep_minutes += int(match.group(1)) * 60 + int(match.group(2))
        entry.slept = True
        if entry.sleep_minutes > 24 * 60:
            raise InvalidInput(
                f"{where}: the sleep of {day} adds up to more than 24 hours; {NOTHING_IMPORTED}"
            )
    elif kind in ("factors", "factor"):
        for part in detail.split("|"):
            if part.strip():
                tag = tag_of(part)
                if tag is None:
                    left_out["factors with no letters or digits"] = (
                        left_out.get("factors with no letters or digits", 0) + 1
                    )
                else:
                    entry.tags.append(tag)
    elif kind in ("notes", "note"):
        note = note or detail
    elif category:
        label = f"{category} readings, which the journal has no place for"
        left_out[label] = left_out.get(label, 0) + 1
    if note:
        time_of_day = _cell(row, columns, "time of day")
        head = " · ".join(part for part in (time_of_day, category) if part)
        entry.notes.append(f"[{head}] {note}" if head else note)


def _number(text: str, where: str, what: str, low: int, high: int) -> Decimal:
    try:
        number = Decimal(text)
        if not number.is_finite() or not low <= number <= high:
            raise ValueError
    except (InvalidOperation, ValueError):
        raise InvalidInput(
            f"{where}: the {what} {text!r} is not a number from {low} to {high}; {NOTHING_IMPORTED}"
        ) from None
    return number


def _mean(values: list[Decimal]) -> int:
    mean = sum(values, Decimal(0)) / len(values)
    return max(1, int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def _build(days: dict[date, _Day], rows: int, name: str, left_out: dict[str, int]) -> Parsed:
    built = []
    all_tags: dict[str, None] = {}
    for day in sorted(days):
        entry = days[day]
        for tag in entry.tags:
            all_tags[tag] = None
        sleep = None
        if entry.slept:
            hours = Decimal(entry.sleep_minutes) / 60
            sleep = float(hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
        item = partial_day(
            day,
            mood=_mean(entry.moods) if entry.moods else None,
            energy=_mean([Decimal(v) for v in entry.energy]) if entry.energy else None,
            sleep_hours=sleep,
            tags=entry.tags,
            note=joined_note(entry.notes, day, f"line {entry.line}"),
        )
        if item.fields:
            built.append(item)
    parsed = Parsed(name, rows, ("reading", "readings"), built, left_out=left_out)
    if all_tags:
        parsed.lines.append(
            f"Factors that became tags ({len(all_tags)}): {listing(list(all_tags))}."
        )
    return parsed


def load(
    journal: Journal, parsed: Parsed, *, on_conflict: str, dry_run: bool, options: Options
) -> ImportResult:
    """Merge what was read into the journal in one transaction (a dry run only counts
    what would change)."""
    return merge(
        journal, parsed, on_conflict=on_conflict, dry_run=dry_run, progress=options.progress
    )
