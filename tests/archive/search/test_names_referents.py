"""One referent per entity: sentence words around a name, a given name's famous bearers, a surname
lent to the person who bears it, a description glossing several names, a title cut short (hand-made
articles over the shipped lexicon)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.search import found, index_of, named
from support.search import made as _made

from tui.archive.search.engine import SearchIndex
from tui.archive.search.names.lexicon import entries, one_word

ARTICLES = [
    _made("trump-1", "大选", "唐纳德·川普（Donald Trump）周一讲话。"),
    _made("trump-2", "大选", "川普周二讲话，唐纳德·川普（Donald Trump）说。"),
    _made("trump-jr", "推特", "美国总统特朗普的长子小唐纳·川普（Donald Trump, Jr.）转发了视频。"),
    _made("covid-1", "疫情", "中共病毒（COVID-19）在武汉爆发。"),
    _made("covid-2", "疫情", "当北京意识到中共病毒（COVID-19）时已经晚了。"),
    _made("covid-3", "疫情", "中共病毒（COVID-19）蔓延全球，中共病毒（COVID-19）。"),
    _made("cnn", "媒体", "他接受了美国有线电视新闻网（CNN）的采访。"),
    _made("boris", "英国", "英国首相鲍里斯·约翰逊（Boris Johnson）周一宣布封城。"),
    _made("jensen", "丹麦", "詹森周一在哥本哈根发言。"),
    _made("asio", "澳洲", "澳洲情报局（ASIO）发出警告。"),
    _made("fbi", "美国", "美国情报局（FBI）展开调查。"),
    _made("wuhan-1", "武汉", "武汉封城。"),
    _made("wuhan-2", "武汉", "武汉市政府周一宣布。"),
    _made("5g", "电信", "华为的第5代行动通讯（5G）设备遭禁。"),
    _made("rfa-1", "电台", "自由亚洲电台（Radio Free Asia）报道。"),
    _made("rfa-2", "电台", "据《自由亚洲》报道，当局拘捕了他。"),
    _made("rfa-3", "电台", "自由亚洲电台记者周二采访。"),
    _made("voter", "大选", "俄亥俄州选民约翰（John）说他会投票。"),
    _made("obrien", "白宫", "国家安全顾问罗伯特·奥布莱恩（Robert O'Brien）周一表示。"),
    _made("climber", "攀爬", "周二，阿兰·罗伯特（Alain Robert）攀爬大楼。"),
    _made("robert", "访谈", "罗伯特说这不是真的。"),
    *(_made(f"church-{i}", "信仰", f"基督教在中国传播了{i}百年。") for i in range(1, 25)),
    _made("savior-1", "预言", "有一天，中国将成为孕育救世主信仰（Christianity）的摇篮。"),
    _made("savior-2", "预言", "转载：中国将成为孕育救世主信仰（Christianity）的摇篮。"),
    _made("church-glossed", "信仰", "基督教（Christianity）在罗马传播。"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    yield index_of(ARTICLES, tmp_path_factory.mktemp("data"))


def test_sentence_words_around_a_name_are_no_alias(index: SearchIndex) -> None:
    trump = named(index, "Donald Trump")
    assert len(trump) == 1
    assert not any("小唐纳" in a or "Jr" in a for a in trump[0].aliases)
    covid = named(index, "COVID-19")
    assert len(covid) == 1 and not any(a.startswith("当北京") for a in covid[0].aliases)
    assert {"covid-1", "covid-2", "covid-3"} <= found(index, "中共病毒")


def test_a_name_is_not_cut_at_a_word_of_its_own(index: SearchIndex) -> None:
    cnn = named(index, "CNN")
    assert len(cnn) == 1 and "线电视新闻网" not in cnn[0].aliases
    assert not any(a.startswith("代行动") for e in index.entities for a in e.aliases)  # 第5代行动通讯


def test_a_given_name_is_not_its_famous_bearers() -> None:
    assert one_word(("James", "LeBron James", "Jacob", "Saint James")) == ("James", "Jacob")
    assert one_word(("David", "Jacques-Louis David", "Davy")) == ("David", "Davy")
    assert one_word(("Nancy Pelosi", "Pelosi")) == ("Nancy Pelosi", "Pelosi")  # one bearer
    assert one_word(("Abe", "Abe Shinzo", "Shinzo Abe")) == ("Abe", "Abe Shinzo", "Shinzo Abe")
    james = [e for e in entries() if "詹姆斯" in e.zh]
    assert james and all("LeBron James" not in e.latin for e in james)


def test_a_surname_lends_only_itself_to_the_person_bearing_it(index: SearchIndex) -> None:
    boris = named(index, "Boris Johnson")
    assert len(boris) == 1 and "约翰逊" in boris[0].aliases
    assert not {"詹森", "Johnston"} & set(boris[0].aliases)
    assert "jensen" not in set(boris[0].articles)


def test_a_description_glossing_several_names_names_none(index: SearchIndex) -> None:
    assert not any("情报局" in e.aliases for e in index.entities)
    assert "fbi" in found(index, "FBI") and "asio" in found(index, "ASIO")


def test_a_city_and_its_municipality_are_one_place(index: SearchIndex) -> None:
    wuhan = named(index, "Wuhan")
    assert len(wuhan) == 1 and {"wuhan-1", "wuhan-2"} <= set(wuhan[0].articles)


def test_a_title_cut_short_is_the_name_it_starts(index: SearchIndex) -> None:
    rfa = named(index, "Radio Free Asia")
    assert len(rfa) == 1 and {"rfa-1", "rfa-2", "rfa-3"} <= set(rfa[0].articles)
    assert rfa[0].name.startswith("自由亚洲电") or rfa[0].name.startswith("自由亞洲電")
    assert not any(e.name == "自由亚洲" for e in index.entities)


def test_a_phrase_around_a_given_name_is_no_one(index: SearchIndex) -> None:
    assert not any("John" in e.aliases or "俄亥俄州选民约翰" in e.aliases for e in index.entities)


def test_a_name_written_as_a_given_name_is_no_one_s_surname(index: SearchIndex) -> None:
    climber = named(index, "Alain Robert")
    assert len(climber) == 1 and "罗伯特" not in climber[0].aliases
    assert "robert" not in set(climber[0].articles)


def test_a_translation_of_one_sentence_is_no_name(index: SearchIndex) -> None:
    # the archive writes 基督教 in two dozen articles; 孕育救世主信仰 "the faith that bore the
    # saviour" only in the two copies of the sentence that glossed it
    christianity = named(index, "Christianity")
    assert len(christianity) == 1 and christianity[0].name == "基督教"
    assert "孕育救世主信仰" not in christianity[0].aliases
    assert {"savior-1", "savior-2", "church-glossed"} <= set(christianity[0].articles)


def test_a_name_that_starts_another_only_in_part_is_not_cut_short() -> None:
    # 罗兰 starts 罗兰岗 (Roland Heights), but 纳德吉罗兰, a person's other name, starts nothing:
    # the person stays apart whatever order the names are read in
    from tui.archive.search.names.entities import _cut_short

    people = (["纳德吉・罗兰", "纳德吉罗兰", "罗兰"], ["罗兰", "纳德吉罗兰", "纳德吉・罗兰"],
              ["罗兰", "萨罗兰"])
    for person in people:
        entities = [["罗兰岗", "Roland Heights"], list(person)]
        _cut_short(entities)
        assert entities == [["罗兰岗", "Roland Heights"], person]
    entities = [["自由亚洲电台", "Radio Free Asia"], ["《自由亚洲》"]]  # a title cut short still is
    _cut_short(entities)
    assert entities == [["自由亚洲电台", "Radio Free Asia", "《自由亚洲》"], []]


def test_names_glossed_equally_often_are_listed_in_one_order() -> None:
    # the parse workers hand glosses over in an order that varies from run to run: the entity's
    # label and aliases must not (two dots, two spellings, each glossed once)
    from tui.archive.search.names.entities import _merge
    from tui.archive.search.names.merge import Gloss

    glosses = [Gloss(["威尔·罗珀"], ["Will Roper"], "person"),
               Gloss(["威尔‧罗珀"], ["Will Roper"], "person"),
               Gloss(["大流行初期个人防护设备"], ["PPE"], "other"),
               Gloss(["不要再让像个人防护设备"], ["PPE"], "other")]
    for pair in (glosses[:2], glosses[2:]):
        assert _merge(pair) == _merge(pair[::-1])
