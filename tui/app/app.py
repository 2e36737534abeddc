"""The newstui App: owns the archive, the search index and the reading state; loads in a worker.

Loading, in one worker thread (loading/): the last cached archive (shown at once), then a scan of
the files (swapped in only when they changed), then the search index. The worker posts typed
messages to the app, which keeps the archive and index they carry and passes them to the screen.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from .. import config
from ..archive.search.searcher import Lookup
from ..archive.store.archive import Archive
from ..archive.store.loader import roots_of
from ..archive.store.location import locate
from ..archive.store.paths import data_dir
from ..keymap.clashes import clash_message
from ..keymap.shown import key_column
from ..keymap.table import BY_ID
from ..userdata.history import History
from ..userdata.reading import ReadingState
from ..userdata.saved import SavedSearches
from .article.handoff import osc52
from .article.text import clean
from .commands.palette import PaletteCommands
from .commands.table import app_bindings
from .latency import Latency
from .loading import loaders
from .loading.follow import Follower, following
from .loading.messages import ArchiveLoaded, IndexReady, LoadingDone, LoadingFailed, LoadingProgress
from .loading.run import LoadingRun
from .screen.main import MainScreen


class NewsApp(App[int]):
    CSS_PATH = "newstui.tcss"
    TITLE = "newstui"
    COMMANDS: ClassVar = App.COMMANDS | {PaletteCommands}
    BINDINGS: ClassVar[list[BindingType]] = list(app_bindings())

    def __init__(self, paths: list[Path] | None = None, *, archive: Archive | None = None,
                 loader: loaders.Loader | Callable[[loaders.Progress], loaders.Loaded] | None = None,
                 index_dir: str | None = None) -> None:
        """`archive` (tests, screenshots) or `loader` replace loading `paths` from disk; `index_dir`
        names a shared cache + index (--index-dir; else $NEWSTUI_INDEX_DIR, the config's, ...).
        The reading state, history and saved searches are always in the user's own data dir."""
        super().__init__()
        self.paths = list(paths or [])
        self.data_dir = data_dir()
        self.latency = Latency(self)  # the frame hold and the idle collector (latency.py)
        self.config, problem = config.load()
        if loader is None:
            place = locate(roots_of(self.paths), named=index_dir, configured=self.config.index_dir or None)
            loader = loaders.Fixed(archive) if archive is not None else loaders.Disk(self.paths, place)
        self.loader = loader if isinstance(loader, loaders.Loader) else loaders.Function(loader)
        self.archive: Archive | None = None
        self.index: Lookup | None = None
        self._following = False
        self.state, self._state_problem = ReadingState.load(self.data_dir)
        self.history = History.load(self.data_dir)
        self.saved = SavedSearches.load(self.data_dir)
        self._problems = [p for p in (self._state_problem, self.history.problem, self.saved.problem, problem,
                                      self._apply_config()) if p]

    def _apply_config(self) -> str | None:
        """Theme and keymap from the config; a message for what could not be applied."""
        said = []
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                said.append(f"unknown theme {self.config.theme!r}")
        keymap = {}
        for binding_id, keys in self.config.keys.items():
            command = BY_ID.get(binding_id)
            if command is None or not command.remap or not command.keys:
                said.append(f"[keys] {binding_id!r} is not a binding id that can be remapped")
            else:
                keymap[binding_id] = keys
        self.set_keymap(keymap)
        clash = clash_message(keymap)
        if clash:
            said.append(clash)
        return f"Config {config.config_path()}: " + "; ".join(said) if said else None

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        """Said once on start instead (`clash_message`, also in the welcome text and the help):
        Textual calls this each time it gathers the bindings for a key."""

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette is remembered in the config file (that line only)."""
        if theme != self.config.theme and self.is_running:
            self.config.theme = theme
            problem = config.save_setting("theme", theme)
            if problem:
                self.notify(clean(problem), severity="warning", markup=False, timeout=8)

    def get_default_screen(self) -> Screen:
        return MainScreen(self)

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    @property
    def keymap(self) -> Mapping[str, str]:
        """Binding id -> keys, as the user set them (the table's keys where not set)."""
        return self._keymap

    def get_key_display(self, binding: Binding) -> str:
        """The footer's key text: the table's, for the keys in force (a remapped key shows as such)."""
        command = BY_ID.get(binding.id or "")
        if command is not None:
            return key_column(command, self.keymap, same_scope=True)
        return super().get_key_display(binding)

    @property
    def roots(self) -> list[Path]:
        """The archive's folders (nothing is ever written inside them)."""
        return [Path(p) for p in roots_of(self.paths)]

    def copy_to_clipboard(self, text: str) -> None:
        """OSC 52; inside tmux also through its passthrough (see handoff.osc52)."""
        self._clipboard = text
        if self._driver is not None:
            for sequence in osc52(text, tmux=bool(os.environ.get("TMUX"))):
                self._driver.write(sequence)

    def on_mount(self) -> None:
        for problem in self._problems:
            self.notify(clean(problem), severity="warning", markup=False, timeout=10)

    def start_loading(self, rescan: bool = False, follow: bool = False) -> None:
        """Load the archive in the loading worker; `rescan`: the reader asked (`r`); `follow`: the
        folders changed (loading/follow.py), and what arrived is said."""
        if rescan:
            self.notify("Rescanning…", timeout=2)
        self.main.post_message(LoadingProgress(0, 0))
        self._load(rescan, follow)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, rescan: bool, follow: bool = False) -> None:
        worker = get_current_worker()
        run = LoadingRun(self.loader, self._post, self._notify_later, lambda: worker.is_cancelled,
                         lambda: not self.is_running)
        run.run(self.archive, self.index is not None, rescan, follow)

    def _follow_folders(self) -> None:
        """Once the archive is shown: follow its folders, loading what arrives (never for the
        bundled seeds' stand-ins of tests and screenshots: only an archive read from disk)."""
        if self._following or not isinstance(self.loader, loaders.Disk) or not following():
            return
        self._following = True
        self._follow(roots_of(self.paths))

    @work(thread=True, exclusive=True, group="follow", exit_on_error=False)
    def _follow(self, roots: list[str]) -> None:
        worker = get_current_worker()
        follower = Follower(roots, lambda: self.call_from_thread(self.start_loading, follow=True))
        follower.run(lambda: worker.is_cancelled or not self.is_running)

    def _post(self, message: Message) -> None:
        """From the loading thread: nothing once the app is shutting down."""
        try:
            self.post_message(message)
        except RuntimeError:  # the event loop is closed: the app has gone
            if self.is_running:
                raise

    def _notify_later(self, text: str, warning: bool) -> None:
        if warning:
            self.notify_all([text])  # notify posts a message: safe from the loading thread
        else:  # (what arrived names sources as their files write them: cleaned like any text)
            self.notify(clean(text), markup=False, timeout=4)

    # -- the loading worker's messages, on the UI thread -------------------------------------------
    def _to_screen(self, message: Message) -> None:
        if self.screen_stack and isinstance(self.screen_stack[0], MainScreen):
            self.screen_stack[0].post_message(message)

    def on_loading_progress(self, message: LoadingProgress) -> None:
        self._to_screen(message)

    def on_archive_loaded(self, message: ArchiveLoaded) -> None:
        """Show the archive (the index follows): the tree keeps its cursor and open folders."""
        self.archive = message.archive
        self._to_screen(message)
        self.notify_all(message.notices)

    def on_index_ready(self, message: IndexReady) -> None:
        if message.archive is not self.archive:
            return  # a newer archive is on its way with its own index
        self.index = message.index
        # The archive and its index live as long as they are shown: move them out of the cyclic
        # garbage collector's reach. Otherwise every full collection walks them (100-300 ms on a
        # real 14k archive, every few keystrokes, in the middle of one). Objects still free by
        # reference counting when a rescan replaces them; freezing is instant.
        gc.freeze()
        self.latency.collector.start()  # and what typing makes is collected while the reader pauses
        self._to_screen(message)
        self._follow_folders()

    def on_unmount(self) -> None:
        self.latency.collector.stop()  # full collections by count again (tests run many apps)

    def on_loading_done(self, message: LoadingDone) -> None:
        self._to_screen(message)

    def notify_all(self, notices: list[str]) -> None:
        for notice in notices:
            self.notify(clean(notice), severity="warning", markup=False, timeout=8)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "load" and event.state == WorkerState.ERROR and self.is_running:
            self._to_screen(LoadingFailed(str(worker.error)))
            self.notify(f"Could not load the archive: {clean(str(worker.error))}", severity="error",
                        markup=False, timeout=15)

    # -- reading state -----------------------------------------------------------------------------
    def mark_read(self, article_id: str) -> None:
        if self.state.mark_read(article_id):
            self.save_state()
            self.main.refresh_article_state(article_id)

    def save_state(self) -> None:
        problem = self.state.save()
        if problem:
            self.notify(clean(problem) + " (kept in memory for this session)", severity="warning",
                        markup=False, timeout=8)
