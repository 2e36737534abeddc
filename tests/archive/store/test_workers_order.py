"""Parse results taken in file order from the worker pool are let go of once taken: a cold build's
parent must not hold every article's body and index features until the last file is parsed."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import overload

from tui.archive.store import workers


class Box:
    """A result that can be watched (weakref) after the parent took it."""

    def __init__(self, n: int) -> None:
        self.n = n


def _boxes(chunk: list[int]) -> list[Box]:
    return [Box(n) for n in chunk]


def test_results_taken_in_order_are_freed_as_they_are_used() -> None:
    taken: list[weakref.ref[Box]] = []
    alive_at_end_of_each_chunk = []
    for box in workers._in_pool(_boxes, list(range(400)), 2, None, ordered=True):
        assert box.n == len(taken)  # in order
        taken.append(weakref.ref(box))
        del box
        if len(taken) % 50 == 0:
            gc.collect()
            alive_at_end_of_each_chunk.append(sum(r() is not None for r in taken))
    assert len(taken) == 400
    # at most the chunk being read is alive (chunks of 25 here), never everything read so far
    assert max(alive_at_end_of_each_chunk) <= 50


def _noted(chunk: list[int], spool: str) -> list[int]:
    with open(spool, "a", encoding="ascii") as fh:  # one short line per chunk: an atomic append
        fh.write(f"{len(chunk)}\n")
    return chunk


def test_workers_run_only_a_few_chunks_ahead_of_a_slow_parent(tmp_path: Path) -> None:
    """A parent slower than its workers (it writes the cache and gathers postings) does not have
    every finished chunk's results waiting in its memory: the pool is handed a few chunks at a time."""
    spool = tmp_path / "parsed"
    spool.touch()
    items, workers_n = list(range(2000)), 2
    most_ahead = 0
    for taken, n in enumerate(workers._in_pool(_noted, items, workers_n, None, str(spool), ordered=True), 1):
        assert n == taken - 1
        if taken % 100 == 0:
            time.sleep(0.05)  # the parent's own work; the workers meanwhile finish what they hold
            parsed = sum(map(int, spool.read_text(encoding="ascii").split()))
            most_ahead = max(most_ahead, parsed - taken)
    size = max(8, min(128, -(-len(items) // (workers_n * 8))))  # workers._in_pool's chunk size
    assert 0 < most_ahead <= (workers_n * workers.AHEAD + 1) * size < len(items) // 2


class Lazy(Sequence[int]):
    """Items read when sliced (as cached bodies are when re-indexed), each slice noted."""

    def __init__(self, n: int) -> None:
        self.n, self.read = n, 0

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        if isinstance(i, slice):
            taken = list(range(self.n))[i]
            self.read += len(taken)
            return taken
        self.read += 1
        return i


def _doubled(chunk: list[int]) -> list[int]:
    return [2 * n for n in chunk]


def test_items_are_read_as_their_chunks_are_handed_out_not_all_at_first() -> None:
    # re-indexing a 300k archive from its cache held every body (~1 GB) before the first chunk
    # went to a worker: now a chunk's items are read as it is handed out
    items = Lazy(4000)
    results = workers._in_pool(_doubled, items, 2, None, ordered=True)
    assert next(results) == 0
    assert items.read < 4000 / 2  # ahead: a few chunks per worker, not everything
    assert [0, *results] == [2 * n for n in range(4000)]
    assert items.read == 4000
