"""The archive and its index from where they live (store/location.py): one index dir, many readers.

    result = load(paths, progress, place=locate(roots, named=...))   # then opening.search_index

- `place` writable (the user's own data dir, or a shared dir this process may write: its admin):
  opening.load, which re-reads changed files and writes the cache + index there (readable by the
  dir's readers when shared: `Place.file_mode`).
- a shared dir this process may not write: the cache and index opened read-only, as built. No
  temp file, lock, clean-up or rebuild; damage met later leaves the files in place. Files changed
  since the build are not parsed (the index could not find them): one notice says what changed,
  who can rebuild it and how.
- a shared dir that cannot be used (none for these folders, damaged, another newstui version,
  unreadable): one notice naming its owner, and the user's own data dir is used instead, as it
  would be without sharing. Building there once, rather than in memory at every start, keeps
  later starts instant until the owner rebuilds; the shared files are never touched.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable

from ..store import cache
from ..store.asbuilt import open_as_built
from ..store.identity import roots_of
from ..store.loader import LoadResult
from ..store.location import Place, owner, rebuild_command
from ..store.paths import data_dir as own_data_dir
from ..store.workers import Progress
from . import opening
from .disk import reading


def load(paths: Iterable[str | os.PathLike[str]] = (), progress: Progress | None = None, *,
         place: Place, use_cache: bool = True, merge: bool | None = None,
         known: LoadResult | None = None) -> LoadResult:
    """The archive of `paths` (the bundled seeds when empty) from `place`, with its index when it
    was opened read-only (`opening.search_index` returns it, or opens or builds it otherwise).
    `merge` and `known`: as `opening.load`'s, where this process writes (a shared dir's readers
    never merge, and open the cache as built)."""
    paths = list(paths)
    if not use_cache or place.writable:
        return opening.load(paths, progress, data_dir=place.directory, use_cache=use_cache,
                            mode=place.file_mode, merge=merge, known=known)
    roots = roots_of(paths)
    try:
        result, drift = open_as_built(paths, place.directory)
    except cache.CacheError as exc:
        return _own(paths, progress, place, roots, _reason(str(exc)), merge)
    assert result.cache is not None and result.identity is not None
    try:
        result.index = reading.open_index(reading.index_path(result.cache), result.archive,
                                          result.identity, read_only=True)
    except reading.IndexError_ as exc:
        return _own(paths, progress, place, roots, _reason(str(exc)), merge)
    if drift:
        built = time.strftime("%Y-%m-%d %H:%M", time.localtime(result.identity[2]))
        result.notices.append(
            f"The shared index in {place.directory} is older than the files: {drift.summary()}."
            f" Showing the archive as built on {built}; {owner(place.directory)} can update it:"
            f" {rebuild_command(roots, place.directory)}")
    return result


def _reason(message: str) -> str:
    """A cache or index problem without the "; rebuilding" said to a process that may rebuild."""
    return message.removesuffix("; rebuilding")


def _own(paths: list[str | os.PathLike[str]], progress: Progress | None, place: Place, roots: list[str],
         reason: str, merge: bool | None = None) -> LoadResult:
    """The user's own data dir instead of an unusable shared one, with one notice saying why."""
    own = own_data_dir()
    result = opening.load(paths, progress, data_dir=own, merge=merge)
    result.notices.insert(0, f"Cannot use the shared index in {place.directory} ({reason});"
                             f" {owner(place.directory)} can rebuild it:"
                             f" {rebuild_command(roots, place.directory)}. Using your own copy in {own}.")
    return result

