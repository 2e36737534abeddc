"""The names panel's keystrokes with "named with" on and off, under Pilot, on a real archive.

    python bench/names_panel.py [--rounds 2] [--keys 40] [PATH]

PATH defaults to ../shared/real; NEWSTUI_DATA_DIR says where its cache and index are (built on
first use). Each round opens the app twice, once as shipped and once with the related names never
asked for (the panel as it was), in turn, and in each presses Down through the first names twice:
quickly (a key every 30 ms, as a held key repeats) and resting (300 ms between keys, so each name's
related names are worked out in the background while the next key comes). A keystroke's latency
is key press -> the first screen refresh after the names list's cursor moved. It also times, per
name rested on, how long the related names took to show (worked out the first time), and `w`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(Path(__file__).resolve().parent), str(REPO)]

from measure import percentile  # noqa: E402
from run import default_real  # noqa: E402

from tui.app.app import NewsApp  # noqa: E402
from tui.app.names import related  # noqa: E402


async def keys(pilot: Any, panel: Any, count: int, gap: float) -> list[float]:
    """Down `count` times, `gap` seconds apart: each key's ms to the refresh after it moved."""
    out: list[float] = []
    rows = panel.rows
    for _ in range(count):
        done = asyncio.Event()
        before = rows.highlighted
        t = time.perf_counter()
        await pilot.press("down")
        while rows.highlighted == before:
            await asyncio.sleep(0.001)
        rows.call_after_refresh(done.set)
        await done.wait()
        out.append((time.perf_counter() - t) * 1000)
        await asyncio.sleep(gap)
    return out


async def session(path: Path, count: int, with_related: bool) -> dict[str, Any]:
    ask = related.RelatedWork.ask
    if not with_related:
        related.RelatedWork.ask = lambda self, entity: None  # type: ignore[method-assign]
    try:
        app = NewsApp([str(path)])
        async with app.run_test(size=(120, 40)) as pilot:
            while app.index is None:
                await pilot.pause(0.05)
            await pilot.press("e")
            panel = app.main.nav.names
            while not panel.shown or panel.pending():
                await pilot.pause(0.05)
            panel.rows.focus()
            await pilot.pause(0.2)
            quick = await keys(pilot, panel, count, 0.03)
            panel.rows.highlighted = 0
            await pilot.pause(0.5)
            resting = await keys(pilot, panel, count, 0.3)
            shown: list[float] = []
            w_ms = float("nan")
            if with_related:  # fresh names, resting on each: how long until its related names show
                panel.rows.highlighted = 2 * count
                await pilot.pause(0.5)
                for _ in range(10):
                    before, t = panel.rows.highlighted, time.perf_counter()
                    await pilot.press("down")
                    while panel.rows.highlighted == before:
                        await asyncio.sleep(0.001)
                    entity = panel.current()
                    while panel.related.known(entity) is None:
                        await asyncio.sleep(0.005)
                    shown.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                await pilot.press("w")
                while not panel.named_with.found:
                    await asyncio.sleep(0.002)
                w_ms = (time.perf_counter() - t) * 1000
        return {"quick": quick, "resting": resting, "shown": shown, "w": w_ms}
    finally:
        related.RelatedWork.ask = ask  # type: ignore[method-assign]


def summary(values: list[float]) -> str:
    p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
    return f"p50 {p50:6.1f}  p95 {p95:6.1f}  max {max(values):6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keys", type=int, default=40)
    args = parser.parse_args()
    path = args.path or default_real()
    got: dict[bool, dict[str, list[float]]] = {True: {}, False: {}}
    for _ in range(args.rounds):
        for on in (False, True):
            result = asyncio.run(session(path, args.keys, on))
            for k, v in result.items():
                got[on].setdefault(k, []).extend(v if isinstance(v, list) else [v])
    for on in (False, True):
        print(f"named with {'on ' if on else 'off'}: down held   {summary(got[on]['quick'])}")
        print(f"named with {'on ' if on else 'off'}: down rested {summary(got[on]['resting'])}")
    print(f"rest -> related names known: {summary(got[True]['shown'])}")
    print(f"w -> related names listed:   {summary(got[True]['w'])}")
    print(json.dumps({str(k): v for k, v in got.items()}), file=sys.stderr)


if __name__ == "__main__":
    main()
