"""Have the files changed since the cache was written? A digest of (path, size, mtime_ns), and a
scan that computes it for the files there now on every core, while the caller does something else.

    digest(triples)              # (count, sum of a 64-bit hash per file): order does not matter
    pending = start(roots)       # the scan begins in forked processes
    ...                          # e.g. open the index and search
    pending.result()             # (count, sum) of the files now; None if the scan failed

Why: the persisted index answers `newstui search` in a fraction of a second, but only if nothing
changed, and proving that means a stat of every file: ~0.5 s per 100k files in Python, more than
the search itself. The scan is split at the top folders between processes (os.fork: they start
at once, with the walk's state) that run `scanning.Walk` with the same rules as the loader; each
sends back its share of the digest, and the shares add up. Without fork (Windows; macOS, where
forking without exec is unsafe) or with one core, it runs in `result()`.
A hash of each file's stamp, summed, is order-free, so the shares need no merging: a changed
size or mtime, an added, removed or renamed file changes the sum (a 64-bit blake2b per file:
a change that goes unseen needs a collision).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Iterable

from .scanning import Walk

_MASK = (1 << 64) - 1
Digest = tuple[int, int]  # (number of files, sum of their stamps' hashes mod 2**64)


def stamp(path: str, size: int, mtime_ns: int) -> int:
    data = f"{path}\0{size}\0{mtime_ns}".encode("utf-8", "surrogateescape")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def digest(triples: Iterable[tuple[str, int, int]]) -> Digest:
    count = total = 0
    for path, size, mtime_ns in triples:
        count += 1
        total += stamp(path, size, mtime_ns)
    return count, total & _MASK


def _of_files(files: dict[str, tuple[int, int]]) -> Digest:
    return digest((path, size, mtime) for path, (size, mtime) in files.items())


class Pending:
    """A scan under way; `result()` waits for it."""

    def __init__(self, walk: Walk, children: list[tuple[int, int]], share: list[str]) -> None:
        self.walk = walk
        self.children = children  # (pid, read end of its pipe)
        self.share = share  # folders this process lists itself, in `result()`

    def result(self) -> Digest | None:
        """The digest of the files there now; None when a part of the scan failed (the caller
        then trusts nothing and loads the archive the usual way)."""
        self.walk.run(self.share)
        count, total = _of_files(self.walk.files)
        ok = True
        for pid, fd in self.children:
            with os.fdopen(fd, "rb") as pipe:
                answer = pipe.read()
            _, status = os.waitpid(pid, 0)
            try:
                n, s = map(int, answer.split())
            except ValueError:
                ok = False
                continue
            ok = ok and os.waitstatus_to_exitcode(status) == 0
            count, total = count + n, total + s
        self.children = []
        return (count, total & _MASK) if ok else None

    def cancel(self) -> None:
        """Stop the scan (when its result is no longer wanted)."""
        for pid, fd in self.children:
            with contextlib.suppress(OSError):
                os.kill(pid, 9)
            with contextlib.suppress(OSError):
                os.close(fd)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.children = []


def start(roots: Iterable[str], processes: int | None = None) -> Pending:
    """Begin scanning `roots` as `scanning.scan_files` would, in `processes` forked processes
    (default: one per core); this process keeps only what it listed while dealing out folders."""
    walk = Walk(roots)
    n = processes if processes is not None else (os.cpu_count() or 1)
    if n < 2 or not hasattr(os, "fork") or sys.platform == "darwin":  # macOS: fork without exec is unsafe
        return Pending(walk, [], walk.folders)
    walk.expand(4 * n)  # enough folders that the shares come out even
    folders, walk.folders = walk.folders, []
    children = []
    for k in range(n):
        share = folders[k::n]
        if share:
            children.append(_fork(walk, share))
    return Pending(walk, children, [])


def _fork(walk: Walk, share: list[str]) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    code = 1
    try:  # the child: list its folders, send its share of the digest, leave without cleanup
        os.close(read)
        walk.files.clear()
        walk.run(share)
        count, total = _of_files(walk.files)
        os.write(write, f"{count} {total}".encode())
        code = 0
    finally:
        os._exit(code)
