"""Search quality of newstui's lookup, measured from outside through its command line.

    python bench/lookup.py                                   # ../shared/real, bench/lookup_names.toml
    python bench/lookup.py --only xi-jinping --only huawei   # some entities
    python bench/lookup.py --archive ~/mirror --names my_names.toml   # a held-out archive
    python bench/lookup.py --newstui "newstui"               # another newstui than this checkout's

For every entity of the names file (format: bench/lookup_truth.py) the ground truth is the set of
articles whose text names it under one of the aliases the file lists; the text comes from
`newstui export` (the parser's title + body; `--text raw` strips tags from the raw files instead).
Each query of the entity runs as `newstui search QUERY ARCHIVE --json --limit 100000`, a whole
process; recall = true hits / truth, precision = true hits / hits (n/a when nothing came back; such
queries count in mean recall, not in mean precision). Prints a markdown table, the means per form
and overall, the queries under 90% recall, and writes bench/out/lookup.json with samples of missed
and false hits (with newstui's snippet) to look at by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lookup_truth import Entity, TableError, exported_texts, ground_truth, load_names, raw_texts

REPO = Path(__file__).resolve().parents[1]
# ../shared/real beside the checkout (for a git worktree further down, the nearest ancestor's)
DEFAULT_ARCHIVE = next((p / "shared" / "real" for p in REPO.parents if (p / "shared" / "real").is_dir()),
                       REPO.parent / "shared" / "real")
DEFAULT_NAMES = Path(__file__).resolve().parent / "lookup_names.toml"
TARGETS = {"mean_recall": 0.98, "mean_precision": 0.98, "min_recall": 0.90}
SAMPLE = 5


@dataclass
class Result:
    entity: str
    kind: str
    form: str
    query: str
    truth: int
    hits: int
    true_hits: int
    recall: float
    precision: float | None
    seconds: float
    error: str = ""
    wrong_top10: int | None = None  # for a trap: hits among the first 10 the truth does not hold
    missed: list[str] = field(default_factory=list)
    false_hits: list[dict[str, str]] = field(default_factory=list)


def score(truth: set[str], hits: Sequence[str]) -> tuple[int, float, float | None]:
    """(true hits, recall, precision) of one answer; precision is None for an empty answer,
    recall 1.0 for an empty truth (nothing to find)."""
    found = set(hits)
    true = len(found & truth)
    recall = true / len(truth) if truth else 1.0
    return true, recall, (true / len(found) if found else None)


def mean(values: Sequence[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def search(newstui: Sequence[str], query: str, archive: Path, env: dict[str, str],
           timeout: float) -> tuple[list[dict], float, str]:
    """Hits of one whole-process `newstui search`, its wall time, and an error ('' when fine)."""
    t0 = time.perf_counter()
    try:
        done = subprocess.run([*newstui, "search", query, str(archive), "--json", "--limit", "100000"],
                              capture_output=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return [], time.perf_counter() - t0, f"timeout after {timeout:.0f} s"
    took = time.perf_counter() - t0
    out = done.stdout.decode("utf-8", errors="replace").strip()
    try:
        hits = json.loads(out) if out else []
    except json.JSONDecodeError:
        hits = None
    if not isinstance(hits, list) or done.returncode != (0 if hits else 1):  # 1: nothing matched
        err = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        return [], took, f"exit {done.returncode}: {err[-1] if err else out[:200]}"
    return hits, took, ""


def measure(entities: Sequence[Entity], truth: dict[str, set[str]], newstui: Sequence[str],
            archive: Path, env: dict[str, str], timeout: float, log=print) -> list[Result]:
    results: list[Result] = []
    for e in entities:
        want = truth[e.key]
        for form, query in e.queries:
            hits, took, error = search(newstui, query, archive, env, timeout)
            paths = [str(h.get("path", "")) for h in hits]
            true, recall, precision = score(want, paths)
            false = [h for h in hits if h.get("path") not in want][:SAMPLE]
            wrong = sum(1 for p in paths[:10] if p not in want) if e.trap else None
            results.append(Result(
                e.key, e.kind, form, query, len(want), len(set(paths)), true, recall, precision, took,
                error, wrong, sorted(want - set(paths))[:SAMPLE],
                [{"path": str(h.get("path", "")), "title": str(h.get("title", "")),
                  "snippet": str(h.get("snippet", ""))} for h in false]))
            log(f"  {e.key:<22} {form:<12} {query:<26} truth {len(want):>5}  hits {len(set(paths)):>5}  "
                f"recall {_pct(recall)}  precision {_pct(precision)}  {took:.1f}s {error}", file=sys.stderr)
    return results


def summary(results: Sequence[Result]) -> dict:
    forms: dict[str, list[Result]] = {}
    entities: dict[str, list[Result]] = {}
    for r in results:
        forms.setdefault(r.form, []).append(r)
        entities.setdefault(r.entity, []).append(r)

    def means(rs: Sequence[Result]) -> dict:
        return {"queries": len(rs), "recall": mean([r.recall for r in rs]),
                "precision": mean([r.precision for r in rs]),
                "empty": sum(1 for r in rs if r.precision is None)}

    overall = means(results)
    low = [r for r in results if r.recall < TARGETS["min_recall"]]
    trapped = [r for r in results if r.wrong_top10]
    met = {
        "mean_recall": (overall["recall"] or 0) >= TARGETS["mean_recall"],
        "mean_precision": (overall["precision"] or 0) >= TARGETS["mean_precision"],
        "min_recall": not low,
        "traps": not trapped,
    }
    return {"overall": overall, "forms": {f: means(rs) for f, rs in forms.items()},
            "entities": {k: means(rs) for k, rs in entities.items()},
            "under_90_recall": [(r.entity, r.form, r.query, r.recall) for r in low],
            "traps_with_wrong_top10": [(r.entity, r.query, r.wrong_top10) for r in trapped],
            "trap_queries": sum(1 for r in results if r.wrong_top10 is not None),
            "targets": TARGETS, "met": met,
            "median_seconds": sorted(r.seconds for r in results)[len(results) // 2] if results else None}


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:5.1f}%"


def markdown(results: Sequence[Result], summ: dict) -> str:
    lines = ["| entity | form | query | truth | hits | true hits | recall | precision |",
             "|---|---|---|---:|---:|---:|---:|---:|"]
    for r in results:
        flag = " ⚠" if r.recall < TARGETS["min_recall"] else ""
        err = f" ({r.error})" if r.error else ""
        lines.append(f"| {r.entity} | {r.form} | `{r.query}`{err} | {r.truth} | {r.hits} | {r.true_hits} | "
                     f"{_pct(r.recall)}{flag} | {_pct(r.precision)} |")
    lines += ["", "| form | queries | mean recall | mean precision | empty answers |",
              "|---|---:|---:|---:|---:|"]
    for form, m in sorted(summ["forms"].items()):
        lines.append(f"| {form} | {m['queries']} | {_pct(m['recall'])} | {_pct(m['precision'])} "
                     f"| {m['empty']} |")
    o = summ["overall"]
    lines.append(f"| **all** | {o['queries']} | **{_pct(o['recall'])}** | **{_pct(o['precision'])}** "
                 f"| {o['empty']} |")
    met = summ["met"]
    lines += ["", f"Targets: mean recall >= {TARGETS['mean_recall']:.0%} "
              f"({'met' if met['mean_recall'] else 'NOT met'}), "
              f"mean precision >= {TARGETS['mean_precision']:.0%} "
              f"({'met' if met['mean_precision'] else 'NOT met'}), "
              f"no query under 90% recall ({'met' if met['min_recall'] else 'NOT met'}: "
              f"{len(summ['under_90_recall'])} under)."]
    traps = summ["traps_with_wrong_top10"]
    lines.append(f"Trap queries with a wrong hit in their top 10: {len(traps)} of {summ['trap_queries']} "
                 f"({'met' if met['traps'] else 'NOT met'})"
                 + "".join(f"; `{q}` ({k}): {n}" for k, q, n in traps) + ".")
    if summ["median_seconds"] is not None:
        lines.append(f"Median `newstui search` wall time per query: {summ['median_seconds']:.2f} s.")
    low = sorted((r for r in results if r.recall < TARGETS["min_recall"]), key=lambda r: r.recall)
    if low:
        lines += ["", "Queries under 90% recall, worst first:", ""]
        lines += [f"- `{r.query}` ({r.entity}, {r.form}): {_pct(r.recall)} of {r.truth}" for r in low]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE,
                    help="archive folder (default: %(default)s)")
    ap.add_argument("--names", type=Path, default=DEFAULT_NAMES, help="names file (default: %(default)s)")
    ap.add_argument("--only", action="append", default=[], help="entity key (repeatable)")
    ap.add_argument("--newstui", default="", help="command that runs newstui (default: this checkout's, "
                    "with the running Python)")
    ap.add_argument("--text", choices=("export", "raw"), default="export",
                    help="article text for the ground truth: newstui's parser (default) "
                    "or the raw files, tags stripped")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per search (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "lookup.json")
    args = ap.parse_args(argv)

    try:
        entities = load_names(args.names)
    except TableError as err:
        print(f"lookup: {err}", file=sys.stderr)
        return 2
    if args.only:
        unknown = set(args.only) - {e.key for e in entities}
        if unknown:
            print(f"lookup: unknown entity {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        entities = [e for e in entities if e.key in args.only]
    archive = args.archive.resolve()
    if not archive.exists():
        print(f"lookup: no archive at {archive}", file=sys.stderr)
        return 2
    newstui = shlex.split(args.newstui) if args.newstui else [
        sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())"]
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}

    t0 = time.perf_counter()
    texts = exported_texts(newstui, archive, env) if args.text == "export" else raw_texts(archive)
    truth, n = ground_truth(entities, texts)
    print(f"ground truth: {n} articles read ({args.text}) in {time.perf_counter() - t0:.1f} s",
          file=sys.stderr)
    for e in entities:
        if not truth[e.key]:
            print(f"lookup: warning: no article names {e.key}", file=sys.stderr)
    results = measure(entities, truth, newstui, archive, env, args.timeout)
    summ = summary(results)
    print(markdown(results, summ))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "archive": str(archive), "names": str(args.names), "text": args.text, "articles": n,
        "summary": summ, "results": [asdict(r) for r in results],
        "truth": {k: sorted(v) for k, v in truth.items()},
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
