"""Postings stores measured against the home-made index: tantivy, SQLite FTS5 (bigrams), FTS5 trigram.

    python bench/engines.py --real DIR --generated DIR [--runs 3] [--out bench/out/engines]

For each archive: newstui loads it (a cold build the first time, in OUT/NAME/data), and its folded
texts are exported once (OUT/NAME/hays.bin) with the strings today's resolver turns the bench
queries into, and today's answer for each (OUT/NAME/queries.json). Then, interleaved, `--runs`
times: each store is built from those texts in a process of its own (wall, CPU, peak RSS of the
process tree), and opened and asked in a fresh process (open time; per query the candidate set:
each string's articles, OR within a group, AND across groups, NOT of the exclusions; p50/p95; equal
to today's or not). Then 20 new articles added and searchable, and kill -9 during commits.
Results: OUT/engines-NAME.json and a Markdown table on stdout (bench/engines_results.md is one such run).

Internal steps (each a process): export ARCHIVE WORK, build STORE WORK, ask STORE WORK,
update STORE WORK, crash STORE WORK. engine_stores.py holds the stores.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from array import array
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine_crash
import engine_stores as es
from keystrokes import OTHERS
from measure import REPO, du_bytes, env_with, loadavg, percentile, run_process
from report_engines import table
from run import NAMES, QUERIES, REAL_NAMES, REAL_QUERIES

STORES = ("home", "tantivy", "fts5", "trigram")
Json = dict[str, Any]


def store_path(store: str, work: Path) -> Path:
    return work / {"tantivy": "tantivy", "fts5": "fts5.db", "trigram": "trigram.db", "home": "home"}[store]


# -- export (today's index) ----------------------------------------------------------------------
def export(archive: Path, work: Path, real: bool) -> None:
    from tui.archive.search import opening

    result = opening.load([archive])
    index = opening.search_index(result)
    text = index.text
    off = array("Q", [0])
    with open(work / "hays.bin", "wb") as fh:
        for i in range(len(text)):
            hay = text.hays[i]
            fh.write(hay)
            off.append(off[-1] + len(hay))
    (work / "hays.off").write_bytes(off.tobytes())
    names = REAL_NAMES if real else NAMES
    prefixes = [n[:i] for n in names for i in range(1, len(n) + 1)]
    queries = {"bench": list(REAL_QUERIES if real else QUERIES), "keys": prefixes, "others": list(OTHERS)}
    plans: Json = {}
    today: Json = {}
    for q in {q for qs in queries.values() for q in qs}:
        plan = index._plan(q)
        plans[q] = {"groups": [[list(t.needles) for t in g] for g in plan.groups],
                    "exclude": [list(t.needles) for t in plan.exclude]}
        for needle in needles_of(plans[q]):
            if needle not in today:
                today[needle] = list(text.matches(needle))
    out = {"queries": queries, "plans": plans, "today": today, "articles": len(text)}
    (work / "queries.json").write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


def needles_of(plan: Json) -> list[str]:
    return [n for g in plan["groups"] for t in g for n in t] + [n for t in plan["exclude"] for n in t]


# -- building and asking (in a process of their own) ---------------------------------------------
def build(store: str, work: Path) -> Json:
    out = store_path(store, work)
    shutil.rmtree(out, ignore_errors=True) if out.is_dir() else out.unlink(missing_ok=True)
    for extra in ("-wal", "-shm"):
        Path(f"{out}{extra}").unlink(missing_ok=True)
    hays = es.Hays(work)
    t0, c0 = time.perf_counter(), time.process_time()
    if store == "home":
        home_build(hays.texts(), out)
    elif store == "tantivy":
        es.tantivy_build(hays.texts(), out)
    else:
        es.fts5_build(hays.texts(), out, trigram=store == "trigram")
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0}


def home_build(texts: Any, out: Path) -> None:
    """Today's postings alone (a list per character, a list per Latin token: textindex.Postings,
    as IndexBuilder fills it), written as arrays with a JSON key table: the part a store replaces."""
    from tui.archive.search.index.textindex import Postings
    from tui.archive.search.text.fold import TOKEN

    chars, tokens = Postings(), Postings()
    for n, text in enumerate(texts):
        chars.add(es.chars(text), n)
        tokens.add(set(TOKEN.findall(text)), n)
    out.mkdir(parents=True, exist_ok=True)
    for name, p in (("chars", chars), ("tokens", tokens)):
        keys = p.sorted_keys()
        with open(out / f"{name}.bin", "wb") as fh:
            for k in keys:
                p.lists[k].tofile(fh)
        (out / f"{name}.json").write_text(json.dumps([[k, len(p.lists[k])] for k in keys]), encoding="utf-8")


def open_store(store: str, work: Path, archive: Path) -> tuple[Any, Json]:
    t0 = time.perf_counter()
    if store == "home":
        from tui.archive.search import opening

        result = opening.load([archive])
        t1 = time.perf_counter()
        index = opening.search_index(result)
        return index.text, {"open_s": time.perf_counter() - t1, "load_s": t1 - t0}
    s: Any = es.TantivyStore(store_path(store, work)) if store == "tantivy" else es.Fts5Store(
        store_path(store, work), trigram=store == "trigram")
    return s, {"open_s": time.perf_counter() - t0}


def ask(store: str, work: Path, archive: Path) -> Json:
    """Open the store in this (fresh) process and answer every query's candidate set, timed."""
    data = json.loads((work / "queries.json").read_text(encoding="utf-8"))
    s, out = open_store(store, work, archive)
    hays = es.Hays(work) if store != "home" else None
    memo: dict[str, set[int]] = {}  # a needle asked again (typing on) is remembered, by every store

    def matches(needle: str) -> set[int]:
        if needle not in memo:
            memo[needle] = set(s.matches(needle) if hays is None else es.verified(s, hays, needle))
        return memo[needle]

    times: Json = {}
    cpu: Json = {}
    differ: list[str] = []
    raw_differ: list[str] = []
    for kind, queries in data["queries"].items():
        times[kind], cpu[kind] = [], []
        for q in queries:
            plan = data["plans"][q]
            t0, c0 = time.perf_counter(), time.process_time()
            if hays is None:
                s.prefetch(needles_of(plan))  # as engine.py does for a term's strings
            found = candidate_set(plan, matches)
            times[kind].append((time.perf_counter() - t0) * 1000)
            cpu[kind].append((time.process_time() - c0) * 1000)
            want = candidate_set(plan, lambda n: set(data["today"][n]))
            if found != want:
                differ.append(q)
    if hays is not None:  # the postings alone, before checking the texts: how much they narrow
        for needle in data["today"]:
            if not set(s.candidates(needle)) >= set(data["today"][needle]):
                raw_differ.append(needle)
    out["ms"] = {k: {"p50": percentile(v, 0.5), "p95": percentile(v, 0.95), "max": max(v), "n": len(v)}
                 for k, v in times.items()}
    out["cpu_ms"] = {k: {"p50": percentile(v, 0.5), "p95": percentile(v, 0.95), "max": max(v), "n": len(v)}
                     for k, v in cpu.items()}
    out["differ"] = differ
    out["missed_by_postings"] = raw_differ
    return out


