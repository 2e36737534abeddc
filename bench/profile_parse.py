"""Per-file parse cost over a folder, in one process: median / p95 / max, then where the time goes.

    python bench/profile_parse.py ../shared/corpus
    nice python bench/profile_parse.py /tmp/a10k --limit 2000 --top 30

Each file is read once into memory first (so disk and the page cache are not measured), then
`parse_bytes` is timed per file with `perf_counter` (process CPU time is also reported: on a
shared machine the wall clock of one file includes other people's work). `--repeat N` times
every file N times and keeps its fastest run. A second pass under cProfile prints the top
functions by cumulative and by own time (`--top 0` skips it). `--slowest N` lists the slowest files.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.archive.read.parse import PARSER_VERSION, parse_bytes


def files_under(root: str, limit: int) -> list[tuple[str, bytes]]:
    paths = sorted(
        os.path.join(d, f) for d, _, names in os.walk(root) for f in names if not f.startswith(".")
    )
    if os.path.isfile(root):
        paths = [root]
    if limit:
        # spread over the whole folder, not its first shapes only
        step = max(1, len(paths) // limit)
        paths = paths[::step][:limit]
    out = []
    for p in paths:
        try:
            with open(p, "rb") as fh:
                out.append((os.path.abspath(p), fh.read()))
        except OSError:
            pass
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--limit", type=int, default=0, help="at most N files, spread over the folder")
    ap.add_argument("--repeat", type=int, default=1, help="time each file N times, keep the fastest")
    ap.add_argument("--top", type=int, default=25, help="functions to list from cProfile (0: no profile)")
    ap.add_argument("--slowest", type=int, default=5, help="list the N slowest files")
    args = ap.parse_args(argv)

    files = files_under(args.folder, args.limit)
    if not files:
        print("no files", file=sys.stderr)
        return 1
    for path, data in files[:20]:  # warm-up: imports, regex compilation, lazy tables
        parse_bytes(data, path)

    wall: list[float] = []
    timed: list[tuple[float, str]] = []
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    rejected = 0
    for path, data in files:
        best = float("inf")
        for _ in range(max(1, args.repeat)):
            s = time.perf_counter()
            result = parse_bytes(data, path)
            best = min(best, time.perf_counter() - s)
        wall.append(best * 1000)
        timed.append((best * 1000, path))
        rejected += type(result).__name__ == "Rejection"
    total_wall = time.perf_counter() - t0
    total_cpu = time.process_time() - cpu0
    size = sum(len(d) for _, d in files)

    print(f"parser version {PARSER_VERSION}; {len(files)} files, {size / 1e6:.1f} MB, {rejected} rejected")
    print(f"per file (ms): median {statistics.median(wall):.3f}  p95 {pct(wall, 0.95):.3f}  "
          f"max {max(wall):.3f}  mean {statistics.fmean(wall):.3f}")
    print(f"total: {total_wall:.2f} s wall, {total_cpu:.2f} s CPU "
          f"({total_cpu / len(files) / max(1, args.repeat) * 1000:.3f} ms CPU per parse)")
    if args.slowest:
        print("slowest:")
        for ms, path in sorted(timed, reverse=True)[: args.slowest]:
            print(f"  {ms:8.2f} ms  {path}")

    if args.top:
        prof = cProfile.Profile()
        prof.enable()
        for path, data in files:
            parse_bytes(data, path)
        prof.disable()
        for key in ("cumulative", "tottime"):
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).sort_stats(key).print_stats(args.top)
            lines = buf.getvalue().splitlines()
            start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
            print(f"\ntop {args.top} by {key} (cProfile, {len(files)} files):")
            print("\n".join(lines[start:]).rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
