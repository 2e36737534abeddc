"""A cold build (scan, parse, index, cache) timed stage by stage, as one process: what run.py spawns.

    python bench/stages.py DATA_DIR PATH [PATH ...]    # prints one JSON object on its last line

It calls `opening.load` (the store's loader, indexing) as `newstui check` does (the same worker
processes, forked), with timers wrapped around the stages from outside (the code under test is not edited):
- in the parent: scanning, the parse loop (wall, while the workers run), what the parent does for
  each parsed file meanwhile (the index builder's `add`: postings), `entities.build`, the cache commit
  and the search index write;
- in each worker: reading + decoding + shape + HTML -> blocks (`parse_file`), the index features
  (`build.encode_features`) and the body encoding, summed per worker and written to a file
  beside DATA_DIR, since forked workers share no memory with the parent.
Each stage has its wall time and its CPU time (the process's own); worker stages are summed over the
workers. On a machine others load too, CPU times are the steadier figure.

    python bench/stages.py --serial [--profile OUT.prof] DATA_DIR PATH ...

`--serial` parses and reads every text in this one process (no pool, no forked reader), so every
stage's CPU time is counted here and two commits compare stage by stage; `--profile` runs the
build under cProfile with a CPU clock (pstats can then diff two commits function by function).
"""

from __future__ import annotations

import cProfile
import functools
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: stage -> [wall seconds, CPU seconds of this process]
PARENT: dict[str, list[float]] = {}
WORKER: dict[str, list[float]] = {}


def _timed(owner: Any, name: str, key: str, table: dict[str, list[float]]) -> None:
    fn: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t, c = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            got = table.setdefault(key, [0.0, 0.0])
            got[0] += time.perf_counter() - t
            got[1] += time.process_time() - c

    setattr(owner, name, wrapper)


_CHUNK: dict[str, Any] = {}


def _peak_mb() -> float:
    """This process's peak resident memory since it started (VmHWM: reset by exec, unlike
    ru_maxrss, which keeps the pages of the process that forked before exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_chunk(items: list[str], features: Any) -> list[Any]:
    """workers._parse_chunk, its stage times appended to the spool file (module level: the pool
    pickles it by name)."""
    WORKER.clear()
    try:
        return _CHUNK["fn"](items, features)
    finally:
        with open(_CHUNK["spool"], "a", encoding="utf-8") as fh:  # one short line: an atomic append
            fh.write(json.dumps({"pid": os.getpid(), "hwm_mb": _peak_mb(), **WORKER}) + "\n")


def main(argv: list[str]) -> int:
    serial = "--serial" in argv
    argv = [a for a in argv if a != "--serial"]
    profile = None
    if argv[:1] == ["--profile"]:
        profile, argv = argv[1], argv[2:]
    data, paths = Path(argv[0]), argv[1:]
    from tui.archive.search import opening
    from tui.archive.search.disk import build
    from tui.archive.search.index import needles
    from tui.archive.search.names import entities
    from tui.archive.store import cache, loader, scanning, workers

    if serial:
        workers.PARALLEL_MIN = needles.FORK_MIN = sys.maxsize
        from tui.archive.read import parse  # noqa: F401  (imported before the clock, as the pool does)

    _timed(scanning, "scan_files", "scan", PARENT)
    _timed(loader, "_rebuild", "parse loop (wall)", PARENT)
    _timed(build.IndexBuilder, "add_encoded", "parent: index postings (builder.add)", PARENT)
    _timed(entities, "build", "names", PARENT)
    _timed(cache.CacheWriter, "commit", "cache write (commit)", PARENT)
    _timed(build.IndexBuilder, "_write", "search index write", PARENT)
    _timed(build.IndexBuilder, "finish", "index finish (names + write + open)", PARENT)
    _timed(workers, "parse_file", "worker: read, decode, shape, HTML -> blocks", WORKER)
    _timed(workers, "encode_body", "worker: body encode", WORKER)
    # the features function is handed to the pool by name: the module's attribute must be the timed one
    _timed(build, "encode_features", "worker: index features", WORKER)
    opening.INDEXING = loader.Indexing(features=build.encode_features, sink=opening.INDEXING.sink)
    spool = data.parent / (data.name + ".worker-times.jsonl")
    spool.unlink(missing_ok=True)
    _CHUNK.update(fn=workers._parse_chunk, spool=spool)
    workers._parse_chunk = timed_chunk  # type: ignore[assignment]
    profiler = cProfile.Profile(time.process_time) if profile else None
    t0 = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    result = opening.load(paths, data_dir=data)
    total = time.perf_counter() - t0
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    files = len(result.archive) + len(result.archive.rejections)
    in_workers: dict[str, list[float]] = {}
    pids: set[int] = set()
    worker_peak = 0.0
    if spool.exists():
        for line in spool.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            pids.add(row.pop("pid"))
            worker_peak = max(worker_peak, row.pop("hwm_mb"))
            for k, (wall, cpu) in row.items():
                got = in_workers.setdefault(k, [0.0, 0.0])
                got[0] += wall
                got[1] += cpu
        spool.unlink()
    if not pids:  # a small archive is parsed in this process
        in_workers = dict(WORKER)
    self_usage = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "files": files,
                "articles": len(result.archive),
                "rejected": len(result.archive.rejections),
                "seconds": total,
                "ms_per_file": total / files * 1000 if files else None,
                "parent": PARENT,
                "workers": in_workers,
                "worker_processes": len(pids),
                "cpu_parent_s": self_usage.ru_utime + self_usage.ru_stime,
                "cpu_workers_s": kids.ru_utime + kids.ru_stime,
                "maxrss_parent_mb": _peak_mb(),
                "maxrss_worker_mb": worker_peak,
                "notices": result.notices,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
