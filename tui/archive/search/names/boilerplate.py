"""Boilerplate: paragraphs repeated word for word across many articles (channel descriptions,
advertisements, subscription footers). A name they hold is the page's, not the article's: it does
not count toward the names index (`Boilerplate.only_inside`), so one wine advertisement repeated
under 800 articles does not make 勃艮第 and 新西兰 names of this archive.

Found without reading every paragraph of every article into memory: the lines of a sample of
articles are counted; those repeated in the sample are looked for in all articles (one pass,
textindex.match_all); those in enough articles are boilerplate.
"""

from __future__ import annotations

import random
from array import array
from collections import Counter
from collections.abc import Sequence

from ..index.textindex import TextIndex

SAMPLE = 2000  # articles whose lines are counted
MIN_LINE = 60  # bytes of folded UTF-8 (20 Chinese characters): shorter lines repeat by chance
MIN_IN_SAMPLE = 4
MIN_SHARE = 0.005  # of the articles, and at least MIN_ARTICLES
MIN_ARTICLES = 20


class Boilerplate:
    def __init__(self, lines: Sequence[tuple[bytes, Sequence[int]]]) -> None:
        # (folded UTF-8 line, the articles holding it): the index's own answer, an array('I') while
        # building, never a set of ints (a footer under a third of the articles, 36 bytes an
        # article in a set, made most of what finding names added to a cold build's memory)
        self.lines = lines

    @classmethod
    def of(cls, index: TextIndex) -> Boilerplate:
        n = len(index.hays)
        if n < MIN_ARTICLES:
            return cls([])
        picked = random.Random(0).sample(range(n), min(SAMPLE, n))
        counts: Counter[bytes] = Counter()
        for i in picked:
            counts.update({line.strip() for line in bytes(index.hays[i]).split(b"\n")
                           if len(line.strip()) >= MIN_LINE})
        repeated = [line.decode("utf-8", "surrogatepass") for line, c in counts.items() if c >= MIN_IN_SAMPLE]
        index.match_all(repeated)
        least = max(MIN_ARTICLES, int(MIN_SHARE * n))
        lines = []
        for line in repeated:
            found = index.matches(line)
            if len(found) >= least:
                lines.append((line.encode("utf-8", "surrogatepass"),
                              found if isinstance(found, array) else array("I", found)))
        return cls(lines)

    def only_inside(self, index: TextIndex, keys: Sequence[bytes], articles: set[int]) -> set[int]:
        """Of `articles`, those where every occurrence of every key (folded UTF-8 aliases) lies inside
        a boilerplate line."""
        holding = [(line, articles.intersection(arts)) for line, arts in self.lines
                   if any(k in line for k in keys)]  # (each line's articles among `articles`)
        if not holding:
            return set()
        out: set[int] = set()
        for i in set().union(*(arts for _, arts in holding)):
            hay = bytes(index.hays[i])
            inside = [line for line, arts in holding if i in arts]
            if all(hay.count(k) <= sum(hay.count(line) * line.count(k) for line in inside) for k in keys):
                out.add(i)
        return out
