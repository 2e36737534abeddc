"""Lookup across scripts, languages and spellings, and precise: on hand-made articles written as the
real mirrors write them (Traditional and Simplified, regional transliterations, unglossed names)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.search import index_of
from support.search import made as _made

from tui.app.article.render import Piece, find_matches
from tui.archive.search.engine import SearchIndex

ARTICLES = [
    _made("xi-s", "习近平出席会议", "中共领导人习近平周一在北京讲话。"),
    _made("xi-t", "習近平出訪", "中共領導人習近平週一抵達莫斯科。"),
    _made("trump-mainland", "特朗普发表讲话", "美国前总统特朗普说，他将再次参选。"),
    _made("trump-taiwan", "川普談貿易", "美國前總統川普表示，關稅將繼續。"),
    _made("pompeo-1", "国务卿访问亚洲", "美国国务卿庞培欧（Mike Pompeo）抵达东京。"),
    _made("pompeo-2", "蓬佩奥的讲话", "蓬佩奥在演讲中批评了中共。"),
    _made("huawei", "华为发布新手机", "华为公司周二发布了新款手机。"),
    _made("melt", "冰雪融化为水", "春天到了，冰雪渐渐融化为水。"),
    _made("misspelt", "通稿笔误", "一份通稿把华为的英文名写成了Huwei。"),
    _made("russia", "俄罗斯与乌克兰", "俄罗斯军队周一越过边境。"),
    # (罗斯 alone is a surname, Roth, Ross or Rose: the surname of a person the archive glosses)
    _made("roth", "人权观察批评", "人权观察执行主任肯尼斯·罗斯（Kenneth Roth）说，当局必须释放他们。"),
    _made("both", "会谈", "俄罗斯外长会见了罗斯。"),
    _made("tsai", "蔡英文總統談兩岸", "台灣總統蔡英文週二表示，台灣不會屈服。"),
    _made("carrie", "林鄭月娥宣布", "香港特首林鄭月娥週三宣布撤回條例。"),
    _made("joshua", "黄之锋被捕", "香港社运人士黄之锋周五被捕。"),
    _made("uyghur", "新疆维吾尔人", "数以百万计的维吾尔人被关押在新疆的营地里。"),
    _made("who", "世界衛生組織警告", "世界衛生組織週一發出警告。"),
    _made("navalny", "纳瓦尔尼去世", "俄罗斯反对派领袖纳瓦尔尼在狱中去世。"),
    _made("mao", "毛泽东时代", "毛泽东发动了文化大革命。"),
    _made("nanshan", "钟南山谈疫情", "钟南山院士周日表示，疫情可防可控。"),
    _made("nanhai", "中南海动向", "中南海内部权斗激烈。"),
    _made("jackma", "马云现身", "阿里巴巴创始人马云近日露面。"),
    _made("english", "英文引语", "He asked: who would come to the meeting?"),
    _made("other", "天气预报", "明天多云，气温下降。"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    yield index_of(ARTICLES, tmp_path_factory.mktemp("data"))


def found(index: SearchIndex, query: str) -> set[str]:
    return {h.id for h in index.search(query, limit=100)}


XI, TRUMP, POMPEO = {"xi-s", "xi-t"}, {"trump-mainland", "trump-taiwan"}, {"pompeo-1", "pompeo-2"}
CASES = [
    # scripts fold: either script finds both
    ("习近平", XI), ("習近平", XI), ("xi jinping", XI), ("xijinping", XI),
    ("蔡英文", {"tsai"}), ("世界卫生组织", {"who"}), ("林郑月娥", {"carrie"}),
    # regional transliterations are one person
    ("特朗普", TRUMP), ("川普", TRUMP), ("trump", TRUMP), ("donald trump", TRUMP),
    ("蓬佩奥", POMPEO), ("庞培欧", POMPEO), ("pompeo", POMPEO),
    # English names the archive never glosses, from the lexicon
    ("russia", {"russia", "navalny", "both"}),
    ("world health organization", {"who"}), ("世卫", {"who"}),  # not every English "who"
    ("navalny", {"navalny"}),
    ("uyghur", {"uyghur"}), ("huawei", {"huawei", "misspelt"}),
    ("huwei", {"huawei", "misspelt"}),  # a typo, even where one article misspells it so too
    # Wade–Giles, Taiwanese and Cantonese spellings
    ("tsai ing-wen", {"tsai"}), ("mao tse-tung", {"mao"}), ("carrie lam", {"carrie"}),
    ("joshua wong", {"joshua"}), ("lam cheng yuet-ngor", {"carrie"}),
    # typos in any word of a name
    ("xi jinpign", XI), ("carrie lamm", {"carrie"}), ("joshua wnog", {"joshua"}),
    ("zhong nansan", {"nanshan"}), ("jak ma", {"jackma"}), ("alibaba", {"jackma"}),
    # pinyin
    ("caiyingwen", {"tsai"}), ("linzhengyuee", {"carrie"}), ("huangzhifeng", {"joshua"}),
    # precise: words, not any run of characters that reads the same
    ("罗斯", {"roth", "both"}), ('"罗斯"', {"russia", "roth", "navalny", "both"}), ("化为", {"melt"}),
]


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[q for q, _ in CASES])
def test_lookup_finds_exactly(index: SearchIndex, query: str, expected: set[str]) -> None:
    assert found(index, query) == expected


def test_huawei_is_not_any_hua_wei(index: SearchIndex) -> None:  # 化为 reads hua + wei
    assert "melt" not in found(index, "huawei") and "melt" not in found(index, "hua wei")


def test_one_entity_with_aliases_in_both_scripts_and_transliterations(index: SearchIndex) -> None:
    trump = [e for e in index.find_names("trump")]
    assert len(trump) == 1
    assert {"特朗普", "川普", "Trump"} <= set(trump[0].aliases)
    assert set(trump[0].articles) == TRUMP
    pompeo = [e for e in index.entities if "Mike Pompeo" in e.aliases]
    assert len(pompeo) == 1 and {"庞培欧", "蓬佩奥"} <= set(pompeo[0].aliases)
    assert pompeo[0].name == "庞培欧"  # the archive's own gloss names it
    assert set(pompeo[0].articles) == POMPEO
    xi = [e for e in index.entities if "习近平" in e.aliases]
    assert len(xi) == 1 and "習近平" in xi[0].aliases and set(xi[0].articles) == XI


def test_a_short_name_inside_a_longer_one_is_not_that_name(index: SearchIndex) -> None:
    ross = [e for e in index.entities if "罗斯" in e.aliases]
    assert ross and all(set(e.articles) == {"roth", "both"} for e in ross)


def test_only_the_name_itself_is_highlighted(index: SearchIndex) -> None:
    hit = next(h for h in index.search("罗斯") if h.id == "both")
    assert [(a, b) for a, b in hit.spans] == [(hit.snippet.rindex("罗斯"), hit.snippet.rindex("罗斯") + 2)]
    quoted = next(h for h in index.search('"罗斯"') if h.id == "both")
    assert len(quoted.spans) == 2  # a quoted phrase is a plain substring


def test_snippets_and_article_highlights_find_the_other_script(index: SearchIndex) -> None:
    hit = next(h for h in index.search("习近平") if h.id == "xi-t")
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["習近平"]
    pieces = [Piece("title", "習近平出訪"), Piece("paragraph", "中共領導人習近平週一抵達莫斯科。")]
    matches = find_matches(pieces, index.terms("习近平"))
    assert [pieces[i].text[a:b] for i, a, b in matches] == ["習近平", "習近平"]
