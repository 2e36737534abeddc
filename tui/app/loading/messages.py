"""Messages of the loading worker: they travel from the app's loading worker to the app, which
keeps the archive and the index, and on to the main screen (they do not bubble: the app re-posts
them)."""

from __future__ import annotations

import threading

from textual.message import Message

from ...archive.search.searcher import Lookup
from ...archive.store.archive import Archive


class LoadingProgress(Message, bubble=False):
    """`done` of `total` files read (`indexing`: articles indexed)."""

    def __init__(self, done: int, total: int, *, indexing: bool = False) -> None:
        super().__init__()
        self.done, self.total, self.indexing = done, total, indexing


class ArchiveLoaded(Message, bubble=False):
    """`archive` to show; `shown`, when given, is set once it is on screen (the loading worker
    waits for the first screen before decoding more: the decoding would hold up its painting)."""

    def __init__(self, archive: Archive, notices: list[str], shown: threading.Event | None = None) -> None:
        super().__init__()
        self.archive, self.notices, self.shown = archive, notices, shown


class IndexReady(Message, bubble=False):
    """`index` answers for `archive` (dropped when a newer archive is shown by then)."""

    def __init__(self, archive: Archive, index: Lookup) -> None:
        super().__init__()
        self.archive, self.index = archive, index


class LoadingDone(Message, bubble=False):
    """The loading worker ended without a new index (nothing changed)."""


class LoadingFailed(Message, bubble=False):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error
