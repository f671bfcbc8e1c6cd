"""Importing Loop Habit Tracker: its CSV export (the zip, or the folder it unzips to) and its
`.db` backup (docs/import.md).

- CSV, v2.3.1 and later: `Habits.csv` (`Position,Name,Type,Question,Description,
  FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?`) and
  one folder per habit (`001 Name/Checkmarks.csv`: `Date,Value,Notes`, values `YES_MANUAL`,
  `YES_AUTO`, `NO`, `SKIP`, `UNKNOWN`, or a number ×1000 for a numerical habit).
- CSV, up to v2.3.0: the same folders with a headerless `Checkmarks.csv` (`2020-01-05,2`,
  values −1 unknown, 0 no, 1 yes (auto), 2 yes, 3 skip; numerical habits ×1000), an older
  `Habits.csv` without a type, and a wide top-level `Checkmarks.csv` (`Date,Name,…,` with a
  trailing comma and unquoted names; v2.0.x wrote `Entry(timestamp=…, value=2)` cells). The
  folders are read when there are any, else the wide file.
- `.db`: the `Habits` and `Repetitions` tables, opened read-only (never written).

Each Loop habit becomes a habit here: yes/no → `done`; numerical → `minutes` when its unit is
minutes or hours, else `count`; archived stays archived. YES_MANUAL → done, NO → not done;
YES_AUTO, SKIP and UNKNOWN → not logged. Checkmark notes join the day's note.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path, PurePosixPath
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
)
from recovery_journal.model import (
    HABIT_KEY_MAX_CHARS,
    LABEL_MAX_CHARS,
    RESERVED_HABIT_KEYS,
    Habit,
)

if TYPE_CHECKING:
    from recovery_journal.store import Journal

WHAT = "Loop Habit Tracker's export"
MAX_ZIP_BYTES = 200 * 1024 * 1024
SQLITE_MAGIC = b"SQLite format 3\x00"
YES_MANUAL, YES_AUTO, NO, UNKNOWN, SKIP = 2, 1, 0, -1, 3
LABELS = {
    "YES_MANUAL": YES_MANUAL,
    "YES_AUTO": YES_AUTO,
    "NO": NO,
    "UNKNOWN": UNKNOWN,
    "SKIP": SKIP,
}
MINUTE_UNITS = {"min", "mins", "minute", "minutes", "m", "minuten", "minutos", "minutes."}
HOUR_UNITS = {"h", "hr", "hrs", "hour", "hours", "stunden", "horas", "heures"}
_ENTRY_CELL_RE = re.compile(r"Entry\((?:[^()]|\([^()]*\))*?value=(-?\d+)(?:[^()]|\([^()]*\))*\)")
_FOLDER_RE = re.compile(r"(\d{3}) ?(.*)")
_COUNT_MAX, _MINUTES_MAX = 10_000, 1440


@dataclass
class LoopHabit:
    """One Loop habit as read: its values by date (None: not logged) and notes."""

    position: int
    name: str
    numerical: bool | None  # None: not said (old CSV), decided from the values
    unit: str = ""
    target: float | None = None
    at_most: bool = False
    archived: bool = False
    raw: dict[date, int] = field(default_factory=dict)  # the value as Loop stores it
    notes: dict[date, str] = field(default_factory=dict)
    where: dict[date, str] = field(default_factory=dict)  # date → `file line N`

    @property
    def kind(self) -> str:
        """The journal's kind: `done` for a yes/no habit, else `minutes` for a unit
        of time, else `count`."""
        if not self.numerical:
            return "done"
        unit = self.unit.strip().lower()
        return "minutes" if unit in MINUTE_UNITS or unit in HOUR_UNITS else "count"

    @property
    def in_hours(self) -> bool:
        """Whether its values are in hours (stored as minutes)."""
        return self.unit.strip().lower() in HOUR_UNITS

    @property
    def factor(self) -> Decimal:
        """Loop stores a numerical value ×1000; hours become minutes."""
        return Decimal(60 if self.in_hours else 1) / 1000


@dataclass
class LoopFile:
    """A Loop export read and checked; habit keys are chosen when it is merged."""

    name: str
    source: str  # "csv", "old csv", "wide csv", "db"
    habits: list[LoopHabit]
    records: int


# ---------------------------------------------------------------- detection


def looks_like(path: Path) -> bool:
    """A Loop zip, folder or `.db` backup (sniffed, never written)."""
    try:
        if path.is_dir():
            return _is_export_folder(path) or any(
                _is_export_folder(sub) for sub in _single_subfolder(path)
            )
        with path.open("rb") as handle:
            head = handle.read(16)
        if head == SQLITE_MAGIC:
            return _has_loop_tables(path)
        if head.startswith(b"PK") and zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
            names = list(export_names(names))
            return "Habits.csv" in names or any(n.endswith("/Checkmarks.csv") for n in names)
    except (OSError, zipfile.BadZipFile, sqlite3.Error, ValueError):
        return False
    return False


def _is_export_folder(path: Path) -> bool:
    return (path / "Habits.csv").is_file() or any(path.glob("[0-9][0-9][0-9]*/Checkmarks.csv"))


def _single_subfolder(path: Path) -> list[Path]:
    """The one folder inside `path` (the unzipped export in the folder it was unzipped to),
    or nothing when there is not exactly one."""
    subs = [p for p in path.iterdir() if p.is_dir() and p.name != "__MACOSX"][:2]
    return subs if len(subs) == 1 else []


def _not_the_export(name: str) -> bool:
    """macOS's copies of a zipped folder (`__MACOSX/…`, `._name`) are not Loop's files."""
    return name.startswith("__MACOSX/") or PurePosixPath(name).name.startswith("._")


def export_names(names: list[str]) -> dict[str, str]:
    """The export's own paths (`Habits.csv`, `001 Meditate/Checkmarks.csv`) → the members
    that hold them. A zip made again from the unzipped folder, or the folder it was unzipped
    to, has every file one folder down (`Loop Habits CSV 2024-03-04/Habits.csv`): that one
    folder is taken off (never a habit's own `001 …` folder)."""
    found = {name: name for name in names if not _not_the_export(name)}
    while found and all("/" in name for name in found):
        tops = {name.split("/", 1)[0] for name in found}
        if len(tops) != 1 or _FOLDER_RE.fullmatch(next(iter(tops))):
            break
        found = {name.split("/", 1)[1]: member for name, member in found.items()}
    return found


def _connect(path: Path) -> sqlite3.Connection:
    uri = f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True)


