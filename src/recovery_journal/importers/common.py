"""What the importers of other apps share: reading the file, CSV rows with their line
numbers, progress (shown by the interface), building days, and the summary a person reads.

Standard library only, always: the CLI's progress bar on a terminal is the interface's
(`tui/progress.py`), handed in as `Options.progress`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from recovery_journal.errors import InvalidInput
from recovery_journal.importers.merge import HABITS_BY_KEY, MergeReport, Partial, merge_into
from recovery_journal.model import NOTE_MAX_CHARS, Day, Habit, normalize_word, parse_int

if TYPE_CHECKING:
    from recovery_journal.store import Journal

NOTHING_IMPORTED = "nothing was imported"
_MAX_LISTED = 30

ProgressCallback = Callable[[int, int], None]


@runtime_checkable
class ProgressDisplay(Protocol):
    """How an interface shows an import at work (the CLI's: `tui.progress.TerminalProgress`)."""

    def reading(self, what: str, total: int) -> AbstractContextManager[Callable[[int], None]]:
        """While `total` rows are read: yields tick(done)."""
        ...

    def saving(self, what: str, total: int) -> AbstractContextManager[None]:
        """While the days read from `total` rows are merged and written."""
        ...


# A display, a callback `progress(done, total)` (reading only), or nothing (None, False).
Progress = ProgressDisplay | ProgressCallback | bool | None

# The 1–5 scale of Pixels (and any five-step mood) onto the journal's 1–10, as Daylio's
# five moods are mapped: awful 1, bad 3, meh 5, good 7, rad 9.
FIVE_STEP_MOODS: dict[int, int] = {1: 1, 2: 3, 3: 5, 4: 7, 5: 9}


# The options an importer may take (`registry.Importer.takes`), each a flag of `import`
# (`mood_map` is `--mood-map`); one given to an importer that does not take it is refused.
MAP_OPTIONS = ("mood_map", "mood_map_file", "scale_map", "activity_map")


@dataclass(frozen=True)
class Options:
    """What the person chose for an import (the CLI's flags, or the app's fields)."""

    today: date
    mood_map: str | None = None
    mood_map_file: str | None = None  # Daylio only
    scale_map: str | None = None  # Daylio only
    activity_map: str | None = None  # Daylio only
    progress: Progress = None


@dataclass
class Parsed:
    """A file read and checked, ready to merge: days, and any habits it brings."""

    name: str
    records: int  # entries, rows or readings read
    record_noun: tuple[str, str]  # ("entry", "entries")
    days: list[Partial]
    habits: list[Habit] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # what became what, for the summary
    left_out: dict[str, int] = field(default_factory=dict)  # reason → how many


class ReportView:
    """What every import's result answers from its merge report (`self.report`)."""

    report: MergeReport

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """How many of each kind were added, replaced, skipped or unchanged."""
        return self.report.counts

    @property
    def dry_run(self) -> bool:
        """Whether nothing was written (the counts are what would happen)."""
        return self.report.dry_run

    @property
    def changed(self) -> bool:
        """Whether anything was (or would be) added or replaced."""
        return self.report.changed

    def count(self, kind: str, action: str) -> int:
        """How many items of one kind met one action."""
        return self.report.count(kind, action)


@dataclass
class ImportResult(ReportView):
    """What an import did (or, in a dry run, would do): the merge report and the file's
    own lines (what was read, what became what, what was left out and why)."""

    report: MergeReport
    parsed: Parsed
    extra: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """What was read from the file, what became what, what was left out,
        then what the merge did: lines for the user."""
        parsed = self.parsed
        singular, plural = parsed.record_noun
        records = f"{parsed.records:,} {singular if parsed.records == 1 else plural}"
        days = f"{len(parsed.days):,} {'day' if len(parsed.days) == 1 else 'days'}"
        lines = [f"Read {records} ({days}) from {parsed.name}."]
        lines += parsed.lines + self.extra
        if parsed.left_out:
            reasons = [f"{reason} ({count:,})" for reason, count in parsed.left_out.items()]
            lines.append(f"Left out: {'; '.join(reasons)}.")
        lines.append(self.report.summary())
        return "\n".join(lines)


def listing(items: list[str]) -> str:
    """`a, b, c` — at most 30 named, then `and N more`."""
    if len(items) <= _MAX_LISTED:
        return ", ".join(items)
    return f"{', '.join(items[:_MAX_LISTED])} and {len(items) - _MAX_LISTED:,} more"


# ---------------------------------------------------------------- reading the file


def read_bytes(path: Path, what: str) -> bytes:
    """The file's bytes; a missing, unreadable, non-regular or oversized file is one clean
    error (see `files.read_input_file`)."""
    from recovery_journal.files import read_input_file

    return read_input_file(Path(path), what)


def decode(raw: bytes, what: str, export_again: str = "export it again") -> str:
    """UTF-8 text (a byte order mark is fine); anything else names the line it fails on,
    counting `\r\r\n`, `\r\n`, `\n` and `\r` each as one line end."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInput(
            f"the file is UTF-16 text, not the UTF-8 that {what} writes; {export_again} and "
            "import that file unchanged"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start].replace(b"\r\r\n", b"\r\n")
        line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
        raise InvalidInput(
            f"line {line}: the file is not UTF-8 text (byte {error.start + 1:,}); is it "
            f"{what}? {NOTHING_IMPORTED}"
        ) from None


def load_json(text: str, name: str, what: str) -> Any:
    """The file's JSON; a syntax error names its line and column, and too deep a
    nesting is refused too."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"line {error.lineno}: {name} is not valid JSON (column {error.colno}: {error.msg}); "
            f"is it {what}? {NOTHING_IMPORTED}"
        ) from None
    except RecursionError:
        raise InvalidInput(
            f"{name} is nested too deeply to be {what}; {NOTHING_IMPORTED}"
        ) from None


