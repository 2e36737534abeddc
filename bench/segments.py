"""The index updated in place (tui/archive/store/segments.py): 20 files arrive in a built archive.

    nice python bench/segments.py [--real DIR] [--trials 3] [--work /tmp/segbench] [--reuse]

Copies the archive (../shared/real by default; never written to) into --work, holding 20 files
back, and builds it (one `newstui search`). Then, per trial, the 20 files are put back and timed:
- `newstui search` (one process) until its hits hold a new article: the first run parses the 20
  files, writes the delta and answers; the second answers from base + delta (quick.py);
- the running app (NewsApp under Pilot, following its folders) until it shows all 20;
then the files are taken out again (the next load drops the delta). Last, a merge (a new base from
the cached bodies, what every change cost before segments) and a cold build for comparison.
Wall and CPU seconds (this process and its children), the load average beside them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), _cpu()
    out = fn()
    return out, round(time.perf_counter() - wall, 2), round(_cpu() - cpu, 2)


def _search(root: Path, query: str) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tui.cli", "search", query, str(root), "--json", "--limit", "50"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    return json.loads(done.stdout or "[]")


def _move(pairs: list[tuple[Path, Path]]) -> None:
    for src, dst in pairs:
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(src, dst)


async def _app_sees(root: Path, new: list[Path]) -> tuple[float, float]:
    """(seconds until the app shows all `new` files, until its index finds the first of them)."""
    from tui.app.app import NewsApp

    app = NewsApp([root])
    async with app.run_test(size=(120, 40)) as pilot:
        while app.index is None or app.archive is None:
            await pilot.pause(0.05)
        await pilot.pause(1.0)  # the follower is watching
        before = len(app.archive)
        _move([(held, place) for place, held in new_pairs(new)])
        start = time.perf_counter()
        shown = found = 0.0
        while time.perf_counter() - start < 60:
            if not shown and len(app.archive) >= before + len(new):
                shown = time.perf_counter() - start
            if shown and app.index is not None:
                paths = {h.path for h in app.index.search(_TITLE[0], limit=20)}
                if str(new[0]) in paths:
                    found = time.perf_counter() - start
                    break
            await pilot.pause(0.02)
        return round(shown, 2), round(found, 2)


_TITLE: list[str] = []
_HELD: Path = Path()


def new_pairs(new: list[Path]) -> list[tuple[Path, Path]]:
    return [(place, _HELD / f"{k}{place.suffix}") for k, place in enumerate(new)]


def main() -> None:
    global _HELD
    parser = argparse.ArgumentParser()
    parser.add_argument("--real", type=Path, default=None, help="default: ../shared/real (bench/run.py)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/segbench"))
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="the copy and data of the last run")
    args = parser.parse_args()
    work = args.work
    if args.real is None:
        sys.path.insert(0, str(ROOT / "bench"))
        from run import default_real

        args.real = default_real()
    root, _HELD = work / "real", work / "held"
    os.environ["NEWSTUI_DATA_DIR"] = str(work / "data")
    reuse = args.reuse and (work / "data").is_dir() and root.is_dir()
    if not reuse:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(args.real, root)
    _HELD.mkdir(exist_ok=True)
    files = sorted(p for p in root.rglob("*.md") if p.is_file())
    new = files[len(files) // 40::len(files) // 20][:20]
    _move(new_pairs(new))
    report: dict[str, object] = {"files": len(files), "new": len(new), "load_before": os.getloadavg()[0]}

    from tui.archive.search import opening
    from tui.archive.store import workers

    if reuse:  # the base of the last run, without the 20 files
        _, report["merge without the 20 (s, cpu)"], _ = _timed(
            lambda: opening.search_index(opening.load([root], merge=True)))
    else:
        _, report["cold build (newstui search)"], report["cold build cpu"] = _timed(
            lambda: _search(root, "美国"))

    _TITLE[:] = [f'"{workers.parse_one(str(_HELD / f"0{new[0].suffix}")).article.title}"']
    for trial in range(args.trials):
        _move([(held, place) for place, held in new_pairs(new)])
        hits, wall, cpu = _timed(lambda: _search(root, _TITLE[0]))
        assert str(new[0]) in {h["path"] for h in hits}, "the new article was not found"
        report[f"trial {trial}: newstui search, 20 new (delta written)"] = (wall, cpu)
        hits, wall, cpu = _timed(lambda: _search(root, _TITLE[0]))
        assert str(new[0]) in {h["path"] for h in hits}
        report[f"trial {trial}: newstui search again (base + delta, quick)"] = (wall, cpu)
        _move(new_pairs(new))
        opening.load([root])
        shown, found = asyncio.run(_app_sees(root, new))
        report[f"trial {trial}: app shows the 20 / finds one (s)"] = (shown, found)
        _move(new_pairs(new))
        opening.load([root])
    _move([(held, place) for place, held in new_pairs(new)])
    opening.load([root], merge=False)
    _, wall, cpu = _timed(lambda: opening.search_index(opening.load([root], merge=True)))
    report["merge (new base from cached bodies)"] = (wall, cpu)
    report["load_after"] = os.getloadavg()[0]
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