def _has_loop_tables(path: Path) -> bool:
    conn = _connect(path)
    try:
        names = {row[0].lower() for row in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    return {"habits", "repetitions"} <= names


# ---------------------------------------------------------------- reading


def read(path: Path, options: Options) -> LoopFile:
    """Read and check a Loop export: a `.zip`, its unzipped folder, or a `.db` backup."""
    path = Path(path)
    if not path.exists():
        raise InvalidInput(f"there is no file {path}")
    if path.is_dir():
        files = {
            str(PurePosixPath(*p.relative_to(path).parts)): p
            for p in path.rglob("*.csv")
            if p.is_file()
        }
        return _read_csv_files(path.name, lambda key: files[key].read_bytes(), list(files), options)
    from recovery_journal.files import require_regular

    require_regular(path, "a Loop export")
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as error:
        raise InvalidInput(f"cannot read {path} ({error.strerror or error})") from None
    if head == SQLITE_MAGIC:
        return _read_db(path, options)
    if not zipfile.is_zipfile(path):
        raise InvalidInput(
            f"{path.name} is not a Loop export: give the zip from Loop's Settings → Export as "
            "CSV (or its unzipped folder), or the .db file from Export full backup"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            if sum(info.file_size for info in infos) > MAX_ZIP_BYTES:
                raise InvalidInput(
                    f"{path.name} unpacks to more than {MAX_ZIP_BYTES // 2**20} MB; that is not "
                    "a Loop export"
                )
            names = [info.filename for info in infos if info.filename.endswith(".csv")]
            return _read_csv_files(path.name, archive.read, names, options)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError) as error:
        raise InvalidInput(
            f"{path.name} is a damaged zip file ({error}); {NOTHING_IMPORTED}"
        ) from None


def _read_csv_files(
    name: str, read_member: Callable[[str], bytes], members: list[str], options: Options
) -> LoopFile:
    found = export_names(members)
    names = list(found)

    def text_of(member: str) -> str:
        try:
            return decode(read_member(found[member]), WHAT)
        except InvalidInput as error:
            raise InvalidInput(f"{member}: {error}") from None

    habits_csv = next(
        (n for n in names if PurePosixPath(n).name == "Habits.csv" and "/" not in n), None
    )
    listed = _habits_csv(text_of(habits_csv), habits_csv) if habits_csv else {}
    folders: dict[int, tuple[str, str]] = {}  # position → (folder name, member)
    for member in names:
        parts = PurePosixPath(member).parts
        if len(parts) == 2 and parts[1] == "Checkmarks.csv":
            match = _FOLDER_RE.fullmatch(parts[0])
            if match:
                folders[int(match.group(1))] = (match.group(2).strip(), member)
    habits: list[LoopHabit] = []
    records = 0
    source = "csv"
    if folders:
        texts = {position: text_of(member) for position, (_n, member) in folders.items()}
        total = sum(text.count("\n") for text in texts.values())
        with progress_bar(options.progress, total, f"Reading {name}") as tick:
            for position in sorted(folders):
                folder_name, member = folders[position]
                habit = listed.get(position) or LoopHabit(position, folder_name or member, None)
                old = _checkmarks(texts[position], member, habit, options.today)
                source = "old csv" if old else source
                records += len(habit.raw)
                habits.append(habit)
                tick(records)
    else:
        wide = next((n for n in names if n == "Checkmarks.csv"), None)
        if wide is None:
            raise InvalidInput(
                f"{name} has no Checkmarks.csv: is it the zip from Loop's Settings → Export as "
                f"CSV? {NOTHING_IMPORTED}"
            )
        habits = _wide(text_of(wide), wide, list(listed.values()), options.today)
        records = sum(len(habit.raw) for habit in habits)
        source = "wide csv"
    for habit in habits:
        _decide_kind(habit)
        _check_values(habit)
    return LoopFile(name, source, habits, records)


def _habits_csv(text: str, member: str) -> dict[int, LoopHabit]:
    records = csv_records(text)
    if not records:
        return {}
    _line, header = records[0]
    columns = header_columns(header)
    if "name" not in columns:
        raise InvalidInput(f"{member} line 1: the header has no Name column; {NOTHING_IMPORTED}")
    habits: dict[int, LoopHabit] = {}
    for index, (line, row) in enumerate(records[1:], 1):

        def cell(key: str, row: list[str] = row) -> str:
            at = columns.get(key)
            return row[at].strip() if at is not None and at < len(row) else ""

        try:
            position = int(cell("position") or index)
        except ValueError:
            raise InvalidInput(
                f"{member} line {line}: the position {cell('position')!r} is not a number; "
                f"{NOTHING_IMPORTED}"
            ) from None
        kind = cell("type").upper()
        numerical = None if "type" not in columns else kind == "NUMERICAL"
        habit = LoopHabit(position, cell("name") or f"Loop habit {position}", numerical)
        habit.unit = cell("unit")
        habit.at_most = cell("target type").upper() == "AT_MOST"
        habit.archived = cell("archived?").lower() == "true"
        target = cell("target value")
        if numerical and target:
            try:
                habit.target = float(Decimal(target))
            except ArithmeticError:
                habit.target = None
        habits[position] = habit
    return habits


def _checkmarks(text: str, member: str, habit: LoopHabit, today: date) -> bool:
    """Read one habit's Checkmarks.csv into `habit.raw`; True when it is the old headerless
    kind (≤ v2.3.0)."""
    records = csv_records(text)
    old = bool(records) and records[0][1][0].strip().lower() != "date"
    for line, row in records if old else records[1:]:
        where = f"{member} line {line}"
        day = _iso_day(row[0], where, today)
        value_text = row[1].strip() if len(row) > 1 else ""
        if old:
            value = _int(value_text, where)
        elif value_text.upper() in LABELS:
            value = LABELS[value_text.upper()]
            if habit.numerical and value != NO:
                value = UNKNOWN  # YES_AUTO, SKIP, UNKNOWN of a numerical habit: not logged
        elif habit.numerical is False:
            raise InvalidInput(
                f"{where}: {value_text!r} is not one of YES_MANUAL, YES_AUTO, NO, SKIP, "
                f"UNKNOWN; {NOTHING_IMPORTED}"
            )
        else:
            value = _int(value_text, where)
        if day in habit.raw:
            raise InvalidInput(f"{where}: the date {day} is given twice; {NOTHING_IMPORTED}")
        habit.raw[day] = value
        habit.where[day] = where
        note = row[2].strip() if len(row) > 2 and not old else ""
        if note:
            habit.notes[day] = check_free_text(note, where)
    return old


def _wide(text: str, member: str, listed: list[LoopHabit], today: date) -> list[LoopHabit]:
    """The old wide Checkmarks.csv: `Date,Name A,Name B,` then `2020-01-05,2,0,`."""
    lines = text.splitlines()
    if not lines or not lines[0].lower().startswith("date"):
        raise InvalidInput(
            f"{member} line 1: the header does not start with Date; {NOTHING_IMPORTED}"
        )
    names = [cell.strip() for cell in lines[0].split(",")[1:]]
    if names and not names[-1]:
        names.pop()
    habits: list[LoopHabit] = []
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        where = f"{member} line {number}"
        cells = [c.strip() for c in _ENTRY_CELL_RE.sub(lambda m: m.group(1), line).split(",")]
        if cells and not cells[-1]:
            cells.pop()
        if not habits:
            count = len(cells) - 1
            if len(names) != count and len(listed) == count:
                names = [habit.name for habit in listed]  # a name with a comma in it
            if len(names) != count:
                raise InvalidInput(
                    f"{where}: {count} values but {len(names)} habit names in the header (a "
                    "habit name with a comma?); import the zip's habit folders instead, or the "
                    f".db backup; {NOTHING_IMPORTED}"
                )
            by_name = {habit.name: habit for habit in listed}
            habits = [
                by_name.get(habit_name) or LoopHabit(index, habit_name, None)
                for index, habit_name in enumerate(names, 1)
            ]
        if len(cells) - 1 != len(habits):
            raise InvalidInput(
                f"{where}: {len(cells) - 1} values, but the header names {len(habits)} habits; "
                f"{NOTHING_IMPORTED}"
            )
        day = _iso_day(cells[0], where, today)
        for habit, cell in zip(habits, cells[1:], strict=True):
            value = LABELS.get(cell.upper())
            habit.raw[day] = value if value is not None else _int(cell, where)
            habit.where[day] = where
    return habits


def _iso_day(text: str, where: str, today: date) -> date:
    text = text.strip()
    try:
        if len(text) != 10:
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{where}: the date {text!r} is not a date like 2020-01-05; {NOTHING_IMPORTED}"
        ) from None
    return check_date(day, today, where)


