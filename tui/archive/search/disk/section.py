"""The index file's meta section, checksummed and decoded in place, a piece at a time.

    meta = read_meta(fd, at, length, crc)      # IndexError_ when its checksum or its shape is wrong

The meta section holds the columns an open index keeps (ids, titles, offsets, keys, the
catalog): 131 MB at 300k articles. Read whole with `pread` it was a second copy of itself for as
long as it was decoded, at the moment a cold build peaks (it opens the index it has just written).
Here it is mapped, not copied: the checksum reads it 8 MiB at a time and each field is decoded
from its own bytes, and the pages read are let go as soon as they are done with
(`MADV_DONTNEED`: a read-only file mapping's pages leave the process and stay in the page
cache), so the process holds what it decoded and at most one field's pages besides. The
mapping goes with the last view into it (a `msgspec.Raw` field decoded later, the catalog's).
"""

from __future__ import annotations

import functools
import mmap
import zlib
from typing import Any

import msgspec

from .format import IndexError_, Meta
from .mapped import let_go

CHUNK = 8 << 20  # bytes checksummed between two releases of the pages read


def read_meta(fd: int, at: int, length: int, crc: int) -> Meta:
    start = at - at % mmap.ALLOCATIONGRANULARITY
    skip = at - start
    try:
        mapped = mmap.mmap(fd, skip + length, offset=start, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:
        raise IndexError_(f"cannot read the search index: {exc}") from exc
    section = memoryview(mapped)[skip:skip + length]
    if len(section) != length:
        raise IndexError_("the search index is truncated")
    found = 0
    for piece in range(0, length, CHUNK):
        found = zlib.crc32(section[piece:piece + CHUNK], found)
        let_go(mapped, skip + piece, min(CHUNK, length - piece))
    if found != crc:
        raise IndexError_("the search index is damaged (checksum)")
    try:
        parts = msgspec.msgpack.decode(section, type=list[msgspec.Raw])
        if len(parts) != len(_decoders()):
            raise IndexError_("the search index is damaged (its meta has the wrong fields)")
        place = skip + length - sum(map(len, parts))  # where the first field starts (after the header)
        values: list[Any] = []
        for part, decoder in zip(parts, _decoders(), strict=True):
            values.append(decoder.decode(part))
            let_go(mapped, place, len(part))
            place += len(part)
        return Meta(*values)
    except (msgspec.DecodeError, msgspec.ValidationError, TypeError) as exc:
        raise IndexError_(f"the search index is damaged ({exc})") from exc


@functools.cache
def _decoders() -> tuple[msgspec.msgpack.Decoder[Any], ...]:
    return tuple(msgspec.msgpack.Decoder(f.type) for f in msgspec.structs.fields(Meta))
