"""Ranking reads only the texts that can reach the best (engine._best, scoring.upper_bound): the
best hits are the ones scoring every match would give, in the same order, ties included."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tui.archive.model import Article, Block
from tui.archive.search import engine
from tui.archive.search.engine import SearchIndex
from tui.archive.search.opening import build_index
from tui.archive.search.rank import scoring
from tui.archive.store.archive import Archive

NAMES = ["岸田文雄", "岸田", "Kishida", "拜登", "Biden", "布林肯", "華為", "华为", "Huawei", "胡锦涛"]


def _article(n: int) -> Article:
    """Articles naming a few people a varying number of times, in the title or not, on a few dates
    (so that scores and dates tie)."""
    a, b = NAMES[n % len(NAMES)], NAMES[(n * 7 + 3) % len(NAMES)]
    title = f"{a}与{b}会谈" if n % 3 == 0 else f"第{n}号报道"
    body = "。".join([f"{a}表示" * (1 + n % 5), f"{b}回应" * (1 + n % 2), "日本首相岸田与美国总统拜登"])
    return Article(id=f"a{n}", path=f"/made/a{n}.md", shape="made", source="test", source_name="test",
                   title=title, published=f"2023-0{1 + n % 3}-01", body=(Block("paragraph", body),))


@pytest.fixture(scope="module")
def index() -> Iterator[SearchIndex]:
    yield build_index(Archive([_article(n) for n in range(120)]))


QUERIES = ["岸田", "kishida", "拜登", "biden", "huawei", "华为", "bulinken", "hujintao", "岸田 拜登", "首相",
           "岸田 OR 布林肯", "岸田 OR 拜登 OR 布林肯 OR 华为 OR kishida OR biden OR huawei OR hujintao"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_best_are_those_scoring_every_match_gives(index: SearchIndex, query: str) -> None:
    plan = index._plan(query)
    keep = index._matching(plan)
    assert len(keep) > 10, query
    if query.count(" OR ") > 4:
        assert len(plan.terms[0].needles) >= scoring._ONE_PASS  # titles read in one pass
    full = index._full_scorer(plan.terms)
    bound = index._bound(plan.terms)
    assert all(bound(i) >= full(i) for i in keep)
    everything = engine._ranked(full, keep, index.catalog.published)
    for limit in (0, 1, 3, 10, 50, len(keep)):
        assert engine._best(full, bound, keep, index.catalog.published, limit) == everything[:limit]
    assert index.search_counted(query, 0) == ([], len(keep))


def test_only_the_articles_that_can_reach_the_best_are_read(index: SearchIndex) -> None:
    plan = index._plan("华为")
    keep = index._matching(plan)
    full = index._full_scorer(plan.terms)
    read: list[int] = []

    def counted(i: int) -> float:
        read.append(i)
        return full(i)

    titled = {i for i in keep if "华为" in index.catalog.titles[i] or "華為" in index.catalog.titles[i]}
    assert 3 <= len(titled) < len(keep)
    best = engine._best(counted, scoring.upper_bound([t.lower() for t in index.catalog.titles], plan.terms),
                        keep, index.catalog.published, 3)
    assert {i for _, _, i in best} <= titled and len(read) < len(keep)


@pytest.mark.parametrize("query", ["岸", "会", "报道", "岸田 拜登", "2023"])
def test_quick_scores_of_a_string_are_its_confidence_weighed_in_the_title_or_not(
        index: SearchIndex, query: str) -> None:
    """A term of one string counts once per article: its share is in the title or not (rounded
    when the query is that one term), each article's own, whichever way it is gathered."""
    plan = index._plan(query)
    got = index._quick_scores(plan.terms)
    titles = index._titles().folded
    want: dict[int, float] = {}
    for t in plan.terms:
        per = {i: scoring.weigh(max(w, 0.0), sum(1 for k2 in t.needles if i in index.text.matches(k2)),
                                any(k2 in titles[i] for k2 in t.needles if i in index.text.matches(k2)))
               for k, w in sorted(t.needles.items(), key=lambda kw: kw[1]) for i in index.text.matches(k)}
        for i, share in per.items():
            want[i] = want.get(i, 0.0) + share
    if len(plan.terms) == 1:
        want = {i: round(s, 2) for i, s in want.items()}
    assert got.keys() == want.keys() and all(abs(got[i] - want[i]) < 0.011 for i in got), query


def test_the_best_by_quick_score_then_date_are_those_nlargest_gives() -> None:
    import heapq
    import random

    rng = random.Random(3)
    for _ in range(200):
        keep = set(rng.sample(range(3000), rng.randint(1, 2500)))
        values = [0.5, 1.0, 2.25, 7.5]
        quick = {i: rng.choice(values) for i in keep if rng.random() < (1.0 if rng.random() < 0.3 else 0.9)}
        published = [rng.choice(["2020-01-01", "2021-05-05", ""]) for _ in range(3000)]
        n = rng.choice([1, 13, 200, 5000])
        want = set(heapq.nlargest(n, keep, key=lambda i: (quick.get(i, 0.0), published[i])))
        got = engine._refined(keep, quick, published, n)
        assert got == want and list(got) == list(want)  # in the same order too: ties follow it
