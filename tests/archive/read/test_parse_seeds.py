"""Every field of the five seed articles, as a careful human reader of each file expects."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.paths import ROOT

from tui.archive.model import Article
from tui.archive.read.parse import article_id, parse_bytes, parse_file

SEEDS = ROOT / "seeds"

EXPECTED = {
    "000_4c6cbf32803198d8.txt": dict(
        shape="feed", source="voa", source_name="美国之音",
        title="拜登与岸田峰会旨在建立更深入、区域整合度更高的美日安全关系",
        url="https://www.voachinese.com/a/biden-kishida-summit-aims-for-deeper-more-regionally-"
            "integrated-us-japan-security-ties-20240409/7563876.html",
        published="2024-04-10T01:54:23+00:00",  # RFC 822 GMT
        archived="2024-04-10T01:59:03+00:00",  # <!--1712714343000-->
        author="",
        image=("https://gdb.voanews.com/b2aa4549-28ff-4ec8-9dd1-b0afd74936eb_r1_s_w900.jpg",
               "美国总统拜登和第一夫人吉尔·拜登2024年4月9日在白宫欢迎日本首相岸田文雄和夫人岸田裕子。"),
        first="白宫 — 美国总统乔·拜登（Joe Biden）周二(4月9日）晚上在白宫迎来日本首相岸田文雄",
        last="这是拜登自2021年上任以来第五次主办国宴。",
        headings=["更广泛的地区框架", "日本在“奥库斯”中的角色", "新日铁"],
        link=("表示", "https://www.cnas.org/publications/transcript/"),
        blocks=(25, 45),
    ),
    "001_c2738428f6024cef.txt": dict(
        shape="feed", source="voa", source_name="美国之音",
        title="布林肯抵达日本 将举行美日2+2会谈、四方安全会谈",
        url="https://www.voachinese.com/a/blinken-in-japan-for-2-2-talks-and-quad-20240728/7715815.html",
        published="2024-07-28T06:34:03+00:00",
        archived="2024-07-28T06:39:03+00:00",
        author="",
        image=("https://gdb.voanews.com/61d81dbc-1e7f-40e0-bf8f-7743cb4263e5_r1_s_w900.jpg",
               "美国国务卿布林肯(左二)和国防部长奥斯汀(左一)星期日与日本外务大臣上川阳子(右二)和防卫大臣"
               "木原稔(右一)举行“2+2”安全会谈。(法新社，2024年7月28日。)"),
        first="美国国务卿安东尼·布林肯(Antony Blinken)星期日(7月28日)抵达日本。",
        last="(此文依据了法新社的报道。)",
        headings=["驻日美军司令部拟新设组织对接自卫队"],
        link=None,
        blocks=(15, 25),
    ),
    "002_0131cbee62deb301.txt": dict(
        shape="feed", source="rfi", source_name="法广",
        # "要闻解说" is RFI's column, part of the headline as published (not a site suffix).
        title="美日2+2会议：警惕中国 强化同盟 - 要闻解说",
        url="https://www.rfi.fr/cn/%E4%B8%93%E6%A0%8F%E6%A3%80%E7%B4%A2/%E8%A6%81%E9%97%BB%E8%A7%A3%E8%AF%B4/"
            "20220107-%E7%BE%8E%E6%97%A52-2%E4%BC%9A%E8%AE%AE-%E8%AD%A6%E6%83%95%E4%B8%AD%E5%9B%BD-"
            "%E5%BC%BA%E5%8C%96%E5%90%8C%E7%9B%9F",
        published="2022-01-07T13:38:00+01:00",  # 07/01/2022 is day first, Paris winter time
        archived="2022-01-07T12:45:01+00:00",
        author="",
        image=None,
        first="在与中国和朝鲜地区紧张不断加剧的背景下，美、日外长与防长周五（1月7日）召开2+2会议",
        last="林芳正在今天在会谈中再度向美方强烈提出要求美方尽速采取严格防疫措施，包括限制基地人员外出。",
        headings=[],
        link=None,
        blocks=(8, 14),
    ),
    "003_815426ba424d9465.txt": dict(
        shape="mirror", source="epochtimes", source_name="大纪元",
        title="美日加强战略关系 为携手抗共铺平道路",
        url="https://www.epochtimes.com/gb/22/1/10/n13495702.htm",  # from the 原文链接 trailer
        published="2022-01-11",  # the dateline 【大纪元2022年01月11日讯】: a day, no clock time
        archived="",
        author="",
        image=("https://i.epochtimes.com/assets/uploads/2022/01/id13495812-GettyImages-1237158823-600x400.jpg",
               "图为2021年12月11日，美国国务卿布林肯（左）和日本外相林芳正（右）在英格兰举行的G7外长峰会上"
               "举行双边会晤。（OLIVIER DOULIERY/POOL/AFP via Getty Images）"),
        first="【大纪元2022年01月11日讯】（大纪元记者戴芙若综合报导）2022年1月6日，美国和日本举行了",
        last="包括应对导弹威胁的能力。”",  # the desk editor's signature after it is chrome
        headings=[],
        link=None,
        blocks=(15, 20),
    ),
    "004_49505b52b58d57e7.txt": dict(
        shape="feed", source="rfi", source_name="法广",
        title="澳英美正探讨日本参与奥库斯协议 共同开发先进防务能力",
        url="https://www.rfi.fr/cn/%E5%9B%BD%E9%99%85/20240303-%E6%BE%B3%E8%8B%B1%E7%BE%8E%E8%80%83%E8%99%91"
            "%E6%97%A5%E6%9C%AC%E5%8F%82%E4%B8%8E%E5%A5%A5%E5%BA%93%E6%96%AF%E5%8D%8F%E8%AE%AE-%E5%85%B1"
            "%E5%90%8C%E5%8F%91%E5%B1%95%E5%85%88%E8%BF%9B%E9%98%B2%E5%8A%A1%E8%83%BD%E5%8A%9B",
        published="2024-03-03T15:57:00+01:00",  # before the 31 March switch to summer time
        archived="2024-03-03T15:15:01+00:00",
        author="",
        image=("https://s.rfi.fr/media/display/d843a576-6108-11ee-951c-005056a90321/w:1280/p:16x9/"
               "AP23072766033200.jpg", ""),
        first="美国官员向《日经亚洲》表示，美国已开始与英国和澳大利亚就邀请日本",
        last="这种松懈的网络安全可能会阻碍五角大楼与日本同行之间的情报共享。",
        headings=[],
        link=None,
        blocks=(8, 12),
    ),
}

CHROME = ("Array", "分享", "facebook", "whatsapp", "share", "首页", "翻墙", "原文链接", "gfw-breaker",
          "获取更多RSS", "Feed enhanced", "data-selfpromo", "责任编辑")
MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]{2,8});|[\u00a0\u200b\r]")


def seed(name: str) -> Article:
    result = parse_file(SEEDS / name)
    assert isinstance(result, Article), result
    return result


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_envelope_fields(name: str) -> None:
    art, want = seed(name), EXPECTED[name]
    path = str((SEEDS / name).absolute())
    assert art.path == path
    assert art.id == article_id(path) and re.fullmatch(r"[0-9a-f]{16}", art.id)
    for field in ("shape", "source", "source_name", "title", "url", "published", "archived", "author"):
        assert getattr(art, field) == want[field], field
    if want["image"] is None:
        assert art.image is None
    else:
        assert art.image is not None and (art.image.url, art.image.caption) == want["image"]
    assert art.missing() == ([] if want["published"] else ["published"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_body(name: str) -> None:
    art, want = seed(name), EXPECTED[name]
    if art.image is not None and art.image.caption:  # a captioned lead stays first, searched like any caption
        assert art.body[0].kind == "image" and art.body[0].url == art.image.url
    lead = art.image.url if art.image is not None else None
    body = [b for b in art.body if not (b.kind == "image" and b.url == lead)]
    texts = [b.text for b in body]
    low, high = want["blocks"]
    assert low <= len(body) <= high
    assert body[0].kind == "paragraph" and texts[0].startswith(want["first"])
    assert art.body[-1].kind == "paragraph" and texts[-1].endswith(want["last"])
    assert [b.text for b in art.body if b.kind == "heading"] == want["headings"]
    for block in art.body:
        assert block.text.strip() == block.text and block.text, block
        assert not MARKUP.search(block.text), block.text
        assert not any(c.lower() in block.text.lower() for c in CHROME), block.text
        assert want["title"] not in block.text  # the title is not repeated as body
    if want["image"]:  # the lead image's caption is the image's, not a body paragraph
        caption = want["image"][1]
        assert not caption or not any(caption in text for text in texts)
    if want["link"]:
        text, prefix = want["link"]
        links = [link for b in art.body for link in b.links]
        assert any(link.text == text and link.url.startswith(prefix) for link in links)


def test_ids_are_hex_distinct_and_independent_of_the_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [seed(name).id for name in EXPECTED]
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids), ids
    assert len(set(ids)) == len(EXPECTED) == 5
    name = sorted(EXPECTED)[0]
    first = seed(name)
    monkeypatch.chdir(SEEDS)  # not the cwd the tests run from
    again = parse_file(Path(name))  # relative to the new cwd
    assert isinstance(again, Article), again
    assert again.id == first.id
    assert Path(again.path).is_absolute() and again.path == first.path == str(SEEDS / name)
    roundabout = parse_file(Path("..") / SEEDS.name / name)  # as the loader and CLI name it
    assert isinstance(roundabout, Article) and (roundabout.id, roundabout.path) == (first.id, first.path)


def test_same_bytes_same_article() -> None:
    name = "003_815426ba424d9465.txt"
    path = str((SEEDS / name).absolute())
    assert parse_bytes((SEEDS / name).read_bytes(), path) == seed(name)
