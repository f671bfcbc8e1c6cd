"""Every format `import` reads, in one list: its name (`--format NAME`), its label in the
app, how it is recognised, and how it is read and merged.

Adding an importer is its own module plus one `Importer(...)` line in `IMPORTERS`. Reading
never needs the journal (a bad file changes nothing, not even by creating a journal);
loading merges in one transaction (`merge.merge_into`).

Detection (`detect`) looks at the file without changing it: a folder, zip or SQLite file
(Loop), the JSON's shape, or the CSV's first row. The first importer that recognises the
file wins, in the order of `IMPORTERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_journal.errors import InvalidInput

if TYPE_CHECKING:
    from recovery_journal.importers.common import Options
    from recovery_journal.store import Journal

# The CLI imports this module to list the formats: only the standard library at import time.

_HEAD_BYTES = 64 * 1024
_JSON_MAX_BYTES = 256 * 1024 * 1024


@dataclass
class Sniff:
    """What detection saw of a file: its path, and its JSON or first CSV row when it has one."""

    path: Path
    is_dir: bool = False
    head: bytes = b""
    json: Any = None
    first_row: list[str] | None = None


@dataclass(frozen=True)
class Importer:
    """One format: `read(path, options)` checks the whole file (no journal needed);
    `load(journal, parsed, on_conflict=, dry_run=, options=)` merges it and returns something
    with `summary()`. `takes`: the options of `common.MAP_OPTIONS` it uses; `run` refuses
    the others by their flag, so no caller needs to know which format takes what."""

    name: str
    label: str
    detect: Callable[[Sniff], bool]
    read: Callable[[Path, Options], Any]
    load: Callable[..., Any]
    takes: frozenset[str] = frozenset()


# ---------------------------------------------------------------- each format


def _json_read(path: Path, options: Options) -> Any:
    from recovery_journal.importers.json_import import read_export

    return read_export(path)


def _json_load(
    journal: Journal, parsed: Any, *, on_conflict: str, dry_run: bool, options: Options
) -> Any:
    from recovery_journal.importers.json_import import load_into

    return load_into(journal, parsed, on_conflict=on_conflict, dry_run=dry_run)


def _is_own_json(sniff: Sniff) -> bool:
    from recovery_journal.importers.json_import import FORMAT_NAME
    from recovery_journal.sealed import is_sealed

    if is_sealed(sniff.head):  # a sealed export (.rjx): unsealed in memory when read
        return True
    return isinstance(sniff.json, dict) and sniff.json.get("format") == FORMAT_NAME


def _daylio_read(path: Path, options: Options) -> Any:
    from recovery_journal.importers.daylio import read_daylio

    return read_daylio(
        path,
        today=options.today,
        mood_map=options.mood_map,
        mood_map_file=options.mood_map_file,
        scale_map=options.scale_map,  # checked here, applied when loaded (parsed.scale_map)
        progress=options.progress,
    )


def _daylio_load(
    journal: Journal, parsed: Any, *, on_conflict: str, dry_run: bool, options: Options
) -> Any:
    from recovery_journal.importers.daylio import import_daylio

    return import_daylio(
        journal,
        parsed,
        on_conflict=on_conflict,
        dry_run=dry_run,
        activity_map=options.activity_map,
        progress=options.progress,
    )


def _is_daylio(sniff: Sniff) -> bool:
    """Daylio's header (any version), or a headerless row that starts like Daylio's."""
    row = sniff.first_row
    if not row:
        return False
    names = {cell.strip().lower() for cell in row}
    if "full_date" in names or {"year", "date", "time", "mood"} <= names:
        return True
    first = row[0].strip()
    if len(row) >= 5 and len(first) == 4 and first.isdigit() and ":" in row[3]:
        return True  # the oldest layout: year,date,weekday,time,mood…
    try:
        date.fromisoformat(first)
    except ValueError:
        return False
    return len(first) == 10 and len(row) >= 5  # full_date,date,weekday,time,mood…


def _module(name: str) -> Any:
    import importlib

    return importlib.import_module(f"recovery_journal.importers.{name}")


def _reader(name: str) -> Callable[[Path, Options], Any]:
    return lambda path, options: _module(name).read(path, options)


def _loader(name: str) -> Callable[..., Any]:
    return lambda journal, parsed, **kw: _module(name).load(journal, parsed, **kw)


def _csv_header(name: str) -> Callable[[Sniff], bool]:
    return lambda sniff: bool(sniff.first_row) and _module(name).looks_like(sniff.first_row)


def _json_shape(name: str) -> Callable[[Sniff], bool]:
    return lambda sniff: sniff.json is not None and _module(name).looks_like(sniff.json)


def _is_loop(sniff: Sniff) -> bool:
    if not (sniff.is_dir or sniff.head.startswith((b"PK", b"SQLite format 3\x00"))):
        return False
    return bool(_module("loop").looks_like(sniff.path))


IMPORTERS: tuple[Importer, ...] = (
    Importer("json", "Recovery journal export (.json)", _is_own_json, _json_read, _json_load),
    Importer(
        "daylio",
        "Daylio (CSV export)",
        _is_daylio,
        _daylio_read,
        _daylio_load,
        frozenset({"mood_map", "mood_map_file", "scale_map", "activity_map"}),
    ),
    Importer(
        "loop",
        "Loop Habit Tracker (CSV zip, folder or .db)",
        _is_loop,
        _reader("loop"),
        _loader("loop"),
    ),
    Importer(
        "bearable",
        "Bearable (CSV export)",
        _csv_header("bearable"),
        _reader("bearable"),
        _loader("bearable"),
    ),
    Importer(
        "pixels",
        "Pixels (JSON backup)",
        _json_shape("pixels"),
        _reader("pixels"),
        _loader("pixels"),
        frozenset({"mood_map"}),
    ),
    Importer(
        "imoodjournal",
        "iMoodJournal (CSV export)",
        _csv_header("imoodjournal"),
        _reader("imoodjournal"),
        _loader("imoodjournal"),
    ),
    Importer("jrnl", "jrnl (JSON export)", _json_shape("jrnl"), _reader("jrnl"), _loader("jrnl")),
)


def names() -> tuple[str, ...]:
    """Every importer's name, in the order of `IMPORTERS` (`import --format` lists them)."""
    return tuple(importer.name for importer in IMPORTERS)


