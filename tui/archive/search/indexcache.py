"""The search index, persisted beside the cache and opened in milliseconds instead of rebuilt.

Why: building the index meant reading and folding every body and running the name rules over all
text — 8 s per 10k articles, paid again in every `newstui search` process and in the app after each
open. Now each parse worker computes an article's index features (its folded text, distinct
characters and Latin tokens, glosses, acronyms, titled names) while the file is in hand, the parent
only appends article numbers to postings and streams the folded text to disk (indexbuild.py), and
later processes map the file: `open_index` beside the Archive (the app), `open_columns` alone
(`newstui search`, quick.py).

Layout of `<data dir>/index/<hash of roots>.index` (never pickle):

    MAGIC                 8 bytes
    hay                   every article's folded UTF-8 text, back to back (searched in place
                          through mmap: the OS page cache holds it, no process decodes it)
    postings              per character / Latin token / name alias (its articles, found at build
                          time), zlib(array('I') of deltas of article numbers)
    meta                  MessagePack `Meta`: ids, titles, hay offsets and per-article crc32s, title
                          lengths, posting directory (key, offset, count), entities, titled names,
                          pinyin; each article's date, source and path (catalog.py) and body place
                          in the cache; the digest of the cache's files (stamps.py)
    footer                MessagePack `Footer`: format, code version, the cache file it belongs to
                          (its meta crc, count and write time), where each section is, meta crc32
    u32 footer length, u32 footer crc32, MAGIC

Never trusted: the footer and meta are checksummed and checked against the cache they index on
open; each posting list is checked when first read (zlib's adler32, count, order, range), each
article's text when first read (crc32; per article, not per block, so a search touches only the
pages of the articles it reads: 1 MiB blocks made a CLI search at 100k map ~600 MB). Anything
wrong: the index is rebuilt (a problem met while searching deletes the file, so the next open
rebuilds it; the search goes on without it).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import mmap
import os
import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator
from itertools import accumulate
from operator import sub
from pathlib import Path
from typing import Any

import msgspec

from ..store.cache import no_gc, read_checked
from ..store.files import pread
from . import names
from .textindex import Postings, TextIndex, contains

FORMAT = 3
MAGIC = b"NTINDEX" + bytes([FORMAT])
_TAIL = struct.Struct(">II")
_TAIL_SIZE = _TAIL.size + len(MAGIC)
_FLUSH_AT = 4 << 20
#: The modules whose code shapes what is stored: editing one invalidates every index.
#: (Paths relative to tui/archive.)
_SOURCES = ("search/textindex.py", "search/names.py", "search/namerules.py", "search/indexcache.py",
            "search/indexbuild.py", "search/pinyin.py", "search/resolve.py", "search/engine.py",
            "search/catalog.py", "store/stamps.py")


class IndexError_(Exception):
    """The persisted index cannot be used; the message says why (for people)."""


class Footer(msgspec.Struct):
    format: int
    version: str
    byteorder: str
    cache: list[Any]  # [meta_crc, count, written] of the cache file indexed
    hay_at: int
    hay_len: int
    post_at: int
    post_len: int
    meta_at: int
    meta_len: int
    meta_crc: int


class Meta(msgspec.Struct, array_like=True):
    ids: list[str]
    titles: list[str]
    hay_offsets: bytes  # array('Q'), n + 1, from the start of the hay section
    hay_crcs: bytes  # array('I'), one per article
    title_len: bytes  # array('I'), bytes of folded title at the start of each hay
    char_keys: list[str]
    char_at: bytes  # array('Q'), len + 1, from the start of the postings section
    char_count: bytes  # array('I')
    token_keys: list[str]  # sorted: the vocabulary
    token_at: bytes
    token_count: bytes
    entities: msgspec.Raw  # list[names.Entity]: decoded whole by `open_index`, without the
    #                        article lists (a search never reads them) by `open_columns`
    titled: list[str]
    pinyin_joined: str
    pinyin_starts: bytes  # array('I')
    phrase_keys: list[str]  # every name alias matched at build time, with its articles
    phrase_at: bytes
    phrase_count: bytes
    # For searching without the archive (`open_columns`), decoded only then:
    catalog: msgspec.Raw  # catalog.Columns: id, path, title, date, source of each article
    bodies: msgspec.Raw  # Bodies: where each article's body is in the cache file
    stamps: list[int]  # stamps.digest of the cache's files: (count, sum)


class Bodies(msgspec.Struct, array_like=True):
    at: bytes  # array('Q'), per article: offset in the cache file
    length: bytes  # array('I')
    crc: bytes  # array('I')


_META_DEC = msgspec.msgpack.Decoder(Meta)


def index_path(cache_file: Path) -> Path:
    """`<data dir>/index/<hash>.index` for `<data dir>/cache/<hash>.cache`."""
    return cache_file.parent.parent / "index" / (cache_file.stem + ".index")


def _installed_version(package: str) -> str:
    """The installed version of `package`, from its dist-info folder's name, without importing
    it (pypinyin takes ~0.9 s) or importlib.metadata (~0.15 s, in every `newstui search`)."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return ""
    site = Path(next(iter(spec.submodule_search_locations))).parent
    found = sorted(site.glob(f"{package}-*.dist-info"))
    return found[-1].name[len(package) + 1 : -len(".dist-info")] if found else ""


