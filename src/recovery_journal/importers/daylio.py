"""Importing Daylio's CSV export, as real files are (PRODUCT.md §8, §12; docs/import.md).

Daylio writes one row per entry. The current header is
`full_date,date,weekday,time,mood,activities,note_title,note` (newer files add `scales`);
older files have no `note_title`; the oldest have `year,date,…` with the date written in the
phone's language (`7 września`). Files without the header row are recognised by Daylio's
column order, and files with columns removed import what they hold. This module reads the
file into one check-in per date and hands the days to `merge.merge_into`, which writes them
in one transaction.

- A day's mood is the mean of its entries' moods, rounded half up (integer arithmetic);
  a sub-mood (`Good [-]`) counts as its base mood unless the mood map names it.
- Notes are joined in time order, each led by its time and title (`[9:40 pm · Evening] …`),
  separated by a blank line; HTML (`<br>`, `&amp;`, `<b>`) becomes plain text.
- Activities named in the activity map set habits (the largest value of the day wins); the
  others become tags, normalised as the app normalises tags (`Movies / TV` → `movies-tv`).
- Scales go where `--scale-map` says, else into a numeric habit each (daylio_scales).
- A bad row stops everything with its line number in the file; unknown mood labels stop it
  with one message that lists them all, with a mapping ready to edit. Nothing is written.

Standard library only at import time; pendulum's locales only for dates written in words.
Never textual, rich or plotext (the CLI's progress bar is the interface's: `progress`).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_journal.errors import InvalidInput
from recovery_journal.importers.common import Progress, ReportView, csv_records, decode
from recovery_journal.importers.common import progress_bar as _progress_bar
from recovery_journal.importers.common import status as _status
from recovery_journal.importers.daylio_scales import (
    ScalePlan,
    check_scale_map,
    converted,
    parse_scale_map,
    plan_scales,
)
from recovery_journal.importers.daylio_text import (
    html_to_text,
    month_and_day,
    parse_scales,
    quote_label,
    split_item,
    split_items,
)
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
KNOWN_COLUMNS = frozenset({*COLUMNS, "year", "scales"})
# After `mood`, Daylio's columns come in this order; a file without a header holds the first
# ones (`activities`, then `note` for files without note titles, …).
_AFTER_MOOD = {
    0: (),
    1: ("activities",),
    2: ("activities", "note"),
    3: ("activities", "note_title", "note"),
    4: ("activities", "note_title", "note", "scales"),
}
NOTHING_IMPORTED = "nothing was imported"
_MAX_LISTED = 50
_HOW_TO_EXPORT = "In Daylio use More → Export Entries → CSV"

# `6:50 pm`, `12:15 AM`, `6:50pm`, `6:50 p.m.`, `14:58`, `07:05:00`; the space before am/pm
# may be any Unicode space (Android writes U+202F NARROW NO-BREAK SPACE).
_TIME_RE = re.compile(
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ap>[ap])\.?\s?m\.?)?",
    re.IGNORECASE,
)
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_RE = re.compile(r"\d{4}")
# `Good [-]`, `meh [2]`: a sub-mood, read as its base mood.
_SUB_MOOD_RE = re.compile(r"(.+?)\s*\[[^\[\]]*\]")


# ---------------------------------------------------------------- what the file holds


@dataclass(frozen=True)
class Entry:
    """One Daylio entry (one row of the file)."""

    line: int  # the file's line on which the row starts (a header is line 1)
    date: date
    time: str  # as Daylio wrote it (trimmed), e.g. `9:40 pm`; '' when the file has no times
    minute: int  # minutes after midnight, for ordering a day's entries (0 without times)
    mood_label: str
    mood: int
    activities: tuple[str, ...]
    title: str
    note: str
    scales: tuple[tuple[str, str], ...] = ()  # (scale name, value as written)


@dataclass
class DaylioFile:
    """A Daylio export read and checked: every entry has a known mood and a valid date."""

    name: str
    entries: list[Entry]
    has_note_title: bool
    has_header: bool = True
    columns: tuple[str, ...] = COLUMNS  # the Daylio columns the file has, in its order
    sub_moods: dict[str, str] = field(default_factory=dict)  # 'Good [-]' → 'good'
    unread_columns: list[str] = field(default_factory=list)  # columns this importer ignores
    unreadable_scales: list[str] = field(default_factory=list)  # parts not `name: value`
    scale_map: str | Mapping[str, str] | None = None

    @property
    def dates(self) -> list[date]:
        """Every date with an entry, oldest first, once each."""
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
class DaylioImport(ReportView):
    """The result of a Daylio import (or, with dry_run, of a preview).

    Behaves like the `MergeReport` it wraps (`count`, `counts`, `changed`, `dry_run`) and
    adds what the file held: entries read, days, activities that became tags or habits,
    scales and where they went, and everything left out with the reason.
    """

    report: MergeReport
    name: str
    entries: int
    days: int
    tags: list[str]
    habit_activities: dict[str, str]
    left_out: list[str]
    scales: dict[str, str] = field(default_factory=dict)  # scale → where it went
    left_out_scales: dict[str, str] = field(default_factory=dict)  # scale → the reason
    sub_moods: dict[str, str] = field(default_factory=dict)
    unread_columns: list[str] = field(default_factory=list)
    has_header: bool = True

    def summary(self) -> str:
        """A few lines for people: what was read, what became what, what was left out and
        why, and what changed. Every number is written with thousands separators."""
        entries = f"{self.entries:,} {'entry' if self.entries == 1 else 'entries'}"
        days = f"{self.days:,} {'day' if self.days == 1 else 'days'}"
        lines = [f"Read {entries} ({days}) from {self.name}."]
        if not self.has_header:
            lines.append("The file has no header row; its columns were recognised from the data.")
        if self.sub_moods:
            pairs = [f"{quote_label(s)} → {base}" for s, base in self.sub_moods.items()]
            lines.append(f"Sub-moods read as their base mood: {_listing(pairs)}.")
        if self.tags:
            lines.append(
                f"Activities that became tags ({len(self.tags):,}): {_listing(self.tags)}."
            )
        if self.habit_activities:
            pairs = [f"{activity} → {key}" for activity, key in self.habit_activities.items()]
            lines.append(f"Activities that set habits: {_listing(pairs)}.")
        if self.scales:
            pairs = [f"{name} → {where}" for name, where in self.scales.items()]
            lines.append(f"Scales ({len(self.scales):,}): {_listing(pairs)}.")
        if self.left_out:
            lines.append(
                "Left out (no letters or digits to make a tag of; map them with "
                f"--activity-map to keep them): {_listing([repr(a) for a in self.left_out])}."
            )
        for name, reason in self.left_out_scales.items():
            lines.append(f"Left out: the scale {name!r} ({reason}).")
        if self.unread_columns:
            lines.append(
                "Left out: the column(s) "
                f"{_listing([repr(c) for c in self.unread_columns])} (not Daylio columns "
                "this app knows)."
            )
        lines.append(self.report.summary())
        return "\n".join(lines)


def _listing(items: list[str]) -> str:
    if len(items) <= _MAX_LISTED:
        return ", ".join(items)
    return f"{', '.join(items[:_MAX_LISTED])} and {len(items) - _MAX_LISTED:,} more"


# ---------------------------------------------------------------- the public entry points


def import_daylio(
    journal: Journal,
    source: Path | str | DaylioFile,
    *,
    on_conflict: str = "skip",
    dry_run: bool = False,
    mood_map: str | Mapping[str, int] | None = None,
    mood_map_file: Path | str | None = None,
    activity_map: str | Mapping[str, str] | None = None,
    scale_map: str | Mapping[str, str] | None = None,
    progress: Progress = None,
) -> DaylioImport:
    """Read a Daylio CSV export (a path, or a file already read by `read_daylio`) and merge
    its days into the journal in one transaction; with `dry_run`, only say what would change.

    `mood_map`, `activity_map` and `scale_map` take the CLI's text (`great=8,"ok, but"=6`;
    `sport=exercise:30,no news=news_avoided`; `Sleep Time=sleep`) or a mapping;
    `mood_map_file` a file of `label=N` lines. `progress`: an interface's display
    (`common.ProgressDisplay`, the CLI's bar), a callable called as `progress(done, total)`,
    or None/False for nothing. Raises InvalidInput (with the file's line number where it is
    about one row); nothing is written then.
    """
    if isinstance(source, DaylioFile):
        if mood_map is not None or mood_map_file is not None:
            raise InvalidInput("the mood map is applied when the file is read (read_daylio)")
        parsed = source
    else:
        parsed = read_daylio(
            source,
            today=journal.clock.today(),
            mood_map=mood_map,
            mood_map_file=mood_map_file,
            scale_map=scale_map,
            progress=progress,
        )
    known = {habit.key: habit for habit in journal.habits()}
    settings = parse_activity_map(activity_map, known)
    mapped = parse_scale_map(scale_map if scale_map is not None else parsed.scale_map, known)
    plan = plan_scales(parsed, mapped, known)
    built = build_days(parsed, settings, plan)
    with _status(progress, len(parsed.entries), f"Saving {len(built.days):,} days…"):
        report = merge_into(
            journal,
            days=built.days,
            habits=plan.new_habits,
            on_conflict=on_conflict,
            dry_run=dry_run,
        )
    return DaylioImport(
        report=report,
        name=parsed.name,
        entries=len(parsed.entries),
        days=len(built.days),
        tags=built.tags,
        habit_activities=built.habit_activities,
        left_out=built.left_out,
        scales=plan.shown,
        left_out_scales=plan.left_out,
        sub_moods=parsed.sub_moods,
        unread_columns=parsed.unread_columns,
        has_header=parsed.has_header,
    )


def read_daylio(
    path: Path | str,
    *,
    today: date,
    mood_map: str | Mapping[str, int] | None = None,
    mood_map_file: Path | str | None = None,
    scale_map: str | Mapping[str, str] | None = None,
    progress: Progress = None,
) -> DaylioFile:
    """Read and check a Daylio export file; the journal is not needed (nor opened).

    `scale_map` is only checked for its form here and kept for `import_daylio`, which
    resolves the habits it names.
    """
    from recovery_journal.files import read_input_file

    moods = parse_mood_map(mood_map, mood_map_file)
    check_scale_map(scale_map)
    raw = read_input_file(Path(path), "a Daylio export (a .csv file)")
    parsed = parse_daylio(raw, today=today, mood_map=moods, name=Path(path).name, progress=progress)
    parsed.scale_map = scale_map
    return parsed


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
    # A CRLF file passed once more through a CRLF conversion ends its lines with \r\r\n:
    # that is one line end, as editors show it, and the notes keep \r\n.
    text = text.replace("\r\r\n", "\r\n")
    moods = parse_mood_map(mood_map)
    records = csv_records(text, skip_empty_cells=False)
    if not records:
        raise InvalidInput(
            f"{name} is empty; {_HOW_TO_EXPORT[0].lower()}{_HOW_TO_EXPORT[1:]} and import that file"
        )
    layout = _layout(records)
    width = len(records[0][1])
    entries: list[Entry] = []
    unknown: dict[str, tuple[str, int, int]] = {}  # folded label → (as written, line, count)
    sub_moods: dict[str, str] = {}
    unreadable_scales: dict[str, None] = {}
    unread = {index: name for index, name in layout.unread}
    unread_used: dict[int, None] = {}
    rows = records[1:] if layout.header else records
    with _progress_bar(progress, len(rows), f"Reading {name}") as tick:
        for index, (line, row) in enumerate(rows, 1):
            if len(row) != width:
                raise InvalidInput(_width_problem(line, row, width, layout, records[0][1]))
            for column in unread:
                if column not in unread_used and row[column].strip():
                    unread_used[column] = None
            entry, label, base = _entry(row, layout.columns, line, today, moods)
            if entry is None:
                folded = _fold(label)
                written, first, seen = unknown.get(folded, (label.strip(), line, 0))
                unknown[folded] = (written, first, seen + 1)
            else:
                entries.append(entry)
                if base is not None:
                    sub_moods.setdefault(entry.mood_label, base)
                if "scales" in layout.columns:
                    for part in parse_scales(row[layout.columns["scales"]])[1]:
                        unreadable_scales[part] = None
            if index % 500 == 0:
                tick(index)
        tick(len(rows))
    if unknown:
        raise InvalidInput(_unknown_moods_message(unknown, moods))
    order = sorted(layout.columns, key=layout.columns.__getitem__)
    return DaylioFile(
        name=name,
        entries=entries,
        has_note_title="note_title" in layout.columns,
        has_header=layout.header,
        columns=tuple(order),
        sub_moods=sub_moods,
        unread_columns=[unread[column] for column in sorted(unread_used)],
        unreadable_scales=list(unreadable_scales),
    )


# ---------------------------------------------------------------- the maps


def parse_mood_map(
    text: str | Mapping[str, int] | None, file: Path | str | None = None
) -> dict[str, int]:
    """Daylio's five default moods, then the lines of `--mood-map-file FILE` (`label=N` a
    line), then `--mood-map L=N,...` (a label with commas in double quotes); N from 1 to 10.
    Folded keys."""
    moods = dict(DEFAULT_MOOD_MAP)
    if file is not None:
        for label, number in _mood_map_file(Path(file)):
            _set_mood(moods, label, number, "--mood-map-file")
    if text is None:
        return moods
    if isinstance(text, Mapping):
        for label, value in text.items():
            _set_mood(moods, str(label), value, "--mood-map")
        return moods
    for label, number in split_items(text, "--mood-map", "great=8"):
        _set_mood(moods, label, number, "--mood-map")
    return moods


def _set_mood(moods: dict[str, int], label: str, number: str | int, option: str) -> None:
    folded = _fold(label)
    if not folded:
        raise InvalidInput(f"{option}: a mood label is empty; use LABEL=N, e.g. great=8")
    moods[folded] = parse_int(number, f"{option} {label.strip()!r}", 1, 10)


def _mood_map_file(path: Path) -> list[tuple[str, str]]:
    """`label=N` a line; blank lines and lines starting with # are skipped."""
    from recovery_journal.files import read_input_file

    raw = read_input_file(path, "a mood map (a text file of label=N lines)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"--mood-map-file {path.name}: the file is not UTF-8 text") from None
    items = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            items.append(split_item(line, "label=N", "great=8"))
        except InvalidInput as error:
            raise InvalidInput(f"--mood-map-file {path.name} line {number}: {error}") from None
    return items


def parse_activity_map(
    text: str | Mapping[str, str] | None, journal: Journal | Mapping[str, Habit]
) -> dict[str, HabitSetting]:
    """`--activity-map A=HABIT[:VALUE],...` → folded activity → the habit value it sets.

    Minutes and count habits need a value (`sport=exercise:30`); done/avoided habits take
    none (yes) or yes/no (`no news=news_avoided`). An unknown habit is refused by name.
    An activity with a comma goes in double quotes (`"walk, long"=exercise:60`).
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
        items = split_items(text, "--activity-map", "sport=exercise:30")
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


def _fold(label: str) -> str:
    """Labels match case-insensitively after trimming (inner runs of spaces count as one)."""
    return " ".join(label.split()).casefold()


# ---------------------------------------------------------------- entries → days


def build_days(
    parsed: DaylioFile, settings: Mapping[str, HabitSetting], scales: ScalePlan | None = None
) -> DaylioDays:
    """One `Partial` day per date: the mean mood, habits from mapped activities and scales,
    fields from mapped scales, tags from the rest, and the notes joined in time order.

    Only the parts the file holds are given, so `--on-conflict replace` takes the file's mood
    and its tags, habits and note where it has them, and never clears what it lacks.
    """
    by_date: dict[date, list[Entry]] = {}
    for entry in parsed.entries:
        by_date.setdefault(entry.date, []).append(entry)
    targets = scales.targets if scales is not None else {}
    result = DaylioDays(days=[])
    tag_of: dict[str, str | None] = {}  # folded activity → tag (None: cannot be a tag)
    all_tags: dict[str, None] = {}
    left_out: dict[str, None] = {}
    mapped_seen: set[str] = set()
    for day_date in sorted(by_date):
        entries = sorted(by_date[day_date], key=lambda entry: entry.minute)  # stable
        total = sum(entry.mood for entry in entries)
        mood = _mean(total, len(entries))
        habits: dict[str, float | bool] = {}
        tags: dict[str, None] = {}
        pieces: list[str] = []
        fields: dict[str, float | int] = {}
        ratings: dict[str, list[int]] = {}
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
            for name, text in entry.scales:
                target = targets.get(_fold(name))
                if target is None:
                    continue  # left out, and named in the summary
                value = converted(target, name, text, entry.line)
                if target.field == "habits":
                    assert target.habit is not None
                    old = habits.get(target.habit.key)
                    habits[target.habit.key] = value if old is None else max(old, value)
                elif target.field == "sleep_hours":
                    fields["sleep_hours"] = max(fields.get("sleep_hours", 0), value)
                else:
                    ratings.setdefault(target.field, []).append(int(value))
            piece = _note_piece(entry)
            if piece:
                pieces.append(piece)
        for name, values in ratings.items():
            fields[name] = _mean(sum(values), len(values))
        note = "\n\n".join(pieces) if pieces else None
        if note is not None and len(note) > NOTE_MAX_CHARS:
            raise InvalidInput(
                f"{day_date} (line {entries[0].line}): the day's notes come to "
                f"{len(note):,} characters; the limit is {NOTE_MAX_CHARS:,}. Shorten one in "
                f"Daylio and export again; {NOTHING_IMPORTED}"
            )
        given = {"mood", *fields}
        if habits:
            given.add("habits")
        if tags:
            given.add("tags")
        if note is not None:
            given.add("note")
        day = Day(day_date, mood=mood, habits=habits, tags=list(tags), note=note)
        for name, value in fields.items():
            setattr(day, name, value)
        result.days.append(Partial(day, frozenset(given)))
    result.tags = list(all_tags)
    result.left_out = list(left_out)
    return result


def _mean(total: int, count: int) -> int:
    """The mean of whole numbers, rounded half up (integer arithmetic)."""
    return (2 * total + count) // (2 * count)


def _note_piece(entry: Entry) -> str:
    """`[9:40 pm · Evening] Called Sam…`; `[9:40 pm] text` without a title; '' when empty.
    Without times in the file: `[Evening] text`, or the text alone."""
    title = " ".join(entry.title.split())
    body = entry.note.strip()
    if not title and not body:
        return ""
    parts = [part for part in (entry.time, title) if part]
    if not parts:
        return body
    head = f"[{' · '.join(parts)}]"
    return f"{head} {body}" if body else head


# ---------------------------------------------------------------- reading rows


def _decode(raw: bytes) -> str:
    return decode(
        raw,
        "Daylio's CSV export",
        "export it from Daylio again (More → Export Entries → CSV)",
    )


@dataclass(frozen=True)
class _Layout:
    columns: dict[str, int]  # Daylio column → its index
    header: bool  # the first record is the header row
    unread: tuple[tuple[int, str], ...] = ()  # header columns this importer does not know


def _layout(records: list[tuple[int, list[str]]]) -> _Layout:
    """The columns: by the header's names, or, without a header, by Daylio's column order."""
    line, first = records[0]
    names = [cell.strip().lower() for cell in first]
    if len(KNOWN_COLUMNS.intersection(names)) >= 2 and not _starts_like_data(first):
        return _header_layout(names, line)
    guessed = _guess_columns(first)
    if guessed is None:
        shown = ",".join(names)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        raise InvalidInput(
            f"line {line}: this is not a Daylio export: its first line ({shown!r}) is neither "
            f"Daylio's header ({','.join(COLUMNS)}, or year,date,… in older files) nor an "
            f"entry (a date, then the time and the mood). {_HOW_TO_EXPORT}"
        )
    return _Layout(guessed, header=False)


def _starts_like_data(row: list[str]) -> bool:
    first = row[0].strip()
    return bool(_ISO_DATE_RE.fullmatch(first) or _YEAR_RE.fullmatch(first))


def _header_layout(names: list[str], line: int) -> _Layout:
    columns: dict[str, int] = {}
    unread: list[tuple[int, str]] = []
    for index, name in enumerate(names):
        if name in KNOWN_COLUMNS:
            columns.setdefault(name, index)
        else:
            unread.append((index, name or f"column {index + 1} (no name)"))
    missing = []
    if "mood" not in columns:
        missing.append("mood")
    if "full_date" not in columns and not {"year", "date"} <= columns.keys():
        missing.append("full_date (or year and date)")
    if missing:
        shown = ",".join(names)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        raise InvalidInput(
            f"line {line}: this is not a Daylio export: its header ({shown!r}) lacks "
            f"{' and '.join(missing)}; Daylio's is {','.join(COLUMNS)} (older files have no "
            f"note_title, the oldest year,date,… instead of full_date). {_HOW_TO_EXPORT}"
        )
    if "full_date" in columns:  # `date` and `weekday` repeat full_date in words
        columns.pop("year", None)
    return _Layout(columns, header=True, unread=tuple(unread))


def _guess_columns(row: list[str]) -> dict[str, int] | None:
    """Daylio's columns in a file without a header, from its first entry: a full date (or a
    year and the date in words), then perhaps the date and weekday, the time, the mood, and
    after it activities, note title, note and scales as far as the row goes."""
    cells = [cell.strip() for cell in row]
    if _ISO_DATE_RE.fullmatch(cells[0]):
        columns = {"full_date": 0}
        first_time = 1
    elif _YEAR_RE.fullmatch(cells[0]) and len(cells) > 2:
        columns = {"year": 0, "date": 1}
        first_time = 2
    else:
        return None
    time_at = next(
        (i for i in range(first_time, min(4, len(cells))) if _minute(cells[i]) is not None), None
    )
    if time_at is None or time_at + 1 >= len(cells):
        return None
    columns["time"] = time_at
    columns["mood"] = time_at + 1
    after = _AFTER_MOOD.get(len(cells) - time_at - 2)
    if after is None:
        return None
    for offset, name in enumerate(after, time_at + 2):
        columns[name] = offset
    return columns


def _width_problem(line: int, row: list[str], width: int, layout: _Layout, first: list[str]) -> str:
    if layout.header:
        what = f"the header has {width} ({','.join(first)})"
    else:
        what = f"the first line has {width}"
    return (
        f"line {line}: {len(row)} columns, but {what}; is a quote missing around a note? "
        f"{NOTHING_IMPORTED}"
    )


def _entry(
    row: list[str], columns: dict[str, int], line: int, today: date, moods: dict[str, int]
) -> tuple[Entry | None, str, str | None]:
    """One row → (Entry, label, base label of a sub-mood or None), or (None, label, None)
    when its mood label is not in the map."""
    day = _entry_date(row, columns, line)
    if day > today:
        raise InvalidInput(
            f"line {line}: the date {day} is in the future (today is {today}); {NOTHING_IMPORTED}"
        )
    time_text, minute = "", 0
    if "time" in columns:
        time_text = row[columns["time"]].strip()
        found = _minute(time_text)
        if found is None:
            raise InvalidInput(
                f"line {line}: the time {time_text!r} is not a time like 6:50 pm or 14:58; "
                f"{NOTHING_IMPORTED}"
            )
        minute = found
    label = row[columns["mood"]]
    if not label.strip():
        raise InvalidInput(
            f"line {line}: the mood is empty; every Daylio entry has one; {NOTHING_IMPORTED}"
        )
    mood, base = _mood_of(label, moods)
    if mood is None:
        return None, label, None
    activities: tuple[str, ...] = ()
    if "activities" in columns:
        cell = row[columns["activities"]]
        activities = tuple(part.strip() for part in cell.split("|") if part.strip())
    title = html_to_text(row[columns["note_title"]]) if "note_title" in columns else ""
    note = html_to_text(row[columns["note"]]) if "note" in columns else ""
    scales: tuple[tuple[str, str], ...] = ()
    if "scales" in columns:
        scales = tuple(parse_scales(row[columns["scales"]])[0])
    if "\x00" in note or "\x00" in title:
        raise InvalidInput(
            f"line {line}: the note contains a NUL character, which cannot be stored; "
            f"{NOTHING_IMPORTED}"
        )
    time_shown = " ".join(time_text.split())
    entry = Entry(
        line, day, time_shown, minute, label.strip(), mood, activities, title, note, scales
    )
    return entry, label, base


def _mood_of(label: str, moods: dict[str, int]) -> tuple[int | None, str | None]:
    """The mood of a label; a sub-mood `Good [-]` not in the map counts as its base `good`."""
    folded = _fold(label)
    mood = moods.get(folded)
    if mood is not None:
        return mood, None
    sub = _SUB_MOOD_RE.fullmatch(folded)
    if sub and sub[1] in moods:
        return moods[sub[1]], sub[1]
    return None, None


def _entry_date(row: list[str], columns: dict[str, int], line: int) -> date:
    if "full_date" in columns:
        day_text = row[columns["full_date"]].strip()
        try:
            if len(day_text) != 10:
                raise ValueError
            return date.fromisoformat(day_text)
        except ValueError:
            raise InvalidInput(
                f"line {line}: the date {day_text!r} is not a date like 2024-05-14 "
                f"(YYYY-MM-DD); {NOTHING_IMPORTED}"
            ) from None
    year_text = row[columns["year"]].strip()
    day_text = row[columns["date"]].strip()
    found = month_and_day(day_text) if _YEAR_RE.fullmatch(year_text) else None
    try:
        if found is None:
            raise ValueError
        return date(int(year_text), found[0], found[1])
    except ValueError:
        raise InvalidInput(
            f"line {line}: the date {year_text!r} {day_text!r} is not a year and a day of a "
            "month (like 2018 and 'June 22' or '7 września'); the month names are read in "
            f"the languages listed in docs/import.md; {NOTHING_IMPORTED}"
        ) from None


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
    ready = shlex.quote(",".join(f"{quote_label(w)}=N" for w, _line, _seen in unknown.values()))
    known = ", ".join(f"{label}={number}" for label, number in moods.items())
    noun = "label" if len(unknown) == 1 else "labels"
    return (
        f"unknown mood {noun} in the file: {', '.join(listed)}. Map each to a number from "
        f"1 (worst) to 10 (best), replacing each N: --mood-map {ready} (or put one label=N "
        f"a line in a file and give --mood-map-file FILE); mapped now: {known}. "
        f"{NOTHING_IMPORTED.capitalize()}"
    )
