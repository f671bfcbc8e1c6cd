"""Opening a journal file safely, with the standard library only.

Every connection: WAL, `synchronous=FULL`, `foreign_keys=ON` and a busy timeout. The file is
checked before anything is written to it: a damaged file, an empty file, a file that is not a
journal and a journal from a newer version are refused with `JournalUnusable`, unchanged.
When the schema is behind (or the file is new), the sqlite-utils migrations take over.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from recovery_journal.errors import JournalUnusable
from recovery_journal.paths import ensure_private_dir, make_private
from recovery_journal.store.damage import (  # noqa: F401 (the names callers import from here)
    BUSY_TIMEOUT_ENV,
    BUSY_TIMEOUT_SECONDS,
    busy_timeout,
    damaged_though_the_passphrase_is_right,
    describe_damage,
    translate_operational_error,
)
from recovery_journal.store.schema import SCHEMA_VERSION
from recovery_journal.store.transaction import write_transaction  # noqa: F401

SQLITE_HEADER = b"SQLite format 3\x00"


def check_regular(path: Path) -> None:
    """Refuse a path that is a folder, a FIFO, a device or a socket, from its `stat` alone
    (nothing is opened, so nothing waits)."""
    import os
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        raise JournalUnusable(f"{path} cannot be read ({error.strerror})") from None
    if stat.S_ISDIR(mode):
        raise JournalUnusable(f"{path} is a folder, not a journal file; give a file path")
    if not stat.S_ISREG(mode):
        from recovery_journal.files import kind_of

        raise JournalUnusable(
            f"{path} is {kind_of(mode)}, not a journal file; it was left untouched — give "
            "the path of a journal file with --db"
        )


# What a damaged journal says when SQLite hands back text that is not UTF-8 (the journal
# only ever writes UTF-8, so such bytes are damage, not data).
NOT_UTF8 = "it holds text that is not UTF-8"


def check_file(path: Path) -> None:
    """Refuse, before opening, a file that cannot be a journal (a folder, a FIFO, a device
    or a socket is refused from its `stat`, so nothing waits on it)."""
    check_regular(path)
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise JournalUnusable(
            f"{path} cannot be read (permission denied); check the file's owner"
        ) from None
    except OSError as error:
        raise JournalUnusable(f"{path} cannot be read ({error.strerror})") from None
    if not header:
        raise JournalUnusable(
            f"{path} is an empty file (0 bytes), not a journal; it was left untouched — "
            "restore a backup, or choose another path"
        )
    if header != SQLITE_HEADER and not encrypted(path):
        raise describe_damage(path, "it is not an SQLite database")


def encrypted(path: Path) -> bool:
    """An SQLCipher journal (issue 18): told from its first bytes and size, without
    importing SQLCipher."""
    from recovery_journal.store.cipher import looks_encrypted

    return looks_encrypted(path)


def _header(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(len(SQLITE_HEADER))


def connect(path: Path | str, *, create: bool = True) -> sqlite3.Connection:
    """Open (and if need be create or upgrade) a journal; return a ready connection."""
    memory = str(path) == ":memory:"
    path = Path(path)
    existed = not memory and path.exists()
    if existed:
        check_file(path)
    elif not memory:
        if not create:
            raise JournalUnusable(f"there is no journal at {path}; check the path")
        try:
            ensure_private_dir(path.parent)
        except OSError as error:
            raise JournalUnusable(
                f"cannot create the folder {path.parent} ({error.strerror}); "
                "choose a writable place with --db"
            ) from None
    try:
        if existed and _header(path) != SQLITE_HEADER:
            from recovery_journal.store import cipher

            passphrase = cipher.passphrase_for(path)
            try:
                conn = cipher.open_file(path, isolation_level=None, timeout=busy_timeout())
            except JournalUnusable as refused:
                raise damaged_though_the_passphrase_is_right(path, passphrase) or refused from None
        else:
            conn = sqlite3.connect(
                ":memory:" if memory else str(path),
                isolation_level=None,
                timeout=busy_timeout(),
            )
    except sqlite3.Error as error:
        raise JournalUnusable(f"cannot open {path} ({error}); check the path") from None
    try:
        version = _read_version(conn, path)
        if version > SCHEMA_VERSION:
            raise JournalUnusable(
                f"{path} was written by a newer version of recovery-journal (schema {version}, "
                f"this one knows {SCHEMA_VERSION}); it was left untouched — please update the app"
            )
        _configure(conn, path, memory)
        if version < SCHEMA_VERSION:
            from recovery_journal.store.migrations import migrate

            migrate(conn, path if existed else None)
    except BaseException:
        conn.close()
        raise
    if not memory:
        for suffix in ("", "-wal", "-shm"):
            make_private(Path(f"{path}{suffix}"))
    return conn


# The tables every version of the journal has: with a schema version set, they make a
# SQLite file a recovery journal (other apps set user_version too).
JOURNAL_TABLES = ("habits", "days", "sessions", "assessments")


def schema_version(conn: sqlite3.Connection) -> int:
    """The file's `PRAGMA user_version` (0: none set)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


COUNTED_TABLES = ("days", "sessions", "assessments", "appointments", "plans")


def count_rows(conn: sqlite3.Connection, table: str) -> int:
    """Rows of one of `COUNTED_TABLES`; 0 when the file has no such table (schema 1)."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) if found else 0


def is_journal(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite file is a recovery journal (of any version): the one test,
    used on opening, by `check` and by `restore`."""
    found = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
        f"AND name IN ({', '.join('?' * len(JOURNAL_TABLES))})",
        JOURNAL_TABLES,
    ).fetchone()[0]
    return found == len(JOURNAL_TABLES) and schema_version(conn) > 0


def _read_version(conn: sqlite3.Connection, path: Path) -> int:
    """`PRAGMA user_version`; refuses a file that holds other tables but no version."""
    try:
        version = schema_version(conn)
        if version == 0:
            others = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
            if others:
                raise JournalUnusable(
                    f"{path} is an SQLite database but not a recovery journal; "
                    "it was left untouched — choose another path with --db"
                )
        elif version <= SCHEMA_VERSION and not is_journal(conn):
            raise JournalUnusable(
                f"{path} is an SQLite database but not a recovery journal; "
                "it was left untouched — choose another path with --db"
            )
    except sqlite3.DatabaseError as error:
        raise describe_damage(path, str(error)) from None
    except UnicodeDecodeError:  # the schema's own text is damaged
        raise describe_damage(path, NOT_UTF8) from None
    return version


def _configure(conn: sqlite3.Connection, path: Path, memory: bool) -> None:
    """WAL, full sync, foreign keys, busy timeout."""
    try:
        if not memory:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise JournalUnusable(f"{path} could not be switched to WAL mode ({mode})")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={int(busy_timeout() * 1000)}")
    except sqlite3.OperationalError as error:
        raise translate_operational_error(path, error) from None
    except sqlite3.DatabaseError as error:
        raise describe_damage(path, str(error)) from None


def verify_intact(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a journal that fails `PRAGMA quick_check` (O(file): ~2 ms for 5 years)."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.OperationalError as error:
        raise translate_operational_error(path, error) from None
    except sqlite3.DatabaseError as error:
        raise describe_damage(path, str(error)) from None
    except UnicodeDecodeError:
        raise describe_damage(path, NOT_UTF8) from None
    if rows != [("ok",)]:
        detail = " ".join(str(rows[0][0]).split())[:160] if rows else "no answer"
        raise describe_damage(path, f"quick check: {detail}")
