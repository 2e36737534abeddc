"""Where each article's body is: in a cache file, read on demand with one checked `pread`, or held
in memory (`BodyStore`); and the collector paused while many structs are decoded (`no_gc`)."""

from __future__ import annotations

import contextlib
import gc
import os
import weakref
import zlib
from collections.abc import Iterator

from .files import pread


def read_checked(fd: int, at: int, length: int, crc: int) -> bytes | None:
    """Bytes [at, at+length) of the file, or None if they cannot be read or fail their checksum."""
    try:
        data = pread(fd, length, at)
    except OSError:
        return None
    return data if len(data) == length and zlib.crc32(data) == crc else None


Location = tuple[int, int, int, int] | bytes  # (fd, offset, length, crc) or the bytes themselves


class BodyStore:
    """Raw (encoded) bodies by article id: in a cache file, read on demand, or held in memory.

    It owns the descriptors given to `own` and closes them when it is garbage-collected.
    """

    def __init__(self) -> None:
        self._where: dict[str, Location] = {}
        self._fds: list[int] = []
        self._finalizer = weakref.finalize(self, _close_all, self._fds)

    def own(self, fd: int) -> None:
        self._fds.append(fd)

    def in_file(self, article_id: str, fd: int, at: int, length: int, crc: int) -> None:
        self._where[article_id] = (fd, at, length, crc)

    def in_memory(self, article_id: str, data: bytes) -> None:
        self._where[article_id] = data

    def raw(self, article_id: str) -> bytes | None:
        """The encoded body, or None when unknown or unreadable (the caller re-parses)."""
        where = self._where.get(article_id)
        if where is None or isinstance(where, bytes):
            return where
        return read_checked(*where)

    def close(self) -> None:
        self._finalizer()


def _close_all(fds: list[int]) -> None:
    while fds:
        with contextlib.suppress(OSError):
            os.close(fds.pop())


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """The collector off while 100k+ structs are decoded at once: it would scan them again and again
    for cycles they cannot have (a third of a warm open at 100k)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
