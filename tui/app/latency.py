"""Keystroke latency: the time from a key to its answer on screen, kept short in two ways.

One frame for a keystroke and its answer. A key typed in the search box repaints the box at
once; the search's rows come a few milliseconds later, and Textual paints at most one frame per
1/60 s, so the rows waited for the frame after the key's (up to 17 ms), while the key's frame
competed with the search thread for the interpreter. `FrameHold` holds the screen's frames from
the key until the rows are in (or `HOLD` seconds at most), so the key and its results are
painted together, once. The box holds frames as its value changes (`HoldsFrames`), before
Textual's idle handler can schedule the key's own frame. The list that shows the answer posts
its status (`StatusChanged(answered=True)`), and the column releases them once the status line
shows it too (`Latency.answered`); else the status comes in a frame of its own, 15-45 ms later,
and a key typed meanwhile waits for that frame.

Full garbage collections while the reader pauses, never in the middle of a keystroke. Once the
index is loaded it is frozen out of the collector's reach (`gc.freeze`), but typing still makes
objects (rows, hits, remembered answers), and every ~70k of them CPython walks all that are not
frozen: a full collection took 8-56 ms, on whichever keystroke set it off (the keystroke's p95 on
a real archive). While the app runs, full collections are left to `IdleCollector`: one runs
`PAUSE` seconds after the last keystroke, none while keys come, and one every `EVERY` seconds
otherwise (what reading and scrolling leave is collected too). Younger generations are collected
as usual (a millisecond or two).

The app makes one `Latency` (its frame hold and its collector) and hands it to the widgets that
take keys (`HoldsFrames`) and to those that show the answers.
"""

from __future__ import annotations

import gc
import time
from contextlib import ExitStack
from typing import Any

from textual.app import App
from textual.timer import Timer
from textual.widgets import Input

HOLD = 0.04  # the longest a key's echo waits for its results (seconds)
PAUSE = 1.0  # seconds without a keystroke before a full collection runs
EVERY = 30.0  # seconds between full collections when nothing is typed
NEVER = 1 << 30  # as the third threshold: no full collection by count


class FrameHold:
    """The app's frames held (`hold`) until `release`, or `HOLD` seconds at most."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._held: ExitStack | None = None

    def hold(self) -> None:
        if self._held is None:
            self._held = ExitStack()
            self._held.enter_context(self.app.batch_update())
            self.app.set_timer(HOLD, self.release, name="frame hold")

    def release(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            held.close()
            self.app.screen.check_idle()  # the screen paints what changed meanwhile


class IdleCollector:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._timer: Timer | None = None  # the collection after the last keystroke
        self._every: Timer | None = None
        self._thresholds: tuple[int, int, int] | None = None
        self._last_key = 0.0

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


class Latency:
    """The app's one frame hold and one idle collector (made with the app, gone with it)."""

    def __init__(self, app: App[Any]) -> None:
        self.frames = FrameHold(app)
        self.collector = IdleCollector(app)

    def key_typed(self) -> None:
        """A key whose answer comes from a worker: no full collection now, one frame for both."""
        self.collector.keystroke()
        self.frames.hold()

    def answered(self) -> None:
        """The answer is shown: paint the key and the answer, in one frame."""
        self.frames.release()


class HoldsFrames(Input):
    """An input whose typing is answered in a list: each change holds the frames until the answer
    is shown (the list calls `Latency.answered`), or `HOLD` seconds pass."""

    def __init__(self, latency: Latency, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.latency = latency

    def watch_value(self, value: str) -> None:
        if value.strip() and self.is_mounted:
            self.latency.key_typed()
