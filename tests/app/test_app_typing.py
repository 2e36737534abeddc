"""Typing in the search box: the last keystroke's results show, the first page fills the list,
more rows come as the list is scrolled, Enter opens the row under the cursor."""

from __future__ import annotations

import time

from support.app import WIDE, many_archive, ready, sample_archive, search, sync, until

from tui.app.app import NewsApp
from tui.app.loading.loaders import Loaded
from tui.app.search.results import LISTING_LIMIT, MORE, ROW_LINES
from tui.app.search.status import plural
from tui.archive.search.engine import Hit, SearchIndex
from tui.archive.search.opening import build_index


class Slow:
    """The real index, each search 50 ms slower: keystrokes typed at once overtake their searches."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.entities = index.entities
        self.queries: list[str] = []

    def __getattr__(self, name: str) -> object:
        return getattr(self.index, name)

    def search_counted(self, query: str, limit: int = 50, sort: str | None = None) -> tuple[list[Hit], int]:
        self.queries.append(query)
        time.sleep(0.05)
        return self.index.search_counted(query, limit, sort)


@sync
async def test_typed_quickly_the_results_answer_the_last_keystroke() -> None:
    archive = sample_archive()
    index = Slow(build_index(archive))
    app = NewsApp(loader=lambda progress: Loaded(archive, index))  # type: ignore[arg-type]
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"blinken")  # no pause between the keys
        results = screen.nav.results
        assert await until(pilot, lambda: results.hits and not screen.workers_pending()), "no results (5 s)"
        await pilot.pause(0.2)
        want, total = index.index.search_counted("blinken", 50)
        assert index.queries[-1] == "blinken" and want
        assert results.ids() == [hit.id for hit in want]  # the rows answer "blinken", not a prefix
        assert str(screen.query_one("#status").render()).startswith(plural(total, "result") + " ·")
        assert results.current_article() == want[0].id


@sync
async def test_the_first_page_fills_the_list_and_scrolling_brings_more() -> None:
    count = 350
    archive = many_archive(count)
    app = NewsApp(loader=lambda progress: Loaded(archive, build_index(archive)))
    async with app.run_test(size=WIDE) as pilot:
        screen = await search(pilot, "zorbian")
        results = screen.nav.results
        shown = len(results.hits)
        assert shown < count and len(results.ids()) == shown
        assert shown * ROW_LINES >= results.size.height  # no blank space under the last row
        first = results.current_article()
        for _ in range(3):  # scroll (wheel, scroll bar) to the end, not the cursor
            want = min(count, shown + MORE)
            results.scroll_end(animate=False)
            assert await until(pilot, lambda want=want: len(results.hits) == want  # type: ignore[misc]
                               and not screen.workers_pending()), f"{len(results.hits)} rows, not {want}"
            assert results.ids() == list(results.hits) and len(set(results.ids())) == want
            assert results.current_article() == first  # the cursor stays where it was
            shown = want
        assert str(screen.query_one("#status").render()).startswith(f"{shown} of {count} results")


@sync
async def test_enter_opens_the_row_under_the_cursor() -> None:
    archive = many_archive(60)
    app = NewsApp(loader=lambda progress: Loaded(archive, build_index(archive)))
    async with app.run_test(size=WIDE) as pilot:
        screen = await search(pilot, "zorbian")
        results = screen.nav.results
        await pilot.press("down", "j", "j")  # to the list, then two rows down
        assert screen.focused is results and results.highlighted == 2
        chosen = results.current_article()
        assert chosen is not None and chosen == results.ids()[2]
        await pilot.press("enter")
        article = screen.article
        assert await until(pilot, lambda: article.article is not None and article.article.id == chosen), \
            f"Enter did not open {chosen} (5 s)"


class Delayed(Slow):
    """The real index, each search `delay` seconds slower."""

    def __init__(self, index: SearchIndex, delay: float) -> None:
        super().__init__(index)
        self.delay = delay

    def search_counted(self, query: str, limit: int = 50, sort: str | None = None) -> tuple[list[Hit], int]:
        self.queries.append(query)
        time.sleep(self.delay)
        return self.index.search_counted(query, limit, sort)


async def _frames_after_a_key(delay: float) -> list[tuple[str, str, str]]:
    """(what the box holds, what the rows answer, the status line) in every frame painted from the
    key `k` on."""
    archive = sample_archive()
    app = NewsApp(loader=lambda progress: Loaded(archive, Delayed(build_index(archive), delay)))  # type: ignore[arg-type]
    frames: list[tuple[str, str, str]] = []
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash")
        await pilot.pause(0.1)
        display = app._display
        status = screen.query_one("#status")

        def painted(*args: object, **kwargs: object) -> None:  # every frame the terminal is sent
            frames.append((screen.nav.search.value, screen.nav.results._shown_query, str(status.render())))
            display(*args, **kwargs)  # type: ignore[arg-type]

        app._display = painted  # type: ignore[method-assign]
        await pilot.press("k")
        assert await until(pilot, lambda: screen.nav.results._shown_query == "k"), "no results (5 s)"
        await pilot.pause(0.1)
    return frames


@sync
async def test_a_key_its_results_and_their_count_are_painted_in_one_frame() -> None:
    frames = await _frames_after_a_key(0.01)
    assert frames, "nothing painted"
    box, rows, status = frames[0]
    assert (box, rows) == ("k", "k")  # no frame with the key echoed and the old rows
    assert " result" in status and "·" in status, status  # ...nor with the rows and the old status
    assert all(frame == frames[0] for frame in frames), frames  # nothing of the key painted later


@sync
async def test_a_slow_search_does_not_hold_the_key_back() -> None:
    frames = await _frames_after_a_key(0.4)
    assert any(frame[:2] == ("k", "") for frame in frames)  # the key shows before its results (HOLD)
    assert frames[-1][:2] == ("k", "k") and " result" in frames[-1][2]


@sync
async def test_the_newest_listing_comes_a_page_at_a_time() -> None:
    """The first screen's newest articles are read and drawn a page at a time (200 bodies read and
    200 rows drawn behind the tree cost the first key ~55 ms on a real archive)."""
    archive = many_archive(350)
    app = NewsApp(loader=lambda progress: Loaded(archive, build_index(archive)))
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        results = screen.nav.results
        first = len(results.hits)
        assert 0 < first < LISTING_LIMIT and first * ROW_LINES >= results.size.height
        assert results.ids() == [a.id for a in archive.articles[:first]]  # newest first
        results.focus()
        for _ in range(4):
            results.scroll_end(animate=False)
            await pilot.pause(0.05)
            assert await until(pilot, lambda: not screen.workers_pending())
        assert len(results.hits) == LISTING_LIMIT
        assert results.ids() == [a.id for a in archive.articles[:LISTING_LIMIT]]
