"""Giving the memory a process has freed back to the system, between the stages of a cold build.

Python hands its large blocks (arrays, sets' tables, bytes) to the C library's malloc, and glibc
keeps what they free inside its heap for reuse: pages freed in the middle of the heap stay
resident. A cold build frees a lot at once between stages (the posting lists kept in memory once
they are merged into the index file, each stage's transient answers), then grows again, so its
resident memory is the sum of its stages' peaks rather than the largest of them. `give_back` asks
glibc to return those free pages (`malloc_trim`); elsewhere (macOS, musl) it does nothing.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from collections.abc import Callable


@functools.cache
def _trim() -> Callable[[int], int] | None:
    """glibc's `malloc_trim`, or None where the C library has none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL(None).malloc_trim  # (the C library this process runs on)
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim  # type: ignore[no-any-return]


def give_back() -> None:
    """Return the free pages of the C heap to the system (a few ms on a heap of hundreds of MB)."""
    trim = _trim()
    if trim is not None:
        trim(0)
