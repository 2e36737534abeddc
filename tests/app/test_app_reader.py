"""The reader as a newsboat / fzf / less user tries it: keys typed together each act, the lists
follow a rescan, a bad filter or a keymap clash is said, the status is never cut, a preview beside
the list, a compact list, Newest and All in the tree, matches lit in titles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.app import NARROW, WIDE, at_tree, make_app, open_first, ready, search, sync, until
from textual import events

from tui import config
from tui.app.app import NewsApp
from tui.app.commands.help import HelpScreen
from tui.app.screen.main import MainScreen
from tui.archive.store.archive import Archive


def typed_together(screen: MainScreen, *keys: tuple[str, str | None]) -> None:
    """Keys arriving in one write (a paste, a fast terminal over SSH): all queued before any runs."""
    for key, character in keys:
        screen.app.post_message(events.Key(key, character))


def status(screen: MainScreen) -> str:
    return str(screen.query_one("#status").render())


@sync
async def test_brackets_typed_together_each_step_one_article() -> None:
    async with make_app().run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        walk = screen.nav.results.ids()
        await open_first(pilot, screen)
        typed_together(screen, *[("right_square_bracket", "]")] * 3)
        assert await until(pilot, lambda: screen.article.article is not None
                           and screen.article.article.id == walk[3]), (screen.opened, walk)
        typed_together(screen, *[("left_square_bracket", "[")] * 2)
        assert await until(pilot, lambda: screen.article.article.id == walk[1])  # type: ignore[union-attr]


@sync
async def test_n_typed_together_moves_three_matches() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await search(pilot, "岸田")
        await open_first(pilot, screen)
        assert len(screen.article.matches) >= 4
        typed_together(screen, *[("n", "n")] * 3)
        assert await until(pilot, lambda: screen.article.current == 2)


@sync
async def test_a_search_typed_together_with_its_slash_lands_in_the_box() -> None:
    # `/kishida` arriving in one read (over SSH, or typed fast on a busy machine): the slash moves
    # focus before the letters are handed to anyone, so none of them goes to the tree
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        typed_together(screen, ("slash", "/"), *[(c, c) for c in "kishida"])
        assert await until(pilot, lambda: screen.nav.search.value == "kishida"), screen.nav.search.value
        typed_together(screen, ("slash", "/"), ("1", "1"))  # in the box, a slash is typed
        assert await until(pilot, lambda: screen.nav.search.value == "kishida/1"), screen.nav.search.value


@sync
async def test_a_names_filter_typed_together_with_its_e_lands_in_the_filter() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        typed_together(screen, ("e", "e"), *[(c, c) for c in "kishida"])
        box = screen.nav.names.filter_box
        assert await until(pilot, lambda: box.value == "kishida"), box.value


@sync
async def test_the_last_article_says_so_at_the_edge() -> None:
    async with make_app().run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        await pilot.press("G", "enter")
        assert await until(pilot, lambda: screen.focused is screen.article)
        await pilot.press("right_square_bracket")
        assert any("Last article in this list" in n.message for n in pilot.app._notifications)


@sync
async def test_r_rescans_and_the_newest_list_and_status_follow(tmp_path: Path, seeds_dir: Path) -> None:
    seeds = sorted(seeds_dir.iterdir())
    folder = tmp_path / "news"
    folder.mkdir()
    for seed in seeds[:2]:
        shutil.copyfile(seed, folder / seed.name)
    app = NewsApp([folder])
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        assert await until(pilot, lambda: len(screen.nav.results.hits) == 2 and app.index is not None, 500)
        shutil.copyfile(seeds[2], folder / seeds[2].name)
        await pilot.press("r")
        assert await until(pilot, lambda: len(screen.nav.results.hits) == 3, 500), status(screen)
        assert await until(pilot, lambda: "3 articles" in status(screen))
        assert screen.nav.results.listing_key == "newest"


@sync
async def test_a_keymap_clash_is_said_on_start_in_the_welcome_and_the_help(config_dir: Path) -> None:
    (config_dir / "config.toml").write_text('[keys]\nnames = "n"\n', "utf-8")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        said = [n.message for n in app._notifications]
        assert any("n: names and next_match" in m for m in said), said
        welcome = screen.article.query_one(".message").text.plain  # type: ignore[attr-defined]
        assert "n: names and next_match" in welcome
        assert "n names" in welcome and "n N matches" not in welcome  # next_match lost n
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(line.text for line in app.screen.query_one("#help-text").render_lines(
            app.screen.query_one("#help-text").region.reset_offset))
        assert "n: names and next_match" in shown


@sync
async def test_a_bad_filter_is_said_in_the_status() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"date:last-week")
        assert await until(pilot, lambda: "date: wants" in status(screen)), status(screen)
        assert "last-week" in status(screen)


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=lambda s: f"{s[0]}x{s[1]}")
@sync
async def test_the_status_is_never_cut_and_counts_are_singular_when_one(size: tuple[int, int]) -> None:
    async with make_app().run_test(size=size) as pilot:
        screen = await ready(pilot)
        line = status(screen)
        assert "1 problem (! shows them)" in line and "problems" not in line
        box = screen.query_one("#status")
        width = box.content_region.width
        assert all(len(row) <= width for row in screen.app.console.render_lines(
            box.render(), screen.app.console.options.update_width(width))), line
        assert "Esc: tree" in line  # the whole status is there, on more lines if need be
        await pilot.press("slash", *"奥库斯")
        assert await until(pilot, lambda: "1 result ·" in status(screen)), status(screen)


@sync
async def test_bang_shows_the_problems() -> None:
    async with make_app().run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        node = screen.nav.source_tree.cursor_node
        assert screen.nav.switcher.current == "tree"  # from the first screen's list
        assert screen.focused is screen.nav.source_tree and node is not None
        assert "Problems" in str(node.label) and node.is_expanded


@sync
async def test_moving_in_the_list_previews_the_article_beside_it_without_taking_focus() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        results = screen.nav.results
        await pilot.press("j")
        second = results.ids()[1]
        assert await until(pilot, lambda: screen.article.article is not None
                           and screen.article.article.id == second)
        assert screen.focused is results and not pilot.app.state.is_read(second)
        await pilot.press("P", "j")  # preview off: the pane stays
        await pilot.pause(0.2)
        assert screen.article.article.id == second  # type: ignore[union-attr]


@sync
async def test_no_preview_when_narrow_the_list_and_the_article_take_turns() -> None:
    async with make_app().run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        await pilot.press("j")
        await pilot.pause(0.2)
        assert screen.article.article is None and screen.focused is screen.nav.results


@sync
async def test_v_makes_the_list_compact_and_it_is_remembered(config_dir: Path) -> None:
    async with make_app().run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        results = screen.nav.results
        await pilot.press("v")
        await pilot.pause()
        first = results.ids()[0]
        row = results.row(first)
        assert row is not None and "\n" not in row.plain and row.plain.startswith("2024-07-28 美国之音")
        assert results.virtual_size.height == results.row_count  # one line each, no dividers
    assert config.load()[0].rows == "compact"
    async with make_app().run_test(size=NARROW) as pilot:  # the next start: still compact
        screen = await ready(pilot)
        assert "\n" not in screen.nav.results.row(screen.nav.results.ids()[0]).plain  # type: ignore[union-attr]


@sync
async def test_newest_and_all_in_the_tree_bring_the_first_list_back() -> None:
    async with make_app().run_test(size=NARROW) as pilot:
        screen = await at_tree(pilot)
        assert screen.nav.switcher.current == "tree"
        await pilot.press("g", "enter")  # 最新 Newest, the first node
        results = screen.nav.results
        assert await until(pilot, lambda: screen.nav.switcher.current == "results"
                           and results.listing_key == "newest" and len(results.hits) == 6)
        await pilot.press("escape", "g", "j", "enter")  # 全部 All
        assert await until(pilot, lambda: screen.nav.results.listing_key == "all")


@sync
async def test_matches_are_lit_in_result_titles_as_search_lights_them() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await search(pilot, "岸田")
        results = screen.nav.results
        first = results.ids()[0]
        row = results.row(first)
        assert row is not None
        title = row.plain.split("\n")[0]
        at = title.index("岸田")
        lit = [s for s in row.spans if s.start <= at < s.end and "reverse" in str(s.style)]
        assert lit, row.spans


@sync
async def test_an_empty_folder_says_what_files_newstui_reads(tmp_path: Path) -> None:
    app = NewsApp(archive=Archive([], []))
    async with app.run_test(size=NARROW) as pilot:
        assert await until(pilot, lambda: app.archive is not None)
        await pilot.pause(0.2)
        text = app.main.article.query_one(".message").text.plain  # type: ignore[attr-defined]
        assert "No articles here" in text and "front matter" in text and "r to rescan" in text
        assert app.main.article.display and app.main.article.region.width > 0  # shown, even at 80x24



@sync
async def test_compact_rows_fill_the_screen_20_titles_at_80x24() -> None:
    from support.app import _article  # the helper that builds the sample's articles

    from tui.archive.model import Block
    articles = [_article(n, "voa", "美国之音", f"标题 {n}", f"2024-01-{n:02d}", [Block("paragraph", "正文")])
                for n in range(1, 29)]
    app = NewsApp(archive=Archive(list(reversed(articles)), []))
    async with app.run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        results = screen.nav.results
        await pilot.press("v")
        assert await until(pilot, lambda: results.row_count >= 20), results.row_count
        assert results.size.height >= 20  # and 20 of them show at once
        assert not screen.has_class("-narrow") and screen.article.display  # one-line rows fit beside it
        await pilot.press("j")  # skimming: the highlighted article is previewed beside the list
        second = results.ids()[1]
        assert await until(pilot, lambda: screen.article.article is not None
                           and screen.article.article.id == second)
        assert screen.focused is results
        await pilot.press("v")  # full rows at 80 columns: the list and the article take turns again
        await pilot.pause()
        assert screen.has_class("-narrow")
