"""Reading state (read marks, bookmarks), persisted atomically in the data directory.

Several instances may run at once over the same data dir. Each `ReadingState` remembers what
*it* changed since it was loaded (read marks added, bookmarks added or removed, in order) and
`save()` is a read-modify-write under an exclusive lock (`fcntl.flock` on `state.json.lock`):
re-read the file on disk, apply this instance's changes to it, write a temp file, fsync,
`os.replace`, fsync the directory. So one instance never drops another's marks or bookmarks,
and an un-bookmark is not resurrected by the other instance's save. Where `fcntl` is missing
(Windows) saving falls back to the same merge without the lock.

Assigning `state.read = ...` or `state.bookmarks = ...` is a reset: that whole value is what
the next save writes for the field, whatever is on disk.

A SIGKILL between the temp write and the replace leaves `.state.json.XXXXXXXX.tmp` behind:
`load()` removes those (ours only, and only under the lock, so never another instance's
in-flight file).

No Textual here: the app shows the messages these functions return as notifications.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Iterable
from pathlib import Path

from ..archive.store.files import atomic_write, locked
from ..archive.store.paths import data_dir

__all__ = ["LOCK_FILE", "STATE_FILE", "VERSION", "ReadingState", "data_dir"]

STATE_FILE = "state.json"
LOCK_FILE = STATE_FILE + ".lock"
CORRUPT_FILE = STATE_FILE + ".corrupt"
VERSION = 1
# What tempfile.mkstemp(prefix=".state.json.", suffix=".tmp") makes: 8 chars of its alphabet.
_TEMP_NAME = re.compile(r"\.state\.json\.[a-z0-9_]{8}\.tmp")
STALE_UNLOCKED = 3600.0  # seconds: without a lock, only temp files this old count as stale


def _parse(raw: bytes) -> tuple[set[str], list[str]]:
    """Read ids and bookmarks of a state document; ValueError/TypeError/AttributeError if malformed."""
    doc = json.loads(raw)
    read = {str(i) for i in doc.get("read", [])}
    bookmarks = list(dict.fromkeys(str(i) for i in doc.get("bookmarks", [])))
    return read, bookmarks


_MALFORMED = (ValueError, TypeError, AttributeError)


def _keep_corrupt(path: Path) -> str:
    backup = path.with_name(CORRUPT_FILE)
    try:
        os.replace(path, backup)
    except OSError:
        return "left in place"
    return f"kept as {backup.name}"


def _remove_stale_temps(directory: Path) -> None:
    """Remove `.state.json.*.tmp` left by a killed save; never any other file."""
    try:
        stale = [p for p in directory.iterdir() if _TEMP_NAME.fullmatch(p.name)]
    except OSError:
        return
    if not stale:
        return
    try:
        with locked(directory / LOCK_FILE) as held:  # no save of ours is between mkstemp and replace now
            cutoff = None if held else time.time() - STALE_UNLOCKED
            for temp in stale:
                with contextlib.suppress(OSError):
                    if cutoff is None or temp.lstat().st_mtime < cutoff:
                        temp.unlink()
    except OSError:
        return  # cannot lock (read-only dir, ...): cannot remove either


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
        """The saved state, or an empty one plus a message saying why it could not be read.

        A corrupt file is kept beside as `state.json.corrupt` rather than silently overwritten.
        Temp files left by a save that was killed are removed.
        """
        directory = directory or data_dir()
        path = directory / STATE_FILE
        _remove_stale_temps(directory)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(path), None
        except OSError as exc:
            return cls(path), f"Cannot read reading state {path}: {exc.strerror}"
        try:
            read, bookmarks = _parse(raw)
        except _MALFORMED:
            return cls(path), f"Reading state was corrupt ({_keep_corrupt(path)}); starting with none"
        state = cls(path, read, bookmarks)
        state._forget_changes()  # what is on disk is no change of ours
        return state, None

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

    def _save_locked(self) -> tuple[set[str], list[str]]:
        disk_read: set[str]
        disk_bookmarks: list[str]
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            disk_read, disk_bookmarks = set[str](), list[str]()
        else:
            try:
                disk_read, disk_bookmarks = _parse(raw)
            except _MALFORMED:
                _keep_corrupt(self.path)
                disk_read, disk_bookmarks = set(), []
        read, bookmarks = self._merge(disk_read, disk_bookmarks)
        doc = {"version": VERSION, "read": sorted(read), "bookmarks": bookmarks}
        atomic_write(self.path, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        return read, bookmarks

    def save(self) -> str | None:
        """Merge this instance's changes into the file on disk (under the lock) and persist.

        A message (once) when the file cannot be written, else None; unsaved changes are kept
        and retried by the next save. After a save this state also shows the other instances'.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with locked(self.path.parent / LOCK_FILE):
                read, bookmarks = self._save_locked()
        except OSError as exc:
            if self._warned:
                return None
            self._warned = True
            return f"Cannot save reading state to {self.path}: {exc.strerror or exc}"
        self._warned = False
        self._read.clear()
        self._read.update(read)
        self._bookmarks[:] = bookmarks
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
