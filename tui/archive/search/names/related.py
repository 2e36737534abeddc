"""Who appears with whom: the entities most often named in the same articles as one entity, more
often than chance would put them there (`newstui names --related NAME`).

For entity A (in a of the archive's n articles) and B (in b), together in k articles: chance would
put them together in a*b/n; B is related to A when k >= 2 and k is above that (lift k*n/(a*b) > 1).
Listed by k, most first: what a reader asks is "who else is in these articles".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .entities import Entity


@dataclass(frozen=True)
class Related:
    entity: Entity
    together: int  # articles naming both
    lift: float  # together / what chance would give


def _numbers(e: Entity) -> Sequence[int] | None:
    """The entity's article numbers when it holds them (articleids.py), else None (ids only)."""
    return getattr(e.articles, "numbers", None)


def _keys(e: Entity, numbered: bool) -> Sequence[object]:
    numbers = _numbers(e)
    return numbers if numbered and numbers is not None else e.articles


def related(entities: Sequence[Entity], e: int, n_articles: int, limit: int = 10) -> list[Related]:
    """The entities named with `entities[e]` more often than chance, most articles together first."""
    numbered = all(_numbers(x) is not None for x in entities)
    mine = set(_keys(entities[e], numbered))
    if not mine or not n_articles:
        return []
    together: Counter[int] = Counter()
    for f, other in enumerate(entities):
        if f != e:
            k = len(mine.intersection(_keys(other, numbered)))
            if k >= 2:
                together[f] = k
    out = []
    for f, k in together.items():
        lift = k * n_articles / (len(mine) * len(entities[f].articles))
        if lift > 1:
            out.append(Related(entities[f], k, lift))
    out.sort(key=lambda r: (-r.together, -r.lift, r.entity.key))
    return out[:limit]


def both(a: Entity, b: Entity) -> list[str]:
    """The ids of the articles naming both."""
    theirs = set(b.articles)
    return [i for i in a.articles if i in theirs]
