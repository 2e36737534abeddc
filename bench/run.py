"""The newstui benchmark: a real archive first, then generated sizes for growth.

    python bench/run.py                      # ../shared/real (when present) + real+16k + N = 1k, 10k
    python bench/run.py --real-only          # just the real archive (~3-5 min on 2 cores)
    python bench/run.py --real DIR --real-only
    python bench/run.py --no-real --sizes 1000,10000,100000    # growth (100k: ~20 min, run it once)

For each archive it measures a cold build stage by stage (bench/stages.py), the warm open of the
app in a pty, the engine's and the app's keystroke latency, and `newstui search` as a whole process
beside `rg -lF` and `grep -rlF` over the same raw files, for the same queries, with hit counts.
Results: a table on stdout and `OUT/results.{md,json}`. See bench/README.md for each figure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO)]  # bench modules, and this checkout's `tui` for in-process probes

import generate  # noqa: E402  (bench/ is not a package)
import probes  # noqa: E402
import report  # noqa: E402
from measure import (  # noqa: E402
    NEWSTUI,
    Json,
    Run,
    du_bytes,
    env_with,
    has_command,
    loadavg,
    measure,
    median,
    run_process,
)

#: Typed one key at a time, in the engine and in the app; then searched by every tool.
NAMES = ("kishida", "blinken", "aukus", "2+2", "岸田", "Quillfeather", "Quilfeather")
QUERIES = ("kishida", "Blinken", "AUKUS", "2+2", "岸田", "Quillfeather", "Quilfeather", generate.AGREEMENT_ZH)
REAL_NAMES = ("xi jinping", "习近平", "huawei", "华为", "trump", "川普", "pompeo", "蓬佩奥")
REAL_QUERIES = REAL_NAMES


def default_real() -> Path:
    """`../shared/real` beside the repository (for a git worktree: beside its main checkout)."""
    here = REPO.parent / "shared" / "real"
    if here.is_dir():
        return here
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        common = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--git-common-dir"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        if common:
            main = (REPO / common).resolve().parent
            if (main.parent / "shared" / "real").is_dir():
                return main.parent / "shared" / "real"
    return here


def ensure_archive(n: int, out: Path, seed: int) -> tuple[Path, Json]:
    path = out / f"archive-{n}"
    mpath = generate.manifest_path(path)
    if path.is_dir() and mpath.exists():
        m = json.loads(mpath.read_text(encoding="utf-8"))
        if (m.get("n"), m.get("seed"), m.get("generator_version")) == (n, seed, generate.GENERATOR_VERSION):
            m["reused"] = True
            return path, m
    if path.exists():
        shutil.rmtree(path)
    m = generate.generate(n, path, seed)
    m["reused"] = False
    return path, m


def cold_build(paths: list[Path], work: Path, runs: int) -> tuple[Json, Path]:
    """bench/stages.py (loader.load as `newstui check` runs it, stages timed) with an empty data dir."""
    data = work / "data-cold"
    results: list[Json] = []
    for _ in range(runs):
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        before = loadavg()
        r = run_process(
            [sys.executable, str(HERE / "stages.py"), str(data), *map(str, paths)],
            env_with(data),
            sample=True,
        )
        try:
            got = json.loads(r.stdout.decode("utf-8").strip().splitlines()[-1])
        except (ValueError, IndexError):
            return {"na": "cold build failed: " + r.stderr.decode("utf-8", "replace")[-400:]}, data
        # (its wait4 maxrss would count the bench process's own pages, copied at the fork before exec:
        # the largest process is the one stages.py reports from inside)
        got.update(
            wall_s=r.seconds,
            cpu_s=r.cpu_s,
            peak_tree_mb=r.tree_peak_mb,
            peak_tree_pss_mb=r.tree_pss_peak_mb,
            maxrss_mb=r.maxrss_mb,
            loadavg_before=before,
            loadavg_after=loadavg(),
        )
        results.append(got)
    best = min(results, key=lambda g: g["wall_s"])  # the least disturbed run (others share the machine)
    return {
        **best,
        "runs_wall_s": [round(g["wall_s"], 2) for g in results],
        "cache_bytes": du_bytes(data),
    }, data


def cli_search(paths: list[Path], data: Path, queries: tuple[str, ...], runs: int) -> Json:
    """`newstui search QUERY PATH... --json --limit 20` as a whole process on the warm cache."""
    if not has_command("search"):
        return {"na": "`newstui search` does not exist yet"}
    per: dict[str, Json] = {}
    for q in queries:
        times, last = measure(
            [str(NEWSTUI), "search", q, *map(str, paths), "--json", "--limit", "20"],
            env_with(data),
            runs=runs,
            cheap_below=60,
        )
        try:
            shown = len(json.loads(last.stdout or b"[]"))
        except ValueError:
            shown = -1
        per[q] = {
            "seconds": median(times),
            "runs": [round(t, 3) for t in times],
            "shown": shown,
            "cpu_s": last.cpu_s,
            "maxrss_mb": last.maxrss_mb,
            "ok": last.returncode == (0 if shown else 1),  # 1: nothing matched, as grep
        }
    return {
        "per_query": per,
        "seconds": median([v["seconds"] for v in per.values()]),
        "maxrss_mb": max(v["maxrss_mb"] for v in per.values()),
        "loadavg": loadavg(),
    }


def cli_search_served(paths: list[Path], data: Path, queries: tuple[str, ...], runs: int) -> Json:
    """`newstui search QUERY PATH... --json --limit 20` answered by a running `newstui serve`. Each
    run starts a fresh server (the answers it remembers start empty), waits for its socket, asks
    every query once and stops it: every time is a first request, never a remembered answer.
    The client's CPU time is kept beside it: a served client spends a few tens of ms, one that fell
    back to searching in-process spends the one-shot's ~0.3 s."""
    if not has_command("serve"):
        return {"na": "`newstui serve` does not exist yet"}
    runtime = Path(tempfile.mkdtemp(prefix="nt-bench-", dir="/tmp"))  # a socket path is short
    env = {**env_with(data), "XDG_RUNTIME_DIR": str(runtime)}
    per: dict[str, list[Run]] = {q: [] for q in queries}
    started: list[float] = []
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            server = subprocess.Popen([str(NEWSTUI), "serve", *map(str, paths), "--idle", "900"],
                                      env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE)
            try:
                deadline = time.monotonic() + 300
                while not any(runtime.rglob("*.sock")):
                    if server.poll() is not None or time.monotonic() > deadline:
                        err = server.stderr.read().decode("utf-8", "replace") if server.stderr else ""
                        return {"na": f"the server did not start: {err.strip()[:200]}"}
                    time.sleep(0.02)
                started.append(time.perf_counter() - t0)
                for q in queries:
                    per[q].append(run_process(
                        [str(NEWSTUI), "search", q, *map(str, paths), "--json", "--limit", "20"], env))
            finally:
                server.terminate()
                server.wait(timeout=60)
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
    out = {q: {"seconds": median([r.seconds for r in done]), "runs": [round(r.seconds, 3) for r in done],
               "cpu_s": median([r.cpu_s for r in done]), "ok": all(r.returncode in (0, 1) for r in done)}
           for q, done in per.items()}
    return {
        "per_query": out,
        "seconds": median([v["seconds"] for v in out.values()]),
        "client_cpu_s": median([v["cpu_s"] for v in out.values()]),
        "server_start_s": median(started),
        "loadavg": loadavg(),
    }


