"""The persisted search index's file: its layout, version and header tables (see indexcache.py
for how it is opened and trusted, indexbuild.py for how it is written).

Layout of `<data dir>/index/<hash of roots>.index` (never pickle):

    MAGIC                 8 bytes
    hay                   every article's folded UTF-8 text, back to back (searched in place
                          through mmap: the OS page cache holds it, no process decodes it)
    postings              per character / Latin token / name alias (its articles, found at build
                          time; none for an alias found nowhere, so that no search reads texts
                          to learn it again), zlib(array('I') of deltas of article numbers)
    meta                  MessagePack `Meta`: ids, titles (each joined), hay offsets and per-article
                          crc32s, title lengths, posting directory (key, offset, count), entities,
                          titled names, pinyin; each article's date, source and path (catalog.py)
                          and body place in the cache; the digest of the cache's files (stamps.py); the tables
                          names are looked up in (aliastables.py); the titles folded and joined
    footer                MessagePack `Footer`: format, code version, the cache file it belongs to
                          (its meta crc, count and write time), where each section is, meta crc32
    u32 footer length, u32 footer crc32, MAGIC
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import struct
from array import array
from pathlib import Path
from typing import Any

import msgspec

FORMAT = 10  # 5: name aliases found nowhere are stored (empty lists); 6: the Resolver's alias
#            tables; 7: entities' articles as numbers (articleids.py); 8: token keys for words in
#            capitals and tokens found only in URLs (textindex.marked_tokens), names re-judged;
#            9: the titles folded; 10: the titles, folded titles and ids joined (index/strings.py)
MAGIC = b"NTINDEX" + bytes([FORMAT])
TAIL = struct.Struct(">II")
TAIL_SIZE = TAIL.size + len(MAGIC)
FLUSH_AT = 4 << 20
#: The modules whose code shapes what is stored: editing one invalidates every index.
#: (Paths relative to tui/archive.)
_SOURCES = ("search/index/textindex.py", "search/names/entities.py", "search/names/namerules.py",
            "search/disk/reading.py", "search/disk/build.py", "search/text/pinyin.py",
            "search/query/resolve.py", "search/engine.py", "search/index/catalog.py", "store/stamps.py",
            "search/text/scripts.py", "search/text/fold.py", "search/names/lexicon.py",
            "search/text/romanize.py", "search/disk/format.py", "search/disk/mapped.py",
            "search/names/words.py", "search/names/merge.py", "search/names/aliastables.py",
            "search/index/articleids.py", "search/names/nametexts.py", "search/names/boilerplate.py",
            # the shipped tables: folding, readings and names decide what is stored
            "search/data/fold.txt", "search/data/pinyin.txt", "search/data/lexicon.tsv",
            "search/data/words.txt", "search/data/jyutping.txt", "search/data/common_forms.txt",
            "search/data/lexicon_fixes.tsv", "search/text/cantonese.py",
            "search/names/typos.py", "search/disk/runs.py", "search/names/surnames.py",
            "search/data/surnames_ja.tsv")


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
    ids: str  # joined, as index/strings.py holds them (a string each made only when read)
    id_starts: bytes  # array('Q'): where each id starts in `ids`
    titles: str  # the same
    title_starts: bytes
    hay_offsets: bytes  # array('Q'), n + 1, from the start of the hay section
    hay_crcs: bytes  # array('I'), one per article
    title_len: bytes  # array('I'), bytes of folded title at the start of each hay
    char_keys: list[str]
    char_at: bytes  # array('Q'), len + 1, from the start of the postings section
    char_count: bytes  # array('I')
    token_keys: list[str]  # sorted: the vocabulary
    token_at: bytes
    token_count: bytes
    entities: msgspec.Raw  # list[articleids.StoredEntity]: decoded whole by `open_index`, without the
    #                        article lists (a search never reads them) by `open_columns`
    titled: msgspec.Raw  # list[str], sorted: decoded when pinyin is first used
    pinyin_joined: str
    pinyin_starts: bytes  # array('I')
    phrase_keys: list[str]  # every name alias matched at build time, with its articles (maybe none)
    phrase_at: bytes
    phrase_count: bytes
    # For searching without the archive (`open_columns`), decoded only then:
    catalog: msgspec.Raw  # catalog.Columns: id, path, title, date, source of each article
    bodies: msgspec.Raw  # Bodies: where each article's body is in the cache file
    stamps: list[int]  # stamps.digest of the cache's files: (count, sum)
    tables: msgspec.Raw  # aliastables.AliasTables: what the Resolver looks names up in
    folded_titles: str  # `fold` of each title, joined as index/titles.py searches them: not folded,
    #                     joined or made a string each again at each start
    folded_starts: bytes  # array('Q'): where each folded title starts in `folded_titles`


class Bodies(msgspec.Struct, array_like=True):
    at: bytes  # array('Q'), per article: offset in the cache file
    length: bytes  # array('I')
    crc: bytes  # array('I')


META_DEC = msgspec.msgpack.Decoder(Meta)


def index_path(cache_file: Path) -> Path:
    """`<data dir>/index/<hash>.index` for `<data dir>/cache/<hash>.cache`."""
    return cache_file.parent.parent / "index" / (cache_file.stem + ".index")


@functools.cache
def index_version() -> str:
    """A digest of the code and shipped tables that shape a stored index."""
    digest = hashlib.blake2b(digest_size=6)
    here = Path(__file__).resolve().parents[2]  # tui/archive
    for name in _SOURCES:
        with contextlib.suppress(OSError):
            digest.update(name.encode() + (here / name).read_bytes())
    return digest.hexdigest()


def array_of(code: str, raw: bytes, n: int | None = None) -> array:
    out = array(code)
    if len(raw) % out.itemsize:
        raise IndexError_("a table of the search index has a bad size")
    out.frombytes(raw)
    if n is not None and len(out) != n:
        raise IndexError_("a table of the search index has the wrong length")
    return out
