"""The base segment's index and the delta's searched as one (store/segments.py makes the segments).

    index = join(base_index, delta_index, removed_paths, archive)   # a SearchIndex over both

Article numbers 0..n-1 are the base's, n.. the delta's (index/joined.py joins texts and postings,
catalog.joined the columns); the base's articles at `removed_paths` are never found. The names
are the base's: each entity's articles are completed with the delta's articles holding one of its
aliases (found in one pass over the delta's few texts), and the base's deleted or replaced
articles leave it. Names that only the delta's articles define are not known until the next merge
rebuilds the base (store/segments.py: when the delta outgrows its share).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Any, overload

import msgspec

from ...store.archive import Archive
from ..engine import SearchIndex
from ..index.catalog import Catalog, joined
from ..index.joined import joined_text
from ..index.needles import articles_holding
from ..names.entities import Entity
from ..text.fold import fold


def join(base: SearchIndex, delta: SearchIndex, removed_paths: Sequence[str],
         archive: Archive | None = None) -> SearchIndex:
    """One SearchIndex over both segments. With the joined `archive` (the app, a loaded CLI
    command), entities' article lists are completed; without (quick.py), a search never reads them."""
    n = len(base.catalog)
    removed = frozenset(numbers_at(base.catalog, removed_paths))
    catalog = joined(base.catalog, delta.catalog)
    text = joined_text(base.text, delta.text, removed)
    entities = base.entities
    if archive is not None:
        gone = {base.catalog.ids[i] for i in removed}
        entities = with_delta(base.entities, delta, gone)
    base_body, delta_body = base._body, delta._body

    def body(i: int) -> str:
        return base_body(i) if i < n else delta_body(i - n)

    def titled() -> list[str]:
        return list(base.resolver.titled)

    index = SearchIndex(catalog, text, entities, body, titled, archive, base.resolver.tables)
    index.removed = removed
    index.persisted = base.persisted
    index.damage = Damages([d for d in (base.damage, delta.damage) if d is not None])
    return index


def numbers_at(catalog: Catalog, paths: Sequence[str]) -> list[int]:
    """The article numbers of `catalog` at `paths` (those it holds), found in its paths blob."""
    if not paths:
        return []
    blob, path_at = catalog.columns.paths, catalog._path_at
    out = []
    for path in paths:
        key = path.encode("utf-8", "surrogateescape")
        at = blob.find(key)
        while at >= 0:
            k = bisect_right(path_at, at) - 1
            if path_at[k] == at and path_at[k + 1] == at + len(key):
                out.append(k)
                break
            at = blob.find(key, at + 1)
    return out


def with_delta(entities: Sequence[Entity], delta: SearchIndex, gone: set[str]) -> list[Entity]:
    """`entities` with the delta's articles holding an alias of theirs, without the `gone` ids."""
    folded = sorted({fold(a) for e in entities for a in e.aliases})
    hays = delta.text.hays
    holders = dict(zip(folded, articles_holding(folded, hays.__getitem__, range(len(hays))), strict=True))
    ids = delta.catalog.ids
    out = []
    for e in entities:
        extra = sorted({k for a in e.aliases for k in holders.get(fold(a), ())})
        if not extra and not gone:
            out.append(e)
        else:
            articles = Completed(e.articles, gone, [ids[k] for k in extra])
            out.append(msgspec.structs.replace(e, articles=articles))
    return out


class Completed(Sequence[str]):
    """A base entity's article ids less the `gone` ones, then the delta's `extra` (made when first read)."""

    def __init__(self, base: Sequence[str], gone: set[str], extra: list[str]) -> None:
        self._base, self._gone, self._extra = base, gone, extra
        self._ids: list[str] | None = None

    def _all(self) -> list[str]:
        if self._ids is None:
            gone, extra = self._gone, set(self._extra)
            self._ids = [i for i in self._base if i not in gone and i not in extra] + self._extra
        return self._ids

    def __len__(self) -> int:
        return len(self._all())

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        return self._all()[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class Damages:
    """The segments' damage reports as one (`reasons`: all of them)."""

    def __init__(self, parts: list[Any]) -> None:
        self.parts = parts

    @property
    def reasons(self) -> list[str]:
        return [r for p in self.parts for r in getattr(p, "reasons", ())]

    def __call__(self, reason: str) -> None:
        for p in self.parts:
            p(reason)