def csv_records(text: str, *, skip_empty_cells: bool = True) -> list[tuple[int, list[str]]]:
    """The CSV records with the file line each starts on; blank lines are skipped (and,
    with `skip_empty_cells`, rows whose every cell is empty)."""
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
        if skip_empty_cells and all(not cell.strip() for cell in row):
            continue
        records.append((start, row))


def _csv_problem(error: csv.Error) -> str:
    message = str(error)
    if "unexpected end of data" in message:
        return "a quoted field is never closed (a closing quote is missing)"
    if "expected after" in message:
        return 'a quote inside a quoted field is not doubled (write "" for a quote)'
    if "field larger than field limit" in message:
        return f"a field is longer than {csv.field_size_limit():,} characters"
    if "NUL" in message or "nul" in message:
        return "the file contains a NUL character; is it a CSV file?"
    return f"this is not valid CSV ({message})"


def header_columns(header: list[str]) -> dict[str, int]:
    """Lower-cased, trimmed header names → their column (the first of a repeated name)."""
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(name.strip().lower(), index)
    return columns


def check_date(day: date, today: date, line: str) -> date:
    """A date from a file, refused when it is in the future or before 1900."""
    if day > today:
        raise InvalidInput(
            f"{line}: the date {day} is in the future (today is {today}); {NOTHING_IMPORTED}"
        )
    if day.year < 1900:
        raise InvalidInput(f"{line}: the date {day} is before 1900; {NOTHING_IMPORTED}")
    return day


def check_free_text(text: str, where: str) -> str:
    """Text from a file, refused when it holds a NUL (SQLite cannot store it)."""
    if "\x00" in text:
        raise InvalidInput(
            f"{where}: the text contains a NUL character, which cannot be stored; "
            f"{NOTHING_IMPORTED}"
        )
    return text


# ---------------------------------------------------------------- building days


def mean_half_up(values: list[int]) -> int:
    """The mean of whole numbers, rounded half up (integer arithmetic, as Daylio's)."""
    return (2 * sum(values) + len(values)) // (2 * len(values))


