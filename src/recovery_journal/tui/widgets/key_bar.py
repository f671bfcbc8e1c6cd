"""The key line at the bottom of every screen: one widget, one line of text.

Textual's Footer makes a widget per key; with a dozen screen keys that cost ~50 ms before
the first frame (PRODUCT.md §11). This draws the same information — each key and what it
does, keys that do nothing here dimmed — as one line, and redraws when the bindings change.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class KeyBar(Static):
    """`^s Save F3 Sessions F4 History … F1 Help ^p Screens`: bold keys, single spaces,
    so that every screen key fits in 100 columns."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 100%;
        background: $footer-background;
        color: $footer-foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, _screen: object) -> None:
        self.update(self.render_keys())

    def render_keys(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key_style = "bold" if enabled else "dim"
            key = self.app.get_key_display(binding)
            if key[:1] == "f" and key[1:].isdigit():
                key = key.upper()  # F2, as printed on the keyboard
            text.append(f" {key}", style=key_style)
            text.append(f" {binding.description}", style="" if enabled else "dim")
        text.append(" ^p", style="bold")
        text.append(" Screens")
        return text
