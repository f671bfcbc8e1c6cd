"""Helpers shared by the tests (importable as `support`, unlike the conftest files)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

NOW = "2026-11-27T09:30:00+01:00"

# Variables that only a new interpreter reads: a call that sets one needs a real process.
INTERPRETER_ONLY = ("PYTHON",)

# One in-process run at a time: it swaps the process's environment and standard streams.
_IN_PROCESS = threading.Lock()


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


async def answer(pilot: Any, button_id: str) -> None:
    """Choose a button of the dialog on top, as a person would, and wait until the dialog
    has closed (a click can land inside the button's press effect and be ignored, so the
    button is pressed as Enter on it would)."""
    from textual.widgets import Button

    app = pilot.app
    await until(pilot, lambda: app.screen.query(f"#{button_id}"))
    dialog = app.screen
    dialog.query_one(f"#{button_id}", Button).press()
    await until(pilot, lambda: app.screen is not dialog)


async def until(pilot: Any, condition: Callable[[], object], seconds: float = 30) -> None:
    """Let the app run until `condition()` holds: a generous bound, not a timed assertion
    (the test's own assertions say what should have happened)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.02)


# What each app has said in a toast (App.notify), since its last clear_notifications.
_NOTIFIED: WeakKeyDictionary[Any, list[str]] = WeakKeyDictionary()


def record_notifications(monkeypatch: Any) -> None:
    """Keep every toast's message as Textual is asked to show it (after the app's own
    `notify` has made it safe to show), so tests read them without the app's privates."""
    from textual.app import App

    show, clear = App.notify, App.clear_notifications

    def notify(app: Any, message: str, *args: Any, **kwargs: Any) -> None:
        _NOTIFIED.setdefault(app, []).append(str(message))
        show(app, message, *args, **kwargs)

    def clear_notifications(app: Any) -> None:
        _NOTIFIED.pop(app, None)
        clear(app)

    monkeypatch.setattr(App, "notify", notify)
    monkeypatch.setattr(App, "clear_notifications", clear_notifications)


def notifications(app: Any) -> list[str]:
    """The messages of the toasts `app` has shown since its last `clear_notifications`
    (tests/tui/conftest.py records them for every TUI test)."""
    from textual.app import App

    assert App.notify.__name__ == "notify" and App.notify.__module__ == __name__, (
        "notifications are recorded only with record_notifications(monkeypatch)"
    )
    return list(_NOTIFIED.get(app, []))


class Cli:
    """Runs the command line as a user would, on one journal file.

    By default each call runs the real entry point (`recovery_journal.__main__.main`, what
    `python -m recovery_journal` runs) inside this process, isolated as a new process would
    be: its own environment, standard input from the bytes given (not a terminal), standard
    output and error captured as UTF-8, the exit status from `SystemExit`, and the umask,
    working folder, time zone and warning filters put back afterwards. That is about a
    hundred times quicker than starting Python for each call.

    `subprocess=True` (or the `real_process` mark on a test, see tests/conftest.py) spawns
    `python -m recovery_journal` instead: for what only a real process shows (the entry
    point itself, the import cost, `PYTHONPATH`, signals, piped standard input).
    """

    def __init__(self, db: Path, home: Path, *, subprocess: bool = False) -> None:
        self.db = db
        self.subprocess = subprocess
        self.env = {
            **os.environ,
            "RECOVERY_JOURNAL_DB": str(db),
            "RECOVERY_JOURNAL_NOW": NOW,
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "PYTHONIOENCODING": "utf-8",
        }
        self.env.pop("RECOVERY_JOURNAL_DEBUG", None)

    def __call__(self, *args: str, stdin: str | bytes | None = None, **env: str) -> Result:
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        if self.subprocess:
            return self._in_a_process(args, data, env)
        needs_process = [name for name in env if name.startswith(INTERPRETER_ONLY)]
        if needs_process:
            raise AssertionError(
                f"{', '.join(needs_process)} only takes effect in a new interpreter: "
                "use Cli(..., subprocess=True) or mark the test real_process"
            )
        return self._in_this_process(args, data, env)

    def _in_a_process(
        self, args: tuple[str, ...], data: bytes | None, env: dict[str, str]
    ) -> Result:
        done = subprocess.run(
            [sys.executable, "-m", "recovery_journal", *args],
            input=data,
            capture_output=True,
            env={**self.env, **env},
            timeout=60,
        )
        return Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))

    def _in_this_process(
        self, args: tuple[str, ...], data: bytes | None, env: dict[str, str]
    ) -> Result:
        from recovery_journal.__main__ import main

        out, err = _Captured(), _Captured()
        with _IN_PROCESS, _isolated({**self.env, **env}, data or b"", out, err):
            sys.argv = ["recovery-journal", *args]
            try:
                main()
                code = 0
            except SystemExit as stop:
                code = _exit_status(stop.code)
            except BaseException:  # what Python does with an uncaught exception
                traceback.print_exc()
                code = 1
        return Result(code, out.text(), err.text())


