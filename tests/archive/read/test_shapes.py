"""Each file shape on small synthetic files, encodings, and inputs that must be rejected."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tui.archive.model import Article, Rejection
from tui.archive.read.parse import MAX_BYTES, parse_bytes, parse_file
from tui.archive.read.shapes import detect

BODY = "<p>【大纪元2020年06月01日讯】第一段正文。</p><p>第二段正文。</p>"


def art(text: str | bytes, path: str = "/archive/x.md") -> Article:
    result = parse_bytes(text.encode("utf-8") if isinstance(text, str) else text, path)
    assert isinstance(result, Article), result
    return result


def rejected(data: bytes, path: str = "/archive/x.md") -> str:
    result = parse_bytes(data, path)
    assert isinstance(result, Rejection), result
    assert result.reason and "\n" not in result.reason
    return result.reason


FEED = ("<!--1595253252000-->\n[全球新冠疫苗研发或已入冲刺阶段](https://www.dw.com/zh/x/a-54243544)\n------\n\n"
        "<div><i>  null 李澄欣<br>2020-07-20T13:24:12.498Z</i></div><p>（德国之声中文网）世界卫生组织。</p>")


def test_feed_with_author_and_date_line() -> None:
    a = art(FEED)
    assert (a.shape, a.source, a.source_name) == ("feed", "dw", "德国之声")
    assert a.title == "全球新冠疫苗研发或已入冲刺阶段"
    assert (a.published, a.archived, a.author) == ("2020-07-20T13:24:12+00:00", "2020-07-20T13:54:12+00:00",
                                                    "李澄欣")
    assert [b.text for b in a.body] == ["（德国之声中文网）世界卫生组织。"]


def test_feed_variants() -> None:
    cdt = art("[标题](https://chinadigitaltimes.net/chinese/2020/06/x/)\n------\n日期：Sat, 13 Jun 2020 "
              "13:10:44 +0000\n\n<p>正文</p>")
    assert (cdt.source, cdt.published, cdt.archived) == ("cdt", "2020-06-13T13:10:44+00:00", "")
    nan = art("<!--NaN-->\n[标题](https://www.allnow.com/post/1)\n------\n\n<div><p>正文</p></div>")
    assert nan.archived == "" and nan.source == "allnow.com"
    ft = art("<!--1595199134000-->\n[疫情](https://cn.ft.com/story/001088602?full=y)\n------\n\n"
             "<div></div><div class=\"story-lead\">导语</div><p>正文</p>")
    assert ft.published == "" and ft.body[0].text == "导语"
    nyt = art("[标题](https://cn.nytimes.com/usa/20200720/x/)\n------\n\n<div><i>MICHAEL D. SHEAR,MICHAEL D. "
              "SHEAR<br>2020-07-20 17:51:00</i></div><p>华盛顿——正文</p>")
    assert (nyt.author, nyt.published) == ("MICHAEL D. SHEAR", "2020-07-20T17:51:00+08:00")
    rfa = art("[标题](https://www.rfa.org/mandarin/yataibaodao/zhengzhi/cm-07202020104623.html)\n------\n\n"
              "<p>正文</p>")
    assert rfa.published == "2020-07-20T10:46:23-04:00"


def test_title_site_suffix_dropped_but_column_kept() -> None:
    a = art("[疫情冲击足坛 2020年金球奖取消颁奖 – 法国国际广播电台 - RFI](http://www.rfi.fr//cn/contenu/"
            "20200720-x)\n------\n\n<div>20/07/2020 - 17:50</div><p>正文</p>")
    assert (a.title, a.published) == ("疫情冲击足坛 2020年金球奖取消颁奖", "2020-07-20T17:50:00+02:00")
    b = art("[美日2+2会议 - 要闻解说](https://www.rfi.fr/cn/20220107-x)\n------\n\n<p>正文</p>")
    assert b.title == "美日2+2会议 - 要闻解说"


def test_front_matter_then_feed_keeps_the_precise_offset() -> None:
    a = art('---\nlayout: post\ntitle: "到日本工作怎麼繳稅？"\ndate: 2014-09-02T15:47:20+02:00\n'
            "author: Huli\nfrom: https://hulitw.medium.com/x?source=rss\ntags: [ medium ]\n---\n"
            "<!--1409665640000-->\n"
            "[到日本工作怎麼繳稅？](https://hulitw.medium.com/x?source=rss)\n------\n\n<div><p>正文</p></div>")
    assert (a.shape, a.source, a.title, a.author) == ("frontmatter", "medium", "到日本工作怎麼繳稅？", "Huli")
    assert a.published == "2014-09-02T15:47:20+02:00" and a.archived == "2014-09-02T13:47:20+00:00"
    assert a.url == "https://hulitw.medium.com/x?source=rss"


def test_front_matter_with_html_fragment() -> None:
    a = art('---\ntitle: "BadUSB（下）"\ndate: 2014-09-02\nfrom: https://pao-pao.net/article/164\n---\n\n'
            '<section><div class="content"><p>正文一。</p></div></section>\n')
    assert (a.shape, a.source, a.published, a.url) == ("frontmatter", "paopao", "2014-09-02",
                                                       "https://pao-pao.net/article/164")


MIRROR = """### 蓬佩奥缩短东亚行程 四方同盟会议仍不变
------------------------

