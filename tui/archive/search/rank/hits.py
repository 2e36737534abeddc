"""A search's hits as shown: title, snippet around the first match, spans to highlight, where it
matched (title, an alias, the body).

A `Presenter` is made once per search for its terms, then makes the hit of each article shown.
Two things keep a hit cheap (it was most of a keystroke: ~0.3-1.6 ms each, 50 a keystroke):
- the folded text is the index's own (textindex.py: the same `fold` of the same title and body,
  already UTF-8 in memory or mapped), decoded instead of folded again — folding a 6k-character
  article costs ~0.9 ms, decoding its bytes ~30 µs; where it does not look like this article's
  (a length or title that differs), the text is folded here as before;
- only the needles the article holds are looked for: a term may bring 150 strings (`hu` names
  every Hu of the archive), most absent from any one article, and each was searched in the body,
  with its blockers (words.py), several times over. Which are present comes from one
  Aho-Corasick pass over the text for many needles, from `in` for a few. A needle that is not in
  the text has no occurrence, so the snippet, spans and kind of match are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import ahocorasick_rs

from ..index.catalog import Catalog
from ..index.textindex import CAPITALS, Hays
from ..names.surnames import far_from_japan
from ..names.words import Words, across, covered
from ..query.resolve import Term
from ..text.fold import encode, find_all, fold
from .snippets import first_at, not_in_capitals, spans_of, window

_ONE_PASS = 8  # needles from which one Aho-Corasick pass finds which are present faster than `in`
_DFA = ahocorasick_rs.Implementation.DFA


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
    published: str = ""  # "" where the date is only approximate, as in the article
    date: str = ""  # the day it is placed by (YYYY-MM-DD): published, else approximate
    date_approx: bool = False

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["spans"] = [list(s) for s in self.spans]
        return d


class Presenter:
    """The hits of one search: `presenter(i, score)` is article i's Hit."""

    def __init__(self, terms: list[Term], catalog: Catalog, hays: Hays,
                 body: Callable[[int], str], words: Callable[[], Words]) -> None:
        self.terms, self.catalog, self.hays, self._body, self._words = terms, catalog, hays, body, words
        # longest first, ties by text: the order of a set of strings changes from process to process
        self.needles = sorted({k for t in terms for k in t.needles}, key=lambda k: (-len(k), k))
        self._keys = [encode(k) for k in self.needles]
        # a DFA: `hu`'s 142 needles over 50 texts, 4.5 -> 1 ms (and ~1 ms to build)
        self._find = (ahocorasick_rs.BytesAhoCorasick(self._keys, implementation=_DFA).find_matches_as_indexes
                      if len(self._keys) >= _ONE_PASS else None)
        self._typed = [fold(t.typed) for t in terms]
        self._capitals = in_capitals(terms)  # (`WHO` lit in capitals only, not the English "who")

    def _present(self, hay: bytes) -> set[str]:
        """The needles that occur in `hay` (folded UTF-8: a substring there is one in the text)."""
        if self._find is None:
            return {k for k, key in zip(self.needles, self._keys, strict=True) if key in hay}
        return {self.needles[p] for p, _, _ in self._find(hay, overlapping=True)}

    def _folded(self, i: int, title: str, orig: str) -> tuple[str, bytes]:
        """Article i's folded text (as str and UTF-8): the index's, when it is this text's."""
        hay = self.hays[i] if i < len(self.hays) else b""
        try:
            low = hay.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            low = ""
        if len(low) == len(orig) and low.startswith(fold(title)):
            return low, hay
        low = fold(orig)
        return low, encode(low)

    def __call__(self, i: int, score: float) -> Hit:
        terms = self.terms
        meta = self.catalog.row(i)
        orig = meta.title + "\n" + self._body(i)
        low, hay = self._folded(i, meta.title, orig)  # spans need characters, not the index's bytes
        here = self._present(hay)
        body_at = len(meta.title) + 1
        needles = [k for k in self.needles if k in here]
        title_hit = any(low.find(k, 0, body_at - 1) >= 0 for k in needles)
        via_alias = any(find_all(low, k, 1) for t, typed in zip(terms, self._typed, strict=True)
                        for k in t.via_alias if k in here and k != typed)
        matched = "title" if title_hit else ("alias" if via_alias else "body")
        inside = self._inside(low, here) | not_in_capitals(orig, low, self._capitals & here)
        first = -1  # the first match in the body of the first term the body holds (of `a OR b`,
        for t in terms:  # maybe not the first term)
            for k in t.needles:
                if k in here and (p := first_at(low, k, body_at, inside, first)) >= 0:
                    first = p  # (first_at looks only before the earliest found so far)
            if first >= 0:
                break
        if not terms and len(orig) > body_at:  # filters alone: the article's opening
            first = body_at
        if first >= 0:
            start, end = window(low, first, body_at)
            prefix, suffix = ("…" if start > body_at else ""), ("…" if end < len(orig) else "")
        else:
            start, end, prefix, suffix = 0, body_at - 1, "", ""
        snippet = prefix + orig[start:end].replace("\n", " ") + suffix
        spans = spans_of(low, needles, start, end, len(prefix), inside)
        return Hit(meta.id, meta.path, meta.title, score, snippet, spans, matched,
                   meta.source, meta.source_name, meta.published, meta.when[:10], meta.date_approx)

    def _inside(self, low: str, here: set[str]) -> set[tuple[str, int]]:
        """(needle, offset) of the occurrences in `low` that lie inside a longer name or across a
        word boundary (words.py): not shown as matches. A needle absent from the text is inside
        nothing."""
        out: set[tuple[str, int]] = set()
        for t in self.terms:
            if not t.exact:
                for k in t.needles:
                    if k in here:
                        words = self._words()
                        skip = covered(low, t.blockers(k, words)) | across(low, k, words)
                        if k in t.near_japan:
                            skip |= far_from_japan(low, k)
                        out.update((k, at) for at in skip)
        return out


def in_capitals(terms: list[Term]) -> set[str]:
    """The needles search found as a name's alias written in capitals (textindex.as_written: `WHO`
    is not the English "who"), unless another term looks for the same string in any case."""
    shown = [(k, t.shown.get(k, ""), k in t.via_alias and not t.exact) for t in terms for k in t.needles]
    return {k for k, v, alias in shown if alias and CAPITALS.fullmatch(v)} - {
        k for k, v, alias in shown if not (alias and CAPITALS.fullmatch(v))}
