"""Pilot tests for the browser flows over a small hand-built archive."""

from __future__ import annotations

import pytest
from support.app import (
    NARROW,
    WIDE,
    at_tree,
    indexed,
    labels,
    make_app,
    many_archive,
    open_first,
    open_hit,
    ready,
    search,
    sync,
    until,
)
from textual.widgets import Input

from tui.app.app import NewsApp
from tui.app.commands.help import HelpScreen
from tui.app.loading.loaders import Loaded
from tui.app.screen.main import MainScreen
from tui.app.search.results import MORE
from tui.archive.search.opening import build_index


@sync
async def test_tree_shows_sources_with_counts_and_display_names() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        got = labels(screen)
        assert got[:3] == ["最新 Newest", "全部 All (6)", "★ 书签 Bookmarks (0)"]
        assert "美国之音 VOA (2)" in got and "法广 RFI (2)" in got and "大纪元 Epoch Times (1)" in got
        assert "未知来源 Unknown (1)" in got  # no source name: falls back gracefully
        assert got[-1] == "⚠ 无法读取 Problems (1)"
        voa = next(n for n in screen.nav.source_tree.root.children if str(n.label).startswith("美国之音"))
        assert [str(y.label) for y in voa.children] == ["2024 (2)"]
        assert not voa.children[0].children  # months are made when their year is opened
        voa.children[0].expand()
        await pilot.pause()
        assert [str(m.label) for m in voa.children[0].children] == ["2024-07 (1)", "2024-04 (1)"]


@sync
async def test_the_tree_keeps_opened_years_and_months_when_rebuilt() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        tree = screen.nav.source_tree

        def voa_year():  # type: ignore[no-untyped-def]
            voa = next(n for n in tree.root.children if str(n.label).startswith("美国之音"))
            return voa.children[0]

        voa_year().expand()
        await pilot.pause()
        voa_year().children[0].expand()
        assert await until(pilot, lambda: bool(voa_year().children[0].children))
        assert tree.archive is not None and tree.state is not None
        tree.populate(tree.archive, tree.state)  # what a rescan does
        await pilot.pause()
        year = voa_year()
        assert year.is_expanded and year.children and year.children[0].is_expanded
        assert [str(leaf.label) for leaf in year.children[0].children] != []


@sync
async def test_tree_enter_opens_article_and_lists_newest_first() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await at_tree(pilot)
        assert screen.focused is screen.nav.source_tree
        # Newest, All, Bookmarks, then 法广 RFI (open); its newest year unfolds with Enter, then the month.
        await pilot.press("down", "down", "down", "down", "enter")
        year = screen.nav.source_tree.cursor_node
        assert year is not None and year.is_expanded and str(year.label) == "2024 (1)"
        await pilot.press("down", "enter", "down", "enter")
        await pilot.pause(0.1)
        assert screen.article.article is not None
        assert screen.article.article.id == "a3"
        assert screen.focused is screen.article


@sync
async def test_slash_focuses_search_and_typing_filters_results() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await search(pilot, "kishida")
        assert isinstance(screen.focused, Input)
        assert next(iter(screen.nav.results.hits)) == "a1"
        prompt = screen.nav.results.row("a1")
        assert "拜登与岸田峰会" in str(prompt) and "美国之音 VOA · 2024-04-10" in str(prompt)
        assert screen.query_one("#lists").current == "results"
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await pilot.press("x", "y", "z")
        await pilot.pause(0.2)
        assert screen.nav.results.hits == {}


@sync
async def test_enter_opens_result_esc_goes_back_then_to_tree() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await open_hit(pilot, "岸田")
        assert screen.focused is screen.article and screen.article.article is not None
        texts = [p.text for p in screen.article.pieces]
        assert "拜登在白宫欢迎日本首相岸田文雄。" in texts  # lead image caption
        assert screen.article.pieces[3].prefix == "[图] "
        assert screen.article.pieces[3].extra == ""  # one line: the address is not for reading
        assert any(p.kind == "heading" and p.text == "峰会要点" for p in screen.article.pieces)
        pieces = screen.article.pieces
        assert any(p.prefix == "[1] " and p.extra == "https://example.org/speech" for p in pieces)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.focused is screen.nav.results
        await pilot.press("escape")
        await pilot.pause()
        assert screen.focused is screen.nav.source_tree and screen.nav.search.value == ""


@sync
async def test_n_and_shift_n_walk_matches() -> None:
    async with make_app().run_test(size=NARROW) as pilot:
        screen = await open_hit(pilot, "岸田")
        total = len(screen.article.matches)
        assert total >= 4
        await pilot.press("n")
        assert screen.article.current == 0
        await pilot.press("n", "n")
        assert screen.article.current == 2
        await pilot.press("N")
        assert screen.article.current == 1
        await pilot.press("N", "N")
        assert screen.article.current == total - 1  # wraps around


@sync
async def test_brackets_step_through_current_list() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await search(pilot, "日本")
        order = list(screen.nav.results.hits)
        assert len(order) >= 3
        await open_first(pilot, screen)
        assert screen.article.article.id == order[0]
        await pilot.press("right_square_bracket")
        await pilot.pause(0.1)
        assert screen.article.article.id == order[1]
        assert screen.nav.results.highlighted == 1
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause(0.1)
        assert screen.article.article.id == order[0]  # no wrap: stays on the first


@sync
async def test_y_copies_url_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app()
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=WIDE) as pilot:
        await open_hit(pilot, "blinken")
        await pilot.press("y")
        await pilot.pause()
        assert copied == ["https://example.org/voa/2"]
        assert any("Copied URL" in n.message and "https://example.org/voa/2" in n.message
                   for n in app._notifications)


