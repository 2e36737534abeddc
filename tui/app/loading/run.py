"""The loading run: the archive's outline at once, its last cache and index next, then the files.

Runs in the app's loading worker thread and reports by posting typed messages (loading/messages.py);
it never touches a widget. Progress is throttled so a big archive does not flood the UI.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from textual.message import Message

from ...archive.search.searcher import Lookup
from ...archive.store.archive import Archive
from . import loaders
from .follow import arrivals
from .messages import ArchiveLoaded, IndexReady, LoadingDone, LoadingProgress

PROGRESS_EVERY = 0.05  # seconds between progress bar updates
FIRST_SCREEN_WAIT = 1.0  # at most this long for the outline to be on screen before decoding more


class Stopped(Exception):
    """The app is quitting: the files and the index are left where they were (no temp file), and
    the next start goes on from there. Raised from the progress callbacks of the parse and the
    index build, so that `q` while a large archive is read quits in about a second."""


class LoadingRun:
    def __init__(self, loader: loaders.Loader, post: Callable[[Message], object],
                 notify: Callable[[str, bool], object], cancelled: Callable[[], bool],
                 stopping: Callable[[], bool] = lambda: False) -> None:
        self.loader, self.post, self.notify, self.cancelled = loader, post, notify, cancelled
        self.stopping = stopping  # the app is quitting: stop reading (a cancelled run still ends)
        self._last = 0.0
        self._at = (0, 0)  # the progress last posted

    def run(self, shown: Archive | None, have_index: bool, rescan: bool, follow: bool = False) -> None:
        """`shown`: the archive on screen (None at start); `have_index`: it has its index.
        `notify(text, warning)` says things the user should see (cache notices, rescan result,
        with `follow` what arrived in the folders: follow.py)."""
        with contextlib.suppress(Stopped):
            self._run(shown, have_index, rescan, follow)

    def _run(self, shown: Archive | None, have_index: bool, rescan: bool, follow: bool) -> None:
        early: Lookup | None = None
        if shown is None:
            shown, early = self._first_screen()
        loaded = self.loader.load(self._progress)
        if self.cancelled():
            return
        before = len(shown) if shown is not None else 0
        news = arrivals(shown, loaded.archive) if follow and shown is not None and loaded.changed else ""
        if shown is None or loaded.changed or shown.partial:
            loaded.archive.tree()  # (grouped here: see _first_screen)
            self.post(ArchiveLoaded(loaded.archive, loaded.notices))
            shown = loaded.archive
        else:
            for notice in loaded.notices:
                self.notify(notice, True)
        if news:
            self.notify(news, False)
        if rescan:
            change = f"({len(shown) - before:+d})" if loaded.changed else "(no change)"
            self.notify(f"Rescanned: {len(shown)} articles {change}", False)
        index = loaded.index
        if index is None and (loaded.changed or not (have_index or early is not None)):
            self.post(LoadingProgress(0, len(shown), indexing=True))
            index = loaders.build_index(shown, self._indexing)
        if index is not None and not self.cancelled() and (index is not early or loaded.changed):
            self.post(IndexReady(shown, index))
        else:  # (the files are those of the index searched since the start: nothing to swap)
            self.post(LoadingDone())
        if loaded.after is not None and not self.cancelled():
            loaded.after()

    def _first_screen(self) -> tuple[Archive | None, Lookup | None]:
        """Shown at once: the outline (read in milliseconds at any size); then the index persisted
        with the last cache, opened from its own columns, so that search answers over the outline
        before any article record is decoded; then the whole last cache decoded, its archive
        searched by the same index (both are replaced if the files changed); what is shown, and
        the index searched."""
        outline = self.loader.outline()
        if outline is not None:
            shown = threading.Event()
            self.post(ArchiveLoaded(outline, [], shown))
            deadline = time.monotonic() + FIRST_SCREEN_WAIT
            while not shown.wait(0.05) and time.monotonic() < deadline:
                if self.stopping():
                    raise Stopped
        if self.cancelled():
            return outline, None
        if outline is not None:
            index = self.loader.early_index()
            if index is not None and not self.cancelled():
                self.post(IndexReady(outline, index))
        early = self.loader.early()
        if early is None:
            return outline, None
        # The tree's grouping by source, year and month, here rather than in the UI thread when
        # the archive is shown (~1 s at 300k articles, the screen frozen and the index not yet set).
        early.archive.tree()
        self.post(ArchiveLoaded(early.archive, early.notices))
        if early.index is not None:
            self.post(IndexReady(early.archive, early.index))
        if early.after is not None:  # (once shown: the index takes the archive's strings, ~0.2 s at 300k)
            early.after()
        return early.archive, early.index

    def _progress(self, done: int, total: int) -> None:
        if self.stopping():
            raise Stopped
        if self._due(done, total):
            self.post(LoadingProgress(done, total))

    def _indexing(self, done: int, total: int) -> None:
        if self.stopping():
            raise Stopped
        if self._due(done, total):
            self.post(LoadingProgress(done, total, indexing=True))

    def _due(self, done: int, total: int) -> bool:
        now = time.monotonic()
        if (done < total or (done, total) == self._at) and now - self._last < PROGRESS_EVERY:
            return False
        self._last, self._at = now, (done, total)
        return True
