"""What an archive opened warm holds: resident memory after each step, as `newstui check` and the
app's loading worker take them.

    python bench/open_memory.py DATA_DIR PATH [PATH ...]    # prints one JSON object

Steps: the archive decoded from the cache (the files scanned and found unchanged), its search index
opened beside it, one search (`kishida`). At each, the process's anonymous resident memory (what
the process itself holds: records, tables) apart from the file pages it has mapped and touched
(the index's text, read in place; the kernel drops those first when memory is short), and the
peak (VmHWM, both kinds) so far. Run it on a data dir where a build has run (`newstui check`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def memory() -> dict[str, float]:
    """This process's resident memory now, in MB: anonymous, file-backed, and the peak so far."""
    fields: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            name, _, value = line.partition(":")
            if name in ("RssAnon", "RssFile", "VmHWM"):
                fields[name] = round(int(value.split()[0]) / 1024, 1)
    return {"anon_mb": fields["RssAnon"], "file_mb": fields["RssFile"], "peak_mb": fields["VmHWM"]}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description="A warm open's memory, step by step.")
    ap.add_argument("data", type=Path, help="a data dir the archive was built in")
    ap.add_argument("paths", nargs="+", metavar="PATH")
    args = ap.parse_args(argv)
    data, paths = args.data, args.paths
    from tui.archive.search import opening

    report: dict[str, object] = {"imports": memory()}
    t0 = time.perf_counter()
    result = opening.load(paths, data_dir=data)
    if result.parsed:
        print(f"{result.parsed} files were parsed: run it again on the built data dir", file=sys.stderr)
    report["archive"] = {**memory(), "s": round(time.perf_counter() - t0, 2),
                         "articles": len(result.archive.articles)}
    index = opening.search_index(result)
    report["index opened"] = {**memory(), "s": round(time.perf_counter() - t0, 2), "notices": result.notices}
    hits = index.search("kishida")
    report["one search"] = {**memory(), "s": round(time.perf_counter() - t0, 2), "hits": len(hits)}
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
