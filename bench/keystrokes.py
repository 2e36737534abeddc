"""The search engine keystroke by keystroke on a built archive, as the app opens it, for profiling
and for proving that a change leaves the hits as they were.

    python bench/keystrokes.py times [--runs 5] [--limit 50] [--profile] [PATH]
                                                                     CPU/wall per prefix of the names
    python bench/keystrokes.py dump OUT.json [PATH]                  every hit of many queries
    python bench/keystrokes.py diff BEFORE.json AFTER.json           which queries differ

PATH defaults to ../shared/real; NEWSTUI_DATA_DIR says where its cache and index are (built on
first use). Compare dumps made with the same PYTHONHASHSEED (equal-length highlights that
overlap are taken in set order) and from indexes built the same way (ties follow article numbers).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from run import REAL_NAMES as NAMES  # noqa: E402
from run import default_real  # noqa: E402

from tui.archive.search import opening  # noqa: E402
from tui.archive.search.engine import SearchIndex  # noqa: E402

OTHERS = ("kishida", "kishda", "blinken", "bulinken", "an bei jin san", "anbei", "岸田", "習近平", "習近",
          "川普 OR 特朗普", "xi jinpign", "huawie", "trunp", "pompeio", "tsai ing-wen", "carrie lam",
          "lin zheng yue e", "林鄭月娥", "linzhengyuee", "joshua wong", "wangyi", "王毅", "zhongnanshan",
          "zhong nansan", "mao tse-tung", "hong kong", "香港", "xianggang", "taiwan", "台灣", "tai wan",
          "biden", "baideng", "拜登", "wuhan", "武漢", "covid", "falun gong", "法輪功", "falungong", "2+2",
          '"习近平"', "trump -biden", "zhongguo", "中共", "zhonggong", "huawei sort:date", "li keqiang",
          "likeqiang", "李克强", "x", "h", "t", "p", "z", "zh", "zho", "the")


def prefixes() -> list[str]:
    return [name[:i] for name in NAMES for i in range(1, len(name) + 1)]


def open_index(path: Path) -> SearchIndex:
    """As the app's loading worker does: load, open (or build) the index, warm it, and once the
    index is shown, check its texts (loaders.py)."""
    index = opening.search_index(opening.load([path]))
    index.warm()
    index.check()
    return index


def times(path: Path, runs: int, profile: bool, limit: int = 50) -> None:
    """`limit`: hits asked for per keystroke (the app asks for what its list shows, ~13 rows)."""
    per: dict[str, list[float]] = {}
    summary: list[tuple[float, float, float]] = []
    for run in range(runs):
        index = open_index(path)  # a fresh index each run: caches start empty, as in a new app
        cpu: list[float] = []
        wall: list[float] = []
        for p in prefixes():
            t, c = time.perf_counter(), time.process_time()
            index.search(p, limit=limit)
            cpu.append((time.process_time() - c) * 1000)
            wall.append((time.perf_counter() - t) * 1000)
            per.setdefault(p, []).append(cpu[-1])
        cpu.sort()
        wall.sort()
        n, p95 = len(cpu), min(len(cpu) - 1, int(0.95 * len(cpu)))
        summary.append((cpu[n // 2], cpu[p95], cpu[-1]))
        print(f"run {run}: CPU p50/p95/max {cpu[n // 2]:.1f}/{cpu[p95]:.1f}/{cpu[-1]:.1f} ms; "
              f"wall {wall[n // 2]:.1f}/{wall[p95]:.1f}/{wall[-1]:.1f}")
    med = [sorted(s[k] for s in summary)[len(summary) // 2] for k in range(3)]
    print(f"median of {runs} runs, CPU p50/p95/max: {med[0]:.1f}/{med[1]:.1f}/{med[2]:.1f} ms")
    for p in sorted(per, key=lambda p: -sorted(per[p])[len(per[p]) // 2])[:10]:
        print(f"  {p!r:16} {sorted(per[p])[len(per[p]) // 2]:6.1f} ms")
    if profile:
        index = open_index(path)
        prof = cProfile.Profile()
        prof.enable()
        for p in prefixes():
            index.search(p, limit=limit)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)


def dump(path: Path, out: Path) -> None:
    index = open_index(path)
    found: dict[str, Any] = {}
    for q in (*prefixes(), *OTHERS):
        hits, total = index.search_counted(q, limit=50)
        found[q] = {
            "total": total, "terms": index.terms(q),
            "hits": [[h.id, h.score, h.snippet, h.spans, h.matched] for h in hits],
            "more": [[h.id, h.score, h.snippet, h.spans, h.matched] for h in index.search(q, limit=200)],
            "date": [[h.id, h.score, h.snippet] for h in index.search(q, limit=30, sort="date")],
            "names": [e.aliases[0] for e in index.find_names(q)][:50],
        }
    out.write_text(json.dumps(found, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(found)} queries -> {out}")


def diff(before: Path, after: Path) -> int:
    a = json.loads(before.read_text(encoding="utf-8"))
    b = json.loads(after.read_text(encoding="utf-8"))
    differ = [q for q in a if a[q] != b.get(q)]
    for q in differ:
        print(f"differs: {q!r} ({', '.join(k for k in a[q] if a[q][k] != b.get(q, {}).get(k))})")
    print(f"{len(a)} queries, {len(differ)} differ")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["times", "dump", "diff"])
    ap.add_argument("args", nargs="*")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--limit", type=int, default=50, help="hits per keystroke (the app: ~13)")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    real = default_real()
    if args.mode == "diff":
        return diff(Path(args.args[0]), Path(args.args[1]))
    if args.mode == "dump":
        dump(Path(args.args[1]) if len(args.args) > 1 else real, Path(args.args[0]))
        return 0
    times(Path(args.args[0]) if args.args else real, args.runs, args.profile, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
