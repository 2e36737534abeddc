"""Posting lists built in bounded memory: past a budget, the lists held go to a run on disk.

    spill = RunFile(fd)                       # a temp file beside the index being built
    chars = SpilledPostings(spill, budget)    # Postings' `add`, in article order
    chars.add(keys, n)                        # past `budget` article numbers held: a sorted run is written
    for key, ids in chars.merged(): ...       # every key in sorted order, its whole list

Articles are numbered in the order they are added, so each run holds a slice of every list, and a
list is its runs' pieces one after the other: `merged` reads them back key by key (the runs are
sorted, so each is read front to back) and never holds more than one list at a time. The index
builder writes the merged lists into the index file, then reads them from there (`FileSlices`)
while names are found: the build's memory no longer grows with the archive's text.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Iterable, Iterator
from itertools import count, groupby, repeat

from ...store.files import pread, pwrite
from ..index.textindex import Postings

#: Article numbers held in memory per posting table before they go to a run (4 bytes each, plus
#: each key's array): ~40 MB per table at most, whatever the archive's size.
SPILL_AT = 8_000_000
_WRITE_AT = 4 << 20  # a run is written in pieces of about this many bytes


class RunFile:
    """An append-only file of runs (the caller creates and removes it)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.size = 0

    def append(self, data: bytes) -> int:
        """Write `data` at the end; where it starts."""
        at = self.size
        self.size += pwrite(self.fd, data, at)
        return at

    def read(self, at: int, size: int) -> bytes:
        return pread(self.fd, size, at) if size else b""


class _Run:
    """One spilled run: its keys (sorted) and where each key's ids are in the run file."""

    def __init__(self, keys: list[str], at: array) -> None:
        self.keys, self.at = keys, at  # at: len(keys) + 1 byte offsets in the run file


class SpilledPostings:
    """Key -> article numbers, added in increasing article order, held in memory up to `budget`
    numbers and spilled to sorted runs in `spill` beyond that."""

    def __init__(self, spill: RunFile, budget: int = SPILL_AT) -> None:
        self.spill = spill
        self.budget = budget
        self.held = Postings()
        self.count = 0  # article numbers in `held`
        self.runs: list[_Run] = []

    def add(self, keys: Iterable[str], n: int) -> None:
        """`Postings.add`: article `n` (never less than one added before) to each key's list."""
        keys = keys if isinstance(keys, (str, list)) else list(keys)
        self.held.add(keys, n)
        self.count += len(keys)
        if self.count >= self.budget:
            self._spill()

    def _spill(self) -> None:
        """Write what is held as a run, a few MB at a time (no second copy of every list held),
        and let it go."""
        keys = self.held.sorted_keys()
        lists = self.held.lists
        at = array("Q", [self.spill.size])
        data = bytearray()
        for key in keys:
            ids = lists.pop(key)
            at.append(at[-1] + len(ids) * ids.itemsize)
            data += ids
            if len(data) >= _WRITE_AT:
                self.spill.append(bytes(data))
                data.clear()
        self.spill.append(bytes(data))
        self.runs.append(_Run(keys, at))
        self.held = Postings()
        self.count = 0

    def merged(self) -> Iterator[tuple[str, array]]:
        """(key, its whole list) for every key, keys in sorted order, runs' pieces in run order;
        what is held in memory is let go of as it is read."""
        held, self.held = self.held, Postings()
        self.count = 0
        sources: list[list[str]] = [run.keys for run in self.runs] + [held.sorted_keys()]
        tagged = [zip(keys, repeat(s), count()) for s, keys in enumerate(sources)]
        last = len(self.runs)
        for key, group in groupby(heapq.merge(*tagged), key=lambda t: t[0]):
            ids = array("I")
            for _, s, k in group:
                if s == last:
                    ids.extend(held.lists.pop(key))
                else:
                    at = self.runs[s].at
                    ids.frombytes(self.spill.read(at[k], at[k + 1] - at[k]))
            yield key, ids
        self.runs = []


class FileSlices:
    """`file[a:b]` as bytes read with pread: a `StoredPostings` over a file being written, whose
    pages are not mapped (mapped pages would stay resident while names read most lists)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __getitem__(self, where: slice) -> bytes:
        start, stop = where.start or 0, where.stop
        return pread(self.fd, stop - start, start) if stop > start else b""
