"""Building the search index: each article's features (computed in the parse workers), then
`IndexBuilder`, which gathers them and writes the file `indexformat.py` describes and `indexcache.py` opens.

    f = features(title, body)           # in a worker: encode_features / decode_features
    builder = IndexBuilder(path, cache_file)
    builder.add(article_id, title, f)   # any order
    index = builder.finish(archive, cache_identity, entries)
"""

from __future__ import annotations

import contextlib
import mmap
import os
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Sequence
from operator import sub
from pathlib import Path
from typing import Any

import msgspec

from ...store import stamps
from ...store.cache import STALE_TEMP_SECONDS
from ...store.files import locked, pread, pwrite, remove_stale_temps, temp_beside
from ..index.articleids import encode_entities
from ..index.textindex import Postings, TextIndex, contains, hay_of
from ..names import entities as names
from ..names import lexicon
from ..text.fold import fold
from .format import FLUSH_AT, FORMAT, MAGIC, TAIL, Bodies, Footer, Meta, index_version
from .mapped import Damage, MappedHays


class Features(msgspec.Struct, array_like=True):
    """What the index needs of one article, computed where the article was parsed."""

    hay: bytes
    title_len: int
    chars: str
    tokens: list[str]
    glosses: list[names.Gloss]
    acronyms: list[str]
    titled: list[str]
    forms: list[int]  # the lexicon's forms the text holds (numbers in lexicon.forms())


_FEATURES_ENC = msgspec.msgpack.Encoder()
_FEATURES_DEC = msgspec.msgpack.Decoder(Features)


def features(title: str, body: str) -> Features:
    hay, title_len, chars, tokens = hay_of(title, body)
    whole = title + "\n" + body
    return Features(hay, title_len, chars, tokens, names.glosses(whole), sorted(names.acronyms(whole)),
                    sorted(names.titled(whole)), lexicon.found_in(hay))


def encode_features(title: str, body: str) -> bytes:
    """`features` as bytes, for a parse worker to send back."""
    return _FEATURES_ENC.encode(features(title, body))


def encode_text_features(title: str, body: str) -> bytes:
    """`encode_features` without what names are found by (a delta segment's: no names built)."""
    hay, title_len, chars, tokens = hay_of(title, body)
    return _FEATURES_ENC.encode(Features(hay, title_len, chars, tokens, [], [], [], []))


def decode_features(raw: bytes) -> Features:
    return _FEATURES_DEC.decode(raw)


def worth_storing(phrases: Postings, entities: Sequence[names.Entity]) -> Postings:
    """The phrase answers the index keeps: every string found somewhere, and the names' aliases
    found nowhere (no search reads texts to learn that again). The lexicon's forms that
    `lexicon.present` probed and the archive never holds are dropped: ~11k keys with their offsets
    in every index (0.26 MB, 4% of a generated 1k archive's index), which no search asks for
    unless one is typed exactly, and then `matches` finds the same empty answer by reading the
    texts that hold all its characters."""
    aliases = {fold(a) for e in entities for a in e.aliases}
    return Postings({k: v for k, v in phrases.lists.items() if v or k in aliases})


class FileHays:
    """The folded texts read with `pread` from the index file being built: what `names.build` reads.

    Not through a map: mapped pages count in the process's resident memory, and names.build reads
    (part of) nearly every article, so at 100k articles the ~600 MB it touched stayed resident and
    made the build's peak. (Unmapping them now and then bounded that only loosely: the kernel maps
    whole large folios per fault.) Read this way a text is transient bytes and the OS page cache
    still holds the file; the copies cost names.build ~4 s at 100k.
    """

    def __init__(self, fd: int, at: int, offsets: array) -> None:
        self.fd, self.at, self.offsets = fd, at, offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> bytes:
        start = self.offsets[i]
        size = self.offsets[i + 1] - start
        data = os.pread(self.fd, size, self.at + start)  # called millions of times: one syscall
        return data if len(data) == size else pread(self.fd, size, self.at + start)

    def contains(self, i: int, needle: bytes) -> bool:
        return contains(self[i], needle)


