"""A cache opened read-only, exactly as it was built, and what changed in the files since.

    result, drift = open_as_built(paths, directory)   # cache.CacheError: none, or not to be trusted

For readers of a shared index directory (location.py) they may not write: nothing is written,
locked, created or cleaned up, and nothing is parsed. The files are scanned only to say what
changed since the build (`Drift`), so that the reader can be told and the owner asked to rebuild.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import bodies, cache, scanning
from .identity import parser_version, roots_of
from .loader import LoadResult, from_cache
from .scanning import Key

EXAMPLES = 3  # paths named per kind of change in a notice


@dataclass
class Drift:
    """The files added, changed (size or mtime) and removed since the cache was built."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        """E.g. "2 new files (a.md, b.md), 1 changed (c.md)", for people."""
        said = []
        for paths, word in ((self.added, "new"), (self.changed, "changed"), (self.removed, "removed")):
            if paths:
                names = ", ".join(os.path.basename(p) for p in paths[:EXAMPLES])
                more = ", …" if len(paths) > EXAMPLES else ""
                said.append(f"{len(paths)} {word} ({names}{more})")
        return ", ".join(said)


def drift(files: dict[str, Key], entries: Iterable[cache.Entry]) -> Drift:
    """How the scanned `files` differ from the cache's `entries`."""
    found = Drift()
    seen = set()
    for e in entries:
        seen.add(e.path)
        key = files.get(e.path)
        if key is None:
            found.removed.append(e.path)
        elif key != (e.size, e.mtime_ns):
            found.changed.append(e.path)
    found.added = sorted(p for p in files if p not in seen)
    return found


def open_as_built(paths: Iterable[str | os.PathLike[str]], directory: Path) -> tuple[LoadResult, Drift]:
    """The archive exactly as the cache of `paths` in `directory` holds it (bodies read from that
    file), and how the files differ now. cache.CacheError (its message for people) when there is
    no cache for these roots or it cannot be trusted (damaged, another version)."""
    roots = roots_of(paths)
    target = cache.cache_path(directory, roots)
    with bodies.no_gc():
        old = cache.CacheFile.open(target, parser_version())
    if old is None:
        raise cache.CacheError(f"no cache for these folders in {directory}")
    files, problems = scanning.scan_files(roots)
    with bodies.no_gc():
        result = from_cache(old, target, problems)
    return result, drift(files, old.entries)
