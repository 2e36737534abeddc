"""Writing files so that no reader, other instance or kill ever sees half of one.

Every file newstui keeps (the cache, the search index, the reading state, saved searches) is
written to a temp file beside it, fsynced and renamed over it (`os.replace` is atomic), with the
directory fsynced after; writers that read-modify-write take an exclusive `flock` on a lock file
beside it. Readers never lock: a rename is atomic and an open descriptor keeps the old file alive.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: atomic replace still protects readers
    fcntl = None  # type: ignore[assignment]

__all__ = ["atomic_write", "creation_mode", "fsync_dir", "locked", "pread", "pwrite", "remove_stale_temps",
           "temp_beside"]

#: Filesystems that cannot lock (some network ones) say so with these: carry on without the lock.
_NO_LOCKING = {errno.ENOLCK, errno.EINVAL, errno.EOPNOTSUPP, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}


def pread(fd: int, size: int, offset: int) -> bytes:
    """`size` bytes at `offset`, fewer only at the end of the file."""
    data = os.pread(fd, size, offset)
    while len(data) < size:  # pread may return short on some filesystems
        more = os.pread(fd, size - len(data), offset + len(data))
        if not more:
            break
        data += more
    return data


def pwrite(fd: int, data: bytes, offset: int) -> int:
    """Write all of `data` at `offset` (pwrite may write less); its length."""
    view = memoryview(data)  # slices of a view: no copies when a write is short
    done = 0
    while done < len(data):
        done += os.pwrite(fd, view[done:], offset + done)
    return done


@contextlib.contextmanager
def locked(lock_file: Path, mode: int | None = None) -> Iterator[bool]:
    """Hold an exclusive flock on `lock_file` (created if need be, 0600 or `mode` less the umask: a
    shared index dir's writers may be a group); yields False where the filesystem cannot lock (the
    caller still has atomic replace). OSError when the lock file cannot be opened (an unwritable or
    missing directory)."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600 if mode is None else mode)
    try:
        held = False
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                held = True
            except OSError as exc:
                if exc.errno not in _NO_LOCKING:
                    raise
        yield held
    finally:
        os.close(fd)  # closing releases the lock


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable (where the platform allows)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def temp_beside(path: Path, prefix: str | None = None, mode: int | None = None) -> tuple[int, Path]:
    """A new temp file in `path`'s directory (created if need be): (descriptor, its path). Its
    mode is 0600 (mkstemp's), or `mode` (a shared index's files, which other users read)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix or path.name + ".", suffix=".tmp")
    if mode is not None and hasattr(os, "fchmod"):  # (not on Windows before Python 3.13)
        try:
            os.fchmod(fd, mode)
        except BaseException:
            os.close(fd)
            os.unlink(tmp)
            raise
    return fd, Path(tmp)


def creation_mode() -> int:
    """The mode the umask gives a new ordinary file (0o644 under umask 022): read from
    /proc/self/status where Linux says it, else by setting the umask and putting it back."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace `path` with `data`: temp file beside it, fsync, `os.replace`, fsync the directory.
    OSError when it cannot be written; the old file is then untouched and no temp file is left.
    `mode`: as `temp_beside`'s (default 0600)."""
    fd, tmp = temp_beside(path, f".{path.name}.", mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def remove_stale_temps(directory: Path, pattern: str, older_than: float | None) -> None:
    """Remove temp files matching `pattern` in `directory` left by a process killed mid-write:
    those older than `older_than` seconds, or all of them when None (the caller holds the lock,
    so no write of its kind is in progress)."""
    cutoff = None if older_than is None else time.time() - older_than
    for tmp in directory.glob(pattern):
        with contextlib.suppress(OSError):
            if cutoff is None or tmp.stat().st_mtime < cutoff:
                tmp.unlink()
