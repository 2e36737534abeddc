"""SVG snapshots at 80x24 and 120x40 over a fixed hand-built archive and a fixed substring index.

The parsers and the search engine change under the app; these pin only what the app draws.
Update with: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest
from test_app_support import sample_archive
from textual.pilot import Pilot

from tui.app.app import NewsApp
from tui.app.data import Loaded
from tui.archive.search import Hit

SIZES = [(80, 24), (120, 40)]


class FixedIndex:
    """A deterministic substring index (title, then body), standing in for the real engine."""

    def __init__(self) -> None:
        self.archive = sample_archive()

    def terms(self, query: str) -> list[str]:
        return query.split()

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        hits = []
        for art in self.archive.articles:
            text = art.title + " " + art.text()
            at = text.find(query)
            if at >= 0:
                start = max(0, at - 12)
                snippet = text[start:at + len(query) + 40]
                span = (at - start, at - start + len(query))
                hits.append(Hit(art.id, art.path, art.title, 1.0, snippet, [span]))
        return hits[:limit]


def make_app() -> NewsApp:
    index = FixedIndex()
    return NewsApp(loader=lambda progress: Loaded(index.archive, index))  # type: ignore[arg-type]


async def settle(pilot: Pilot) -> None:
    app = pilot.app
    for _ in range(100):
        await pilot.pause(0.02)
        screen = app.screen_stack[0]
        if app.archive is not None and not screen.workers_pending():
            break
    await pilot.pause(0.1)


def steps(*keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        app = pilot.app
        app.clear_notifications()
        await pilot.pause(0.1)

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_tree(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=steps())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_results(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("slash", "岸", "田"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_article_with_matches(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size,
                        run_before=steps("slash", "岸", "田", "enter", "n", "n"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("question_mark"))


def test_hostile_title_shows_literally(snap_compare) -> None:  # type: ignore[no-untyped-def]
    keys = steps("slash", "b", "o", "l", "d", "enter")
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys)
