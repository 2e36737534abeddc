"""Pilot tests for issue 11 in the app: approximate dates shown as `≈ date` and placed in the tree
by the archive time; platform sources grouped by channel under the platform."""

from __future__ import annotations

from pathlib import Path

from support.app import at_tree, sync, until
from support.paths import TESTS

from tui.app.app import NewsApp
from tui.archive.model import Article
from tui.archive.read.parse import parse_file
from tui.archive.store.archive import Archive

FIXTURES = TESTS / "fixtures"
FT = FIXTURES / "NodeBE4__oped2/history-2020/articles/金融时报/1048149_当建筑与艺术联姻.md"
ROBIN = FIXTURES / ("NodeBE4__society/_posts/"
                    "2024-12-14-老婆说我太虚了，广州中山药膳鸽子汤+生蚝+劲酒男人的加油站【罗宾VLOG】.md")
HAMMER = FIXTURES / ("NodeBE4__society/_posts/2022-08-03-深圳上市公司招聘現狀，打工人一個人都沒，"
                     "不加班基本工資三千，賺錢靠加班。打工人何去何從？.md")


def article(path: Path) -> Article:
    found = parse_file(path)
    assert isinstance(found, Article), found
    return found


def make_app() -> tuple[NewsApp, Article]:
    ft = article(FT)
    return NewsApp(archive=Archive([ft, article(ROBIN), article(HAMMER)])), ft


@sync
async def test_platform_channels_and_approximate_dates_in_the_tree_and_article() -> None:
    app, ft = make_app()
    day = ft.archived[:10]
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_tree(pilot)  # from the newest articles (the first screen) to the tree
        nodes = {str(n.label): n for n in screen.nav.source_tree.root.children}
        youtube = nodes["YouTube (2)"]
        assert sorted(str(c.label) for c in youtube.children) == ["罗宾 (1)", "铁锤观世界 (1)"]
        robin = next(c for c in youtube.children if str(c.label) == "罗宾 (1)")
        assert [str(y.label) for y in robin.children] == ["2024 (1)"]
        ft_node = next(n for label, n in nodes.items() if label.startswith("FT中文网"))
        assert [str(y.label) for y in ft_node.children] == [f"{day[:4]} (1)"]
        year = ft_node.children[0]
        year.expand()  # its months are made when it is opened
        assert await until(pilot, lambda: bool(year.children)), "the year never listed its months"
        month = year.children[0]
        assert str(month.label) == f"{day[:7]} (1)"
        month.expand()
        assert await until(pilot, lambda: bool(month.children)), "the month never listed its articles"
        leaf = month.children[0]
        assert str(leaf.label).startswith(f"≈{day[5:10]} ")
        screen.nav.source_tree.move_cursor(leaf)
        await pilot.press("enter")
        assert await until(pilot, lambda: screen.article.article is not None), "the article never opened"
        meta = next(p for p in screen.article.pieces if p.kind == "meta")
        assert f"≈ {day}" in meta.text
