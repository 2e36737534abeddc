"""Across languages and spellings: a Chinese name finds the English articles writing it and the
reverse; pinyin typed with tone marks or syllable apostrophes reads as the pinyin it is, and the
apostrophes say where its syllables break (hand-made articles over the shipped lexicon)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.search import index_of
from support.search import made as _made

from tui.archive.search.engine import SearchIndex
from tui.archive.search.query.resolve import plain_pinyin, syllable_marks

ARTICLES = [
    _made("xian-zh", "古城", "西安的城墙周一重新开放。"),
    _made("xian-en", "Old city", "The city walls of Xi'an reopened on Monday."),
    _made("xianxian", "河北", "献县的农民在田里劳作，先到先得。"),
    _made("yanan-zh", "革命", "延安的窑洞成了景点。"),
    _made("yinan", "山东", "沂南县的村民抗议征地。"),
    _made("xi-zh", "讲话", "习近平周一在北京讲话。习近平说要稳定。"),
    _made("xi-en", "Speech", "Xi Jinping spoke in Beijing on Monday."),
    _made("square-zh", "六四", "天安门广场上警察林立。"),
    _made("square-en", "June 4", "Police filled Tiananmen Square on the anniversary."),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    yield index_of(ARTICLES, tmp_path_factory.mktemp("data"))


def found(index: SearchIndex, query: str) -> set[str]:
    return {h.id for h in index.search(query, limit=1000)}


def test_tone_marks_and_apostrophes_read_as_plain_pinyin() -> None:
    assert plain_pinyin("Tiān'ānmén") == "Tiananmen" and plain_pinyin("tian’anmen") == "tiananmen"
    assert plain_pinyin("nǚquán") == "nvquan"  # ü as the pinyin table and keyboards write it
    assert plain_pinyin("岸田") == "岸田" and plain_pinyin("2+2") == "2+2"
    assert syllable_marks(["xi'an"]) == (2,) and syllable_marks(["Tiān'ānmén", "guǎngchǎng"]) == (4,)
    assert syllable_marks(["xian", "jinping"]) == () == syllable_marks(["people's", "o'brien"])


def test_a_chinese_name_finds_the_english_articles_and_the_reverse(index: SearchIndex) -> None:
    assert found(index, "西安") == found(index, "xi'an") == {"xian-zh", "xian-en"}
    assert found(index, "习近平") == found(index, "xi jinping") == {"xi-zh", "xi-en"}
    assert found(index, "天安门广场") == {"square-zh", "square-en"}


def test_apostrophes_say_where_the_syllables_break(index: SearchIndex) -> None:
    for typed in ("xi'an", "Xī'ān", "XI’AN"):
        assert found(index, typed) == {"xian-zh", "xian-en"}, typed  # not 献县 xian|xian, 先
    assert found(index, "yan'an") == found(index, "Yán'ān") == {"yanan-zh"}  # not 沂南 yi|nan


def test_several_words_with_tone_marks_are_one_name(index: SearchIndex) -> None:
    assert found(index, "Xí Jìnpíng") == {"xi-zh", "xi-en"}
    assert found(index, "tiān'ānmén guǎngchǎng") == {"square-zh", "square-en"}
