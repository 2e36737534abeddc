"""Issue 11: every article read and dated right on archives never seen.

Fixtures: copies from ../shared/corpus (listed in tests/fixtures/MANIFEST.tsv) and hand-made pages
in tests/fixtures/fidelity/ for shapes the corpus lacks (MANIFEST says "hand-made"): a WordPress
post whose taxonomy classes look like chrome, a multi-author conversation (saved page and scraped
fragment), a page only the text-density fallback can read, a Reuters page whose dateline has no year.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support.paths import TESTS

from tui.archive.model import Article
from tui.archive.read import datehints, fallback
from tui.archive.read.parse import parse_file
from tui.archive.search.query.syntax import parse as parse_query
from tui.archive.store.archive import Archive
from tui.cli import main

FIXTURES = TESTS / "fixtures"
FIDELITY = FIXTURES / "fidelity"
FT = FIXTURES / "NodeBE4__oped2/history-2020/articles/金融时报/1048149_当建筑与艺术联姻.md"
CDT = FIXTURES / ("NodeBE4__oped2/history-2020/articles/中国数字时代/"
                  "398165_德国之声 | 专访卢昱宇：中国已无空间继续从事维权行动.md")
YOUTUBE_ROBIN = FIXTURES / ("NodeBE4__society/_posts/"
                            "2024-12-14-老婆说我太虚了，广州中山药膳鸽子汤+生蚝+劲酒男人的加油站【罗宾VLOG】.md")
YOUTUBE_HAMMER = FIXTURES / ("NodeBE4__society/_posts/2022-08-03-深圳上市公司招聘現狀，打工人一個人都沒，"
                             "不加班基本工資三千，賺錢靠加班。打工人何去何從？.md")
IYOUPORT = FIXTURES / "NodeBE4__oped2/head/_posts/2018-12-05-鬼魅缠身 BRI - iYouPort.md"
CHINAFILE = FIXTURES / "NodeBE4__oped2/head/_posts/2023-05-15-‘Beijing’s Global Media Offensive’.md"


def article(path: Path) -> Article:
    found = parse_file(path)
    assert isinstance(found, Article), found
    return found


def texts(a: Article, kind: str | None = None) -> list[str]:
    return [b.text for b in a.body if kind is None or b.kind == kind]


# --- 1. WordPress posts, conversations, entities ------------------------------------------------


def test_wordpress_post_with_chrome_looking_taxonomy_classes_has_its_body() -> None:
    a = article(FIDELITY / "wordpress-social-tag.md")
    body = "\n".join(texts(a))
    assert body.startswith("社交媒体账号是很多行动者最容易被攻破的地方")
    assert texts(a, "heading") == ["使用强密码和密码管理器", "打开两步验证"]
    assert "短信可以被劫持" in body
    # the entry-meta line, the share bar and the comments are not the post
    assert "Book & Documentary" not in body and "分享此文" not in body and "一条评论" not in body
    assert a.author == "Gabriel Fornard & McCaffrey"
    assert any(b.kind == "image" and b.text == "一把锁 & 一把钥匙" for b in a.body)


def test_real_wordpress_post_body_starts_with_the_post_not_its_meta_line() -> None:
    a = article(IYOUPORT)
    assert "McCaffrey" not in texts(a)[0] and "0 Minutes" not in "\n".join(texts(a))
    assert "塞拉利昂是最新一个拒绝更多中国贷款的国家" in "\n".join(texts(a))


@pytest.mark.parametrize("name", ["conversation.html", "conversation-fragment.md"])
def test_conversation_keeps_every_contribution_under_its_contributor(name: str) -> None:
    a = article(FIDELITY / name)
    headings = texts(a, "heading")
    contributors = (["Barry Naughton", "Victor Shih", "Lizzi C. Lee"] if name.endswith("html")
                    else ["Yaqiu Wang", "Shirley Yam"])
    assert [h for h in headings if h in contributors] == contributors
    kinds_texts = [(b.kind, b.text) for b in a.body]
    for who in contributors:  # each heading is followed by that contributor's text
        at = kinds_texts.index(("heading", who))
        assert kinds_texts[at + 1][0] == "paragraph" and len(kinds_texts[at + 1][1]) > 80
    assert "&" in a.author and "&#38;" not in a.author


def test_conversation_intro_comes_before_the_contributions() -> None:
    a = article(FIDELITY / "conversation.html")
    body = texts(a)
    intro = next(t for t in body if t.startswith("A ChinaFile Conversation"))
    assert body.index(intro) < body.index("Barry Naughton")
    assert "Asia Society" not in "\n".join(body)  # the footer is not a contribution


def test_a_styled_section_inside_a_story_is_not_taken_for_the_whole_body() -> None:
    a = article(FIXTURES / "zydd999__banned-news2/pages/nsc415/n12326671.md")  # has a section.article-body
    body = texts(a)
    assert body[0].startswith("【大纪元2020年08月13日讯】") and body[-1].endswith("于公立医院离世。◇")
    assert not any(t.startswith("责任编辑") for t in body)  # the desk editor's signature is chrome
    assert len(body) >= 7 and a.extraction == ""


def test_entities_are_decoded_in_the_author_of_a_real_file() -> None:
    assert article(CHINAFILE).author == "Abby Seiff & Joshua Kurlantzick"


# --- 2. the text-density fallback ---------------------------------------------------------------


def test_fallback_reads_a_page_no_shape_rule_understands_and_marks_it() -> None:
    a = article(FIDELITY / "unknown-layout.html")
    assert a.extraction == "fallback"
    body = "\n".join(texts(a))
    assert "清晨六点，李老师已经站在学校门口" in body and "继续做他们的老师" in body
    assert "版权所有" not in body and "更多本地新闻" not in body


@pytest.mark.parametrize("path", [FT, CDT, IYOUPORT, CHINAFILE, FIDELITY / "wordpress-social-tag.md"])
def test_fallback_leaves_pages_the_shape_rules_read(path: Path) -> None:
    assert article(path).extraction == ""


def test_fallback_finds_the_common_container_of_a_split_body() -> None:
    page = ("<body><nav>" + "<a href='/x'>栏目</a>" * 30 + "</nav><div><div class='x'>"
            + "<div><p>" + "第一部分的正文内容。" * 20 + "</p></div><div><p>" + "第二部分的正文内容。" * 20
            + "</p></div></div><ul>" + "<li><a href='/y'>相关文章标题</a></li>" * 20 + "</ul></div></body>")
    main_html = fallback.extract_html(page)
    assert "第一部分" in main_html and "第二部分" in main_html and "栏目" not in main_html


# --- 3. dates: approximate from the archive time, year-less datelines ---------------------------


@pytest.mark.parametrize("path", [FT, CDT])
def test_undated_feed_items_are_placed_by_their_archive_time(path: Path) -> None:
    a = article(path)
    assert a.published == "" and a.date_approx and a.archived
    assert a.when == a.archived and a.year == a.archived[:4]
    as_json = a.to_dict()
    assert as_json["published"] == "" and as_json["date_approx"] is True


def test_approximate_dates_place_articles_in_the_tree_and_pass_date_filters() -> None:
    a = article(FT)
    day = a.archived[:10]
    tree = Archive([a]).tree()
    assert [y.key for y in tree[0].years] == [day[:4]] and tree[0].years[0].months[0].key == day[5:7]
    assert parse_query(f"after:{day}").accepts(a.source, a.source_name, a.when)
    assert not parse_query(f"before:{day[:4]}-01-01").accepts(a.source, a.source_name, a.when)


def test_year_less_dateline_takes_its_year_from_the_image_stamp() -> None:
    a = article(FIDELITY / "reuters-yearless.md")
    assert (a.published, a.date_approx, a.source) == ("2018-08-28", False, "reuters")


def test_year_less_dateline_needs_evidence_that_agrees_within_a_month() -> None:
    lead = "路透北京8月28日 - 中国国家统计局周二公布"
    assert datehints.complete(lead, "", "", "2018-08-29T03:00:00+00:00") == "2018-08-28"
    assert datehints.complete(lead, "https://x.com/2019/08/30/a.html", "", "") == "2019-08-28"
    assert datehints.complete(lead, "", "", "2018-12-01T00:00:00+00:00") == ""  # too far
    both = "<img src='https://i.example/a.jpg?d=20170828'><img src='https://i.example/b.jpg?d=20180828'>"
    assert datehints.complete(lead, "", both, "") == ""  # the evidence disagrees: no guess
    assert datehints.complete("路透1月2日 - 新年", "", "", "2019-12-30T00:00:00+00:00") == "2020-01-02"
    assert datehints.complete("今年5月20日，他说", "", "", "2020-05-21T00:00:00+00:00") == ""


# --- 4. platform channels ------------------------------------------------------------------------


def test_platform_articles_are_grouped_by_channel_under_the_platform() -> None:
    robin, hammer, ft = article(YOUTUBE_ROBIN), article(YOUTUBE_HAMMER), article(FT)
    assert (robin.source, robin.channel) == ("youtube", "罗宾")
    assert (hammer.source, hammer.channel) == ("youtube", "铁锤观世界")
    assert ft.channel == ""
    groups = {g.key: g for g in Archive([robin, hammer, ft]).tree()}
    assert sorted(c.name for c in groups["youtube"].channels) == ["罗宾", "铁锤观世界"]
    assert groups["youtube"].count == 2 and not groups["ft"].channels
    channel = next(c for c in groups["youtube"].channels if c.name == "罗宾")
    assert [i for y in channel.years for m in y.months for i in m.ids] == [robin.id]


def test_source_filter_accepts_the_platform_or_the_channel() -> None:
    robin = article(YOUTUBE_ROBIN)
    meta = (robin.source, robin.source_name, robin.when, robin.channel)
    assert parse_query("source:youtube").accepts(*meta)
    assert parse_query("source:罗宾").accepts(*meta)
    assert not parse_query("source:铁锤观世界").accepts(*meta)


# --- 5. newstui check --stats --------------------------------------------------------------------


def test_check_stats_counts_per_source_and_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTUI_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "archive"
    folder.mkdir()
    for path in (FT, CDT, YOUTUBE_ROBIN, FIDELITY / "unknown-layout.html"):
        shutil.copy(path, folder / path.name)
    (folder / "stub.md").write_text("---\ntitle: 空\n---\n<div>" + "。" * 10 + "</div>\n", encoding="utf-8")
    assert main(["check", "--stats", "--json", str(folder)]) == 0
    rows = {(r["source"], r["shape"]): r for r in json.loads(capsys.readouterr().out)["rows"]}
    assert rows[("ft", "feed")]["approx"] == 1 and rows[("ft", "feed")]["undated"] == 0
    assert rows[("cdt", "feed")]["approx"] == 1
    assert rows[("example.org", "htmlpage")]["fallback"] == 1
    total = rows[("all", "all")]
    assert total["articles"] == 5 and total["fallback"] == 1 and total["approx"] == 2
    stub = next(r for r in rows.values() if any(p.endswith("stub.md") for p in r["undated_paths"]))
    assert stub["undated"] == 1 and stub["short"] == 1 and stub["lost"] == 0
    assert main(["check", "--stats", str(folder)]) == 0
    table = capsys.readouterr().out
    assert "fallback" in table.splitlines()[0] and "youtube" in table


def test_weaker_date_evidence_when_the_shape_gives_none(tmp_path: Path) -> None:
    # a scraped fragment with the page's own <time datetime>, no date in the front matter
    page = tmp_path / "post.md"
    stamp = "<p><time datetime='2021-08-24T21:01:25+08:00'>昨天</time></p>"
    page.write_text("---\ntitle: 无日期\nfrom: https://blog.example.net/p/1\n---\n"
                    + stamp + "<p>" + "正文。" * 60 + "</p>\n", encoding="utf-8")
    assert article(page).published == "2021-08-24T21:01:25+08:00"
    # a byline date at the top of the body
    byline = tmp_path / "byline.md"
    byline.write_text("### 标题\n---\n<p>记者 王小明 2022年5月17日</p><p>" + "正文。" * 60 + "</p>\n",
                      encoding="utf-8")
    assert article(byline).published == "2022-05-17"
    # nothing but the Jekyll date of the file name: an approximate (archive) day
    folder = tmp_path / "_posts"
    folder.mkdir()
    jekyll = folder / "2020-11-06-廣州雜談.md"
    jekyll.write_text("---\ntitle: 廣州雜談\n---\n<p>" + "正文。" * 60 + "</p>\n", encoding="utf-8")
    a = article(jekyll)
    assert (a.published, a.archived, a.date_approx, a.when) == ("", "2020-11-06", True, "2020-11-06")


def test_search_filters_by_channel_and_by_approximate_date() -> None:
    from tui.archive.search.opening import build_index

    robin, hammer, ft = article(YOUTUBE_ROBIN), article(YOUTUBE_HAMMER), article(FT)
    index = build_index(Archive([robin, hammer, ft]))
    assert [h.id for h in index.search("source:罗宾")] == [robin.id]
    assert {h.id for h in index.search("source:youtube")} == {robin.id, hammer.id}
    day = ft.archived[:10]
    hits = index.search(f"source:ft after:{day} before:{day}")
    assert [h.id for h in hits] == [ft.id] and hits[0].published == ""  # nothing false claimed
