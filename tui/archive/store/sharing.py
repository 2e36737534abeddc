"""One copy of the strings many records repeat, instead of one per record.

    shared = Shared()
    shared.entries(entries)                  # decoded cache records, in place
    entry = shared.parsed(key, entry)        # a record just parsed: its path is the scan's `key`

Decoding a cache makes a new string for every field of every record: 300k records held 300k
copies of the few dozen sources' names and of the handful of shapes, and each path twice (the
file's, and its article's): ~130 MB of a 300k archive's ~540 MB of records. Here each record
keeps its article's path as the file's, and the fields that take few values (shape, source, its
name, author, channel, how the body was found) point to one string each. A parsed article comes
from a worker process with strings of its own; it takes the path the scan found it under, which
the scan's file table holds until the build ends.

Articles are frozen structs; `msgspec.structs.force_setattr` replaces a field with an equal
string, so nothing anyone can read changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from msgspec.structs import force_setattr

from ..model import Article


class Record(Protocol):
    path: str
    article: Article | None


class Shared:
    """The strings seen so far, one object each (for one load: they go with it)."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def entries(self, entries: Iterable[Record]) -> None:
        """Each record's path, and its article's repeated fields, made shared, in place."""
        one = self._seen.setdefault
        for entry in entries:
            article = entry.article
            if article is None:
                continue
            if entry.path == article.path:
                entry.path = article.path
            force_setattr(article, "shape", one(article.shape, article.shape))
            force_setattr(article, "source", one(article.source, article.source))
            force_setattr(article, "source_name", one(article.source_name, article.source_name))
            force_setattr(article, "author", one(article.author, article.author))
            force_setattr(article, "channel", one(article.channel, article.channel))
            force_setattr(article, "extraction", one(article.extraction, article.extraction))

    def parsed(self, key: str, entry: Record) -> None:
        """A record just parsed from the file the scan listed as `key` (an equal path): the record
        and its article take `key` itself, and share their repeated fields."""
        if entry.path == key:
            entry.path = key
        if entry.article is not None and entry.article.path == key:
            force_setattr(entry.article, "path", key)
        self.entries((entry,))
