"""The search index, persisted beside the cache and opened in milliseconds instead of rebuilt.

Why: building the index meant reading and folding every body and running the name rules over all
text — 8 s per 10k articles, paid again in every `newstui search` process and in the app after each
open. Now each parse worker computes an article's index features (its folded text, distinct
characters and Latin tokens, glosses, acronyms, titled names) while the file is in hand, the parent
only appends article numbers to postings and streams the folded text to disk (indexbuild.py), and
later processes map the file: `open_index` beside the Archive (the app), `open_columns` alone
(`newstui search`, quick.py).

The layout is in indexformat.py, the parts read in place in indexmapped.py.

Never trusted: the footer and meta are checksummed and checked against the cache they index on
open; each posting list is checked when first read (zlib's adler32, count, order, range), each
article's text when first read (crc32; per article, not per block, so a search touches only the
pages of the articles it reads: 1 MiB blocks made a CLI search at 100k map ~600 MB). Anything
wrong: the index is rebuilt (a problem met while searching deletes the file, so the next open
rebuilds it; the search goes on without it).
"""

from __future__ import annotations

import mmap
import os
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import msgspec

from ...store.bodies import no_gc
from ...store.files import pread
from ..index.articleids import StoredEntity, stored_articles
from ..index.catalog import Catalog, Columns
from ..index.strings import Strings
from ..index.textindex import TextIndex
from ..index.titles import Titles
from ..names.aliastables import AliasTables
from ..names.entities import Entity
from .format import (
    FORMAT,
    MAGIC,
    TAIL,
    TAIL_SIZE,
    Bodies,
    Footer,
    IndexError_,
    Meta,
    array_of,
    index_path,
    index_version,
)
from .mapped import BodyReader, Damage, LazyEntities, MappedHays, StoredPostings
from .section import read_meta

__all__ = ["MAGIC", "IndexError_", "MappedHays", "StoredPostings", "index_path", "index_version",
           "open_columns", "open_index"]


def open_index(path: Path, archive: Any, cache_identity: list[Any], *, read_only: bool = False) -> Any:
    """The SearchIndex persisted at `path` for `archive`; IndexError_ (with the reason) when there
    is none or it cannot be trusted: other version, another cache's, damaged, truncated.
    `read_only`: damage met while searching leaves the file in place (a shared index)."""
    from ..engine import SearchIndex

    def make(meta: Meta, ids: Strings, titles: Strings, text: TextIndex, tables: AliasTables) -> Any:
        if len(ids) != len(archive):
            raise IndexError_("the search index is for other articles")
        # the catalog as stored (the columns of the archive whose cache `cache_identity` names,
        # which this file was checked to index), not made again from every article's record
        with no_gc():
            catalog = Catalog(ids, titles, msgspec.msgpack.decode(meta.catalog, type=Columns))
        # the archive's own strings, not a second copy (~60 MB at 300k); each id looked up once
        if catalog.share(archive.meta) != len(ids):
            raise IndexError_("the search index is for other articles")
        entities = _entities(meta, ids, text)
        return SearchIndex.over(archive, text, entities, _titled(meta), ids, tables, catalog)

    return _open(path, cache_identity, make, read_only)


def open_columns(path: Path, cache_identity: list[Any], cache_fd: int, *, read_only: bool = False,
                 articles: bool = False) -> Any:
    """The SearchIndex persisted at `path`, alone: articles come from its own columns and bodies
    from the cache file open at `cache_fd` (the one `cache_identity` names), no Archive needed;
    entities are decoded as they are read, without their article lists, which a search never
    reads (`articles`: with them, as `open_index` gives them: the app, which lists a name's
    articles). `index.stamps` is the digest of the files it was built from (stamps.py): the caller
    checks them against the files on disk. IndexError_ as for `open_index`."""
    from ..engine import SearchIndex

    def make(meta: Meta, ids: Strings, titles: Strings, text: TextIndex, tables: AliasTables) -> Any:
        with no_gc():
            catalog = Catalog(ids, titles, msgspec.msgpack.decode(meta.catalog, type=Columns))
            bodies = msgspec.msgpack.decode(meta.bodies, type=Bodies)
        n = len(ids)
        body = BodyReader(cache_fd, array_of("Q", bodies.at, n), array_of("I", bodies.length, n),
                           array_of("I", bodies.crc, n))
        entities: Sequence[Entity] = LazyEntities(meta.entities)
        if articles:
            entities = _entities(meta, ids, text)
        index = SearchIndex(catalog, text, entities, body, _titled(meta), tables=tables)
        index.stamps = tuple(meta.stamps)
        return index

    return _open(path, cache_identity, make, read_only)


def _entities(meta: Meta, ids: Sequence[str], text: TextIndex) -> list[Entity]:
    """The stored entities with their article lists (read from the file when first asked)."""
    damage = text.hays.on_damage  # type: ignore[attr-defined]
    return [Entity(s.key, s.name, s.kind, s.aliases, stored_articles(s, ids, damage))
            for s in msgspec.msgpack.decode(meta.entities, type=list[StoredEntity])]


def _titled(meta: Meta) -> Callable[[], list[str]]:
    """The titled names (sorted), decoded when first asked for (only pinyin reads them). The
    function keeps their bytes, not `meta` (which the index does not keep)."""
    raw = meta.titled
    return lambda: msgspec.msgpack.decode(raw, type=list[str])