def candidate_set(plan: Json, matches: Any) -> set[int]:
    found: set[int] | None = None
    for group in plan["groups"]:
        either: set[int] = set()
        for term in group:
            for n in term:
                either |= matches(n)
        found = either if found is None else found & either
    found = found or set()
    for term in plan["exclude"]:
        for n in term:
            found -= matches(n)
    return found


# -- the comparison ------------------------------------------------------------------------------
def step(args: list[str], env: dict[str, str], sample: bool = False) -> tuple[Json, Any]:
    """One internal step in a process of its own (the harness is run under `nice` as a whole)."""
    run = run_process([sys.executable, __file__, *args], env=env, sample=sample)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{run.stderr.decode(errors='replace')[-3000:]}")
    return json.loads(run.stdout.decode().strip().splitlines()[-1]), run


def compare(name: str, archive: Path, out: Path, runs: int) -> Json:
    work = out / name
    work.mkdir(parents=True, exist_ok=True)
    env = env_with(work / "data")
    res: Json = {"archive": str(archive), "load_before": loadavg()}
    if not (work / "queries.json").exists():
        _, r = step(["export", str(archive), str(work), name], env, sample=True)
        res["export"] = {"seconds": r.seconds, "tree_peak_mb": r.tree_peak_mb}
    data = json.loads((work / "queries.json").read_text(encoding="utf-8"))
    res["articles"] = data["articles"]
    res["text_bytes"] = (work / "hays.bin").stat().st_size
    res["today_index_bytes"] = du_bytes(work / "data" / "index") or sum(
        p.stat().st_size for p in (work / "data").rglob("*index*") if p.is_file())
    per: Json = {s: {"build": [], "ask": []} for s in STORES}
    for k in range(runs):
        for store in STORES if k % 2 == 0 else reversed(STORES):  # interleaved, order alternating
            inner, b = step(["build", store, str(work)], env, sample=True)
            per[store]["build"].append({**inner, "wall": b.seconds, "cpu_all": b.cpu_s,
                                        "tree_peak_mb": b.tree_peak_mb, "maxrss_mb": b.maxrss_mb})
            asked, r = step(["ask", store, str(work), str(archive)], env)
            per[store]["ask"].append({**asked, "process_s": r.seconds, "maxrss_mb": r.maxrss_mb})
            print(f"{name} run {k} {store}: built in {inner['seconds']:.1f} s, asked in {r.seconds:.1f} s",
                  file=sys.stderr)
    for store in STORES:
        per[store]["bytes"] = du_bytes(store_path(store, work)) if store_path(store, work).is_dir() else sum(
            Path(f"{store_path(store, work)}{x}").stat().st_size for x in ("", "-wal")
            if Path(f"{store_path(store, work)}{x}").exists())
        if store != "home":
            per[store]["update"], _ = step(["update", store, str(work)], env)
            per[store]["crash"], _ = step(["crash", store, str(work)], env)
    res["stores"] = per
    res["load_after"] = loadavg()
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", nargs="*", help="internal: export|build|ask|update|crash ARGS")
    ap.add_argument("--real", type=Path)
    ap.add_argument("--generated", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "engines")
    a = ap.parse_args()
    if a.step:
        cmd, *args = a.step
        if cmd == "export":
            export(Path(args[0]), Path(args[1]), real=args[2] == "real")
            print("{}")
        elif cmd == "build":
            print(json.dumps(build(args[0], Path(args[1]))))
        elif cmd == "ask":
            print(json.dumps(ask(args[0], Path(args[1]), Path(args[2]))))
        elif cmd == "update":
            print(json.dumps(engine_crash.update(args[0], Path(args[1]))))
        elif cmd == "crash":
            print(json.dumps(engine_crash.crash(args[0], Path(args[1]))))
        return 0
    results: Json = {}
    for name, archive in (("real", a.real), ("generated", a.generated)):
        if archive:
            results[name] = compare(name, archive, a.out, a.runs)
            a.out.mkdir(parents=True, exist_ok=True)
            (a.out / f"engines-{name}.json").write_text(json.dumps(results[name], indent=1), encoding="utf-8")
            print(table(name, results[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
