"""Importing Daylio's CSV export (PRODUCT.md §8; docs/import.md).

Daylio writes one row per entry: `full_date,date,weekday,time,mood,activities,note_title,note`
(older versions have no `note_title`). This module reads that file into one check-in per
date and hands the days to `merge.merge_into`, which writes them in one transaction.

- A day's mood is the mean of its entries' moods, rounded half up (integer arithmetic).
- Notes are joined in time order, each led by its time and title (`[9:40 pm · Evening] …`),
  separated by a blank line; entries with neither a title nor a note add nothing.
- Activities named in the activity map set habits (the largest value of the day wins); the
  others become tags, normalised as the app normalises tags (`Movies / TV` → `movies-tv`).
- A bad row stops everything with its line number in the file (`line 1` is the header);
  unknown mood labels stop it with one message that lists them all. Nothing is written.

Standard library only at import time; rich is imported only to draw a progress bar on a
terminal. Never textual or plotext.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_journal.errors import InvalidInput
from recovery_journal.importers.merge import MergeReport, Partial, merge_into
from recovery_journal.model import (
    NOTE_MAX_CHARS,
    YES_NO_KINDS,
    Day,
    Habit,
    normalize_word,
    parse_habit_value,
    parse_int,
    parse_yes_no,
)

if TYPE_CHECKING:
    from recovery_journal.store import Journal

DEFAULT_MOOD_MAP: dict[str, int] = {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
COLUMNS = ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note")
REQUIRED_COLUMNS = ("full_date", "time", "mood", "activities", "note")
PROGRESS_MIN_ROWS = 1_000
NOTHING_IMPORTED = "nothing was imported"
_MAX_LISTED = 50

# `6:50 pm`, `12:15 AM`, `6:50pm`, `6:50 p.m.`, `14:58`, `07:05:00`; the space before am/pm
# may be any Unicode space (Android writes U+202F NARROW NO-BREAK SPACE).
_TIME_RE = re.compile(
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ap>[ap])\.?\s?m\.?)?",
    re.IGNORECASE,
)

ProgressCallback = Callable[[int, int], None]
Progress = bool | ProgressCallback | None


# ---------------------------------------------------------------- what the file holds


@dataclass(frozen=True)
class Entry:
    """One Daylio entry (one row of the file)."""

    line: int  # the file's line on which the row starts (the header is line 1)
    date: date
    time: str  # as Daylio wrote it (trimmed), e.g. `9:40 pm`
    minute: int  # minutes after midnight, for ordering a day's entries
    mood_label: str
    mood: int
    activities: tuple[str, ...]
    title: str
    note: str


@dataclass
class DaylioFile:
    """A Daylio export read and checked: every entry has a known mood and a valid date."""

    name: str
    entries: list[Entry]
    has_note_title: bool

    @property
    def dates(self) -> list[date]:
        return sorted({entry.date for entry in self.entries})


@dataclass(frozen=True)
class HabitSetting:
    """What a mapped activity does: set `habit` to `value` on the day."""

    habit: Habit
    value: float | bool


@dataclass
class DaylioDays:
    """The file's entries turned into one check-in per date, and what became what."""

    days: list[Partial]
    tags: list[str] = field(default_factory=list)  # activities that became tags
    habit_activities: dict[str, str] = field(default_factory=dict)  # activity → habit key
    left_out: list[str] = field(default_factory=list)  # activities that cannot be tags


@dataclass
class DaylioImport:
    """The result of a Daylio import (or, with dry_run, of a preview).

    Behaves like the `MergeReport` it wraps (`count`, `counts`, `changed`, `dry_run`) and
    adds what the file held: entries read, days, activities that became tags or habits.
    """

    report: MergeReport
    name: str
    entries: int
    days: int
    tags: list[str]
    habit_activities: dict[str, str]
    left_out: list[str]

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        return self.report.counts

    @property
    def dry_run(self) -> bool:
        return self.report.dry_run

    @property
    def changed(self) -> bool:
        return self.report.changed

    def count(self, kind: str, action: str) -> int:
        return self.report.count(kind, action)

    def summary(self) -> str:
        """A few lines for people: what was read, what became tags and habits, what changed."""
        entries = f"{self.entries:,} {'entry' if self.entries == 1 else 'entries'}"
        days = f"{self.days:,} {'day' if self.days == 1 else 'days'}"
        lines = [f"Read {entries} ({days}) from {self.name}."]
        if self.tags:
            lines.append(f"Activities that became tags ({len(self.tags)}): {_listing(self.tags)}.")
        if self.habit_activities:
            pairs = [f"{activity} → {key}" for activity, key in self.habit_activities.items()]
            lines.append(f"Activities that set habits: {_listing(pairs)}.")
        if self.left_out:
            lines.append(
                "Left out (no letters or digits to make a tag of; map them with "
                f"--activity-map to keep them): {_listing([repr(a) for a in self.left_out])}."
            )
        lines.append(self.report.summary())
        return "\n".join(lines)


