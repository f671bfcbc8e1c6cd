"""What runs before the first frame (issue 19, PRODUCT.md §11): no stylesheet parsed twice.

Not a timing: the count of full stylesheet parses Textual would do anew before Today's
first frame (its mode's first screen), which the app skips when nothing has changed.
"""

from __future__ import annotations

import pytest
from textual.css.stylesheet import Stylesheet

from recovery_journal.clock import FixedClock
from recovery_journal.store import Journal
from recovery_journal.tui.factory import create_app


async def test_no_stylesheet_is_parsed_anew_before_the_first_frame(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparsed: list[bool] = []
    app = create_app(journal, clock)
    reparse = Stylesheet.reparse

    def counted(stylesheet: Stylesheet) -> None:
        reparsed.append(app.first_frame_shown)
        reparse(stylesheet)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.first_frame_shown
        assert False not in reparsed  # none before the first frame
        app.theme = "textual-light"  # a theme chosen later: parsed anew, as it must be
        await pilot.pause()
        assert True in reparsed
