"""The parts of a persisted index read in place from its memory map, each checked when first read:
folded texts (`MappedHays`), posting lists (`StoredPostings`), bodies from the cache file
(`BodyReader`), entities decoded one by one (`LazyEntities`); `Damage` removes a file found damaged
while searching, so the next open rebuilds it."""

from __future__ import annotations

import contextlib
import heapq
import mmap
import re
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any, overload

import msgspec

from ...store.bodies import read_checked
from ..index.textindex import Postings, contains
from ..names.entities import Entity

_ALNUM = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")  # Latin word characters (textindex)
_STRETCH = 1 << 22  # bytes of texts checked before their pages are let go (`MappedHays.check`)
_LET_GO: int | None = getattr(mmap, "MADV_DONTNEED", None)  # (not on every platform)
_LONGER = 32  # longer keys read for what they tell of a string they start with (`held_by_longer`)


def let_go(mm: mmap.mmap, at: int, length: int) -> None:
    """This process's pages of `mm[at:at + length]` returned (`MADV_DONTNEED`; the pages only
    partly in it too): a read-only file mapping's pages stay in the page cache, read again from
    there if they are read again. An advice: where it cannot be given they stay until unmapped."""
    if _LET_GO is None or length <= 0:
        return
    first = at - at % mmap.PAGESIZE
    with contextlib.suppress(OSError, ValueError):
        mm.madvise(_LET_GO, first, min(len(mm), at + length) - first)


class MappedHays:
    """The folded texts, read from the mapped file; each article's checked when first read."""

    def __init__(self, mm: mmap.mmap, at: int, offsets: array, crcs: array,
                 on_damage: Callable[[str], None], checked: bool = False) -> None:
        self.mm, self.at, self.offsets, self.crcs = mm, at, offsets, crcs
        self.checked = bytearray([1 if checked else 0]) * len(crcs)
        self.on_damage = on_damage
        self.bad = False

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> bytes:
        if not self.checked[i] and not self._sound(i):
            return b""  # (damaged: read as empty)
        return self.mm[self.at + self.offsets[i]:self.at + self.offsets[i + 1]]

    def _sound(self, i: int) -> bool:
        """Whether article i has a text to search: not empty, and checked (its crc computed in
        place, no copy made: the first search of a common name reads ~30k texts at 300k)."""
        start, end = self.at + self.offsets[i], self.at + self.offsets[i + 1]
        if not self.checked[i]:
            with memoryview(self.mm) as view:
                if zlib.crc32(view[start:end]) != self.crcs[i]:
                    self._damaged()
                    return False
            self.checked[i] = 1
        return end > start

    def check(self) -> None:
        """Check every text not yet checked now (once the index is open, in a worker), rather than
        at the keystroke that first reads it (`习近` read ~3,700 texts first: a third of its time).
        The pages read are let go after each stretch, so the texts do not stay resident."""
        mm, at, offsets, crcs, checked = self.mm, self.at, self.offsets, self.crcs, self.checked
        n = len(crcs)
        with memoryview(mm) as view:
            i = 0
            while i < n:
                start = i
                while i < n and offsets[i] - offsets[start] < _STRETCH:
                    if not checked[i]:
                        if zlib.crc32(view[at + offsets[i]:at + offsets[i + 1]]) == crcs[i]:
                            checked[i] = 1
                        elif not self.bad:  # (read, it shows as empty, as when a search reads it)
                            self._damaged()
                    i += 1
                let_go(mm, at + offsets[start], offsets[i] - offsets[start])

    def contains(self, i: int, needle: bytes) -> bool:
        """`textindex.contains` on article i's text, in place."""
        if not self.checked[i] and not self._sound(i):
            return False
        return contains(self.mm, needle, self.at + self.offsets[i], self.at + self.offsets[i + 1])

    def holding(self, ids: Iterable[int], needle: bytes) -> list[int]:
        """The articles of `ids` whose text holds `needle` (`contains` of each, in one loop: a
        Chinese prefix such as 习近 checks ~3,700 texts in a keystroke)."""
        if needle[0] in _ALNUM or needle[-1] in _ALNUM:  # Latin edges: word boundaries to check
            return [i for i in ids if self.contains(i, needle)]
        find, at, offsets, checked = self.mm.find, self.at, self.offsets, self.checked
        return [i for i in ids
                if (checked[i] or self._sound(i)) and find(needle, at + offsets[i], at + offsets[i + 1]) >= 0]

    def lacking(self, ids: Iterable[int], pattern: re.Pattern[bytes], first: bytes) -> list[int]:
        """The articles of `ids` whose text `pattern` finds nothing in (or is damaged), searched in
        place; `first`: what every match of it starts with (found faster by `find`). The texts lie
        back to back: a lookbehind at a text's very start sees the end of the one before
        (`index.textindex.lacking`)."""
        mm, at, offsets, checked = self.mm, self.at, self.offsets, self.checked
        find, match = mm.find, pattern.match
        out = []
        for i in ids:
            if not (checked[i] or self._sound(i)):
                out.append(i)
                continue
            end = at + offsets[i + 1]
            k = find(first, at + offsets[i], end)
            while k >= 0 and match(mm, k, end) is None:
                k = find(first, k + 1, end)
            if k < 0:
                out.append(i)
        return out

    def _damaged(self) -> None:
        self.bad = True
        self.on_damage("the search index's text is damaged")