def _listing(items: list[str]) -> str:
    if len(items) <= _MAX_LISTED:
        return ", ".join(items)
    return f"{', '.join(items[:_MAX_LISTED])} and {len(items) - _MAX_LISTED} more"


# ---------------------------------------------------------------- the public entry points


def import_daylio(
    journal: Journal,
    source: Path | str | DaylioFile,
    *,
    on_conflict: str = "skip",
    dry_run: bool = False,
    mood_map: str | Mapping[str, int] | None = None,
    activity_map: str | Mapping[str, str] | None = None,
    progress: Progress = None,
) -> DaylioImport:
    """Read a Daylio CSV export (a path, or a file already read by `read_daylio`) and merge
    its days into the journal in one transaction; with `dry_run`, only say what would change.

    `mood_map` and `activity_map` take the CLI's text (`great=8,so-so=4`;
    `sport=exercise:30,no news=news_avoided`) or a mapping. `progress`: None draws a rich bar
    on stderr for files over 1,000 rows when stderr is a terminal; False draws nothing; a
    callable is called as `progress(done, total)` (for the TUI). Raises InvalidInput (with the
    file's line number where it is about one row); nothing is written then.
    """
    if isinstance(source, DaylioFile):
        if mood_map is not None:
            raise InvalidInput("the mood map is applied when the file is read (read_daylio)")
        parsed = source
    else:
        parsed = read_daylio(
            source, today=journal.clock.today(), mood_map=mood_map, progress=progress
        )
    settings = parse_activity_map(activity_map, journal)
    built = build_days(parsed, settings)
    with _status(progress, len(parsed.entries), f"Saving {len(built.days):,} days…"):
        report = merge_into(journal, days=built.days, on_conflict=on_conflict, dry_run=dry_run)
    return DaylioImport(
        report=report,
        name=parsed.name,
        entries=len(parsed.entries),
        days=len(built.days),
        tags=built.tags,
        habit_activities=built.habit_activities,
        left_out=built.left_out,
    )


def preview_daylio(
    journal: Journal,
    source: Path | str | DaylioFile,
    *,
    on_conflict: str = "skip",
    mood_map: str | Mapping[str, int] | None = None,
    activity_map: str | Mapping[str, str] | None = None,
    progress: Progress = False,
) -> DaylioImport:
    """What `import_daylio` would do, writing nothing (for the TUI's import preview).

    Draws no progress bar unless asked (a bar on stderr would break a full-screen app).
    """
    return import_daylio(
        journal,
        source,
        on_conflict=on_conflict,
        dry_run=True,
        mood_map=mood_map,
        activity_map=activity_map,
        progress=progress,
    )


def read_daylio(
    path: Path | str,
    *,
    today: date,
    mood_map: str | Mapping[str, int] | None = None,
    progress: Progress = None,
) -> DaylioFile:
    """Read and check a Daylio export file; the journal is not needed (nor opened)."""
    path = Path(path)
    from recovery_journal.files import read_input_file

    raw = read_input_file(path, "a Daylio export (a .csv file)")
    return parse_daylio(raw, today=today, mood_map=mood_map, name=path.name, progress=progress)


def parse_daylio(
    data: bytes | str,
    *,
    today: date,
    mood_map: str | Mapping[str, int] | None = None,
    name: str = "the file",
    progress: Progress = None,
) -> DaylioFile:
    """Parse the text (or bytes) of a Daylio export. Raises InvalidInput, never anything else."""
    text = _decode(data) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    moods = parse_mood_map(mood_map)
    records = _records(text)
    if not records:
        raise InvalidInput(
            f"{name} is empty; in Daylio use More → Export Entries → CSV and import that file"
        )
    header_line, header = records[0]
    columns = _columns(header, header_line)
    width = len(header)
    entries: list[Entry] = []
    unknown: dict[str, tuple[str, int, int]] = {}  # folded label → (as written, line, count)
    rows = records[1:]
    with _progress_bar(progress, len(rows), f"Reading {name}") as tick:
        for index, (line, row) in enumerate(rows, 1):
            if len(row) != width:
                raise InvalidInput(
                    f"line {line}: {len(row)} columns, but the header has {width} "
                    f"({','.join(header)}); is a quote missing around a note? "
                    f"{NOTHING_IMPORTED}"
                )
            entry, label = _entry(row, columns, line, today, moods)
            if entry is None:
                folded = _fold(label)
                written, first, seen = unknown.get(folded, (label.strip(), line, 0))
                unknown[folded] = (written, first, seen + 1)
            else:
                entries.append(entry)
            if index % 500 == 0:
                tick(index)
        tick(len(rows))
    if unknown:
        raise InvalidInput(_unknown_moods_message(unknown, moods))
    return DaylioFile(name=name, entries=entries, has_note_title="note_title" in columns)


