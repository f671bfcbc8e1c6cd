"""Encrypted journals with SQLCipher 4 (issue 18), loaded only for an encrypted file.

A plain journal starts with `SQLite format 3\\0`; an SQLCipher file starts with its 16-byte
random salt and is a whole number of pages, so one look at the first bytes tells them apart
and a plain journal never imports `sqlcipher3`.

The key is SQLCipher 4's own default derivation (PBKDF2-HMAC-SHA512, 256,000 iterations, a
32-byte key from the file's salt), computed here once per passphrase and salt; every
connection is then keyed with the raw-key form `x'<key><salt>'`, so the app's several
connections and the backups do not each pay the derivation again (about 0.1 s). The
settings are never lowered: a file made here opens in any SQLCipher 4 with the passphrase.

SQLCipher's exceptions are made subclasses of the standard library's (`sqlite3.Error`…),
so every `except sqlite3.…` in the app and in sqlite-utils treats both drivers alike.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from recovery_journal.errors import JournalUnusable

TYPE_CHECKING = False  # `typing` costs the quick `log` path ~2 ms (its daily backup asks here)
if TYPE_CHECKING:
    from typing import Any

SQLITE_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
KDF_ITERATIONS = 256_000  # SQLCipher 4's default (cipher_default_kdf_iter)
KEY_BYTES = 32
_ERRORS = (
    "DatabaseError",
    "InterfaceError",
    "DataError",
    "OperationalError",
    "IntegrityError",
    "InternalError",
    "ProgrammingError",
    "NotSupportedError",
)

_passphrase: dict[str, str] = {}  # the passphrase typed in this process (one journal)
_keys: dict[tuple[str, bytes], str] = {}  # (passphrase, salt) -> raw key


def looks_encrypted(path: Path) -> bool:
    """An SQLCipher file: not SQLite's header, a whole number of pages (a multiple of 512
    bytes), and a first page that looks random (it does not compress). A file that fails
    this is left to the damage checks."""
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as handle:
            page = handle.read(4096)
    except OSError:
        return False
    if page.startswith(SQLITE_HEADER) or size < 512 or size % 512:
        return False
    import zlib

    return len(zlib.compress(page, 1)) > len(page) * 0.95


def salt_of(path: Path) -> bytes:
    """The salt of an encrypted file: its first 16 bytes, where SQLCipher keeps it."""
    with open(path, "rb") as handle:
        return handle.read(SALT_BYTES)


def raw_key(passphrase: str, salt: bytes) -> str:
    """SQLCipher 4's default key for `passphrase` and `salt`, as its raw-key literal."""
    found = _keys.get((passphrase, salt))
    if found is None:
        key = _pbkdf2(passphrase.encode("utf-8"), salt)
        found = _keys[(passphrase, salt)] = f"x'{key.hex()}{salt.hex()}'"
    return found


def _pbkdf2(secret: bytes, salt: bytes) -> bytes:
    """PBKDF2-HMAC-SHA512 with SQLCipher 4's defaults: `cryptography`'s OpenSSL when it is
    there (about a third faster here than the standard library's), else `hashlib`."""
    try:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
    except ImportError:
        import hashlib

        return hashlib.pbkdf2_hmac("sha512", secret, salt, KDF_ITERATIONS, KEY_BYTES)
    return PBKDF2HMAC(hashes.SHA512(), KEY_BYTES, salt, KDF_ITERATIONS).derive(secret)


def new_key(passphrase: str) -> str:
    """A raw key for a new encrypted file (a fresh random salt)."""
    return raw_key(passphrase, os.urandom(SALT_BYTES))


def _driver() -> Any:
    """`sqlcipher3.dbapi2`, its errors grafted under the standard library's."""
    from sqlcipher3 import dbapi2

    if not issubclass(dbapi2.DatabaseError, sqlite3.DatabaseError):
        for name in _ERRORS:
            cls = getattr(dbapi2, name)
            cls.__bases__ = (*cls.__bases__, getattr(sqlite3, name))
    return dbapi2


