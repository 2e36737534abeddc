"""The first screen lists the newest articles so Enter reads one at once; `l` lists a tree node's."""

from __future__ import annotations

from support.app import NARROW, WIDE, at_tree, make_app, ready, sample_archive, sync, until


async def newest_then_read(size: tuple[int, int]) -> None:
    async with make_app().run_test(size=size) as pilot:
        screen = await ready(pilot)
        newest = [a.id for a in sample_archive().articles]
        assert screen.nav.results.ids() == newest and screen.focused is screen.nav.results
        assert str(screen.query_one("#status").render()).startswith("最新 Newest · 6 articles")
        await pilot.press("enter")
        view = screen.article
        assert await until(pilot, lambda: view.article is not None and screen.focused is view)
        assert view.article is not None and view.article.id == newest[0] == "a2"  # 2024-07-28
        await pilot.press("right_square_bracket")  # ] walks the listing
        assert await until(pilot, lambda: view.article is not None and view.article.id == newest[1])
        await pilot.press("escape")
        assert await until(pilot, lambda: screen.focused is screen.nav.results)
        assert screen.nav.results.current_article() == newest[1]
        labels = [str(n.label) for n in screen.nav.source_tree.root.children]
        assert "美国之音 VOA (2)" in labels  # the tree keeps its counts


@sync
async def test_first_screen_lists_the_newest_and_enter_reads_the_first() -> None:
    await newest_then_read(WIDE)
    await newest_then_read(NARROW)


@sync
async def test_l_lists_the_newest_of_the_highlighted_tree_node() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await at_tree(pilot)
        await pilot.press(*["down"] * 6)  # All, Bookmarks, 法广 RFI, 2024, 2022, 美国之音 VOA
        node = screen.nav.source_tree.cursor_node
        assert node is not None and str(node.label) == "美国之音 VOA (2)"
        await pilot.press("l")
        results = screen.nav.results
        assert await until(pilot, lambda: results.ids() == ["a2", "a1"] and screen.focused is results)
        assert str(screen.query_one("#status").render()).startswith("美国之音 VOA · 2 articles")
        await pilot.press("escape")
        await pilot.pause()
        assert screen.focused is screen.nav.source_tree and screen.nav.switcher.current == "tree"
