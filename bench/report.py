"""The benchmark's tables (Markdown): one column per archive, then one table of queries per archive."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Json = dict[str, Any]

#: Stage rows: (label, where, key); parent stages are wall times, worker stages are summed over workers.
STAGES = (
    ("scan", "parent", "scan"),
    ("parse loop, wall (workers parse while the parent gathers)", "parent", "parse loop (wall)"),
    (
        "  worker: read, decode, shape, HTML -> blocks",
        "workers",
        "worker: read, decode, shape, HTML -> blocks",
    ),
    ("  worker: index features", "workers", "worker: index features"),
    ("  worker: body encode", "workers", "worker: body encode"),
    ("  parent: index postings (builder.add)", "parent", "parent: index postings (builder.add)"),
    ("names", "parent", "names"),
    ("cache write", "parent", "cache write (commit)"),
    ("search index write", "parent", "search index write"),
)


def fmt(value: Any, unit: str = "", digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}{unit}"
    return f"{value}{unit}"


def na(section: Json, key: str, unit: str = "", digits: int = 2) -> str:
    return f"n/a ({section['na'][:80]})" if "na" in section else fmt(section.get(key), unit, digits)


def triple(section: Json) -> str:
    if "na" in section:
        return f"n/a ({section['na'][:80]})"
    return "/".join(fmt(section.get(k), "", 1) for k in ("p50_ms", "p95_ms", "max_ms"))


def cold_line(cold: Json) -> str:
    if "na" in cold:
        return f"n/a ({cold['na'][:200]})"
    files = cold["files"] or 1
    return (
        f"{cold['wall_s']:.1f} s wall = {cold['wall_s'] / files * 1000:.2f} ms/file; CPU "
        f"{cold['cpu_s'] / files * 1000:.2f} ms/file; "
        f"load {cold['loadavg_before']} -> {cold['loadavg_after']}"
    )


def _stage(cold: Json, where: str, key: str) -> str:
    if "na" in cold or key not in cold.get(where, {}):
        return "n/a"
    wall, cpu = cold[where][key]
    files = cold["files"] or 1
    return f"{wall:.2f} s wall · {cpu / files * 1000:.3f} ms CPU/file"


def _median_of(section: Json) -> str:
    return na(section, "median_s", "", 3)


def _tool(baselines: Json, name: str, q: str) -> tuple[str, str]:
    got = baselines.get(name, {}).get(q)
    return ("n/a", "n/a") if not got else (fmt(got["seconds"], "", 3), fmt(got["hits"]))


def report(results: list[Json], machine: Json) -> str:
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, f: Callable[[Json], str]) -> None:
        rows.append((label, [f(r) for r in results]))

    def cold(key: str, unit: str = "", digits: int = 2) -> Callable[[Json], str]:
        return lambda r: na(r["cold_build"], key, unit, digits)

    row("raw files (MB)", lambda r: fmt(r["archive_bytes"] / 1e6, "", 0))
    row(
        "files / articles / rejected",
        lambda r: (
            "n/a"
            if "na" in r["cold_build"]
            else "{files} / {articles} / {rejected}".format(**r["cold_build"])
        ),
    )
    row("load average at start (1/5/15 min)", lambda r: " ".join(map(str, r["loadavg_start"])))
    row("**cold build, wall (s)**", cold("wall_s", "", 1))
    def per_file(key: str) -> Callable[[dict[str, Any]], str]:
        def cell(r: dict[str, Any]) -> str:
            build = r["cold_build"]
            return "n/a" if "na" in build else fmt(build[key] / (build["files"] or 1) * 1000)
        return cell

    row("**cold build, wall per file (ms)**", per_file("wall_s"))
    row("cold build, CPU per file, all processes (ms)", per_file("cpu_s"))
    for label, where, key in STAGES:
        row(label, lambda r, w=where, k=key: _stage(r["cold_build"], w, k))
    row("peak RSS, all processes (MB)", cold("peak_tree_mb", "", 0))
    row("peak PSS, all processes (MB: pages shared after a fork counted once)",
        cold("peak_tree_pss_mb", "", 0))
    row(
        "peak RSS, largest process (MB)",
        lambda r: (
            "n/a"
            if "na" in r["cold_build"]
            else fmt(max(r["cold_build"]["maxrss_parent_mb"], r["cold_build"]["maxrss_worker_mb"]), "", 0)
        ),
    )
    row("cache + index on disk (MB)", lambda r: fmt(r["cache_bytes"] / 1e6, "", 1))
    row("cache + index / the articles' text", _size_ratio)
    row("**cold build, MB of archive per second**", lambda r: (
        "n/a" if "na" in r["cold_build"]
        else fmt(r["archive_bytes"] / 1e6 / r["cold_build"]["wall_s"], "", 1)))
    row("**warm open: first interactive screen (s)**", lambda r: na(r["warm_open"], "seconds"))
    row("  first frame (s)", lambda r: na(r["warm_open"], "first_frame_s"))
    row("**`/kishida` typed at the first screen: its results counted (s)**",
        lambda r: na(r["warm_open"], "search_answers_s"))
    row("  RSS once open (MB)", lambda r: na(r["warm_open"], "rss_after_open_mb", "", 0))
    row(
        "engine: index open / warm, in-process (s)",
        lambda r: (
            "n/a"
            if "na" in r["engine_search"]
            else " / ".join(fmt(r["engine_search"].get(k)) for k in ("index_build_s", "index_warm_s"))
        ),
    )
    row("engine keystroke p50/p95/max (ms)", lambda r: triple(r["engine_search"]))
    row("**app keystroke p50/p95/max (ms)**", lambda r: triple(r["app_search"]))
    row("**newstui search, whole process, median (s)**", lambda r: na(r["cli_search"], "seconds", "", 3))
    row("**newstui search with `newstui serve` running, median (s)**",
        lambda r: na(r.get("cli_search_served", {"na": "not run"}), "seconds", "", 3))
    row("  served: client CPU, median (s) / server start (s)", _served_costs)
    row("  newstui search, largest process (MB)", lambda r: na(r["cli_search"], "maxrss_mb", "", 0))
    row("rg -lF, median (s)", lambda r: _median_of(r["baselines"].get("rg", {"na": "not run"})))
    row("  rg -lF, peak RSS (MB)",
        lambda r: na(r["baselines"].get("rg", {"na": "not run"}), "maxrss_mb", "", 0))
    row("grep -rlF, median (s)", lambda r: _median_of(r["baselines"].get("grep", {"na": "not run"})))
    row("load average at end", lambda r: " ".join(map(str, r["loadavg_end"])))
    lines = [
        f"Machine: {machine.get('nproc')} cores, {machine.get('cpu')}, Python {machine.get('python')}; "
        f"{machine.get('rg')}; load average at start {machine.get('loadavg_at_start')}.",
        "",
        "| figure | " + " | ".join(r["label"] for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    lines += [f"| {label} | " + " | ".join(vals) + " |" for label, vals in rows]
    for r in results:
        lines += [
            "",
            f"Queries on {r['label']} (newstui: whole process, `--limit 20`, warm cache; hits: every "
            "article the engine finds; rg/grep: files holding the exact bytes; fzf: article lines):",
            "",
            "| query | newstui (s) | served (s) | newstui hits | rg (s) | rg files | grep (s) | grep files "
            "| fzf hits |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        eng = r["engine_search"].get("per_name", {})
        cli = r["cli_search"].get("per_query", {})
        served = r.get("cli_search_served", {}).get("per_query", {})
        for q in cli or eng:
            rg, grep, fzf = (_tool(r["baselines"], name, q) for name in ("rg", "grep", "fzf"))
            lines.append(
                f"| {q} | {fmt(cli.get(q, {}).get('seconds'), '', 3)} "
                f"| {fmt(served.get(q, {}).get('seconds'), '', 3)} | {fmt(eng.get(q, {}).get('hits'))} "
                f"| {rg[0]} | {rg[1]} | {grep[0]} | {grep[1]} | {fzf[1]} |"
            )
    return "\n".join(lines)


def _size_ratio(r: Json) -> str:
    """Cache + index bytes over the articles' text (the probe's plain text, else the index's own)."""
    text = r.get("plain_text_bytes") or r.get("index_text_bytes")
    return fmt(r["cache_bytes"] / text, "x") if text else "n/a"


def _served_costs(r: Json) -> str:
    served = r.get("cli_search_served", {"na": "not run"})
    if "na" in served:
        return "n/a"
    return f"{fmt(served['client_cpu_s'], '', 3)} / {fmt(served['server_start_s'])}"
