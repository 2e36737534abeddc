"""Many needles found in one text at once: what the index build matches every name alias with,
in the parse workers (lexicon.py) and over the written texts (textindex.TextIndex.match_all)."""

from __future__ import annotations

import gc
import os
import threading
from array import array
from collections.abc import Callable, Sequence

import ahocorasick_rs
import msgspec

_ALNUM_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")
#: Fewer texts than this are read in one process (a fork costs more than it saves).
FORK_MIN = 2000
_ITEM = array("I").itemsize


class Needles:
    """Many needles (folded) found in one text at once: one Aho-Corasick pass (ahocorasick_rs, in
    Rust, over the UTF-8 bytes), Latin needles only at word boundaries, as `contains` does."""

    def __init__(self, needles: Sequence[str]) -> None:
        keys = [n.encode("utf-8", "surrogatepass") for n in needles]  # as textindex.encode
        self._edges = [(k[0] in _ALNUM_BYTES, k[-1] in _ALNUM_BYTES) for k in keys]
        self._find = ahocorasick_rs.BytesAhoCorasick(keys).find_matches_as_indexes if keys else None

    def found_in(self, hay: bytes) -> list[int]:
        """The numbers of the needles `hay` (folded UTF-8) holds, each once, in order of first match."""
        if self._find is None:
            return []
        size = len(hay)
        edges = self._edges
        seen: set[int] = set()
        out: list[int] = []
        for p, start, stop in self._find(hay, overlapping=True):
            if p in seen:
                continue
            first, last = edges[p]
            if (first and start > 0 and hay[start - 1] in _ALNUM_BYTES) or (
                    last and stop < size and hay[stop] in _ALNUM_BYTES):
                continue  # inside a longer Latin word: another occurrence may still count
            seen.add(p)
            out.append(p)
        return out


def articles_holding(needles: Sequence[str], hay: Callable[[int], bytes], among: Sequence[int]
                     ) -> list[array]:
    """For each needle, the articles of `among` (numbers, in order, as an `array('I')`) whose text
    (`hay(i)`) holds it. Arrays, not lists of ints: a build holds every alias's answer at once,
    and at 36 bytes an article number (a pointer and an int object) those lists were the build's
    largest holding (~3.5 KB an article), where an array takes 4 bytes.

    The index build reads every text once for the archive's own aliases after the parse, when the
    parse workers are done and one core is idle: the second half of the texts is read in a forked
    process meanwhile (where forking is safe: no other thread runs), its answer sent back through
    a pipe (each array's bytes, in MessagePack). Same answer as one pass; if the fork fails the
    half is read here.
    The child shares the parent's pages (copy on write) and writes few of them, but it is counted
    at the parent's size by tools that add up resident memory (bench's "all processes").
    """
    matcher = Needles(needles)
    half = len(among) // 2
    if len(among) < FORK_MIN or os.name != "posix" or threading.active_count() != 1:
        return holding_here(matcher, len(needles), hay, among)
    try:
        read, write = os.pipe()
        pid = os.fork()
    except OSError:
        return holding_here(matcher, len(needles), hay, among)
    if pid == 0:  # the child: read the second half, send it, leave without cleaning up the parent's state
        code = 1
        try:
            gc.disable()  # a collection would touch (and so copy) every page of the parent's heap
            os.close(read)
            data = msgspec.msgpack.encode([a.tobytes() for a in holding_here(matcher, len(needles), hay,
                                                                             among[half:])])
            with os.fdopen(write, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    try:
        first = holding_here(matcher, len(needles), hay, among[:half])
        with os.fdopen(read, "rb") as got:
            data = got.read()
    finally:
        _, status = os.waitpid(pid, 0)
    raws: list[bytes] | None = None
    if status == 0:
        try:
            raws = msgspec.msgpack.decode(data, type=list[bytes])
        except msgspec.DecodeError:
            raws = None
    del data
    if raws is None or len(raws) != len(needles) or any(len(r) % _ITEM for r in raws):
        second = holding_here(matcher, len(needles), hay, among[half:])
        return [a + b for a, b in zip(first, second, strict=True)]
    for a, raw in zip(first, raws, strict=True):  # the second half after the first, in place
        a.frombytes(raw)
    return first


def holding_here(matcher: Needles, count: int, hay: Callable[[int], bytes], among: Sequence[int]
                 ) -> list[array]:
    """`articles_holding` in this process, for the `count` needles of `matcher`."""
    found = [array("I") for _ in range(count)]
    found_in = matcher.found_in
    for i in among:
        for p in found_in(hay(i)):
            found[p].append(i)
    return found
