"""Parse results taken in file order from the worker pool are let go of once taken: a cold build's
parent must not hold every article's body and index features until the last file is parsed."""

from __future__ import annotations

import gc
import weakref

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
