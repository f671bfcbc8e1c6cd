"""Importing a Pixels backup (the app's JSON backup file, `PIXELS-BACKUP-….json`).

Two shapes are read, both a list of one object per day:

- current: `{"date": "2021-1-1", "type": "Mood", "scores": [4], "notes": "…",
  "tags": [{"type": "Emotions", "entries": ["happy"]}]}` (several scores: their mean);
- 2019: `{"date": "2019-1-1", "mood": 4, "emotions": ["happy"], "notes": "…"}`.

Scores 1–5 become moods as Daylio's five moods do (1, 3, 5, 7, 9); `--mood-map 1=2,5=10`
changes any of them. Tags and emotions become tags; notes are kept as they are.
"""

from __future__ import annotations

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
    five_step_map,
    joined_note,
    listing,
    load_json,
    mean_half_up,
    merge,
    partial_day,
    progress_bar,
    read_bytes,
    tag_of,
)
from recovery_journal.model import NOTE_MAX_CHARS

if TYPE_CHECKING:
    from recovery_journal.store import Journal

WHAT = "a Pixels backup"


@dataclass(frozen=True)
class _Pixel:
    index: int
    day: date
    scores: tuple[int, ...]
    words: tuple[str, ...]
    notes: str


def looks_like(data: Any) -> bool:
    """A list of objects with a date and scores (or, in 2019, a mood)."""
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        return False
    first = data[0]
    return "date" in first and ("scores" in first or "mood" in first)


def read(path: Path, options: Options) -> Parsed:
    """Read and check a Pixels backup; the journal is not opened."""
    text = decode(read_bytes(path, WHAT), WHAT)
    return parse(text, options, Path(path).name)


def parse(text: str, options: Options, name: str = "the file") -> Parsed:
    """Check a Pixels backup (a list of days) and build one day per date, its 1-5
    scores mapped to 1-10 (`--mood-map` changes any of them)."""
    moods = five_step_map(options.mood_map)
    data = load_json(text, name, WHAT)
    if not isinstance(data, list):
        raise InvalidInput(
            f"{name} is not a Pixels backup (a list of days); in Pixels use Settings → "
            "Export (backup) and import that file"
        )
    pixels = []
    with progress_bar(options.progress, len(data), f"Reading {name}") as tick:
        for index, raw in enumerate(data):
            try:
                pixels.append(_pixel(raw, index, options.today))
            except InvalidInput as error:
                raise InvalidInput(f"record {index + 1}: {error}; {NOTHING_IMPORTED}") from None
            if index % 500 == 499:
                tick(index + 1)
        tick(len(data))
    return _build(pixels, name, moods)


def _date(text: Any) -> date:
    """`2021-1-1` or `2021-01-01`."""
    try:
        if not isinstance(text, str):
            raise ValueError
        year, month, day = (int(part) for part in text.strip().split("-"))
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(f"the date {text!r} is not like 2021-1-1") from None


def _score(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise InvalidInput(f"the score {value!r} is not a whole number from 1 to 5")
    return value


def _words(value: Any, what: str) -> list[str]:
    """Tags as `["happy"]` or as `[{"type": "Emotions", "entries": ["happy"]}]`."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput(f'"{what}" must be a list')
    words = []
    for item in value:
        if isinstance(item, str):
            words.append(item)
        elif isinstance(item, dict) and isinstance(item.get("entries", []), list):
            entries = item.get("entries", [])
            if not all(isinstance(word, str) for word in entries):
                raise InvalidInput(f'"{what}" entries must be words')
            words.extend(entries)
        else:
            raise InvalidInput(f'"{what}" must hold words')
    return words


def _pixel(raw: Any, index: int, today: date) -> _Pixel:
    if not isinstance(raw, dict):
        raise InvalidInput("each day must be an object")
    day = check_date(_date(raw.get("date")), today, "the day")
    if "scores" in raw:
        if not isinstance(raw["scores"], list):
            raise InvalidInput('"scores" must be a list of whole numbers from 1 to 5')
        scores = tuple(_score(value) for value in raw["scores"])
    elif raw.get("mood") is not None:
        scores = (_score(raw["mood"]),)
    else:
        scores = ()
    words = _words(raw.get("tags"), "tags") + _words(raw.get("emotions"), "emotions")
    notes = raw.get("notes", "")
    if notes is None:
        notes = ""
    if not isinstance(notes, str):
        raise InvalidInput('"notes" must be text')
    if len(notes) > NOTE_MAX_CHARS:
        raise InvalidInput(
            f"the note is {len(notes):,} characters; the limit is {NOTE_MAX_CHARS:,}"
        )
    return _Pixel(index, day, scores, tuple(words), check_free_text(notes, "the note"))


def _build(pixels: list[_Pixel], name: str, moods: dict[int, int]) -> Parsed:
    by_day: dict[date, list[_Pixel]] = {}
    for pixel in pixels:
        by_day.setdefault(pixel.day, []).append(pixel)
    days = []
    all_tags: dict[str, None] = {}
    unusable: dict[str, None] = {}
    for day in sorted(by_day):
        items = by_day[day]
        scores = [moods[score] for pixel in items for score in pixel.scores]
        tags = []
        for pixel in items:
            for word in pixel.words:
                tag = tag_of(word)
                if tag is None:
                    unusable[word] = None
                else:
                    tags.append(tag)
                    all_tags[tag] = None
        # Notes are kept exactly; two records of one date are joined a blank line apart.
        pieces = [pixel.notes for pixel in items if pixel.notes.strip()]
        note = joined_note(pieces, day, f"record {items[0].index + 1}")
        built = partial_day(
            day, mood=mean_half_up(scores) if scores else None, tags=tags, note=note
        )
        if built.fields:
            days.append(built)
    parsed = Parsed(name, len(pixels), ("record", "records"), days)
    mapping = ", ".join(f"{score}→{mood}" for score, mood in sorted(moods.items()))
    parsed.lines.append(f"Scores became moods: {mapping}.")
    if all_tags:
        parsed.lines.append(f"Tags and emotions ({len(all_tags)}): {listing(list(all_tags))}.")
    if unusable:
        parsed.left_out[
            f"tags with no letters or digits, or too long ({listing([repr(w) for w in unusable])})"
        ] = len(unusable)
    return parsed


def load(
    journal: Journal, parsed: Parsed, *, on_conflict: str, dry_run: bool, options: Options
) -> ImportResult:
    """Merge what was read into the journal in one transaction (a dry run only counts
    what would change)."""
    return merge(
        journal, parsed, on_conflict=on_conflict, dry_run=dry_run, progress=options.progress
    )