@sync
async def test_q_quits_but_types_in_search() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", "q")
        await pilot.pause()
        assert screen.nav.search.value == "q" and app.is_running
        await pilot.press("escape", "q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


@sync
async def test_ctrl_q_quits_from_search() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("slash", "ctrl+q")
        await pilot.pause()
    assert not app.is_running


@sync
async def test_question_mark_shows_help_and_escape_closes() -> None:
    async with make_app().run_test(size=NARROW) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MainScreen)


@sync
async def test_narrow_switches_between_list_and_article() -> None:
    async with make_app().run_test(size=NARROW) as pilot:
        screen = await search(pilot, "奥库斯")
        nav, article = screen.query_one("#nav"), screen.article
        assert nav.display and not article.display
        await open_first(pilot, screen)
        assert article.display and not nav.display and screen.focused is article
        await pilot.press("escape")
        await pilot.pause()
        assert nav.display and not article.display and screen.focused is screen.nav.results


@sync
async def test_tab_cycles_panes() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await at_tree(pilot)
        seen = []
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(screen.focused)
        assert seen == [screen.article, screen.nav.search, screen.nav.source_tree]
        await pilot.press("shift+tab")
        await pilot.pause()
        assert screen.focused is screen.nav.search


@sync
async def test_command_palette_runs_a_command() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        await pilot.press(*"keys help")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(pilot.app.screen, HelpScreen)


@sync
async def test_list_keys_j_k_g_G_and_down_from_search() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await at_tree(pilot)
        tree = screen.nav.source_tree
        await pilot.press("j", "j")
        assert tree.cursor_line == 2
        await pilot.press("k")
        assert tree.cursor_line == 1
        await pilot.press("G")
        assert tree.cursor_line == tree.last_line
        await pilot.press("g")
        assert tree.cursor_line == 0
        screen = await search(pilot, "日本")
        await pilot.press("down")
        assert screen.focused is screen.nav.results
        await pilot.press("j")
        assert screen.nav.results.highlighted == 1
        await pilot.press("G", "g")
        assert screen.nav.results.highlighted == 0


@sync
async def test_problems_node_shows_why_a_file_was_rejected() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        await at_tree(pilot)
        await pilot.press("G", "enter", "down", "enter")
        await pilot.pause(0.1)
        shown = "\n".join(s.text for s in pilot.app.screen._compositor.render_strips())
        assert "/archive/broken.md" in shown and "no title found" in shown


@sync
async def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color
    async with app.run_test(size=NARROW) as pilot:
        screen = await search(pilot, "岸田")
        assert pilot.app.is_running and next(iter(screen.nav.results.hits)) == "a1"
        await pilot.pause()
        marked = [seg.style for strip in pilot.app.screen._compositor.render_strips() for seg in strip
                  if seg.style is not None and seg.style.reverse and "岸田" in seg.text]
        assert marked, "the match is not highlighted (reverse video)"
        for style in marked:  # shown in shades of grey only: r == g == b
            colours = (style.color, style.bgcolor)
            assert all(c is None or len(set(c.get_truecolor())) == 1 for c in colours), style


@sync
async def test_results_page_in_as_the_cursor_reaches_the_end() -> None:
    count = 350  # more than one page, more than the most fetched per keystroke
    archive = many_archive(count)
    index = build_index(archive)
    app = NewsApp(loader=lambda progress: Loaded(archive, index))
    async with app.run_test(size=WIDE) as pilot:
        screen = await search(pilot, "zorbian")
        status = screen.query_one("#status")
        shown = len(screen.nav.results.hits)
        assert shown < count and screen.nav.results.ids() == list(screen.nav.results.hits)
        assert str(status.render()).startswith(f"{shown} of {count} results")
        await pilot.press("down")
        assert screen.focused is screen.nav.results
        while shown < count:
            last = screen.nav.results.ids()[-1]
            at = screen.nav.results.index_of(last)
            await pilot.press("G")  # to the last row: the next hits load under it
            want = min(count, shown + MORE)
            def loaded(want: int = want) -> bool:
                return len(screen.nav.results.hits) == want and not screen.workers_pending()

            assert await until(pilot, loaded), f"{len(screen.nav.results.hits)} rows, not {want}"
            ids = screen.nav.results.ids()
            assert (ids == list(screen.nav.results.hits) and len(set(ids)) == want
                    and ids.index(last) == shown - 1)
            assert (screen.nav.results.highlighted, screen.nav.results.current_article()) == (at, last)
            shown = want
            if shown < count:
                assert str(status.render()).startswith(f"{shown} of {count} results")
        assert str(status.render()).startswith(f"{count} results")


@sync
async def test_enter_in_the_box_opens_the_first_hit_while_the_worker_is_still_winding_down(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A search worker still counts as running for a moment after its answer is on screen. An
    Enter typed in that moment used to wait for an answer that had already come: the article
    never opened (seen over ssh on a loaded machine)."""
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        screen = await indexed(pilot)
        await pilot.press("slash")
        await pilot.press(*"kishida")
        results = screen.nav.results
        assert await until(pilot, lambda: bool(results.hits) and not screen.workers_pending())
        monkeypatch.setattr(results, "pending", lambda: True)  # the worker, winding down
        first = results.current_article()
        assert isinstance(screen.focused, Input)
        await pilot.press("enter")
        shown = screen.article
        assert await until(pilot, lambda: shown.article is not None and shown.article.id == first), \
            "Enter in the search box did not open the first hit"
