"""Queries worth keeping, in the app: history (Up/Down), relevance/date order, saved searches."""

from __future__ import annotations

from pathlib import Path

from support.app import WIDE, at_tree, make_app, open_hit, ready, sample_archive, search, sync, until

from tui.userdata.history import History
from tui.userdata.saved import SavedSearches


@sync
async def test_history_up_and_down_in_the_search_box_across_runs(data_dir: Path) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        await open_hit(pilot, "blinken")  # an article read from a search: remembered
        await pilot.press("slash", *["backspace"] * 7, *"kishida", "enter")
        await pilot.pause(0.2)
    assert History.load(data_dir).entries() == ["blinken", "kishida"]
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"x", "up")
        assert screen.nav.search.value == "kishida"
        await pilot.press("up", "up")
        assert screen.nav.search.value == "blinken"  # the oldest: stays there
        await pilot.press("down")
        assert screen.nav.search.value == "kishida"
        await pilot.press("down")
        assert screen.nav.search.value == "x"  # back to what was typed
        await pilot.press("down")
        await pilot.pause()
        assert screen.focused is screen.nav.results  # then Down goes to the list, as before


@sync
async def test_ctrl_o_toggles_relevance_and_date_order() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await search(pilot, "日本")
        best = list(screen.nav.results.hits)
        await pilot.press("ctrl+o")
        newest = [a.id for a in sample_archive().articles if a.id in best]
        results = screen.nav.results
        assert await until(pilot, lambda: list(results.hits) == newest and not screen.workers_pending())
        assert newest != best  # the order really changed
        assert "newest first" in str(screen.query_one("#status").render())
        await pilot.press("ctrl+o")
        assert await until(pilot, lambda: list(screen.nav.results.hits) == best)


def saved_labels(screen) -> list[str]:  # type: ignore[no-untyped-def]
    node = screen.nav.source_tree.saved_node
    return [] if node is None else [str(c.label) for c in node.children]


@sync
async def test_save_a_search_from_the_app_then_rerun_it_from_the_tree(data_dir: Path) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await search(pilot, "日本")
        total = screen.nav.results.total
        assert total == len(screen.nav.results.hits) == 4
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        await pilot.press(*["backspace"] * 2, *"japan", "enter")
        assert await until(pilot, lambda: saved_labels(screen) == ["japan (4)  日本"])
    assert SavedSearches.load(data_dir).items() == [("japan", "日本")]
    SavedSearches.load(data_dir).save("rfi", "source:rfi")  # as `newstui search --save rfi ...` does
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await at_tree(pilot)
        assert await until(pilot, lambda: saved_labels(screen) == ["japan (4)  日本", "rfi (2)  source:rfi"])
        await pilot.press("down", "down", "down")  # Newest, All, Bookmarks, then Saved searches (open)
        await pilot.press("down", "down", "enter")  # its second: rfi
        results = screen.nav.results
        assert await until(pilot, lambda: screen.nav.search.value == "source:rfi" and len(results.hits) == 2)
        assert screen.focused is screen.nav.results


@sync
async def test_default_sort_from_the_config(config_dir: Path) -> None:
    (config_dir / "config.toml").write_text('sort = "date"\n', "utf-8")
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await search(pilot, "日本")
        newest = [a.id for a in sample_archive().articles if a.id in screen.nav.results.hits]
        assert list(screen.nav.results.hits) == newest
        assert "newest first" in str(screen.query_one("#status").render())
