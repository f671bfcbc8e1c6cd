"""The command line: argument parsing, one-line errors and exit codes (PRODUCT.md §3).

Only the standard library is imported here; each command's module imports what it needs,
so `log` stays quick. textual is imported only to open the TUI.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys

from recovery_journal import __version__
from recovery_journal.context import (
    Context,
    _stdin,
    one_stdin,
    open_app,
    read_clock,
    read_text_argument,
)
from recovery_journal.errors import InvalidInput, JournalUnusable, RecoveryJournalError
from recovery_journal.paths import owner_only

TYPE_CHECKING = False  # `typing` costs the quick path ~2 ms; mypy reads this name as usual
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from typing import Any, NoReturn

PROG = "recovery-journal"


def parser_class() -> type[argparse.ArgumentParser]:
    """argparse, but usage errors are one `error:` line and exit 2 (argparse is imported
    here, not at the top: opening the app needs no parser)."""
    import argparse

    class Formatter(argparse.HelpFormatter):
        """argparse's own, given the width as `shutil.get_terminal_size` would find it:
        argparse makes a formatter for every option it adds, and importing shutil (with
        bz2, lzma and zlib) would cost the quick `log` path ~2 ms."""

        def __init__(
            self,
            prog: str,
            indent_increment: int = 2,
            max_help_position: int = 24,
            width: int | None = None,
        ) -> None:
            if width is None:
                width = terminal_columns() - 2
            super().__init__(prog, indent_increment, max_help_position, width)

    class Parser(argparse.ArgumentParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", Formatter)
            super().__init__(*args, **kwargs)

        def error(self, message: str) -> NoReturn:
            self.exit(2, f"error: {message} (see '{self.prog} --help')\n")

    return Parser


def terminal_columns() -> int:
    """The terminal's width as `shutil.get_terminal_size().columns` finds it: `COLUMNS`,
    else the width of standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


if TYPE_CHECKING:
    Handler = Callable[[argparse.Namespace, Context], int]


# Each command's module, in the order of `--help`. Only the module of the command being run
# is imported (PRODUCT.md §11: `log` must not pay for the questionnaires or the reports).
COMMAND_MODULES = {
    "log": "log",
    "show": "days",
    "session": "sessions",
    "appointment": "appointments",
    "plan": "plans",
    "habits": "habits",
    "demo": "maintenance",
    "backup": "maintenance",
    "restore": "maintenance",
    "check": "maintenance",
    "encrypt": "encryption",
    "decrypt": "encryption",
    "assess": "assess",
    "chart": "analysis",
    "insights": "analysis",
    "export": "transfer",
    "import": "transfer",
    "review": "transfer",
    "remind": "remind",
    "open-sealed": "sealing",
    "crisis": "crisis",
    "help": "crisis",
    "settings": "crisis",
}


def command_in(argv: Sequence[str]) -> str | None:
    """The command word of an argument list (skipping `--db PATH`), if there is one."""
    words = list(argv)
    position = 0
    while position < len(words):
        word = words[position]
        if word == "--db":
            position += 2
        elif word.startswith("--db="):
            position += 1
        elif word.startswith("-"):
            return None  # --help, --version or a mistake: build the whole tree
        else:
            return word
    return None


def _db_option(argv: Sequence[str]) -> str | None:
    """`--db=PATH` (the `--db PATH` form is read by the caller)."""
    if argv and argv[0].startswith("--db="):
        return argv[0].removeprefix("--db=") or None
    return None


