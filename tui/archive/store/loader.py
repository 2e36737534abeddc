"""Scan paths, parse new or changed files (on all cores), build the Archive over the cache.

    result = load(paths, progress)      # LoadResult: archive, notices, counts, cache file

A file is parsed again only when its absolute path, size or mtime_ns changed, or the parser's
version did (the cache is then rebuilt). The Archive holds articles without bodies; `get(id)`
reads a body (zlib-compressed MessagePack) from the cache on demand, and re-parses the file if that
fails. Nothing is ever written inside the archive folders.

Given an `Indexing` (the search layer's: `tui.archive.search.opening.load` passes it), whenever
the cache is written the search index is written beside it: the parse workers compute each
article's index features along with the article, so indexing rides on the parallel parse, and an
`IndexSink` gathers them and writes the index. This module never imports the search layer.

Which files there are is scanning.py's business; parsing them on all cores is workers.py's.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, overload

import msgspec

from ..model import Article, Rejection
from . import bodies, cache, scanning, sharing, summary, turns, workers
from .archive import Archive
from .cache import Entry
from .identity import parser_version, roots_of
from .paths import bundled_seeds
from .paths import data_dir as default_data_dir
from .scanning import Key, scan
from .workers import Features, Progress

__all__ = ["Indexing", "LoadResult", "Progress", "bundled_seeds", "from_cache", "load", "load_files",
           "open_cached", "roots_of", "scan", "ticker"]


class IndexSink(Protocol):
    """Gathers every article's index features while the cache is written, then writes the index."""

    def add_encoded(self, article_id: str, title: str, features: bytes) -> None: ...

    def finish(self, archive: Archive, identity: list[Any], entries: list[cache.Entry],
               tick: Callable[[], object] | None = None) -> Any:
        """Write the index for the cache whose `identity` is given; return the opened index.
        `tick`, called now and then, may stop it by raising."""
        ...

    def discard(self) -> None: ...


@dataclass(frozen=True)
class Indexing:
    """What the loader needs from the search layer to write the index beside the cache."""

    features: Features  # (title, body text) -> encoded features, run in the parse workers
    sink: Callable[[Path], IndexSink | None]  # the cache file -> a sink writing its index, or None
    index_of: Callable[[Path], Path] | None = None  # the cache file -> where its index is


@dataclass
class LoadResult:
    archive: Archive
    notices: list[str] = field(default_factory=list)  # for people: damaged cache, no cache, ...
    parsed: int = 0  # files parsed this time
    reused: int = 0  # files taken from the cache
    cache: Path | None = None  # the cache file in use; None when running without one
    changed: bool = True  # False when the files are exactly those the cache held
    index: Any = None  # the SearchIndex, when this load wrote one (search/opening.py)
    identity: list[Any] | None = None  # the cache file's (meta crc, count, write time)
    entries: list[Entry] = field(default_factory=list)  # the cache file's records
    segments: Any = None  # segments.Segments: the base and delta this archive joins, if it does




# --- loading ------------------------------------------------------------------------------------


class _BodyLoader:
    """`Archive.body_loader`: the full article from the stored body, else by parsing the file.
    `meta`: the archive's look-up of an article by id (set once the archive is made)."""

    def __init__(self, store: bodies.BodyStore) -> None:
        self.store = store
        self.meta: Callable[[str], Article] = _none_yet

    def __call__(self, article_id: str) -> Article:
        meta = self.meta(article_id)
        raw = self.store.raw(article_id)
        if raw is not None:
            try:
                return msgspec.structs.replace(meta, body=workers.decode_body(raw))
            except ValueError:
                pass
        return workers.reparsed(meta)


def load(
    paths: Iterable[str | os.PathLike[str]] = (),
    progress: Progress | None = None,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    indexing: Indexing | None = None,
    mode: int | None = None,
) -> LoadResult:
    """Load the archive at `paths` (the bundled seeds when empty), using and refreshing the cache;
    with `indexing`, the search index is written beside a newly written cache. `mode`: a new cache
    file's permissions (default 0600; location.Place.file_mode for a shared index dir)."""
    roots = roots_of(paths)
    files, problems = scanning.scan_files(roots)
    target = cache.cache_path(default_data_dir(data_dir), roots) if use_cache else None
    return load_files(roots, files, problems, target, progress, indexing, mode=mode)


def ticker(progress: Progress | None, total: int) -> Callable[[], object] | None:
    """What an index build calls now and then once the `total` files are read (`IndexSink.finish`'s
    tick): `progress` at its end, through which a caller may stop it."""
    return None if progress is None else lambda: progress(total, total)


