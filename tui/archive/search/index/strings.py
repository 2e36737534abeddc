"""Many strings held as one: joined, with where each starts, each cut out when it is read.

    column = Strings.of(titles)         # to store: column.parts() -> (joined, starts)
    column = Strings(joined, starts)    # as an index file stores them: no string made per item
    column[i], len(column), list(column)
    column.hold(values)                 # equal strings held elsewhere (the archive's), from now on
    Chain(aliases, column, titled)      # sequences one after the other, read in place

Decoding an index file's 300k titles made 300k strings (~75 ms, and ~50 bytes each besides their
text); one joined string decodes in milliseconds. (One character beyond the Basic Multilingual
Plane, an emoji, makes a whole joined string four bytes a character, as it would that one title.)
A search reads few of them: the hits it shows, the titles where pinyin is found.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import overload

SEP = "\n"


class Strings(Sequence[str]):
    """Strings 0..n-1, cut from `joined` (each followed by SEP but the last) at `starts`."""

    __slots__ = ("_held",)

    def __init__(self, joined: str, starts: array) -> None:
        """ValueError when `starts` cannot be where `joined`'s strings start."""
        if (len(starts) and (starts[0] != 0 or starts[-1] > len(joined))) or (not len(starts) and joined):
            raise ValueError("the strings do not agree with their places")
        # one attribute, read once by each reader: `hold` swaps it whole while searches read
        self._held: tuple[str, array] | list[str] = (joined, starts)

    @classmethod
    def of(cls, strings: Sequence[str]) -> Strings:
        starts = array("Q", accumulate((len(s) + len(SEP) for s in strings[:-1]), initial=0)
                       ) if strings else array("Q")
        return cls(SEP.join(strings), starts)

    def parts(self) -> tuple[str, array]:
        """(joined, starts), as stored."""
        held = self._held
        return held if isinstance(held, tuple) else Strings.of(held).parts()

    def hold(self, values: list[str]) -> None:
        """Read `values` from now on (equal strings: the archive's own, so the joined text can go)."""
        if len(values) != len(self):
            raise ValueError("not as many strings")
        self._held = values

    def __len__(self) -> int:
        held = self._held
        return len(held) if isinstance(held, list) else len(held[1])

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        held = self._held
        if isinstance(held, list):
            return held[i]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        joined, starts = held
        if i < 0:
            i += len(starts)
            if i < 0:
                raise IndexError("index out of range")
        at = starts[i]  # (IndexError past the end, as a list's)
        return joined[at:starts[i + 1] - len(SEP)] if i + 1 < len(starts) else joined[at:]

    def __iter__(self) -> Iterator[str]:
        held = self._held
        if isinstance(held, list):
            return iter(held)
        joined, starts = held
        parts = joined.split(SEP) if len(starts) else []
        if len(parts) == len(starts):  # (no string holds SEP: split in one call)
            return iter(parts)
        return (self[i] for i in range(len(starts)))


def chained(a: Sequence[str], b: Sequence[str]) -> Sequence[str]:
    """a's strings then b's, as one column (a base's then its delta's)."""
    if isinstance(a, Strings) and isinstance(b, Strings) and len(a) and len(b):
        (ja, sa), (jb, sb) = a.parts(), b.parts()
        shift = len(ja) + len(SEP)
        return Strings(ja + SEP + jb, sa + array("Q", (s + shift for s in sb)))
    return [*a, *b]


class Chain(Sequence[str]):
    """Sequences one after the other, read in place."""

    __slots__ = ("_ends", "_parts")

    def __init__(self, *parts: Sequence[str]) -> None:
        self._parts = parts
        self._ends = list(accumulate(map(len, parts)))

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        k = bisect_right(self._ends, i)
        if i < 0 or k == len(self._parts):
            raise IndexError("index out of range")
        return self._parts[k][i - (self._ends[k - 1] if k else 0)]