# ---------------------------------------------------------------- the maps


def parse_mood_map(text: str | Mapping[str, int] | None) -> dict[str, int]:
    """Daylio's five default moods plus `--mood-map L=N,...` (N from 1 to 10); folded keys."""
    moods = dict(DEFAULT_MOOD_MAP)
    if text is None:
        return moods
    items = text.items() if isinstance(text, Mapping) else _pairs(text, "--mood-map", "great=8")
    for label, number in items:
        folded = _fold(str(label))
        if not folded:
            raise InvalidInput("--mood-map: a mood label is empty; use LABEL=N, e.g. great=8")
        moods[folded] = parse_int(number, f"--mood-map {str(label).strip()!r}", 1, 10)
    return moods


def parse_activity_map(
    text: str | Mapping[str, str] | None, journal: Journal | Mapping[str, Habit]
) -> dict[str, HabitSetting]:
    """`--activity-map A=HABIT[:VALUE],...` → folded activity → the habit value it sets.

    Minutes and count habits need a value (`sport=exercise:30`); done/avoided habits take
    none (yes) or yes/no (`no news=news_avoided`). An unknown habit is refused by name.
    """
    if text is None:
        return {}
    if isinstance(journal, Mapping):
        habits = dict(journal)
    else:
        habits = {habit.key: habit for habit in journal.habits()}
    if isinstance(text, Mapping):
        items = [(str(activity), str(spec)) for activity, spec in text.items()]
    else:
        items = _pairs(text, "--activity-map", "sport=exercise:30")
    settings: dict[str, HabitSetting] = {}
    for activity, spec in items:
        folded = _fold(activity)
        shown = activity.strip()
        if not folded:
            raise InvalidInput(
                "--activity-map: an activity name is empty; use ACTIVITY=HABIT[:VALUE], "
                "e.g. sport=exercise:30"
            )
        if folded in settings:
            raise InvalidInput(f"--activity-map names the activity {shown!r} twice; keep one")
        key, _, value_text = spec.partition(":")
        key = key.strip().lower()
        habit = habits.get(key)
        if habit is None:
            known = ", ".join(h.key for h in habits.values() if not h.archived)
            raise InvalidInput(
                f"--activity-map {shown}={spec.strip()}: there is no habit {key!r}; known "
                f"habits: {known} (add one with 'recovery-journal habits add')"
            )
        value_text = value_text.strip()
        if not value_text:
            if habit.kind not in YES_NO_KINDS:
                raise InvalidInput(
                    f"--activity-map {shown}={key}: {key} is a {habit.kind} habit, so give a "
                    f"value, e.g. {shown}={key}:{'30' if habit.kind == 'minutes' else '1'}"
                )
            value: float | bool = True
        elif habit.kind in YES_NO_KINDS:
            value = parse_yes_no(value_text, f"--activity-map {shown}={key}")
        else:
            try:
                value = parse_habit_value(habit, value_text)
            except InvalidInput as error:
                raise InvalidInput(f"--activity-map {shown}: {error}") from None
        settings[folded] = HabitSetting(habit, value)
    return settings


def _pairs(text: str, option: str, example: str) -> list[tuple[str, str]]:
    pairs = []
    for item in text.split(","):
        if not item.strip():
            continue  # a trailing comma
        label, sep, value = item.rpartition("=")
        if not sep or not label.strip() or not value.strip():
            raise InvalidInput(f"{option} item {item.strip()!r} must look like {example}")
        pairs.append((label, value))
    return pairs


def _fold(label: str) -> str:
    """Labels match case-insensitively after trimming (inner runs of spaces count as one)."""
    return " ".join(label.split()).casefold()


# ---------------------------------------------------------------- entries → days


