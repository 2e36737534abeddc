"""One frame for a keystroke and its answer.

A key typed in the search box repaints the box at once; the search's rows come a few
milliseconds later, and Textual paints at most one frame per 1/60 s, so they waited for the next
frame (up to 17 ms), while the first frame's painting competed with the search thread for the
interpreter. `FrameHold` holds the screen's frames from the key until the rows are in (or
`HOLD` seconds at most), so the key and its results are painted together, once.
"""

from __future__ import annotations

from contextlib import ExitStack

from textual.app import App

HOLD = 0.04  # the longest a key's echo waits for its results (seconds)


class FrameHold:
    def __init__(self, app: App[object]) -> None:
        self.app = app
        self._held: ExitStack | None = None

    def hold(self) -> None:
        """No frame until `release` (or `HOLD` seconds from now, whichever comes first)."""
        if self._held is None:
            self._held = ExitStack()
            self._held.enter_context(self.app.batch_update())
            self.app.set_timer(HOLD, self.release, name="frame hold")

    def release(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            held.close()
            self.app.screen.check_idle()  # the screen paints what changed meanwhile

    @property
    def held(self) -> bool:
        return self._held is not None
