"""Sealed exports (`.rjx`): an export file encrypted with a passphrase, to travel by email.

AES-256-GCM (authenticated encryption, `cryptography`) with a key from scrypt (memory-hard).
The header is stored in the clear and authenticated as associated data, so a changed byte
anywhere (header, ciphertext or tag) is refused exactly as a wrong passphrase is: with AEAD
the two cannot be told apart. docs/export-format.md describes the bytes.

    0  4   magic      b"RJX1"
    4  1   version    1
    5  1   content    1 = json, 2 = html
    6  1   log2(n)    scrypt cost, 17 when written here
    7  1   r          scrypt block size, 8
    8  1   p          scrypt parallelism, 1
    9  16  salt       random, for scrypt
    25 12  nonce      random, for AES-GCM
    37 …   ciphertext, then its 16-byte tag

No terminal code and no network code: bytes in, bytes out.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass

from recovery_journal.errors import InvalidInput

MAGIC = b"RJX1"
VERSION = 1
SUFFIX = ".rjx"
CONTENT_TYPES = {"json": 1, "html": 2}
_NAMES = {code: name for name, code in CONTENT_TYPES.items()}
# n = 2**17, r = 8: 128 MiB and about a third of a second here; stored, so it can grow.
LOG2_N, R, P = 17, 8, 1
_HEADER = struct.Struct(">4sBBBBB16s12s")
HEADER_SIZE = _HEADER.size  # 37
TAG_SIZE = 16
# What a file may ask of scrypt: never more than 256 MiB of memory or a few seconds.
_MAX_MEMORY = 256 * 1024 * 1024
_MAX_P = 4

WRONG = (
    "cannot open {name}: the passphrase is wrong, or the file was changed or damaged on the "
    "way (a sealed file cannot tell these apart); nothing was written"
)


@dataclass(frozen=True)
class Header:
    """The clear part of a sealed file."""

    version: int
    content: str  # "json" or "html"
    log2_n: int
    r: int
    p: int
    salt: bytes
    nonce: bytes
    raw: bytes  # the header's own bytes (the associated data)


def is_sealed(data: bytes) -> bool:
    """True when `data` starts like a sealed file (its magic bytes)."""
    return data[: len(MAGIC)] == MAGIC


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal(data: bytes, passphrase: str, content: str) -> bytes:
    """`data` (an export's bytes) sealed with `passphrase`; `content` is json or html."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if content not in CONTENT_TYPES:
        raise InvalidInput("--seal works with --format json or --format html only")
    salt, nonce = os.urandom(16), os.urandom(12)
    header = _HEADER.pack(MAGIC, VERSION, CONTENT_TYPES[content], LOG2_N, R, P, salt, nonce)
    key = _key(passphrase, salt, LOG2_N, R, P)
    return header + AESGCM(key).encrypt(nonce, data, header)


def read_header(data: bytes, name: str = "the file") -> Header:
    """The header of a sealed file; InvalidInput when it is not one this version reads."""
    if not is_sealed(data):
        raise InvalidInput(f"{name} is not a sealed export file (.rjx)")
    if len(data) < HEADER_SIZE + TAG_SIZE:
        raise InvalidInput(
            f"{name} is cut short: it is not a whole sealed file; nothing was written"
        )
    _, version, content, log2_n, r, p, salt, nonce = _HEADER.unpack_from(data)
    if version > VERSION:
        raise InvalidInput(
            f"{name} is a sealed file of a newer version ({version}); update recovery-journal "
            "to open it"
        )
    if (
        version != VERSION
        or content not in _NAMES
        or not 10 <= log2_n <= 24
        or not 1 <= r <= 64
        or not 1 <= p <= _MAX_P
        or 128 * r * 2**log2_n > _MAX_MEMORY
    ):
        raise InvalidInput(WRONG.format(name=name))
    return Header(version, _NAMES[content], log2_n, r, p, salt, nonce, data[:HEADER_SIZE])


def unseal(data: bytes, passphrase: str, name: str = "the file") -> tuple[str, bytes]:
    """(content type, the export's bytes) of a sealed file, decrypted in memory only."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header = read_header(data, name)
    key = _key(passphrase, header.salt, header.log2_n, header.r, header.p)
    try:
        plain = AESGCM(key).decrypt(header.nonce, data[HEADER_SIZE:], header.raw)
    except InvalidTag:
        raise InvalidInput(WRONG.format(name=name)) from None
    return header.content, plain


def ask_to_seal() -> str:
    """A new passphrase for a sealed file (twice at a terminal, or from SEAL_ENV)."""
    from recovery_journal import passphrase

    return passphrase.ask("Passphrase for the sealed file", passphrase.SEAL_ENV, confirm=True)


def ask_to_open(name: str) -> str:
    """The passphrase of a sealed file being opened (from SEAL_ENV, or typed once)."""
    from recovery_journal import passphrase

    return passphrase.ask(f"Passphrase for {name}", passphrase.SEAL_ENV)


TRIES_AT_A_TERMINAL = 3


def unseal_asking(data: bytes, name: str) -> tuple[str, bytes]:
    """`unseal` with the passphrase from SEAL_ENV (one try), or typed at a terminal: a
    mistyped one may be typed again, three tries in all (the header is checked first, so a
    file that is not sealed is refused before anything is asked)."""
    import sys

    from recovery_journal import passphrase

    read_header(data, name)
    tries = 1 if passphrase.from_env(passphrase.SEAL_ENV) is not None else TRIES_AT_A_TERMINAL
    for left in range(tries - 1, -1, -1):
        try:
            return unseal(data, ask_to_open(name), name)
        except InvalidInput:
            if not left:
                raise
            print(
                f"That passphrase does not open {name}; try again ({left} left).",
                file=sys.stderr,
            )
    raise AssertionError("unreachable")  # the loop returns or raises


def open_export(data: bytes, name: str) -> bytes:
    """The JSON bytes of an export file's contents: as they are, or unsealed when sealed
    (asking for the passphrase). A sealed HTML report is refused with what to do instead."""
    if not is_sealed(data):
        return data
    header = read_header(data, name)
    if header.content != "json":
        raise InvalidInput(
            f"{name} holds a sealed HTML report, not an export file for the app; write it out "
            f"with 'recovery-journal open-sealed {name} -o report.html' and open that in a "
            "browser"
        )
    _, plain = unseal_asking(data, name)
    return plain
