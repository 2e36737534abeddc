"""The search history: queries searched, kept as `history.json` in the data directory (a
store.Document), the most recent last, at most MAX_HISTORY, no repeats.

    history = History.load()       # history.problem: why it could not be read whole
    history.add("kishida")         # None, or why it could not be written
    history.entries()              # oldest first

Shared by instances as saved searches are (store.py: a lock, atomic writes, damage kept aside).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..archive.store.paths import data_dir as default_data_dir
from .saved import normal_query
from .store import Document, entries_format

__all__ = ["HISTORY_FILE", "MAX_HISTORY", "History"]

HISTORY_FILE = "history.json"
MAX_HISTORY = 500


def _history_entry(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return normal_query(value) or None


class History:
    """Queries searched, oldest first; a query searched again moves to the end."""

    def __init__(self, path: Path, entries: list[str] | None = None, problem: str | None = None) -> None:
        self.path = path
        self._entries = list(entries or [])
        self.problem = problem
        parse, dump = entries_format("queries", _history_entry, str)
        self._doc: Document[list[str]] = Document(path, "search history", parse, dump, len)

    @classmethod
    def load(cls, data_dir: str | os.PathLike[str] | None = None) -> History:
        history = cls(default_data_dir(data_dir) / HISTORY_FILE)
        entries, history.problem = history._doc.load()
        history._entries = _recent(entries, "")
        return history

    def entries(self) -> list[str]:
        """Oldest first (Up in the search box walks back from the end)."""
        return list(self._entries)

    def add(self, query: str) -> str | None:
        """Remember `query` as the most recent; None when written, else why not. Blank: ignored."""
        query = normal_query(query)
        if not query:
            return None
        entries, problem = self._doc.change(lambda old: _recent(old, query))
        self._entries = _recent(self._entries, query) if entries is None else entries
        return problem

    def clear(self) -> str | None:
        _, problem = self._doc.change(lambda old: [])
        self._entries = []
        return problem


def _recent(entries: list[str], query: str) -> list[str]:
    """`entries` + `query`, each query once at its latest place, at most MAX_HISTORY."""
    latest = list(dict.fromkeys(reversed([*entries, query] if query else entries)))
    return latest[:MAX_HISTORY][::-1]
