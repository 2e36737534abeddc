"""Cost of the query forms of issue 13 (OR, date ranges, filters alone, sort:date, live counts)
over an archive's persisted index, as the app and `newstui search` run them.

    nice python bench/queries.py ../shared/real                    # the default queries
    nice python bench/queries.py ARCHIVE --query '习近平 OR 拜登' --query 'after:30d'

Load the archive once first (`newstui search x ARCHIVE`), so the index is persisted; this opens it
the way `newstui search` does (quick.py), runs each query `--repeat` times and prints medians in
milliseconds: `count` (a saved search's live count), `search` (the 50 best, the query's order),
`search sort=date` (the 50 newest). The first run of a query (cold plan, cold pages) is left out.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.archive.search.engine import SearchIndex
from tui.archive.search.quick import from_index

DEFAULT = ["习近平", "习近平 OR 李克强", "川普", "川普 OR 特朗普 OR trump", "source:ntdtv",
           "date:2020-03..2020-06", "习近平 date:2020-05", "sort:date"]


def _median_ms(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


Row = tuple[str, int, float, float, float]


def measure(index: SearchIndex, queries: list[str], repeat: int) -> list[Row]:
    rows = []
    for q in queries:
        index.search_counted(q, 50)  # warm: the plan, the pages the query touches
        rows.append((q, index.count(q), _median_ms(lambda q=q: index.count(q), repeat),
                     _median_ms(lambda q=q: index.search_counted(q, 50), repeat),
                     _median_ms(lambda q=q: index.search_counted(q, 50, sort="date"), repeat)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", help="an archive folder already indexed (run newstui search on it once)")
    parser.add_argument("--query", action="append",
                        help="a query to time (repeatable; default: a set for ../shared/real)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    rows = from_index([args.archive], lambda index: measure(index, args.query or DEFAULT, args.repeat))
    if rows is None:
        print("no current persisted index for this archive: run `newstui search x ARCHIVE` first",
              file=sys.stderr)
        return 1
    print("| query | matches | count (ms) | search, 50 (ms) | search, 50 newest (ms) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for q, n, count, best, newest in rows:
        print(f"| `{q}` | {n} | {count:.1f} | {best:.1f} | {newest:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