def load_files(roots: list[str], files: dict[str, Key], problems: list[Rejection], target: Path | None,
               progress: Progress | None = None, indexing: Indexing | None = None, *,
               reuse: Any = None, mode: int | None = None, summarise: bool = True) -> LoadResult:
    """`load` of scanned `files` with the cache file `target` (None: none): also a segment's
    (segments.py), whose cache holds some of the files only. `reuse`: where the unchanged files'
    bodies are, instead of `target` (`entries`, `read_body`, `close`: a base and its delta, merged
    into a new `target`, which is then written whatever it finds). `mode`: as `load`'s;
    `summarise`: keep the summary of the archive beside the cache (not a delta's: its caller
    summarises the archive joined)."""
    version = parser_version()
    notices: list[str] = []
    old: Any = reuse
    if target is not None and reuse is None:
        try:
            with bodies.no_gc():
                old = cache.CacheFile.open(target, version)
        except cache.CacheError as exc:
            notices.append(str(exc))
    previous = old.entries if old else []  # sorted by path, as written
    kept = [e for e in previous if files.get(e.path) == (e.size, e.mtime_ns)]
    if reuse is None and old is not None and len(kept) == len(files) == len(previous):  # nothing changed
        with bodies.no_gc():
            result = from_cache(old, target, problems)  # type: ignore[arg-type]
        result.notices = notices
        if summarise:
            summarise_cache(result, result.identity, mode)
        return result

    store = bodies.BodyStore()

    writer = _writer(target, notices, mode)
    builder = indexing.sink(writer.path) if writer is not None and indexing is not None else None
    features = indexing.features if indexing is not None else None
    try:
        entries, uncached, todo, reused = _rebuild(files, kept, old, writer, store, progress, builder,
                                                   features)
        if writer is not None:
            target = _commit(writer, roots, version, entries, notices)
    except BaseException:  # Ctrl-C included: leave no temp file behind
        if writer is not None:
            writer.discard()
        if builder is not None:
            builder.discard()
        raise
    finally:
        if old is not None:
            old.close()
    if writer is None:
        target = None
    everything = sorted(entries + uncached, key=lambda e: e.path)  # the same order, cold or warm
    result = _result(everything, problems, store, notices, len(todo), reused, target)
    if builder is not None:
        if target is not None and writer is not None and writer.header is not None and not uncached:
            result.identity = _identity(writer.header)
            result.entries = entries
            try:
                result.index = builder.finish(result.archive, result.identity, entries,
                                              ticker(progress, len(todo)))
            except OSError as exc:
                notices.append(f"cannot write the search index: {exc.strerror}; searching without it")
        else:
            builder.discard()
    if summarise and target is not None and writer is not None and writer.header is not None:
        summarise_cache(result, _identity(writer.header), mode)
    return result


def summarise_cache(result: LoadResult, identity: list[Any] | None, mode: int | None) -> None:
    """Keep the summary of the archive in `result.cache` current (what the app shows first next
    time); `identity`: its cache's, followed by its delta's when joined (segments.py)."""
    if result.cache is not None and identity is not None and not summary.current(result.cache, identity):
        summary.write(result.cache, result.archive, identity, mode)


def _identity(header: cache.Header) -> list[Any]:
    return [header.meta_crc, header.count, header.written]


def _rebuild(files: dict[str, Key], kept: list[cache.Entry], old: cache.CacheFile | None,
             writer: cache.CacheWriter | None, store: bodies.BodyStore, progress: Progress | None,
             builder: IndexSink | None = None, features: Features | None = None,
             ) -> tuple[list[cache.Entry], list[cache.Entry], list[str], int]:
    """Copy the unchanged bodies into the new cache, parse the rest: (cached, uncached, parsed, reused).
    With a `builder`, every article's `features` go to it (computed in the parse workers)."""
    if writer is not None:
        store.own(writer.fd)
    entries: list[cache.Entry] = []
    uncached: list[cache.Entry] = []
    kept_paths = {e.path for e in kept}
    todo = [p for p in files if p not in kept_paths]
    copied: list[cache.Entry] = []  # (as the old cache holds them)
    for e in kept:
        raw = old.read_body(e) if old is not None else None
        if raw is None:
            todo.append(e.path)  # damaged body: parse the file again
        else:
            entries.append(_place(e, raw, writer, store))
            if e.article is not None:
                copied.append(e)
    reused = len(entries)
    if builder is not None and features is not None and copied and old is not None:
        # their features from the old cache's bodies, read again a chunk at a time
        by_path = {e.path: e for e in copied}
        articles = [e.article for e in copied if e.article is not None]
        source = old
        again = StoredBodies(articles, lambda a: source.read_body(by_path[a.path]), workers.reparsed)
        for article, found in zip(articles, workers.features_of(again, features, None), strict=True):
            builder.add_encoded(article.id, article.title, found)
        del by_path, again
    shared = sharing.Shared()
    for key, parsed in zip(todo, workers.parse_all(todo, progress, features), strict=True):
        size, mtime_ns = files[parsed.path]
        entry = cache.Entry(parsed.path, size, mtime_ns, parsed.article, parsed.reason)
        shared.parsed(key, entry)  # one copy of its path, the scan's (parse_all keeps the order)
        if scanning.encodable(parsed.path):
            entries.append(_place(entry, parsed.body, writer, store))
        else:
            uncached.append(_place(entry, parsed.body, None, store))
        if builder is not None and parsed.article is not None and parsed.features:
            builder.add_encoded(parsed.article.id, parsed.article.title, parsed.features)
    return entries, uncached, todo, reused


