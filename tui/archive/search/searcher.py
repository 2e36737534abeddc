"""What the interface asks of a search index: answers to queries and the names it knows.

`SearchIndex` (engine.py) is the real one; the app's panes depend on these protocols only, so
tests hand them small fakes and the app never probes an index for optional methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from .engine import Hit
from .names.entities import Entity


class Searcher(Protocol):
    def search_counted(self, query: str, limit: int = 50, sort: str | None = None) -> tuple[list[Hit], int]:
        """The `limit` best hits for `query` and how many articles match in all; `sort`
        "relevance" or "date" whatever the query says, None: as the query says."""
        ...

    def terms(self, query: str) -> list[str]:
        """Strings to highlight in an article opened from `query`'s results."""
        ...

    def entity_terms(self, entity: Entity) -> list[str]:
        """Strings to highlight in an entity's articles (its aliases, as search matched them)."""
        ...


class NameFinder(Protocol):
    @property
    def entities(self) -> Sequence[Entity]:
        """Every entity, most articles first."""
        ...

    def find_names(self, text: str) -> list[Entity]:
        """Entities for the names filter box (`text` in an alias, pinyin, a typo...)."""
        ...


class Lookup(Searcher, NameFinder, Protocol):
    """A whole index: queries and names (what the app's loader hands the interface)."""
