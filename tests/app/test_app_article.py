"""A reader's article in the pane: tables as grids, the URL decoded on one line, an image one
line, nested lists indented, search matches lit inside table cells."""

from __future__ import annotations

from rich.cells import cell_len
from support.app import NARROW, open_hit, sync

from tui.app.app import NewsApp
from tui.archive.model import Article, Block, Image, Link
from tui.archive.store.archive import Archive

ROWS = (("城市", "说明"),
        ("北京", "中华人民共和国首都，位于华北平原北部，是全国的政治、文化、国际交往和科技创新中心。"),
        ("Hong Kong", "香港特别行政区 | 亚洲金融中心"))
TABLE_TEXT = "\n".join(" | ".join(row) for row in ROWS)
SEGMENT = "/%E9%95%BF%E9%95%BF%E7%9A%84%E5%9C%B0%E5%9D%80"  # /长长的地址
URL = "https://example.org/%E5%9B%BD%E9%99%85/2024" + SEGMENT * 12 + ".html"


def _article() -> Article:
    body = (
        Block("paragraph", "城市概况如下表。"),
        Block("table", TABLE_TEXT, (Link("北京", "https://example.org/bj", TABLE_TEXT.index("北京") + 2),),
              rows=ROWS),
        Block("image", "", url="https://example.org/img/no-caption.jpg"),
        Block("image", "天安门广场", url="https://example.org/img/square.jpg"),
        Block("list", "第一层"),
        Block("list", "第二层", depth=1),
        Block("list", "第三层", depth=2),
        Block("paragraph", "结束。"),
    )
    return Article(id="t1", path="/archive/t/1.md", shape="hand", source="voa", source_name="美国之音",
                   title="城市表格测试", url=URL, published="2024-01-02", body=body,
                   image=Image("https://example.org/img/lead.jpg", ""))


def _app() -> NewsApp:
    return NewsApp(archive=Archive([_article()], []))


def _lines(app: NewsApp) -> list[str]:
    """The article pane as the reader sees it, one string per screen line (trailing spaces cut)."""
    region = app.screen.query_one("#article").scrollable_content_region
    strips = app.screen._compositor.render_strips()
    return [strips[y].crop(region.x, region.right).text.rstrip() for y in range(region.y, region.bottom)]


@sync
async def test_a_table_is_a_grid_with_wrapped_cjk_cells_at_80_columns() -> None:
    async with _app().run_test(size=NARROW) as pilot:
        screen = await open_hit(pilot, "城市")
        lines = _lines(pilot.app)
        top = next(n for n, line in enumerate(lines) if line.startswith("┌"))
        bottom = next(n for n, line in enumerate(lines) if line.startswith("└"))
        grid = lines[top:bottom + 1]
        width = screen.article.scrollable_content_region.width
        assert len({cell_len(line) for line in grid}) == 1 and cell_len(grid[0]) <= width  # CJK counted 2
        assert grid[1].startswith("│ 城市      │ 说明 ") and grid[2].startswith("├")  # header, rule
        beijing = next(n for n, line in enumerate(grid) if "北京[1]" in line)  # its link marker in it
        assert "中华人民共和国首都" in grid[beijing] and "心。" in grid[beijing + 1]  # wrapped in the cell
        assert grid[beijing + 1].split("│")[1].strip() == ""  # under 北京: an empty cell, not text
        assert any("香港特别行政区 | 亚洲金融中心" in line for line in grid)  # a cell's own pipe kept
        assert "…" not in "".join(grid)


@sync
async def test_matches_are_lit_inside_table_cells() -> None:
    async with _app().run_test(size=NARROW) as pilot:
        screen = await open_hit(pilot, "金融中心")
        assert [screen.article.pieces[i].kind for i, _, _ in screen.article.matches] == ["table"]
        lit = [seg.text for strip in pilot.app.screen._compositor.render_strips() for seg in strip
               if seg.style is not None and seg.style.reverse]
        assert "金融中心" in lit


@sync
async def test_the_url_is_decoded_on_one_line_and_copied_whole() -> None:
    async with _app().run_test(size=NARROW) as pilot:
        await open_hit(pilot, "城市")
        lines = _lines(pilot.app)
        assert lines[2].startswith("https://example.org/国际/2024/长长的地址/长长的地址")
        assert lines[2].endswith("…")
        assert lines[3] == ""  # one line, then the gap before the body
        await pilot.press("y")
        assert pilot.app.clipboard == URL  # the address as written, whole


@sync
async def test_an_image_takes_one_line_and_lists_keep_their_depth() -> None:
    async with _app().run_test(size=NARROW) as pilot:
        await open_hit(pilot, "城市")
        await pilot.press("G")
        await pilot.pause()
        lines = _lines(pilot.app)
        shown = "\n".join(lines)
        assert "[图] 天安门广场\n\n" in shown and "square.jpg" not in shown and "无说明" not in shown
        assert "• 第一层\n  • 第二层\n    • 第三层\n\n结束。" in shown