def indexed_text_bytes(data: Path) -> int | None:
    """The folded text the search index holds (every article's title and body, UTF-8), from the
    footer of the index the cold build wrote under `data`: the articles' text without probing them."""
    sys.path.insert(0, str(REPO))
    import msgspec

    from tui.archive.search.disk.format import TAIL, TAIL_SIZE, Footer

    for path in (data / "index").glob("*.index"):
        with contextlib.suppress(OSError, ValueError, msgspec.DecodeError):
            raw = path.read_bytes()[-64 * 1024:]
            size = TAIL.unpack(raw[-TAIL_SIZE:-TAIL_SIZE + TAIL.size])[0]
            footer = msgspec.msgpack.decode(raw[-TAIL_SIZE - size:-TAIL_SIZE], type=Footer)
            return int(footer.hay_len)
    return None


def baselines(paths: list[Path], queries: tuple[str, ...], lines_file: Path | None, runs: int) -> Json:
    """ripgrep and grep over the raw files (files holding the exact bytes), fzf over article lines."""
    out: Json = {}
    tools = {"rg": ["rg", "-lF", "--"], "grep": ["grep", "-rlF", "--"]}
    for tool, cmd in tools.items():
        if shutil.which(tool) is None:
            out[tool] = {
                "na": f"{tool} not installed" + (" (apt-get install ripgrep)" if tool == "rg" else "")
            }
            continue
        out[tool] = {}
        for q in queries:
            times, last = measure([*cmd, q, *map(str, paths)], runs=runs, cheap_below=60)
            out[tool][q] = {
                "seconds": median(times),
                "runs": [round(t, 3) for t in times],
                "hits": len(last.stdout.splitlines()),
                "maxrss_mb": last.maxrss_mb,  # rg's threads are one process: wait4 is all of it
            }
        out[tool]["median_s"] = median([v["seconds"] for v in out[tool].values()])
        out[tool]["maxrss_mb"] = max(v["maxrss_mb"] for v in out[tool].values() if isinstance(v, dict))
    if lines_file is None:
        out["fzf"] = {"na": "--cold-only"}
        return out
    if shutil.which("fzf") is None:
        out["fzf"] = {"na": "fzf not installed (apt-get install fzf)"}
        return out
    out["fzf"] = {}
    for q in queries:
        times, last = measure(["fzf", "--filter", q], stdin=lines_file, runs=runs)
        out["fzf"][q] = {"seconds": median(times), "hits": len(last.stdout.splitlines())}
    return out


