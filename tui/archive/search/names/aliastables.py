"""The tables a Resolver derives from the entities, stored in the index and read back as they are.

    tables = aliaskeys.alias_tables(entities)      # derived (a build, or an index held in memory)
    raw = tables.encode()                        # stored in the index's meta (indexbuild.py)
    tables = AliasTables.stored(raw, on_damage)  # a later process: each table decoded on first use

What they hold: each alias's key (namerules.alias_key, and of its unaccented form) -> entities;
the Latin words that name an entity alone -> entities; the Chinese names the Words know (words.py)
-> entities; the Chinese aliases in entity order with their entity (what pinyin spells).
Deriving them keyed and folded 57k aliases of 23k entities in every process that opened the index
(~0.3 s of a `newstui search` on a 14k-page mirror), so the index stores them: the keys sorted
(found by bisection: no dict is built at open) with the order they were first seen (which
fuzzy matching's ties and Words' joined names follow), the entity numbers back to back in an
array('I'). MessagePack and arrays, never pickle; the meta's checksum covers them, and a table that
does not decode is reported as damage (the index is then deleted and rebuilt) and read as empty.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import accumulate
from operator import sub
from typing import Any

import msgspec


class KeyTable(Mapping[str, array]):
    """Key -> entity numbers (in the order they were added), keys found by bisection."""

    def __init__(self, keys: list[str], at: array, values: array, order: array) -> None:
        self.sorted = keys  # sorted
        self.at, self.found, self.order = at, values, order
        self._in_order: list[str] | None = None

    @classmethod
    def of(cls, mapping: Mapping[str, Iterable[int]]) -> KeyTable:
        """The table of `mapping` (its values iterated once: a set keeps the order it iterates in)."""
        first_seen = list(mapping)
        rank = sorted(range(len(first_seen)), key=first_seen.__getitem__)
        keys = [first_seen[r] for r in rank]
        lists = [array("I", mapping[k]) for k in keys]
        at = array("I", [0])
        at.extend(accumulate(map(len, lists)))
        values = array("I")
        for found in lists:
            values.extend(found)
        order = array("I", [0]) * len(rank)
        for position, r in enumerate(rank):
            order[r] = position
        return cls(keys, at, values, order)

    def _where(self, key: object) -> int:
        if not isinstance(key, str):
            return -1
        k = bisect_left(self.sorted, key)
        return k if k < len(self.sorted) and self.sorted[k] == key else -1

    def __contains__(self, key: object) -> bool:
        return self._where(key) >= 0

    def __getitem__(self, key: str) -> array:
        k = self._where(key)
        if k < 0:
            raise KeyError(key)
        return self.found[self.at[k]:self.at[k + 1]]

    def get(self, key: str, default: Any = ()) -> Any:
        k = self._where(key)
        return default if k < 0 else self.found[self.at[k]:self.at[k + 1]]

    def __iter__(self) -> Iterator[str]:
        return iter(self.sorted)

    def __len__(self) -> int:
        return len(self.sorted)

    def in_order(self) -> list[str]:
        """The keys in the order they were first added."""
        if self._in_order is None:
            keys = self.sorted
            self._in_order = [keys[k] for k in self.order]
        return self._in_order

    def encode(self) -> bytes:
        return msgspec.msgpack.encode(_Stored(self.sorted, self.at.tobytes(), self.found.tobytes(),
                                              self.order.tobytes()))

    @classmethod
    def decode(cls, raw: bytes) -> KeyTable:
        """ValueError (or msgspec's DecodeError) when `raw` is not a consistent table."""
        s = msgspec.msgpack.decode(raw, type=_Stored)
        keys, at, values, order = s.keys, array("I", s.at), array("I", s.values), array("I", s.order)
        n = len(keys)
        if len(at) != n + 1 or len(order) != n or at[0] != 0 or at[-1] != len(values) or (
                n and (max(order) >= n or max(map(sub, at[:-1], at[1:])) > 0)):
            raise ValueError("an alias table of the search index is inconsistent")
        return cls(keys, at, values, order)


class Pairs:
    """(text, entity number) in order: the Chinese aliases pinyin spells."""

    def __init__(self, texts: list[str], entities: array) -> None:
        self.texts, self.entities = texts, entities

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, k: int) -> tuple[str, int]:
        return self.texts[k], self.entities[k]

    def encode(self) -> bytes:
        return msgspec.msgpack.encode((self.texts, self.entities.tobytes()))

    @classmethod
    def decode(cls, raw: bytes) -> Pairs:
        texts, ents = msgspec.msgpack.decode(raw, type=tuple[list[str], bytes])
        entities = array("I", ents)
        if len(entities) != len(texts):
            raise ValueError("an alias table of the search index is inconsistent")
        return cls(texts, entities)


class _Stored(msgspec.Struct, array_like=True):
    keys: list[str]
    at: bytes  # array('I'), len(keys) + 1 offsets into `values`
    values: bytes  # array('I')
    order: bytes  # array('I'): position in `keys` of each key, in the order first seen


class _Raw(msgspec.Struct, array_like=True):
    aliases: msgspec.Raw
    tokens: msgspec.Raw
    words: msgspec.Raw
    han: msgspec.Raw


_EMPTY = KeyTable([], array("I", [0]), array("I"), array("I"))


class AliasTables:
    """`aliases`: alias key -> entities; `tokens`: a Latin word naming an entity alone -> entities;
    `words`: a Chinese name (folded) -> entities; `han`: each Chinese alias and its entity."""

    def __init__(self, aliases: KeyTable, tokens: KeyTable, words: KeyTable, han: Pairs) -> None:
        self._tables: dict[str, KeyTable | Pairs] = {
            "aliases": aliases, "tokens": tokens, "words": words, "han": han}
        self._raw: _Raw | None = None
        self._on_damage: Callable[[str], None] = _ignore

    @classmethod
    def stored(cls, raw: bytes, on_damage: Callable[[str], None]) -> AliasTables:
        """The tables as `encode` wrote them, each decoded when first asked for (msgspec's
        DecodeError when `raw` is not that at all)."""
        tables = cls.__new__(cls)
        tables._tables, tables._raw = {}, msgspec.msgpack.decode(raw, type=_Raw)
        tables._on_damage = on_damage
        return tables

    def encode(self) -> bytes:
        return msgspec.msgpack.encode(_Raw(*(msgspec.Raw(self._get(name).encode())
                                             for name in _Raw.__struct_fields__)))

    def _get(self, name: str) -> KeyTable | Pairs:
        found = self._tables.get(name)
        if found is None:
            assert self._raw is not None
            raw = getattr(self._raw, name)
            try:
                found = Pairs.decode(raw) if name == "han" else KeyTable.decode(raw)
            except (ValueError, msgspec.DecodeError):
                self._on_damage("an alias table of the search index is damaged")
                found = Pairs([], array("I")) if name == "han" else _EMPTY
            self._tables[name] = found
        return found

    @property
    def aliases(self) -> KeyTable:
        return self._get("aliases")  # type: ignore[return-value]

    @property
    def tokens(self) -> KeyTable:
        return self._get("tokens")  # type: ignore[return-value]

    @property
    def words(self) -> KeyTable:
        return self._get("words")  # type: ignore[return-value]

    @property
    def han(self) -> Pairs:
        return self._get("han")  # type: ignore[return-value]


def _ignore(reason: str) -> None:
    pass


def with_prefix(words: list[str], prefix: str) -> list[str]:
    """The words of a sorted list that start with `prefix` (a slice found by bisection)."""
    return words[bisect_left(words, prefix):bisect_left(words, prefix + "\U0010ffff")]