def build_days(parsed: DaylioFile, settings: Mapping[str, HabitSetting]) -> DaylioDays:
    """One `Partial` day per date: the mean mood, habits from mapped activities, tags from
    the rest, and the notes joined in time order.

    Only the parts the file holds are given, so `--on-conflict replace` takes the file's mood
    and its tags, habits and note where it has them, and never clears what it lacks.
    """
    by_date: dict[date, list[Entry]] = {}
    for entry in parsed.entries:
        by_date.setdefault(entry.date, []).append(entry)
    result = DaylioDays(days=[])
    tag_of: dict[str, str | None] = {}  # folded activity → tag (None: cannot be a tag)
    all_tags: dict[str, None] = {}
    left_out: dict[str, None] = {}
    mapped_seen: set[str] = set()
    for day_date in sorted(by_date):
        entries = sorted(by_date[day_date], key=lambda entry: entry.minute)  # stable
        total = sum(entry.mood for entry in entries)
        mood = (2 * total + len(entries)) // (2 * len(entries))  # the mean, halves up
        habits: dict[str, float | bool] = {}
        tags: dict[str, None] = {}
        pieces: list[str] = []
        for entry in entries:
            for activity in entry.activities:
                folded = _fold(activity)
                setting = settings.get(folded)
                if setting is not None:
                    key = setting.habit.key
                    if folded not in mapped_seen:
                        mapped_seen.add(folded)
                        result.habit_activities[activity.strip()] = key
                    old = habits.get(key)
                    habits[key] = setting.value if old is None else max(old, setting.value)
                    continue
                if folded not in tag_of:
                    try:
                        tag_of[folded] = normalize_word(activity)
                    except InvalidInput:
                        tag_of[folded] = None
                tag = tag_of[folded]
                if tag is None:
                    left_out[activity.strip()] = None
                else:
                    tags[tag] = None
                    all_tags[tag] = None
            piece = _note_piece(entry)
            if piece:
                pieces.append(piece)
        note = "\n\n".join(pieces) if pieces else None
        if note is not None and len(note) > NOTE_MAX_CHARS:
            raise InvalidInput(
                f"{day_date} (line {entries[0].line}): the day's notes come to "
                f"{len(note):,} characters; the limit is {NOTE_MAX_CHARS:,}. Shorten one in "
                f"Daylio and export again; {NOTHING_IMPORTED}"
            )
        given = {"mood"}
        if habits:
            given.add("habits")
        if tags:
            given.add("tags")
        if note is not None:
            given.add("note")
        day = Day(day_date, mood=mood, habits=habits, tags=list(tags), note=note)
        result.days.append(Partial(day, frozenset(given)))
    result.tags = list(all_tags)
    result.left_out = list(left_out)
    return result


def _note_piece(entry: Entry) -> str:
    """`[9:40 pm · Evening] Called Sam…`; `[9:40 pm] text` without a title; '' when empty."""
    title = " ".join(entry.title.split())
    body = entry.note.strip()
    if not title and not body:
        return ""
    head = f"[{entry.time} · {title}]" if title else f"[{entry.time}]"
    return f"{head} {body}" if body else head


