"""Loading and searching run in workers: stale searches are dropped, the UI answers while loading."""

from __future__ import annotations

import threading
import time

from support.app import WIDE, ready, sample_archive, sync

from tui.app.app import NewsApp
from tui.app.loading.loaders import Loaded
from tui.archive.search.engine import Hit
from tui.archive.search.names.entities import Entity
from tui.archive.search.opening import build_index


class SlowIndex:
    """A `Lookup` that answers the one-letter query slowly, so its answer arrives after the newer one."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.entities: list[Entity] = []

    def find_names(self, text: str) -> list[Entity]:
        return []

    def terms(self, query: str) -> list[str]:
        return [query]

    def entity_terms(self, entity: Entity) -> list[str]:
        return list(entity.aliases)

    def search_counted(self, query: str, limit: int = 50, sort: str | None = None) -> tuple[list[Hit], int]:
        self.calls.append(query)
        if query == "a":
            time.sleep(0.4)
            return [Hit("a1", "", "stale", 1.0, "stale", [])], 1
        return [Hit("a2", "", "fresh", 1.0, "fresh", [])], 1


@sync
async def test_stale_search_results_are_dropped() -> None:
    archive = sample_archive()
    index = SlowIndex()
    app = NewsApp(loader=lambda progress: Loaded(archive, index))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", "a")
        await pilot.pause(0.1)  # the search for "a" is running now
        await pilot.press("b")
        await pilot.pause(0.8)
        assert index.calls[0] == "a" and index.calls[-1] == "ab"
        assert list(screen.nav.results.hits) == ["a2"]  # "a" finished last but was dropped
        assert screen.nav.results.ids() == ["a2"]


@sync
async def test_ui_answers_while_loading_and_shows_progress() -> None:
    gate = threading.Event()
    archive = sample_archive()

    def loader(progress):  # type: ignore[no-untyped-def]
        for i in range(1, 6):
            progress(i, 10)
            time.sleep(0.06)
        gate.wait(5)
        progress(10, 10)
        return Loaded(archive, build_index(archive))

    app = NewsApp(loader=loader)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.3)
        screen = app.main
        bar = screen.query_one("#progress")
        assert bar.display and app.archive is None
        await pilot.press("slash", *"岸田")  # typing works while loading; the search waits for the index
        await pilot.pause()
        assert screen.nav.search.value == "岸田"
        gate.set()
        for _ in range(100):
            await pilot.pause(0.02)
            if screen.nav.results.hits:
                break
        assert not bar.display and "a1" in screen.nav.results.hits


@sync
async def test_enter_before_results_arrive_opens_the_first_when_they_do() -> None:
    app = NewsApp(archive=sample_archive())
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"blinken", "enter")  # no pause: results still pending
        for _ in range(100):
            await pilot.pause(0.02)
            if screen.article.article is not None:
                break
        assert screen.article.article is not None and screen.article.article.id == "a2"
