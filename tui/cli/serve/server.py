"""`newstui serve [PATH ...]`: keep an archive's search index open and answer `newstui search`.

    newstui serve ~/news &            # then every `newstui search ... ~/news` asks it first
    newstui search kishida ~/news     # answered by the server: the same bytes, in milliseconds

Why: a search process spends ~0.2 s starting Python, importing, opening the index and proving
the files unchanged (a stat of every file), for a search of a few milliseconds; ripgrep reads a
14k-page mirror in 0.07 s. A resident process opens the index once, and the kernel tells it when
a file changes (archive/store/watch.py), so an answer costs the search alone plus a small client
(client.py, which imports nothing of the engine).

The server answers only while its index is current: the files are those the index was built from
(checked once at open, then watched; stat'ed per request where inotify is unavailable) and the
code is the code it started with. Otherwise it refuses, the client searches in-process as
before, and the server reloads (reparsing what changed, as any load does). One server per archive
and data dir (a lock beside the socket: a second is refused with a message); it stops when idle
for --idle seconds, on SIGTERM or Ctrl+C, and removes its socket.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import signal
import socket
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

from ..common import PROG, UsageError, add_paths, check_paths, one_line
from . import client

IDLE = 3600.0  # seconds without a request before the server stops (default)
_ANSWERS = 512  # answers remembered while the index stays current (the same request, the same bytes)


def setup_serve(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    parser.add_argument("--idle", type=float, default=IDLE, metavar="SECONDS",
                        help=f"stop after this long without a request (default {IDLE:g}; 0: never)")


def run_serve(args: argparse.Namespace) -> int:
    from ...archive.store.identity import roots_of

    check_paths(args.paths)
    if args.no_cache:
        raise UsageError("a server answers from the cache; --no-cache makes no sense here")
    if args.index_dir:
        raise UsageError("a server keeps its own cache in your data dir; --index-dir is for other commands")
    server = Server(roots_of(args.paths), client.data_dir())
    return server.run(args.idle)


class Server:
    def __init__(self, roots: list[str], data: str) -> None:
        from ...archive.store import cache

        self.roots, self.data = roots, data
        self.target = cache.cache_path(Path(data), roots)
        self.path = client.socket_path(data, roots)
        self.index: Any = None
        self.fds: list[int] = []  # the cache files the index open now reads bodies from
        self.watch: Any = None
        self.code = _code_stamp()
        self.reloading = False
        self._retired: list[int] = []  # cache descriptors of replaced indexes, closed between requests
        self._parser: Any = None
        self._answers: dict[tuple[str, ...], tuple[int, str, str]] = {}  # of the index open now

    # -- the index ----------------------------------------------------------------------------
    def load(self) -> str:
        """Bring the cache and index up to date (as any load does) and open them: "" when the
        index is current, else why not."""
        from ...archive.search.opening import load, search_index

        result = load(self.roots, data_dir=self.data)
        search_index(result)
        return self.open()

    def open(self) -> str:
        from ...archive.search.disk import reading as indexcache
        from ...archive.search.quick import open_persisted
        from ...archive.store import cache, stamps
        from ...archive.store.watch import Watch

        watch = Watch.start(self.roots)  # first: a change from here on is reported
        pending = stamps.start(self.roots)
        fds: list[int] = []
        try:
            index = open_persisted(self.target, fds)  # the base, with the delta the manifest names
            if index is None:
                raise OSError("the delta segment is not the one the manifest names")
        except (cache.CacheError, indexcache.IndexError_, OSError, ValueError) as exc:
            pending.cancel()
            for fd in fds:
                os.close(fd)
            return str(exc)
        if pending.result() != index.stamps:
            for fd in fds:
                os.close(fd)
            return "the files changed since the index was written"
        index.warm()
        self._retired.extend(self.fds)
        self.index, self.fds, self.watch, self._answers = index, fds, watch, {}
        return ""

    def current(self) -> bool:
        if self.index is None or self.reloading:
            return False
        damage = self.index.damage
        if damage is not None and damage.reasons:
            return False
        if self.watch is not None:
            return not self.watch.changed()
        from ...archive.store import stamps

        return stamps.start(self.roots).result() == self.index.stamps

    def _reload(self) -> None:
        def work() -> None:
            try:
                problem = self.load()
                if problem:
                    _say(f"not serving until the next request: {problem}")
            except Exception as exc:  # the server goes on; clients search in-process
                _say(f"reloading failed: {exc}")
            finally:
                self.reloading = False

        self.reloading = True
        threading.Thread(target=work, daemon=True).start()

    # -- requests -----------------------------------------------------------------------------
    def answer(self, raw: bytes) -> bytes:
        """The reply to one request: `OK status len(stdout) len(stderr)\\n` + both, or `NO why`."""
        if not raw.startswith(client.MAGIC):
            return b"NO not a request\n"
        fields = raw[len(client.MAGIC):].decode("utf-8", "surrogateescape").split("\0")
        if len(fields) < 3 or fields[2] != "search":
            return b"NO not a search\n"
        cwd, data, argv = fields[0], fields[1], fields[2:]
        if os.path.realpath(data) != os.path.realpath(self.data):
            return b"NO another data dir\n"
        roots = client.search_roots(argv[1:], cwd)
        if roots is None or client.socket_path(data, roots) != self.path:
            return b"NO another archive or options\n"
        if _code_stamp() != self.code:
            raise _CodeChanged
        if not self.current():
            if not self.reloading:
                self._reload()
            return b"NO the index is not current\n"
        try:
            key = (date.today().isoformat(), *argv[1:])  # (relative dates in a query count from today)
            found = self._answers.get(key)
            if found is None:
                found = self._search(argv)
                if len(self._answers) >= _ANSWERS:
                    self._answers.clear()
                self._answers[key] = found
            status, out, err = found
        except Exception:  # let the client search in-process and show what went wrong
            return b"NO the search failed here\n"
        if not self.current():  # a change while searching: never a stale answer
            return b"NO the index is not current\n"
        out_b = out.encode("utf-8", "backslashreplace")
        err_b = err.encode("utf-8", "backslashreplace")
        return f"OK {status} {len(out_b)} {len(err_b)}\n".encode() + out_b + err_b

    def _search(self, argv: list[str]) -> tuple[int, str, str]:
        """What `newstui search` prints in-process (search.run_search): status, stdout, stderr."""
        from ..common import new_parser, parse_args
        from ..search import hits_output, query_notes, setup_search

        if self._parser is None:
            self._parser = new_parser(prog=f"{PROG} search")
            setup_search(self._parser)
        args = parse_args(self._parser, argv[1:])
        if args.save is not None or args.saved is not None or args.no_cache or args.no_serve:
            raise UsageError("not served")
        query = args.query
        if query is None or not query.strip():
            raise UsageError("no query")
        hits = self.index.search(query, limit=args.limit, sort=args.sort)
        status, out, err = hits_output(hits, args.json)
        return status, out, query_notes(query) + err

    # -- the loop -----------------------------------------------------------------------------
    def run(self, idle: float) -> int:
        folder = os.path.dirname(self.path)
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            os.chmod(folder, 0o700)
            lock = os.open(self.path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            print(f"{PROG}: error: cannot use {one_line(folder)}: {exc.strerror}", file=sys.stderr)
            return 1
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            other = os.pread(lock, 32, 0).decode(errors="replace").strip()
            os.close(lock)
            print(f"{PROG}: error: a server for this archive is already running"
                  f"{f' (pid {other})' if other else ''}; its socket: {one_line(self.path)}", file=sys.stderr)
            return 1
        os.ftruncate(lock, 0)
        os.pwrite(lock, str(os.getpid()).encode(), 0)
        signal.signal(signal.SIGTERM, _stop)
        try:
            problem = self.load()
            if problem:
                _say(f"not serving until the next request: {problem}")
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)  # a socket left by a server that died: we hold the lock
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            mask = os.umask(0o177)
            try:
                listener.bind(self.path)  # created 0600
            finally:
                os.umask(mask)
            listener.listen(16)
            _say(f"serving {len(self.index.catalog) if self.index is not None else 0} articles of "
                 f"{', '.join(map(one_line, self.roots))} on {one_line(self.path)}"
                 f"{f'; stops after {idle:g} s idle' if idle > 0 else ''} (Ctrl+C stops it)")
            return self._loop(listener, idle)
        except (KeyboardInterrupt, _Stop):
            return 0
        finally:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            with contextlib.suppress(OSError):
                os.unlink(self.path + ".lock")
            os.close(lock)

    def _loop(self, listener: socket.socket, idle: float) -> int:
        listener.settimeout(min(idle, 5.0) if idle > 0 else None)
        last = time.monotonic()
        while True:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                if time.monotonic() - last >= idle:
                    _say(f"stopping: no request for {idle:g} s")
                    return 0
                continue
            last = time.monotonic()
            with conn:
                try:
                    conn.settimeout(5.0)
                    conn.sendall(self.answer(_read_all(conn)))
                except _CodeChanged:
                    conn.sendall(b"NO newstui was changed\n")
                    _say("stopping: newstui itself changed since the server started")
                    return 0
                except OSError:
                    pass
            while self._retired:
                with contextlib.suppress(OSError):
                    os.close(self._retired.pop())


def _read_all(conn: socket.socket) -> bytes:
    chunks = []
    while chunk := conn.recv(1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


class _Stop(Exception):
    pass


class _CodeChanged(Exception):
    pass


def _stop(signum: int, frame: object) -> None:
    raise _Stop


def _say(message: str) -> None:
    print(f"{PROG} serve: {message}", file=sys.stderr, flush=True)


def _code_stamp() -> int:
    """Size and mtime of every file of the tui package: an edited or upgraded newstui may answer
    differently, so a server started before it stops answering."""
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # .../tui
    total = 0
    for folder, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            with contextlib.suppress(OSError):
                info = os.stat(os.path.join(folder, name))
                total = hash((total, name, info.st_size, info.st_mtime_ns))
    return total
