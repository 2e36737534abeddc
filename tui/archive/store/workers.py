"""Parsing files on all cores: each worker returns the article without its body, the body
encoded (zlib'd MessagePack) and, when given a `Features` function, the article's search-index
features (the search layer supplies that function: this package does not know what they are).

Paths are shipped to the workers, never parsed trees; a few files are parsed in-process, where a
pool would cost more than it saves. A chunk whose worker died is parsed in the parent instead.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import sys
import threading
import zlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

import msgspec

from ..model import Article, Block, Rejection, body_text

Progress = Callable[[int, int], None]  # (done, total) over the files being parsed
#: (title, body text) -> the article's encoded index features. It runs in worker processes, so it
#: must be a module-level function (sent to spawned workers by name).
Features = Callable[[str, str], bytes]

#: Below this many files to parse, a process pool costs more than it saves.
PARALLEL_MIN = 200
#: Chunks handed to the pool per worker ahead of the one the parent reads: a finished chunk's
#: results (bodies, index features) wait in the parent until read, and a parent slower than its
#: workers (writing the cache and gathering postings on a shared core) held every chunk finished.
#: Taken in order, and freed once taken, the parent holds at most this many chunks' results.
AHEAD = 3

_BODY_ENCODER = msgspec.msgpack.Encoder()
_BODY_DECODER = msgspec.msgpack.Decoder(tuple[Block, ...])


class Parsed(msgspec.Struct):
    """What a worker sends back for one file: the article without its body, and the body encoded."""

    path: str
    article: Article | None = None
    reason: str = ""
    body: bytes = b""  # zlib(MessagePack of the blocks)
    features: bytes = b""  # the index features, encoded, when a Features function was given


def parse_file(path: str) -> Article | Rejection:
    """`tui.archive.read.parse.parse_file`, imported on first use: bs4 and lxml are slow to import,
    and a warm open never needs them."""
    from ..read.parse import parse_file as parse

    return parse(path)


def encode_body(body: tuple[Block, ...]) -> bytes:
    return zlib.compress(_BODY_ENCODER.encode(body), 1)


def decode_body(raw: bytes) -> tuple[Block, ...]:
    """ValueError when `raw` is not a stored body."""
    try:
        return _BODY_DECODER.decode(zlib.decompress(raw))
    except (zlib.error, msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise ValueError(str(exc)) from exc


def parse_one(path: str, features: Features | None = None) -> Parsed:
    try:
        result = parse_file(path)
    except Exception as exc:  # the parser must not raise; if it does, the file is still accounted for
        return Parsed(path, reason=f"parser error: {type(exc).__name__}: {exc}"[:300])
    if isinstance(result, Article):
        found = features(result.title, result.text()) if features is not None else b""
        return Parsed(path, msgspec.structs.replace(result, body=()), body=encode_body(result.body),
                      features=found)
    return Parsed(path, reason=result.reason or "not an article")


def reparsed(meta: Article) -> Article:
    """`meta` with its body, parsed from its file again (`meta` as it is when that fails)."""
    fresh = parse_one(meta.path)
    if fresh.article is not None and fresh.body:
        return msgspec.structs.replace(meta, body=decode_body(fresh.body))
    return meta


def _parse_chunk(paths: list[str], features: Features | None) -> list[Parsed]:
    return [parse_one(p, features) for p in paths]


def _features_chunk(items: list[tuple[str, bytes]], features: Features) -> list[bytes]:
    """(title, stored body) -> encoded features: re-indexing articles whose files did not change."""
    out = []
    for title, raw in items:
        try:
            text = body_text(decode_body(raw))
        except ValueError:
            text = ""
        out.append(features(title, text))
    return out


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def parse_all(paths: list[str], progress: Progress | None, features: Features | None = None
              ) -> Iterator[Parsed]:
    """Parse every path, in-process for a few, in a process pool (chunks of paths) for many."""
    total = len(paths)
    workers = min(_workers(), math.ceil(total / 50))
    if total < PARALLEL_MIN or workers < 2:
        for done, path in enumerate(paths, 1):
            yield parse_one(path, features)
            if progress:
                progress(done, total)
        return
    # In the order given, so two builds of the same files number their articles alike (ties in
    # search results keep their order); the pool runs chunks in order, so little waits.
    yield from _in_pool(_parse_chunk, paths, workers, progress, features, ordered=True)


def features_of(items: Sequence[tuple[str, bytes]], features: Features, progress: Progress | None
                ) -> Iterator[bytes]:
    """`features` of cached articles ((title, stored body) pairs), in order: in-process for a few,
    on all cores for many. `items` may read its bodies as it is sliced (loader.StoredBodies): only
    the chunks handed out and not yet read are held."""
    workers = min(_workers(), math.ceil(len(items) / 50))
    if len(items) < PARALLEL_MIN or workers < 2:
        for done, item in enumerate(items, 1):
            yield from _features_chunk([item], features)
            if progress and (done % 200 == 0 or done == len(items)):
                progress(done, len(items))
        return
    yield from _in_pool(_features_chunk, items, workers, progress, features, ordered=True)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (spawn and forkserver need it) with the real stderr.

    It hands `sys.stderr.fileno()` to its process; inside the app sys.stderr is Textual's print
    capture, whose fileno() is -1, and starting a pool failed: "bad value(s) in fds_to_keep".
    """
    from multiprocessing import resource_tracker

    captured = sys.stderr
    try:
        if sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


def _in_pool(fn: Callable[..., list[Any]], items: Sequence[Any], workers: int, progress: Progress | None,
             *extra: Any, ordered: bool = False) -> Iterator[Any]:
    """fn(chunk, *extra) over chunks of items in worker processes; results as they come (or in
    order), with at most `AHEAD` chunks per worker handed out and not yet read. A chunk whose
    worker died is done here instead. Each chunk is sliced from `items` as it is handed out."""
    size = max(8, min(128, math.ceil(len(items) / (workers * 8))))
    # fork is cheapest, but unsafe once other threads run (the app loads from a worker thread)
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    if method == "spawn" and "forkserver" in multiprocessing.get_all_start_methods():
        method = "forkserver"
    if method != "fork":
        _start_resource_tracker()
    from ..read import parse  # noqa: F401  (imported once here, inherited by forked workers)

    pool = ProcessPoolExecutor(workers, multiprocessing.get_context(method), initializer=_worker_init)
    todo = deque(range(0, len(items), size))
    running: deque[tuple[Future[list[Any]], list[Any]]] = deque()
    done = 0
    try:
        while todo or running:
            while todo and len(running) < workers * AHEAD:
                start = todo.popleft()
                chunk = list(items[start : start + size])
                running.append((pool.submit(fn, chunk, *extra), chunk))
            if not ordered:
                wait([f for f, _ in running], return_when=FIRST_COMPLETED)
                running.rotate(-next(k for k, (f, _) in enumerate(running) if f.done()))
            future, chunk = running.popleft()  # let go of once used: a future keeps its result
            try:
                results = future.result()
            except Exception:  # a dead worker (BrokenProcessPool): do this chunk here instead
                results = fn(chunk, *extra)
            del future
            yield from results
            done += len(results)
            if progress:
                progress(done, len(items))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