def _open(path: Path, cache_identity: list[Any],
          make: Callable[[Meta, Strings, Strings, TextIndex, AliasTables], Any],
          read_only: bool = False) -> Any:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise IndexError_("no search index yet" if isinstance(exc, FileNotFoundError)
                          else f"cannot read the search index: {exc.strerror}") from exc
    try:
        with no_gc():  # decoding ~10^5 strings and structs: no cycles to look for
            footer, meta = _read(fd, cache_identity)
        mm = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:
        raise IndexError_(f"cannot read the search index: {exc}") from exc
    finally:
        os.close(fd)
    try:
        ids = Strings(meta.ids, array_of("Q", meta.id_starts))
        titles = Strings(meta.titles, array_of("Q", meta.title_starts))
        n = len(ids)
        if len(titles) != n:
            raise IndexError_("the search index is for other articles")
        # (the tables' ends here; each text and posting list is checked when read, its place too:
        # one out of order reads as empty, its checksum fails, as a damaged text's)
        offsets = array_of("Q", meta.hay_offsets, n + 1)
        if offsets[0] != 0 or offsets[-1] != footer.hay_len:
            raise IndexError_("the search index's text table is damaged")
        crcs = array_of("I", meta.hay_crcs, n)
        title_len = array_of("I", meta.title_len, n)
        damage = Damage(path, remove=not read_only)
        chars = _stored(meta.char_keys, meta.char_at, meta.char_count, mm, footer, n, damage)
        tokens = _stored(meta.token_keys, meta.token_at, meta.token_count, mm, footer, n, damage)
        phrases = _stored(meta.phrase_keys, meta.phrase_at, meta.phrase_count, mm, footer, n, damage)
        hays = MappedHays(mm, footer.hay_at, offsets, crcs, damage)
        text = TextIndex(hays, title_len, chars, tokens, phrases)
        text._vocab = meta.token_keys
        index = make(meta, ids, titles, text, AliasTables.stored(meta.tables, damage))
        index.resolver.use_pinyin(meta.pinyin_joined, array_of("I", meta.pinyin_starts))
        index.stored_titles = Titles.stored(meta.folded_titles, array_of("Q", meta.folded_starts, n))
    except (ValueError, KeyError, TypeError, msgspec.DecodeError) as exc:
        mm.close()
        raise IndexError_(f"the search index is damaged ({exc})") from exc
    except IndexError_:
        mm.close()
        raise
    index.persisted = path
    index.damage = damage
    return index


def _stored(keys: list[str], at_raw: bytes, count_raw: bytes, mm: mmap.mmap, footer: Footer, n: int,
            damage: Damage) -> StoredPostings:
    at = array_of("Q", at_raw, len(keys) + 1)
    count = array_of("I", count_raw, len(keys))
    if at[-1] > footer.post_len:
        raise IndexError_("the search index's posting table is damaged")
    return StoredPostings(keys, at, count, mm, footer.post_at, n, damage)


def _read(fd: int, cache_identity: list[Any]) -> tuple[Footer, Meta]:
    size = os.fstat(fd).st_size
    head = pread(fd, len(MAGIC), 0)
    if head != MAGIC:
        raise IndexError_("the search index has another format" if head[:-1] == MAGIC[:-1]
                          else "the search index is damaged")
    if size < len(MAGIC) + TAIL_SIZE:
        raise IndexError_("the search index is truncated")
    tail = pread(fd, TAIL_SIZE, size - TAIL_SIZE)
    footer_len, footer_crc = TAIL.unpack(tail[: TAIL.size])
    footer_at = size - TAIL_SIZE - footer_len
    if tail[TAIL.size:] != MAGIC or footer_at < len(MAGIC):
        raise IndexError_("the search index is truncated")
    raw = pread(fd, footer_len, footer_at)
    if zlib.crc32(raw) != footer_crc:
        raise IndexError_("the search index is damaged (footer checksum)")
    try:
        found = msgspec.msgpack.decode(raw)
        if not isinstance(found, dict) or found.get("format") != FORMAT:
            raise IndexError_("the search index has another format")
        footer = msgspec.convert(found, Footer)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise IndexError_(f"the search index is damaged ({exc})") from exc
    if footer.version != index_version() or footer.byteorder != sys.byteorder:
        raise IndexError_("the search index was written by another version")
    if footer.cache != list(cache_identity):
        raise IndexError_("the search index belongs to an older cache")
    sections = [(footer.hay_at, footer.hay_len), (footer.post_at, footer.post_len),
                (footer.meta_at, footer.meta_len)]
    end = len(MAGIC)
    for at, length in sections:
        if at != end or length < 0:
            raise IndexError_("the search index is damaged (bad layout)")
        end = at + length
    if end != footer_at:
        raise IndexError_("the search index is damaged (bad layout)")
    meta = read_meta(fd, footer.meta_at, footer.meta_len, footer.meta_crc)
    # A Raw field is a view into the mapped meta section and keeps the mapping alive while the
    # index is open: the ones kept past the open hold copies of their bytes
    meta.entities, meta.titled, meta.tables = meta.entities.copy(), meta.titled.copy(), meta.tables.copy()
    return footer, meta
