"""User text on a terminal: control characters shown, never obeyed (PRODUCT.md §12).

A note or a label can hold an escape sequence (ESC [ 2 J clears the screen; others retitle
the window or hide text). Every text the CLI prints for people goes through `visible`:
C0 controls become their Unicode control pictures (ESC → ␛, NUL → ␀), DEL becomes ␡, and
C1 controls (U+0080–U+009F) become `\\x9b`-style text, and the bidirectional overrides
`<U+202E>`. Line breaks and tabs stay where they help: in running text a newline is a
newline and a tab a tab; in one table cell a line break shows as ␤ and a tab as a space.
JSON output is never passed through this (it escapes control characters itself, and must
stay exact).
"""

from __future__ import annotations

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_PICTURES[0x7F] = "\u2421"  # ␡
_PICTURES.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})
# The bidirectional overrides and isolates make text read in another order than it is
# stored (a label could read backwards); shown as in the app.
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_PICTURES.update({code: f"<U+{code:04X}>" for code in _BIDI})

_RUNNING = {**_PICTURES, ord("\n"): "\n", ord("\t"): "\t"}
_CELL = {**_PICTURES, ord("\n"): "\u2424", ord("\t"): " "}  # ␤


def visible(text: str, one_line: bool = False) -> str:
    """`text` with its control characters shown (see the module's docstring)."""
    if text.isprintable():
        return text  # the common case: nothing to do
    if one_line:
        return text.replace("\r\n", "\n").translate(_CELL)
    return text.replace("\r\n", "\n").translate(_RUNNING)
