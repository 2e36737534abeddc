"""Saved searches: named queries, kept as `saved.json` in the data directory (a store.Document).

    saved = SavedSearches.load()              # saved.problem: why it could not be read whole
    saved.save("japan", "kishida OR 岸田 after:6m")   # None, or why it could not be written
    saved.items()                             # [(name, query)], in the order they were saved

Every change is a read-modify-write under the store's lock, so one instance's save never drops
another's; a damaged file is kept aside as `saved.json.corrupt.N` with what could be read of it
kept (store.py). An unreadable or read-only data directory gives a message and the entries in
memory. No Textual here: the app shows the messages.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..archive.store.paths import data_dir as default_data_dir
from .store import Document, entries_format

__all__ = ["SAVED_FILE", "SavedSearches", "check_name", "normal_query"]

SAVED_FILE = "saved.json"
MAX_NAME = 80


def normal_query(query: str) -> str:
    """One line, single spaces: how a query is stored (and compared, for the history)."""
    return " ".join(query.split())


def _saved_entry(value: object) -> tuple[str, str] | None:
    if not isinstance(value, dict):
        return None
    name, query = value.get("name"), value.get("query")
    if not (isinstance(name, str) and isinstance(query, str)) or check_name(name) or not normal_query(query):
        return None
    return name.strip(), normal_query(query)


def check_name(name: str) -> str | None:
    """Why `name` cannot name a saved search, or None."""
    name = name.strip()
    if not name:
        return "a saved search needs a name"
    if len(name) > MAX_NAME:
        return f"a saved search's name has at most {MAX_NAME} characters"
    if not name.isprintable():
        return "a saved search's name cannot hold control characters"
    return None


class SavedSearches:
    """Named queries, in the order they were first saved."""

    def __init__(self, path: Path, items: list[tuple[str, str]] | None = None,
                 problem: str | None = None) -> None:
        self.path = path
        self._items = list(items or [])
        self.problem = problem  # why the file could not be read whole, or None
        parse, dump = entries_format("searches", _saved_entry, lambda e: {"name": e[0], "query": e[1]})
        self._doc: Document[list[tuple[str, str]]] = Document(path, "saved searches", parse, dump, len)

    @classmethod
    def load(cls, data_dir: str | os.PathLike[str] | None = None) -> SavedSearches:
        saved = cls(default_data_dir(data_dir) / SAVED_FILE)
        saved._items, saved.problem = saved._doc.load()
        return saved

    def items(self) -> list[tuple[str, str]]:
        """(name, query) pairs, in the order they were saved."""
        return list(self._items)

    def get(self, name: str) -> str | None:
        return dict(self._items).get(name.strip())

    def save(self, name: str, query: str) -> str | None:
        """Save (or replace) `name`; None when written, else why not (kept in memory then).
        ValueError for an empty or unprintable name or an empty query."""
        bad = check_name(name)
        if bad or not normal_query(query):
            raise ValueError(bad or "a saved search needs a query")
        entry = (name.strip(), normal_query(query))

        def put(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
            if any(n == entry[0] for n, _ in items):
                return [entry if n == entry[0] else (n, q) for n, q in items]
            return [*items, entry]

        return self._apply(put)

    def remove(self, name: str) -> str | None:
        """Forget `name` (nothing happens if it is not saved); None, or why it could not be written."""
        name = name.strip()
        return self._apply(lambda items: [(n, q) for n, q in items if n != name])

    def _apply(self, change: Callable[[list[tuple[str, str]]], list[tuple[str, str]]]) -> str | None:
        entries, problem = self._doc.change(change)
        self._items = change(self._items) if entries is None else entries
        return problem