# ---------------------------------------------------------------- reading rows


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInput(
            "the file is UTF-16 text, not the UTF-8 CSV that Daylio writes; export it from "
            "Daylio again (More → Export Entries → CSV) and import that file unchanged"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InvalidInput(
            f"line {line}: the file is not UTF-8 text (byte {error.start + 1:,}); is it "
            f"Daylio's CSV export? {NOTHING_IMPORTED}"
        ) from None


def _records(text: str) -> list[tuple[int, list[str]]]:
    """The CSV records with the file line each starts on; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return records
        except csv.Error as error:
            raise InvalidInput(f"line {start}: {_csv_problem(error)}; {NOTHING_IMPORTED}") from None
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        records.append((start, row))


def _csv_problem(error: csv.Error) -> str:
    message = str(error)
    if "unexpected end of data" in message:
        return "a quoted field is never closed (a note's closing quote is missing)"
    if "expected after" in message:
        return 'a quote inside a quoted field is not doubled (write "" for a quote)'
    if "field larger than field limit" in message:
        return f"a field is longer than {csv.field_size_limit():,} characters"
    return f"this is not valid CSV ({message})"


def _columns(header: list[str], line: int) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        columns.setdefault(name, index)
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        shown = ",".join(names)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        raise InvalidInput(
            f"line {line}: this is not a Daylio export: its header ({shown!r}) lacks "
            f"{', '.join(missing)}; Daylio's is {','.join(COLUMNS)} (older files have no "
            "note_title). In Daylio use More → Export Entries → CSV"
        )
    return columns


def _entry(
    row: list[str], columns: dict[str, int], line: int, today: date, moods: dict[str, int]
) -> tuple[Entry | None, str]:
    """One row → an Entry, or (None, label) when its mood label is not in the map."""
    day_text = row[columns["full_date"]].strip()
    try:
        day = date.fromisoformat(day_text)
        if len(day_text) != 10:
            raise ValueError
    except ValueError:
        raise InvalidInput(
            f"line {line}: the date {day_text!r} is not a date like 2024-05-14 (YYYY-MM-DD); "
            f"{NOTHING_IMPORTED}"
        ) from None
    if day > today:
        raise InvalidInput(
            f"line {line}: the date {day} is in the future (today is {today}); {NOTHING_IMPORTED}"
        )
    time_text = row[columns["time"]].strip()
    minute = _minute(time_text)
    if minute is None:
        raise InvalidInput(
            f"line {line}: the time {time_text!r} is not a time like 6:50 pm or 14:58; "
            f"{NOTHING_IMPORTED}"
        )
    label = row[columns["mood"]]
    if not label.strip():
        raise InvalidInput(
            f"line {line}: the mood is empty; every Daylio entry has one; {NOTHING_IMPORTED}"
        )
    mood = moods.get(_fold(label))
    if mood is None:
        return None, label
    activities = tuple(
        part.strip() for part in row[columns["activities"]].split("|") if part.strip()
    )
    title_index = columns.get("note_title")
    title = row[title_index] if title_index is not None else ""
    note = row[columns["note"]]
    if "\x00" in note or "\x00" in title:
        raise InvalidInput(
            f"line {line}: the note contains a NUL character, which cannot be stored; "
            f"{NOTHING_IMPORTED}"
        )
    entry = Entry(
        line, day, " ".join(time_text.split()), minute, label.strip(), mood, activities, title, note
    )
    return entry, label


def _minute(text: str) -> int | None:
    """Minutes after midnight of `6:50 pm`, `12:15 am` or `14:58`; None when not a time."""
    match = _TIME_RE.fullmatch(text)
    if not match:
        return None
    hour, minute = int(match["h"]), int(match["m"])
    if minute > 59 or (match["s"] is not None and int(match["s"]) > 59):
        return None
    if match["ap"]:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if match["ap"].lower() == "p" else 0)
    elif hour > 23:
        return None
    return hour * 60 + minute


def _unknown_moods_message(unknown: dict[str, tuple[str, int, int]], moods: dict[str, int]) -> str:
    listed = []
    for written, line, seen in list(unknown.values())[:_MAX_LISTED]:
        times = "once" if seen == 1 else f"{seen:,} times"
        listed.append(f"{written!r} ({times}, first on line {line})")
    more = len(unknown) - _MAX_LISTED
    if more > 0:
        listed.append(f"and {more:,} more")
    example = ",".join(
        f"{written}=N"
        for written, _line, _seen in list(unknown.values())[:5]
        if not set(written) & set(",=\"'\n\r")
    )
    hint = f' e.g. --mood-map "{example}"' if example else ""
    known = ", ".join(f"{label}={number}" for label, number in moods.items())
    noun = "label" if len(unknown) == 1 else "labels"
    return (
        f"unknown mood {noun} in the file: {', '.join(listed)}. Map each to a number from "
        f"1 (worst) to 10 (best) with --mood-map,{hint}; mapped now: {known}. "
        f"{NOTHING_IMPORTED.capitalize()}"
    )


# ---------------------------------------------------------------- progress


def _wants_bar(progress: Progress, total: int) -> bool:
    if progress is False or callable(progress):
        return False
    if total <= PROGRESS_MIN_ROWS:
        return False
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def _progress_bar(progress: Progress, total: int, what: str) -> Iterator[Callable[[int], None]]:
    """Yields tick(done): a rich bar on a terminal, the caller's callback, or nothing."""
    if callable(progress):
        callback = progress
        yield lambda done: callback(done, total)
        return
    if not _wants_bar(progress, total):
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import Progress as RichProgress

    with RichProgress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(what, total=total)
        yield lambda done: bar.update(task, completed=done)


@contextmanager
def _status(progress: Progress, total: int, what: str) -> Iterator[None]:
    """A spinner on a terminal while the days are merged and written."""
    if not _wants_bar(progress, total):
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(what):
        yield