def connection_class() -> type:
    """The SQLCipher connection class that knows its raw key (for backups and copies)."""
    global _connection_class
    if _connection_class is None:
        dbapi2 = _driver()

        class CipherConnection(dbapi2.Connection):  # type: ignore[name-defined]
            _raw = ""
            _secret: tuple[str, bytes] | None = None  # (passphrase, salt) when keyed so

            @property
            def raw_key(self) -> str:
                """The raw key, derived on first use when the connection was opened with
                the passphrase (so a command with one connection derives it once)."""
                if not self._raw and self._secret is not None:
                    self._raw = raw_key(*self._secret)
                return self._raw

        _connection_class = CipherConnection
    return _connection_class


_connection_class: type | None = None


def is_encrypted(conn: object) -> bool:
    """True for a connection made here (without importing SQLCipher for a plain one)."""
    return _connection_class is not None and isinstance(conn, _connection_class)


def connect(target: str, key: str | None, **options: Any) -> sqlite3.Connection:
    """An SQLCipher connection keyed with `key` (its first statement; None: a plain file
    through SQLCipher's driver); not yet verified."""
    conn = _driver().connect(target, factory=connection_class(), **options)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # no decryption noise on stderr
        if key is not None:
            conn.execute(f'PRAGMA key = "{key}"')
            conn._raw = key
    except BaseException:
        conn.close()
        raise
    return conn


def wrong_passphrase(path: Path) -> JournalUnusable:
    """The error for a passphrase that does not open the file (or a damaged
    file): it says what to try, and that nothing was touched."""
    from recovery_journal.passphrase import JOURNAL_ENV

    return JournalUnusable(
        f"{path} is encrypted and this passphrase does not open it; it was left untouched — "
        f"type the passphrase again (or check {JOURNAL_ENV}); if it is right, the file is "
        "damaged: restore a backup"
    )


def opens(conn: sqlite3.Connection) -> bool:
    """True when the key decrypts the file (a first page read)."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        return False
    return True


def passphrase_for(path: Path) -> str:
    """The journal's passphrase: the one given earlier in this process, or asked."""
    if "journal" not in _passphrase:
        from recovery_journal.passphrase import JOURNAL_ENV, ask

        _passphrase["journal"] = ask(f"Passphrase for {path.name}", JOURNAL_ENV)
    return _passphrase["journal"]


def remember(passphrase: str) -> None:
    """Keep the passphrase that opened (or encrypted) the journal, for later connections."""
    _passphrase["journal"] = passphrase


def is_journal_passphrase(passphrase: str) -> bool:
    """True when `passphrase` is the one that opened the journal in this process."""
    return _passphrase.get("journal") == passphrase


def forget() -> None:
    """Drop the passphrase given in this process (a wrong one, or after `decrypt`)."""
    _passphrase.clear()


def key_for(path: Path, *, ask: bool = True) -> str | None:
    """The raw key that should open the encrypted file at `path` (None when no passphrase
    is known yet and `ask` is false)."""
    if not ask and "journal" not in _passphrase:
        from recovery_journal.passphrase import JOURNAL_ENV, from_env

        given = from_env(JOURNAL_ENV)
        if given is None:
            return None
        return raw_key(given, salt_of(path))
    return raw_key(passphrase_for(path), salt_of(path))


def open_file(path: Path, target: str | None = None, **options: Any) -> sqlite3.Connection:
    """Open the encrypted file at `path` (through `target`, a URI, when given); a wrong
    passphrase is refused with the file untouched.

    With a raw key already derived for this passphrase and salt, that key; else the
    passphrase itself, derived by SQLCipher (its OpenSSL is the quickest here), the raw
    key being derived again only if a second connection or a copy needs it."""
    passphrase, salt = passphrase_for(path), salt_of(path)
    known = _keys.get((passphrase, salt))
    if known is not None or passphrase.startswith(("x'", "X'")):
        conn = connect(target or str(path), known or raw_key(passphrase, salt), **options)
    else:
        conn = connect(target or str(path), None, **options)
        try:
            quoted = passphrase.replace("'", "''")
            conn.execute(f"PRAGMA key = '{quoted}'")
            conn._secret = (passphrase, salt)  # type: ignore[attr-defined]
        except BaseException:
            conn.close()
            raise
    if not opens(conn):
        conn.close()
        forget()
        raise wrong_passphrase(path)
    return conn
