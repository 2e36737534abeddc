"""An entity's articles as the index holds them: article numbers, read as ids when asked.

The lexicon's names are in most articles of a news archive (中国, 美国 each in thousands), so the
entities' article lists grow with the archive: ~27 per article, 2.7 M at 100k. Stored as id
strings (17 bytes each) they were most of the index's meta (~47 MB at 100k), read and checksummed
by every process that opened the index and decoded into strings by every warm open. They are
stored as the gaps between article numbers, `array('I')` zlib'd (~1 byte each: most gaps are
small), with their count; a list is unpacked when first read (the names panel, `names`), never
at open.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate
from operator import sub
from typing import Any, overload

import msgspec


class ArticleIds(Sequence[str]):
    """The ids of articles `numbers` (ascending) among `ids`, the index's article ids; or of
    `count` numbers packed as the index stores them (`packed`), unpacked when first read."""

    __slots__ = ("_count", "_damage", "_numbers", "_raw", "ids")

    def __init__(self, ids: Sequence[str], numbers: Sequence[int]) -> None:
        self.ids, self._count = ids, len(numbers)
        self._numbers: Sequence[int] | None = numbers
        self._raw = b""
        self._damage: Callable[[str], None] | None = None

    @classmethod
    def packed(cls, ids: Sequence[str], count: int, raw: bytes,
               damage: Callable[[str], None] | None = None) -> ArticleIds:
        """`count` articles stored as `pack` made them; `damage` hears of numbers that do not
        unpack (the list is then empty: the index is rebuilt at the next open)."""
        got = cls(ids, ())
        got._numbers, got._count, got._raw, got._damage = None, count, raw, damage
        return got

    @property
    def numbers(self) -> Sequence[int]:
        if self._numbers is None:
            self._numbers = self._unpack()
        return self._numbers

    def _unpack(self) -> Sequence[int]:
        try:
            numbers: array | None = array("I", accumulate(array("I", zlib.decompress(self._raw))))
        except (zlib.error, ValueError, OverflowError):
            numbers = None
        if numbers is None or len(numbers) != self._count or (numbers and numbers[-1] >= len(self.ids)):
            if self._damage is not None:
                self._damage("the search index's names name articles it does not hold")
            self._count = 0
            return array("I")
        return numbers

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self.ids[n] for n in self.numbers[i]]
        return self.ids[self.numbers[i]]

    def __iter__(self) -> Iterator[str]:
        return map(self.ids.__getitem__, self.numbers)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (a list's equality: no hash)

    def __repr__(self) -> str:
        return repr(list(self))


def pack(numbers: Sequence[int]) -> bytes:
    """Ascending article numbers as the index stores them: the first, then the gaps, zlib'd."""
    gaps = array("I", numbers[:1])
    gaps.extend(map(sub, numbers[1:], numbers[:-1]))
    return zlib.compress(gaps.tobytes(), 1)


class StoredEntity(msgspec.Struct, gc=False):
    """A names.Entity as the index stores it: its article numbers packed in place of its ids (the
    same field names, so indexmapped's entities without their articles decode either)."""

    key: str
    name: str
    kind: str
    aliases: list[str]
    count: int
    articles: bytes  # `pack`ed article numbers


def encode_entities(entities: Sequence[Any], ids: Sequence[str]) -> bytes:
    """The names.Entity list of an index whose articles are `ids`, for its meta."""
    number: dict[str, int] | None = None
    stored = []
    for e in entities:
        if isinstance(e.articles, ArticleIds) and e.articles.ids is ids:
            numbers = e.articles.numbers
        else:  # an entity made elsewhere: its ids looked up
            number = number if number is not None else {a: n for n, a in enumerate(ids)}
            numbers = sorted(number[a] for a in e.articles)
        stored.append(StoredEntity(e.key, e.name, e.kind, e.aliases, len(numbers), pack(numbers)))
    return msgspec.msgpack.encode(stored)


def stored_articles(entity: StoredEntity, ids: Sequence[str], damage: Callable[[str], None] | None = None
                    ) -> ArticleIds:
    """A stored entity's articles, unpacked when first read (`damage` hears if they do not)."""
    if entity.count < 0:
        raise ValueError("the search index's names are damaged")
    return ArticleIds.packed(ids, entity.count, entity.articles, damage)
