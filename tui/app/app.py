"""The newstui App: owns the archive, the search index and the reading state; loads in a worker."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ..archive.archive import Archive
from ..archive.search import SearchIndex
from . import data
from .commands import NewsCommands
from .screen import MainScreen
from .state import ReadingState, data_dir

Loader = Callable[[data.Progress], data.Loaded]
PROGRESS_EVERY = 0.05  # seconds between progress bar updates


class NewsApp(App[int]):
    CSS_PATH = "newstui.tcss"
    TITLE = "newstui"
    COMMANDS: ClassVar = App.COMMANDS | {NewsCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, paths: list[Path] | None = None, *, archive: Archive | None = None,
                 loader: Loader | None = None) -> None:
        """`archive` (tests, screenshots) or `loader` replace loading `paths` from disk."""
        super().__init__()
        self.paths = list(paths or [])
        self.data_dir = data_dir()
        if archive is not None and loader is None:
            loader = data.fixed(archive)
        self.loader: Loader = loader or (lambda progress: data.load(self.paths, progress, self.data_dir))
        self.archive: Archive | None = None
        self.index: SearchIndex | None = None
        self.state, self._state_problem = ReadingState.load(self.data_dir)
        self._last_progress = 0.0
        self._rescan_from = 0

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
            self._rescan_from = len(self.archive) if self.archive is not None else 0
            self.notify("Rescanning…", timeout=2)
        self.main.show_progress(0, 0)
        self._load(rescan)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, rescan: bool) -> tuple[data.Loaded, bool]:
        return self.loader(self._progress), rescan

    def _progress(self, done: int, total: int) -> None:
        """Called from the loading thread; throttled so a big archive does not flood the UI."""
        now = time.monotonic()
        if done < total and now - self._last_progress < PROGRESS_EVERY:
            return
        self._last_progress = now
        with contextlib.suppress(RuntimeError):  # the app is closing
            self.call_from_thread(self.main.show_progress, done, total)

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "load":
            return
        if event.state == WorkerState.ERROR:
            self.main.query_one("#progress").display = False
            self.notify(f"Could not load the archive: {worker.error}", severity="error",
                        markup=False, timeout=15)
        elif event.state == WorkerState.SUCCESS and worker.result is not None:
            loaded, rescan = worker.result
            self.archive, self.index = loaded.archive, loaded.index
            await self.main.archive_loaded()
            for notice in loaded.notices:
                self.notify(notice, severity="warning", markup=False, timeout=8)
            if rescan:
                new = len(loaded.archive) - self._rescan_from
                self.notify(f"Rescanned: {len(loaded.archive)} articles ({new:+d})", timeout=4)

    def mark_read(self, article_id: str) -> None:
        if self.state.mark_read(article_id):
            self.save_state()
            self.main.refresh_article_state(article_id)

    def save_state(self) -> None:
        problem = self.state.save()
        if problem:
            self.notify(problem + " (kept in memory for this session)", severity="warning",
                        markup=False, timeout=8)
