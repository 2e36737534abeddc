"""Markdown-bodied posts read like HTML ones: no Markdown syntax left in the text, tables as
table blocks, link markers placeable, front matter read as blogs write it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support.paths import TESTS

from tui.archive.model import Article
from tui.archive.read.parse import parse_bytes
from tui.archive.store.stats import has_markup

FIXTURES = TESTS / "fixtures"
MARKDOWN_FIXTURES = sorted((FIXTURES / "hkarchivist__hkcnews-article-archive").rglob("*.md")) + sorted(
    (FIXTURES / "bedtimenews__bedtimenews-archive-contents").rglob("*.md"))

POST = """\
 ---
 layout: post
 title:  愤怒的人民已不再恐惧
 Lastmod: 2021-03-04T05:06:07+08:00
 tags: [香港, "抗议"]
 author: ""
 ---

转自 [nzlifenz.com](https://nzlifenz.com) 的文章，原载于知乎。

![天安门广场上的人群](https://images.weserv.nl/?url=example.org/a.jpg)

### 知乎用户 X 发表

> 这是一段引用，**加粗**的字。

| 城市 | 人数 |
|------|-----:|
| 香港 | 200万 |
| 台北 | 10万 |

- 第一条
  - 嵌套的一条
- 第二条

<div class="note">一段 HTML 块</div>

责任编辑：王五
"""


def read(text: str, name: str = "/x/post.md") -> Article:
    article = parse_bytes(text.encode(), name)
    assert isinstance(article, Article), article
    return article


def test_an_indented_front_matter_post_reads_like_an_html_one() -> None:
    a = read(POST.replace("\n", "\r\n"))
    assert a.title == "愤怒的人民已不再恐惧" and a.published.startswith("2021-03-04")
    assert not has_markup(a)
    kinds = [b.kind for b in a.body]
    assert {"heading", "quote", "list", "table", "image"} <= set(kinds)
    assert "知乎用户 X 发表" in [b.text for b in a.body if b.kind == "heading"]
    assert [b.text for b in a.body if b.kind == "list"] == ["第一条", "嵌套的一条", "第二条"]
    image = next(b for b in a.body if b.kind == "image") if a.image is None else a.image
    assert image.url == "https://example.org/a.jpg"  # the image proxy unwrapped, alt is the caption
    assert "天安门广场上的人群" in (a.image.caption if a.image else image.text)
    assert "一段 HTML 块" in a.text() and "责任编辑" not in a.text()


def test_tables_are_table_blocks_with_rows_and_a_plain_text() -> None:
    a = read(POST)
    table = next(b for b in a.body if b.kind == "table")
    assert table.rows == (("城市", "人数"), ("香港", "200万"), ("台北", "10万"))
    assert table.text == "城市 | 人数\n香港 | 200万\n台北 | 10万"  # searchable, readable as text
    assert a.to_dict()["body"][[b.kind for b in a.body].index("table")]["rows"][1] == ("香港", "200万")


def test_html_tables_too_but_a_layout_table_keeps_its_paragraphs() -> None:
    data = "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
    layout = ("<table><tr><td>" + "很长的正文。" * 100 + "</td><td>边栏</td></tr>"
              "<tr><td>x</td><td>y</td></tr></table>")
    a = read("# 标题\n\n" + data + "<p>" + "正文" * 200 + "</p>")
    assert [b.rows for b in a.body if b.kind == "table"] == [(("A", "B"), ("1", "2"))]
    b = read("# 标题\n\n" + layout)
    assert not any(x.kind == "table" for x in b.body) and "很长的正文。" in b.text()


def test_a_links_words_end_where_its_marker_goes() -> None:
    a = read(POST)
    para = next(b for b in a.body if b.links)
    link = para.links[0]
    assert link.url == "https://nzlifenz.com" and para.text[: link.end].endswith("nzlifenz.com")


@pytest.mark.parametrize("path", MARKDOWN_FIXTURES, ids=lambda p: p.name)
def test_markdown_mirror_fixtures_are_clean(path: Path) -> None:
    a = read(path.read_bytes().decode("utf-8", "replace"), str(path))
    assert not has_markup(a), [b.text for b in a.body if "](" in b.text or "#" in b.text]
    assert len(a.text()) > 300


def test_front_matter_with_text_but_no_title_takes_the_first_heading() -> None:
    a = read("---\ncategory: 时评\ntags:\n  - 甲\n  - 乙\n---\n\n# 真正的标题\n\n" + "正文。" * 120)
    assert a.title == "真正的标题" and not a.text().startswith("真正的标题")


def test_a_wayback_url_gives_the_page_it_captured() -> None:
    a = read('---\ntitle: "t"\nurl: "https://web.archive.org/web/2021/https://www.hkcnews.com/article/1"\n---\n'
             + "正文。" * 120)
    assert a.url == "https://www.hkcnews.com/article/1"


def test_a_trailer_url_with_full_width_brackets_stays_whole() -> None:
    body = "<p>" + "正文。" * 120 + "</p>\n原文链接：https://www.rfa.org/a/论坛-反响热烈（图）.html\n"
    a = read("### 南澳大学揭露活摘器官论坛\n---\n\n" + body)
    assert a.url == "https://www.rfa.org/a/论坛-反响热烈（图）.html"


@pytest.mark.parametrize("body", [
    ">" * 50_000 + " deep",
    "- " * 20_000 + "x",
    "|a|b|\n|-|-|\n" + "|1|2|\n" * 20_000,
    "[" * 30_000 + "](" * 30_000,
    "*a **a " * 30_000,
    "<div>" * 5_000 + "text" + "</div>" * 5_000 + "\n\n# h\n\n> q",
], ids=["deep-quotes", "deep-lists", "huge-table", "brackets", "emphasis", "deep-html"])
def test_hostile_markdown_neither_crashes_nor_hangs(body: str) -> None:
    start = time.process_time()
    got = parse_bytes(("---\ntitle: 标题\n---\n" + body).encode(), "/x/hostile.md")
    assert time.process_time() - start < 10
    assert got is not None


@pytest.mark.parametrize("name", ["business/36.md", "commercial/19.md"])
def test_a_wiki_tab_set_is_furniture_its_labels_go_its_content_stays(name: str) -> None:
    path = FIXTURES / "bedtimenews__bedtimenews-archive-contents" / name
    article = parse_bytes(path.read_bytes(), str(path))
    assert isinstance(article, Article)
    headings = [b.text for b in article.body if b.kind == "heading"]
    assert not {"Tabs", "B站", "YouTube", "西瓜视频", "播客"} & set(headings)
    assert len(article.text()) > 2000  # the transcript after the tabs is all there


def test_a_tab_set_ends_at_a_heading_of_its_level_and_later_sections_keep_theirs() -> None:
    doc = ("---\ntitle: 标题\ndate: 2022-01-01\n---\n\n## Tabs {.tabset}\n### B站\n\n"
           "<iframe src='x'></iframe>\n\n### 文字稿\n\n第一段文字。\n\n##\n\n## 1. 产粮地缺水\n\n"
           + "正文内容。" * 40 + "\n\n### 细节\n\n更多。\n")
    article = parse_bytes(doc.encode(), "/a/x.md")
    assert isinstance(article, Article)
    assert [b.text for b in article.body if b.kind == "heading"] == ["1. 产粮地缺水", "细节"]
    assert "第一段文字。" in article.text()