@functools.cache
def index_version() -> str:
    """A digest of the code that shapes a stored index, pypinyin's readings included."""
    digest = hashlib.blake2b(digest_size=6)
    digest.update(_installed_version("pypinyin").encode())
    here = Path(__file__).resolve().parents[1]  # tui/archive
    for name in _SOURCES:
        with contextlib.suppress(OSError):
            digest.update(name.encode() + (here / name).read_bytes())
    return digest.hexdigest()


# --- reading ------------------------------------------------------------------------------------


class MappedHays:
    """The folded texts, read from the mapped file; each article's checked when first read."""

    def __init__(self, mm: mmap.mmap, at: int, offsets: array, crcs: array,
                 on_damage: Callable[[str], None], checked: bool = False) -> None:
        self.mm, self.at, self.offsets, self.crcs = mm, at, offsets, crcs
        self.checked = bytearray([1 if checked else 0]) * len(crcs)
        self.on_damage = on_damage
        self.bad = False

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> bytes:
        data = self.mm[self.at + self.offsets[i]:self.at + self.offsets[i + 1]]
        if not self.checked[i]:
            if zlib.crc32(data) != self.crcs[i]:
                self._damaged()
                return b""
            self.checked[i] = 1
        return data

    def contains(self, i: int, needle: bytes) -> bool:
        """`textindex.contains` on article i's text, in place."""
        if not self.checked[i] and not self[i]:
            return False
        return contains(self.mm, needle, self.at + self.offsets[i], self.at + self.offsets[i + 1])

    def _damaged(self) -> None:
        self.bad = True
        self.on_damage("the search index's text is damaged")


class StoredPostings(Postings):
    """Posting lists read from the mapped file on first use (checked then), then kept. Keys are
    stored sorted and found by bisection: no dict of 10^5 keys to build at every open."""

    def __init__(self, keys: list[str], at: array, count: array, mm: mmap.mmap, base: int, n: int,
                 on_damage: Callable[[str], None]) -> None:
        super().__init__()
        self.keys = keys
        self.at, self.count, self.mm, self.base, self.n = at, count, mm, base, n
        self.on_damage = on_damage

    def _where(self, key: object) -> int | None:
        keys = self.keys
        k = bisect_left(keys, key)  # type: ignore[type-var]
        return k if k < len(keys) and keys[k] == key else None

    def __contains__(self, key: object) -> bool:
        return self._where(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys)

    def __len__(self) -> int:
        return len(self.keys)

    def sorted_keys(self) -> list[str]:
        return self.keys

    def get(self, key: str, default: Any = None) -> Any:
        found = self.lists.get(key)
        if found is not None:
            return found
        k = self._where(key)
        if k is None:
            return default
        found = self._read(k)
        self.lists[key] = found
        return found

    def _read(self, k: int) -> array:
        try:
            raw = zlib.decompress(self.mm[self.base + self.at[k]:self.base + self.at[k + 1]])
            deltas = array("I", raw)
            ids = array("I", accumulate(deltas))
            ok = (len(ids) == self.count[k] and len(ids) > 0 and ids[-1] < self.n
                  and (len(deltas) < 2 or min(deltas[1:]) > 0))
        except (zlib.error, ValueError, OverflowError):
            ok = False
        if not ok:
            self.on_damage("a posting list of the search index is damaged")
            return array("I")
        return ids


def _arr(code: str, raw: bytes, n: int | None = None) -> array:
    out = array(code)
    if len(raw) % out.itemsize:
        raise IndexError_("a table of the search index has a bad size")
    out.frombytes(raw)
    if n is not None and len(out) != n:
        raise IndexError_("a table of the search index has the wrong length")
    return out


def open_index(path: Path, archive: Any, cache_identity: list[Any]) -> Any:
    """The SearchIndex persisted at `path` for `archive`; IndexError_ (with the reason) when there
    is none or it cannot be trusted: other version, another cache's, damaged, truncated."""
    from .engine import SearchIndex

    def make(meta: Meta, text: TextIndex) -> Any:
        if len(meta.ids) != len(archive) or any(i not in archive for i in meta.ids):
            raise IndexError_("the search index is for other articles")
        entities = msgspec.msgpack.decode(meta.entities, type=list[names.Entity])
        index = SearchIndex.over(archive, text, entities, meta.titled, meta.ids)
        if index.catalog.titles != meta.titles:
            raise IndexError_("the search index is for other titles")
        return index

    return _open(path, cache_identity, make)


