"""An entity's articles as the index holds them: article numbers, read as ids when asked.

The lexicon's names are in most articles of a news archive (中国, 美国 each in thousands), so the
entities' article lists grow with the archive: ~27 per article, 2.7 M at 100k. Stored as id
strings (17 bytes each) they were most of the index's meta (47 MB at 100k), read and checksummed
by every process that opened the index and decoded into strings by every warm open. They are
stored as `array('I')` of article numbers (4 bytes each, under the meta's checksum), read in
place (a memoryview) and turned into ids only when a list is read (the names panel, `names`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import Any, overload

import msgspec


class ArticleIds(Sequence[str]):
    """The ids of articles `numbers` (ascending) among `ids`, the index's article ids."""

    __slots__ = ("ids", "numbers")

    def __init__(self, ids: Sequence[str], numbers: Sequence[int]) -> None:
        self.ids, self.numbers = ids, numbers

    def __len__(self) -> int:
        return len(self.numbers)

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

    __hash__ = None  # type: ignore[assignment]  (a list's equality: no hash)

    def __repr__(self) -> str:
        return repr(list(self))


class StoredEntity(msgspec.Struct, gc=False):
    """A names.Entity as the index stores it: its article numbers in place of its ids (the same
    field names, so indexmapped's entities without their articles decode either)."""

    key: str
    name: str
    kind: str
    aliases: list[str]
    articles: bytes  # array('I') of article numbers, ascending, in this machine's byte order


def encode_entities(entities: Sequence[Any], ids: Sequence[str]) -> bytes:
    """The names.Entity list of an index whose articles are `ids`, for its meta."""
    number: dict[str, int] | None = None
    stored = []
    for e in entities:
        if isinstance(e.articles, ArticleIds) and e.articles.ids is ids:
            numbers = array("I", e.articles.numbers)
        else:  # an entity made elsewhere: its ids looked up
            number = number if number is not None else {a: n for n, a in enumerate(ids)}
            numbers = array("I", sorted(number[a] for a in e.articles))
        stored.append(StoredEntity(e.key, e.name, e.kind, e.aliases, numbers.tobytes()))
    return msgspec.msgpack.encode(stored)


def stored_articles(entity: StoredEntity, ids: Sequence[str]) -> ArticleIds:
    """A stored entity's articles, read in place. ValueError (or TypeError: a size that is no
    multiple of 4) when they are damaged."""
    numbers: Any = memoryview(entity.articles).cast("I")
    if len(numbers) and numbers[-1] >= len(ids):  # ascending: the last is the largest
        raise ValueError("an entity names an article the index does not hold")
    return ArticleIds(ids, numbers)
