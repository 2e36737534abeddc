"""How a search scores an article: per term, its confidence times (title match + log of the
mention count), summed over the terms (engine.py says when each scorer is used).

`full_scorer` reads each article's text; `quick_scores` reads only the postings and the titles,
for large match sets. Both give the same formula (`weigh`), so the two steps of a ranking agree.
`upper_bound` is the most `full_scorer` can give an article knowing only its title: ranking
scores in full only the articles that can still reach the best (engine.py).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

import ahocorasick_rs

from ..index.textindex import TextIndex
from ..index.titles import Titles
from ..query.resolve import Term
from ..text.fold import encode

_ONE_PASS = 8  # needles from which one Aho-Corasick pass per title beats `in` per needle
_ONE_COUNT = 4  # needles from which one DFA pass per text beats `bytes.count` per needle (xi's 5
#                 over its 231 texts: 4.8 -> 3.1 ms)
_DFA = ahocorasick_rs.Implementation.DFA


def weigh(best: float, count: int, title: bool) -> float:
    """One term's share of a score: its best confidence x (title match + log of the mentions)."""
    return best * (40.0 * title + 12.0 * math.log2(1 + min(count, 30)) + 10.0)


def full_scorer(text: TextIndex, terms: list[Term]) -> Callable[[int], float]:
    """Per article: confidence x (title match + log of the mention count), read from its text.

    Every needle of every term is counted in one Aho-Corasick pass over the article's text
    (a pinyin prefix brings ~150 needles: `bytes.count` of each, in each of up to the 1,000
    texts scored in full, was most of a keystroke). The counts are `bytes.count`'s: occurrences
    of one needle are taken left to right without overlapping."""
    keys: list[bytes] = []
    slot: dict[bytes, int] = {}
    rows: list[list[tuple[int, float]]] = []
    for t in terms:
        row = []
        for k, w in t.needles.items():
            key = encode(k)
            row.append((slot.setdefault(key, len(keys)), w))
            if len(keys) < len(slot):
                keys.append(key)
        rows.append(row)
    if not keys:
        return lambda i: 0.0
    hays, title_len, n = text.hays, text.title_len, len(keys)
    # a DFA: ~1 ms to build for 150 needles, then twice as fast per text as the default automaton
    # (`hu`'s 142 needles over its 413 texts: 13 -> 6 ms); the same matches, in the same order
    find = ahocorasick_rs.BytesAhoCorasick(keys, implementation=_DFA).find_matches_as_indexes \
        if n >= _ONE_COUNT else None

    owners: list[list[tuple[int, float]]] = [[] for _ in keys]  # per key: (row, confidence)
    for r, row in enumerate(rows):
        for p, w in row:
            owners[p].append((r, w))
    n_rows = len(rows)

    def tally(hay: bytes, tl: int) -> tuple[dict[int, int], set[int]]:
        """The count of each key the text holds, and those in its title: one pass for many keys,
        else `bytes.count` per key (cheaper for the few of a typical query)."""
        if find is None:
            counts = {p: c for p, k in enumerate(keys) if (c := hay.count(k))}
            return counts, {p for p in counts if hay.find(keys[p], 0, tl) >= 0}
        counts = {}
        ends: dict[int, int] = {}
        in_title: set[int] = set()
        for p, start, stop in find(hay, overlapping=True):
            if start >= ends.get(p, 0):
                counts[p] = counts.get(p, 0) + 1
                ends[p] = stop
            if stop <= tl:
                in_title.add(p)
        return counts, in_title

    def score(i: int) -> float:
        """Only the keys found are visited (of `hu`'s 142, an article holds one or two)."""
        counts, in_title = tally(hays[i], title_len[i])
        best, count, title = [0.0] * n_rows, [0] * n_rows, [False] * n_rows
        for p, c in counts.items():
            titled = p in in_title
            for r, weight in owners[p]:
                best[r] = max(best[r], weight)
                count[r] += c
                title[r] = title[r] or titled
        total = 0.0
        for r in range(n_rows):  # in term order, as the sum always was
            total += weigh(best[r], count[r], title[r])
        return round(total, 2)

    return score


