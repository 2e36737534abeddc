"""Messages the panes post: the screen routes them; no pane reaches into another.

Loading messages (`Loading*`) travel from the app's loading worker to the app, which keeps the
archive and the index, and on to the main screen (they do not bubble: the app re-posts them).
"""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget

from ..archive.model import Rejection
from ..archive.search.names.entities import Entity
from ..archive.search.searcher import Lookup
from ..archive.store.archive import Archive


class ArticleChosen(Message):
    """Open `article_id`; `ids` is the list `[`/`]` walk, `terms` what to highlight in it,
    `origin` the list it was chosen in (Esc goes back there)."""

    def __init__(self, article_id: str, ids: list[str], terms: list[str], origin: Widget) -> None:
        super().__init__()
        self.article_id, self.ids, self.terms, self.origin = article_id, ids, terms, origin


class EntityChosen(Message):
    """List the articles of `entity` (chosen in the names panel)."""

    def __init__(self, entity: Entity) -> None:
        super().__init__()
        self.entity = entity


class ProblemChosen(Message):
    """Say why a file could not be read (a problem node of the tree)."""

    def __init__(self, rejection: Rejection) -> None:
        super().__init__()
        self.rejection = rejection


class SavedSearchChosen(Message):
    """Run a saved search (a node of the tree)."""

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query = query


class StatusChanged(Message):
    """A pane's one-line status changed (shown now, and again when the pane comes back)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class LoadingProgress(Message, bubble=False):
    """`done` of `total` files read (`indexing`: articles indexed)."""

    def __init__(self, done: int, total: int, *, indexing: bool = False) -> None:
        super().__init__()
        self.done, self.total, self.indexing = done, total, indexing


class ArchiveLoaded(Message, bubble=False):
    def __init__(self, archive: Archive, notices: list[str]) -> None:
        super().__init__()
        self.archive, self.notices = archive, notices


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
