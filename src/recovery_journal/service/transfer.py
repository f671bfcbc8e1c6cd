"""Exports and imports, the same for the CLI (`export`, `import`) and the app's Export
screen.

    content = export(journal, "md", since, until, ExportOptions(redact="notes"))
    path = export_to(journal, "html", since, until, ExportOptions(), Path("r.html"))
    report = import_file(journal, path, None, ImportOptions(dry_run=True))

`export` gives the file's content (text, or bytes for a zip) and `export_to` writes it
(0600, atomically): a step such as sealing fits between the two.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recovery_journal.importers.common import Progress
    from recovery_journal.store import Journal


@dataclass(frozen=True)
class ExportOptions:
    """What a report leaves out (`redact`), how much of a long range it shows day by day
    (`detail`), its caseload `label` (JSON) and its generation time (`now`: the journal's
    clock when None); `seal`: a passphrase that seals the written file (`sealed.seal`;
    json or html, `export_to` only)."""

    redact: str = "none"
    detail: str = "recent"
    label: str | None = None
    now: datetime | None = None
    seal: str | None = field(default=None, repr=False)  # never shown in a traceback


def export(
    journal: Journal,
    fmt: str,
    since: date | None,
    until: date | None,
    options: ExportOptions = ExportOptions(),
    *,
    zipped: bool = False,
) -> str | bytes:
    """One format (`report.formats`) of this range of the journal (missing ends: the data's
    first/last date); `zipped`: the format's zip, when it has one (csv)."""
    from recovery_journal import report

    data = report.load(journal, since, until, options.redact, options.now, options.detail)
    data.label = options.label
    return report.render(data, fmt, zipped=zipped)


def export_to(
    journal: Journal,
    fmt: str,
    since: date | None,
    until: date | None,
    options: ExportOptions,
    output: Path,
) -> Path:
    """`export`, written to `output` (0600, atomically; csv to a `.zip` gets the zip). The
    journal's own files, its backups, SQLite files and non-regular files are refused."""
    from recovery_journal.report import is_zip
    from recovery_journal.report.output import write_atomic

    content = export(journal, fmt, since, until, options, zipped=is_zip(output))
    raw = content if isinstance(content, bytes) else content.encode("utf-8")
    if options.seal is not None:
        from recovery_journal.sealed import seal

        raw = seal(raw, options.seal, fmt)
    return write_atomic(Path(output), raw, journal=journal.path)


def refuse_the_journals_passphrase(journal: Journal, passphrase: str) -> None:
    """A sealed file is shared: its passphrase must not also open the encrypted journal."""
    from recovery_journal.errors import InvalidInput
    from recovery_journal.store import cipher

    if cipher.is_encrypted(journal.conn) and cipher.is_journal_passphrase(passphrase):
        raise InvalidInput(
            "the sealed file needs a passphrase of its own, not the journal's: whoever you "
            "send it to could open your journal with it; nothing was written"
        )


def check_seal(seal: bool, fmt: str, output: Path | None, *, in_app: bool = False) -> None:
    """`--seal` goes with json or html and `-o FILE.rjx`; a plain export is never named
    `.rjx` (it would look sealed and is not). Refused before anything is read or asked;
    `in_app`: the words name the Export screen's choices instead of the flags."""
    from recovery_journal.errors import InvalidInput
    from recovery_journal.sealed import SUFFIX

    named_sealed = output is not None and output.suffix.lower() == SUFFIX
    if not seal:
        if named_sealed:
            fix = "switch Seal on" if in_app else "add --seal"
            raise InvalidInput(
                f"{output} ends in {SUFFIX}, the name of a sealed file, but "
                f"{'Seal is off' if in_app else '--seal was not given'}; {fix}, or choose "
                "another name"
            )
        return
    if fmt not in ("json", "html"):
        raise InvalidInput(
            f"{'sealing' if in_app else '--seal'} works with "
            f"{'json or html' if in_app else '--format json or --format html'} (a file the "
            "therapist can open with review or open-sealed), not "
            f"{fmt if in_app else '--format ' + fmt}"
        )
    if output is None:
        raise InvalidInput(
            "--seal writes an encrypted file, not text for the screen: give -o FILE.rjx"
        )
    if not named_sealed:
        name = output.with_suffix(SUFFIX).name
        raise InvalidInput(
            f"a sealed file is named FILE{SUFFIX} so that it is not mistaken for a readable "
            f"report; {'call it ' + name if in_app else 'give -o ' + name}"
        )


@dataclass(frozen=True)
class ImportOptions:
    """How a file is merged (`on_conflict`, `dry_run`) and read (the maps: see `import
    --help`; each importer says which it takes, `importers.registry.Importer.takes`, and
    refuses the others); `progress`: how the interface shows the import at work (the
    CLI's `tui.progress.TerminalProgress`; None or False: nothing)."""

    on_conflict: str = "skip"
    dry_run: bool = False
    mood_map: str | None = None
    mood_map_file: str | None = None
    scale_map: str | None = None
    activity_map: str | None = None
    progress: Progress = None


def import_file(
    journal: Journal | Callable[[], Journal],
    path: Path,
    fmt: str | None,
    options: ImportOptions,
    *,
    today: date,
) -> Any:
    """Read and check the whole file (format `fmt`, else recognised from the file), then
    merge it into the journal in one transaction; returns a report with `summary()`.

    `journal` may be a function that opens it: it is called only once the file has been
    read and checked, so a bad file changes nothing, not even by creating a journal.
    """
    from recovery_journal.importers import registry
    from recovery_journal.importers.common import Options

    journal_for = journal if callable(journal) else (lambda: journal)
    found = registry.get(fmt) if fmt else registry.detect(path)
    read_with = Options(
        today=today,
        mood_map=options.mood_map,
        mood_map_file=options.mood_map_file,
        scale_map=options.scale_map,
        activity_map=options.activity_map,
        progress=options.progress,
    )
    return registry.run(
        found,
        path,
        journal_for,
        read_with,
        on_conflict=options.on_conflict,
        dry_run=options.dry_run,
    )