def open_columns(path: Path, cache_identity: list[Any], cache_fd: int) -> Any:
    """The SearchIndex persisted at `path`, alone: articles come from its own columns and bodies
    from the cache file open at `cache_fd` (the one `cache_identity` names), no Archive needed.
    `index.stamps` is the digest of the files it was built from (stamps.py): the caller checks
    them against the files on disk. IndexError_ as for `open_index`."""
    from .catalog import Catalog, Columns
    from .engine import SearchIndex

    def make(meta: Meta, text: TextIndex) -> Any:
        with no_gc():
            catalog = Catalog(meta.ids, meta.titles, msgspec.msgpack.decode(meta.catalog, type=Columns))
            bodies = msgspec.msgpack.decode(meta.bodies, type=Bodies)
            heads = msgspec.msgpack.decode(meta.entities, type=list[_Named])
        entities = [names.Entity(h.key, h.name, h.kind, h.aliases) for h in heads]
        n = len(meta.ids)
        body = _BodyReader(cache_fd, _arr("Q", bodies.at, n), _arr("I", bodies.length, n),
                           _arr("I", bodies.crc, n))
        index = SearchIndex(catalog, text, entities, body, meta.titled)
        index.stamps = tuple(meta.stamps)
        return index

    return _open(path, cache_identity, make)


class _Named(msgspec.Struct):
    """A names.Entity without its article list, which msgspec then skips instead of decoding."""

    key: str
    name: str
    kind: str
    aliases: list[str]


class _BodyReader:
    """Article i's body text, read from the cache file (empty when it cannot be: snippet from the
    title only; the search itself never needs the body)."""

    def __init__(self, fd: int, at: array, length: array, crc: array) -> None:
        self.fd, self.at, self.length, self.crc = fd, at, length, crc

    def __call__(self, i: int) -> str:
        from ..model import body_text
        from ..store.workers import decode_body

        raw = read_checked(self.fd, self.at[i], self.length[i], self.crc[i])
        try:
            return body_text(decode_body(raw)) if raw else ""
        except ValueError:
            return ""


def _open(path: Path, cache_identity: list[Any], make: Callable[[Meta, TextIndex], Any]) -> Any:
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
        n = len(meta.ids)
        if len(meta.titles) != n:
            raise IndexError_("the search index is for other articles")
        offsets = _arr("Q", meta.hay_offsets, n + 1)
        if offsets[0] != 0 or offsets[-1] != footer.hay_len or (
                n and max(map(sub, offsets[:-1], offsets[1:])) > 0):
            raise IndexError_("the search index's text table is damaged")
        crcs = _arr("I", meta.hay_crcs, n)
        title_len = _arr("I", meta.title_len, n)
        damage = _Damage(path)
        chars = _stored(meta.char_keys, meta.char_at, meta.char_count, mm, footer, n, damage)
        tokens = _stored(meta.token_keys, meta.token_at, meta.token_count, mm, footer, n, damage)
        phrases = _stored(meta.phrase_keys, meta.phrase_at, meta.phrase_count, mm, footer, n, damage)
        hays = MappedHays(mm, footer.hay_at, offsets, crcs, damage)
        text = TextIndex(hays, title_len, chars, tokens, phrases)
        text._vocab = meta.token_keys
        index = make(meta, text)
        index.resolver.use_pinyin(meta.pinyin_joined, _arr("I", meta.pinyin_starts))
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
            damage: _Damage) -> StoredPostings:
    at = _arr("Q", at_raw, len(keys) + 1)
    count = _arr("I", count_raw, len(keys))
    if (any(map(sub, at[:-1], at[1:])) and max(map(sub, at[:-1], at[1:])) > 0) or at[-1] > footer.post_len:
        raise IndexError_("the search index's posting table is damaged")
    return StoredPostings(keys, at, count, mm, footer.post_at, n, damage)


class _Damage:
    """Called when damage shows up while searching: remove the file so the next open rebuilds it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reasons: list[str] = []

    def __call__(self, reason: str) -> None:
        self.reasons.append(reason)
        with contextlib.suppress(OSError):
            self.path.unlink()


def _read(fd: int, cache_identity: list[Any]) -> tuple[Footer, Meta]:
    size = os.fstat(fd).st_size
    head = pread(fd, len(MAGIC), 0)
    if head != MAGIC:
        raise IndexError_("the search index has another format" if head[:-1] == MAGIC[:-1]
                          else "the search index is damaged")
    if size < len(MAGIC) + _TAIL_SIZE:
        raise IndexError_("the search index is truncated")
    tail = pread(fd, _TAIL_SIZE, size - _TAIL_SIZE)
    footer_len, footer_crc = _TAIL.unpack(tail[: _TAIL.size])
    footer_at = size - _TAIL_SIZE - footer_len
    if tail[_TAIL.size:] != MAGIC or footer_at < len(MAGIC):
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
    meta_raw = pread(fd, footer.meta_len, footer.meta_at)
    if zlib.crc32(meta_raw) != footer.meta_crc:
        raise IndexError_("the search index is damaged (checksum)")
    try:
        return footer, _META_DEC.decode(meta_raw)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise IndexError_(f"the search index is damaged ({exc})") from exc
