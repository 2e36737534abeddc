"""Names as words, typos of pinyin and of long names, surnames and highlights: on hand-made articles
written as the real mirrors write them, through the search index (names, search, highlighting)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.search import index_of
from support.search import made as _made

from tui.app.article.render import Piece, find_matches
from tui.archive.search.engine import SearchIndex
from tui.archive.search.names.words import Words
from tui.archive.search.rank.listing import entity_hits

ARTICLES = [
    _made("magnitsky", "律师之死", "俄罗斯律师谢尔盖·马格尼茨基（Sergei Magnitsky）死于狱中。"),
    _made("magnitsky-act", "美国制裁", "美国依据《马格尼茨基法》制裁了两名官员。"),
    _made("global-act", "新一轮制裁", "财政部援引《全球马格尼茨基法案》宣布制裁。"),
    _made("abe", "日本首相访美", "日本首相安倍晋三周一抵达华盛顿。"),
    _made("abraham", "中东和约", "以色列与阿联酋签署亚伯拉罕协议。"),
    _made("john-lee", "港府宣布", "香港保安局局长李家超周三宣布撤回条例。"),
    _made("declaration", "主权移交", "根据中英联合声明，香港保持五十年不变。"),
    _made("joe", "白宫讲话", "美国总统乔·拜登（Joe Biden）周一讲话。"),
    _made("jill", "第一夫人", "第一夫人吉尔·拜登（Jill Biden）访问学校。"),
    _made("other-sarah", "以色列总理夫人", "以色列总理夫人莎拉周二访问医院。"),
    _made("russia", "俄罗斯与乌克兰", "俄罗斯军队周一越过边境。"),
    _made("both", "会谈", "俄罗斯外长会见了人权观察执行主任罗斯（Kenneth Roth）。"),
    _made("hk", "香港警方拘捕三人", "警方周一在旺角拘捕三人。"),
    _made("chris-tang", "警队回应", "警务处处长邓炳强（Chris Tang）周二表示，警方依法办事。"),
    _made("other", "天气预报", "明天多云，气温下降。"),
    _made("huawei-1", "美国制裁华为", "美国商务部周一宣布进一步限制华为（Huawei）获得芯片。"),
    _made("huawei-2", "华为手机业务", "分析师说，华为的手机业务面临断供。"),
    _made("huwei-town", "云林县虎尾镇", "云林县虎尾镇周日举行布袋戏节。"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    yield index_of(ARTICLES, tmp_path_factory.mktemp("data"))


def found(index: SearchIndex, query: str) -> set[str]:
    return {h.id for h in index.search(query, limit=100)}


MAGNITSKY = {"magnitsky", "magnitsky-act", "global-act"}
CASES = [
    # a name inside a longer name built on it (a law, a "global" law) is still that name
    ("马格尼茨基", MAGNITSKY), ("馬格尼茨基", MAGNITSKY), ("magnitsky", MAGNITSKY),
    # Abe is not Abraham (the lexicon no longer joins 亚伯, "short form for Abraham", to 安倍)
    ("安倍晋三", {"abe"}), ("shinzo abe", {"abe"}), ("abe", {"abe"}),
    # a slip in the pinyin of a full name
    ("lijiacho", {"john-lee"}), ("lijiachao", {"john-lee"}), ("magenicji", MAGNITSKY),
    # a typo in some words of a longer name, typed in part
    ("joint decleration", {"declaration"}), ("sino-british joint declaration", {"declaration"}),
    # a surname finds the family by the surname, not by a first name someone else shares
    ("biden", {"joe", "jill"}), ("拜登", {"joe", "jill"}),
    # Hong Kong's Cantonese spellings (and toneless Jyutping) of the names the index knows
    ("heung gong", {"hk", "john-lee", "declaration"}), ("hoeng gong", {"hk", "john-lee", "declaration"}),
    ("lee ka-chiu", {"john-lee"}), ("tang ping-keung", {"chris-tang"}), ("chris tang", {"chris-tang"}),
    # a word that names something rare (虎尾, a town in one article) may still be a typo of a name
    ("huwei", {"huwei-town", "huawei-1", "huawei-2"}), ("huawei", {"huawei-1", "huawei-2"}),
    ("虎尾", {"huwei-town"}),
    # still precise
    ("罗斯", {"both"}),
]


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[q for q, _ in CASES])
def test_lookup_finds_exactly(index: SearchIndex, query: str, expected: set[str]) -> None:
    assert found(index, query) == expected


def test_words_of_the_language_around_a_name_keep_it_a_name() -> None:
    words = Words([("马格尼茨基", 0), ("全球马格尼茨基法案", 1), ("马格尼茨基法", 2), ("罗斯", 3),
                   ("俄罗斯", 4), ("罗斯福", 5), ("亚伯", 6), ("亚伯拉罕", 7), ("高雄", 8),
                   ("韩国瑜", 9), ("高雄市长韩国瑜", 10), ("巴基斯坦", 11), ("斯坦", 12)])
    assert words.blockers("马格尼茨基") == []  # 全球 (global), 法 (law): words, not sounds
    assert words.blockers("韩国瑜") == []  # 高雄 (a name) + 市长 (mayor)
    assert sorted(words.blockers("罗斯")) == [("俄罗斯", 1), ("罗斯福", 0)]
    assert words.blockers("亚伯") == [("亚伯拉罕", 0)]
    assert words.blockers("斯坦") == [("巴基斯坦", 2)]


def test_names_panel_keeps_abraham_apart_from_abe(index: SearchIndex) -> None:
    abe = [e for e in index.entities if "安倍晋三" in e.aliases]
    assert len(abe) == 1 and "亚伯" not in abe[0].aliases and set(abe[0].articles) == {"abe"}


def test_article_highlights_skip_a_name_inside_a_longer_one(index: SearchIndex) -> None:
    text = "俄罗斯外长会见了人权观察执行主任罗斯（Kenneth Roth）。"
    pieces = [Piece("title", "会谈"), Piece("paragraph", text)]
    shown = [(i, pieces[i].text[a:b], a) for i, a, b in find_matches(pieces, index.terms("罗斯"))]
    # not the 罗斯 of 俄罗斯
    assert shown == [(1, "罗斯", text.rindex("罗斯")), (1, "Kenneth Roth", text.index("Kenneth"))]
    quoted = [pieces[i].text[a:b] for i, a, b in find_matches(pieces, index.terms('"罗斯"'))]
    assert quoted == ["罗斯", "罗斯"]  # a quoted phrase is a plain substring
    law = [Piece("paragraph", "财政部援引《全球马格尼茨基法案》宣布制裁。")]
    assert [law[0].text[a:b] for _, a, b in find_matches(law, index.terms("马格尼茨基"))] == ["马格尼茨基"]


def test_an_entity_listing_lights_its_name_only_where_search_counted_it(index: SearchIndex) -> None:
    """One rule for what is lit: Roth's listing and the article opened from it light 罗斯 where
    his articles were counted, not inside 俄罗斯 (the app once lit every substring of an alias)."""
    roth = next(e for e in index.entities if "Kenneth Roth" in e.aliases)
    assert index.archive is not None and set(roth.articles) == {"both"}
    hits = entity_hits(index.archive, roth, index.entity_terms(roth), 10)
    snippet = hits[0].snippet
    assert [snippet[max(0, a - 1):b] for a, b in hits[0].spans] == ["任罗斯", "（Kenneth Roth"]
    text = "俄罗斯外长会见了人权观察执行主任罗斯（Kenneth Roth）。"
    pieces = [Piece("title", "会谈"), Piece("paragraph", text)]
    shown = [(pieces[i].text[a:b], a) for i, a, b in find_matches(pieces, index.entity_terms(roth))]
    assert shown == [("罗斯", text.rindex("罗斯")), ("Kenneth Roth", text.index("Kenneth"))]


def test_an_organisation_named_after_a_place_keeps_the_place_a_name() -> None:
    words = Words([("香港", 0), ("香港众志", 1), ("亚伯", 2), ("亚伯拉罕", 3)],
                  ["place", "organisation", "person", "person"])
    assert words.blockers("香港") == []  # Demosistō is named after Hong Kong
    assert words.blockers("亚伯") == [("亚伯拉罕", 0)]  # Abraham is another transliteration
