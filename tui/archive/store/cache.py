"""The on-disk cache of parsed files: one file per set of archive roots, in the data dir.

Layout of `<data dir>/cache/<hash of roots>.cache` (MessagePack via msgspec, never pickle):

    MAGIC                      8 bytes
    bodies                     each article's body, zlib(MessagePack `tuple[Block, ...]`), back to back
    meta                       MessagePack `list[Entry]`: the file's key (path, size, mtime_ns), the
                               article without its body (or the rejection reason), and where its body
                               is (offset, length, crc32)
    footer                     MessagePack `Header`: versions, roots, where the meta is, its crc32
    u32 footer length, u32 footer crc32, MAGIC

Opening reads only the tail and the meta; a body is read later with one `os.pread` (`BodyStore`),
so the archive holds metadata only (bodies.py). The footer is written last, so a truncated file has no valid
tail. A file is written to a temp file beside the cache, fsynced and renamed over it under a
`flock`; readers never lock: a rename is atomic and an open descriptor keeps the old file alive.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import struct
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import msgspec

from ... import __version__
from ..model import Article
from . import turns
from .bodies import read_checked
from .files import fsync_dir, locked, pread, pwrite, remove_stale_temps, temp_beside
from .sharing import Shared

FORMAT = 3  # bump on any change of layout or of Entry/Header
MAGIC = b"NEWSTUI" + bytes([FORMAT])
_TAIL = struct.Struct(">II")  # footer length, footer crc32
_TAIL_SIZE = _TAIL.size + len(MAGIC)
_FLUSH_AT = 1 << 20
STALE_TEMP_SECONDS = 24 * 3600  # a temp file this old was left by a killed writer


class Entry(msgspec.Struct, array_like=True, gc=False):
    """One scanned file as the cache remembers it."""

    path: str
    size: int
    mtime_ns: int
    article: Article | None = None  # without its body; None for a rejected file
    reason: str = ""  # why the file is not an article
    body_at: int = 0
    body_len: int = 0
    body_crc: int = 0


class Header(msgspec.Struct):
    format: int
    parser_version: str
    newstui_version: str
    roots: list[str]
    meta_at: int
    meta_len: int
    meta_crc: int
    count: int
    written: float = 0.0


class CacheError(Exception):
    """The cache cannot be trusted; the message is a notice for people."""


_ENTRIES = msgspec.msgpack.Decoder(list[Entry])
_ENCODER = msgspec.msgpack.Encoder()


def cache_path(data_dir: Path, roots: Iterable[str | os.PathLike[str]]) -> Path:
    """The cache file for this set of archive roots (resolved, order and duplicates ignored)."""
    resolved = sorted({str(Path(r).resolve()) for r in roots})
    digest = hashlib.blake2b("\0".join(resolved).encode("utf-8", "surrogateescape"), digest_size=10)
    return data_dir / "cache" / f"{digest.hexdigest()}.cache"


class CacheFile:
    """An opened cache whose tail, versions and meta have been checked."""

    def __init__(self, fd: int, header: Header, entries: list[Entry]) -> None:
        self.fd = fd
        self.header = header
        self.entries = entries

    @classmethod
    def open(cls, path: Path, parser_version: str) -> CacheFile | None:
        """None when there is no cache; CacheError when there is one that cannot be trusted."""
        try:
            fd = os.open(path, os.O_RDONLY)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise CacheError(f"cannot read the cache {path}: {exc.strerror}; rebuilding") from exc
        try:
            header, entries = _read(fd, path, parser_version)
        except BaseException:
            os.close(fd)
            raise
        return cls(fd, header, entries)

    @staticmethod
    def open_header(path: Path, parser_version: str) -> tuple[int, Header]:
        """A descriptor of the cache and its checked footer, without reading the meta (CacheError
        when it cannot be trusted, FileNotFoundError when there is none). The caller closes it."""
        fd = os.open(path, os.O_RDONLY)
        try:
            return fd, _read_header(fd, path.name, parser_version)
        except BaseException:
            os.close(fd)
            raise

    def read_body(self, entry: Entry) -> bytes | None:
        return read_checked(self.fd, entry.body_at, entry.body_len, entry.body_crc)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _read_header(fd: int, name: str, parser_version: str) -> Header:
    """The footer, checked (magic, checksum, format, versions, layout)."""
    size = os.fstat(fd).st_size
    head = pread(fd, len(MAGIC), 0)
    if head[:-1] == MAGIC[:-1] and head != MAGIC:
        raise CacheError(f"the cache {name} has format {head[-1]}, not {FORMAT}; rebuilding")
    if size < len(MAGIC) + _TAIL_SIZE or head != MAGIC:
        raise CacheError(f"the cache {name} is not a newstui cache (damaged); rebuilding")
    tail = pread(fd, _TAIL_SIZE, size - _TAIL_SIZE)
    footer_len, footer_crc = _TAIL.unpack(tail[: _TAIL.size])
    footer_at = size - _TAIL_SIZE - footer_len
    if tail[_TAIL.size :] != MAGIC or footer_at < len(MAGIC):
        raise CacheError(f"the cache {name} is truncated; rebuilding")
    footer = pread(fd, footer_len, footer_at)
    if zlib.crc32(footer) != footer_crc:
        raise CacheError(f"the cache {name} is damaged (footer checksum); rebuilding")
    try:
        raw = msgspec.msgpack.decode(footer)
        found = raw.get("format") if isinstance(raw, dict) else None
        if found != FORMAT:
            raise CacheError(f"the cache {name} has format {found!r}, not {FORMAT}; rebuilding")
        header = msgspec.convert(raw, Header)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise CacheError(f"the cache {name} has a damaged header ({exc}); rebuilding") from exc
    if (header.parser_version, header.newstui_version) != (parser_version, __version__):
        raise CacheError(
            f"the cache was written by newstui {header.newstui_version} (parser {header.parser_version}),"
            f" this is {__version__} (parser {parser_version}); rebuilding"
        )
    if header.meta_at + header.meta_len != footer_at or header.meta_at < len(MAGIC):
        raise CacheError(f"the cache {name} is damaged (bad layout); rebuilding")
    return header


def _read(fd: int, path: Path, parser_version: str) -> tuple[Header, list[Entry]]:
    name = path.name
    header = _read_header(fd, name, parser_version)
    meta = pread(fd, header.meta_len, header.meta_at)  # (read and checked without the interpreter:
    turns.turn()  # a search typed meanwhile runs beside them, and first before each step that holds it)
    if zlib.crc32(meta) != header.meta_crc:
        raise CacheError(f"the cache {name} is damaged (checksum); rebuilding")
    turns.turn()
    try:
        entries = _entries(meta)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise CacheError(f"the cache {name} is damaged ({exc}); rebuilding") from exc
    if len(entries) != header.count:
        raise CacheError(f"the cache {name} is damaged (count); rebuilding")
    return header, entries


_RAWS = msgspec.msgpack.Decoder(list[msgspec.Raw])
_AT_ONCE = 1024  # entries decoded in one call
_IN_ONE = 16 << 20  # bytes of entries decoded in one call all the same (~60 ms; ../shared/real's: 9 MB)


def _entries(meta: bytes) -> list[Entry]:
    """The entries, decoded `_AT_ONCE` at a time past `_IN_ONE` bytes: decoded in one call, 300k of
    them held the interpreter ~1 s, and the app, which searches before its cache is decoded, did
    not answer a key meanwhile. In pieces a search gets its turn between two; the decoding, in the
    loading worker, takes about a third longer (300k: ~0.9 -> ~1.25 s). Each piece's repeated
    strings are shared as it comes (sharing.py), so the next piece reuses the memory they held."""
    shared = Shared()
    if len(meta) <= _IN_ONE:
        entries: list[Entry] = _ENTRIES.decode(meta)
        shared.entries(entries)
        return entries
    raws = _RAWS.decode(meta)  # where each entry lies (~0.1 s at 300k: the caller took its turn)
    entries = []
    for start in range(0, len(raws), _AT_ONCE):
        turns.turn()
        part = raws[start:start + _AT_ONCE]
        decoded = _ENTRIES.decode(b"".join([array_head(len(part)), *part]))  # (one copy)
        shared.entries(decoded)
        entries += decoded
    return entries


def array_head(n: int) -> bytes:
    """The MessagePack header of an array of `n` items, as msgspec writes it (the smallest)."""
    if n < 16:
        return bytes([0x90 | n])
    return (b"\xdc" + n.to_bytes(2, "big")) if n < 1 << 16 else (b"\xdd" + n.to_bytes(4, "big"))


_BATCH = 512  # entries encoded at a time


def _meta_pieces(entries: list[Entry]) -> Iterator[bytes]:
    """`_ENCODER.encode(entries)`, the same bytes, in pieces: the array's header, then each batch
    of entries encoded as an array without its own header."""
    yield array_head(len(entries))
    for i in range(0, len(entries), _BATCH):
        batch = entries[i:i + _BATCH]
        yield _ENCODER.encode(batch)[len(array_head(len(batch))):]


class CacheWriter:
    """Writes a new cache to a temp file beside `path`; `commit` renames it into place.

    Bodies are written as they come. If writing fails (disk full), `error` is set, later bodies
    are refused (`write_body` returns None) and `commit` does nothing. `fd` stays open after
    commit or failure, so bodies already written can still be read: the caller owns it.
    """

    def __init__(self, path: Path, mode: int | None = None) -> None:
        """`mode`: the file's permissions (default 0600; a shared index dir's are readable)."""
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(path.parent, path.name + ".*.tmp", STALE_TEMP_SECONDS)
        self.mode = mode
        self.fd, self.tmp = temp_beside(path, mode=mode)
        self.error: OSError | None = None
        self._buffer = bytearray(MAGIC)
        self._flushed = 0
        self.header: Header | None = None  # once committed

    @property
    def ok(self) -> bool:
        return self.error is None

    def _offset(self) -> int:
        return self._flushed + len(self._buffer)

    def _flush(self) -> None:
        data = bytes(self._buffer)  # a copy: a memoryview would pin the buffer if pwrite raised
        self._buffer.clear()
        self._flushed += pwrite(self.fd, data, self._flushed)

    def write_body(self, data: bytes) -> tuple[int, int, int] | None:
        """(offset, length, crc32) of the stored bytes, or None when the cache cannot be written."""
        if self.error is not None:
            return None
        at = self._offset()
        self._buffer += data
        if len(self._buffer) >= _FLUSH_AT:
            try:
                self._flush()
            except OSError as exc:
                self._fail(exc)
                return None
        return at, len(data), zlib.crc32(data)

    def _fail(self, exc: OSError) -> None:
        self.error = exc
        self._buffer.clear()

    def commit(self, roots: Iterable[str], parser_version: str, entries: list[Entry]) -> None:
        """Write meta and footer, fsync, rename over the cache under the lock. Raises OSError."""
        if self.error is not None:
            raise self.error
        try:
            # the meta written a batch of entries at a time, never encoded whole: that one value
            # was ~85 MB at 100k articles, on top of everything the loader holds then
            meta_at = self._offset()
            meta_len = meta_crc = 0
            for piece in _meta_pieces(entries):
                self._buffer += piece
                meta_len += len(piece)
                meta_crc = zlib.crc32(piece, meta_crc)
                if len(self._buffer) >= _FLUSH_AT:
                    self._flush()
            header = Header(FORMAT, parser_version, __version__, sorted(map(str, roots)), meta_at,
                            meta_len, meta_crc, len(entries), time.time())
            footer = _ENCODER.encode(header)
            self._buffer += footer + _TAIL.pack(len(footer), zlib.crc32(footer)) + MAGIC
            self._flush()
            os.fsync(self.fd)
            with locked(self.path.with_suffix(".lock"), self.mode):
                os.replace(self.tmp, self.path)
            self.header = header
        except OSError as exc:
            self._fail(exc)
            self.discard()
            raise
        fsync_dir(self.path.parent)

    def discard(self) -> None:
        """Remove the temp file (the descriptor stays open for the caller)."""
        with contextlib.suppress(OSError):
            self.tmp.unlink()
