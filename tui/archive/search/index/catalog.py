"""What a search needs of each indexed article, by article number, as columns.

    catalog = Catalog.of(articles)          # from Article metadata (the app, a fresh build)
    catalog.published[i], catalog.row(i)   # a column; one article's fields, made on demand

A search ranks by date, filters by source and date, and shows id, path and title for the few hits
it prints. The persisted index stores these columns (indexcache.py), so `newstui search` can answer
without decoding 100k article records from the cache: columns of plain strings decode in
milliseconds, and a `Row` is made only for an article that is shown or filtered.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, Protocol

import msgspec

from ...store import turns
from .strings import Strings, chained


class Row(NamedTuple):
    """One article as a search sees it (the attribute names of `Article`; `published` is ""
    where the date is only approximate, as in the article)."""

    id: str
    path: str
    title: str
    source: str
    source_name: str
    published: str
    when: str = ""  # the date it is placed by: published, else the archive time when approximate
    date_approx: bool = False


class Held(Protocol):
    """An article as the archive holds it (`Article`): what `Catalog.share` takes of it."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def published(self) -> str: ...


class Columns(msgspec.Struct, array_like=True):
    """The stored form (ids and titles are stored beside it, the search index needs them anyway):
    paths as one blob, since only the few shown are ever read; sources as a small table."""

    paths: bytes  # UTF-8 (surrogateescape), back to back
    path_at: bytes  # array('Q'), n + 1 offsets into `paths`
    published: list[str]
    source_keys: list[str]
    source_names: list[str]
    source_of: bytes  # array('I'), one per article
    approx: bytes = b""  # one byte per article, 1 where `published` holds an approximate date
    source_channels: list[str] = []  # beside source_keys: the channel on a platform, else ""


