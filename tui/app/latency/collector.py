"""Full garbage collections while the reader pauses, never in the middle of a keystroke.

Once the index is loaded it is frozen out of the collector's reach (`gc.freeze`), but typing
still makes objects (rows, hits, remembered answers), and every ~70k of them CPython walks all
that are not frozen: a full collection took 8-56 ms, on whichever keystroke set it off (the
keystroke's p95 on a real archive). While the app runs, full collections are left to
`IdleCollector`: one runs `PAUSE` seconds after the last keystroke, none while keys come, and
one every `EVERY` seconds otherwise (what reading and scrolling leave is collected too).
Younger generations are collected as usual (a millisecond or two).
"""

from __future__ import annotations

import gc
import time

from textual.app import App
from textual.timer import Timer

from .perapp import one_per_app

PAUSE = 1.0  # seconds without a keystroke before a full collection runs
EVERY = 30.0  # seconds between full collections when nothing is typed
NEVER = 1 << 30  # as the third threshold: no full collection by count


class IdleCollector:
    def __init__(self, app: App[object]) -> None:
        self.app = app
        self._timer: Timer | None = None  # the collection after the last keystroke
        self._every: Timer | None = None
        self._thresholds: tuple[int, int, int] | None = None
        self._last_key = 0.0

    @classmethod
    def of(cls, app: App[object]) -> IdleCollector:
        """The app's one collector."""
        return one_per_app(app, cls)

    def start(self) -> None:
        """Full collections from now on only when the reader pauses (until `stop`)."""
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            gen0, gen1, _ = self._thresholds
            gc.set_threshold(gen0, gen1, NEVER)
            self._every = self.app.set_interval(EVERY, self._now_and_then, name="idle collection")

    def stop(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
        for timer in (self._timer, self._every):
            if timer is not None:
                timer.stop()
        self._timer = self._every = None

    def keystroke(self) -> None:
        """A key is being answered: the full collection waits until `PAUSE` seconds after it."""
        if self._thresholds is None:
            return
        self._last_key = time.monotonic()
        if self._timer is None:
            self._timer = self.app.set_timer(PAUSE, self._after_typing, name="idle collection")

    def _after_typing(self) -> None:
        quiet = time.monotonic() - self._last_key
        if quiet < PAUSE:  # keys came meanwhile: wait for the pause after the last
            self._timer = self.app.set_timer(PAUSE - quiet, self._after_typing, name="idle collection")
            return
        self._timer = None
        gc.collect()

    def _now_and_then(self) -> None:
        if self._timer is None and time.monotonic() - self._last_key > PAUSE:
            gc.collect()
