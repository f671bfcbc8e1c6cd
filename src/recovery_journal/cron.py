"""The one crontab line of `remind install`, read and written with the `crontab` command.

Only the line that carries `MARKER` is ever added, replaced or removed; every other line of
the user's crontab stays exactly as it was. Standard library only.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from recovery_journal.errors import InvalidInput, RecoveryJournalError

MARKER = "# recovery-journal remind"
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$", re.ASCII)
_TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class Installed:
    """The reminder line found in a crontab."""

    hour: int
    minute: int
    line: str

    @property
    def at(self) -> str:
        """The reminder's time of day as `HH:MM`."""
        return f"{self.hour:02d}:{self.minute:02d}"


def parse_time(text: str) -> tuple[int, int]:
    """`HH:MM` (24-hour) → (hour, minute), or `InvalidInput`."""
    found = _TIME.match(text.strip())
    if not found:
        raise InvalidInput(
            f"--at takes a time of day as HH:MM (24-hour), such as 20:30, not {text!r}"
        )
    return int(found.group(1)), int(found.group(2))


def _cron_word(text: str) -> str:
    """A shell word for a crontab command: quoted, and `%` escaped (cron turns a bare `%`
    into a newline)."""
    return shlex.quote(text).replace("%", "\\%")


def reminder_line(hour: int, minute: int, journal: Path, python: str | None = None) -> str:
    """The crontab line: every day at HH:MM, `remind --notify` on this journal."""
    words = [python or sys.executable, "-m", "recovery_journal", "--db", str(journal)]
    for word in words:
        if "\n" in word or "\r" in word:
            raise InvalidInput("a path with a line break cannot go into a crontab; move the file")
    command = " ".join(_cron_word(word) for word in words) + " remind --notify"
    return f"{minute} {hour} * * * {command} >/dev/null 2>&1 {MARKER}"


# Our line, and only ours: "M H * * * <python> -m recovery_journal … remind --notify
# >/dev/null 2>&1 # recovery-journal remind". A line of the user's own that merely carries
# the marker's words (a comment, a line commented out, another command) is theirs.
_OURS = re.compile(
    r"^(\d{1,2}) (\d{1,2}) \* \* \* \S.* -m recovery_journal .* remind --notify"
    r" >/dev/null 2>&1 " + re.escape(MARKER) + r"[ \t]*\r?\n?$",
    re.ASCII,
)


def _lines(table: str) -> list[str]:
    """The crontab's lines, each with its own ending (split at newlines only)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", table)


def _ours(line: str) -> re.Match[str] | None:
    return _OURS.match(line)


def find(table: str) -> Installed | None:
    """The reminder line in a crontab, if there is one."""
    for line in _lines(table):
        found = _ours(line)
        if found:
            return Installed(int(found.group(2)), int(found.group(1)), line.rstrip("\r\n"))
    return None


def without_reminder(table: str) -> list[str]:
    """Every line of a crontab except the reminder's, exactly as they were (line endings
    included)."""
    return [line for line in _lines(table) if not _ours(line)]


def with_reminder(table: str, line: str) -> str:
    """The crontab with exactly one reminder line (a new time replaces the old one)."""
    return _joined([*without_reminder(table), line])


def _joined(lines: list[str]) -> str:
    """The lines as one table: each keeps its own ending; a last one without gets one."""
    return "".join(line if line.endswith(("\n", "\r")) else f"{line}\n" for line in lines)


def read() -> str:
    """The user's crontab (`crontab -l`); "no crontab for user" is an empty one."""
    done = _run(["crontab", "-l"], None)
    if done.returncode != 0:
        if "no crontab" in done.stderr.lower():
            return ""
        raise RecoveryJournalError(f"'crontab -l' failed: {_first_line(done.stderr)}")
    return done.stdout


def write(table: str) -> None:
    """Replace the user's crontab (`crontab -`)."""
    done = _run(["crontab", "-"], table)
    if done.returncode != 0:
        raise RecoveryJournalError(
            f"'crontab -' failed: {_first_line(done.stderr)}; your crontab was not changed"
        )


def remove(table: str) -> str:
    """The crontab without the reminder line."""
    return _joined(without_reminder(table))


def _run(command: list[str], stdin: str | None) -> subprocess.CompletedProcess[str]:
    """Run `crontab`; its table is passed as bytes, so that no line ending is translated
    (a CRLF line stays CRLF) and no byte that is not UTF-8 is lost."""
    try:
        done = subprocess.run(
            command,
            input=None if stdin is None else stdin.encode("utf-8", "surrogateescape"),
            capture_output=True,
            timeout=_TIMEOUT_SECONDS,
        )
    except FileNotFoundError:
        raise RecoveryJournalError(
            "the 'crontab' command is not available here, so no daily reminder can be set; "
            "install cron, or put 'recovery-journal remind' in your shell's start-up file"
        ) from None
    except subprocess.TimeoutExpired:
        raise RecoveryJournalError(
            f"'{' '.join(command)}' did not answer; nothing was changed"
        ) from None
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "surrogateescape"),
        done.stderr.decode("utf-8", "replace"),
    )


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else "no reason given"
