"""Where a name is found and where it is not, at the edges of words: a two-character Chinese name
across a word boundary, a pinyin word that is also a name, a magazine named by a common word, a
Japanese surname typed alone (hand-made articles over the shipped lexicon and word list)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.search import found, index_of
from support.search import made as _made

from tui.archive.search.engine import SearchIndex
from tui.archive.search.names.aliaskeys import alias_tables
from tui.archive.search.names.entities import Entity
from tui.archive.search.names.words import Vocabulary, Words, straddles
from tui.archive.search.text.fold import encode

ARTICLES = [
    _made("haiti", "海地总统遇刺", "海地总统周三遇刺身亡，海地局势动荡。"),
    _made("haiti-list", "会议", "法国、海地、洪都拉斯派出代表。"),
    _made("haiti-coast", "飓风", "飓风袭击沿海地区。海地总统呼吁援助。"),
    _made("shanghai", "党史", "上海地下党的历史有新的研究。"),
    _made("coast", "经济", "东南沿海地区经济发展很快。"),
    _made("caribbean", "外交", "美国加强在加勒比海地区的存在。"),
    _made("idiom", "评论", "批评像排山倒海地涌来。"),
    _made("strait", "军演", "解放军在台海地区和南中国海地区举行军演。"),
    _made("tuva", "历史", "唐努乌梁海地区曾属于中国。"),
    _made("heping", "封控", "天津市和平区周一开始封控。"),
    _made("peace", "诺贝尔奖", "诺贝尔和平奖周五揭晓，和平来之不易。"),
    _made("time-1", "封面", "他登上了美国《时代》周刊的封面。"),
    _made("time-2", "年度人物", "《时代》杂志公布年度人物。"),
    _made("era", "新时代", "这是一个新时代，时代在变。"),
    _made("economy", "经济", "全球最大的经济体美国情况好于预期。"),
    _made("tanaka", "建交", "日本首相田中角荣访华。"),
    _made("tian", "判决", "原公安局局长田中林获刑。"),
    _made("tanaka-kohei", "恐龙蛋", "日本发现最小恐龙蛋化石。筑波大学助教田中康平说，希望大家感兴趣。"),
    _made("tanaka-list", "姓氏", "日本的姓氏多以位置名来代表，如松下、井上、田中。"),
    _made("tian-zhongguang", "接机", "台方由外交部政务次长田中光、卫福部署长周志浩接机。"),
    _made("field", "水稻", "日本农民说，水稻种在水田中，所以一般都是低洼地。"),
    _made("onishi", "智库", "日本学者在华府智库大西洋理事会发表演讲。"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    yield index_of(ARTICLES, tmp_path_factory.mktemp("data"))


@pytest.mark.parametrize("query", ["海地", "haiti"])
def test_a_two_character_name_is_not_found_across_a_word_boundary(index: SearchIndex, query: str) -> None:
    # 上海|地下, 沿海|地区, 加勒比海|地区 (a longer name), 排山倒海|地 (an idiom): not Haiti; nor
    # 台海|地区, 南中国海|地区 (the Taiwan Strait, the South China Sea), 唐努乌梁海|地区 (a name of five)
    assert found(index, query) == {"haiti", "haiti-list", "haiti-coast"}


@pytest.mark.parametrize("query", ["海地", "haiti"])
def test_what_is_lit_is_what_was_found(index: SearchIndex, query: str) -> None:
    # in the hit's snippet, in the opened article and among the entity's articles, 海地 is lit in
    # 海地总统, never in 沿海地区
    text = "飓风袭击沿海地区。海地总统呼吁援助。"
    haiti = [text.index("海地总统")]
    hit = next(h for h in index.search(query, limit=50) if h.id == "haiti-coast")
    assert [a for a, _ in hit.spans] == [hit.snippet.index("海地总统")]
    assert [a for a, _ in index.terms(query).spans(text)] == haiti
    entity = next(e for e in index.entities if "海地" in e.aliases)
    assert [a for a, _ in index.entity_terms(entity).spans(text)] == haiti


def test_a_word_boundary_is_read_from_the_words_on_either_side() -> None:
    words = Vocabulary({"海地", "上海", "加勒比海", "中国"})

    def cut(text: str, name: str) -> bool:
        hay = encode(text)
        at = hay.find(encode(name))
        return straddles(hay, at, at + len(encode(name)), words)

    assert cut("上海地下党", "海地") and cut("沿海地区", "海地") and cut("加勒比海地区", "海地")
    assert cut("像排山倒海地涌来", "海地")  # an idiom of four on one side is enough
    assert not cut("海地总统", "海地") and not cut("访问海地。", "海地")
    assert not cut("在东亚文化圈", "东亚")  # 亚文化, a common word of three alone, is not
    assert cut("发展中国家", "中国") and not cut("今天中国经济", "中国")


def test_what_may_stand_before_a_name_is_a_long_name_or_an_idiom_ending_in_its_first_character() -> None:
    words = Words([("加拿大", 0), ("大西洋", 1), ("海地", 2), ("北大", 3), ("唐努乌梁海", 4)])
    assert "加拿" in words.leaders("大") and "北" not in words.leaders("大")  # a name of two is not enough
    assert "唐努乌梁" in words.leaders("海") and "排山倒" in words.leaders("海")  # 排山倒海, an idiom
    assert words.leaders("㐀") == frozenset()  # nothing ends in it


def test_a_pinyin_word_that_names_a_place_is_not_read_as_the_common_word(index: SearchIndex) -> None:
    # `heping` is Heping District (和平区), not every 和平 "peace"
    assert found(index, "heping") == {"heping"}


def test_a_magazine_named_by_a_common_word_is_found_where_its_title_is_marked(index: SearchIndex) -> None:
    # 《时代》 in book brackets is Time magazine; 时代 "era" is not, nor 体美 in 经济体美国 (ti mei)
    for query in ("time magazine", "时代杂志", "time"):
        assert found(index, query) == {"time-1", "time-2"}, query


def test_a_japanese_surname_alone_is_found_where_the_text_is_about_japan(index: SearchIndex) -> None:
    # the lexicon writes Tanaka Kakuei (family name first); 田中康平 and the surname in a list are
    # Tanakas of articles about Japan; 田中林 and 田中光 are Chinese officials named 田 (no Japan
    # near them), and 水田中 is "in the paddy", across a word boundary, even in an article on Japan
    assert found(index, "tanaka") == {"tanaka", "tanaka-kohei", "tanaka-list"}
    assert found(index, "inoue") == {"tanaka-list"}


def test_a_japanese_surname_is_no_match_inside_a_longer_name_of_something_else(index: SearchIndex) -> None:
    # 大西 (Ōnishi) in 大西洋 (the Atlantic), written near 日本
    assert found(index, "onishi") == set()
    assert found(index, "大西洋") == {"onishi"}


def test_what_is_lit_for_a_japanese_surname_is_what_was_found(index: SearchIndex) -> None:
    text = "日本发现最小恐龙蛋化石。筑波大学助教田中康平说，希望大家感兴趣。"
    hit = next(h for h in index.search("tanaka", limit=50) if h.id == "tanaka-kohei")
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["田中"]
    # in the opened article, the 田中 far from any word of Japan (田中林, 150 characters on) is not lit
    longer = text + "这是另一段话。" * 20 + "原公安局局长田中林获刑。"
    assert [a for a, _ in index.terms("tanaka").spans(longer)] == [text.index("田中")]


def test_the_first_word_of_a_name_is_a_surname_only_for_a_japanese_name() -> None:
    people = [Entity("1", "田中角荣", "person", ["田中角荣", "Tanaka Kakuei"]),
              Entity("2", "胡锦涛", "person", ["胡锦涛", "Hu Jintao"]),
              Entity("3", "苏珊·佩奇", "person", ["苏珊·佩奇", "Susan Page"]),
              Entity("4", "中国", "place", ["中国", "China"]),
              Entity("5", "中国由纪", "person", ["中国由纪", "China Yuki"])]
    tokens = alias_tables(people).tokens
    assert set(tokens.get("tanaka", ())) == {0} and set(tokens.get("kakuei", ())) == {0}
    assert "hu" not in tokens and "susan" not in tokens  # a Chinese surname, a Western given name
    assert set(tokens.get("china", ())) == {3}  # names China alone: no one's surname
