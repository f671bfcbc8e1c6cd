"""Where the journal lives, and keeping what the app writes owner-only."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "RECOVERY_JOURNAL_DB"
APP_NAME = "recovery-journal"
BACKUP_DIR_NAME = "backups"


def default_journal_path() -> Path:
    """`journal.db` in the user data directory (platformdirs)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "journal.db"


def resolve_journal_path(cli_path: str | None) -> Path:
    """`--db PATH`, else `RECOVERY_JOURNAL_DB`, else the default location."""
    if cli_path:
        return Path(cli_path).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_journal_path()


def owner_only() -> None:
    """Everything this process creates from now on is readable by the owner only."""
    os.umask(0o077)


def ensure_private_dir(path: Path) -> None:
    """Create a folder (and parents) owner-only; tighten one the app made earlier."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path, 0o700)


def make_private(path: Path) -> None:
    """Set a file the app owns to 0600 (a no-op when already so)."""
    try:
        if path.exists() and (path.stat().st_mode & 0o077):
            os.chmod(path, 0o600)
    except OSError:
        pass


def backup_dir(journal: Path) -> Path:
    """`backups/` beside the journal."""
    return journal.parent / BACKUP_DIR_NAME