def tag_of(word: str) -> str | None:
    """The tag a word becomes (`Movies / TV` → `movies-tv`), or None when it cannot be one."""
    try:
        return normalize_word(word)
    except InvalidInput:
        return None


def joined_note(pieces: list[str], day: date, where: str) -> str | None:
    """The day's note pieces in order, a blank line apart; refused over the note limit."""
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return None
    note = "\n\n".join(pieces)
    if len(note) > NOTE_MAX_CHARS:
        raise InvalidInput(
            f"{day} ({where}): the day's notes come to {len(note):,} characters; the limit is "
            f"{NOTE_MAX_CHARS:,}. Shorten one and export again; {NOTHING_IMPORTED}"
        )
    return note


def partial_day(
    day: date,
    *,
    mood: int | None = None,
    energy: int | None = None,
    sleep_hours: float | None = None,
    habits: Mapping[str, float | bool] | None = None,
    tags: list[str] | None = None,
    note: str | None = None,
) -> Partial:
    """A day with only the parts the file has: `--on-conflict replace` never clears the rest."""
    given = set()
    values: dict[str, Any] = {}
    for name, value in (
        ("mood", mood),
        ("energy", energy),
        ("sleep_hours", sleep_hours),
        ("note", note),
    ):
        if value is not None:
            given.add(name)
            values[name] = value
    if tags:
        given.add("tags")
        values["tags"] = list(dict.fromkeys(tags))
    if habits:
        given.add(HABITS_BY_KEY)
        values["habits"] = dict(habits)
    return Partial(Day(day, **values), frozenset(given))


def five_step_map(text: str | None) -> dict[int, int]:
    """1–5 → 1–10 (FIVE_STEP_MOODS), with `--mood-map 1=2,5=10` changing any of them."""
    moods = dict(FIVE_STEP_MOODS)
    if not text:
        return moods
    for item in text.split(","):
        if not item.strip():
            continue
        score, sep, value = item.partition("=")
        if not sep or not score.strip() or not value.strip():
            raise InvalidInput(f"--mood-map item {item.strip()!r} must look like 5=10 (score=mood)")
        step = parse_int(score, "--mood-map score", 1, 5)
        moods[step] = parse_int(value, f"--mood-map {step}", 1, 10)
    return moods


def merge(
    journal: Journal,
    parsed: Parsed,
    *,
    on_conflict: str,
    dry_run: bool,
    progress: Progress = None,
) -> ImportResult:
    """Hand the days and habits to `merge_into`: one transaction, all or nothing."""
    with status(progress, parsed.records, f"Saving {len(parsed.days):,} days…"):
        report = merge_into(
            journal,
            days=parsed.days,
            habits=parsed.habits,
            on_conflict=on_conflict,
            dry_run=dry_run,
        )
    return ImportResult(report, parsed)


# ---------------------------------------------------------------- progress


@contextmanager
def progress_bar(progress: Progress, total: int, what: str) -> Iterator[Callable[[int], None]]:
    """Yields tick(done), while `total` rows are read: the interface's display, the
    caller's callback, or nothing."""
    if isinstance(progress, ProgressDisplay):
        with progress.reading(what, total) as tick:
            yield tick
        return
    if callable(progress):
        callback = progress
        yield lambda done: callback(done, total)
        return
    yield lambda done: None


@contextmanager
def status(progress: Progress, total: int, what: str) -> Iterator[None]:
    """While the days are merged and written: the interface's display says so, if any."""
    if isinstance(progress, ProgressDisplay):
        with progress.saving(what, total):
            yield
        return
    yield


_HASHTAG_RE = re.compile(r"(?<![\w#])#([^\W_][\w-]*)")


def hashtags(text: str) -> list[str]:
    """The `#words` of a text, in order, once each."""
    return list(dict.fromkeys(match.group(1) for match in _HASHTAG_RE.finditer(text)))
