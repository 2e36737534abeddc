"""Who appears with whom: the entities named in the same articles as one entity more often than
chance would put them there (the names panel's "named with", `newstui names --related NAME`).

For entity A (in a of the archive's n articles) and B (in b), together in k articles, chance would
put them together in a*b/n articles; the lift is k*n/(a*b). A plain count ranks the archive's
commonest names first for everyone (中共, 中国, 美国 are in most articles naming 习近平, and in most
others too); a plain lift ranks names seen twice first. So B is related to A when they share at
least `MIN_TOGETHER` articles and the lift reaches `least_lift(a, n)` (2, or less for an entity in
most of the archive, which no name can beat by 2), and related names are ranked by Dunning's
log-likelihood ratio G², how surprising k is given a, b and n: large for a pair both frequent and
lifted (习近平: 李克强, 王岐山, 王沪宁; 台湾: 蔡英文, 民进党), small for a rare pair however lifted.

`CoMentions` lists which entities each article names once (first asked), then answers one entity
in time proportional to its articles' names, each answer kept: the panel asks as the cursor rests.
"""

from __future__ import annotations

import math
import threading
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

from .entities import Entity

MIN_TOGETHER = 2  # articles naming both, at least
LIMIT = 20  # related names listed (the panel and the command line alike)
_CHUNK = 256  # articles counted per call


@dataclass(frozen=True)
class Related:
    entity: Entity
    together: int  # articles naming both
    lift: float  # together / what chance would give
    score: float  # G²: how far `together` is from chance, the order listed in


def least_lift(a: int, n: int) -> float:
    """The lift a name needs to count as related to one in `a` of `n` articles: 2, or sqrt(n/a)
    when that is less (中国 is in 70% of a mirror: nothing can be twice as often with it)."""
    return min(2.0, math.sqrt(n / a)) if a else math.inf


def g2(k: int, a: int, b: int, n: int) -> float:
    """Dunning's G² of a 2x2 table: k articles with both, a with A, b with B, of n."""
    cells = ((k, a * b), (a - k, a * (n - b)), (b - k, (n - a) * b), (n - a - b + k, (n - a) * (n - b)))
    return 2.0 * sum(o * math.log(o * n / e) for o, e in cells if o > 0 and e > 0)


class CoMentions:
    """The entities each of `n_articles` articles names, and each entity's related names."""

    def __init__(self, entities: Sequence[Entity], n_articles: int) -> None:
        self.entities, self.n = entities, n_articles
        self._named: list[array] | None = None  # article number -> the entities it names
        self._numbers: list[Sequence[int]] = []  # entity -> its article numbers
        self._position: dict[int, int] = {}  # id(entity) -> its number among `entities`
        self._by_key: dict[str, int] = {}  # (for an equal copy: the first with its key)
        self._answers: dict[int, list[Related]] = {}
        self._lock = threading.Lock()  # (the panel's workers may ask while one still works)

    def number(self, entity: Entity) -> int | None:
        """`entity`'s number among the entities (or the first's with its key, for a copy)."""
        if not self._position:
            self._position = {id(e): f for f, e in enumerate(self.entities)}
            self._by_key = {}
            for f, e in enumerate(self.entities):
                self._by_key.setdefault(e.key, f)
        found = self._position.get(id(entity))
        return found if found is not None else self._by_key.get(entity.key)

    def known(self, entity: Entity) -> list[Related] | None:
        """The answer for `entity` when it was already worked out (no work done here); none for
        an entity not among them."""
        f = self.number(entity)
        return [] if f is None else self._answers.get(f)

    def of(self, entity: Entity, limit: int = LIMIT) -> list[Related]:
        """The names most related to `entity`, most surprising first (`limit` at most)."""
        f = self.number(entity)
        if f is None:
            return []
        with self._lock:
            if f not in self._answers:
                self._answers[f] = self._work_out(f)
        return self._answers[f][:limit]

    def _work_out(self, e: int) -> list[Related]:
        named, numbers, n = self._index()
        mine = numbers[e]
        a = len(mine)
        if a < MIN_TOGETHER or not n:
            return []
        together: Counter[int] = Counter()
        for at in range(0, a, _CHUNK):  # (one C call per chunk: the UI thread gets its turns)
            together.update(chain.from_iterable(named[i] for i in mine[at:at + _CHUNK]))
        need = least_lift(a, n) * a / n  # k / b at least
        out = []
        for f, k in together.items():
            b = len(numbers[f])
            if f != e and k >= MIN_TOGETHER and k >= need * b:
                out.append(Related(self.entities[f], k, k * n / (a * b), g2(k, a, b, n)))
        out.sort(key=lambda r: (-r.score, -r.together, r.entity.key))
        return out[:LIMIT]

    def _index(self) -> tuple[list[array], list[Sequence[int]], int]:
        if self._named is None:
            self._numbers = _article_numbers(self.entities)
            n = max([self.n, *(x[-1] + 1 for x in self._numbers if x)])
            named = [array("I") for _ in range(n)]
            for f, mine in enumerate(self._numbers):
                if len(mine) >= MIN_TOGETHER:  # one article is never `MIN_TOGETHER` together
                    for i in mine:
                        named[i].append(f)
            self._named = named
        return self._named, self._numbers, self.n


def _article_numbers(entities: Sequence[Entity]) -> list[Sequence[int]]:
    """Each entity's articles as numbers: the index's own (articleids.py), or the ids numbered
    here for entities that hold only ids (made by hand)."""
    numbers = [getattr(e.articles, "numbers", None) for e in entities]
    if all(x is not None for x in numbers):
        return [x for x in numbers if x is not None]
    ids: dict[str, int] = {}
    return [sorted({ids.setdefault(i, len(ids)) for i in e.articles}) for e in entities]


def related(entities: Sequence[Entity], e: int, n_articles: int, limit: int = LIMIT) -> list[Related]:
    """The names related to `entities[e]` (a one-off `CoMentions`: the command line's question)."""
    return CoMentions(entities, n_articles).of(entities[e], limit)


def both(a: Entity, b: Entity) -> list[str]:
    """The ids of the articles naming both, in `a`'s order."""
    theirs = set(b.articles)
    return [i for i in a.articles if i in theirs]
