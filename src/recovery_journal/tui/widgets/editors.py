"""Text fields that never send a control character to the terminal.

A note or a provider's name may hold an escape sequence (pasted, or from an imported file).
Input and TextArea draw the text as it is stored, so `ESC [2J` would clear the screen. These
fields keep the text byte for byte and leave the control characters out of what is drawn;
they take no room on screen, so the cursor stays where it belongs.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Input, TextArea

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_CONTROL_RE = re.compile(f"[{_CONTROLS}]")


def without_controls(strip: Strip) -> Strip:
    """The strip without control characters (all zero-width, so its length is the same)."""
    if not _CONTROL_RE.search(strip.text):
        return strip
    segments = [
        segment if segment.control else Segment(_CONTROL_RE.sub("", segment.text), segment.style)
        for segment in strip
    ]
    return Strip(segments, strip.cell_length)


class PlainInput(Input):
    """An Input that draws no control characters."""

    def render_line(self, y: int) -> Strip:
        """The line as Input draws it, without control characters."""
        return without_controls(super().render_line(y))


class PlainTextArea(TextArea):
    """A TextArea that draws no control characters."""

    def render_line(self, y: int) -> Strip:
        """The line as TextArea draws it, without control characters."""
        return without_controls(super().render_line(y))