class IndexBuilder:
    """Takes each article's features as they come (any order), then `finish` makes the index.

    With a `path`, the folded text streams to a temp file beside it (never held in memory) and
    `finish` writes the rest and renames the file into place; without one, it stays in memory.
    """

    def __init__(self, path: Path | None = None, cache_file: Path | None = None,
                 mode: int | None = None, with_names: bool = True) -> None:
        """`cache_file`: the cache this index belongs to (its lock guards the rename); `mode`: the
        file's permissions (default 0600; a shared index dir's are readable by its readers);
        without names (a delta segment's index: the base's names are used), no entities are built."""
        self.path = path
        self.with_names = with_names
        self.cache_file = cache_file
        self.ids: list[str] = []
        self.titles: list[str] = []
        self.title_len = array("I")
        self.chars = Postings()
        self.tokens = Postings()
        self.glosses: list[list[names.Gloss]] = []
        self._gloss: dict[tuple[Any, ...], names.Gloss] = {}  # one object per distinct gloss
        self.bare: Counter[str] = Counter()
        self.titled: set[str] = set()
        self.forms: dict[int, array] = {}  # a lexicon form's number -> the articles holding it
        self.hays: list[bytes] = []
        self.offsets = array("Q", [0])
        self.crcs = array("I")
        self.fd = -1
        self.tmp: Path | None = None
        self._buffer = bytearray(MAGIC)
        self._written = 0
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temps(path.parent, path.name + ".*.tmp", STALE_TEMP_SECONDS)
            self.fd, self.tmp = temp_beside(path, mode=mode)
        self.mode = mode

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, article_id: str, title: str, f: Features) -> None:
        n = len(self.ids)
        self.ids.append(article_id)
        self.titles.append(title)
        self.title_len.append(f.title_len)
        if self.fd >= 0:
            self._buffer += f.hay
            if len(self._buffer) >= FLUSH_AT:
                self._flush()
        else:
            self.hays.append(f.hay)
        self.offsets.append(self.offsets[-1] + len(f.hay))
        self.crcs.append(zlib.crc32(f.hay))
        self.chars.add(f.chars, n)
        self.tokens.add(f.tokens, n)
        self.glosses.append([self._shared(g) for g in f.glosses])
        self.bare.update(f.acronyms)
        self.titled.update(f.titled)
        forms = self.forms
        for p in f.forms:
            try:
                forms[p].append(n)
            except KeyError:
                forms[p] = array("I", [n])

    def add_encoded(self, article_id: str, title: str, raw: bytes) -> None:
        """`add` with the features as `encode_features` made them (in a parse worker)."""
        self.add(article_id, title, decode_features(raw))

    def _shared(self, g: names.Gloss) -> names.Gloss:
        """The first gloss equal to `g`: the same names are glossed in article after article, and
        each article's decoded copies, held until `finish`, were ~250 MB at 100k articles (the
        generated archive glosses 49k times at 10k, 275 distinct). names.build changes none."""
        return self._gloss.setdefault((tuple(g.zh), tuple(g.latin), g.kind, tuple(g.short)), g)

    def _found_elsewhere(self, text: TextIndex) -> None:
        """Tell `text` which articles hold each lexicon form (found in the parse workers), those
        none holds too: names.build then reads the texts only for the archive's own aliases."""
        none = array("I")
        forms, self.forms = self.forms, {}
        text.found_elsewhere({form: forms.get(p, none) for p, form in enumerate(lexicon.forms())})

    def _flush(self) -> None:
        data = bytes(self._buffer)
        self._buffer.clear()
        self._written += pwrite(self.fd, data, self._written)

    def finish(self, archive: Any, cache_identity: list[Any] | None = None,
               entries: Sequence[Any] = ()) -> Any:
        """The SearchIndex over `archive` (which holds every id added); with a path, also written
        and renamed into place (OSError when that fails: the caller keeps the cache without it).
        `entries`: the cache's (cache.Entry), whose files and body places the index records."""
        from ..engine import SearchIndex

        if self.fd < 0:
            text = TextIndex(self.hays, self.title_len, self.chars, self.tokens)
            self._found_elsewhere(text)
            entities = names.build(self.glosses, self.bare, text, self.ids)
            text.forget_bulk()
            return SearchIndex.over(archive, text, entities, sorted(self.titled), self.ids)
        try:
            self._flush()
            hay_len = self._written - len(MAGIC)
            text = TextIndex(FileHays(self.fd, len(MAGIC), self.offsets), self.title_len, self.chars,
                             self.tokens)
            text.remember = True
            if self.with_names:
                self._found_elsewhere(text)
            entities = names.build(self.glosses, self.bare, text, self.ids) if self.with_names else []
            text.remember = False
            text.forget_bulk()
            text.phrases = worth_storing(text.phrases, entities)
            crcs = self.crcs
            damage = Damage(self.path)  # type: ignore[arg-type]
            mm = mmap.mmap(self.fd, 0, access=mmap.ACCESS_READ)  # searches map the articles they read
            text.hays = MappedHays(mm, len(MAGIC), self.offsets, crcs, damage, checked=True)
            index = SearchIndex.over(archive, text, entities, sorted(self.titled), self.ids)
            self.glosses, self._gloss = [], {}
            if cache_identity is not None:
                self._write(index, text, crcs, hay_len, cache_identity, entries)
            index.persisted = self.path
            index.damage = damage
            return index
        finally:
            os.close(self.fd)
            self.fd = -1
            self.discard()

    def _write(self, index: Any, text: TextIndex, crcs: array, hay_len: int, identity: list[Any],
               entries: Sequence[Any]) -> None:
        by_id = {e.article.id: e for e in entries if e.article is not None}
        placed = [by_id[i] for i in self.ids]
        bodies = Bodies(array("Q", [e.body_at for e in placed]).tobytes(),
                        array("I", [e.body_len for e in placed]).tobytes(),
                        array("I", [e.body_crc for e in placed]).tobytes())
        files = list(stamps.digest((e.path, e.size, e.mtime_ns) for e in entries))
        post_at = self._written
        char_keys, char_at, char_count = self._postings(self.chars, post_at)
        token_keys, token_at, token_count = self._postings(self.tokens, post_at)
        phrase_keys, phrase_at, phrase_count = self._postings(text.phrases, post_at)
        post_len = self._written + len(self._buffer) - post_at
        pinyin = index.resolver.pinyin
        meta = msgspec.msgpack.encode(Meta(
            self.ids, self.titles, self.offsets.tobytes(), crcs.tobytes(), self.title_len.tobytes(),
            char_keys, char_at.tobytes(), char_count.tobytes(), token_keys, token_at.tobytes(),
            token_count.tobytes(), msgspec.Raw(encode_entities(index.entities, self.ids)),
            msgspec.Raw(msgspec.msgpack.encode(index.resolver.titled)), pinyin.joined,
            array("I", pinyin.starts).tobytes(), phrase_keys, phrase_at.tobytes(), phrase_count.tobytes(),
            msgspec.Raw(msgspec.msgpack.encode(index.catalog.columns)),
            msgspec.Raw(msgspec.msgpack.encode(bodies)), files, msgspec.Raw(index.resolver.tables.encode())))
        meta_at = self._written + len(self._buffer)
        footer = msgspec.msgpack.encode(Footer(
            FORMAT, index_version(), sys.byteorder, list(identity), len(MAGIC), hay_len, post_at, post_len,
            meta_at, len(meta), zlib.crc32(meta)))
        self._flush()
        self._written += pwrite(self.fd, meta, self._written)  # not copied through the buffer (see cache.py)
        self._buffer += footer + TAIL.pack(len(footer), zlib.crc32(footer)) + MAGIC
        self._flush()
        os.fsync(self.fd)
        assert self.path is not None and self.tmp is not None
        with locked((self.cache_file or self.path).with_suffix(".lock"), self.mode):
            os.replace(self.tmp, self.path)

    def _postings(self, postings: Postings, start: int) -> tuple[list[str], array, array]:
        """Write each list (sorted keys); (keys, offsets from `start`, counts)."""
        keys = postings.sorted_keys()
        at = array("Q", [self._written + len(self._buffer) - start])
        count = array("I")
        for key in keys:
            ids = postings.get(key)
            deltas = array("I", ids[:1])
            deltas.extend(map(sub, ids[1:], ids[:-1]))
            self._buffer += zlib.compress(deltas.tobytes(), 1)
            if len(self._buffer) >= FLUSH_AT:
                self._flush()
            at.append(self._written + len(self._buffer) - start)
            count.append(len(ids))
        return keys, at, count

    def discard(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                self.tmp.unlink()
