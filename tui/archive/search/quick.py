"""Answer from the persisted search index alone, without loading the archive, when that is safe.

    hits = from_index(paths, lambda index: index.search("kishida"))   # None: load the usual way

`newstui search` at 100k articles spent 1.3 s of its 2 s proving the cache current (a stat of
every file) and decoding 100k article records, then 0.1 s searching. Here the cache's footer is
read (its identity, parser version), the index is opened with its own columns (catalog.py), and
`ask` runs on it while other processes check the files (stamps.py). The answer is returned only
if the files on disk are exactly those the index was built from; anything else (no cache, no
index, another version, damage, a file added, removed, renamed or touched) gives None, and the
caller loads, reparses what changed and searches as before. So the fast answer is never staler
than the slow one. When the manifest (store/manifest.py) names a delta segment, the base's index
and the delta's are opened and searched as one (disk/segments.py), and the files must be exactly
those base and delta hold together.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from ..store import cache, manifest, stamps
from ..store.identity import parser_version, roots_of
from ..store.paths import data_dir as default_data_dir
from .disk import reading, segments

T = TypeVar("T")


def from_index(paths: Iterable[str | os.PathLike[str]], ask: Callable[[object], T], *,
               data_dir: str | os.PathLike[str] | None = None, processes: int | None = None,
               read_only: bool = False) -> T | None:
    """`ask(index)` on the persisted index of `paths` if the files are unchanged since it was
    written, else None. `processes`: how many check the files (default: one per core);
    `read_only`: a shared index this process may not write (damage met leaves it in place). With
    a delta segment (store/segments.py) that the manifest names, base and delta are searched as one."""
    roots = roots_of(paths)
    target = cache.cache_path(default_data_dir(data_dir), roots)
    if not target.exists() or not reading.index_path(target).exists():
        return None
    pending = stamps.start(roots, processes)
    fds: list[int] = []
    try:
        try:
            index = open_persisted(target, fds, read_only)
        except (cache.CacheError, reading.IndexError_, OSError, ValueError):
            return None
        if index is None:
            return None
        answer = ask(index)
        if index.damage is not None and index.damage.reasons:
            return None  # damage met while searching: the file is gone, the slow path rebuilds it
        return answer if pending.result() == index.stamps else None
    finally:
        pending.cancel()
        for fd in fds:
            os.close(fd)


def open_alone(paths: Iterable[str | os.PathLike[str]], *, data_dir: str | os.PathLike[str] | None = None,
               read_only: bool = False, bases: dict[tuple[Any, ...], Any] | None = None
               ) -> Any:
    """The index persisted for `paths`, to search before the cache is decoded (the app's start),
    the names with their article lists; None when there is none to open as it is. The files are
    not looked at: the caller proves them current later, as it does the cache's archive. The
    cache files stay open as long as a body can be read through them (a snippet's): the base's
    while its reader lives (the base, or an index joined with it), a delta's with the index
    returned. `read_only`, `bases`: as `open_persisted`'s."""
    target = cache.cache_path(default_data_dir(data_dir), roots_of(paths))
    fds: list[int] = []
    bases = {} if bases is None else bases
    try:
        index = open_persisted(target, fds, read_only, articles=True, bases=bases)
    except (cache.CacheError, reading.IndexError_, OSError, ValueError):
        index = None
    if index is None:
        for fd in fds:
            os.close(fd)
        return None
    base_fd, *delta_fds = fds
    weakref.finalize(next(iter(bases.values()))._body, os.close, base_fd)
    for fd in delta_fds:
        weakref.finalize(index, os.close, fd)
    from ..store import workers  # noqa: F401  (the snippets' bodies decode with it: ~60 ms, not the first search's)
    return index


def open_persisted(target: Path, fds: list[int], read_only: bool = False, *, articles: bool = False,
                   bases: dict[tuple[Any, ...], Any] | None = None) -> Any:
    """The base's index alone, or joined with the delta the manifest names (`index.stamps`: the
    digest of the files they hold); None when the manifest names a delta that is not there as named.
    `read_only`: as `from_index`'s; `articles`: the names with their article lists (reading.py).
    The cache files' descriptors are added to `fds` (the caller closes them when done, or keeps
    them open as long as the index is searched: it reads the bodies through them); the base is
    put in `bases` under its cache's identity (as `opening.search_index` keeps it)."""
    version = parser_version()
    fd, header = cache.CacheFile.open_header(target, version)
    fds.append(fd)
    identity = [header.meta_crc, header.count, header.written]
    base = reading.open_columns(reading.index_path(target), identity, fd, read_only=read_only,
                                articles=articles)
    if bases is not None:
        bases[tuple(identity)] = base
    named = manifest.read(target)
    if named is None or named.base != identity:
        return base
    at = manifest.delta_path(target)
    fd, header = cache.CacheFile.open_header(at, version)
    fds.append(fd)
    if [header.meta_crc, header.count, header.written] != named.delta:
        return None
    delta = reading.open_columns(reading.index_path(at), named.delta, fd, read_only=read_only,
                                 articles=articles)
    index = segments.join(base, delta, named.removed)
    index.stamps = tuple(named.stamps)
    return index
