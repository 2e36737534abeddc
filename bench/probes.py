"""Probes of an archive already built: the app in a pty (warm open), the search engine in this
process (keystroke by keystroke), and the app under Pilot in a fresh process (keystroke latency)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from measure import NEWSTUI, Json, _tree_rss_kb, env_with, median, percentile, run_process

READY = re.compile(r"(\d+) articles · (\d+) sources")


SEARCHED = "kishida"  # typed at the first screen; the status line's count of results is the answer
ANSWERED = re.compile(r"\b\d[\d,]* (?:of \d[\d,]* )?results?\b")


def warm_open(paths: list[Path], data: Path, runs: int) -> Json:
    """Spawn `newstui PATH...` in a pty (120x40) and watch the screen with pyte until the archive is
    shown; then type `/kishida` at once, as a reader would, and time until the status line counts
    its results (the search answers: the index is open)."""
    try:
        import pexpect
        import pyte
    except ImportError as exc:
        return {"na": f"needs pexpect and pyte ({exc})"}
    first_frame: list[float] = []
    ready: list[float] = []
    answered: list[float] = []
    memory: list[float] = []
    error = ""
    for _ in range(runs):
        screen = pyte.Screen(120, 40)
        stream = pyte.ByteStream(screen)
        env = {**env_with(data), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        t0 = time.perf_counter()
        child = pexpect.spawn(str(NEWSTUI), [str(p) for p in paths], env=env, dimensions=(40, 120))
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
            if t_ready is None and READY.search(text):
                t_ready = now - t0
                child.send("/" + SEARCHED)
            if t_ready is not None and ANSWERED.search(text):
                answered.append(now - t0)
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
            error = error or (
                "timed out waiting for 'N articles · S sources' on screen; last screen: "
                + " ".join(text.split())[-300:]
            )
            break
        first_frame.append(t_first if t_first is not None else t_ready)
        ready.append(t_ready)
        memory.append(peak / 1024)
    if not ready:
        return {"na": error}
    return {
        "how": "pty 120x40 + pyte: spawn -> status line shows 'N articles · S sources' (tree filled);"
               " then `/kishida` -> the status line counts its results; RSS once it has",
        "first_frame_s": median(first_frame),
        "seconds": median(ready),
        "runs": [round(t, 3) for t in ready],
        "search_answers_s": median(answered) if len(answered) == len(ready) else None,
        "search_runs": [round(t, 3) for t in answered],
        "rss_after_open_mb": max(memory),
    }


def engine_search(
    paths: list[Path], data: Path, names: tuple[str, ...], queries: tuple[str, ...], known: Json
) -> tuple[Json, list[str]]:
    """In this process: load from the warm cache, open the persisted SearchIndex (or build one where
    the loader has no `search_index`), time each typed prefix."""
    os.environ["NEWSTUI_DATA_DIR"] = str(data)
    from tui.archive.search import opening

    t0 = time.perf_counter()
    result = opening.load(paths, data_dir=data)
    archive_obj = result.archive
    t_load = time.perf_counter() - t0
    # One line of plain text per article, for fzf (and the "plain text size" the cache is compared to).
    lines: list[str] = []
    for meta in archive_obj.articles:
        art = archive_obj.get(meta.id)
        lines.append(f"{art.title} {art.text()}".replace("\n", " ").replace("\r", " "))
    expected = known
    base: Json = {
        "articles": len(archive_obj),
        "rejected": len(archive_obj.rejections),
        "warm_load_in_process_s": t_load,
        "known_hits_expected": expected,
    }
    try:
        t0 = time.perf_counter()
        index = opening.search_index(result)
        how = "persisted index opened" if not result.notices else "; ".join(result.notices)
        t_index = time.perf_counter() - t0
        t0 = time.perf_counter()
        index.warm()  # as the app does in its loading worker: pinyin tables, folded titles
        t_warm = time.perf_counter() - t0
        index.check()  # ... and once the index is shown: its texts checked, not at the keystrokes
        per_name: dict[str, Json] = {}
        everything: list[float] = []
        for name in names:
            times: list[float] = []
            for i in range(1, len(name) + 1):
                prefix = name[:i]
                t = time.perf_counter()
                index.search(prefix, limit=50)
                times.append((time.perf_counter() - t) * 1000)
            everything += times
            per_name[name] = {"p50_ms": percentile(times, 0.5), "max_ms": max(times)}
        for q in (*names, *queries):
            per_name.setdefault(q, {})["hits"] = len(index.search(q, limit=10**6))
    except Exception as exc:  # the engine is someone else's work in progress: report, go on
        return {**base, "na": f"search engine failed: {type(exc).__name__}: {exc}", "per_name": {}}, lines
    return {
        **base,
        "index_build_s": t_index,
        "index_warm_s": t_warm,
        "index_how": how,
        "keystrokes": len(everything),
        "p50_ms": percentile(everything, 0.5),
        "p95_ms": percentile(everything, 0.95),
        "max_ms": max(everything),
        "per_name": per_name,
    }, lines


def app_search(paths: list[Path], data: Path, names: tuple[str, ...]) -> Json:
    """Pilot in a fresh process: wait for the archive, then type each name one key at a time."""
    run = Path(__file__).resolve().parent / "run.py"
    r = run_process(
        [sys.executable, str(run), "--names", json.dumps(names), "--pilot", *map(str, paths)], env_with(data)
    )
    try:
        return json.loads(r.stdout.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"na": "pilot run failed: " + r.stderr.decode("utf-8", "replace").strip()[-400:]}


async def run_pilot(paths: list[Path], names: tuple[str, ...]) -> Json:
    from textual.worker import WorkerState

    from tui.app.app import NewsApp

    app = NewsApp(list(paths))
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
        results = screen.nav.results
        original = results.show_results
        answered: dict[str, float] = {}  # when show_results() got the answer (rows built, not drawn)

        def record(query: str, hits: list[Any], *rest: Any) -> None:  # (total,) elapsed: any version
            original(query, hits, *rest)
            if getattr(results, "query_text", query) != query:
                return  # a stale answer the app skipped: nothing new on screen
            answered.setdefault(query, time.perf_counter())
            # On screen: the first screen refresh after the rows changed (layout and paint included).
            results.call_after_refresh(painted, query)

        def painted(query: str) -> None:
            shown.setdefault(query, time.perf_counter())
            arrived.set()

        arrived = asyncio.Event()

        results.show_results = record  # type: ignore[method-assign]
        await pilot.pause(0.2)
        latencies: list[float] = []
        to_answer: list[float] = []
        timeouts = 0
        for name in names:
            screen.nav.search.focus()
            screen.nav.search.value = ""
            await pilot.pause(0.1)
            for i, ch in enumerate(name):
                query = name[: i + 1].strip()
                if query == name[:i].strip():  # a space: the same query, nothing new to show
                    screen.nav.search.insert_text_at_cursor(ch)
                    await pilot.pause(0.01)
                    continue
                shown.pop(query, None)
                answered.pop(query, None)
                t = time.perf_counter()
                if ch.isascii() and ch.isalnum():
                    await pilot.press(ch)
                else:  # "+", " " and Chinese: no key name to press; type into the box as the IME would
                    screen.nav.search.insert_text_at_cursor(ch)
                # Wait without polling: a polling loop (pilot.pause) ran the UI thread all the time,
                # forcing screen refreshes and taking the interpreter lock from the search thread.
                while query not in shown and (left := t + 10 - time.perf_counter()) > 0:
                    arrived.clear()
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(arrived.wait(), left)
                if query in shown:
                    latencies.append((shown[query] - t) * 1000)
                    to_answer.append((answered[query] - t) * 1000)
                else:
                    timeouts += 1
                    if timeouts >= 3:
                        return {"na": f"no results shown within 10 s for {timeouts} keystrokes"}
        return {
            "how": "Pilot (run_test 120x40): key press -> the first screen refresh after show_results() "
            "took that prefix's answer (rows on screen), incl. any debounce the app has",
            "keystrokes": len(latencies),
            "timeouts": timeouts,
            "p50_ms": percentile(latencies, 0.5),
            "p95_ms": percentile(latencies, 0.95),
            "max_ms": max(latencies) if latencies else float("nan"),
            "to_show_results_ms": [percentile(to_answer, 0.5), percentile(to_answer, 0.95),
                                   max(to_answer) if to_answer else float("nan")],
        }
