"""Saved searches and the search history, kept as JSON in the data directory.

    saved = SavedSearches.load()              # saved.json; saved.problem: why it could not be read
    saved.save("japan", "kishida OR 岸田 after:6m")   # None, or why it could not be written
    saved.items()                             # [(name, query)], in the order they were saved
    history = History.load()                  # history.json
    history.add("kishida")                    # the most recent last; at most 500, no repeats
    history.entries()                         # oldest first

Several instances may run at once: every change is a read-modify-write under an exclusive lock
(`saved.json.lock`), so one instance's save never drops another's; the file is replaced
atomically (store/files.py). A damaged file never stops anything and is never silently lost:
it is moved aside as `saved.json.corrupt` (`.corrupt.2`, ... if that exists), whatever entries
could be read from it are kept, and `problem` says so in one line. An unreadable or read-only data
directory gives a message and the entries in memory. No Textual here: the app shows the messages.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from ..store.files import atomic_write, locked, remove_stale_temps
from ..store.paths import data_dir as default_data_dir

__all__ = ["HISTORY_FILE", "MAX_HISTORY", "SAVED_FILE", "History", "SavedSearches"]

SAVED_FILE = "saved.json"
HISTORY_FILE = "history.json"
VERSION = 1
MAX_HISTORY = 500
MAX_NAME = 80

T = TypeVar("T")


def normal_query(query: str) -> str:
    """One line, single spaces: how a query is stored (and compared, for the history)."""
    return " ".join(query.split())


class _Document(Generic[T]):
    """A JSON file `{"version": 1, KEY: [entries]}`: read tolerantly, changed under a lock."""

    def __init__(self, path: Path, key: str, what: str, entry: Callable[[object], T | None],
                 dump: Callable[[T], object]) -> None:
        self.path, self.key, self.what, self.entry, self.dump = path, key, what, entry, dump

    def _parse(self, raw: bytes) -> tuple[list[T], bool]:
        """The entries that can be read, and whether that was all of the file."""
        try:
            doc = json.loads(raw)
        except ValueError:  # also UnicodeDecodeError
            return [], False
        values = doc.get(self.key) if isinstance(doc, dict) else None
        if not isinstance(values, list):
            return [], False
        entries = [e for v in values if (e := self.entry(v)) is not None]
        return entries, len(entries) == len(values)

    def read(self, keep_aside: bool) -> tuple[list[T], str | None]:
        """The entries and, when the file is damaged, why; OSError when it cannot be read.
        `keep_aside` (with the lock held): move a damaged file aside."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return [], None
        entries, whole = self._parse(raw)
        if whole:
            return entries, None
        where = self._keep_aside() if keep_aside else "left in place"
        return entries, (f"{self.what.capitalize()} in {self.path} were damaged ({where});"
                         f" {len(entries)} could be read")

    def _keep_aside(self) -> str:
        for n in range(1, 100):
            aside = self.path.with_name(f"{self.path.name}.corrupt" + (f".{n}" if n > 1 else ""))
            if aside.exists():
                continue
            try:
                os.replace(self.path, aside)
            except OSError:
                return "left in place"
            return f"kept as {aside.name}"
        return "left in place"

    def load(self) -> tuple[list[T], str | None]:
        """The entries, and why not all of them when the file is damaged or unreadable."""
        try:
            entries, problem = self.read(keep_aside=False)
        except OSError as exc:
            return [], f"Cannot read {self.what} in {self.path}: {exc.strerror or exc}"
        if problem and self.path.exists():  # damaged: look again under the lock, and keep it aside
            try:
                with locked(self._lock()):
                    entries, problem = self.read(keep_aside=True)
                    if entries and problem and not self.path.exists():
                        self._write(entries)  # what could be read stays where it was
            except OSError:
                pass  # cannot lock (read-only data dir): cannot move it either; the message stands
        return entries, problem

    def change(self, change: Callable[[list[T]], list[T]]) -> tuple[list[T] | None, str | None]:
        """Apply `change` to the entries on disk and write them: (the entries now, a message about
        damage met on the way), or (None, why it could not be written)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with locked(self._lock()):
                remove_stale_temps(self.path.parent, f".{self.path.name}.*.tmp", None)
                entries, problem = self.read(keep_aside=True)  # unreadable: never overwritten
                entries = change(entries)
                self._write(entries)
        except OSError as exc:
            return None, f"Cannot save {self.what} to {self.path}: {exc.strerror or exc}"
        return entries, problem

    def _write(self, entries: list[T]) -> None:
        doc = {"version": VERSION, self.key: [self.dump(e) for e in entries]}
        atomic_write(self.path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode())

    def _lock(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")


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
        self._doc: _Document[tuple[str, str]] = _Document(
            path, "searches", "saved searches", _saved_entry, lambda e: {"name": e[0], "query": e[1]})

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
        self._doc: _Document[str] = _Document(path, "queries", "search history", _history_entry, str)

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
