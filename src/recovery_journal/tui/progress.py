"""The CLI's progress while a file is imported, on standard error: a bar while a file of
over 1,000 rows is read, a spinner while its days are saved. Only on a terminal; piped or
redirected, nothing is drawn. The importers know nothing of rich: `import` hands this in
as the import's `progress` (`service.transfer.ImportOptions`), which they call.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MIN_ROWS = 1_000  # a smaller file is read before a bar would be seen


def _on_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def shown(what: str) -> str:
    """A description that names a file: its control characters shown, and its brackets
    never taken as rich's markup ("Reading [b]x.csv" drew "x.csv" in bold)."""
    from rich.markup import escape

    from recovery_journal.terminal import visible

    return escape(visible(what, one_line=True))


class TerminalProgress:
    """An `importers.common.ProgressDisplay` drawn with rich on standard error."""

    def __init__(self, min_rows: int = MIN_ROWS) -> None:
        self.min_rows = min_rows

    def wanted(self, total: int) -> bool:
        """Whether to draw anything for a file of `total` rows."""
        return total > self.min_rows and _on_terminal()

    @contextmanager
    def reading(self, what: str, total: int) -> Iterator[Callable[[int], None]]:
        """A bar of `total` rows, transient (gone once the file is read)."""
        if not self.wanted(total):
            yield lambda done: None
            return
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(shown(what), total=total)
            yield lambda done: bar.update(task, completed=done)

    @contextmanager
    def saving(self, what: str, total: int) -> Iterator[None]:
        """A spinner with `what` while the days are merged and written."""
        if not self.wanted(total):
            yield
            return
        from rich.console import Console

        with Console(stderr=True).status(shown(what)):
            yield
