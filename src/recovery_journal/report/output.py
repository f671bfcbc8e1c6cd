"""Writing a report file: owner-only (0600) and atomic (temp file, fsync, rename).

Before anything is written, the target is checked (`check_target`): it is never the
journal, its `-wal`/`-shm`/`-journal` files, anything under `backups/`, an SQLite database
or anything but a regular file. Symlinks and relative paths are resolved first. An existing
report file is replaced whole.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from recovery_journal.errors import InvalidInput

SQLITE_HEADER = b"SQLite format 3\x00"
SIDECARS = ("-wal", "-shm", "-journal")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_target(
    path: Path, journal: Path | None = None, *, allow_backups: bool = False
) -> tuple[Path, bool]:
    """Refuse a file that must not be written to; return (resolved path, exists already)."""
    path = Path(path).expanduser()
    resolved = Path(os.path.realpath(path))
    refuse = f"{path} cannot be written to: it is"
    if journal is not None:
        own = Path(os.path.realpath(Path(journal).expanduser()))
        if resolved == own or any(resolved == Path(f"{own}{end}") for end in SIDECARS):
            raise InvalidInput(
                f"{refuse} the journal itself (or one of its files); choose another -o"
            )
        backups = Path(os.path.realpath(own.parent / "backups"))
        if not allow_backups and _inside(resolved, backups):
            raise InvalidInput(f"{refuse} in the journal's backups folder; choose another -o")
    try:
        info = os.stat(resolved)
    except FileNotFoundError:
        return resolved, False
    except OSError as error:
        raise InvalidInput(
            f"{path} cannot be checked ({error.strerror}); choose another -o"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise InvalidInput(f"{path} is a folder; give a file name with -o")
    if not stat.S_ISREG(info.st_mode):
        from recovery_journal.files import kind_of

        raise InvalidInput(f"{refuse} {kind_of(info.st_mode)}, not a file; choose another -o")
    if journal is not None:
        with contextlib.suppress(OSError):
            if os.path.samefile(resolved, Path(journal).expanduser()):
                raise InvalidInput(f"{refuse} the journal itself; choose another -o")
    try:
        with open(resolved, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise InvalidInput(f"{path} cannot be read ({error.strerror}); choose another -o") from None
    if header == SQLITE_HEADER:
        raise InvalidInput(
            f"{refuse} an SQLite database (perhaps a journal or a backup); it was left "
            "untouched — choose another -o"
        )
    if _encrypted_journal(resolved):
        raise InvalidInput(
            f"{refuse} what looks like an encrypted journal or backup; it was left "
            "untouched — choose another -o"
        )
    return resolved, True


def _encrypted_journal(path: Path) -> bool:
    """An encrypted journal or backup (issue 18) is never written over either."""
    from recovery_journal.store.cipher import looks_encrypted

    return looks_encrypted(path)


def write_atomic(path: Path, data: bytes, journal: Path | None = None) -> Path:
    """Write `data` to `path` so that readers see the old file or the whole new one.

    `check_target` runs first (with `journal`, its files and backups are refused too). The
    temporary file `.<name>.rj-tmp-<pid>` lives in the same folder (so the rename is atomic),
    is created 0600, is fsync'd before the rename, and the folder is fsync'd after it; stale
    ones left by a killed run are removed first.
    """
    from recovery_journal.files import create_temp, remove_stale_temps

    named = Path(path).expanduser()
    path, _ = check_target(named, journal)
    folder = path.parent
    if not folder.is_dir():
        raise InvalidInput(
            f"the folder {folder} does not exist; create it or choose another place to save to"
        )
    remove_stale_temps(folder)
    try:
        handle, temp = create_temp(path)
    except OSError as error:
        raise InvalidInput(
            f"cannot write in {folder} ({error.strerror}); choose another -o"
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return named