#### [首页](https://github.com/gfw-breaker/banned-news3/blob/master/README.md) &nbsp;|&nbsp; [翻墙](https://github.com/x)

<div><img alt="x" src="https://i.epochtimes.com/assets/uploads/2020/02/a.jpg"/>
<div class="caption">
 美国国务卿蓬佩奥。
</div></div><hr/>

#### 💥 [《伪火》 - 天安门自焚真相 ](http://158.247.195.190:10000/videos/blog/weihuo.html)

<div><p>
 【大纪元2020年10月04日讯】（大纪元记者张婷综合报导）美国国务卿
 <ok href="https://www.epochtimes.com/gb/tag/x.html">
  蓬佩奥
 </ok>
 将缩短行程。
</p></div>
<hr/>
手机上长按并复制下列链接或二维码分享本文章：<br/>
https://github.com/gfw-breaker/banned-news3/blob/master/pages/nf4514/n12452101.md <br/>
<a href='https://github.com/x.md'><img src='https://github.com/x.md.png'/></a> <br/>
原文地址（需翻墙访问）：https://www.epochtimes.com/gb/20/10/4/n12452101.htm


------------------------
#### [首页](https://github.com/gfw-breaker/banned-news3/blob/master/README.md) &nbsp;|&nbsp; [一键翻墙软件](https://github.com/x)


