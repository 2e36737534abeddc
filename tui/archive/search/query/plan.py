"""A query's text -> what to look for: the terms of each group, the exclusions, the filters.

    plan = make_plan(parse("aukus kishida OR blinken -trump"), resolver)
    plan.groups     [[aukus], [kishida, blinken]]   an article must match a term of each group
    plan.terms      [aukus, kishida|blinken]        one per group, for ranking and highlighting
    plan.exclude    [trump]

Consecutive plain words are first read together as one name (`fumio kishida`, `an bei jin san`,
resolve.py); the words of an `OR` are read one by one, and quoted phrases literally. For ranking,
an `OR` group counts as one term holding all its strings: `川普 OR 特朗普 OR trump` (one person)
ranks like `川普`, and costs the same, rather than counting each mention three times.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text.fold import fold
from .resolve import Resolver, Term, plain_pinyin
from .syntax import Query


@dataclass
class Plan:
    query: Query
    terms: list[Term]  # one per group (an OR group's merged), for ranking and highlighting
    groups: list[list[Term]]  # an article must match a term of each group (a word, or `a OR b`)
    exclude: list[Term]

    @property
    def impossible(self) -> bool:
        """Words were typed but some cannot match anything."""
        return bool(self.query.words and not self.terms) or any(not g for g in self.groups)

    def key(self) -> tuple[object, ...]:
        """What a search's answer depends on, so that two plans with equal keys give the same
        hits (engine.py remembers answers by it: `xi jinp`, `xi jinpi`, ... `xi jinping` all
        resolve to the same strings): each term's strings and confidences in order (the order
        decides ties), whether it is a quoted phrase, its aliases (less what was typed: highlights
        treat that as no alias), per group and for ranking; the exclusions; the filters and order.
        Not the words as typed."""
        q = self.query
        return (tuple(tuple(_key(t) for t in g) for g in self.groups), tuple(_key(t) for t in self.terms),
                tuple(_key(t) for t in self.exclude), self.impossible, q.is_empty, q.has_words,
                tuple(q.sources), tuple(q.years), q.after, q.before, q.sort)


def _key(t: Term) -> tuple[object, ...]:
    return tuple(t.needles.items()), t.exact, frozenset(t.via_alias - {fold(t.typed)})


def make_plan(q: Query, resolver: Resolver) -> Plan:
    terms = _terms(q.words, resolver)
    terms += [literal(p) for p in q.phrases]
    groups = [[t] for t in terms]
    for either in q.any_of:
        last = len(either.words) - 1 if either.last else -1
        group = [t for n, w in enumerate(either.words) if (t := resolver.resolve([w], last=n == last))]
        group += [literal(p) for p in either.phrases]
        groups.append(group)
        if group:
            terms.append(merged(group))
    exclude = [t for w in q.exclude if (t := resolver.resolve([w], False, strict=True))]
    exclude += [literal(p) for p in q.exclude_phrases]
    return Plan(q, terms, groups, exclude)


def _terms(words: list[str], resolver: Resolver) -> list[Term]:
    out: list[Term] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 8), i + 1, -1):
            group = words[i:j]
            if all(plain_pinyin(w).isascii() for w in group):  # (`Xí Jìnpíng` too)
                term = resolver.resolve(group, last=j == len(words))
                if term:
                    out.append(term)
                    i = j
                    break
        else:
            term = resolver.resolve([words[i]], last=i == len(words) - 1)
            if term:
                out.append(term)
            i += 1
    return out


def merged(group: list[Term]) -> Term:
    """The terms of an OR group as one: every string, at its best confidence."""
    if len(group) == 1:
        return group[0]
    term = Term(" OR ".join(t.typed for t in group), exact=all(t.exact for t in group))
    for t in group:
        for key, weight in t.needles.items():
            if weight > term.needles.get(key, 0.0):
                term.needles[key] = weight
                term.shown[key] = t.shown.get(key, key)
        term.via_alias |= {k for k in t.via_alias if k != fold(t.typed)}  # what was typed is no alias
    return term


def literal(phrase: str) -> Term:
    """A quoted phrase: a plain substring, even inside a longer name (words.py)."""
    term = Term(phrase, exact=True)
    term.add(phrase, 1.0)
    return term
