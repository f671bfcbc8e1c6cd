"""Writing a report file: owner-only (0600) and atomic (temp file, fsync, rename)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from recovery_journal.errors import InvalidInput


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` so that readers see the old file or the whole new one.

    The temporary file lives in the same folder (so the rename is atomic), is created 0600,
    is fsync'd before the rename, and the folder is fsync'd after it.
    """
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(
            f"the folder {folder} does not exist; create it or choose another place to save to"
        )
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give a file name with -o")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InvalidInput(
            f"cannot write in {folder} ({error.strerror}); choose another -o"
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o600)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return path