def bench_archive(
    label: str,
    paths: list[Path],
    work: Path,
    names: tuple[str, ...],
    queries: tuple[str, ...],
    known: Json,
    runs: int,
    cold_only: bool = False,
) -> Json:
    """Every measurement of one archive; `cold_only`: the cold build (time, memory, sizes) and
    rg/grep beside it, without the app and search probes (for the largest sizes)."""
    print(f"\n== {label}: {' '.join(map(str, paths))} (load {loadavg()}) ==", flush=True)
    work.mkdir(parents=True, exist_ok=True)
    res: Json = {
        "label": label,
        "paths": [str(p) for p in paths],
        "loadavg_start": loadavg(),
        "archive_bytes": sum(du_bytes(p) for p in paths),
    }
    cold, data = cold_build(paths, work, 1)
    res["cold_build"] = cold
    print(f"cold build: {report.cold_line(cold)}", flush=True)
    res["cache_bytes"] = cold.get("cache_bytes", du_bytes(data))
    res["index_text_bytes"] = indexed_text_bytes(data)
    if cold_only:
        skipped = {"na": "--cold-only"}
        res.update(warm_open=skipped, engine_search=skipped, app_search=skipped, cli_search=skipped,
                   cli_search_served=skipped)
        res["baselines"] = baselines(paths, queries, None, 1)
        res["loadavg_end"] = loadavg()
        shutil.rmtree(data, ignore_errors=True)
        return res
    res["warm_open"] = (
        probes.warm_open(paths, data, runs) if NEWSTUI.exists() else {"na": "no newstui entry point"}
    )
    print(f"warm open: {res['warm_open']}", flush=True)
    engine, lines = probes.engine_search(paths, data, names, queries, known)
    res["engine_search"] = engine
    lines_file = work / "articles.txt"
    lines_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res["plain_text_bytes"] = sum(len(line.encode("utf-8")) for line in lines)
    res["cache_bytes"] = du_bytes(data)
    print(f"engine: {report.triple(engine)} (p50/p95/max ms)", flush=True)
    res["app_search"] = probes.app_search(paths, data, names)
    print(f"app keystrokes: {report.triple(res['app_search'])} (p50/p95/max ms)", flush=True)
    res["cli_search"] = cli_search(paths, data, queries, runs)
    res["cli_search_served"] = cli_search_served(paths, data, queries, runs)
    res["baselines"] = baselines(paths, queries, lines_file, runs)
    print(
        f"newstui search median {report.fmt(res['cli_search'].get('seconds'))} s; served "
        f"{report.fmt(res['cli_search_served'].get('seconds'), '', 3)} s; rg "
        f"{report.fmt(res['baselines'].get('rg', {}).get('median_s'), '', 3)} s",
        flush=True,
    )
    res["loadavg_end"] = loadavg()
    shutil.rmtree(work / "data-cold", ignore_errors=True)
    return res