def quick_scores(text: TextIndex, titles: Titles, terms: list[Term]) -> dict[int, float]:
    """For match sets too large to score in full (engine._FULL_SCORING): each article's score
    from which strings it holds (the postings) and the titles (in memory), without reading any
    text (an article holding none scores 0.0). Per term: the best confidence of its strings an
    article holds, how many it holds, and whether one is in its title, gathered string by string
    over whole match lists in C (dicts, Counter, sets: `华` has 6,647 articles, `trump` 38
    strings) into the same per-term `weigh` as before; a few distinct shares, each weighed once."""
    totals: dict[int, float] = {}
    for n, t in enumerate(terms):  # in term order, as the sum per article always was
        if len(t.needles) == 1 and not n:  # (the first term: nothing to add its shares to)
            _one_string(text, titles, t, totals, alone=len(terms) == 1)
            continue
        best: dict[int, float] = {}
        count: Counter[int] = Counter()
        titled: set[int] = set()
        for k, w in sorted(t.needles.items(), key=lambda kw: kw[1]):  # the best confidence last
            found = text.matches(k)
            best.update(dict.fromkeys(found, max(0.0, w)))
            count.update(found)
            titled.update(titles.holding(k, found))
        alone = len(terms) == 1  # the score is the share, rounded
        shares: dict[tuple[float, int, bool], float] = {}
        for i, b in best.items():
            key = (b, min(count[i], 30), i in titled)
            share = shares.get(key)
            if share is None:
                share = weigh(b, key[1], key[2])
                share = shares[key] = round(share, 2) if alone else share
            totals[i] = share if alone or not n else totals.get(i, 0.0) + share
    if len(terms) == 1:
        return totals
    return {i: round(total, 2) for i, total in totals.items()}


def _one_string(text: TextIndex, titles: Titles, term: Term, totals: dict[int, float], alone: bool) -> None:
    """`quick_scores` of a term of one string, the first of its query (`2`, `岸`: 50k-115k
    articles at 300k): each article holds it once, so its share is one of two (in its title or
    not), given to all at once in C instead of article by article (~1 µs each)."""
    ((needle, w),) = term.needles.items()
    found = text.matches(needle)
    b = max(0.0, w)
    plain, lit = weigh(b, 1, False), weigh(b, 1, True)
    if alone:
        plain, lit = round(plain, 2), round(lit, 2)
    totals.update(dict.fromkeys(found, plain))
    totals.update(dict.fromkeys(titles.holding(needle, found), lit))


def upper_bound(titles: Sequence[str], terms: list[Term]) -> Callable[[int], float]:
    """At least `full_scorer(i)`, from article i's folded title alone: each term at its best
    confidence with 30 mentions (weigh counts no more), in the title where one of its strings is.
    (`huawei` matches 837 articles of ../shared/real: the 154 with 华为 in their title can reach
    the best 50, the others cannot, and are not read.)"""
    rows = [(max(t.needles.values(), default=0.0), list(t.needles)) for t in terms]
    needles = [k for _, ks in rows for k in ks]
    if len(needles) < _ONE_PASS:
        return lambda i: sum(weigh(w, 30, any(k in titles[i] for k in ks)) for w, ks in rows)
    find = ahocorasick_rs.AhoCorasick(needles).find_matches_as_indexes
    spans, start = [], 0
    for _, ks in rows:
        spans.append(range(start, start + len(ks)))
        start += len(ks)

    row_of = [r for r, span in enumerate(spans) for _ in span]

    def bound(i: int) -> float:
        titled = {row_of[p] for p, _, _ in find(titles[i], overlapping=True)}
        return sum(weigh(w, 30, r in titled) for r, (w, _) in enumerate(rows))

    return bound
