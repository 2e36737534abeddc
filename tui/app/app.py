"""The newstui App: owns the archive, the search index and the reading state; loads in a worker.

Loading, in one worker thread: the last cached archive (shown at once), then a scan of the files
(swapped in only when they changed), then the search index; each stage is posted to the UI.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from ..archive.search.engine import SearchIndex
from ..archive.store.archive import Archive
from . import data
from .commands import NewsCommands
from .screen import MainScreen
from .state import ReadingState, data_dir
from .text import clean

PROGRESS_EVERY = 0.05  # seconds between progress bar updates


class NewsApp(App[int]):
    CSS_PATH = "newstui.tcss"
    TITLE = "newstui"
    COMMANDS: ClassVar = App.COMMANDS | {NewsCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, paths: list[Path] | None = None, *, archive: Archive | None = None,
                 loader: data.Loader | Callable[[data.Progress], data.Loaded] | None = None) -> None:
        """`archive` (tests, screenshots) or `loader` replace loading `paths` from disk."""
        super().__init__()
        self.paths = list(paths or [])
        self.data_dir = data_dir()
        if loader is None:
            loader = data.Fixed(archive) if archive is not None else data.Disk(self.paths, self.data_dir)
        self.loader = loader if isinstance(loader, data.Loader) else data.Function(loader)
        self.archive: Archive | None = None
        self.index: SearchIndex | None = None
        self.state, self._state_problem = ReadingState.load(self.data_dir)
        self._last_progress = 0.0

    def get_default_screen(self) -> Screen:
        return MainScreen()

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        if self._state_problem:
            self.notify(self._state_problem, severity="warning", markup=False, timeout=8)

    def start_loading(self, rescan: bool = False) -> None:
        if rescan:
            self.notify("Rescanning…", timeout=2)
        self.main.show_progress(0, 0)
        self._load(rescan)

    # -- the loading worker (a thread) ------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, rescan: bool) -> None:
        worker = get_current_worker()
        shown = self.archive
        if shown is None:
            cached = self.loader.cached()
            if cached is not None:
                self._post(self.show_archive, cached.archive, cached.notices)
                shown = cached.archive
        loaded = self.loader.load(self._progress)
        if worker.is_cancelled:
            return
        before = len(shown) if shown is not None else 0
        if shown is None or loaded.changed:
            self._post(self.show_archive, loaded.archive, loaded.notices)
            shown = loaded.archive
        else:
            self._post(self.notify_all, loaded.notices)
        if rescan:
            change = f"({len(shown) - before:+d})" if loaded.changed else "(no change)"
            self._post(self.notify, f"Rescanned: {len(shown)} articles {change}", timeout=4)
        index = loaded.index
        if index is None and (loaded.changed or self.index is None):
            self._post(self._on_main, "indexing", 0, len(shown))
            index = data.build_index(shown, self._indexing)
        if index is not None and not worker.is_cancelled:
            self._post(self.index_ready, shown, index)
        else:
            self._post(self._on_main, "loading_done")

    def _post(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run `callback` on the UI thread and wait for it; nothing once the app is shutting down."""
        try:
            self.call_from_thread(callback, *args, **kwargs)
        except Exception:
            if self.is_running:
                raise  # a real error, reported by the worker; else the app is closing: drop it

    async def _on_main(self, method: str, *args: Any) -> None:
        """Call a MainScreen method on the UI thread: the screen is looked up there, if still open."""
        if self.screen_stack and isinstance(self.screen_stack[0], MainScreen):
            result = getattr(self.screen_stack[0], method)(*args)
            if inspect.isawaitable(result):
                await result

    def _progress(self, done: int, total: int) -> None:
        """Called from the loading thread; throttled so a big archive does not flood the UI."""
        if self._due(done, total):
            self._post(self._on_main, "show_progress", done, total)

    def _indexing(self, done: int, total: int) -> None:
        if self._due(done, total):
            self._post(self._on_main, "indexing", done, total)

    def _due(self, done: int, total: int) -> bool:
        now = time.monotonic()
        if done < total and now - self._last_progress < PROGRESS_EVERY:
            return False
        self._last_progress = now
        return True

    # -- on the UI thread ---------------------------------------------------------------------------
    async def show_archive(self, archive: Archive, notices: list[str]) -> None:
        """Show `archive` (the index follows): the tree keeps its cursor and open folders."""
        self.archive = archive
        await self.main.archive_loaded()
        self.notify_all(notices)

    async def index_ready(self, archive: Archive, index: SearchIndex) -> None:
        if archive is not self.archive:
            return  # a newer archive is on its way with its own index
        self.index = index
        await self.main.index_ready()

    def notify_all(self, notices: list[str]) -> None:
        for notice in notices:
            self.notify(clean(notice), severity="warning", markup=False, timeout=8)

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "load" and event.state == WorkerState.ERROR and self.is_running:
            self.main.loading_failed()
            self.notify(f"Could not load the archive: {clean(str(worker.error))}", severity="error",
                        markup=False, timeout=15)

    def mark_read(self, article_id: str) -> None:
        if self.state.mark_read(article_id):
            self.save_state()
            self.main.refresh_article_state(article_id)

    def save_state(self) -> None:
        problem = self.state.save()
        if problem:
            self.notify(clean(problem) + " (kept in memory for this session)", severity="warning",
                        markup=False, timeout=8)