def machine() -> Json:
    cpu = ""
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    version = {
        t: (subprocess.run([t, "--version"], capture_output=True, text=True).stdout.splitlines() or [""])[0]
        if shutil.which(t)
        else "absent"
        for t in ("rg", "grep", "fzf")
    }
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        **version,
        "loadavg_at_start": loadavg(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--real", type=Path, default=default_real(), help="a real archive folder (default: %(default)s)"
    )
    ap.add_argument("--real-only", action="store_true", help="only the real archive (no generated sizes)")
    ap.add_argument("--no-real", action="store_true", help="only generated sizes")
    ap.add_argument(
        "--combined",
        type=int,
        default=16000,
        help="also the real archive plus a generated archive of this size (~30k articles); 0: skip",
    )
    ap.add_argument("--sizes", default="1000,10000", help="generated sizes (growth); 100000 takes ~20 min")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--quick", action="store_true", help="one run of everything (no medians)")
    ap.add_argument("--cold-only", default="", metavar="SIZES",
                    help="generated sizes measured by their cold build (time, memory, size) and rg only")
    ap.add_argument("--names", help=argparse.SUPPRESS)  # internal: the names the pilot types (JSON)
    ap.add_argument(
        "--pilot", type=Path, nargs="+", help=argparse.SUPPRESS
    )  # internal: the in-app measurement
    args = ap.parse_args(argv)
    if args.pilot:
        names = tuple(json.loads(args.names)) if args.names else NAMES
        try:
            print(json.dumps(asyncio.run(probes.run_pilot(args.pilot, names))))
        except Exception as exc:  # report, never crash the whole benchmark
            print(json.dumps({"na": f"{type(exc).__name__}: {exc}"}))
        return 0
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    runs = 1 if args.quick else 3
    info = machine()
    print(f"machine: {info}")
    results: list[Json] = []
    real = args.real.resolve()
    if not args.no_real:
        if real.is_dir():
            results.append(
                bench_archive(
                    f"real mirror ({real.name})",
                    [real],
                    out / "work-real",
                    REAL_NAMES,
                    REAL_QUERIES,
                    {},
                    runs,
                )
            )
        else:
            print(f"\nreal archive {real} not found: skipped (give one with --real DIR)")
    sizes = [] if args.real_only else [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    cold_only = {int(s.replace("_", "")) for s in args.cold_only.split(",") if s.strip()}
    sizes += [n for n in sorted(cold_only) if n not in sizes and not args.real_only]
    if real.is_dir() and not args.no_real and not args.real_only and args.combined:
        extra, _ = ensure_archive(args.combined, out, args.seed)
        results.append(
            bench_archive(
                f"real + generated {args.combined:,}",
                [real, extra],
                out / f"work-real+{args.combined}",
                REAL_NAMES,
                REAL_QUERIES,
                {},
                runs,
            )
        )
    for n in sizes:
        t0 = time.perf_counter()
        archive, manifest = ensure_archive(n, out, args.seed)
        how = "reused" if manifest["reused"] else f"generated in {time.perf_counter() - t0:.1f} s"
        print(f"\narchive-{n}: {how}")
        known = {k: manifest.get("known", {}).get(k) for k in (generate.MARKER_EN, generate.AGREEMENT_EN)}
        results.append(
            bench_archive(
                f"generated {n:,}",
                [archive],
                out / f"work-{n}",
                NAMES,
                QUERIES,
                known,
                1 if n > 10000 else runs,
                cold_only=n in cold_only,
            )
        )
    text = report.report(results, info)
    print("\n" + text)
    (out / "results.json").write_text(
        json.dumps({"machine": info, "results": results}, ensure_ascii=False, indent=1, default=str),
        encoding="utf-8",
    )
    (out / "results.md").write_text(text + "\n", encoding="utf-8")
    print(f"\nwrote {out / 'results.json'} and {out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
