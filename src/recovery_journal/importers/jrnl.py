"""Importing jrnl's JSON export (`jrnl --format json`; older jrnl: `jrnl --export json`).

The file is `{"tags": {...}, "entries": [{"title", "body", "date": "2020-01-31",
"time": "09:00", "tags": ["@work"], "starred": false}, ...]}`. Each entry joins its day's
note in time order, led by its time: `[09:00] Title` then the body on the next line. Tags
lose their `@` and become the day's tags. Stars have no place in the journal and are counted
as left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_journal.errors import InvalidInput
from recovery_journal.importers.common import (
    NOTHING_IMPORTED,
    ImportResult,
    Options,
    Parsed,
    check_date,
    check_free_text,
    decode,
    joined_note,
    listing,
    load_json,
    merge,
    partial_day,
    progress_bar,
    read_bytes,
    tag_of,
)
from recovery_journal.importers.json_import import item_line

if TYPE_CHECKING:
    from recovery_journal.store import Journal

WHAT = "jrnl's JSON export"
_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?")


@dataclass(frozen=True)
class _Entry:
    index: int
    day: date
    minute: int
    time: str
    title: str
    body: str
    tags: tuple[str, ...]
    starred: bool


def looks_like(data: Any) -> bool:
    """A JSON object with a list of entries that have a date and a title or body (or no
    entries yet, beside jrnl's `tags` object)."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return False
    if not data["entries"]:
        return isinstance(data.get("tags"), dict) and set(data) == {"tags", "entries"}
    first = data["entries"][0]
    return isinstance(first, dict) and "date" in first and ("title" in first or "body" in first)


def read(path: Path, options: Options) -> Parsed:
    """Read and check a jrnl JSON export; the journal is not opened."""
    text = decode(read_bytes(path, WHAT), WHAT)
    return parse(text, options, Path(path).name)


def parse(text: str, options: Options, name: str = "the file") -> Parsed:
    """Check a jrnl export's `entries`, one by one (an error names its line), then
    build one day per date."""
    data = load_json(text, name, WHAT)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise InvalidInput(
            f'{name} is not a jrnl export (it has no list of "entries"); make one with '
            "'jrnl --format json --file journal.json'"
        )
    raw_entries = data["entries"]
    entries = []
    with progress_bar(options.progress, len(raw_entries), f"Reading {name}") as tick:
        for index, raw in enumerate(raw_entries):
            try:
                entries.append(_entry(raw, index, options.today))
            except InvalidInput as error:
                line = item_line(text, "entries", index)
                where = f"line {line}: " if line else ""
                raise InvalidInput(
                    f"{where}entries[{index}]: {error}; {NOTHING_IMPORTED}"
                ) from None
            if index % 500 == 499:
                tick(index + 1)
        tick(len(raw_entries))
    return _build(entries, name)


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f'"{key}" must be text')
    return check_free_text(value, key)


def _entry(raw: Any, index: int, today: date) -> _Entry:
    if not isinstance(raw, dict):
        raise InvalidInput("an entry must be an object")
    date_text = raw.get("date")
    try:
        if not isinstance(date_text, str) or len(date_text) != 10:
            raise ValueError
        day = date.fromisoformat(date_text)
    except ValueError:
        raise InvalidInput(f'"date" {date_text!r} is not a date like 2020-01-31') from None
    check_date(day, today, "the entry")
    time_text = raw.get("time", "")
    if not isinstance(time_text, str):
        raise InvalidInput('"time" must be text like 09:00')
    match = _TIME_RE.fullmatch(time_text.strip()) if time_text.strip() else None
    if time_text.strip() and (
        match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59
    ):
        raise InvalidInput(f'"time" {time_text!r} is not a time like 09:00')
    minute = int(match.group(1)) * 60 + int(match.group(2)) if match else 0
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise InvalidInput('"tags" must be a list of words')
    starred = raw.get("starred", False)
    return _Entry(
        index,
        day,
        minute,
        time_text.strip(),
        _text(raw, "title"),
        _text(raw, "body"),
        tuple(tags),
        starred is True,
    )


def _build(entries: list[_Entry], name: str) -> Parsed:
    by_day: dict[date, list[_Entry]] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(entry)
    days = []
    all_tags: dict[str, None] = {}
    unusable: dict[str, None] = {}
    starred = 0
    for day in sorted(by_day):
        items = sorted(by_day[day], key=lambda entry: entry.minute)
        tags = []
        pieces = []
        for entry in items:
            starred += entry.starred
            for word in entry.tags:
                tag = tag_of(word.lstrip("@#"))
                if tag is None:
                    unusable[word] = None
                else:
                    tags.append(tag)
                    all_tags[tag] = None
            head = f"[{entry.time}]" if entry.time else ""
            title = entry.title.strip()
            body = entry.body.strip("\n")
            first = " ".join(part for part in (head, title) if part)
            piece = "\n".join(part for part in (first, body) if part.strip())
            if title or body.strip():
                pieces.append(piece)
        note = joined_note(pieces, day, f"entries[{items[0].index}]")
        built = partial_day(day, tags=tags, note=note)
        if built.fields:
            days.append(built)
    parsed = Parsed(name, len(entries), ("entry", "entries"), days)
    if all_tags:
        parsed.lines.append(f"Tags ({len(all_tags)}): {listing(list(all_tags))}.")
    if unusable:
        parsed.left_out[f"tags with no letters or digits ({listing(list(unusable))})"] = len(
            unusable
        )
    if starred:
        parsed.left_out["stars, which the journal has no place for (the entries are kept)"] = (
            starred
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
