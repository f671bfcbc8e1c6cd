"""The two kinds of failure the app reports to people.

`InvalidInput` is bad usage or a value that breaks a rule (exit 2); `JournalUnusable` is a
journal file that cannot be used as it is (exit 1). Both carry a one-line message that says
what was wrong and how to fix it; the interfaces show it as it is.
"""


class RecoveryJournalError(Exception):
    """Base of the errors whose message is meant for the user."""

    exit_code = 1


class InvalidInput(RecoveryJournalError, ValueError):
    """A value or an option the user gave is not valid. Nothing was changed."""

    exit_code = 2


class JournalUnusable(RecoveryJournalError):
    """The journal file cannot be used (damaged, newer, locked, full). Nothing was changed."""

    exit_code = 1
