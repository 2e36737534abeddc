"""Messages the panes post: the navigator or the screen routes them; no pane reaches into another.

The loading worker's messages are in loading/messages.py.
"""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget

from ..archive.model import Rejection
from ..archive.search.names.entities import Entity


class ArticleChosen(Message):
    """Open `article_id`; `ids` is the list `[`/`]` walk, `terms` what to highlight in it,
    `origin` the list it was chosen in (Esc goes back there)."""

    def __init__(self, article_id: str, ids: list[str], terms: list[str], origin: Widget) -> None:
        super().__init__()
        self.article_id, self.ids, self.terms, self.origin = article_id, ids, terms, origin


class EntityChosen(Message):
    """List the articles of `entity` (chosen in the names panel); with `other`, the articles
    naming both (a name related to it, chosen in its "named with" list)."""

    def __init__(self, entity: Entity, other: Entity | None = None) -> None:
        super().__init__()
        self.entity, self.other = entity, other


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


class ListingChosen(Message):
    """List `key`: "newest", "all" or a tree node's articles (a node of the tree)."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class StatusChanged(Message):
    """A pane's one-line status changed (shown now, and again when the pane comes back).
    `answered`: the status of a keystroke's answer, whose frames are held until it is shown too
    (latency.py: the rows, the status and the key in one frame)."""

    def __init__(self, text: str, *, answered: bool = False) -> None:
        super().__init__()
        self.text = text
        self.answered = answered
