"""Where each article's body is: in a cache file, read on demand with one checked `pread`, or held
in memory (`BodyStore`); and the collector paused while many structs are decoded (`no_gc`)."""

from __future__ import annotations

import contextlib
import gc
import os
import weakref
import zlib
from collections.abc import Iterator
from typing import Protocol

from .files import pread


def read_checked(fd: int, at: int, length: int, crc: int) -> bytes | None:
    """Bytes [at, at+length) of the file, or None if they cannot be read or fail their checksum."""
    try:
        data = pread(fd, length, at)
    except OSError:
        return None
    return data if len(data) == length and zlib.crc32(data) == crc else None


class Placed(Protocol):
    """Where a body lies in its cache file (a cache.Entry)."""

    body_at: int
    body_len: int
    body_crc: int


class BodyStore:
    """Raw (encoded) bodies by article id: in one cache file, read on demand, or held in memory.

    It owns the descriptor given to `own` (the cache file the bodies are read from) and closes it
    when it is garbage-collected. A body in the file is known by its cache record (no tuple of its
    own: ~70 bytes an article).
    """

    def __init__(self) -> None:
        self._where: dict[str, Placed | bytes] = {}
        self._fds: list[int] = []
        self._finalizer = weakref.finalize(self, _close_all, self._fds)

    def own(self, fd: int) -> None:
        """The cache file's descriptor: bodies `in_file` are read from it."""
        self._fds.append(fd)

    def in_file(self, article_id: str, placed: Placed) -> None:
        self._where[article_id] = placed

    def in_memory(self, article_id: str, data: bytes) -> None:
        self._where[article_id] = data

    def raw(self, article_id: str) -> bytes | None:
        """The encoded body, or None when unknown or unreadable (the caller re-parses)."""
        where = self._where.get(article_id)
        if where is None or isinstance(where, bytes):
            return where
        if not self._fds:
            return None
        return read_checked(self._fds[-1], where.body_at, where.body_len, where.body_crc)

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
