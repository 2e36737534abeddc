"""The archive as a base segment and a small delta: new or changed files without rewriting the rest.

    result = load(paths, progress, indexing=...)   # as loader.load; result.segments when joined
    result = open_cached(paths)                     # as loader.open_cached, the delta included

The base is the cache (and the index beside it) that loader.py writes for every file. When files
are added, changed or removed afterwards, only those are parsed: they make a delta segment, its
own cache + index pair written by the same machinery (`loader.load_files` over those files only,
reusing the bodies of the previous delta), plus the list of base paths it removes. The manifest
(manifest.py), written last, is the commit point. The archive joins both: the base's articles but
the removed ones, then the delta's; the search layer joins their indexes (search/disk/segments.py).

When the delta outgrows `DELTA_MIN` files and `DELTA_SHARE` of the base (or `DELTA_MAX` files),
the next load merges (the app merges in the background instead: `load(merge=True)` in a worker):
it writes a whole new base from the base's and the delta's cached bodies (none parsed again; their
index features recomputed from them on all cores) and then drops the delta. A load that finds no
base writes one as before.

A kill at any point leaves files a later load trusts or rebuilds: each file is written to a temp
file and renamed; the manifest names each segment by its cache's identity, so a manifest left from
before a merge or a half-written delta names files that are no longer there and is ignored, and the
delta is computed again from the files and the base (which is what every load does anyway).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Article, Rejection
from . import bodies, cache, loader, manifest, scanning, stamps, turns
from .archive import Archive
from .identity import parser_version, roots_of
from .loader import Indexing, LoadResult
from .paths import data_dir as default_data_dir
from .workers import Progress

DELTA_MIN = 64  # a delta of up to this many files is kept as one, whatever the base's size
DELTA_SHARE = 0.10  # ... or up to this share of the base's files
DELTA_MAX = 5000  # ... but never more: beyond, the next load merges


@dataclass
class Segments:
    base: LoadResult  # the base cache's archive: all its articles, the removed ones too
    delta: LoadResult  # the delta cache's archive
    removed: list[str]  # base paths the delta removes (deleted, or newer in the delta), sorted


def checkpoint(name: str) -> None:
    """Tests only: with NEWSTUI_TEST_PAUSE=name, say so in the file NEWSTUI_TEST_PAUSE_FILE and
    wait there, to be killed (tests/archive/store/test_segments_kill.py)."""
    if os.environ.get("NEWSTUI_TEST_PAUSE") == name:
        Path(os.environ["NEWSTUI_TEST_PAUSE_FILE"]).write_text(name)
        time.sleep(600)


def too_big(changes: int, base_files: int) -> bool:
    """Whether a delta of `changes` files is past what a delta holds: merge instead."""
    return changes > DELTA_MAX or changes > max(DELTA_MIN, base_files * DELTA_SHARE)


def identity_of(result: LoadResult) -> list[Any] | None:
    """What names the cache(s) `result` came from: its cache's identity, followed by its delta's
    when joined (None without a cache)."""
    seg: Segments | None = result.segments
    if seg is None:
        return result.identity
    if seg.base.identity is None or seg.delta.identity is None:
        return None
    return list(seg.base.identity) + list(seg.delta.identity)


def merge_due(result: LoadResult) -> bool:
    """Whether `result` joins a delta that has outgrown its share (merge it: `load(merge=True)`)."""
    seg: Segments | None = result.segments
    if seg is None:
        return False
    return too_big(len(seg.delta.entries) + len(seg.removed), len(seg.base.entries))


def load(
    paths: Iterable[str | os.PathLike[str]] = (),
    progress: Progress | None = None,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    indexing: Indexing | None = None,
    delta_indexing: Indexing | None = None,
    merge: bool | None = None,
    mode: int | None = None,
    known: LoadResult | None = None,
) -> LoadResult:
    """`loader.load`, writing a delta segment instead of a whole new cache when few files changed
    (indexed with `delta_indexing`, else `indexing`). `merge`: None, merge the delta into a new
    base when it is `too_big`; True, whenever there is one (a background merge); False, never (the
    app's loads: it merges in the background). `mode`: as `loader.load`'s. `known`: what
    `open_cached` gave for the same paths and data dir (the app's start): while the cache file is
    the one it decoded, its records are taken as they are, and when no file changed it is the
    result, not decoded again (~2 s of the interpreter at 300k articles, a keystroke's wait)."""
    if not use_cache:
        return loader.load(paths, progress, data_dir=data_dir, use_cache=False, indexing=indexing)
    roots = roots_of(paths)
    files, problems = scanning.scan_files(roots)
    target = cache.cache_path(default_data_dir(data_dir), roots)
    notices: list[str] = []
    base: cache.CacheFile | None = None
    try:
        base = _known_base(target, known)
        if base is None:
            with bodies.no_gc():
                base = cache.CacheFile.open(target, parser_version())
    except cache.CacheError as exc:
        notices.append(str(exc))
    had = manifest.read(target)
    if base is None:
        return _whole(roots, files, problems, target, progress, indexing, notices, mode=mode)
    turns.turn()  # (each of these is ~0.1-0.4 s at 300k files)
    removed = sorted(e.path for e in base.entries if files.get(e.path) != (e.size, e.mtime_ns))
    kept = len(base.entries) - len(removed)
    turns.turn()
    held, gone = {e.path for e in base.entries}, set(removed)
    turns.turn()
    fresh = {p: key for p, key in files.items() if p not in held or p in gone}
    if not fresh and not removed:  # the base is the archive: no delta
        _forget(target, indexing)
        if known is not None and known.entries is base.entries and not problems:
            base.close()  # (the known result reads its bodies through its own descriptor)
            known.notices, known.changed = notices, had is not None
            return known
        with bodies.no_gc():
            result = loader.from_cache(base, target, problems)
        result.notices, result.changed = notices, had is not None
        return result
    if merge or (merge is None and too_big(len(fresh) + len(removed), len(base.entries))):
        return _merge(roots, files, problems, target, base, progress, indexing, notices, mode)
    delta = loader.load_files(roots, fresh, [], manifest.delta_path(target), progress,
                              delta_indexing or indexing, mode=mode, summarise=False)
    with bodies.no_gc():
        result = join(loader.from_cache(base, target, []), delta, removed, problems)
    result.notices = notices + delta.notices
    result.parsed, result.reused = delta.parsed, kept + delta.reused
    now = _manifest(result, files)
    result.changed = now is None or now != had
    checkpoint("delta written")
    if now is not None and now != had:
        try:
            manifest.write(target, now, mode)
        except OSError as exc:
            result.notices.append(f"cannot write {manifest.manifest_path(target)}: {exc.strerror}")
    if now is not None:
        loader.summarise_cache(result, now.base + now.delta, mode)
    return result


def _known_base(target: Path, known: LoadResult | None) -> cache.CacheFile | None:
    """The cache at `target` with `known`'s records, when `known` came from that very file (its
    identity in the footer) without a delta; else None (the caller opens and decodes it)."""
    if known is None or known.segments is not None or known.identity is None or known.cache != target:
        return None
    try:
        fd, header = cache.CacheFile.open_header(target, parser_version())
    except FileNotFoundError:
        return None
    if [header.meta_crc, header.count, header.written] != list(known.identity):
        os.close(fd)
        return None
    return cache.CacheFile(fd, header, known.entries)


def _merge(roots: list[str], files: dict[str, scanning.Key], problems: list[Rejection], target: Path,
           base: cache.CacheFile, progress: Progress | None, indexing: Indexing | None,
           notices: list[str], mode: int | None = None) -> LoadResult:
    """A new base of the base's and the delta's cached bodies (no file parsed again but those
    neither holds as they are now)."""
    delta: cache.CacheFile | None = None
    try:
        with bodies.no_gc():
            delta = cache.CacheFile.open(manifest.delta_path(target), parser_version())
    except cache.CacheError:
        pass  # its files are parsed again
    return _whole(roots, files, problems, target, progress, indexing, notices, _Both(base, delta), mode)


class _Both:
    """The bodies a merge copies: the delta's, and the base's for the paths the delta lacks."""

    def __init__(self, base: cache.CacheFile, delta: cache.CacheFile | None) -> None:
        self.base, self.delta = base, delta
        newer = delta.entries if delta is not None else []
        self.newer = {e.path for e in newer}
        self.entries = sorted(newer + [e for e in base.entries if e.path not in self.newer],
                              key=lambda e: e.path)

    def read_body(self, entry: cache.Entry) -> bytes | None:
        source = self.delta if entry.path in self.newer and self.delta is not None else self.base
        return source.read_body(entry)

    def close(self) -> None:
        self.base.close()
        if self.delta is not None:
            self.delta.close()


def _whole(roots: list[str], files: dict[str, scanning.Key], problems: list[Rejection], target: Path,
           progress: Progress | None, indexing: Indexing | None, notices: list[str], reuse: Any = None,
           mode: int | None = None) -> LoadResult:
    """A whole new base (the first load, or a merge); the delta is dropped once it is in place."""
    result = loader.load_files(roots, files, problems, target, progress, indexing, reuse=reuse, mode=mode)
    result.notices[:0] = [n for n in notices if n not in result.notices]  # (the base read again)
    checkpoint("base written")
    if result.cache is not None:
        _forget(target, indexing)
    return result


def _forget(target: Path, indexing: Indexing | None) -> None:
    if manifest.manifest_path(target).exists() or manifest.delta_path(target).exists():
        manifest.drop(target, indexing.index_of if indexing is not None else None)


def _manifest(result: LoadResult, files: dict[str, scanning.Key]) -> manifest.Manifest | None:
    """What the manifest says of `result` (None when a segment has no cache: nothing to name)."""
    seg: Segments = result.segments
    if seg.base.identity is None or seg.delta.identity is None or seg.delta.cache is None:
        return None
    digest = stamps.digest((path, size, mtime) for path, (size, mtime) in files.items())
    return manifest.Manifest(manifest.FORMAT, list(seg.base.identity), list(seg.delta.identity),
                             seg.removed, list(digest))


def join(base: LoadResult, delta: LoadResult, removed: list[str], problems: list[Rejection]) -> LoadResult:
    """One archive of the base's articles but those at `removed` paths, and the delta's."""
    gone = set(removed)
    metas: list[Article] = [a for a in base.archive.articles if a.path not in gone]
    metas += delta.archive.articles
    rejections = [r for r in base.archive.rejections if r.path not in gone]
    rejections += delta.archive.rejections + problems
    newer, older = delta.archive, base.archive

    def body(article_id: str) -> Article:
        return (newer if article_id in newer else older).get(article_id)

    archive = Archive(metas, rejections, body_loader=body)
    result = LoadResult(archive, [], cache=base.cache)
    result.segments = Segments(base, delta, removed)
    return result


def open_cached(
    paths: Iterable[str | os.PathLike[str]] = (), *, data_dir: str | os.PathLike[str] | None = None
) -> LoadResult | None:
    """`loader.open_cached` with the delta the manifest names, when it is there as named."""
    base = loader.open_cached(paths, data_dir=data_dir)
    if base is None or base.cache is None:
        return base
    found = manifest.read(base.cache)
    if found is None or found.base != base.identity:
        return base
    at = manifest.delta_path(base.cache)
    try:
        with bodies.no_gc():
            old = cache.CacheFile.open(at, parser_version())
    except cache.CacheError:
        return base
    if old is None:
        return base
    header = old.header
    if [header.meta_crc, header.count, header.written] != found.delta:
        old.close()
        return base
    with bodies.no_gc():
        delta = loader.from_cache(old, at, [])
        result = join(base, delta, found.removed, [])
    result.changed = False
    return result
