"""What the main screen shows while the archive loads and the index is built."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import ProgressBar

from .views import welcome_text

if TYPE_CHECKING:
    from .screen import MainScreen

PLACEHOLDER = "/ 搜索 search: name, 人名, pinyin…"
INDEXING = "/ 搜索 正在建立索引 indexing… (type now, results follow)"


class LoadingViews:
    """Mixed into MainScreen: progress, status line and search placeholder during loading."""

    def show_progress(self: MainScreen, done: int, total: int) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)
        self.set_status(f"读取 Loading {done}/{total}…")

    def indexing(self: MainScreen, done: int, total: int) -> None:
        """The search index is being built: the box says so until `index_ready`."""
        self.show_progress(done, total)
        self.search.placeholder = INDEXING
        self.set_status(f"索引 Indexing {done}/{total}…")

    async def archive_loaded(self: MainScreen) -> None:
        archive = self.app.archive
        assert archive is not None
        self.tree.populate(archive, self.app.state)
        if self.app.index is None:
            self.search.placeholder = INDEXING
        self.set_status(self.summary())
        if self.article.article is None:
            await self.article.show_message(welcome_text(archive))

    async def index_ready(self: MainScreen) -> None:
        self.loading_done()
        if self.switcher.current == "names":
            self.names.refill()
        if self.query_text:
            self.run_search(self.query_text, self.first_page())

    def loading_done(self: MainScreen) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.search.placeholder = PLACEHOLDER
        self.set_status(self.summary())

    def loading_failed(self: MainScreen) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.set_status("Could not load the archive")

    def summary(self: MainScreen) -> str:
        archive = self.app.archive
        if archive is None:
            return ""
        status = f"{len(archive)} articles · {len(archive.tree())} sources"
        return status + (f" · {len(archive.rejections)} problems" if archive.rejections else "")
