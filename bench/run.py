"""The newstui benchmark: one command, every figure of issue 5, for each archive size.

    python bench/run.py [--sizes 1000,10000,100000] [--out bench/out] [--seed 0] [--quick]

For each N it generates (or reuses) `OUT/archive-N` with bench/generate.py and measures what is
there when it runs; a piece that does not exist yet is reported as n/a with the reason.
Results: a table on stdout and `OUT/results.json`. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)

#: Typed one key at a time, in the engine and in the app.
NAMES = ("kishida", "blinken", "aukus", "2+2", "岸田", "Quillfeather", "Quilfeather")
BASELINE_QUERIES = ("kishida", "Blinken", "AUKUS", "2+2", "岸田", "Quillfeather", "Quilfeather",
                    generate.AGREEMENT_ZH)
NEWSTUI = Path(sys.executable).parent / "newstui"
READY = re.compile(r"(\d+) articles · (\d+) sources")
Json = dict[str, Any]


# --- measuring processes ------------------------------------------------------------------------


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants (workers included), from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


@dataclass
class Run:
    seconds: float
    returncode: int
    stdout: bytes
    stderr: bytes
    maxrss_mb: float  # largest single process (wait4)
    tree_peak_mb: float  # sampled sum over the process tree (main + worker processes)


def run_process(cmd: Sequence[str], env: dict[str, str] | None = None, stdin: Path | None = None,
                sample: bool = False) -> Run:
    """Run cmd, timing it from spawn to exit; memory from wait4 and (optionally) a /proc sampler."""
    peak = [0]
    done = threading.Event()
    with contextlib.ExitStack() as stack:
        out_f = stack.enter_context(tempfile.TemporaryFile())
        err_f = stack.enter_context(tempfile.TemporaryFile())
        stdin_f = stack.enter_context(open(stdin, "rb")) if stdin else subprocess.DEVNULL
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, stdin=stdin_f, env=env)

        def sampler() -> None:
            while not done.wait(0.05):
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))

        thread = threading.Thread(target=sampler, daemon=True) if sample else None
        if thread:
            thread.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        done.set()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if thread:
            thread.join()
        out_f.seek(0)
        err_f.seek(0)
        stdout, stderr = out_f.read(), err_f.read()
    return Run(seconds, proc.returncode, stdout, stderr, usage.ru_maxrss / 1024, peak[0] / 1024)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def repeat(fn: Callable[[], float], cheap_below: float = 1.0, runs: int = 3) -> list[float]:
    """Run fn once; again (to `runs`) only while it stays cheap."""
    times = [fn()]
    while len(times) < runs and times[0] < cheap_below:
        times.append(fn())
    return times


def measure(cmd: Sequence[str], env: dict[str, str] | None = None, stdin: Path | None = None
            ) -> tuple[list[float], Run]:
    """Times of `cmd` (medians of up to 3 when cheap) and its last run."""
    runs: list[Run] = []

    def once() -> float:
        runs.append(run_process(cmd, env, stdin))
        return runs[-1].seconds

    times = repeat(once)
    return times, runs[-1]


def env_with(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "NEWSTUI_DATA_DIR": str(data_dir), "PYTHONDONTWRITEBYTECODE": "1"}


def du_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def has_command(sub: str) -> bool:
    if not NEWSTUI.exists():
        return False
    r = subprocess.run([str(NEWSTUI), sub, "--help"], capture_output=True)
    return r.returncode == 0 and sub in r.stdout.decode("utf-8", "replace")


# --- the pieces ---------------------------------------------------------------------------------


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


def cold_build(archive: Path, work: Path, runs: int) -> tuple[Json, Path]:
    """`newstui check PATH` with an empty data dir: scan + parse + index + cache write."""
    results: list[Run] = []
    data = work / "data-cold"
    for _ in range(runs):
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        if NEWSTUI.exists():
            cmd = [str(NEWSTUI), "check", str(archive)]
            how = "newstui check PATH"
        else:
            cmd = [sys.executable, "-c", "import sys; from tui.archive.search.opening import load_archive; "
                   "load_archive([sys.argv[1]])", str(archive)]
            how = "python -c load_archive(PATH)"
        results.append(run_process(cmd, env_with(data), sample=True))
    last = results[-1]
    ok = last.returncode in (0, 1)  # check exits 1 when any file was rejected
    rejected = sum(1 for line in last.stdout.decode("utf-8", "replace").splitlines() if line.strip())
    return {
        "how": how,
        "ok": ok,
        "error": "" if ok else last.stderr.decode("utf-8", "replace")[-400:],
        "seconds": median([r.seconds for r in results]),
        "runs": [round(r.seconds, 3) for r in results],
        "peak_tree_mb": max(r.tree_peak_mb for r in results),
        "maxrss_mb": max(r.maxrss_mb for r in results),
        "check_output_lines": rejected,
        "cache_bytes": du_bytes(data),
    }, data


def warm_open(archive: Path, data: Path, runs: int) -> Json:
    """Spawn `newstui PATH` in a pty (120x40) and watch the screen with pyte until the archive is shown."""
    try:
        import pexpect
        import pyte
    except ImportError as exc:
        return {"na": f"needs pexpect and pyte ({exc})"}
    first_frame: list[float] = []
    ready: list[float] = []
    memory: list[float] = []
    error = ""
    for _ in range(runs):
        screen = pyte.Screen(120, 40)
        stream = pyte.ByteStream(screen)
        env = {**env_with(data), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        t0 = time.perf_counter()
        child = pexpect.spawn(str(NEWSTUI), [str(archive)], env=env, dimensions=(40, 120))
        t_first = t_ready = None
        peak = 0
        deadline = t0 + 90
        text = ""
        while time.perf_counter() < deadline:
            try:
                stream.feed(child.read_nonblocking(65536, timeout=0.02))
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                error = "the app exited before showing the archive"
                break
            text = "\n".join(screen.display)
            now = time.perf_counter()
            if t_first is None and "newstui" in text:
                t_first = now - t0
            if READY.search(text):
                t_ready = now - t0
                break
            if "Could not load" in text:
                error = "the app reported: " + " ".join(text.split())[-300:]
                break
        peak = _tree_rss_kb(child.pid)
        child.sendcontrol("q")
        with contextlib.suppress(pexpect.TIMEOUT, pexpect.EOF):
            child.expect(pexpect.EOF, timeout=5)
        child.close(force=True)
        if t_ready is None:
            error = error or ("timed out waiting for 'N articles · S sources' on screen; last screen: "
                              + " ".join(text.split())[-300:])
            break
        first_frame.append(t_first if t_first is not None else t_ready)
        ready.append(t_ready)
        memory.append(peak / 1024)
    if not ready:
        return {"na": error}
    return {
        "how": "pty 120x40 + pyte: spawn -> status line shows 'N articles · S sources' (tree filled)",
        "first_frame_s": median(first_frame),
        "seconds": median(ready),
        "runs": [round(t, 3) for t in ready],
        "rss_after_open_mb": max(memory),
    }


def engine_search(archive: Path, data: Path, manifest: Json) -> tuple[Json, list[str]]:
    """In this process: load from the warm cache, open the persisted SearchIndex (or build one where
    the loader has no `search_index`), time each typed prefix."""
    os.environ["NEWSTUI_DATA_DIR"] = str(data)
    from tui.archive.search import opening
    from tui.archive.search.opening import build_index
    from tui.archive.store import loader

    t0 = time.perf_counter()
    result = opening.load([archive], data_dir=data)
    archive_obj = result.archive
    t_load = time.perf_counter() - t0
    # One line of plain text per article, for fzf (and the "plain text size" the cache is compared to).
    lines: list[str] = []
    for meta in archive_obj.articles:
        art = archive_obj.get(meta.id)
        lines.append(f"{art.title} {art.text()}".replace("\n", " ").replace("\r", " "))
    expected = {k: manifest.get("known", {}).get(k) for k in (generate.MARKER_EN, generate.AGREEMENT_EN)}
    base: Json = {
        "articles": len(archive_obj),
        "rejected": len(archive_obj.rejections),
        "warm_load_in_process_s": t_load,
        "known_hits_expected": expected,
    }
    try:
        t0 = time.perf_counter()
        if hasattr(loader, "search_index"):
            index = opening.search_index(result)
            how = "persisted index opened" if not result.notices else "; ".join(result.notices)
        else:
            index = build_index(archive_obj)
            how = "SearchIndex.build in-process"
        t_index = time.perf_counter() - t0
        per_name: dict[str, Json] = {}
        everything: list[float] = []
        for name in NAMES:
            times: list[float] = []
            for i in range(1, len(name) + 1):
                prefix = name[:i]
                t = time.perf_counter()
                index.search(prefix, limit=50)
                times.append((time.perf_counter() - t) * 1000)
            everything += times
            per_name[name] = {"p50_ms": percentile(times, 0.5), "max_ms": max(times)}
        for q in (*NAMES, *BASELINE_QUERIES):
            per_name.setdefault(q, {})["hits"] = len(index.search(q, limit=10**6))
    except Exception as exc:  # the engine is someone else's work in progress: report, go on
        return {**base, "na": f"search engine failed: {type(exc).__name__}: {exc}", "per_name": {}}, lines
    return {
        **base,
        "index_build_s": t_index,
        "index_how": how,
        "keystrokes": len(everything),
        "p50_ms": percentile(everything, 0.5),
        "p95_ms": percentile(everything, 0.95),
        "max_ms": max(everything),
        "per_name": per_name,
    }, lines


def app_search(archive: Path, data: Path) -> Json:
    """Pilot in a fresh process: wait for the archive, then type each name one key at a time."""
    r = run_process([sys.executable, str(Path(__file__).resolve()), "--pilot", str(archive)], env_with(data))
    try:
        return json.loads(r.stdout.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"na": "pilot run failed: " + r.stderr.decode("utf-8", "replace").strip()[-400:]}


async def _pilot(archive: Path) -> Json:
    from textual.worker import WorkerState

    from tui.app.app import NewsApp

    app = NewsApp([archive])
    shown: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        t0 = time.perf_counter()
        while app.index is None and time.perf_counter() - t0 < 300:
            failed = [w for w in app.workers if w.group == "load" and w.state == WorkerState.ERROR]
            if failed:
                return {"na": f"the app could not load the archive: {failed[0].error!r}"[:300]}
            await pilot.pause(0.02)
        if app.index is None:
            return {"na": "the archive was not loaded within 300 s"}
        screen = app.main
        original = screen.results.show_results

        def record(query: str, hits: list[Any], *rest: Any) -> None:  # (total,) elapsed: any version
            original(query, hits, *rest)
            shown.setdefault(query, time.perf_counter())

        screen.results.show_results = record  # type: ignore[method-assign]
        await pilot.pause(0.2)
        latencies: list[float] = []
        timeouts = 0
        for name in NAMES:
            screen.search.focus()
            screen.search.value = ""
            await pilot.pause(0.1)
            for i, ch in enumerate(name):
                query = name[: i + 1].strip()
                shown.pop(query, None)
                t = time.perf_counter()
                if ch.isascii() and ch.isalnum():
                    await pilot.press(ch)
                else:  # "+", " " and Chinese: no key name to press; type into the box as the IME would
                    screen.search.insert_text_at_cursor(ch)
                while query not in shown and time.perf_counter() - t < 10:
                    await pilot.pause(0.001)
                if query in shown:
                    latencies.append((shown[query] - t) * 1000)
                else:
                    timeouts += 1
                    if timeouts >= 3:
                        return {"na": f"no results shown within 10 s for {timeouts} keystrokes"}
        return {
            "how": "Pilot (run_test 120x40): key press -> show_results() for that prefix, "
                   "incl. any debounce the app has (none since the persisted index)",
            "keystrokes": len(latencies),
            "timeouts": timeouts,
            "p50_ms": percentile(latencies, 0.5),
            "p95_ms": percentile(latencies, 0.95),
            "max_ms": max(latencies) if latencies else float("nan"),
        }


def cli_search(archive: Path, data: Path) -> Json:
    if not has_command("search"):
        return {"na": "`newstui search` does not exist yet"}
    per: dict[str, Json] = {}
    for q in BASELINE_QUERIES:
        times, last = measure([str(NEWSTUI), "search", q, str(archive), "--json"], env_with(data))
        try:
            hits = len(json.loads(last.stdout or b"[]"))
        except ValueError:
            hits = -1
        per[q] = {"seconds": median(times), "hits_default_limit": hits, "maxrss_mb": last.maxrss_mb,
                  "ok": last.returncode == 0}
    return {"per_query": per, "seconds": median([v["seconds"] for v in per.values()]),
            "maxrss_mb": max(v["maxrss_mb"] for v in per.values())}


def baselines(archive: Path, lines_file: Path) -> Json:
    out: Json = {"grep": {}, "fzf": {}}
    for q in BASELINE_QUERIES:
        times, last = measure(["grep", "-rlF", "--", q, str(archive)])
        out["grep"][q] = {"seconds": median(times), "hits": len(last.stdout.splitlines())}
    if shutil.which("fzf") is None:
        out["fzf"] = {"na": "fzf not installed (apt-get install fzf)"}
        return out
    for q in BASELINE_QUERIES:
        times, last = measure(["fzf", "--filter", q], stdin=lines_file)
        out["fzf"][q] = {"seconds": median(times), "hits": len(last.stdout.splitlines())}
    return out


# --- the whole run ------------------------------------------------------------------------------


@dataclass
class Result:
    n: int
    figures: Json = field(default_factory=dict)


def bench_size(n: int, out: Path, seed: int, quick: bool) -> Json:
    print(f"\n== N = {n:,} ==", flush=True)
    t0 = time.perf_counter()
    archive, manifest = ensure_archive(n, out, seed)
    how = "reused" if manifest["reused"] else f"generated in {time.perf_counter() - t0:.1f} s"
    print(f"archive: {archive} ({manifest['bytes'] / 1e6:.0f} MB, {how})", flush=True)
    work = out / f"work-{n}"
    work.mkdir(parents=True, exist_ok=True)
    runs = 1 if quick or n > 1000 else 3
    res: Json = {"n": n, "archive_bytes": manifest["bytes"], "generator_seconds": manifest["seconds"]}

    cold, data = cold_build(archive, work, runs)
    res["cold_build"] = cold
    print(f"cold build: {cold['seconds']:.2f} s (ok={cold['ok']})", flush=True)
    res["warm_open"] = warm_open(archive, data, 1 if quick else 3) if NEWSTUI.exists() else {
        "na": "no newstui entry point"}
    print(f"warm open: {res['warm_open']}", flush=True)
    engine, lines = engine_search(archive, data, manifest)
    res["engine_search"] = engine
    lines_file = work / "articles.txt"
    lines_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plain = sum(len(line.encode("utf-8")) for line in lines)
    res["plain_text_bytes"] = plain
    res["cache_bytes"] = du_bytes(data)
    res["cache_over_plain_text"] = res["cache_bytes"] / plain if plain else float("nan")
    print(f"engine: {triple(engine)} (p50/p95/max ms)", flush=True)
    res["app_search"] = app_search(archive, data)
    print(f"app search: {res['app_search']}", flush=True)
    res["cli_search"] = cli_search(archive, data)
    res["baselines"] = baselines(archive, lines_file)
    return res


def machine() -> Json:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    fzf = subprocess.run(["fzf", "--version"], capture_output=True, text=True).stdout.strip() if shutil.which(
        "fzf") else "absent"
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "platform": platform.platform(), "fzf": fzf,
            "loadavg_at_start": os.getloadavg()}


# --- the report ---------------------------------------------------------------------------------


def fmt(value: Any, unit: str = "", digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}{unit}"
    return f"{value}{unit}"


def na(section: Json, key: str, unit: str = "", digits: int = 2) -> str:
    return f"n/a ({section['na']})" if "na" in section else fmt(section.get(key), unit, digits)


def triple(section: Json) -> str:
    if "na" in section:
        return f"n/a ({section['na'][:80]})"
    return "/".join(fmt(section.get(k), "", 1) for k in ("p50_ms", "p95_ms", "max_ms"))


def report(results: list[Json]) -> str:
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, f: Callable[[Json], str]) -> None:
        rows.append((label, [f(r) for r in results]))

    row("archive (MB raw files)", lambda r: fmt(r["archive_bytes"] / 1e6, "", 0))
    row("articles / rejected", lambda r: "{articles} / {rejected}".format(**r["engine_search"]))
    row("cold build (s)", lambda r: fmt(r["cold_build"]["seconds"]))
    row("  peak RSS, all processes (MB)", lambda r: fmt(r["cold_build"]["peak_tree_mb"], "", 0))
    row("  peak RSS, largest process (MB)", lambda r: fmt(r["cold_build"]["maxrss_mb"], "", 0))
    row("warm open to archive on screen (s)", lambda r: na(r["warm_open"], "seconds"))
    row("  first frame (s)", lambda r: na(r["warm_open"], "first_frame_s"))
    row("  RSS once open (MB)", lambda r: na(r["warm_open"], "rss_after_open_mb", "", 0))
    row("engine: load from cache in-process (s)", lambda r: fmt(r["engine_search"]["warm_load_in_process_s"]))
    row("engine: search index ready in-process (s)", lambda r: na(r["engine_search"], "index_build_s", "", 3))
    row("engine keystroke p50/p95/max (ms)", lambda r: triple(r["engine_search"]))
    row("app keystroke p50/p95/max (ms)", lambda r: triple(r["app_search"]))
    row("newstui search, whole process (s)", lambda r: na(r["cli_search"], "seconds"))
    row("cache on disk (MB)", lambda r: fmt(r["cache_bytes"] / 1e6, "", 1))
    row("plain text (MB) / cache ratio", lambda r: f"{r['plain_text_bytes'] / 1e6:.1f} / "
        f"{fmt(r['cache_over_plain_text'])}x")
    lines = ["| figure | " + " | ".join(f"N={r['n']:,}" for r in results) + " |",
             "|---|" + "---|" * len(results)]
    lines += [f"| {label} | " + " | ".join(vals) + " |" for label, vals in rows]

    lines.append("")
    lines.append("Per query (engine hits | newstui search s | grep -rlF s, hits | fzf --filter s, hits):")
    for r in results:
        lines.append(f"\nN={r['n']:,}")
        lines.append("| query | engine hits | newstui search (s) | grep (s) | grep hits | fzf (s) "
                     "| fzf hits |")
        lines.append("|---|---|---|---|---|---|---|")
        eng = {k.lower(): v for k, v in r["engine_search"]["per_name"].items()}
        cli = r["cli_search"].get("per_query", {})
        g, z = r["baselines"]["grep"], r["baselines"]["fzf"]
        for q in BASELINE_QUERIES:
            e = eng.get(q.lower(), {}).get("hits")
            c = cli.get(q, {}).get("seconds") if cli else None
            zq = z.get(q, {}) if "na" not in z else {}
            lines.append(f"| {q} | {fmt(e)} | {fmt(c)} | {fmt(g[q]['seconds'], '', 3)} | {g[q]['hits']} | "
                         f"{fmt(zq.get('seconds'), '', 3)} | {fmt(zq.get('hits'))} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--quick", action="store_true", help="one run of everything (no medians)")
    ap.add_argument("--pilot", type=Path, help=argparse.SUPPRESS)  # internal: the in-app measurement
    args = ap.parse_args(argv)
    if args.pilot:
        try:
            print(json.dumps(asyncio.run(_pilot(args.pilot))))
        except Exception as exc:  # report, never crash the whole benchmark
            print(json.dumps({"na": f"{type(exc).__name__}: {exc}"}))
        return 0
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    info = machine()
    print(f"machine: {info}")
    results = [bench_size(n, out, args.seed, args.quick) for n in sizes]
    text = report(results)
    print("\n" + text)
    (out / "results.json").write_text(json.dumps({"machine": info, "results": results}, ensure_ascii=False,
                                                 indent=1, default=str), encoding="utf-8")
    (out / "results.md").write_text(text + "\n", encoding="utf-8")
    print(f"\nwrote {out / 'results.json'} and {out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