def get(name: str) -> Importer:
    """The importer of that name, or InvalidInput naming the ones there are."""
    for importer in IMPORTERS:
        if importer.name == name:
            return importer
    raise InvalidInput(f"--format {name!r} is not one of: {', '.join(names())}")


# ---------------------------------------------------------------- detection


def sniff(path: Path) -> Sniff:
    """Look at the file (read only): a folder, its first bytes, its JSON, its first CSV row."""
    import csv
    import io
    import json

    path = Path(path)
    if not path.exists():
        raise InvalidInput(f"there is no file {path}")
    if path.is_dir():
        return Sniff(path, is_dir=True)
    from recovery_journal.files import require_regular

    require_regular(path, "a file to import")
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
        found = Sniff(path, head=head)
        text_head = head.decode("utf-8-sig", errors="replace")
        if text_head.lstrip()[:1] in ("{", "[") and path.stat().st_size <= _JSON_MAX_BYTES:
            try:
                found.json = json.loads(path.read_bytes().decode("utf-8-sig"))
            except (ValueError, RecursionError):
                found.json = None
        elif b"\x00" not in head:
            first = text_head.split("\n", 1)[0].rstrip("\r")
            try:
                found.first_row = next(csv.reader(io.StringIO(first)), None)
            except csv.Error:
                found.first_row = None
        return found
    except OSError as error:
        raise InvalidInput(f"cannot read {path} ({error.strerror or error})") from None


def detect(path: Path) -> Importer:
    """The importer for this file; InvalidInput naming the formats when none knows it."""
    seen = sniff(path)
    for importer in IMPORTERS:
        if importer.detect(seen):
            return importer
    if Path(path).suffix.lower() == ".json" and not seen.is_dir:
        return get("json")  # its own error says what an export file is
    if not seen.is_dir and not seen.head:
        raise InvalidInput(f"{Path(path).name} is empty; there is nothing in it to import")
    raise InvalidInput(
        f"cannot tell which app wrote {Path(path).name}; give --format, one of: "
        f"{', '.join(names())} (docs/import.md says how to export from each app)"
    )


def run(
    importer: Importer,
    path: Path,
    journal_for: Callable[[], Journal],
    options: Options,
    *,
    on_conflict: str = "skip",
    dry_run: bool = False,
) -> Any:
    """Read and check the whole file first, then open the journal and merge (all or nothing).
    Options a format does not take (`Importer.takes`) are refused by their flag."""
    from recovery_journal.importers.common import MAP_OPTIONS

    for option in MAP_OPTIONS:
        if getattr(options, option) and option not in importer.takes:
            users = [i.name for i in IMPORTERS if option in i.takes]
            flag = "--" + option.replace("_", "-")
            raise InvalidInput(f"{flag} goes with --format {' or '.join(users)} only")
    parsed = importer.read(Path(path), options)
    return importer.load(
        journal_for(), parsed, on_conflict=on_conflict, dry_run=dry_run, options=options
    )
