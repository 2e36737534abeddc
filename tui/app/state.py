"""Reading state (read marks, bookmarks), persisted atomically in the data directory.

No Textual here: the app shows the messages these functions return as notifications.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

STATE_FILE = "state.json"
VERSION = 1


def data_dir() -> Path:
    """`NEWSTUI_DATA_DIR`, else platformdirs' user data dir for newstui."""
    env = os.environ.get("NEWSTUI_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("newstui"))


def atomic_write(path: Path, data: bytes) -> None:
    """Write temp file in the same directory, fsync, os.replace, fsync the directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


class ReadingState:
    """Read article ids and bookmarked ids (most recent bookmark first)."""

    def __init__(self, path: Path, read: set[str] | None = None, bookmarks: list[str] | None = None):
        self.path = path
        self.read: set[str] = read or set()
        self.bookmarks: list[str] = bookmarks or []
        self._warned = False

    @classmethod
    def load(cls, directory: Path | None = None) -> tuple[ReadingState, str | None]:
        """The saved state, or an empty one plus a message saying why it could not be read.

        A corrupt file is kept beside as `state.json.corrupt` rather than silently overwritten.
        """
        path = (directory or data_dir()) / STATE_FILE
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(path), None
        except OSError as exc:
            return cls(path), f"Cannot read reading state {path}: {exc.strerror}"
        try:
            doc = json.loads(raw)
            read = {str(i) for i in doc.get("read", [])}
            bookmarks = list(dict.fromkeys(str(i) for i in doc.get("bookmarks", [])))
        except (ValueError, TypeError, AttributeError):
            backup = path.with_name(STATE_FILE + ".corrupt")
            try:
                os.replace(path, backup)
                where = f"kept as {backup.name}"
            except OSError:
                where = "left in place"
            return cls(path), f"Reading state was corrupt ({where}); starting with none"
        return cls(path, read, bookmarks), None

    def save(self) -> str | None:
        """Persist; a message (once) when the file cannot be written, else None."""
        doc = {"version": VERSION, "read": sorted(self.read), "bookmarks": self.bookmarks}
        try:
            atomic_write(self.path, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        except OSError as exc:
            if self._warned:
                return None
            self._warned = True
            return f"Cannot save reading state to {self.path}: {exc.strerror or exc}"
        self._warned = False
        return None

    def is_read(self, article_id: str) -> bool:
        return article_id in self.read

    def is_bookmarked(self, article_id: str) -> bool:
        return article_id in self.bookmarks

    def mark_read(self, article_id: str) -> bool:
        """True when this changed anything."""
        if article_id in self.read:
            return False
        self.read.add(article_id)
        return True

    def toggle_bookmark(self, article_id: str) -> bool:
        """True when the article is now bookmarked."""
        if article_id in self.bookmarks:
            self.bookmarks.remove(article_id)
            return False
        self.bookmarks.insert(0, article_id)
        return True
