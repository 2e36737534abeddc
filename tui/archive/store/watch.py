"""Has anything under an archive's roots changed since we began watching? (Linux inotify.)

    watch = Watch.start(roots)     # None where the kernel cannot tell us (then stat every file)
    ...                            # prove the files current once (stamps.py)
    watch.changed()                # True once any file or folder was touched, added, removed, moved

Why: `newstui serve` answers a search in milliseconds, but proving the files unchanged costs a stat
of every file (~0.1 s for 14k files, 0.5 s of CPU per 100k): more than the search. The kernel tells
a watcher of every change instead, so the proof is made once when the index is opened and the
watcher says when it no longer holds. Any event, an overflowed queue or a watch that could not be
set counts as a change: the caller then checks the files the slow way, never answers from a stale
index. No dependency: three libc calls through ctypes.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import sys
from collections.abc import Iterable

# inotify(7): what counts as a change of an article file or of a folder's list of files
_MASK = (0x2 | 0x4 | 0x8 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800)
# IN_MODIFY IN_ATTRIB IN_CLOSE_WRITE IN_MOVED_FROM IN_MOVED_TO IN_CREATE IN_DELETE IN_DELETE_SELF
# IN_MOVE_SELF (IN_Q_OVERFLOW and IN_IGNORED are always reported, and count too)
_NONBLOCK, _CLOEXEC = os.O_NONBLOCK, 0o2000000
_MAX_WATCHES = 20_000  # beyond this many folders: stat the files instead


class Watch:
    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._changed = False

    @classmethod
    def start(cls, roots: Iterable[str]) -> Watch | None:
        """Watch every folder under `roots` (and each file named as a root); None where inotify is
        not available or a watch cannot be set (too many folders, no permission)."""
        libc = _libc()
        if libc is None:
            return None
        fd = libc.inotify_init1(_NONBLOCK | _CLOEXEC)
        if fd < 0:
            return None
        watch = cls(fd)
        try:
            for count, path in enumerate(_folders(roots), 1):
                if count > _MAX_WATCHES or libc.inotify_add_watch(fd, os.fsencode(path), _MASK) < 0:
                    watch.close()
                    return None
        except OSError:
            watch.close()
            return None
        return watch

    def changed(self) -> bool:
        """Whether anything was reported since `start` (stays True once it was)."""
        if not self._changed and self.fd >= 0:
            try:
                self._changed = bool(os.read(self.fd, 1 << 16))
            except BlockingIOError:
                pass
            except OSError:
                self._changed = True
        return self._changed or self.fd < 0

    def close(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1


def _folders(roots: Iterable[str]) -> Iterable[str]:
    """Each root that is a file, and every folder under the roots (links followed, each folder once,
    dot-folders skipped as the scan skips them)."""
    seen: set[tuple[int, int]] = set()
    for root in roots:
        if not os.path.isdir(root):
            yield root
            continue
        pending = [root]
        while pending:
            folder = pending.pop()
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            yield folder
            with os.scandir(folder) as entries:
                for entry in entries:
                    if not entry.name.startswith(".") and entry.is_dir():
                        pending.append(entry.path)


_LIBC: list[ctypes.CDLL | None] = []


def _libc() -> ctypes.CDLL | None:
    if not _LIBC:
        lib = None
        if sys.platform.startswith("linux"):
            with contextlib.suppress(OSError, AttributeError):
                try:
                    lib = ctypes.CDLL("libc.so.6", use_errno=True)
                except OSError:  # another C library (musl): ask where it is (runs ldconfig)
                    lib = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
                lib.inotify_init1.argtypes = [ctypes.c_int]
                lib.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        _LIBC.append(lib)
    return _LIBC[0]
