"""Domain -> source, and the text evidence used when the URL is missing or a mirror's own."""

from __future__ import annotations

import pytest

from tui.archive.read import sources


@pytest.mark.parametrize(
    ("url", "key", "name"),
    [
        ("https://www.voachinese.com/a/x/7563876.html", "voa", "美国之音"),
        ("https://www.rfi.fr/cn/x", "rfi", "法广"),
        ("http://www.bbc.com/zhongwen/simp/uk-53470961", "bbc", "BBC中文"),
        ("https://www.bbc.co.uk/zhongwen/trad/x", "bbc", "BBC中文"),
        ("https://www.dw.com/zh/x/a-54243544", "dw", "德国之声"),
        ("https://www.epochtimes.com/gb/22/1/10/n13495702.htm", "epochtimes", "大纪元"),
        ("https://www.ntdtv.com/gb/2020/10/08/a102959061.html", "ntdtv", "新唐人"),
        ("https://www.rfa.org/mandarin/x.html", "rfa", "自由亚洲电台"),
        ("https://www.soundofhope.org/post/344539", "soh", "希望之声"),
        ("https://www.secretchina.com/news/gb/2020/09/15/946108.html", "secretchina", "看中国"),
        ("https://cn.nytimes.com/usa/20200720/x/", "nyt", "纽约时报"),
        ("https://cn.ft.com/story/001088602?full=y", "ft", "FT中文网"),
        ("https://cn.reuters.com/article/x", "reuters", "路透"),
        ("https://chinadigitaltimes.net/chinese/2020/07/x/", "cdt", "中国数字时代"),
        ("mp.weixin.qq.com/s?__biz=MzU1ODM1ODM1Ng==", "wechat", "微信公众号"),
        ("https://en.minghui.org/html/articles/x.html", "minghui", "明慧网"),
        ("https://matters.news/@penfarming/x", "matters", "Matters"),
        ("https://hulitw.medium.com/x", "medium", "Medium"),
        ("https://pao-pao.net/article/164", "paopao", "泡泡"),
        ("https://www.youtube.com/watch?v=cgMzy-5f-qw", "youtube", "YouTube"),
        ("https://news.example.co.uk/a/b", "example.co.uk", "example.co.uk"),  # fallback
        ("https://nei.st/medium/economist/x", "nei.st", "nei.st"),
    ],
)
def test_from_url(url: str, key: str, name: str) -> None:
    source = sources.identify(url=url)
    assert (source.key, source.name) == (key, name)


def test_display_has_a_latin_label() -> None:
    assert sources.make("voa").display == "美国之音 VOA"
    assert sources.make("matters").display == "Matters"


def test_mirror_urls_are_no_evidence() -> None:
    assert sources.from_url("https://github.com/gfw-breaker/banned-news3/blob/master/pages/p5/1.md") is None
    assert sources.from_url("http://141.164.39.94:10000/videos/legend/425.html") is None


def test_text_evidence_when_the_url_is_missing() -> None:
    assert sources.identify(publisher="大紀元").key == "epochtimes"
    assert sources.identify(publisher="新唐人").key == "ntdtv"
    html = '<img src="https://img.soundofhope.org/2019-11/1.jpeg"/><a href="https://github.com/x">x</a>'
    assert sources.identify(html=html).key == "soh"
    assert sources.identify(path="/archive/pages/soh7/317605.md").key == "soh"
    assert sources.identify(path="/archive/articles/美国之音/1.md").key == "voa"
    assert sources.identify().key == "unknown"


def test_url_beats_weaker_evidence() -> None:
    got = sources.identify(url="https://www.rfa.org/x.html", publisher="大纪元", path="/pages/soh7/1.md")
    assert got.key == "rfa"


def test_registrable() -> None:
    assert sources.registrable("www.bbc.co.uk") == "bbc.co.uk"
    assert sources.registrable("cn.nytimes.com") == "nytimes.com"
    assert sources.registrable("localhost") == "localhost"
