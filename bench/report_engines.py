"""The table of bench/engines.py: one row per store, medians of the runs."""

from __future__ import annotations

from typing import Any

from measure import median

Json = dict[str, Any]


def _mb(n: float) -> str:
    return f"{n / 1e6:.0f} MB"


def table(name: str, res: Json) -> str:
    lines = [f"### {name}: {res['articles']:,} articles, folded text {_mb(res['text_bytes'])} "
             f"(load {res['load_before']} before, {res['load_after']} after)", "",
             "| store | build CPU (wall) | peak RSS (tree) | size | open | "
             "keys CPU p50 / p95 (wall p95) | bench queries CPU p50 / p95 (wall p95) | same sets as today | "
             "20 new searchable | kill -9 in commits |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for store, r in res["stores"].items():
        b, a = r["build"], r["ask"]
        built = median([x["seconds"] for x in b])
        cpu = median([x["cpu"] for x in b])
        peak = median([x["tree_peak_mb"] for x in b])
        opened = median([x["open_s"] for x in a]) * 1000
        keys = [median([x["cpu_ms"]["keys"][k] for x in a]) for k in ("p50", "p95")]
        bench = [median([x["cpu_ms"]["bench"][k] for x in a]) for k in ("p50", "p95")]
        wall = [median([x["ms"][q]["p95"] for x in a]) for q in ("keys", "bench")]
        differ = sorted({q for x in a for q in x["differ"]})
        same = "yes" if not differ else f"no: {', '.join(map(repr, differ[:6]))}"
        missed = sorted({q for x in a for q in x.get("missed_by_postings", [])})
        if missed:
            same += f" (postings miss {len(missed)} strings)"
        upd = r.get("update")
        upd_s = f"{upd['seconds']:.2f} s ({upd['found']}/{upd['wanted']})" if upd else "n/a: full rebuild"
        crash = r.get("crash")
        crash_s = ("consistent" if crash["all_consistent"] else "NOT consistent") + \
            f" ({len(crash['trials'])} kills)" if crash else "n/a"
        size = _mb(r["bytes"])
        if store == "home":
            size += f" (postings; whole index {_mb(res['today_index_bytes'])})"
            opened_s = f"{opened:.0f} ms (+ load {median([x['load_s'] for x in a]) * 1000:.0f} ms)"
        else:
            opened_s = f"{opened:.0f} ms"
        lines.append(f"| {store} | {cpu:.1f} s ({built:.0f} s wall) | {peak:.0f} MB | {size} | {opened_s} | "
                     f"{keys[0]:.1f} / {keys[1]:.1f} ms ({wall[0]:.0f}) | "
                     f"{bench[0]:.1f} / {bench[1]:.1f} ms ({wall[1]:.0f}) | "
                     f"{same} | "
                     f"{upd_s} | {crash_s} |")
    return "\n".join(lines) + "\n"
