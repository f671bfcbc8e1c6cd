"""Text from people and files, shown exactly as written: never markup, never a terminal code.

Textual reads `[b]…[/b]` and `:emoji:` in the strings given to Static, Label, notifications
and DataTable cells. A note that says `Loved work [/sarcasm]` must show just that (and not
close the app), so every string the app did not write itself goes through `literal` (a Rich
Text, which no widget parses) or into a widget made with `markup=False`; tables are
`literal_table.LiteralTable`. Control characters (an escape sequence pasted into a note, a
bell in a file name) are drawn as visible symbols instead of being sent to the terminal.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls but newline and tab, DEL, the C1 controls, and the bidirectional overrides
# that make text read in another order than it is stored.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL, ␍ for CR …
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """`text` with its control characters replaced by visible symbols (␛, ␇, <U+009B>)."""
    return _CONTROL_RE.sub(_picture, text)


def literal(text: str, style: str = "") -> Text:
    """Text to show exactly as written, whatever brackets, colons or codes it holds."""
    return Text(visible(text), style=style, end="")