class StoredPostings(Postings):
    """Posting lists read from the mapped file on first use (checked then), then kept. Keys are
    stored sorted and found by bisection: no dict of 10^5 keys to build at every open."""

    def __init__(self, keys: list[str], at: array, count: array, mm: mmap.mmap, base: int, n: int,
                 on_damage: Callable[[str], None]) -> None:
        super().__init__()
        self.keys = keys
        self.at, self.count, self.mm, self.base, self.n = at, count, mm, base, n
        self.on_damage = on_damage
        self.keep: int | None = None  # lists kept once read (None: all; the index build bounds it)

    def _where(self, key: object) -> int | None:
        if not isinstance(key, str):
            return None
        keys = self.keys
        k = bisect_left(keys, key)
        return k if k < len(keys) and keys[k] == key else None

    def __contains__(self, key: object) -> bool:
        return self._where(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys)

    def __len__(self) -> int:
        return len(self.keys)

    def sorted_keys(self) -> list[str]:
        return self.keys

    def held_by_longer(self, needle: str) -> set[int]:
        """The articles of the (at most 32 most frequent) longer keys that start with `needle`:
        each holds `needle` (a stored name's list is every article holding it: textindex.matches)."""
        keys = self.keys
        first, end = bisect_left(keys, needle), bisect_left(keys, needle + "\U0010ffff")
        longer = [k for k in range(first, end) if keys[k] != needle]
        if len(longer) > _LONGER:
            longer = heapq.nlargest(_LONGER, longer, key=self.count.__getitem__)
        out: set[int] = set()
        for k in longer:
            out.update(self.get(keys[k], ()))
        return out

    def get(self, key: str, default: Any = None) -> Any:
        found = self.lists.get(key)
        if found is not None:
            return found
        k = self._where(key)
        if k is None:
            return default
        found = self._read(k)
        if self.keep is not None and len(self.lists) >= self.keep:
            self.lists.clear()
        self.lists[key] = found
        return found

    def _read(self, k: int) -> array:
        try:
            raw = zlib.decompress(self.mm[self.base + self.at[k]:self.base + self.at[k + 1]])
            deltas = array("I", raw)
            ids = array("I", accumulate(deltas))
            ok = (len(ids) == self.count[k] and (not ids or ids[-1] < self.n)
                  and (len(deltas) < 2 or min(deltas[1:]) > 0))
        except (zlib.error, ValueError, OverflowError):
            ok = False
        if not ok:
            self.on_damage("a posting list of the search index is damaged")
            return array("I")
        return ids


class BodyReader:
    """Article i's body text, read from the cache file (empty when it cannot be: snippet from the
    title only; the search itself never needs the body)."""

    def __init__(self, fd: int, at: array, length: array, crc: array) -> None:
        self.fd, self.at, self.length, self.crc = fd, at, length, crc

    def __call__(self, i: int) -> str:
        from ...model import body_text
        from ...store.workers import decode_body

        raw = read_checked(self.fd, self.at[i], self.length[i], self.crc[i])
        try:
            return body_text(decode_body(raw)) if raw else ""
        except ValueError:
            return ""


class Damage:
    """Called when damage shows up while searching: remove the file so the next open rebuilds it
    (not with `remove=False`: a shared index opened read-only is left for its owner to rebuild)."""

    def __init__(self, path: Path, remove: bool = True) -> None:
        self.path = path
        self.remove = remove
        self.reasons: list[str] = []

    def __call__(self, reason: str) -> None:
        self.reasons.append(reason)
        if self.remove:
            with contextlib.suppress(OSError):
                self.path.unlink()


class _Named(msgspec.Struct):
    """A names.Entity without its article list, which msgspec then skips instead of decoding."""

    key: str
    name: str
    kind: str
    aliases: list[str]


class LazyEntities(Sequence[Entity]):
    """The stored entities (without their article lists), each decoded when first read: a search
    reads the aliases of the few entities a query names (decoding all 23k of a 14k-page mirror cost
    each `newstui search` ~35 ms); iterating decodes them all at once. msgspec's DecodeError when
    `raw` is no list."""

    def __init__(self, raw: bytes) -> None:
        self._raws = msgspec.msgpack.decode(raw, type=list[msgspec.Raw])
        self._found: list[Entity | None] = [None] * len(self._raws)
        self._raw = raw

    def __len__(self) -> int:
        return len(self._raws)

    @overload
    def __getitem__(self, i: int) -> Entity: ...

    @overload
    def __getitem__(self, i: slice) -> list[Entity]: ...

    def __getitem__(self, i: int | slice) -> Entity | list[Entity]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        found = self._found[i]
        if found is None:
            found = self._found[i] = _entity(msgspec.msgpack.decode(self._raws[i], type=_Named))
        return found

    def __iter__(self) -> Iterator[Entity]:
        if None in self._found:
            heads = msgspec.msgpack.decode(self._raw, type=list[_Named])
            self._found = [_entity(h) for h in heads]
        return iter(self._found)  # type: ignore[arg-type]


def _entity(h: _Named) -> Entity:
    return Entity(h.key, h.name, h.kind, h.aliases)
