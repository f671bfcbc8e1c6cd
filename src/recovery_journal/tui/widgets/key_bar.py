"""The key line at the bottom of every screen: one widget, one line of text.

Textual's Footer makes a widget per key; with a dozen screen keys that cost ~50 ms before
the first frame (PRODUCT.md §11). This draws the same information — each key and what it
does, keys that do nothing here dimmed — as one line, and redraws when the bindings change.

The line always starts with `^p Palette F1 Help`, whatever the width; then the screen's own
keys, then the other screens' keys, always in that order. When that does not fit, the
screens' names are shortened, then the last screens show their key alone (`F7 F8 F9`, which
F1 and the palette spell out), then the long names of the screen's own keys are shortened;
only then is the end cut.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.widgets import Static

# Shorter names for long key descriptions, used when the line is too narrow.
SHORT = {"Go to date": "Date", "Archive/restore": "Archive", "Window +1 day": "+1 day"}
SHORT_SCREEN_NAMES = {
    "Sessions": "Sess.",
    "History": "Hist.",
    "Insights": "Insig.",
    "Check-ins": "Checks",
}


@dataclass(frozen=True)
class Key:
    """One key of the line: what it does, whether it does anything here, and whether it
    leads to another screen."""

    key: str
    description: str
    enabled: bool
    screen_key: bool  # one of F2–F9, a way to another screen


class KeyBar(Static):
    """`^p Palette F1 Help ^s Save ^n Note … F3 Sessions …`: bold keys, single spaces."""

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
        """Draw the line, and again whenever the screen's bindings change."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        """Stop following the screen's bindings."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, _event: events.Resize) -> None:
        """Draw the line again for the new width."""
        self.bindings_changed(self.screen)

    _shown: tuple[list[Key], int] | None = None  # what the line was drawn from

    def bindings_changed(self, _screen: object) -> None:
        """Redraw when the keys or the width changed (at start-up the bindings signal and
        the first resize come with the same keys: one redraw, not three)."""
        keys = self.keys()
        drawn_from = (keys, self.size.width)
        if drawn_from == self._shown:
            return
        self._shown = drawn_from
        self.update(self.render_keys(keys))

    def keys(self) -> list[Key]:
        """The keys shown after the fixed two, in the bindings' order; F1 is not repeated."""
        found: list[Key] = []
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            if key[:1] == "f" and key[1:].isdigit():
                key = key.upper()  # F2, as printed on the keyboard
            if key == "F1":
                continue
            screen_key = binding.action.startswith("go(")
            found.append(Key(key, binding.description, enabled, screen_key))
        own = [k for k in found if not k.screen_key]
        screens = [k for k in found if k.screen_key]
        # The screens always in their keys' order (F2 … F9), whatever order bindings arrive in.
        screens.sort(key=lambda k: int(k.key[1:]) if k.key[1:].isdigit() else 99)
        return own + screens

    def render_keys(self, keys: list[Key] | None = None) -> Text:
        """The longest line that fits: every name in full; then the screens' names
        shortened; then the last screens' keys without their names (F1 and the palette
        name them), one more at a time; then the screen's own long names shortened."""
        keys = self.keys() if keys is None else keys
        width = self.size.width or 80
        screens = sum(1 for k in keys if k.screen_key)
        text = self.line(keys, named=screens, short_names=False, short_own=False)
        if text.cell_len <= width:
            return text
        for short_own in (False, True):
            for named in range(screens, -1, -1):
                text = self.line(keys, named=named, short_names=True, short_own=short_own)
                if text.cell_len <= width:
                    return text
        return text

    def line(self, keys: list[Key], *, named: int, short_names: bool, short_own: bool) -> Text:
        """The fixed two, the screen's keys, then the screens' keys (the first `named` of
        them with their names)."""
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(" ^p", style="bold")
        text.append(" Palette")
        text.append(" F1", style="bold")
        text.append(" Help")
        screen_number = 0
        for item in keys:
            key_style = "bold" if item.enabled else "dim"
            text.append(f" {item.key}", style=key_style)
            if item.screen_key:
                screen_number += 1
                if screen_number > named:
                    continue
                description = item.description
                if short_names:
                    description = SHORT_SCREEN_NAMES.get(description, description)
            else:
                description = (
                    SHORT.get(item.description, item.description)
                    if short_own
                    else (item.description)
                )
            text.append(f" {description}", style="" if item.enabled else "dim")
        return text
