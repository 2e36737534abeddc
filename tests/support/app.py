"""The app under Pilot: a small, fixed, hand-built archive (no parser involved), the app over it,
and the steps every flow takes (ready, at the tree, a search, a hit opened), with sizes.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any

from tui.app.app import NewsApp
from tui.app.screen.main import MainScreen
from tui.archive.model import Article, Block, Image, Link, Rejection
from tui.archive.store.archive import Archive

HOSTILE = "[bold]x[/] [@click=app.quit]q \x1b]52;c;AAAA\x07 end"

_P = "paragraph"


def _article(n: int, source: str, name: str, title: str, published: str, body: list[Block],
             url: str = "", image: Image | None = None) -> Article:
    return Article(id=f"a{n}", path=f"/archive/{source}/{n}.md", shape="hand", source=source,
                   source_name=name, title=title, url=url or f"https://example.org/{source}/{n}",
                   published=published, body=tuple(body), image=image)


def sample_articles() -> list[Article]:
    return [
        _article(1, "voa", "美国之音", "拜登与岸田峰会旨在建立更深入的美日安全关系",
                 "2024-04-10T01:54:23+00:00", [
            Block(_P, "白宫 — 美国总统乔·拜登（Joe Biden）周二晚上在白宫迎来日本首相岸田文雄（Fumio Kishida）"
                      "的正式访问，这将标志着美日安全同盟几十年来最大的结构升级之一。"),
            Block("heading", "峰会要点"),
            Block(_P, "岸田在国会发表演讲。", (Link("演讲全文", "https://example.org/speech"),)),
            Block("quote", "“我们的同盟从未如此牢固。”"),
            Block("image", "岸田文雄与拜登在白宫。", url="https://example.org/img/2.jpg"),
            Block("list", "加强指挥与控制框架"),
            Block(_P, "分析人士说，Kishida 的访问意义重大。"),
        ], image=Image("https://example.org/img/1.jpg", "拜登在白宫欢迎日本首相岸田文雄。")),
        _article(2, "voa", "美国之音", "布林肯抵达日本 将举行美日2+2会谈", "2024-07-28T03:00:00+00:00", [
            Block(_P, "美国国务卿安东尼·布林肯(Antony Blinken)星期日抵达日本。"),
            Block(_P, "布林肯将会见日本外务大臣上川阳子。"),
        ]),
        _article(3, "rfi", "法广", "澳英美正探讨日本参与奥库斯协议", "2024-03-03", [
            Block(_P, "澳英美三国正在探讨日本参与“奥库斯”（AUKUS）协议第二支柱的可能。"),
        ]),
        _article(4, "rfi", "法广", "美日2+2会议：警惕中国 强化同盟", "2022-01-07T13:38:00+01:00", [
            Block(_P, "这是日本岸田首相上台后的首次美日2+2会议。"),
        ]),
        _article(5, "epochtimes", "大纪元", "美日加强战略关系 为携手抗共铺平道路", "2022-01-11", [
            Block(_P, "【大纪元2022年01月11日讯】美日两国外长和防长举行视频会议。"),
        ]),
        _article(6, "unknown", "", HOSTILE, "2023-05-01", [Block(_P, "body of " + HOSTILE)],
                 url="https://example.org/x\x1b[2J"),
    ]


def sample_archive() -> Archive:
    return Archive(sample_articles(), [Rejection("/archive/broken.md", "not an article: no title found")])


async def until(pilot, check: Callable[[], object], tries: int = 250) -> bool:  # type: ignore[no-untyped-def]
    """Pause (20 ms a try) until `check()` is true; whether it became true."""
    for _ in range(tries):
        if check():
            return True
        await pilot.pause(0.02)
    return bool(check())


def sync(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test with asyncio.run (no asyncio pytest plugin is installed)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return wrapper


WIDE, NARROW = (120, 40), (80, 24)


def make_app() -> NewsApp:
    return NewsApp(archive=sample_archive())


async def ready(pilot) -> MainScreen:  # type: ignore[no-untyped-def]
    """Wait (up to 5 s) for the archive: fails saying so when it never comes."""
    app = pilot.app
    assert await until(pilot, lambda: app.archive is not None), "the archive never loaded (5 s)"
    screen: MainScreen = app.main
    assert await until(pilot, lambda: screen.nav.archive is not None), "the archive was never shown (5 s)"
    if screen.nav.results.listing:  # the first screen lists the newest articles
        results = screen.nav.results
        listed = await until(pilot, lambda: screen.nav.switcher.current == "results" and bool(results.hits))
        assert listed, "the newest articles were never listed (5 s)"
    await pilot.pause()
    return screen


async def at_tree(pilot) -> MainScreen:  # type: ignore[no-untyped-def]
    """`ready`, then Esc from the newest articles to the source tree."""
    screen = await ready(pilot)
    await pilot.press("escape")
    await pilot.pause()
    assert screen.focused is screen.nav.source_tree and screen.nav.switcher.current == "tree"
    return screen


async def indexed(pilot) -> MainScreen:  # type: ignore[no-untyped-def]
    """`ready`, then wait (up to 10 s) for the search index the loading worker builds."""
    screen = await ready(pilot)
    assert await until(pilot, lambda: pilot.app.index is not None, tries=500), \
        "the search index was never built (10 s)"
    return screen


async def search(pilot, query: str) -> MainScreen:  # type: ignore[no-untyped-def]
    """Type `query` in the search box and wait (up to 5 s) for its hits."""
    screen = await ready(pilot)
    await pilot.press("slash")
    await pilot.press(*query)
    assert await until(pilot, lambda: bool(screen.nav.results.hits) and not screen.workers_pending()), \
        f"no results for {query!r} (5 s)"
    return screen


async def open_first(pilot, screen: MainScreen) -> MainScreen:  # type: ignore[no-untyped-def]
    """Enter on the results: wait (up to 5 s) until the highlighted hit is open, with focus."""
    first = screen.nav.results.current_article()
    assert first is not None, "no hit highlighted"
    await pilot.press("enter")
    shown = screen.article
    assert await until(pilot, lambda: shown.article is not None and shown.article.id == first
                       and screen.focused is shown), f"Enter did not open {first} (5 s)"
    await pilot.pause()
    return screen


async def open_hit(pilot, query: str) -> MainScreen:  # type: ignore[no-untyped-def]
    """`search`, then Enter: the first hit open in the article pane."""
    return await open_first(pilot, await search(pilot, query))


def labels(screen: MainScreen) -> list[str]:
    return [str(n.label) for n in screen.nav.source_tree.root.children]


def many_archive(count: int) -> Archive:
    """`count` articles that all mention "Zorbian", each on its own day."""
    return Archive([Article(id=f"z{n:03}", path=f"/archive/many/{n:03}.md", shape="hand", source="voa",
                            source_name="美国之音", title=f"Zorbian report {n}",
                            published=f"20{10 + n // 300:02}-{1 + n // 28 % 12:02}-{1 + n % 28:02}",
                            body=(Block("paragraph", f"The Zorbian delegation, part {n}."),))
                    for n in range(count)], [])


def fill_everything(tree) -> None:  # type: ignore[no-untyped-def]
    """Make every node of the tree (a year makes its months, a month its articles, when filled)."""
    todo = list(tree.root.children)
    while todo:
        node = todo.pop()
        tree._fill(node)
        todo.extend(node.children)


async def open_leaf(pilot, tree, leaf) -> None:  # type: ignore[no-untyped-def]
    screen = pilot.app.main
    if screen.nav.switcher.current != "tree":  # the first screen lists the newest articles: Esc to the tree
        screen.nav.results.focus()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    node = leaf.parent
    while node is not None:
        node.expand()
        node = node.parent
    await pilot.pause()
    tree.focus()
    tree.move_cursor(leaf)
    await pilot.pause()
    await pilot.press("enter")
    for _ in range(50):
        await pilot.pause(0.02)
        shown = pilot.app.main.article.article
        if shown is not None and shown.id == leaf.data.article_id:
            break
