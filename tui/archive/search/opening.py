"""The archive with its search index: the store's loader, told how to index, and the index opened.

    result = load(paths, progress)      # store.segments.load, writing each index beside its cache
    index = search_index(result)        # the index this load wrote, else the persisted one, else
                                        # rebuilt; a base and a delta joined (disk/segments.py)

The loader computes each article's index features in its parse workers (`encode_features`) and
hands them to an `IndexBuilder`, which writes the index beside the cache. `search_index` opens it
later in milliseconds, or rebuilds it (on all cores, from the cached bodies) when it is missing,
damaged, from another version or for another cache.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..store import loader, segments, workers
from ..store.archive import Archive
from ..store.loader import Indexing, LoadResult
from ..store.workers import Progress
from .disk import reading
from .disk import segments as joined
from .disk.build import IndexBuilder, encode_features, encode_text_features, features
from .engine import SearchIndex


def _sink(cache_file: Path, mode: int | None = None) -> IndexBuilder | None:
    return _builder_at(reading.index_path(cache_file), cache_file, mode)


def _delta_sink(cache_file: Path, mode: int | None = None) -> IndexBuilder | None:
    try:
        return IndexBuilder(reading.index_path(cache_file), cache_file, mode, with_names=False)
    except OSError:
        return None


#: How the store writes this index beside its cache.
INDEXING = Indexing(features=encode_features, sink=_sink, index_of=reading.index_path)
#: ... and a delta segment's: its text and postings, no names (the base's are used: disk/segments.py).
DELTA_INDEXING = Indexing(features=encode_text_features, sink=_delta_sink, index_of=reading.index_path)


def load(
    paths: Iterable[str | os.PathLike[str]] = (),
    progress: Progress | None = None,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    mode: int | None = None,
    merge: bool | None = None,
    known: LoadResult | None = None,
) -> LoadResult:
    """`store.segments.load` (the store's loader, with a delta segment when few files changed),
    writing the search index beside each cache it writes; `merge` and `known` as there. `mode`: the
    new files' permissions (default 0600; a shared index dir's are readable by its readers)."""
    indexing, delta = INDEXING, DELTA_INDEXING
    if mode is not None:
        indexing = dataclasses.replace(INDEXING, sink=functools.partial(_sink, mode=mode))
        delta = dataclasses.replace(DELTA_INDEXING, sink=functools.partial(_delta_sink, mode=mode))
    return segments.load(paths, progress, data_dir=data_dir, use_cache=use_cache, indexing=indexing,
                         delta_indexing=delta, merge=merge, mode=mode, known=known)


def load_archive(
    paths: Iterable[str | os.PathLike[str]] = (),
    progress: Progress | None = None,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    notice: Callable[[str], None] | None = None,
) -> Archive:
    """The Archive at `paths` (the bundled seeds when empty); `notice` receives cache problems."""
    result = load(paths, progress, data_dir=data_dir, use_cache=use_cache)
    if notice is not None:
        for message in result.notices:
            notice(message)
    return result.archive


def search_index(result: LoadResult, progress: Progress | None = None,
                 opened: dict[tuple[Any, ...], SearchIndex] | None = None) -> SearchIndex:
    """The SearchIndex of `result.archive`: the one this load built, else the persisted one, else
    rebuilt from the cached bodies on all cores and persisted (or, without a cache, built in memory).
    Why the persisted one was not used goes to `result.notices` (a missing one is not news).
    `opened`: the base index a previous call opened, by its cache's identity (kept there): a
    base joined with a new delta is not opened again (the app, loading what arrived)."""
    if result.segments is not None and not isinstance(result.index, SearchIndex):
        seg: segments.Segments = result.segments
        key = tuple(seg.base.identity or ())
        base = _known(opened, key) or search_index(seg.base, progress)
        _remember(opened, key, base)
        delta = search_index(seg.delta, progress)
        result.notices += seg.base.notices + seg.delta.notices
        seg.base.notices, seg.delta.notices = [], []
        result.index = joined.join(base, delta, seg.removed, result.archive)
    if not isinstance(result.index, SearchIndex):
        known = _known(opened, tuple(result.identity or ()))
        result.index = known if known is not None else _search_index(result, progress)
    if result.segments is None:
        _remember(opened, tuple(result.identity or ()), result.index)
    return result.index


def persisted_index(result: LoadResult, opened: dict[tuple[Any, ...], SearchIndex] | None = None,
                    *, read_only: bool = False) -> SearchIndex | None:
    """The index persisted beside `result`'s cache (and its delta's), opened as it is, never
    built: None where one would have to be (none, damaged, another version). The app searches on
    it while the files are proven current; `search_index` with the same `opened` then takes it
    as it is when the files are those the cache holds. `read_only`: a shared index this process
    may not write (damage met while searching leaves it in place)."""
    def opened_alone(part: LoadResult) -> SearchIndex | None:
        if part.cache is None or part.identity is None:
            return None
        try:
            return reading.open_index(reading.index_path(part.cache), part.archive, part.identity,
                                      read_only=read_only)
        except reading.IndexError_:
            return None

    if isinstance(result.index, SearchIndex):
        return result.index
    if result.segments is not None:
        seg: segments.Segments = result.segments
        key = tuple(seg.base.identity or ())
        base = _known(opened, key) or opened_alone(seg.base)
        delta = opened_alone(seg.delta) if base is not None else None
        if base is None or delta is None:
            return None
        _remember(opened, key, base)
        result.index = joined.join(base, delta, seg.removed, result.archive)
        return result.index
    found = _known(opened, tuple(result.identity or ())) or opened_alone(result)
    if found is not None:
        result.index = found
        _remember(opened, tuple(result.identity or ()), found)
    return found


def _known(opened: dict[tuple[Any, ...], SearchIndex] | None, key: tuple[Any, ...]) -> SearchIndex | None:
    """The index opened before for the cache of identity `key`, unless damage was met in it."""
    known = (opened or {}).get(key)
    if known is None or (known.damage is not None and getattr(known.damage, "reasons", None)):
        return None
    return known


def _remember(opened: dict[tuple[Any, ...], SearchIndex] | None, key: tuple[Any, ...], index: SearchIndex
              ) -> None:
    if opened is not None and key:
        opened.clear()
        opened[key] = index


def _search_index(result: LoadResult, progress: Progress | None) -> SearchIndex:
    archive = result.archive
    if result.cache is None or result.identity is None:
        result.index = build_index(archive, progress)
        return result.index
    path = reading.index_path(result.cache)
    try:
        result.index = reading.open_index(path, archive, result.identity)
        return result.index
    except reading.IndexError_ as exc:
        if path.exists():
            result.notices.append(f"{exc}; rebuilding it")
    builder = _builder_at(path, result.cache, _mode_of(result.cache))
    if builder is None:
        result.index = build_index(archive, progress)
        return result.index
    try:
        metas = list(archive.articles)
        found = workers.features_of(loader.stored_bodies(archive), encode_features, progress)
        for meta, raw in zip(metas, found, strict=True):
            builder.add_encoded(meta.id, meta.title, raw)
        result.index = builder.finish(archive, result.identity, result.entries,
                                      loader.ticker(progress, len(metas)))
    except OSError as exc:
        builder.discard()
        result.notices.append(f"cannot write the search index: {exc.strerror}; searching without it")
        result.index = build_index(archive, progress)
    except BaseException:  # stopped by its caller (progress raised), Ctrl-C: no temp file left
        builder.discard()
        raise
    return result.index


def read_names(index: SearchIndex) -> None:
    """Read the names' article lists now (e.g. in a loading worker): a joined index
    (disk/segments.py) finds the delta's articles of every name in one pass when first asked."""
    if index.entities:
        len(index.entities[0].articles)


def build_index(archive: Archive, progress: Progress | None = None) -> SearchIndex:
    """The SearchIndex of `archive`, built in this process and held in memory (nothing written)."""
    builder = IndexBuilder()
    total = len(archive.articles)
    for n, meta in enumerate(archive.articles, 1):
        article = archive.get(meta.id)
        builder.add(article.id, article.title, features(article.title, article.text()))
        if progress and (n % 500 == 0 or n == total):
            progress(n, total)
    index: SearchIndex = builder.finish(archive)
    return index


def _builder_at(path: Path, cache_file: Path, mode: int | None = None) -> IndexBuilder | None:
    try:
        return IndexBuilder(path, cache_file, mode)
    except OSError:
        return None


def _mode_of(cache_file: Path) -> int | None:
    """The index rebuilt beside a cache is as readable as the cache (a shared index dir's)."""
    try:
        mode = cache_file.stat().st_mode & 0o666
    except OSError:
        return None
    return None if mode == 0o600 else mode