def _int(text: str, where: str) -> int:
    try:
        if not re.fullmatch(r"-?\d{1,12}", text):
            raise ValueError
        return int(text)
    except ValueError:
        raise InvalidInput(
            f"{where}: the value {text!r} is not a Loop checkmark value; {NOTHING_IMPORTED}"
        ) from None


def _read_db(path: Path, options: Options) -> LoopFile:
    try:
        conn = _connect(path)
        try:
            return _db_habits(conn, path.name, options)
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise InvalidInput(
            f"{path.name} cannot be read as Loop's backup ({error}); {NOTHING_IMPORTED}"
        ) from None


def _db_habits(conn: sqlite3.Connection, name: str, options: Options) -> LoopFile:
    tables = {row[0].lower(): row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if not {"habits", "repetitions"} <= set(tables):
        raise InvalidInput(
            f"{name} is a database but not Loop's backup (it has no Habits and Repetitions tables)"
        )
    habit_columns = {
        row[1].lower() for row in conn.execute(f'PRAGMA table_info("{tables["habits"]}")')
    }
    rep_columns = {
        row[1].lower() for row in conn.execute(f'PRAGMA table_info("{tables["repetitions"]}")')
    }
    wanted = ["id", "name", "position", "archived", "type", "unit", "target_value", "target_type"]
    select = ", ".join(c if c in habit_columns else "NULL" for c in wanted)
    habits: dict[int, LoopHabit] = {}
    for row in conn.execute(f'SELECT {select} FROM "{tables["habits"]}" ORDER BY position, id'):
        hid, hname, position, archived, kind, unit, target, target_type = row
        if not isinstance(hid, int):
            continue
        habit = LoopHabit(
            int(position) if isinstance(position, int) else len(habits) + 1,
            str(hname).strip() if hname else f"Loop habit {hid}",
            None if kind is None else kind == 1,
        )
        habit.unit = str(unit or "")
        habit.archived = bool(archived)
        habit.at_most = target_type == 1
        if habit.numerical and isinstance(target, int | float):
            habit.target = float(target)
        habits[hid] = habit
    value_column = "value" if "value" in rep_columns else str(YES_MANUAL)
    notes_column = "notes" if "notes" in rep_columns else "NULL"
    query = (
        f'SELECT habit, timestamp, {value_column}, {notes_column} FROM "{tables["repetitions"]}" '
        "ORDER BY habit, timestamp"
    )
    total = conn.execute(f'SELECT count(*) FROM "{tables["repetitions"]}"').fetchone()[0]
    records = 0
    with progress_bar(options.progress, total, f"Reading {name}") as tick:
        for index, (hid, stamp, value, note) in enumerate(conn.execute(query), 1):
            owner = habits.get(hid)
            where = f"Repetitions row {index}"
            if owner is None:
                continue  # a repetition of a deleted habit
            if not isinstance(stamp, int) or not isinstance(value, int):
                raise InvalidInput(
                    f"{where}: the date or value is not a number; {NOTHING_IMPORTED}"
                )
            try:
                day = date(1970, 1, 1) + timedelta(milliseconds=stamp)
            except OverflowError:
                raise InvalidInput(
                    f"{where}: the date is out of range; {NOTHING_IMPORTED}"
                ) from None
            check_date(day, options.today, where)
            owner.raw[day] = value
            owner.where[day] = where
            if isinstance(note, str) and note.strip():
                owner.notes[day] = check_free_text(note.strip(), where)
            records += 1
            if index % 500 == 0:
                tick(index)
        tick(total)
    result = list(habits.values())
    for habit in result:
        _decide_kind(habit)
        _check_values(habit)
    return LoopFile(name, "db", result, records)


def _decide_kind(habit: LoopHabit) -> None:
    """An old CSV does not say whether a habit is numerical: a value other than −1…3 says so."""
    if habit.numerical is None:
        habit.numerical = any(value not in (-1, 0, 1, 2, 3) for value in habit.raw.values())


def _check_values(habit: LoopHabit) -> None:
    if not habit.numerical:
        return
    limit = _MINUTES_MAX if habit.kind == "minutes" else _COUNT_MAX
    for day, raw in habit.raw.items():
        if raw < 0:
            continue
        value = Decimal(raw) * habit.factor
        if value > limit:
            unit = "minutes" if habit.kind == "minutes" else "a day"
            raise InvalidInput(
                f"{habit.where[day]}: {habit.name} on {day} is {value.normalize():f}; the journal "
                f"takes at most {limit:,} {unit}; {NOTHING_IMPORTED}"
            )


# ---------------------------------------------------------------- into habits and days


def habit_key(name: str) -> str:
    """A habit key from a Loop name: `Read 20 pages` → `read_20_pages`; a name without
    Latin letters → `loop_` and a short hash of it (the same each time)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    key = re.sub(r"[^a-z0-9]+", "_", folded).strip("_")
    if key and not key[0].isalpha():
        key = f"loop_{key}"
    key = key[:HABIT_KEY_MAX_CHARS].rstrip("_")
    if not key or key in RESERVED_HABIT_KEYS:
        key = "loop_" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return key


def _label(name: str) -> str:
    label = " ".join(name.split()) or "Loop habit"
    return label if len(label) <= LABEL_MAX_CHARS else label[: LABEL_MAX_CHARS - 1] + "…"


def to_parsed(loop: LoopFile, known: dict[str, Habit]) -> Parsed:
    """The habits (keys chosen against the journal's) and one day per date."""
    taken: set[str] = set()
    habits: list[Habit] = []
    values: dict[date, dict[str, float | bool]] = {}
    notes: dict[date, list[str]] = {}
    rounded: dict[str, int] = {}
    not_logged = 0
    no_target: list[str] = []
    for loop_habit in loop.habits:
        kind = loop_habit.kind
        key = habit_key(loop_habit.name)
        existing = known.get(key)
        if existing is not None and existing.kind != kind:
            key = f"{key[: HABIT_KEY_MAX_CHARS - len(kind) - 1]}_{kind}"
        base, number = key, 2
        while key in taken:
            suffix = f"_{number}"
            key, number = base[: HABIT_KEY_MAX_CHARS - len(suffix)] + suffix, number + 1
        taken.add(key)
        label = _label(loop_habit.name)
        target = _target(loop_habit, kind)
        if loop_habit.numerical and loop_habit.target and target is None:
            no_target.append(label)
        habits.append(Habit(key, label, kind, target, loop_habit.archived))
        for day, raw in sorted(loop_habit.raw.items()):
            value = _value(loop_habit, kind, raw)
            if value is None:
                not_logged += 1
            else:
                if kind == "count" and value != int(value):
                    value = float(Decimal(str(value)).quantize(Decimal(1), ROUND_HALF_UP))
                    rounded[label] = rounded.get(label, 0) + 1
                values.setdefault(day, {})[key] = value
        for day, text in sorted(loop_habit.notes.items()):
            notes.setdefault(day, []).append(f"[Loop · {label}] {text}")
    days = []
    for day in sorted(set(values) | set(notes)):
        note = joined_note(notes.get(day, []), day, "Loop notes")
        days.append(partial_day(day, habits=values.get(day), note=note))
    parsed = Parsed(loop.name, loop.records, ("checkmark", "checkmarks"), days, habits)
    if habits:
        made = [
            f"{h.label} → {h.key} ({h.kind}{', archived' if h.archived else ''})" for h in habits
        ]
        parsed.lines.append(f"Loop habits ({len(habits)}): {listing(made)}.")
    if rounded:
        shown = [f"{label} ({count:,})" for label, count in rounded.items()]
        parsed.lines.append(
            f"Rounded to whole numbers (count habits take whole numbers): {listing(shown)}."
        )
    if not_logged:
        parsed.left_out["checkmarks that are YES_AUTO, SKIP or UNKNOWN, which stay not logged"] = (
            not_logged
        )
    if no_target:
        parsed.left_out[f"'at most' or unusable targets ({listing(no_target)})"] = len(no_target)
    return parsed


def _target(habit: LoopHabit, kind: str) -> float | None:
    if not habit.numerical or habit.at_most or not habit.target or habit.target <= 0:
        return None
    target = Decimal(str(habit.target)) * (60 if habit.in_hours else 1)
    if kind == "count":
        target = target.quantize(Decimal(1), ROUND_HALF_UP)
        return float(target) if target <= _COUNT_MAX else None
    return float(target) if target <= _MINUTES_MAX else None


def _value(habit: LoopHabit, kind: str, raw: int) -> float | bool | None:
    if kind == "done":
        if raw == YES_MANUAL:
            return True
        return False if raw == NO else None
    if raw < 0:
        return None
    value = Decimal(raw) * habit.factor
    if kind == "minutes":
        return float(value.quantize(Decimal("0.1"), ROUND_HALF_UP))
    return float(value)


def load(
    journal: Journal, loop: LoopFile, *, on_conflict: str, dry_run: bool, options: Options
) -> ImportResult:
    """Choose the habits' keys against the journal's, then merge habits and days in one
    transaction (a dry run only counts what would change)."""
    known = {habit.key: habit for habit in journal.habits()}
    parsed = to_parsed(loop, known)
    return merge(
        journal, parsed, on_conflict=on_conflict, dry_run=dry_run, progress=options.progress
    )
