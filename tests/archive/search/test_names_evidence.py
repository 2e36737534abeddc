"""Names by evidence: what the names index takes for a name, how it joins and labels entities, and
where an alias counts as naming one (hand-made articles over the shipped lexicon)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.search import found, index_of, named
from support.search import made as _made

from tui.archive.search.engine import SearchIndex
from tui.archive.search.names.lexicon import entries

ARTICLES = [
    _made("hyundai", "现代汽车", "现代汽车公司周一宣布召回。"),
    _made("modern", "社会", "现代社会发展很快，和平与资源是新兴国家的话题。"),
    _made("tokyo", "东京", "东京周一下雪，日本政府发出警告。"),
    _made("question", "访谈", "这是一个问题（Question）。自己公司（Acme SA）表示需要时间。"),
    _made("usa-1", "美国", "美国总统周一讲话。"),
    _made("usa-2", "美国", "美国国会周二开会。"),
    _made("who", "世卫", "世界卫生组织（WHO）周一发表声明。"),
    _made("who-en", "English", "Nobody knows who said it, and what it is."),
    _made("who-alone", "疫情", "中共对WHO的影响越来越大。"),
    _made("who-both", "English", "The WHO said it does not know who made the virus."),
    _made("huawei", "华为", "美国限制华为（Huawei）获得芯片。"),
    _made("huawei-url", "链接", "详情见 https://www.huawei.com/cn/news 的页面。"),
    _made("wuwei", "甘肃", "甘肃武威市周日举行活动。"),
    _made("nuclear", "核武", "朝鲜的核武威胁仍在。"),
    _made("year", "经济", "今年中国经济放缓。"),
    _made("carrie", "特首", "特首林郑月娥（Carrie Lam）周二表示。"),
    _made("matthew", "English", "Matthew Lam said the vote was fair."),
    _made("nsl-1", "国安法", "香港国安法（National Security Law）周二生效。"),
    _made("nsl-2", "国安法", "多人依《香港國安法》被捕。"),
    _made("nsl-3", "国安法", "国安法实施一年后，社会噤声。"),
    _made("nsl-4", "港区", "北京通过《港区国安法》。"),
    _made("nsl-5", "国安", "《国安法》第23条。"),
    _made("tiananmen-zh", "六四", "天安门广场的纪念活动被禁，天安门外警察林立。"),
    _made("tiananmen-en", "June 4", "Candles were lit for Tiananmen in Victoria Park."),
    _made("pair", "同盟", "美日同盟与日美关系是话题。"),
    _made("anthony", "访谈", "安东尼说这不是真的。"),
    _made("yamashita", "日本", "日本歌手山下智久周一出席活动。"),
    _made("hill", "登山", "我们从山下走到山顶，又回到山下。"),
    _made("islet", "日本", "日本海上的一个小岛周一发生地震。"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    yield index_of(ARTICLES, tmp_path_factory.mktemp("data"))


def test_a_common_word_of_the_language_is_not_the_name_it_can_also_be(index: SearchIndex) -> None:
    hyundai = named(index, "Hyundai")
    assert len(hyundai) == 1 and set(hyundai[0].articles) == {"hyundai"}
    for word in ("现代", "和平", "资源", "新兴"):  # modern, peace, resources, emerging
        assert not any(word in e.aliases and "modern" in e.articles for e in index.entities), word


def test_a_lexicon_entry_names_one_thing(index: SearchIndex) -> None:
    tokyo = named(index, "Tokyo")
    assert len(tokyo) == 1 and "Tonkin" not in tokyo[0].aliases and "北圻" not in tokyo[0].aliases
    japan = named(index, "Japan")
    assert japan and "East China Sea" not in japan[0].aliases
    forms = {z for e in entries() for z in e.zh}
    assert "星期五" not in forms and "美日" not in forms  # a day, a pair of countries: no names


def test_a_gloss_of_a_common_word_makes_no_name(index: SearchIndex) -> None:
    for word in ("问题", "自己", "需要", "Question"):
        assert not named(index, word), word


def test_the_label_is_the_name_the_archive_writes(index: SearchIndex) -> None:
    usa = named(index, "United States")
    assert len(usa) == 1 and usa[0].name == "美国"  # not the lexicon's Japanese 米国
    carrie = named(index, "Carrie Lam")
    assert carrie[0].name == "林郑月娥"


def test_an_acronym_is_matched_as_written(index: SearchIndex) -> None:
    who = named(index, "WHO")
    assert len(who) == 1 and set(who[0].articles) == {"who", "who-alone", "who-both"}  # not "who said it"
    # its name in full finds the articles that write only WHO, and lights WHO, never "who"
    assert found(index, "world health organization") == {"who", "who-alone", "who-both"}
    text = "The WHO said it does not know who made the virus."
    hit = next(h for h in index.search("world health organization") if h.id == "who-both")
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["WHO"]
    assert [text[a:b] for a, b in index.terms("world health organization").spans(text)] == ["WHO"]
    assert [text[a:b] for a, b in index.entity_terms(who[0]).spans(text)] == ["WHO"]


def test_a_latin_name_inside_a_web_address_is_not_named(index: SearchIndex) -> None:
    huawei = named(index, "Huawei")
    assert len(huawei) == 1 and set(huawei[0].articles) == {"huawei"}


def test_a_two_character_name_across_a_word_boundary_is_not_named(index: SearchIndex) -> None:
    wuwei = named(index, "武威")
    assert len(wuwei) == 1 and set(wuwei[0].articles) == {"wuwei"}  # not 核武|威胁
    assert found(index, "武威") == {"wuwei"}
    assert not any("年中" in e.aliases and "year" in e.articles for e in index.entities)


def test_a_surname_alone_does_not_stand_for_a_person(index: SearchIndex) -> None:
    carrie = named(index, "Carrie Lam")
    assert len(carrie) == 1 and "Lam" not in carrie[0].aliases
    assert set(carrie[0].articles) == {"carrie"}
    assert found(index, "carrie lam") == {"carrie"}
    assert not named(index, "Anthony") and not named(index, "安东尼")  # a given name alone


def test_a_japanese_surname_alone_names_no_one_where_the_text_is_not_about_japan(index: SearchIndex) -> None:
    # the lexicon's 山下 `Yamashita` is a Japanese surname; 山下 is also "at the foot of the hill"
    yamashita = named(index, "山下")
    assert [set(e.articles) for e in yamashita] == [{"yamashita"}]
    assert found(index, "yamashita") == {"yamashita"}
    assert found(index, "山下") == {"yamashita", "hill"}  # what is typed in Chinese is found as written
    lit = index.entity_terms(yamashita[0]).spans("日本歌手山下智久。" + "这是另一段话。" * 20 + "从山下走。")
    assert [a for a, _ in lit] == [4]  # in the entity's articles, 山下 is lit near 日本 only
    # a surname that is first of all a common word (小岛 "islet") names no one, even near 日本
    assert not [e for e in named(index, "小岛") if e.articles] and found(index, "kojima") == set()


def test_a_law_named_long_short_and_quoted_is_one_agreement(index: SearchIndex) -> None:
    nsl = named(index, "National Security Law")
    assert len(nsl) == 1 and nsl[0].kind == "agreement"
    law = {"nsl-1", "nsl-2", "nsl-3", "nsl-4", "nsl-5"}
    assert set(nsl[0].articles) == law
    agreements = [e for e in index.entities if e.kind == "agreement" and set(e.articles) & law]
    assert agreements == nsl  # not 《港区国安法》 or 《國安法》 apart
    assert found(index, "国安法") == law


def test_a_chinese_name_finds_the_english_articles_spelling_it(index: SearchIndex) -> None:
    assert found(index, "天安门") == {"tiananmen-zh", "tiananmen-en"}
    assert found(index, "tiananmen") == {"tiananmen-zh", "tiananmen-en"}
    assert found(index, "tian'anmen") == {"tiananmen-zh", "tiananmen-en"}
    assert found(index, "Tiān'ānmén") == {"tiananmen-zh", "tiananmen-en"}


def test_two_countries_named_together_are_no_entity(index: SearchIndex) -> None:
    assert not named(index, "美日") and not named(index, "日美")


AD = "广告：来自勃艮第（Burgundy）的葡萄酒，新西兰（New Zealand）直送，限时八折优惠，欢迎订购。"


def test_a_name_only_an_advertisement_repeats_is_not_the_articles(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    articles = [_made(f"ad-{i}", f"新闻{i}", f"第{i}条消息，市场平稳。\n{AD}") for i in range(30)]
    articles.append(_made("wine", "酒", "勃艮第的葡萄今年丰收。"))
    index = index_of(articles, tmp_path_factory.mktemp("data"))
    burgundy = named(index, "Burgundy")
    assert len(burgundy) == 1 and set(burgundy[0].articles) == {"wine"}
    assert not named(index, "New Zealand")  # named by the advertisement alone


MORE = [
    _made("title", "讲话", "川普总统（President Trump）周一讲话。"),
    _made("you", "访谈", "他说：你们（You）要小心。"),
    _made("police", "澳洲", "澳洲联邦警察局（AFP）逮捕两人。"),
    _made("afp", "通讯社", "法新社（AFP）报道了此事。"),
    _made("mike", "访谈", "麦克（Mike）说这不是真的。"),
    _made("trone", "议员", "马里兰州众议员戴维·特朗（David Trone）表示支持。"),
    _made("trump", "大选", "特朗普（Donald Trump）周二在集会上讲话。"),
    _made("prc", "声明", "声明由中华人民共和国（PRC）外交部发布。"),
    _made("sun-1", "国父", "国父孙中山（Dr Sun Yat-sen）逝世。"),
    _made("sun-2", "纪念", "纪念孙中山（Sun Yat-sen）诞辰。"),
    _made("gs", "称号", "中共总书记（General Secretary）一职。"),
    _made("potus", "讲话", "总统川普（President Trump）讲话。"),
]


@pytest.fixture(scope="module")
def more(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    yield index_of(MORE, tmp_path_factory.mktemp("more"))


def test_pieces_of_sentences_around_a_gloss_make_no_name(more: SearchIndex) -> None:
    assert not named(more, "川普总统") and not named(more, "总统川普") and named(more, "川普")
    assert not named(more, "你们")  # a pronoun
    assert not named(more, "麦克") and not named(more, "Mike")  # a given name alone
    assert not named(more, "由中华人民共和国")  # 由 "by" before a known name
    assert not named(more, "中共总书记") and not named(more, "General Secretary")  # a title


def test_a_name_with_a_title_is_the_same_person(more: SearchIndex) -> None:
    sun = named(more, "孙中山")
    assert len(sun) == 1 and {"Sun Yat-sen", "Dr Sun Yat-sen"} <= set(sun[0].aliases)


def test_an_ambiguous_acronym_joins_no_two_names(more: SearchIndex) -> None:
    police = named(more, "澳洲联邦警察局") or named(more, "联邦警察局")
    afp = named(more, "法新社")
    assert police and afp and police[0] is not afp[0]


def test_a_short_name_is_not_found_inside_another_name(more: SearchIndex) -> None:
    trone = named(more, "David Trone")
    assert len(trone) == 1 and set(trone[0].articles) == {"trone"}  # 特朗 is not in 特朗普


def test_a_country_is_not_its_people_or_language() -> None:
    germany = [e for e in entries() if "Germany" in e.latin]
    assert germany and all("German" not in e.latin and "德语" not in e.zh for e in germany)