def _writer(target: Path | None, notices: list[str], mode: int | None) -> cache.CacheWriter | None:
    if target is None:
        return None
    try:
        return cache.CacheWriter(target, mode)
    except OSError as exc:
        notices.append(f"cannot write the cache in {target.parent}: {exc.strerror}; running without it")
        return None


def _place(entry: cache.Entry, raw: bytes, writer: cache.CacheWriter | None, store: bodies.BodyStore
           ) -> cache.Entry:
    """Store the body (in the new cache file when possible, else in memory) and say where."""
    if entry.article is None:
        return msgspec.structs.replace(entry, body_at=0, body_len=0, body_crc=0)
    where = writer.write_body(raw) if writer is not None else None
    if where is None:
        store.in_memory(entry.article.id, raw)
        return entry
    placed = msgspec.structs.replace(entry, body_at=where[0], body_len=where[1], body_crc=where[2])
    store.in_file(entry.article.id, placed)
    return placed


def _commit(writer: cache.CacheWriter, roots: list[str], version: str, entries: list[cache.Entry],
            notices: list[str]) -> Path | None:
    entries.sort(key=lambda e: e.path)  # warm loads rely on this order
    try:
        writer.commit(roots, version, entries)
    except OSError as exc:
        notices.append(f"cannot write the cache {writer.path}: {exc.strerror}; running without it")
        return None
    return writer.path


def open_cached(
    paths: Iterable[str | os.PathLike[str]] = (), *, data_dir: str | os.PathLike[str] | None = None
) -> LoadResult | None:
    """The archive as last cached, without looking at the files: None when there is no valid cache.

    For an instant start on a big archive: show this at once, then run `load` in a worker and
    swap in its archive when `changed` (scanning 100k files takes about a second).
    """
    target = cache.cache_path(default_data_dir(data_dir), roots_of(paths))
    with bodies.no_gc():
        try:
            old = cache.CacheFile.open(target, parser_version())
        except cache.CacheError:
            return None
        return None if old is None else from_cache(old, target, [])


def from_cache(old: cache.CacheFile, target: Path, problems: list[Rejection]) -> LoadResult:
    store = bodies.BodyStore()
    store.own(old.fd)
    turns.turn()
    for e in old.entries:
        if e.article is not None:
            store.in_file(e.article.id, e)
    result = _result(old.entries, problems, store, [], 0, len(old.entries), target)
    result.changed = False
    result.identity = _identity(old.header)
    result.entries = old.entries
    return result


class StoredBodies(Sequence[tuple[str, bytes]]):
    """(title, encoded body) of each article, read when asked for: the bytes `read` gives (a
    cache's), else the body encoded anew (`body`). For re-indexing without parsing the files
    again, a chunk at a time (workers.features_of): all of them at once were ~1 GB at 300k."""

    def __init__(self, articles: Sequence[Article], read: Callable[[Article], bytes | None],
                 body: Callable[[Article], Article]) -> None:
        self.articles, self.read, self.body = articles, read, body

    def __len__(self) -> int:
        return len(self.articles)

    @overload
    def __getitem__(self, i: int) -> tuple[str, bytes]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[str, bytes]]: ...

    def __getitem__(self, i: int | slice) -> tuple[str, bytes] | list[tuple[str, bytes]]:
        if isinstance(i, slice):
            return [self._one(a) for a in self.articles[i]]
        return self._one(self.articles[i])

    def _one(self, article: Article) -> tuple[str, bytes]:
        return article.title, self.read(article) or workers.encode_body(self.body(article).body)


def stored_bodies(archive: Archive) -> StoredBodies:
    """(title, encoded body) of every article, in order, read as asked for: the cache's bytes
    where it holds them, else the body encoded anew (for re-indexing an archive without parsing
    its files again)."""
    loader = archive._body_loader
    store = loader.store if isinstance(loader, _BodyLoader) else None
    return StoredBodies(archive.articles, lambda a: store.raw(a.id) if store else None,
                        lambda a: archive.get(a.id))


def _result(entries: list[cache.Entry], problems: list[Rejection], store: bodies.BodyStore,
            notices: list[str], parsed: int, reused: int, target: Path | None) -> LoadResult:
    turns.turn()  # (each step ~0.2-0.5 s at 300k articles)
    metas = {e.article.id: e.article for e in entries if e.article is not None}
    turns.turn()
    rejections = [Rejection(e.path, e.reason) for e in entries if e.article is None] + problems
    turns.turn()
    body = _BodyLoader(store)
    archive = Archive(metas.values(), rejections, body_loader=body)
    body.meta = archive.meta  # (not a second dict of every article by id)
    return LoadResult(archive, notices, parsed, reused, target)


def _none_yet(article_id: str) -> Article:
    raise KeyError(article_id)
