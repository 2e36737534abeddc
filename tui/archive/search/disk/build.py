"""Building the search index: each article's features (computed in the parse workers), then
`IndexBuilder`, which gathers them and writes the file `indexformat.py` describes and `indexcache.py` opens.

    f = features(title, body)           # in a worker: encode_features / decode_features
    builder = IndexBuilder(path, cache_file)
    builder.add(article_id, title, f)   # any order
    index = builder.finish(archive, cache_identity, entries)
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from operator import sub
from pathlib import Path
from typing import Any

import msgspec

from ...store import heap, stamps
from ...store.cache import STALE_TEMP_SECONDS, array_head
from ...store.files import locked, pread, pwrite, remove_stale_temps, temp_beside
from ..index.articleids import encode_entities
from ..index.strings import Strings
from ..index.textindex import Postings, TextIndex, contains, hay_of
from ..names import entities as names
from ..names import lexicon
from ..text.fold import fold
from . import reading, runs
from .format import FLUSH_AT, FORMAT, MAGIC, TAIL, Bodies, Footer, Meta, index_version
from .mapped import StoredPostings
from .runs import FileSlices, RunFile, SpilledPostings


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


#: Posting lists the names' search keeps read at a time (it reads most lists once or twice).
_KEEP = 256


def _unreadable(reason: str) -> None:
    """A list just written reads back wrong: no index rather than a wrong one."""
    raise OSError(errno.EIO, reason)


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

    With a `path`, the folded text streams to a temp file beside it (never held in memory), the
    posting lists past `budget` article numbers go to sorted runs in another (runs.py), and `finish`
    merges them into the file, finds the names reading them from there, writes the rest, renames the
    file into place and opens it as a search does; without one, everything stays in memory.
    """

    def __init__(self, path: Path | None = None, cache_file: Path | None = None,
                 mode: int | None = None, with_names: bool = True, budget: int | None = None) -> None:
        """`cache_file`: the cache this index belongs to (its lock guards the rename); `mode`: the
        file's permissions (default 0600; a shared index dir's are readable by its readers);
        without names (a delta segment's index: the base's names are used), no entities are built;
        `budget`: article numbers each posting table holds in memory before it spills a run
        (runs.SPILL_AT)."""
        self.path = path
        self.with_names = with_names
        self.cache_file = cache_file
        self.ids: list[str] = []
        self.titles: list[str] = []
        self.title_len = array("I")
        self.chars: Postings | SpilledPostings = Postings()
        self.tokens: Postings | SpilledPostings = Postings()
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
        self.spill_fd = -1
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temps(path.parent, path.name + ".*.tmp", STALE_TEMP_SECONDS)
            self.fd, self.tmp = temp_beside(path, mode=mode)
            self.spill_fd, spill_tmp = temp_beside(path)
            spill_tmp.unlink()  # open until `finish` or `discard`, then gone with its descriptor
            spill, most = RunFile(self.spill_fd), runs.SPILL_AT if budget is None else budget
            self.chars, self.tokens = SpilledPostings(spill, most), SpilledPostings(spill, most)
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
               entries: Sequence[Any] = (), tick: Callable[[], object] | None = None) -> Any:
        """The SearchIndex over `archive` (which holds every id added); with a path, also written,
        renamed into place and opened from there (OSError when that fails: the caller keeps the
        cache without it). `entries`: the cache's (cache.Entry), whose files and body places the
        index records; `cache_identity`: the cache's (none: `[]`). `tick` is called now and then
        while names are found: raising there stops the build, and nothing is left behind."""
        from ..engine import SearchIndex

        if self.fd < 0:
            assert isinstance(self.chars, Postings) and isinstance(self.tokens, Postings)
            text = TextIndex(self.hays, self.title_len, self.chars, self.tokens)
            self._found_elsewhere(text)
            entities = names.build(self.glosses, self.bare, text, self.ids, tick=tick)
            text.forget_bulk()
            return SearchIndex.over(archive, text, entities, sorted(self.titled), self.ids)
        try:
            self._flush()
            hay_len = self._written - len(MAGIC)
            post_at = self._written
            chars = self._merge(self.chars, post_at)  # the lists written where they stay, then
            tokens = self._merge(self.tokens, post_at)  # read from there while names are found
            os.close(self.spill_fd)
            self.spill_fd = -1
            heap.give_back()  # the lists held in memory until now, freed: not to stay resident
            text = TextIndex(FileHays(self.fd, len(MAGIC), self.offsets), self.title_len, chars, tokens)
            text.remember = True
            if self.with_names:
                self._found_elsewhere(text)
            entities = (names.build(self.glosses, self.bare, text, self.ids, tick=tick) if self.with_names
                        else [])
            text.remember = False
            text.forget_bulk()
            self.glosses, self._gloss, self.bare = [], {}, Counter()
            text.phrases = worth_storing(text.phrases, entities)
            heap.give_back()  # names' transient answers, freed: the write starts from what is kept
            index = SearchIndex.over(archive, text, entities, sorted(self.titled), self.ids)
            identity = list(cache_identity or [])
            self._write(index, text, chars, tokens, hay_len, post_at, identity, entries)
            del index, text, chars, tokens, entities
            self._let_go()
            return reading.open_index(self.path, archive, identity)  # type: ignore[arg-type]
        except reading.IndexError_ as exc:  # what was just written cannot be read back
            raise OSError(errno.EIO, str(exc)) from exc
        finally:
            self.discard()

    def _merge(self, postings: Postings | SpilledPostings, start: int) -> StoredPostings:
        """Write each list (its runs merged) at the end of the file; the lists read back from there
        (a few hundred kept at a time), as `_write` records them."""
        assert isinstance(postings, SpilledPostings)
        keys, at, count = self._postings(postings.merged(), start)
        self._flush()
        stored = StoredPostings(keys, at, count, FileSlices(self.fd),  # type: ignore[arg-type]
                                start, len(self.ids), _unreadable)
        stored.keep = _KEEP
        return stored

    def _let_go(self) -> None:
        """Drop what the written file now holds (the caller opens it instead)."""
        self.ids, self.titles, self.titled = [], [], set()
        self.title_len, self.offsets, self.crcs = array("I"), array("Q", [0]), array("I")
        self.chars = self.tokens = Postings()

    def _write(self, index: Any, text: TextIndex, chars: StoredPostings, tokens: StoredPostings,
               hay_len: int, post_at: int, identity: list[Any], entries: Sequence[Any]) -> None:
        by_id = {e.article.id: e for e in entries if e.article is not None}
        placed = [by_id[i] for i in self.ids]
        bodies = Bodies(array("Q", [e.body_at for e in placed]).tobytes(),
                        array("I", [e.body_len for e in placed]).tobytes(),
                        array("I", [e.body_crc for e in placed]).tobytes())
        del by_id, placed
        files = list(stamps.digest((e.path, e.size, e.mtime_ns) for e in entries))
        phrases = text.phrases
        phrase_keys, phrase_at, phrase_count = self._postings(
            ((k, phrases.get(k)) for k in phrases.sorted_keys()), post_at)
        post_len = self._written + len(self._buffer) - post_at
        pinyin = index.resolver.pinyin
        encode = msgspec.msgpack.encode
        # a column stored as two fields, (joined, starts): the second held only until it is written
        second: dict[str, array] = {}

        def joined(key: str, column: Callable[[], Sequence[str]]) -> str:
            text, second[key] = Strings.of(column()).parts()
            return text
        # Meta's fields in order, each encoded when its turn comes and written through the buffer:
        # the same bytes as `encode(Meta(...))`, without that whole value (~100 MB at 100k
        # articles) and every part of it alive at once
        fields: list[Callable[[], Any]] = [
            lambda: joined("ids", lambda: self.ids), lambda: second.pop("ids").tobytes(),
            lambda: joined("titles", lambda: self.titles), lambda: second.pop("titles").tobytes(),
            self.offsets.tobytes, self.crcs.tobytes,
            self.title_len.tobytes, lambda: chars.keys, chars.at.tobytes, chars.count.tobytes,
            lambda: tokens.keys, tokens.at.tobytes, tokens.count.tobytes,
            lambda: msgspec.Raw(encode_entities(index.entities, self.ids)),
            lambda: msgspec.Raw(encode(index.resolver.titled)), lambda: pinyin.joined,
            lambda: array("I", pinyin.starts).tobytes(), lambda: phrase_keys, phrase_at.tobytes,
            phrase_count.tobytes, lambda: msgspec.Raw(encode(index.catalog.columns)),
            lambda: msgspec.Raw(encode(bodies)), lambda: files,
            lambda: msgspec.Raw(index.resolver.tables.encode()),
            lambda: joined("folded", lambda: [fold(title) for title in self.titles]),
            lambda: second.pop("folded").tobytes()]
        assert len(fields) == len(Meta.__struct_fields__)
        meta_at = self._written + len(self._buffer)
        meta_len = meta_crc = 0
        for piece in chain([array_head(len(fields))], (encode(field()) for field in fields)):
            meta_len += len(piece)
            meta_crc = zlib.crc32(piece, meta_crc)
            if len(piece) >= FLUSH_AT:  # not copied through the buffer (see cache.py)
                self._flush()
                self._written += pwrite(self.fd, piece, self._written)
            else:
                self._buffer += piece
                if len(self._buffer) >= FLUSH_AT:
                    self._flush()
            del piece
        footer = msgspec.msgpack.encode(Footer(
            FORMAT, index_version(), sys.byteorder, identity, len(MAGIC), hay_len, post_at, post_len,
            meta_at, meta_len, meta_crc))
        self._buffer += footer + TAIL.pack(len(footer), zlib.crc32(footer)) + MAGIC
        self._flush()
        os.fsync(self.fd)
        assert self.path is not None and self.tmp is not None
        with locked((self.cache_file or self.path).with_suffix(".lock"), self.mode):
            os.replace(self.tmp, self.path)
        self.tmp = None

    def _postings(self, lists: Iterable[tuple[str, Sequence[int]]], start: int
                  ) -> tuple[list[str], array, array]:
        """Write each list (keys in sorted order); (keys, offsets from `start`, counts)."""
        keys: list[str] = []
        at = array("Q", [self._written + len(self._buffer) - start])
        count = array("I")
        for key, ids in lists:
            deltas = array("I", ids[:1])
            deltas.extend(map(sub, ids[1:], ids[:-1]))
            self._buffer += zlib.compress(deltas.tobytes(), 1)
            if len(self._buffer) >= FLUSH_AT:
                self._flush()
            keys.append(key)
            at.append(self._written + len(self._buffer) - start)
            count.append(len(ids))
        return keys, at, count

    def discard(self) -> None:
        for fd in (self.fd, self.spill_fd):
            if fd >= 0:
                os.close(fd)
        self.fd = self.spill_fd = -1
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                self.tmp.unlink()
