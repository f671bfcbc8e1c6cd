"""The app's own settings (the theme): a small JSON file beside the journal, owner-only.

`journal.db` keeps its settings in `journal.settings.json` in the same folder, so a demo
journal or a second journal keeps its own. The file is read and written by this process
only (no network); a file that is missing, unreadable, too large or not a JSON object
reads as no settings, and is never a reason for the app not to start.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

MAX_BYTES = 64 * 1024
SUFFIX = ".settings.json"


def settings_path(journal: Path) -> Path:
    """`<journal-stem>.settings.json` beside the journal."""
    return journal.with_name(journal.stem + SUFFIX)


def read_settings(path: Path | None) -> dict[str, Any]:
    """The settings, or `{}` when there are none that can be read."""
    if path is None:
        return {}
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_setting(path: Path | None, name: str, value: Any) -> bool:
    """Set one setting, keeping the others; written whole (a temporary file, then renamed)
    and 0600. False when it could not be written (the app goes on without it)."""
    if path is None or (path.exists() and not path.is_file()):
        return False
    data = read_settings(path)
    if data.get(name) == value and path.exists():
        return True
    data[name] = value
    return _write_settings(path, data)


def terminal_is_light(environ: dict[str, str] | None = None) -> bool | None:
    """What the terminal says of its background, when it says anything: `COLORFGBG`
    (`15;0`, set by rxvt, Konsole, iTerm2 and others) ends with the background's colour
    number; 7 and 9–15 are light, 0–6 and 8 dark. None when it does not say."""
    value = (environ if environ is not None else os.environ).get("COLORFGBG", "")
    last = value.rsplit(";", 1)[-1].strip()
    if not last.isdigit():
        return None
    background = int(last)
    if background > 15:
        return None
    return background == 7 or background >= 9


def remove_setting(path: Path | None, name: str) -> bool:
    """Remove one setting, keeping the others (nothing to do when it is not there). False
    when the file could not be written."""
    if path is None or not path.exists():
        return True
    data = read_settings(path)
    if name not in data:
        return True
    del data[name]
    return _write_settings(path, data)


def _write_settings(path: Path, data: dict[str, Any]) -> bool:
    """Write the whole settings file (a temporary file, then renamed; 0600). False when it
    could not be written."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(data, file, indent=2, sort_keys=True)
            file.write("\n")
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return False
    return True
