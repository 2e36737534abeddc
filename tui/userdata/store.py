"""One small JSON document store: each of the user's files (state.json, saved.json, history.json)
is a `Document` in the data directory.

    doc = Document(path, "saved searches", parse, dump, count)
    value, problem = doc.load()                # problem: why not all of it could be read, or None
    value, problem = doc.change(lambda v: ...) # read-modify-write under the lock; (None, why) if
                                               # it could not be written

The file is `{"version": 1, FIELD: ..., ...}`. `parse(doc)` turns the decoded document (a dict,
or None when the bytes are not a JSON object) into (the value that could be read, whether that was
all of it); `dump(value)` gives the fields to write; `count(value)` says how many entries a value
holds (for messages).

- Writes are atomic (a temp file beside, fsync, `os.replace`, fsync the directory:
  archive/store/files.py), so a reader or a kill never sees half a file.
- Several instances may run at once: every change is a read-modify-write under an exclusive
  `flock` on `NAME.lock`, so one instance never drops another's entries.
- A damaged file never stops anything and is never lost: it is moved aside as `NAME.corrupt.1`,
  `.corrupt.2`, ... (never over an earlier one), what could be read of it is kept and written
  back, and the problem says so in one line.
- A data directory that cannot be read or written (missing, read-only, full) gives a message and
  changes nothing on disk; the caller keeps its values in memory.
- Temp files left by a process killed mid-write (`.NAME.XXXXXXXX.tmp`, ours only) are removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from ..archive.store.files import atomic_write, locked

__all__ = ["MAX_KEPT", "STALE_UNLOCKED", "VERSION", "Document", "entries_format"]

VERSION = 1
MAX_KEPT = 999  # damaged copies kept beside a file (NAME.corrupt.1 ... .999); then left in place
STALE_UNLOCKED = 3600.0  # seconds: where the lock cannot be taken, only temp files this old are stale

T = TypeVar("T")


class Document(Generic[T]):
    """A JSON document file: read tolerantly, changed under a lock, damage kept aside."""

    def __init__(self, path: Path, what: str, parse: Callable[[dict | None], tuple[T, bool]],
                 dump: Callable[[T], dict], count: Callable[[T], int]) -> None:
        self.path, self.what, self.parse, self.dump, self.count = path, what, parse, dump, count
        # What tempfile.mkstemp(prefix=".NAME.", suffix=".tmp") makes: 8 characters of its alphabet.
        self._temp_name = re.compile(re.escape(f".{path.name}.") + r"[a-z0-9_]{8}\.tmp")

    def load(self) -> tuple[T, str | None]:
        """The value, and why not all of it when the file is damaged or unreadable."""
        self._remove_stale_temps()
        try:
            value, problem = self._read(keep_aside=False)
        except OSError as exc:
            return self.parse({})[0], f"Cannot read {self.what} in {self.path}: {exc.strerror or exc}"
        if problem and self.path.exists():  # damaged: look again under the lock, and keep it aside
            try:
                with locked(self._lock()):
                    value, problem = self._read(keep_aside=True)
                    if problem and self.count(value) and not self.path.exists():
                        self._write(value)  # what could be read stays where it was
            except OSError:
                pass  # cannot lock (read-only data dir): cannot move it either; the message stands
        return value, problem

    def change(self, change: Callable[[T], T]) -> tuple[T | None, str | None]:
        """Apply `change` to the value on disk and write it: (the value now, a message about damage
        met on the way), or (None, why it could not be written: the file is then unchanged)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with locked(self._lock()):
                value, problem = self._read(keep_aside=True)  # damaged: kept aside, never overwritten
                value = change(value)
                self._write(value)
        except OSError as exc:
            return None, (f"Cannot save {self.what} to {self.path}: {exc.strerror or exc}"
                          " (the file there is unchanged)")
        return value, problem

    def _read(self, keep_aside: bool) -> tuple[T, str | None]:
        """The value and, when the file is damaged, why; OSError when it cannot be read.
        `keep_aside` (with the lock held): move a damaged file aside."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return self.parse({})[0], None
        try:
            doc = json.loads(raw)
        except ValueError:  # also UnicodeDecodeError
            doc = None
        value, whole = self.parse(doc if isinstance(doc, dict) else None)
        if whole:
            return value, None
        where = self._keep_aside() if keep_aside else "left in place"
        return value, (f"{self.what[:1].upper()}{self.what[1:]} in {self.path}: the file was damaged"
                       f" ({where}); {self.count(value)} could be read")

    def _keep_aside(self) -> str:
        """Move the file to the first free `NAME.corrupt.N` (the lock is held): never over another."""
        for n in range(1, MAX_KEPT + 1):
            aside = self.path.with_name(f"{self.path.name}.corrupt.{n}")
            if aside.exists() or aside.is_symlink():
                continue
            try:
                os.replace(self.path, aside)
            except OSError:
                return "left in place"
            return f"kept as {aside.name}"
        return "left in place"

    def _write(self, value: T) -> None:
        doc = {"version": VERSION, **self.dump(value)}
        atomic_write(self.path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode())
        self._remove_stale_temps(locked_now=True)

    def _remove_stale_temps(self, locked_now: bool = False) -> None:
        """Remove this file's temps left by a write that was killed; never any other file. Under
        the lock no write of ours is between mkstemp and replace, so all of them are stale."""
        try:
            stale = [p for p in self.path.parent.iterdir() if self._temp_name.fullmatch(p.name)]
        except OSError:
            return
        if not stale:
            return
        try:
            with contextlib.ExitStack() as stack:
                held = locked_now or stack.enter_context(locked(self._lock()))
                cutoff = None if held else time.time() - STALE_UNLOCKED
                for temp in stale:
                    with contextlib.suppress(OSError):
                        if cutoff is None or temp.lstat().st_mtime < cutoff:
                            temp.unlink()
        except OSError:
            return  # cannot lock (read-only dir, ...): cannot remove either

    def _lock(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")


def entries_format(key: str, entry: Callable[[object], T | None], dump: Callable[[T], object]
                   ) -> tuple[Callable[[dict | None], tuple[list[T], bool]], Callable[[list[T]], dict]]:
    """(parse, dump) for a store.Document `{"version": 1, KEY: [entries]}`: the entries `entry`
    accepts are read, the others dropped (and the file then counts as damaged)."""
    def parse(doc: dict | None) -> tuple[list[T], bool]:
        values = doc.get(key) if doc is not None else None
        if not isinstance(values, list):
            return [], False
        entries = [e for v in values if (e := entry(v)) is not None]
        return entries, len(entries) == len(values)

    return parse, lambda entries: {key: [dump(e) for e in entries]}
