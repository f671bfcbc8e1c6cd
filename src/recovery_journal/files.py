"""Files the app reads and writes, handled with care (standard library only).

- Temporary files are named `.<target>.rj-tmp-<pid>` beside their target, so that a run
  killed half-way can be recognised later: `remove_stale_temps` deletes only files of that
  shape whose process is gone (or that are older than an hour), never anything else.
- Input files (imports, `--db`) must be regular files: a FIFO, a device or a socket is
  refused before it is opened, so nothing blocks or reads forever; imports have a size
  ceiling.
- `backups/` is trusted only when it is a real folder of the user's own that nobody else
  can write to; a backup file counts only when it is the user's own and private.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from pathlib import Path

from recovery_journal.errors import InvalidInput, JournalUnusable

TEMP_MARK = ".rj-tmp-"
STALE_AFTER_SECONDS = 3600
IMPORT_LIMIT_BYTES = 200 * 1024 * 1024

# Patterns, compiled on first use (re caches them): the quick `log` path compiles none.
_TEMP_PATTERN = r"\..+\.rj-tmp-(\d+)(?:-\d+)?(?:-journal|-wal|-shm)?"
# What versions before 0.1.1 left behind: `tempfile.mkstemp` names in backups/ and beside
# the journal. Without a pid, only their age tells that they are stale.
_LEGACY_PATTERN = r"\.(?:backup|restore)-[a-z0-9_]{8}\.db(?:-journal)?"


def kind_of(mode: int) -> str:
    """What a non-regular file is, in plain words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


# ---------------------------------------------------------------- temporary files


def create_temp(target: Path) -> tuple[int, Path]:
    """Create `.<name>.rj-tmp-<pid>` beside `target` (0600, exclusively); return (fd, path)."""
    base = target.parent / f".{target.name}{TEMP_MARK}{os.getpid()}"
    candidate, number = base, 1
    while True:
        try:
            descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            number += 1
            candidate = Path(f"{base}-{number}")
            continue
        return descriptor, candidate


def temp_path(target: Path) -> Path:
    """A new, empty temporary file beside `target` (for SQLite to write into)."""
    descriptor, path = create_temp(target)
    os.close(descriptor)
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def remove_stale_temps(folder: Path, *, legacy: bool = False) -> list[Path]:
    """Delete this app's temporary files in `folder` left by runs that were killed.

    Only `.<name>.rj-tmp-<pid>` files (and their SQLite sidecars) that are regular files of
    the user's own, whose process is gone or that are over an hour old; with `legacy`, also
    the older `.backup-XXXXXXXX.db` / `.restore-XXXXXXXX.db` names when over an hour old.
    """
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    now = time.time()
    me = os.getpid()
    for name in names:
        match = re.fullmatch(_TEMP_PATTERN, name)
        is_legacy = legacy and re.fullmatch(_LEGACY_PATTERN, name) is not None
        if not match and not is_legacy:
            continue
        path = folder / name
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            continue
        old = now - info.st_mtime > STALE_AFTER_SECONDS
        if match:
            pid = int(match.group(1))
            if pid == me or (_alive(pid) and not old):
                continue
        elif not old:
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


# ---------------------------------------------------------------- input files


def require_regular(path: Path, what: str) -> None:
    """Refuse at once, before any open, what is not a regular file: a FIFO would hang a
    read, a device never end it."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InvalidInput(f"there is no file {path}") from None
    except OSError as error:
        raise InvalidInput(f"cannot read {path} ({error.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(f"{path} is {kind_of(info.st_mode)}, not {what}; give a file")


def read_input_file(path: Path, what: str, limit: int = IMPORT_LIMIT_BYTES) -> bytes:
    """The bytes of a file to import; refuses at once anything that is not a regular file
    (FIFO, device, socket, folder) and anything over `limit` bytes."""
    require_regular(path, what)
    try:
        # O_NONBLOCK: should the path have become a FIFO since the stat, open does not wait.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise InvalidInput(f"cannot read {path} ({error.strerror})") from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(f"{path} is {kind_of(info.st_mode)}, not {what}; give a file")
        os.set_blocking(handle.fileno(), True)
        too_big = InvalidInput(
            f"{path} is larger than {limit // (1024 * 1024)} MB, more than {what} can be; "
            "check that it is the right file"
        )
        if info.st_size > limit:
            raise too_big
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise InvalidInput(f"cannot read {path} ({error.strerror})") from None
    if len(data) > limit:
        raise too_big
    return data


# ---------------------------------------------------------------- trusting backups/


def untrusted_folder_reason(folder: Path) -> str | None:
    """Why `folder` (an existing `backups/`) cannot be trusted, or None when it can."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"it cannot be read ({error.strerror})"
    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return f"it is {kind_of(info.st_mode)}, not a folder"
    if info.st_uid != os.getuid():
        return f"it belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return f"other users can change it (mode {stat.S_IMODE(info.st_mode):04o})"
    return None


def check_backup_folder(folder: Path) -> None:
    """Refuse to use a `backups/` folder that someone else could have changed."""
    reason = untrusted_folder_reason(folder)
    if reason:
        raise JournalUnusable(
            f"the backups folder {folder} is not safe to use: {reason}; nothing was changed "
            f"— make it a private folder of your own (chmod 700 {folder}) or move it aside"
        )


def untrusted_file_reason(path: Path) -> str | None:
    """Why a backup file is not private to the user, or None when it is."""
    try:
        info = os.lstat(path)
    except OSError as error:
        return f"it cannot be read ({error.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return f"it is {kind_of(info.st_mode)}"
    if info.st_uid != os.getuid():
        return f"it belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o077:
        return f"other users can read or change it (mode {stat.S_IMODE(info.st_mode):04o})"
    return None
