"""Hits as shown (hits.py): snippets, highlights and where an article matched are the same whether
they come from the index's own folded text (the fast path) or from folding the article again, and a
folded text that is not the article's is never used for its snippet."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.search import index_of
from support.search import made as _made

from tui.archive.search.engine import SearchIndex
from tui.archive.search.rank.hits import Presenter

QUERIES = ["岸田", "kishida", "KISHIDA", "Blinken", "bulinken", "布林肯", "拜登", "aukus", "2+2", "罗斯",
           "習近平", "xi jinping", "an bei", "安倍", "日本", "the", "a", "shinzo", "kish", "ross",
           '"岸田"', "岸田 OR 拜登", "日本 -岸田", "source:test", "csis"]


HANDMADE = [
    _made("abe", "安倍晋三遇刺身亡", "日本前首相安倍晋三（Shinzo Abe）周五在奈良演讲时遭枪击。"),
    _made("trad", "習近平會見岸田文雄", "中國國家主席習近平與日本首相岸田文雄（KISHIDA）會談。"),
    _made("ross", "俄罗斯与罗斯", "俄罗斯总统讲话；罗斯（Ross）随后发言。ＡＵＫＵＳ协议。"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    yield index_of(HANDMADE, tmp_path_factory.mktemp("data"), with_seeds=True)


def _shown(index: SearchIndex, query: str, hays: list[bytes]) -> list[object]:
    """The hits of `query`, presented from `hays` as the index's folded texts."""
    hits = index.search(query, limit=50)
    terms = index._plan(query).terms
    present = Presenter(terms, index.catalog, hays, index._body, lambda: index.resolver.words)
    return [present(index.catalog.ids.index(h.id), h.score) for h in hits]


@pytest.mark.parametrize("query", QUERIES)
def test_hits_from_the_index_text_equal_hits_from_folding_again(index: SearchIndex, query: str) -> None:
    hits = index.search(query, limit=50)
    assert hits, query  # the queries are about the archive
    assert _shown(index, query, []) == hits


@pytest.mark.parametrize("query", ["岸田", "kishida", "罗斯", "aukus"])
def test_a_text_that_is_not_the_articles_is_not_used(index: SearchIndex, query: str) -> None:
    others = list(index.text.hays)
    others = others[1:] + others[:1]  # each article given its neighbour's text
    assert _shown(index, query, others) == index.search(query, limit=50)


def test_snippets_show_the_text_as_written(index: SearchIndex) -> None:
    hit = next(h for h in index.search("习近平", limit=50) if h.id == "trad")
    assert "習近平" in hit.snippet and hit.matched == "title"
    start, end = hit.spans[0]
    assert hit.snippet[start:end] == "習近平"
