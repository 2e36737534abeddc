"""The search box: what is typed goes to the results pane (through the navigator); Up and Down
walk the search history, and Down past the newest posts `SearchBox.ToList`."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message

from ...userdata.history import History
from ..latency import HoldsFrames, Latency

PLACEHOLDER = "/ 搜索 search: name, 人名, pinyin…"


class SearchBox(HoldsFrames):
    """The search box; Up and Down walk the search history (the oldest first, the newest last)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Open", show=True),
        Binding("up", "history(-1)", "Earlier search", show=False),
        Binding("down", "history(1)", "Later search / to the list", show=False),
    ]

    class ToList(Message):
        """Down with no later search: focus goes to the list shown."""

    def __init__(self, history: History, latency: Latency, **kwargs: object) -> None:
        super().__init__(latency, **kwargs)
        self.history = history
        self._at: int | None = None  # where in the history Up/Down are (None: what was typed)
        self._typed = ""

    def action_history(self, step: int) -> None:
        entries = self.history.entries()
        if self._at is None:
            if step > 0:
                self.post_message(self.ToList())  # Down, not in the history: to the list
                return
            if not entries:
                return
            self._typed, self._at = self.value, len(entries)
        at = self._at + step
        if at >= len(entries):
            self._at, value = None, self._typed
        else:
            self._at = max(0, at)
            value = entries[self._at]
        self.value = value
        self.cursor_position = len(value)

    def remember(self) -> str | None:
        """The query in the box is worth keeping (Enter, or an article opened from it)."""
        self._at = None
        return self.history.add(self.value)
