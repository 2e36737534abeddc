"""Regenerate screenshots/*.svg from the real app over the bundled seeds.

    python screenshots/make.py            # writes first, tree, search, article, help, names (+ 80x24)

Uses a throw-away NEWSTUI_DATA_DIR and NEWSTUI_CONFIG_DIR so your reading state, cache and config
are untouched.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

QUERY = "kishida"
SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("first", (120, 40), []),
    ("first-80x24", (80, 24), []),
    ("tree", (120, 40), ["escape"]),
    ("search", (120, 40), ["slash", *QUERY]),
    ("article", (120, 40), ["slash", *QUERY, "enter", "n"]),
    ("help", (120, 40), ["question_mark"]),
    ("names", (120, 40), ["e"]),
    ("names-articles", (120, 40), ["e", *QUERY, "enter", "down", "enter", "n"]),
    ("names-80x24", (80, 24), ["e", *QUERY]),
    ("search-80x24", (80, 24), ["slash", *QUERY]),
    ("article-80x24", (80, 24), ["slash", *QUERY, "enter"]),
    ("traditional", (120, 40), ["enter", "t", "t"]),
]


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    for _ in range(250):
        await pilot.pause(0.02)
        screen = app.screen_stack[0]
        if app.index is not None and not screen.workers_pending() and not screen.nav.names.pending():
            break
    await pilot.pause(0.2)


async def shoot(name: str, size: tuple[int, int], keys: list[str]) -> Path:
    from tui.app.app import NewsApp

    app = NewsApp([])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.05)
        await settle(pilot)
        app.clear_notifications()
        await pilot.pause(0.1)
        path = HERE / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(HERE))
    return path


def main() -> int:
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as config:
        os.environ["NEWSTUI_DATA_DIR"] = data
        os.environ["NEWSTUI_CONFIG_DIR"] = config
        for name, size, keys in SHOTS:
            print(asyncio.run(shoot(name, size, keys)).relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