class _Captured(io.BytesIO):
    """Bytes written to a standard stream, kept when the program closes the stream."""

    def __init__(self) -> None:
        super().__init__()
        self.kept = b""

    def close(self) -> None:
        if not self.closed:
            self.kept = self.getvalue()
        super().close()

    def text(self) -> str:
        return (self.kept if self.closed else self.getvalue()).decode("utf-8")


def _exit_status(code: object) -> int:
    """The status a process exiting with `sys.exit(code)` has."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


@contextlib.contextmanager
def _isolated(
    environ: dict[str, str], data: bytes, out: _Captured, err: _Captured
) -> Iterator[None]:
    """The process-wide state a command may read or change, as a new process has it, and
    put back afterwards."""
    saved_environ = dict(os.environ)
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_originals = sys.__stdin__, sys.__stdout__, sys.__stderr__
    saved_argv = sys.argv
    saved_umask = os.umask(0o022)
    os.umask(saved_umask)
    saved_cwd = os.getcwd()
    saved_exit = os._exit
    os._exit = _exit_here  # type: ignore[assignment]
    os.environ.clear()
    os.environ.update(environ)
    time.tzset()
    _forget_process_caches()
    # Standard streams as Python makes them for a pipe with PYTHONIOENCODING=utf-8.
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="\n")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    sys.stderr = io.TextIOWrapper(
        err, encoding="utf-8", errors="backslashreplace", newline="\n", line_buffering=True
    )
    # The terminal size is read from these: no terminal, as for a pipe (80 columns).
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = sys.stdin, sys.stdout, sys.stderr
    try:
        with warnings.catch_warnings():
            _default_warnings()
            yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        sys.__stdin__, sys.__stdout__, sys.__stderr__ = saved_originals
        sys.argv = saved_argv
        os.umask(saved_umask)
        os.chdir(saved_cwd)
        os._exit = saved_exit
        os.environ.clear()
        os.environ.update(saved_environ)
        time.tzset()
        _forget_process_caches()


def _forget_process_caches() -> None:
    """What a library remembers for the life of a process, from the environment a new
    process would read afresh: pendulum's local time zone (from TZ), and the passphrase
    and keys of an encrypted journal that one command has opened."""
    local = sys.modules.get("pendulum.tz.local_timezone")
    if local is not None:
        local._local_timezone = None  # type: ignore[attr-defined]
    cipher = sys.modules.get("recovery_journal.store.cipher")
    if cipher is not None:
        cipher.forget()  # type: ignore[attr-defined]


def _exit_here(code: int) -> None:
    """`os._exit` during an in-process run ends the command, not the test process."""
    raise SystemExit(code)


def _default_warnings() -> None:
    """Python's default warning filters, shown on (the captured) standard error."""
    warnings.resetwarnings()
    for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        warnings.simplefilter("ignore", category)

    def show(message: Any, category: Any, filename: str, lineno: int, *_: Any) -> None:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno))

    warnings.showwarning = show
