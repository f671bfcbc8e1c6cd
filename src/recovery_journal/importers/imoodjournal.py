"""Importing iMoodJournal's CSV export (docs/import.md).

Columns are found by the header's names: `Date` (`September 5, 2015`), `Hour`, `Minute`,
`Level` (1–10) and `Comment`; others are ignored. A day's mood is the mean of its levels
(halves up); `#hashtags` in comments become tags; the comments, each led by its time, make
the day's note in time order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
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
    hashtags,
    header_columns,
    joined_note,
    listing,
    mean_half_up,
    merge,
    partial_day,
    progress_bar,
    read_bytes,
    tag_of,
)

if TYPE_CHECKING:
    from recovery_journal.store import Journal

WHAT = "iMoodJournal's CSV export"
REQUIRED = ("date", "hour", "minute", "level")
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
_DATE_RE = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")


@dataclass(frozen=True)
class _Entry:
    line: int
    day: date
    minute: int
    level: int
    comment: str


def looks_like(header: list[str]) -> bool:
    """A header row with iMoodJournal's columns."""
    columns = header_columns(header)
    return all(name in columns for name in REQUIRED)


def parse_long_date(text: str) -> date | None:
    """`September 5, 2015` (also `Sep 5, 2015`) or `2015-09-05`; None when neither."""
    text = text.strip()
    match = _DATE_RE.fullmatch(text)
    try:
        if match:
            month = MONTHS.get(match.group(1).lower())
            if month is None:
                return None
            return date(int(match.group(3)), month, int(match.group(2)))
        if len(text) == 10:
            return date.fromisoformat(text)
    except ValueError:
        return None
    return None


def read(path: Path, options: Options) -> Parsed:
    """Read and check an iMoodJournal export; the journal is not opened."""
    text = decode(read_bytes(path, WHAT), WHAT)
    return parse(text, options, Path(path).name)


def parse(text: str, options: Options, name: str = "the file") -> Parsed:
    """Check an iMoodJournal CSV and read every row into an entry, then one day per date."""
    records = csv_records(text)
    if not records:
        raise InvalidInput(f"{name} is empty; in iMoodJournal use Settings → Export → CSV")
    header_line, header = records[0]
    columns = header_columns(header)
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        raise InvalidInput(
            f"line {header_line}: this is not an iMoodJournal export: its header lacks "
            f"{', '.join(missing)} (it needs Date, Hour, Minute, Level and Comment)"
        )
    entries: list[_Entry] = []
    rows = records[1:]
    with progress_bar(options.progress, len(rows), f"Reading {name}") as tick:
        for index, (line, row) in enumerate(rows, 1):
            entries.append(_entry(row, columns, line, options.today))
            if index % 500 == 0:
                tick(index)
        tick(len(rows))
    return _build(entries, name)


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return row[index] if index is not None and index < len(row) else ""


def _entry(row: list[str], columns: dict[str, int], line: int, today: date) -> _Entry:
    where = f"line {line}"
    date_text = _cell(row, columns, "date")
    day = parse_long_date(date_text)
    if day is None:
        raise InvalidInput(
            f"{where}: the date {date_text.strip()!r} is not like September 5, 2015; "
            f"{NOTHING_IMPORTED}"
        )
    check_date(day, today, where)
    try:
        hour = int(_cell(row, columns, "hour").strip() or 0)
        minute = int(_cell(row, columns, "minute").strip() or 0)
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise ValueError
    except ValueError:
        raise InvalidInput(
            f"{where}: the hour and minute must be whole numbers (0–23, 0–59); {NOTHING_IMPORTED}"
        ) from None
    level_text = _cell(row, columns, "level").strip()
    try:
        level = int(float(level_text)) if level_text else 0
        if float(level_text) != level or not 1 <= level <= 10:
            raise ValueError
    except (ValueError, OverflowError):
        raise InvalidInput(
            f"{where}: the level {level_text!r} is not a whole number from 1 to 10; "
            f"{NOTHING_IMPORTED}"
        ) from None
    comment = check_free_text(_cell(row, columns, "comment"), where)
    return _Entry(line, day, hour * 60 + minute, level, comment)


def _build(entries: list[_Entry], name: str) -> Parsed:
    by_day: dict[date, list[_Entry]] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(entry)
    days = []
    all_tags: dict[str, None] = {}
    left_out = 0
    for day in sorted(by_day):
        items = sorted(by_day[day], key=lambda entry: entry.minute)
        tags: list[str] = []
        pieces = []
        for entry in items:
            for word in hashtags(entry.comment):
                tag = tag_of(word)
                if tag is None:
                    left_out += 1
                else:
                    tags.append(tag)
                    all_tags[tag] = None
            body = entry.comment.strip()
            if body:
                pieces.append(f"[{entry.minute // 60:02d}:{entry.minute % 60:02d}] {body}")
        note = joined_note(pieces, day, f"line {items[0].line}")
        mood = mean_half_up([entry.level for entry in items])
        days.append(partial_day(day, mood=mood, tags=tags, note=note))
    parsed = Parsed(name, len(entries), ("entry", "entries"), days)
    if all_tags:
        parsed.lines.append(
            f"Hashtags that became tags ({len(all_tags)}): {listing(list(all_tags))}."
        )
    if left_out:
        parsed.left_out["hashtags too long to be a tag (the comment keeps them)"] = left_out
    return parsed


def load(
    journal: Journal, parsed: Parsed, *, on_conflict: str, dry_run: bool, options: Options
) -> ImportResult:
    """Merge what was read into the journal in one transaction (a dry run only counts
    what would change)."""
    return merge(
        journal, parsed, on_conflict=on_conflict, dry_run=dry_run, progress=options.progress
    )
