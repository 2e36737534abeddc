"""Turns between what a reader waits for (a search) and background work in the same process
(the app's loading worker decoding a large cache, scanning its files).

Python runs one thread at a time, and a thread that lets the interpreter go (to read a file, to
checksum a text) waits up to the switch interval (5 ms) to have it back while another thread
computes. A search typed in the app while its loading worker decoded a 300k-article cache got a
tenth of the interpreter: 0.5 s of work took 5.5 s. Background loops call `turn()` between
pieces of their work (a folder scanned, a thousand records decoded); while a foreground task
runs (`foreground()`), they wait there without holding the interpreter. The search runs as if
alone, and the background work goes on as soon as it is done.

    with turns.foreground():    # the search (any thread)
        ...
    turns.turn()                # a background loop, between pieces
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

WAIT = 2.0  # the longest a background piece waits (a foreground task that never ends stops nothing)

_lock = threading.Lock()
_free = threading.Event()
_free.set()
_running = 0  # foreground tasks running now


@contextmanager
def foreground() -> Iterator[None]:
    """Background work waits at its next `turn()` until this block is done."""
    global _running
    with _lock:
        _running += 1
        _free.clear()
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if not _running:
                _free.set()


def _reset() -> None:
    """In a forked child (a scan's process): no search of the parent's runs there."""
    global _running
    _running = 0
    _free.set()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset)


def turn() -> None:
    """Between two pieces of background work: wait while a foreground task runs."""
    if not _free.is_set():
        _free.wait(WAIT)
