"""Passphrases for an encrypted journal and for sealed exports (issue 18).

A script or a test gives one in the environment; a person types it at the terminal, never
echoed. The two kinds are kept apart on purpose: the passphrase a patient shares with a
therapist for a sealed export should not be the one that opens the journal.
"""

from __future__ import annotations

import os
import sys

from recovery_journal.errors import InvalidInput, JournalUnusable

JOURNAL_ENV = "RECOVERY_JOURNAL_PASSPHRASE"
SEAL_ENV = "RECOVERY_JOURNAL_SEAL_PASSPHRASE"
MIN_LENGTH = 8


def from_env(env: str) -> str | None:
    """The passphrase set in `env`, or None when it is unset or empty."""
    value = os.environ.get(env)
    return as_text(value, env) if value else None


def as_text(value: str, where: str = "the passphrase") -> str:
    """`value` when it is text; bytes that are not UTF-8 (a terminal or an environment in
    another encoding) are refused, as the key is made from the UTF-8 of the passphrase."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(
            f"{where} holds bytes that are not UTF-8 text; nothing was changed — give it "
            "from a UTF-8 terminal or environment"
        ) from None
    return value


def ask(prompt: str, env: str, *, confirm: bool = False) -> str:
    """The passphrase from `env`, else typed at the terminal (twice when `confirm`).

    With `confirm` (a new passphrase) it must be at least MIN_LENGTH characters. Without a
    terminal and without `env`, the message says how to give one; nothing is changed."""
    given = from_env(env)
    if given is not None:
        if confirm:
            check_new(given)
        return given
    if not (sys.stdin is not None and sys.stdin.isatty()):
        # An encrypted journal that cannot be opened is an unusable journal (exit 1); a
        # sealed file without its passphrase is input that cannot be used (exit 2).
        error = JournalUnusable if env == JOURNAL_ENV else InvalidInput
        raise error(f"a passphrase is needed and there is no terminal to ask for it; set {env}")
    import getpass

    try:
        first = as_text(getpass.getpass(f"{prompt}: "))
        if not confirm:
            if not first:
                raise InvalidInput("no passphrase was typed; nothing was changed")
            return first
        check_new(first)
        second = as_text(getpass.getpass("The same passphrase again: "))
    except (EOFError, KeyboardInterrupt):
        raise InvalidInput("no passphrase was typed; nothing was changed") from None
    check_same(first, second)
    return first


def check_new(value: str) -> None:
    """Refuse a new passphrase that is too short to protect anything."""
    if len(value) < MIN_LENGTH:
        raise InvalidInput(
            f"a passphrase needs at least {MIN_LENGTH} characters; nothing was changed"
        )


def check_same(first: str, second: str) -> None:
    """Refuse a new passphrase typed differently the second time."""
    if first != second:
        raise InvalidInput("the two passphrases differ; nothing was changed, try again")