class Catalog:
    def __init__(self, ids: Sequence[str], titles: Sequence[str], columns: Columns) -> None:
        n = len(ids)
        source_of, path_at = array("I"), array("Q")
        source_of.frombytes(columns.source_of)
        path_at.frombytes(columns.path_at)
        lengths = {len(titles), len(columns.published), len(source_of), len(path_at) - 1}
        if lengths != {n} or len(columns.source_names) != len(columns.source_keys) or (
                n and max(source_of) >= len(columns.source_keys)) or path_at[-1] != len(columns.paths):
            raise ValueError("the catalog's columns do not agree")
        self.columns = columns
        if (columns.approx and len(columns.approx) != n) or (
                columns.source_channels and len(columns.source_channels) != len(columns.source_keys)):
            raise ValueError("the catalog's columns do not agree")
        #: The date each article is ranked and filtered by: published, else approximate (`when`).
        self.ids, self.titles, self.published = ids, titles, columns.published
        self._source_of, self._path_at = source_of, path_at

    @classmethod
    def of(cls, articles: Iterable[object]) -> Catalog:
        """From objects with Article's attributes (id, path, title, source, source_name, channel,
        published, date_approx, when)."""
        ids: list[str] = []
        paths = bytearray()
        path_at = array("Q", [0])
        titles: list[str] = []
        published: list[str] = []
        source_of = array("I")
        approx = bytearray()
        number: dict[tuple[str, str, str], int] = {}
        for a in articles:
            ids.append(a.id)  # type: ignore[attr-defined]
            paths += a.path.encode("utf-8", "surrogateescape")  # type: ignore[attr-defined]
            path_at.append(len(paths))
            titles.append(a.title)  # type: ignore[attr-defined]
            published.append(a.when)  # type: ignore[attr-defined]
            approx.append(1 if a.date_approx else 0)  # type: ignore[attr-defined]
            source = (a.source, a.source_name, a.channel)  # type: ignore[attr-defined]
            source_of.append(number.setdefault(source, len(number)))
        keys = [k for k, _, _ in number]
        names = [n for _, n, _ in number]
        channels = [c for _, _, c in number]
        return cls(ids, titles, Columns(bytes(paths), path_at.tobytes(), published, keys, names,
                                        source_of.tobytes(), bytes(approx), channels))

    def share(self, meta: Callable[[str], Held]) -> int:
        """Hold the archive's own strings for each id, title and date equal to this catalog's,
        instead of copies (~60 MB at 300k articles): `meta(id)`, the article as the archive holds
        it (KeyError when it holds none); how many articles it holds. Each column is changed in
        place, the dates an element at a time, the ids and titles at once: a search reading them
        meanwhile reads the same values."""
        ids, titles, published = self.ids, self.titles, self.published
        own_ids: list[str] = []
        own_titles: list[str] = []
        held = 0
        for i in range(len(ids)):
            if not i % 8192:
                turns.turn()  # (a search running meanwhile goes first: ~0.3 s in all at 300k)
            article_id, title = ids[i], titles[i]
            try:
                article = meta(article_id)
            except KeyError:
                article = None
            if article is not None and article.id == article_id:
                held += 1
                article_id = article.id
                if article.title == title:
                    title = article.title
                if article.published == published[i]:
                    published[i] = article.published
            own_ids.append(article_id)
            own_titles.append(title)
        _hold(ids, own_ids)
        _hold(titles, own_titles)
        return held

    def __len__(self) -> int:
        return len(self.ids)

    def source(self, i: int) -> tuple[str, str]:
        """(source key, source name) of article i."""
        s = self._source_of[i]
        return self.columns.source_keys[s], self.columns.source_names[s]

    def source_filter(self, accept: Callable[[str, str, str], bool]) -> Callable[[int], bool]:
        """Whether article i's source passes `accept(key, name, channel)`, asked once per source."""
        cols = self.columns
        channels = cols.source_channels or [""] * len(cols.source_keys)
        ok = [accept(*s) for s in zip(cols.source_keys, cols.source_names, channels, strict=True)]
        source_of = self._source_of
        return lambda i: ok[source_of[i]]

    def channel(self, i: int) -> str:
        """The channel of article i on a platform source, else ""."""
        channels = self.columns.source_channels
        return channels[self._source_of[i]] if channels else ""

    def approximate(self, i: int) -> bool:
        return bool(self.columns.approx) and self.columns.approx[i] == 1

    def path(self, i: int) -> str:
        return self.columns.paths[self._path_at[i]:self._path_at[i + 1]].decode("utf-8", "surrogateescape")

    def row(self, i: int) -> Row:
        source, name = self.source(i)
        approx = self.approximate(i)
        published = "" if approx else self.published[i]
        return Row(self.ids[i], self.path(i), self.titles[i], source, name, published,
                   self.published[i], approx)


def _hold(column: Sequence[str], values: list[str]) -> None:
    if isinstance(column, Strings):
        column.hold(values)
    elif isinstance(column, list):
        column[:] = values


def joined(base: Catalog, delta: Catalog) -> Catalog:
    """One catalog of `base`'s articles then `delta`'s (numbers n.. are the delta's)."""
    a, b = base.columns, delta.columns
    path_at = array("Q", base._path_at)
    shift = len(a.paths)
    path_at.extend(at + shift for at in delta._path_at[1:])
    number = {s: k for k, s in enumerate(_sources(a))}
    for s in _sources(b):
        number.setdefault(s, len(number))
    renumber = [number[s] for s in _sources(b)]
    source_of = array("I", base._source_of)
    source_of.extend(renumber[s] for s in delta._source_of)
    approx = (a.approx or bytes(len(base))) + (b.approx or bytes(len(delta)))
    keys, names, channels = (list(part) for part in zip(*number, strict=True)) if number else ([], [], [])
    columns = Columns(a.paths + b.paths, path_at.tobytes(), a.published + b.published, keys, names,
                      source_of.tobytes(), approx if (a.approx or b.approx) else b"", channels)
    return Catalog(chained(base.ids, delta.ids), chained(base.titles, delta.titles), columns)


def _sources(columns: Columns) -> list[tuple[str, str, str]]:
    channels = columns.source_channels or [""] * len(columns.source_keys)
    return list(zip(columns.source_keys, columns.source_names, channels, strict=True))
