"""The first screen of an archive, kept beside its cache: read in milliseconds at any size.

    summary.write(cache_file, archive, identity)   # after the cache is written (best effort)
    summary.read(cache_file)                       # an outline Archive, or None

Decoding the cache's records grows with the archive (~0.7 s at 100k articles, seconds at 300k),
and the app's first screen needs little of them: the newest articles (the list it opens on), the
sources with their years and months and the counts of each (the tree), the count of articles and
the files that could not be read. An article opened from the outline is read from its file.
Those are written here, MessagePack (never pickle), with the
identity of the cache they summarise ([meta crc, count, write time], from the cache's footer):
`read` checks that footer first and returns None for a summary of another cache, a damaged file or
a missing one, and the app then decodes the cache as before. The outline is shown while the
whole archive is decoded, and replaced by it (store/archive.py `Archive.outline`).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import msgspec

from ..model import Article, Rejection
from .archive import Archive, Month, SourceGroup, Year
from .cache import CacheError, CacheFile
from .files import atomic_write
from .scanning import encodable
from .workers import reparsed

FORMAT = 1
NEWEST = 500  # articles kept: the first list's screenfuls, and more
_MAX_BYTES = 64 << 20  # a larger file is not one of ours


class Group(msgspec.Struct, array_like=True):
    """A source (or a platform's channel): its years, each with its months' (key, count)."""

    key: str
    name: str
    years: list[tuple[str, list[tuple[str, int]]]]
    channels: list[Group] = []


class Summary(msgspec.Struct):
    format: int
    cache: list[Any]  # the summarised cache's [meta crc, count, written] (+ its delta's: segments.py)
    total: int
    newest: list[Article]
    tree: list[Group]
    rejections: list[Rejection]


_DECODER = msgspec.msgpack.Decoder(Summary)


def summary_path(cache_file: Path) -> Path:
    return cache_file.with_suffix(".summary")


def write(cache_file: Path, archive: Archive, identity: list[Any], mode: int | None = None) -> bool:
    """Write the summary of `archive` (held in `cache_file`, whose identity is given); False when it
    cannot be written (read-only or full data dir: the app then opens the slower way). `mode`: the
    file's permissions, as the cache's (a shared index dir's readers read it too)."""
    newest = [a for a in archive.articles[:NEWEST] if encodable(a.path)]
    rejections = [r for r in archive.rejections if encodable(r.path)]
    summary = Summary(FORMAT, list(identity), len(archive), newest, [_group(g) for g in archive.tree()],
                      rejections)
    try:
        atomic_write(summary_path(cache_file), msgspec.msgpack.encode(summary), mode)
    except (OSError, UnicodeEncodeError):  # (a name of undecodable bytes in the tree: no summary)
        return False
    return True


def current(cache_file: Path, identity: list[Any]) -> bool:
    """Whether the summary beside `cache_file` is that of the cache with `identity`."""
    found = _decoded(summary_path(cache_file))
    return found is not None and found.cache == list(identity)


def read(cache_file: Path, parser_version: str) -> Archive | None:
    """The outline of the archive in `cache_file`, if its summary is current; else None."""
    try:
        fd, header = CacheFile.open_header(cache_file, parser_version)
    except (CacheError, OSError):
        return None
    os.close(fd)
    found = _decoded(summary_path(cache_file))
    if found is None or found.cache[:3] != [header.meta_crc, header.count, header.written]:
        return None  # (a joined archive's summary names its delta's cache after the base's)
    tree = [_source(g) for g in found.tree]
    metas = {a.id: a for a in found.newest}
    return Archive.outline(found.newest, tree, found.total, found.rejections,
                           body_loader=lambda article_id: reparsed(metas[article_id]))


def _decoded(path: Path) -> Summary | None:
    with contextlib.suppress(OSError, msgspec.DecodeError, msgspec.ValidationError):
        with path.open("rb") as handle:
            raw = handle.read(_MAX_BYTES + 1)
        if len(raw) <= _MAX_BYTES:
            found = _DECODER.decode(raw)
            if found.format == FORMAT:
                return found
    return None


def _group(group: SourceGroup) -> Group:
    years = [(y.key, [(m.key, m.count) for m in y.months]) for y in group.years]
    return Group(group.key, group.name, years, [_group(c) for c in group.channels])


def _source(group: Group) -> SourceGroup:
    years = [Year(key, [Month(m, size=n) for m, n in months]) for key, months in group.years]
    return SourceGroup(group.key, group.name, years, [_source(c) for c in group.channels])
