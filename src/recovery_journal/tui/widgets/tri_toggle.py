"""A yes / no / not-logged control: an unlogged habit shows empty, never "no"."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static


class TriToggle(Static, can_focus=True):
    """Space cycles not logged → yes → no; y, n and Delete set it directly."""

    BINDINGS = [
        Binding("space,enter", "cycle", "Toggle", show=False),
        Binding("y", "set('yes')", "Yes", show=False),
        Binding("n", "set('no')", "No", show=False),
        Binding("delete,backspace", "set('unset')", "Clear", show=False),
    ]

    value: reactive[bool | None] = reactive(None)

    class Changed(Message):
        """The value was changed by the user."""

        def __init__(self, toggle: TriToggle, value: bool | None) -> None:
            super().__init__()
            self.toggle = toggle
            self.value = value

    def __init__(
        self,
        value: bool | None = None,
        *,
        yes: str = "yes",
        no: str = "no",
        id: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__("", id=id, disabled=disabled)
        self.yes_word = yes
        self.no_word = no
        self.set_reactive(TriToggle.value, value)

    def on_mount(self) -> None:
        """Show the value given."""
        self.update(self.render_value())

    def render_value(self) -> Text:
        """`[ ] not logged`, `[x]` and the yes word, or `[-]` and the no word."""
        if self.value is None:
            return Text("[ ] not logged", style="dim")
        return Text(f"[x] {self.yes_word}" if self.value else f"[-] {self.no_word}")

    def watch_value(self) -> None:
        """Show the value whenever it changes."""
        self.update(self.render_value())

    def action_cycle(self) -> None:
        """Space or Enter: not logged → yes → no → not logged."""
        self._set({None: True, True: False, False: None}[self.value])

    def action_set(self, word: str) -> None:
        """y, n, or Delete: set yes, no, or not logged."""
        self._set({"yes": True, "no": False}.get(word))

    def on_click(self) -> None:
        """A click cycles, as Space does."""
        self.action_cycle()

    def _set(self, value: bool | None) -> None:
        if self.disabled:
            return
        self.value = value
        self.post_message(self.Changed(self, value))
