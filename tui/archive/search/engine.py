"""One search over titles, name aliases and body text, best first, with snippets.

    index = opening.build_index(archive)           # or SearchIndex.over(archive, ...) on a stored index
    hits = index.search("kishida", limit=50)       # best first
    index.terms("kishida")                         # strings to highlight inside an article
    index.entities                                 # names and agreements (see names/entities.py)

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
   straight from the cache file when the index was opened alone: quick.py), by hits.py.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from ..store.archive import Archive
from .index import textindex
from .index.catalog import Catalog
from .index.textindex import CAPITALS, TextIndex
from .index.titles import Titles
from .names import surnames, words
from .names.aliastables import AliasTables
from .names.entities import Entity
from .names.words import matches_outside
from .query.plan import Plan, make_plan
from .query.resolve import Resolver, Term
from .query.syntax import SORTS, Query, parse
from .rank import scoring
from .rank.hits import Hit, Presenter, in_capitals
from .text import pinyin
from .text.fold import fold

if TYPE_CHECKING:  # (imported by `terms`: a CLI search lights nothing)
    from .rank.highlights import Highlights

_FULL_SCORING = 1000  # beyond this many matches, rank in two steps (see `search`)
_REFINE = 4  # ... scoring limit x this many (at least 200) of the best fully
_ANSWERS = 64  # answers remembered (see `search_counted`)
_BODIES = 200  # bodies remembered for snippets (~12 kB each)
_OUTSIDE = 256  # strings' articles outside longer names remembered (see `_articles`)


__all__ = ["Hit", "SearchIndex"]


class SearchIndex:
    def __init__(self, catalog: Catalog, text: TextIndex, entities: Sequence[Entity],
                 body: Callable[[int], str], titled: Sequence[str] | Callable[[], list[str]] = (),
                 archive: Archive | None = None, tables: AliasTables | None = None) -> None:
        """`catalog`: each article number's fields; `body(i)`: article i's body text (for snippets).
        `over` makes one from an Archive; indexcache.open_columns one from the persisted index alone
        (with the Resolver's `tables`, and `titled` sorted, read on first use)."""
        self.catalog = catalog
        self.text = text
        self.entities = entities
        self.archive = archive
        self._body = body
        self.resolver = Resolver(text, entities, catalog.titles,
                                 titled if callable(titled) else sorted(titled), tables)
        self._plans: dict[tuple[str, date], Plan] = {}
        # answers by what they depend on (Plan.key): typing on often resolves to the same strings
        self._answers: dict[tuple[object, ...], tuple[list[Hit], int]] = {}
        self._bodies: dict[int, str] = {}  # the last bodies shown: the next keystroke shows many again
        # a string's articles outside longer names, by string and blockers: typing on asks for the
        # same strings again (川普 for `tru`, `trum`, `trump` and 川普); this index's articles only
        self._outside: dict[tuple[str, tuple[tuple[str, int], ...], bool], Sequence[int]] = {}
        self.today: Callable[[], date] = date.today  # relative dates (`after:30d`) count from it
        self._folded_titles: Titles | None = None
        self.stored_titles: Titles | None = None  # the titles folded, as an index file stores them
        self.persisted: Path | None = None  # the index file it was read from or written to
        self.damage: Callable[[str], None] | None = None
        self.stamps: tuple[int, ...] | None = None  # opened alone: the digest of the files indexed
        self.removed: frozenset[int] = frozenset()  # numbers no longer in the archive (disk/segments.py)

    @classmethod
    def over(cls, archive: Archive, text: TextIndex, entities: Sequence[Entity],
             titled: Sequence[str] | Callable[[], list[str]] = (), ids: Sequence[str] | None = None,
             tables: AliasTables | None = None, catalog: Catalog | None = None) -> SearchIndex:
        """The index of `archive`; `ids`: the article id of each number in `text` (default:
        `archive.articles`' order); `catalog`: theirs as an index file stored it (else made from
        the archive's articles: ~1.5 s at 300k)."""
        if catalog is None:
            metas = list(archive.articles) if ids is None else [archive.meta(i) for i in ids]
            catalog = Catalog.of(metas)
        return cls(catalog, text, entities, lambda i: archive.get(catalog.ids[i]).text(), titled, archive,
                   tables)

    def warm(self) -> None:
        """Build the lazy parts (pinyin tables, names as words, folded titles) now, e.g. in a worker
        after loading (the names as words cost the first keystroke ~0.1 s when left to it; the
        alias tables ~10 ms, the pinyin readings ~10-60 ms, the common words ~20 ms, the names by
        character ~30 ms; the modules a typo or a name of several words imports, ~20-40 ms)."""
        _ = self.resolver.pinyin, self.text.vocab, self.resolver.words
        from .names import typos  # noqa: F401  (what a typo or several words need, loaded once:
        from .text import cantonese, romanize  # noqa: F401  ~20-40 ms)
        _ = self.resolver.by_alias, self.resolver.by_token, pinyin.lengths(), words.common_words()
        self.resolver.words.by_char()
        self.resolver.words.leaders_by_end()
        self._folded_titles = None
        self._titles()

    def check(self) -> None:
        """Check the texts read from the index file now, in a worker once the index is shown,
        rather than at the keystrokes that first read them (~30 ms for ../shared/real's 68 MB;
        damage found is reported as when a search finds it)."""
        textindex.check(self.text.hays)

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

    def find_names(self, text: str) -> list[Entity]:
        """Entities for the names panel's filter box: any alias containing `text`, or what the
        query resolves to (pinyin, typos); all of them, most articles first, for an empty text."""
        key = fold(text.strip())
        if not key:
            return list(self.entities)
        wanted = {k for t in self._plan(text).terms for k in t.via_alias}
        return [e for e in self.entities
                if any(key in fold(a) or fold(a) in wanted for a in e.aliases)]

    def terms(self, query: str) -> Highlights:
        """Strings to highlight in an opened article (case-insensitively), longest first, with the
        longer names each is no match inside, as in search (highlights.py)."""
        from .rank.highlights import Highlights
        terms = self._plan(query).terms
        shown = {t.shown[k] for t in terms for k in t.needles}
        exact = {k for t in terms if t.exact for k in t.needles}
        loose = {k for t in terms if not t.exact for k in t.needles} - exact
        return Highlights(sorted(shown, key=lambda s: (-len(s), s)), self._blockers(terms),
                          self.resolver.words, loose, in_capitals(terms),
                          {k for t in terms for k in t.near_japan})

    def entity_terms(self, entity: Entity) -> Highlights:
        """What to light in an entity's articles: its aliases, not inside a longer name of
        something else, as its articles were found (names/entities.py; highlights.py)."""
        from .rank.highlights import Highlights
        words, number = self.resolver.words, self._number(entity)
        blockers = {k: found for a in entity.aliases
                    if (k := Highlights.key(a)) and (found := words.blockers(k, number))}
        keys = {Highlights.key(a) for a in entity.aliases}
        capitals = {Highlights.key(a) for a in entity.aliases if CAPITALS.fullmatch(a)}
        # the lexicon's 山下 `Yamashita`, a surname alone: its kanji lit where the text is about Japan
        japanese = {k for k in keys if not k.isascii()} if surnames.only_surname(entity.aliases) else set()
        return Highlights(entity.aliases, blockers, words, keys, capitals, japanese)

    def _number(self, entity: Entity) -> int:
        """The entity's number among `entities` (its names' owner in names as words), -1 if none."""
        owners = self.resolver.words.owners
        for alias in entity.aliases:
            for e in owners.get(fold(alias), ()):
                if self.entities[e].key == entity.key:
                    return e
        return -1

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
        """Articles holding any of the term's strings, with the best weight of those they hold, in
        the order they first come (string by string), gathered in C (`tru`: 73 strings, ~10^4
        articles in all)."""
        self.text.prefetch(term.needles)
        lists = [(weight, self._articles(term, needle)) for needle, weight in term.needles.items()
                 if weight > 0.0]
        best: dict[int, float] = {}
        for weight, found in sorted(lists, key=lambda wf: wf[0]):  # the best weight last
            best.update(dict.fromkeys(found, weight))
        return {i: best[i] for i in dict.fromkeys(chain.from_iterable(found for _, found in lists))}

    def _articles(self, term: Term, needle: str) -> Sequence[int]:
        """Articles holding `needle` as a word (not inside a longer name: words.py) unless quoted."""
        if term.exact:
            return self.text.matches(needle)
        shown = term.shown.get(needle, "")
        if needle in term.via_alias and shown.isascii() and (
                written := self.text.as_written(shown)) is not None:
            return written  # a name's Latin alias: `WHO` as written, not "who"; not in URLs
        known = self.resolver.words
        blockers = term.blockers(needle, known)
        near_japan = needle in term.near_japan
        key = (needle, tuple(blockers), near_japan)
        found = self._outside.get(key)
        if found is None:
            found = matches_outside(self.text, needle, blockers, known)
            if near_japan:  # a Japanese surname alone: only where the text is about Japan
                found = [i for i in found if surnames.near_japan(self.text.hays[i], needle, blockers, known)]
            if len(self._outside) >= _OUTSIDE:
                self._outside.clear()
            self._outside[key] = found
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
        key = (plan.key(), limit, sort)
        known = self._answers.get(key)
        if known is None:
            known = self._answer(plan, limit, sort)
            if len(self._answers) >= _ANSWERS:
                self._answers.clear()
            self._answers[key] = known
        return list(known[0]), known[1]

    def _answer(self, plan: Plan, limit: int, sort: str | None) -> tuple[list[Hit], int]:
        keep = self._matching(plan)
        total = len(keep)
        if not keep:
            return [], 0
        full = self._full_scorer(plan.terms)
        if not plan.terms or (sort or plan.query.order()) == "date":
            published = self.catalog.published
            newest = heapq.nlargest(limit, keep, key=lambda i: (published[i], i))
            hit = self._presenter(plan.terms)
            return [hit(i, full(i)) for i in newest], total
        if len(keep) > _FULL_SCORING:
            keep = _refined(keep, self._quick_scores(plan.terms), self.catalog.published,
                            max(limit * _REFINE, 200))
        top = _best(full, self._bound(plan.terms), keep, self.catalog.published, limit)
        hit = self._presenter(plan.terms)
        return [hit(i, score) for score, _, i in top], total

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
            keep = set(range(len(self.catalog))) - self.removed
        for t in plan.exclude:
            keep -= self._matches(t).keys()
        if q.has_filters:
            keep = self._filtered(q, keep)
        return keep

    def _full_scorer(self, terms: list[Term]) -> Callable[[int], float]:
        return scoring.full_scorer(self.text, terms)

    def _bound(self, terms: list[Term]) -> Callable[[int], float]:
        return scoring.upper_bound(self._titles().folded, terms)

    def _quick_scores(self, terms: list[Term]) -> dict[int, float]:
        return scoring.quick_scores(self.text, self._titles(), terms)

    def _titles(self) -> Titles:
        """The folded titles, searched all at once (titles.py); made by `warm` or when first needed,
        from those the index file stores (folding 300k titles took ~0.9 s of each start)."""
        if self._folded_titles is None:
            stored = self.stored_titles
            self._folded_titles = stored or Titles([fold(t) for t in self.catalog.titles])
        return self._folded_titles

    # -- presenting ---------------------------------------------------------------------------
    def _presenter(self, terms: list[Term]) -> Presenter:
        """What makes the `limit` best into hits, with their snippets (hits.py)."""
        return Presenter(terms, self.catalog, self.text.hays, self._shown_body, lambda: self.resolver.words)

    def _shown_body(self, i: int) -> str:
        """Article i's body (decompressed and decoded from the cache: ~0.1 ms), remembered for the
        next keystrokes, whose hits are often the same articles."""
        found = self._bodies.get(i)
        if found is None:
            found = self._body(i)
            if len(self._bodies) >= _BODIES:
                self._bodies.clear()
            self._bodies[i] = found
        return found


    def _blockers(self, terms: list[Term]) -> dict[str, list[tuple[str, int]]]:
        """Per needle, the longer names it is no match inside (words.py); none for quoted phrases."""
        exact = {k for t in terms if t.exact for k in t.needles}
        out: dict[str, list[tuple[str, int]]] = {}
        for t in terms:
            for k in t.needles:
                if not t.exact and k not in exact:
                    blockers = t.blockers(k, self.resolver.words)
                    if blockers:
                        out.setdefault(k, []).extend(blockers)
        return out


def _refined(keep: set[int], quick: dict[int, float], published: list[str], n: int) -> set[int]:
    """The `n` best of `keep` by quick score, then date: `heapq.nlargest(n, keep, key=(score,
    date))` as a set, without a key made for every article (~0.4 µs each: 40 ms at 115k). The
    scores take a few values: those above the `n`-th are all in; of those equal to it, the newest
    (in `keep`'s order where dates tie, as nlargest takes them). The set is built in the order
    nlargest gives, which is the order equal hits keep in `_best`."""
    get = quick.get
    counts = Counter(quick.values()) if len(quick) == len(keep) and quick.keys() == keep else (
        Counter(get(i, 0.0) for i in keep))
    taken, cut = 0, 0.0
    for score in sorted(counts, reverse=True):
        cut = score
        if taken + counts[score] >= n:
            break
        taken += counts[score]
    above: list[int] = []
    tied: list[int] = []
    for i in keep:
        s = get(i, 0.0)
        if s > cut:
            above.append(i)
        elif s == cut:
            tied.append(i)
    above.sort(key=lambda i: (get(i, 0.0), published[i]), reverse=True)  # (fewer than `n`)
    # the set built in nlargest's order: its order is the order ties keep in `_best`
    return set(above + heapq.nlargest(n - len(above), tied, key=published.__getitem__))


def _best(score: Callable[[int], float], bound: Callable[[int], float], keep: set[int],
          published: list[str], limit: int) -> list[tuple[float, str, int]]:
    """The `limit` first of `_ranked(score, keep)`, scoring in full (reading the text) only the
    articles whose `bound` can still reach the `limit` best: highest bound first, until the next
    bound is below the limit-th score found (scores are rounded to 0.01: hence the margin)."""
    if limit <= 0:  # a count alone (a saved search's)
        return []
    if len(keep) <= limit:
        return _ranked(score, keep, published)
    bounds = {i: bound(i) for i in keep}
    best: list[float] = []  # the `limit` highest scores so far (a min-heap)
    scores: dict[int, float] = {}
    for i in sorted(keep, key=bounds.__getitem__, reverse=True):
        if len(best) == limit and bounds[i] + 0.01 < best[0]:
            break
        scores[i] = s = score(i)
        if len(best) < limit:
            heapq.heappush(best, s)
        elif s > best[0]:
            heapq.heapreplace(best, s)
    chosen = [i for i in keep if i in scores]  # in `keep`'s order, for the same ties as `_ranked`
    return _ranked(scores.__getitem__, chosen, published)[:limit]


def _ranked(score: Callable[[int], float], keep: Iterable[int], published: list[str]
            ) -> list[tuple[float, str, int]]:
    """Best first; newest first among equals."""
    scored = [(score(i), published[i], i) for i in keep]
    scored.sort(key=lambda s: s[1], reverse=True)  # (stable sorts)
    scored.sort(key=lambda s: -s[0])
    return scored