<img src='http://gfw-breaker.win/banned-news3/pages/nf4514/n12452101.md' width='0px' height='0px'/>"""


def test_mirror_page() -> None:
    a = art(MIRROR, "/archive/pages/nf4514/n12452101.md")
    assert (a.shape, a.source, a.source_name) == ("mirror", "epochtimes", "大纪元")
    assert a.title == "蓬佩奥缩短东亚行程 四方同盟会议仍不变"
    assert a.url == "https://www.epochtimes.com/gb/20/10/4/n12452101.htm"
    assert a.published == "2020-10-04"  # the dateline's day wins over nothing
    text = a.text()
    for chrome in ("首页", "伪火", "手机上长按", "原文地址", "github", "gfw-breaker"):
        assert chrome not in text
    assert "美国国务卿蓬佩奥将缩短行程" in text.replace(" ", "")


def test_mirror_without_url_uses_text_evidence() -> None:
    page = MIRROR.replace("原文地址（需翻墙访问）：https://www.epochtimes.com/gb/20/10/4/n12452101.htm", "")
    a = art(page.replace("大纪元", "希望之声").replace("i.epochtimes.com", "img.soundofhope.org"))
    assert (a.url, a.source) == ("", "soh")


@pytest.mark.parametrize("label", ["原文链接（需翻墙）：", "原文链接：", "原文地址（需翻墙访问）："])
def test_mirror_trailers(label: str) -> None:
    a = art(f"### 标题\n\n---\n\n<p>正文。</p>\n\n---\n\n{label}https://www.ntdtv.com/gb/2020/08/04/a1.html\n")
    assert a.url == "https://www.ntdtv.com/gb/2020/08/04/a1.html"
    assert (a.source, a.published) == ("ntdtv", "2020-08-04")
    assert [b.text for b in a.body] == ["正文。"]


def test_saved_page_normalises_a_schemeless_url() -> None:
    page = ('<!-- {"url":"mp.weixin.qq.com/s?__biz=Mz==&mid=1","title":"2分钟盘点","nickname":"虎次郎",'
            '"created_at":"2020-10-04"} -->\n<!DOCTYPE html><html><head><title>x</title></head><body>'
            '<div id="menu">菜单</div><div id="js_content"><p>正文一。</p></div>'
            '<script>var ct = "1601794143";</script></body></html>')
    a = art(page)
    assert (a.shape, a.source, a.title) == ("savedpage", "wechat", "2分钟盘点")
    assert a.url == "https://mp.weixin.qq.com/s?__biz=Mz==&mid=1"
    assert (a.published, a.author) == ("2020-10-04T14:49:03+08:00", "虎次郎")
    assert [b.text for b in a.body] == ["正文一。"]


def test_bare_html_page() -> None:
    a = art('<!doctype html><html><head><meta property="og:title" content="标题"><link rel="canonical" '
            'href="https://www.voachinese.com/a/x.html"><meta property="article:published_time" '
            'content="2024-04-10T01:54:23Z"></head><body><nav>导航</nav><article><p>正文。</p></article></body>'
            "</html>")
    assert (a.shape, a.source, a.title) == ("htmlpage", "voa", "标题")
    assert a.published == "2024-04-10T01:54:23+00:00"


def test_markdown() -> None:
    a = art("# 标题\n\n第一段 [链接](https://example.com/a)。\n\n第二段。\n")
    assert (a.shape, a.title, len(a.body)) == ("markdown", "标题", 2)
    assert a.body[0].links and a.body[0].links[0].url == "https://example.com/a"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_encodings(encoding: str) -> None:
    text = "[美国和日本举行了会议](https://www.epochtimes.com/gb/22/1/10/n1.htm)\n------\n\n" + BODY
    a = art(text.encode(encoding))
    assert a.title == "美国和日本举行了会议" and a.published == "2020-06-01"  # the dateline beats the URL


def test_big5_and_line_endings() -> None:
    text = "### 美國和日本舉行了會議\r\n---\r\n\r\n<p>【大紀元2022年01月11日訊】正文。</p>\r<p>第二段。</p>"
    a = art(text.encode("big5"))
    assert (a.title, a.published, a.source) == ("美國和日本舉行了會議", "2022-01-11", "epochtimes")
    assert all("\r" not in b.text for b in a.body)


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x00\x01\x02PNG" * 100, "binary"),
        (bytes(range(256)) * 40, "binary"),
        (b"just some words, no title header\n", "not an article"),
        (b"<!--1595253252000-->\n", "not an article"),
        (b"[]()\n------\n", "not an article"),
        (b"### \n---\n", "not an article"),
        ("### 只有标题\n---\n".encode(), "stub"),
    ],
)
def test_rejections(data: bytes, word: str) -> None:
    assert word in rejected(data)


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    assert isinstance(parse_file(tmp_path / "missing.md"), Rejection)
    assert "cannot read" in parse_file(tmp_path).reason  # type: ignore[union-attr]
    big = tmp_path / "big.md"
    big.write_bytes(b"### t\n---\n" + b"x" * MAX_BYTES)
    assert "too large" in parse_file(big).reason  # type: ignore[union-attr]
    odd = tmp_path / "odd name 【】 ?.md"
    odd.write_bytes(FEED.encode())
    got = parse_file(odd)
    assert isinstance(got, Article) and got.path == str(odd.absolute())


def test_no_input_raises() -> None:
    rng = random.Random(7)
    pieces = [b"<!--", b"-->", b"[", b"](", b")", b"\n------\n", b"###", b"---\n", b"<div>", b"</div>",
              b"\xe4\xb8\xad", b"\xff", b"<!-- {", b'"url":', b"} -->", b"<p>", "【大纪元".encode(), b"\r"]
    for _ in range(400):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert isinstance(parse_bytes(data, "/x"), Article | Rejection)
    deep = "### t\n---\n" + "<div>" * 5000 + "<p>x</p>" + "</div>" * 5000
    assert isinstance(parse_bytes(deep.encode(), "/x"), Article | Rejection)


def test_detect_order() -> None:
    assert detect("---\ntitle: x\n---\n[x](https://a.b/c)\n------\n")[0] == "frontmatter"  # type: ignore[index]
    assert detect('<!-- {"url": "a.b/c"} -->\n<html></html>')[0] == "savedpage"  # type: ignore[index]
    assert detect("<!--1-->\n[x](https://a.b/c)\n------\n")[0] == "feed"  # type: ignore[index]
    assert detect("nothing") is None


def test_a_saved_page_body_is_the_first_container_holding_text() -> None:
    page = ("<!DOCTYPE html><html><head><title>A saved page</title></head><body>"
            "<main><article class=teaser></article></main>"
            "<div id=content><p>The real text of the page is here.</p></div></body></html>")
    article = parse_bytes(page.encode(), "/archive/page.html")
    assert isinstance(article, Article), article
    assert [b.text for b in article.body] == ["The real text of the page is here."]
