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
from ..names import surnames
from ..names.entities import Entity
from ..text.fold import TOKEN, fold

_ASCII = frozenset(map(chr, range(128)))  # Latin aliases are checked by their words instead


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
    index.resolver.share_names(base.resolver)
    index.resolver.grown_from(base.resolver, delta.catalog.titles)
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
    """`entities` with the delta's articles holding an alias of theirs, without the `gone` ids;
    each list made when first read (a search never reads them), all found at once then."""
    found = _DeltaHolders(entities, delta)
    return [msgspec.structs.replace(e, articles=Completed(e.articles, gone, found, k))
            for k, e in enumerate(entities)]


class _DeltaHolders:
    """Which of the delta's articles hold an alias of each entity: one pass over the delta's texts
    for the aliases whose characters and words all occur in the delta (few, for a small delta)."""

    def __init__(self, entities: Sequence[Entity], delta: SearchIndex) -> None:
        self.entities, self.delta = entities, delta
        self._found: dict[int, list[str]] | None = None

    def of(self, k: int) -> list[str]:
        if self._found is None:
            self._found = self._find()
        return self._found.get(k, [])

    def _find(self) -> dict[int, list[str]]:
        text = self.delta.text
        aliases = [a.replace("\n", " ") for e in self.entities for a in e.aliases]
        folded = fold("\n".join(aliases)).split("\n")  # one call: folding keeps each length
        if len(folded) != len(aliases):
            folded = [fold(a) for a in aliases]
        chars, tokens = set(text.chars) | _ASCII, set(text.tokens)
        needles = sorted(a for a in set(folded) if a and (
            chars.issuperset(a) if not a.isascii() else all(w in tokens for w in TOKEN.findall(a))))
        hays = text.hays
        holders = dict(zip(needles, articles_holding(needles, hays.__getitem__, range(len(hays))),
                           strict=True))
        ids, out, at = self.delta.catalog.ids, {}, 0
        words = self.delta.resolver.words
        for k, e in enumerate(self.entities):
            mine, at = folded[at:at + len(e.aliases)], at + len(e.aliases)
            if surnames.only_surname(e.aliases):  # 山下 `Yamashita`: where the text is about Japan
                extra = sorted({i for a in mine for i in holders.get(a, ())
                                if a.isascii() or surnames.near_japan(hays[i], a, [], words)})
            else:
                extra = sorted({i for a in mine for i in holders.get(a, ())})
            if extra:
                out[k] = [ids[i] for i in extra]
        return out


class Completed(Sequence[str]):
    """A base entity's article ids less the `gone` ones, then the delta's holding one of its
    aliases (made when first read)."""

    def __init__(self, base: Sequence[str], gone: set[str], delta: _DeltaHolders, k: int) -> None:
        self._base, self._gone, self._delta, self._k = base, gone, delta, k
        self._ids: list[str] | None = None

    def _all(self) -> list[str]:
        if self._ids is None:
            extra = self._delta.of(self._k)
            if not extra and not self._gone:
                return self._base  # type: ignore[return-value]
            gone = self._gone | set(extra)
            self._ids = [i for i in self._base if i not in gone] + extra
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
