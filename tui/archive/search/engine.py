"""One search over titles, name aliases and body text, best first, with snippets.

    index = opening.build_index(archive)           # or SearchIndex.over(archive, ...) on a stored index
    hits = index.search("kishida", limit=50)       # best first
    index.terms("kishida")                         # strings to highlight inside an article
    index.entities                                 # names and agreements (see names.py)

How a query runs (see query.py for the syntax, resolve.py for how words become strings):
1. each word (or run of words forming one name) becomes a Term: the literal strings that count
   as a match, with a confidence (exact 1.0, alias 0.9, pinyin 0.85, prefix 0.7, typo 0.6);
2. each string's articles come from the inverted index (textindex.py) and are verified with
   `bytes.find` on the folded text (in memory, or memory-mapped from the persisted index,
   indexcache.py), so the work follows the matches, not the archive's size; an article must match
   every term (of an `a OR b`, either) and no exclusion, and pass the filters;
3. the score adds, per term, its confidence times (title match + log of the mention count):
   an article about a person outranks one naming them once; ties go to the newest. Counting
   mentions reads the article's text, so beyond _FULL_SCORING matches every match is first ranked
   from the postings and titles alone (which strings it holds, title match) and only the best few
   hundred are counted and re-ranked: a keystroke costs the same at 1k or 100k matches;
   `sort="date"` (or `sort:date` in the query, or a query of filters alone) takes the newest
   matches instead and scores only those;
4. only the `limit` best get a snippet, from the article's own text (read through the Archive, or
   straight from the cache file when the index was opened alone: quick.py).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import ahocorasick_rs

from ..store.archive import Archive
from . import names
from .catalog import Catalog
from .plan import Plan, make_plan
from .query import SORTS, Query, parse
from .resolve import Resolver, Term
from .textindex import TextIndex, encode, find_all, fold, is_boundary

_SENTENCE_END = "。！？!?\n；;"
_ONE_PASS = 8  # needles from which one Aho-Corasick pass per text beats one count per needle
_FULL_SCORING = 1000  # beyond this many matches, rank in two steps (see `search`)
_REFINE = 4  # ... scoring limit x this many (at least 200) of the best fully


@dataclass(frozen=True)
class Hit:
    id: str
    path: str
    title: str
    score: float
    snippet: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in snippet
    matched: str = "body"  # "title" | "alias" | "body"
    source: str = ""
    source_name: str = ""
    published: str = ""

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["spans"] = [list(s) for s in self.spans]
        return d


class SearchIndex:
    def __init__(self, catalog: Catalog, text: TextIndex, entities: list[names.Entity],
                 body: Callable[[int], str], titled: Sequence[str] = (), archive: Archive | None = None
                 ) -> None:
        """`catalog`: each article number's fields; `body(i)`: article i's body text (for snippets).
        `over` makes one from an Archive; indexcache.open_columns one from the persisted index alone."""
        self.catalog = catalog
        self.text = text
        self.entities = entities
        self.archive = archive
        self._body = body
        self.resolver = Resolver(text, entities, catalog.titles, sorted(titled))
        self._plans: dict[tuple[str, date], Plan] = {}
        self.today: Callable[[], date] = date.today  # relative dates (`after:30d`) count from it
        self._folded_titles: list[str] | None = None
        self.persisted: Path | None = None  # the index file it was read from or written to
        self.damage: Callable[[str], None] | None = None
        self.stamps: tuple[int, ...] | None = None  # opened alone: the digest of the files indexed

    @classmethod
    def over(cls, archive: Archive, text: TextIndex, entities: list[names.Entity],
             titled: Sequence[str] = (), ids: Sequence[str] | None = None) -> SearchIndex:
        """The index of `archive`; `ids`: the article id of each number in `text` (default:
        `archive.articles`' order)."""
        metas = list(archive.articles) if ids is None else [archive.meta(i) for i in ids]
        catalog = Catalog.of(metas)
        return cls(catalog, text, entities, lambda i: archive.get(catalog.ids[i]).text(), titled, archive)

    def warm(self) -> None:
        """Build the lazy parts (pinyin tables, folded titles) now, e.g. in a worker after loading."""
        _ = self.resolver.pinyin, self.text.vocab
        self._folded_titles = [fold(t) for t in self.catalog.titles]

    # -- planning -----------------------------------------------------------------------------
    def _plan(self, query: str) -> Plan:
        key = (query, self.today())
        found = self._plans.get(key)
        if found is None:
            found = make_plan(parse(query, key[1]), self.resolver)
            if len(self._plans) > 256:
                self._plans.clear()
            self._plans[key] = found
        return found

    def find_names(self, text: str) -> list[names.Entity]:
        """Entities for the names panel's filter box: any alias containing `text`, or what the
        query resolves to (pinyin, typos); all of them, most articles first, for an empty text."""
        key = fold(text.strip())
        if not key:
            return list(self.entities)
        wanted = {k for t in self._plan(text).terms for k in t.via_alias}
        return [e for e in self.entities
                if any(key in fold(a) or fold(a) in wanted for a in e.aliases)]

    def terms(self, query: str) -> list[str]:
        """Strings to highlight in an opened article (case-insensitively), longest first."""
        shown = {t.shown[k] for t in self._plan(query).terms for k in t.needles}
        return sorted(shown, key=lambda s: (-len(s), s))

    # -- matching -----------------------------------------------------------------------------
    def _union(self, group: list[Term]) -> dict[int, float]:
        """Articles matching any term of `group` (`kishida OR blinken`), with the best weight."""
        found = self._matches(group[0])
        for term in group[1:]:
            for i, weight in self._matches(term).items():
                if weight > found.get(i, 0.0):
                    found[i] = weight
        return found

    def _matches(self, term: Term) -> dict[int, float]:
        found: dict[int, float] = {}
        self.text.prefetch(term.needles)
        for needle, weight in term.needles.items():
            for i in self.text.matches(needle):
                if weight > found.get(i, 0.0):
                    found[i] = weight
        return found

    def _filtered(self, q: Query, keep: set[int]) -> set[int]:
        """`keep` less the articles the filters turn away (sources judged once each, not per article)."""
        if q.sources:
            from_source = self.catalog.source_filter(q.source_ok)
            keep = {i for i in keep if from_source(i)}
        if q.years or q.after or q.before:
            published, date_ok = self.catalog.published, q.date_ok
            keep = {i for i in keep if date_ok(published[i])}
        return keep

    def search(self, query: str, limit: int = 50, sort: str | None = None) -> list[Hit]:
        return self.search_counted(query, limit, sort)[0]

    def search_counted(self, query: str, limit: int = 50, sort: str | None = None
                       ) -> tuple[list[Hit], int]:
        """The `limit` best hits and how many articles match in all (kept per call: searches run
        in threads, a newer one may start before an older one has finished).

        `sort`: "relevance" (best first) or "date" (newest first), whatever the query says;
        None: the query's `sort:`, else best first, or newest first for filters without words."""
        if sort is not None and sort not in SORTS:
            raise ValueError(f"sort must be one of {SORTS}, not {sort!r}")
        plan = self._plan(query)
        keep = self._matching(plan)
        total = len(keep)
        if not keep:
            return [], 0
        full = self._full_scorer(plan.terms)
        if not plan.terms or (sort or plan.query.order()) == "date":
            published = self.catalog.published
            newest = heapq.nlargest(limit, keep, key=lambda i: (published[i], i))
            return [self._hit(plan.terms, i, full(i)) for i in newest], total
        if len(keep) > _FULL_SCORING:
            quick, published = self._quick_scorer(plan.terms), self.catalog.published
            keep = set(heapq.nlargest(max(limit * _REFINE, 200), keep,
                                      key=lambda i: (quick(i), published[i])))
        top = _ranked(full, keep, self.catalog.published)[:limit]
        return [self._hit(plan.terms, i, score) for score, _, i in top], total

    def count(self, query: str) -> int:
        """How many articles match `query`, without ranking them (a saved search's live count)."""
        return len(self._matching(self._plan(query)))

    def _matching(self, plan: Plan) -> set[int]:
        """The articles that match every group of terms and no exclusion, and pass the filters."""
        q = plan.query
        if q.is_empty or plan.impossible:
            return set()
        if plan.groups:
            per_group = sorted((self._union(g) for g in plan.groups), key=len)
            keep = set(per_group[0])
            for other in per_group[1:]:
                keep &= other.keys()
        else:
            keep = set(range(len(self.catalog)))
        for t in plan.exclude:
            keep -= self._matches(t).keys()
        if q.has_filters:
            keep = self._filtered(q, keep)
        return keep

    def _full_scorer(self, terms: list[Term]) -> Callable[[int], float]:
        """Per article: confidence x (title match + log of the mention count), read from its text.

        Every needle of every term is counted in one Aho-Corasick pass over the article's text
        (a pinyin prefix brings ~150 needles: `bytes.count` of each, in each of up to
        _FULL_SCORING texts, was most of a keystroke). The counts are `bytes.count`'s: occurrences
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
        hays, title_len, n = self.text.hays, self.text.title_len, len(keys)
        find = ahocorasick_rs.BytesAhoCorasick(keys).find_matches_as_indexes if n >= _ONE_PASS else None

        def tally(hay: bytes, tl: int) -> tuple[list[int], list[bool]]:
            """Each key's count and whether it is in the title: one pass for many keys, else
            `bytes.count` per key (cheaper for the few of a typical query)."""
            if find is None:
                counts = [hay.count(k) for k in keys]
                return counts, [c > 0 and hay.find(k, 0, tl) >= 0 for k, c in zip(keys, counts, strict=True)]
            counts, ends, in_title = [0] * n, [0] * n, [False] * n
            for p, start, stop in find(hay, overlapping=True):
                if start >= ends[p]:
                    counts[p] += 1
                    ends[p] = stop
                if stop <= tl:
                    in_title[p] = True
            return counts, in_title

        def score(i: int) -> float:
            counts, in_title = tally(hays[i], title_len[i])
            total = 0.0
            for row in rows:
                best, count, title = 0.0, 0, False
                for p, weight in row:
                    c = counts[p]
                    if not c:
                        continue
                    best = max(best, weight)
                    count += c
                    title = title or in_title[p]
                total += best * (40.0 * title + 12.0 * math.log2(1 + min(count, 30)) + 10.0)
            return round(total, 2)

        return score

    def _quick_scorer(self, terms: list[Term]) -> Callable[[int], float]:
        """Beyond _FULL_SCORING matches: which strings an article holds (from the postings) and the
        titles (in memory), without reading any article's text. Gathered needle by needle over
        their match lists (asking each article about each of ~150 needles cost ~0.3 s at 8k
        matches), into the same per-term best weight, count and title flag."""
        warmed, titles = self._folded_titles, self.catalog.titles
        heads: dict[int, str] = {}
        per_term: list[dict[int, list[Any]]] = []
        for t in terms:
            got: dict[int, list[Any]] = {}
            for k, w in t.needles.items():
                for i in self.text.matches(k):
                    head = heads.get(i)
                    if head is None:
                        head = heads[i] = warmed[i] if warmed else fold(titles[i])
                    row = got.get(i)
                    if row is None:
                        got[i] = [max(0.0, w), 1, k in head]
                    else:
                        row[0] = max(row[0], w)
                        row[1] += 1
                        row[2] = row[2] or k in head
            per_term.append(got)
        totals: dict[int, float] = {}
        for got in per_term:  # in term order, as the sum per article was
            for i, (best, count, title) in got.items():
                totals[i] = totals.get(i, 0.0) + best * (
                    40.0 * title + 12.0 * math.log2(1 + min(count, 30)) + 10.0)
        scores = {i: round(total, 2) for i, total in totals.items()}
        return lambda i: scores.get(i, 0.0)

    # -- presenting ---------------------------------------------------------------------------
    def _hit(self, terms: list[Term], i: int, score: float) -> Hit:
        meta = self.catalog.row(i)
        orig = meta.title + "\n" + self._body(i)
        low = fold(orig)  # only for the hits shown: the index keeps bytes, spans need characters
        body_at = len(meta.title) + 1
        needles = sorted({k for t in terms for k in t.needles}, key=len, reverse=True)
        title_hit = any(low.find(k, 0, body_at - 1) >= 0 for k in needles)
        via_alias = any(find_all(low, k, 1) for t in terms for k in t.via_alias if k != fold(t.typed))
        matched = "title" if title_hit else ("alias" if via_alias else "body")
        first: list[int] = []
        for t in terms:  # the first term the body holds (of `a OR b`, maybe not the first)
            first = [p for k in t.needles if (p := _first(low, k, body_at)) >= 0]
            if first:
                break
        if not terms and len(orig) > body_at:  # filters alone: the article's opening
            first = [body_at]
        if first:
            start, end = _window(low, min(first), body_at)
            prefix, suffix = ("…" if start > body_at else ""), ("…" if end < len(orig) else "")
        else:
            start, end, prefix, suffix = 0, body_at - 1, "", ""
        snippet = prefix + orig[start:end].replace("\n", " ") + suffix
        spans = _spans(low, needles, start, end, len(prefix))
        return Hit(meta.id, meta.path, meta.title, score, snippet, spans, matched,
                   meta.source, meta.source_name, meta.published)


def _ranked(score: Callable[[int], float], keep: set[int], published: list[str]
            ) -> list[tuple[float, str, int]]:
    """Best first; newest first among equals."""
    scored = [(score(i), published[i], i) for i in keep]
    scored.sort(key=lambda s: s[1], reverse=True)  # (stable sorts)
    scored.sort(key=lambda s: -s[0])
    return scored


def _first(low: str, needle: str, body_at: int) -> int:
    """The first match of `needle` in the body (at Latin word boundaries), without copying it."""
    at = low.find(needle, body_at)
    while at >= 0 and not is_boundary(low, at, at + len(needle)):
        at = low.find(needle, at + 1)
    return at



def _window(low: str, at: int, body_at: int, before: int = 40, width: int = 150) -> tuple[int, int]:
    start = max(body_at, at - before)
    cut = max(low.rfind(ch, start, at) for ch in _SENTENCE_END)
    if cut >= start:
        start = cut + 1
    while start < at and low[start].isspace():
        start += 1
    return start, min(len(low), start + width)


def _spans(low: str, needles: list[str], start: int, end: int, shift: int) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    for needle in needles:  # longest first, so 岸田文雄 wins over 岸田
        at = low.find(needle, start, end)
        while at >= 0:
            stop = at + len(needle)
            if (stop <= end and is_boundary(low, at, stop)
                    and not any(a < stop and at < b for a, b in taken)):
                taken.append((at, stop))
            at = low.find(needle, at + 1, end)
    return sorted((a - start + shift, b - start + shift) for a, b in taken)
