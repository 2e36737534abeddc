"""Reading state (read marks, bookmarks): `state.json` in the data directory, a store.Document.

Several instances may run at once over the same data dir. Each `ReadingState` remembers what
*it* changed since it was loaded (read marks added, bookmarks added or removed, in order) and
`save()` is the store's read-modify-write under its lock: re-read the file on disk, apply this
instance's changes to it, write it atomically. So one instance never drops another's marks or
bookmarks, and an un-bookmark is not resurrected by the other instance's save.

Assigning `state.read = ...` or `state.bookmarks = ...` is a reset: that whole value is what
the next save writes for the field, whatever is on disk.

A damaged file is kept as `state.json.corrupt.N` (store.py) and the ids that could be read of it
(a list of strings, each field on its own) are kept. Temp files left by a save that was killed
are removed on load.

No Textual here: the app shows the messages these functions return as notifications.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..archive.store.paths import data_dir
from .store import Document

__all__ = ["LOCK_FILE", "STATE_FILE", "ReadingState"]

STATE_FILE = "state.json"
LOCK_FILE = STATE_FILE + ".lock"

Marks = tuple[set[str], list[str]]  # read ids, bookmarked ids (most recent first)


def _ids(value: object) -> tuple[list[str], bool]:
    """The strings of a list field, and whether that was all of it (a missing field is empty)."""
    if value is None:
        return [], True
    if not isinstance(value, list):
        return [], False
    ids = [i for i in value if isinstance(i, str)]
    return ids, len(ids) == len(value)


def _parse(doc: dict | None) -> tuple[Marks, bool]:
    if doc is None:
        return (set(), []), False
    read, read_whole = _ids(doc.get("read"))
    bookmarks, bookmarks_whole = _ids(doc.get("bookmarks"))
    return (set(read), list(dict.fromkeys(bookmarks))), read_whole and bookmarks_whole


def _dump(marks: Marks) -> dict:
    return {"read": sorted(marks[0]), "bookmarks": marks[1]}


def _count(marks: Marks) -> int:
    return len(marks[0]) + len(marks[1])


def _document(path: Path) -> Document[Marks]:
    return Document(path, "reading state (read marks and bookmarks)", _parse, _dump, _count)


class ReadingState:
    """Read article ids and bookmarked ids (most recent bookmark first).

    Change it with `mark_read` and `toggle_bookmark` (tracked, merged on save) or by assigning
    `read` / `bookmarks` (a reset, written as is); mutating the returned set or list in place
    is not tracked.
    """

    def __init__(self, path: Path, read: Iterable[str] | None = None, bookmarks: Iterable[str] | None = None):
        self.path = path
        self._read: set[str] = set(read or ())
        self._bookmarks: list[str] = list(dict.fromkeys(bookmarks or ()))
        self._warned = False
        self._forget_changes()
        # Given values are this instance's changes: saved (merged) even without mark/toggle calls.
        self._read_added.update(self._read)
        self._bookmark_ops.update((i, True) for i in reversed(self._bookmarks))

    def _forget_changes(self) -> None:
        self._read_added: set[str] = set()
        self._read_reset = False
        self._bookmark_ops: dict[str, bool] = {}  # id -> added (True) / removed (False), oldest first
        self._bookmarks_reset = False

    @property
    def read(self) -> set[str]:
        return self._read

    @read.setter
    def read(self, ids: Iterable[str]) -> None:
        self._read = set(ids)
        self._read_reset = True
        self._read_added.clear()

    @property
    def bookmarks(self) -> list[str]:
        return self._bookmarks

    @bookmarks.setter
    def bookmarks(self, ids: Iterable[str]) -> None:
        self._bookmarks = list(dict.fromkeys(ids))
        self._bookmarks_reset = True
        self._bookmark_ops.clear()

    @classmethod
    def load(cls, directory: Path | None = None) -> tuple[ReadingState, str | None]:
        """The saved state, and a message when not all of it could be read (None when it could).

        A damaged file is kept beside as `state.json.corrupt.N`, and what could be read of it is
        kept. Temp files left by a save that was killed are removed.
        """
        path = (directory or data_dir()) / STATE_FILE
        (read, bookmarks), problem = _document(path).load()
        state = cls(path, read, bookmarks)
        state._forget_changes()  # what is on disk is no change of ours
        return state, problem

    def _merge(self, disk_read: set[str], disk_bookmarks: list[str]) -> tuple[set[str], list[str]]:
        """This instance's changes applied to what is on disk."""
        read = set(self._read) if self._read_reset else disk_read | self._read_added
        if self._bookmarks_reset:
            return read, list(self._bookmarks)
        bookmarks = list(disk_bookmarks)
        for article_id, added in self._bookmark_ops.items():
            if article_id in bookmarks:
                bookmarks.remove(article_id)
            if added:
                bookmarks.insert(0, article_id)
        return read, bookmarks

    def save(self) -> str | None:
        """Merge this instance's changes into the file on disk (under the lock) and persist.

        A message (once) when the file cannot be written, else None (a damaged file met on the way
        is kept aside as at load); unsaved changes are kept and retried by the next save. After a
        save this state also shows the other instances'.
        """
        saved, problem = _document(self.path).change(lambda disk: self._merge(*disk))
        if saved is None:
            if self._warned:
                return None
            self._warned = True
            return problem
        self._warned = False
        self._read.clear()
        self._read.update(saved[0])
        self._bookmarks[:] = saved[1]
        self._forget_changes()
        return None

    def is_read(self, article_id: str) -> bool:
        return article_id in self._read

    def is_bookmarked(self, article_id: str) -> bool:
        return article_id in self._bookmarks

    def mark_read(self, article_id: str) -> bool:
        """True when this changed anything."""
        if article_id in self._read:
            return False
        self._read.add(article_id)
        self._read_added.add(article_id)
        return True

    def toggle_bookmark(self, article_id: str) -> bool:
        """True when the article is now bookmarked."""
        added = article_id not in self._bookmarks
        if added:
            self._bookmarks.insert(0, article_id)
        else:
            self._bookmarks.remove(article_id)
        self._bookmark_ops.pop(article_id, None)  # keep ops in the order they last happened
        self._bookmark_ops[article_id] = added
        return added
