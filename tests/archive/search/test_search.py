"""The search engine over the five seeds plus a few hand-made articles: a truth table of queries.

Seed labels are the file-name prefixes (000..004); hand-made articles are `abe`, `abe2`, `en`,
`quadruple`, `csis`. Truth for the seeds was read from the files themselves (grep), e.g. 岸田
appears in 000 001 002 004 (002 only as 岸田首相), 布林肯 in 001 002 003, 拜登 in 000 001 004.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from support.search import index_of
from support.search import made as _made

from tui.archive.search.engine import Hit, SearchIndex
from tui.archive.search.text.fold import fold

ALL = {"000", "001", "002", "003", "004", "abe", "abe2", "en", "quadruple", "csis"}
KISHIDA = {"000", "001", "002", "004", "en"}
BLINKEN = {"001", "002", "003"}
BIDEN = {"000", "001", "004", "en"}
AUSTIN = {"001", "002", "003"}
AUKUS = {"000", "004"}
ABE = {"abe", "abe2"}


HANDMADE = [
    _made("abe", "安倍晋三遇刺身亡", "日本前首相安倍晋三（Shinzo Abe）周五在奈良演讲时遭枪击。", "nhk"),
    _made("abe2", "日本政坛回顾", "安倍长期执政之后，菅义伟接任首相。", "nhk", "2021-09-01"),
    _made("en", "Japan and the US", "Prime Minister Kishida met President Biden at the White House.", "nyt"),
    _made("quadruple", "花样滑冰", "他完成了一个 quadruple jump，观众欢呼。", "sport", "2022-02-10"),
    _made("csis", "智库报告", "据CSIS的最新报告，台海局势紧张。", "think", "2023-06-01"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    yield index_of(HANDMADE, tmp_path_factory.mktemp("data"), with_seeds=True)


def label(hit: Hit) -> str:
    return hit.id if hit.path.startswith("/made/") else Path(hit.path).name[:3]


CASES: list[tuple[str, set[str]]] = [
    # English names of people the archive writes in Chinese
    ("kishida", KISHIDA),
    ("Fumio Kishida", KISHIDA),
    ("blinken", BLINKEN),
    ("Antony Blinken", BLINKEN),
    ("joe biden", BIDEN),
    ("Lloyd Austin", AUSTIN),
    ("austin", AUSTIN),
    ("Rahm Emanuel", {"000", "003"}),
    ("jake sullivan", {"000"}),
    ("Kurt Campbell", {"000"}),
    ("shinzo abe", ABE),
    # acronyms and agreements
    ("aukus", AUKUS),
    ("RAA", {"001"}),
    ("PAC-3", {"001"}),
    ("csis", {"000", "csis"}),
    ("quad", {"001"}),
    ("nippon steel", {"000"}),
    ("2+2", {"001", "002"}),
    # Chinese names, partial names and cross-lingual aliases
    ("岸田", KISHIDA),
    ("岸田文", {"000", "001", "004"}),
    ("布林肯", BLINKEN),
    ("林芳正", {"002", "003"}),
    ("奥斯汀", AUSTIN),
    ("奥库斯", AUKUS),
    ("相互准入协议", {"001"}),
    ("二加二", {"003"}),
    # typos of Latin names
    ("kishda", KISHIDA),
    ("blinkin", BLINKEN),
    ("aukis", AUKUS),
    ("bidne", BIDEN),
    ("sulivan", {"000"}),
    ("emmanuel", {"000", "003"}),
    ("fumio kishda", KISHIDA),
    # pinyin, with and without spaces
    ("bulinken", BLINKEN),
    ("andongni bulinken", BLINKEN),
    ("an dong ni bu lin ken", BLINKEN),
    ("anbei", ABE),
    ("an bei jin san", ABE),
    ("anbeijinsan", ABE),
    ("aokusi", AUKUS),
    ("linfangzheng", {"002", "003"}),
    ("shaliwen", {"000"}),
    # typing in progress
    ("kish", KISHIDA),
    ("campbel", {"000"}),
    # mixed queries, phrases, exclusions
    ("岸田 aukus", AUKUS),
    ("blinken 林芳正", {"002", "003"}),
    ('"第二支柱"', AUKUS),
    ('"Fumio Kishida"', {"000"}),
    ("kishida -aukus", {"001", "002", "en"}),
    ("blinken -2+2", {"003"}),
    ('aukus -"第二支柱"', set()),
    # filters
    ("kishida source:rfi", {"002", "004"}),
    ("kishida source:法广", {"002", "004"}),
    ("blinken year:2022", {"002", "003"}),
    ("kishida after:2024-04", {"000", "001"}),
    ("blinken before:2022-01-08", {"002"}),
    ("source:nhk", ABE),
    # OR (binds tighter than the space between words), date ranges
    ("kishida OR blinken", KISHIDA | BLINKEN),
    ("kishida aukus OR anbei", AUKUS),  # kishida AND (aukus OR anbei), not (kishida AND aukus) OR anbei
    ("aukus OR anbei kishida", AUKUS),
    ('"第二支柱" OR 林芳正', AUKUS | {"002", "003"}),
    ("kishida OR blinken -aukus", {"001", "002", "003", "en"}),
    ("kishida OR blinken source:rfi", {"002", "004"}),
    ("putin OR blinken", BLINKEN),  # an alternative that names nothing adds nothing
    ("kishida OR", KISHIDA),  # a dangling OR is dropped
    ("date:2024-03..2024-04", {"000", "004"}),
    ("date:..2021", {"abe2"}),
    ("date:2023", {"abe", "en", "csis"}),
    ("kishida date:2024-04", {"000"}),
    ("year:2021..2022", {"002", "003", "abe2", "quadruple"}),
    ("date:2024-03-03", {"004"}),
    # must find nothing
    ("xyzzyq", set()),
    ("qwertyuiop", set()),
    ("putin", set()),
    ("习近平", set()),
    ("kishida putin", set()),
    ("kishida year:1999", set()),
    ('"kishida blinken"', set()),
    ("putin OR xyzzyq", set()),
    ("blinken aukus OR anbei", set()),
]


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[q for q, _ in CASES])
def test_query_finds_exactly(index: SearchIndex, query: str, expected: set[str]) -> None:
    hits = index.search(query)
    found = [label(h) for h in hits]
    assert len(found) == len(set(found)), "an article is listed twice"
    assert set(found) == expected, f"IN missing: {expected - set(found)}, OUT found: {set(found) - expected}"


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 40
    assert all(expected <= ALL for _, expected in CASES)


@pytest.mark.parametrize(("query", "best"), [("kishida", "000"), ("aukus", "004"), ("blinken", "001"),
                                             ("anbei", "abe"), ("joe biden", "000")])
def test_the_article_about_them_comes_first(index: SearchIndex, query: str, best: str) -> None:
    hits = index.search(query)
    assert label(hits[0]) == best
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize("query", ["kishida", "bulinken", "岸田", "2+2", "aukis", '"第二支柱"', "csis"])
def test_snippets_show_the_match(index: SearchIndex, query: str) -> None:
    wanted = {fold(t) for t in index.terms(query)}
    hits = index.search(query)
    assert hits, query
    for hit in hits:
        assert hit.spans, hit
        for start, end in hit.spans:
            assert 0 <= start < end <= len(hit.snippet)
            assert fold(hit.snippet[start:end]) in wanted
        assert "\n" not in hit.snippet and len(hit.snippet) <= 160


def test_matched_says_where(index: SearchIndex) -> None:
    by_label = {label(h): h.matched for h in index.search("kishida")}
    assert by_label["000"] == "title"  # 拜登与岸田峰会…
    assert by_label["002"] == "alias"  # only 岸田首相: found through the alias
    assert by_label["en"] == "body"


def test_terms_are_the_aliases_to_highlight(index: SearchIndex) -> None:
    terms = index.terms("kishida")
    assert {"岸田文雄", "岸田", "Fumio Kishida"} <= set(terms)
    assert "岸信夫" not in terms
    assert set(index.terms("bulinken")) >= {"布林肯", "安东尼·布林肯"}


def test_limit_and_empty_queries(index: SearchIndex) -> None:
    assert len(index.search("kishida", limit=2)) == 2
    assert index.search("") == [] and index.search("   ") == []


def test_exclusions_alone_list_every_other_article_newest_first(index: SearchIndex) -> None:
    every = index.search("sort:date", limit=1000)
    with_kishida = {h.id for h in index.search("kishida", limit=1000)}
    assert with_kishida and len(every) > len(with_kishida)
    without = index.search("-kishida", limit=1000)
    assert [h.id for h in without] == [h.id for h in every if h.id not in with_kishida]
    assert _dates(without) == sorted(_dates(without), reverse=True)


# --- order, filters alone, relative dates (issue 13) ---------------------------------------------


def _dates(hits: list[Hit]) -> list[str]:
    return [h.published for h in hits]


def test_sort_date_lists_newest_first(index: SearchIndex) -> None:
    by_date = index.search("kishida", sort="date")
    assert [label(h) for h in by_date] == ["001", "000", "004", "en", "002"]
    assert [label(h) for h in index.search("kishida sort:date")] == ["001", "000", "004", "en", "002"]
    best = index.search("kishida sort:date", sort="relevance")  # the caller's order wins (the app's key)
    assert label(best[0]) == "000"
    assert [h.score for h in best] == sorted((h.score for h in best), reverse=True)
    assert {h.id for h in by_date} == {h.id for h in best}
    assert all(h.score > 0 and h.spans for h in by_date)  # still scored and highlighted


def test_filters_alone_list_newest_first(index: SearchIndex) -> None:
    assert [label(h) for h in index.search("source:rfi")] == ["004", "002"]
    hits, total = index.search_counted("sort:date", limit=3)
    assert [label(h) for h in hits] == ["001", "000", "004"] and total == len(ALL)
    listed = index.search("date:2023", sort="relevance")  # nothing to rank by: newest first anyway
    assert _dates(listed) == sorted(_dates(listed), reverse=True) and len(listed) == 3
    en = next(h for h in listed if label(h) == "en")
    assert en.snippet.startswith("Prime Minister Kishida") and en.spans == []  # the article's opening


def test_relative_dates_count_from_today(index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "today", lambda: date(2024, 8, 27))
    assert {label(h) for h in index.search("after:30d")} == {"001"}
    assert {label(h) for h in index.search("after:6m")} == {"000", "001", "004"}
    assert {label(h) for h in index.search("kishida before:2y")} == {"002"}
    monkeypatch.setattr(index, "today", lambda: date(2024, 12, 27))  # a later day: the same text, new dates
    assert index.search("after:30d") == []


def test_or_highlights_every_alternative(index: SearchIndex) -> None:
    terms = set(index.terms("kishida OR blinken"))
    assert {"岸田", "布林肯"} <= terms
    for hit in index.search("kishida OR blinken"):
        assert hit.spans, label(hit)


def test_a_bad_order_is_a_programming_error(index: SearchIndex) -> None:
    with pytest.raises(ValueError, match="sort"):
        index.search("kishida", sort="newest")


def test_count_agrees_with_the_search(index: SearchIndex) -> None:
    for query in ("kishida", "kishida OR blinken", "source:rfi", "sort:date", "-kishida", "putin",
                  "date:2023"):
        assert index.count(query) == index.search_counted(query, limit=3)[1] == len(index.search(query, 100))


def test_typing_on_answers_as_a_fresh_search(index: SearchIndex) -> None:
    """Answers are remembered by the strings a query resolves to (typing on through a name often
    resolves to the same ones): each is what the search gives with nothing remembered, whatever
    was typed before, whatever filters, order, limit or words as typed (an alias or the name)."""
    typed = ["b", "bu", "bul", "buli", "bulin", "bulink", "bulinke", "bulinken", "布林肯", "blinken",
             "blinken year:2022", "blinken sort:date", "blinken -岸田", "岸田", "kishida", "岸田文雄",
             "kishida OR blinken", "blinken OR kishida", '"岸田"', "岸田", "source:nhk", "after:2022"]
    for q in typed:
        for limit, sort in ((50, None), (2, None), (50, "date"), (0, None)):
            got = index.search_counted(q, limit, sort)
            index._answers.clear()
            assert index.search_counted(q, limit, sort) == got, (q, limit, sort)
    hits, _ = index.search_counted("blinken", 50)
    hits.clear()  # the caller's list is its own
    assert index.search_counted("blinken", 50)[0]