def _opens_app(argv: Sequence[str]) -> bool:
    """No command at all (at most `--db PATH`)."""
    words = list(argv)
    if words[:1] == ["--db"]:
        if len(words) < 2 or words[1].startswith("-"):
            return False  # `--db` without a path: argparse says so
        words = words[2:]
    elif words and words[0].startswith("--db="):
        words = words[1:]
    return not words


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command tree of PRODUCT.md §3: the one command asked for, or all of them."""
    from importlib import import_module

    Parser = parser_class()
    parser = Parser(
        prog=PROG,
        description="A private recovery journal for ketamine and esketamine treatment. "
        "With no command it opens the app.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the journal file (default: "
        "$RECOVERY_JOURNAL_DB, else journal.db in your data folder)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    wanted = command_in(argv) if argv is not None else None
    if wanted in COMMAND_MODULES:
        modules = [COMMAND_MODULES[wanted]]
    elif argv is not None and _opens_app(argv):
        modules = []  # no command: the app opens, and it should open fast
    else:
        modules = list(dict.fromkeys(COMMAND_MODULES.values()))
    for name in modules:
        import_module(f"recovery_journal.commands.{name}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status."""
    owner_only()
    _closed_streams_to_devnull()
    argv = sys.argv[1:] if argv is None else list(argv)
    if _opens_app(argv):  # the app: no parser to build, the first frame comes sooner
        context = Context(argv[1] if argv[:1] == ["--db"] else _db_option(argv))
        handler: Handler | None = None
        args = None
    else:
        args = build_parser(argv).parse_args(argv)
        context = Context(args.db)
        handler = getattr(args, "handler", None)
    failed = True
    _stdin.clear()
    try:
        code = open_app(context) if handler is None or args is None else handler(args, context)
        sys.stdout.flush()  # a full disk under redirected output shows here, not at exit
        failed = code != 0
        return code
    except RecoveryJournalError as error:
        return fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        return fail("stopped; nothing was changed by the unfinished command", 130)
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except OSError as error:
        if error.errno not in _DISK_FULL:
            return unexpected(context, error)
        _discard_stdout()
        return fail(
            "the disk is full (or a file size limit was reached) while writing "
            f"{error.filename or 'the output'}; nothing was changed. Free some space and "
            "try again",
            1,
        )
    except Exception as error:  # the last guard: never a traceback on screen
        import sqlite3

        if isinstance(error, sqlite3.Error):
            from recovery_journal.store.connection import translate_operational_error

            return fail(str(translate_operational_error(context.path, error)), 1)
        return unexpected(context, error)
    finally:
        context.close(failed)


_DISK_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


def _closed_streams_to_devnull() -> None:
    """A run started with stdout or stderr closed (`>&-`) writes that stream to the null
    device, as a redirect to /dev/null would: the command still does its work, and its
    output (or an error meant for stderr) never lands on the other stream."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the run)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _discard_stdout() -> None:
    """Drop what is still buffered for a full disk, so exiting does not try again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def unexpected(context: Context, error: Exception) -> int:
    """The last guard: never a traceback on screen (unless RECOVERY_JOURNAL_DEBUG is set)."""
    if os.environ.get("RECOVERY_JOURNAL_DEBUG"):
        raise error
    return crashed(context, error)


def crashed(context: Context, error: BaseException) -> int:
    """An error nobody expected: its message may hold the person's words, so it goes to a
    private crash file beside the journal, and the screen gets one calm line."""
    from recovery_journal import crash

    try:
        folder = crash.crash_folder(context.path)
    except Exception:
        folder = crash.crash_folder(None)
    try:
        private = crash.journal_is_encrypted(context.path)
    except Exception:
        private = True  # not knowing which journal, say less
    path = crash.write_crash_file(folder, error, private=private)
    return fail(crash.crash_message(path, "the command stopped"), 1)


def fail(message: str, code: int) -> int:
    """Print the one `error:` line (a label or a file name in it cannot drive the
    terminal: control characters are shown, not obeyed)."""
    from recovery_journal.terminal import visible

    print(f"error: {visible(message, one_line=True)}", file=sys.stderr)
    return code


# Kept here for callers of the first wave; commands import them from `context`.
__all__ = [
    "Context",
    "InvalidInput",
    "JournalUnusable",
    "main",
    "one_stdin",
    "open_app",
    "read_clock",
    "read_text_argument",
]
