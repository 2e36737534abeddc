"""One frame for a keystroke and its answer.

A key typed in the search box repaints the box at once; the search's rows come a few
milliseconds later, and Textual paints at most one frame per 1/60 s, so the rows waited for the
frame after the key's (up to 17 ms), while the key's frame competed with the search thread for
the interpreter. `FrameHold` holds the screen's frames from the key until the rows are in (or
`HOLD` seconds at most), so the key and its results are painted together, once.

The box holds frames as its value changes (`HoldsFrames`), before Textual's idle handler can
schedule the key's own frame; the list that shows the answer releases them.
"""

from __future__ import annotations

from contextlib import ExitStack

from textual.app import App
from textual.widgets import Input

from .collector import IdleCollector
from .perapp import one_per_app

HOLD = 0.04  # the longest a key's echo waits for its results (seconds)


class FrameHold:
    """The app's frames held (`hold`) until `release`, or `HOLD` seconds at most."""

    def __init__(self, app: App[object]) -> None:
        self.app = app
        self._held: ExitStack | None = None

    @classmethod
    def of(cls, app: App[object]) -> FrameHold:
        """The app's one hold."""
        return one_per_app(app, cls)

    def hold(self) -> None:
        IdleCollector.of(self.app).keystroke()  # no full collection in the middle of this key
        if self._held is None:
            self._held = ExitStack()
            self._held.enter_context(self.app.batch_update())
            self.app.set_timer(HOLD, self.release, name="frame hold")

    def release(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            held.close()
            self.app.screen.check_idle()  # the screen paints what changed meanwhile


class HoldsFrames(Input):
    """An input whose typing is answered in a list: each change holds the frames until the answer
    is shown (the list calls `FrameHold.of(app).release()`), or `HOLD` seconds pass."""

    def watch_value(self, value: str) -> None:
        if value.strip() and self.is_mounted:
            FrameHold.of(self.app).hold()
