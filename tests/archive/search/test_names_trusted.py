"""Names a reader would accept: no given name alone as a person, countries are places, common
words and credits are no names, one lexicon entry names one thing (hand-made articles over the
shipped lexicon)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.search import found, index_of, named
from support.search import made as _made

from tui.archive.search.engine import SearchIndex
from tui.archive.search.names.lexicon import entries

ARTICLES = [
    _made("john-1", "约翰", "约翰说这不是真的，马克也这么说。"),
    _made("john-2", "约翰", "约翰与罗伯特周一见面。"),
    _made("germany-1", "德国", "德国总理周一访问法国。"),
    _made("germany-2", "德国", "德国与伊朗、越南的贸易增长。"),
    _made("gundam", "模型", "房价高达百万，互联网上议论纷纷。"),
    _made("credit-1", "图片", "外交部长王毅（AFP）周一发言。"),
    _made("credit-2", "图片", "胡春华（AFP）出席会议。"),
    _made("credit-3", "图片", "余杰（AFP）接受采访。"),
    _made("credit-4", "图片", "首富李嘉诚（AFP）发表声明。"),
    _made("credit-5", "图片", "法新社（AFP）报道了此事。"),
    _made("people", "华人", "很多中国人（Chinese）在海外。本周（This Week）天气晴朗。"),
    _made("time-1", "杂志", "《时代》杂志（TIME）评选年度人物，时代杂志周一公布。"),
    _made("era", "时代", "这是一个新的时代，大家都在变。"),
    _made("law", "法律", "北京通过反分裂国家法（Anti-Secession Law）。"),
    _made("god", "宗教", "上帝与佛祖都被提到。"),
    _made("alton", "英国", "英国议员约翰（John Alton）周一发言。"),
    _made("biden-1", "大选", "乔·拜登（Joe Biden）周一讲话。"),
    _made("biden-2", "大选", "挑战者乔·拜登（Joe Biden）周二讲话，乔·拜登（Joe Biden）说。"),
    _made("un-1", "联合国", "联合国周一开会。"),
    _made("un-2", "安理会", "联合国安理会周二表决。"),
    _made("gdp-1", "经济", "一季度国内生产总值（GDP）增长三成。"),
    _made("gdp-2", "经济", "全年国内生产总值（GDP）放缓，GDP 数据公布。"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    yield index_of(ARTICLES, tmp_path_factory.mktemp("data"))


def test_a_given_name_alone_is_no_person(index: SearchIndex) -> None:
    for given in ("约翰", "马克", "罗伯特"):
        assert named(index, given) == []


def test_countries_are_places(index: SearchIndex) -> None:
    for country in ("德国", "法国", "伊朗", "越南"):
        assert [e.kind for e in named(index, country)] == ["place"]


def test_common_words_and_peoples_are_no_names(index: SearchIndex) -> None:
    for word in ("高达", "互联网", "中国人", "本周", "一季度国内生产总值", "GDP"):
        assert named(index, word) == []


def test_a_photo_credit_names_none_of_its_captions(index: SearchIndex) -> None:
    assert named(index, "胡春华") == named(index, "余杰") == []
    agency = named(index, "AFP")
    assert len(agency) == 1 and "法新社" in agency[0].aliases


def test_time_finds_the_magazine_not_the_era(index: SearchIndex) -> None:
    assert "era" not in found(index, "time")
    assert "time-1" in found(index, "time magazine")


def test_a_law_the_dictionary_lacks_is_an_agreement(index: SearchIndex) -> None:
    law = named(index, "反分裂国家法")
    assert [e.kind for e in law] == ["agreement"] and "law" in found(index, "anti-secession law")


def test_god_and_buddha_are_two_entries() -> None:
    god = [e for e in entries() if "上帝" in e.zh]
    assert len(god) == 1 and "佛祖" not in god[0].zh and "Buddha" not in god[0].latin


def test_a_given_name_glossed_with_a_full_name_is_not_that_person(index: SearchIndex) -> None:
    assert named(index, "约翰") == []
    assert "alton" in found(index, "john alton") and "john-1" not in found(index, "john alton")


def test_words_of_the_sentence_before_a_name_are_no_alias(index: SearchIndex) -> None:
    biden = named(index, "乔·拜登")
    assert len(biden) == 1 and not any(a.endswith("者乔·拜登") for a in biden[0].aliases)


def test_an_organisation_at_the_start_of_its_body_s_name_is_named(index: SearchIndex) -> None:
    assert {"un-1", "un-2"} <= found(index, "联合国")
