"""Turn what the user typed into the literal strings to look for (`Term.needles`).

A Latin word is tried, in order of confidence, as: a word of the archive's text; a name alias
(`kishida` -> 岸田文雄, 岸田, Fumio Kishida); pinyin of a Chinese alias or title (`bulinken` ->
布林肯); a prefix (`kish` -> kishida, while typing); a typo of a Latin word of the archive
(`kishda` -> kishida), corrected against the vocabulary, never by fuzzy-scoring long text.
Consecutive Latin words are first tried together as one name (`fumio kishida`,
`andongni bulinken`, `an bei jin san`). Chinese text is matched literally, plus the aliases of
the entity it names (`岸田` also finds `Kishida`).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from . import namerules as R
from .names import Entity
from .pinyin import PinyinIndex, looks_like_pinyin
from .textindex import TOKEN, TextIndex, fold

EXACT, ALIAS, PINYIN, PREFIX, FUZZY = 1.0, 0.9, 0.85, 0.7, 0.6
_STOP = {"for", "and", "of", "the", "a", "an", "on", "in", "at", "to", "jr", "sr", "u", "s"}
_LATIN = re.compile(r"^[\x21-\x7e]+$")


@dataclass
class Term:
    typed: str
    needles: dict[str, float] = field(default_factory=dict)  # folded string -> confidence
    shown: dict[str, str] = field(default_factory=dict)  # folded -> as written (for highlighting)
    via_alias: set[str] = field(default_factory=set)

    def add(self, needle: str, weight: float, shown: str = "", alias: bool = False) -> None:
        key = fold(needle)
        if key and weight > self.needles.get(key, 0.0):
            self.needles[key] = weight
            self.shown[key] = shown or needle
            if alias:
                self.via_alias.add(key)
            else:
                self.via_alias.discard(key)


class Resolver:
    def __init__(self, text: TextIndex, entities: list[Entity], titles: list[str],
                 titled: Sequence[str] = ()) -> None:
        self.text = text
        self.titled = list(titled)
        self.entities = entities
        self.titles = titles
        self.by_alias: dict[str, list[int]] = defaultdict(list)
        self.by_token: dict[str, set[int]] = defaultdict(set)
        for e, ent in enumerate(entities):
            for alias in ent.aliases:
                self.by_alias[R.alias_key(alias)].append(e)
                if _LATIN.match(alias.replace(" ", "")):
                    for tok in TOKEN.findall(fold(alias)):
                        if tok not in _STOP:
                            self.by_token[tok].add(e)
        self.alias_keys = [k for k in self.by_alias if k.isascii()]
        self.alias_tokens = sorted(self.by_token)
        self._pinyin: PinyinIndex | None = None
        self._han_aliases: list[tuple[str, int]] = []

    @property
    def pinyin(self) -> PinyinIndex:
        """Pinyin of Chinese aliases, titles and titled names (built on first use, or by `warm`)."""
        if self._pinyin is None:
            self._pinyin = PinyinIndex(self._pinyin_texts())
        return self._pinyin

    def _pinyin_texts(self) -> list[str]:
        self._han_aliases = [(a, e) for e, ent in enumerate(self.entities) for a in ent.aliases
                             if not a.isascii()]
        return [a for a, _ in self._han_aliases] + self.titles + self.titled

    def use_pinyin(self, joined: str, starts: array) -> None:
        """Take the pinyin index as persisted (see `pinyin.joined/starts`); ValueError if stale."""
        self._pinyin = PinyinIndex.from_parts(self._pinyin_texts(), joined, starts)

    def _entity(self, term: Term, e: int, weight: float) -> None:
        for alias in self.entities[e].aliases:
            term.add(alias, weight, alias, alias=True)

    def _alias(self, term: Term, text: str, weight: float) -> bool:
        found = self.by_alias.get(R.alias_key(text), [])
        for e in found:
            self._entity(term, e, weight)
        return bool(found)

    def _token(self, term: Term, tok: str, weight: float) -> None:
        if tok in self.text.tokens:
            term.add(tok, weight)
        for e in self.by_token.get(tok, ()):
            self._entity(term, e, weight * ALIAS)

    def _pinyin_terms(self, term: Term, q: str, prefix: bool, titles: bool) -> None:
        index = self.pinyin
        n_alias = len(self._han_aliases)
        for entry, sub in index.find(q, prefix_ok=prefix):
            if entry < n_alias:
                alias, e = self._han_aliases[entry]
                if sub == alias:
                    self._entity(term, e, PINYIN)
                    continue
            elif not titles:
                continue
            if not self._alias(term, sub, PINYIN):
                term.add(sub, PINYIN)

    def resolve(self, words: list[str], last: bool, strict: bool = False) -> Term | None:
        """The term for one word, or for several words read as one name (None if they are not)."""
        text = " ".join(words)
        term = Term(text)
        folded = fold(text)
        if len(words) > 1:
            if self._alias(term, text, EXACT):
                term.add(folded, EXACT)
            elif self._fuzzy_alias(term, text):
                pass
            elif looks_like_pinyin(text):
                self._pinyin_terms(term, folded.replace(" ", ""), last, titles=True)
            return term if term.needles else None
        if not _LATIN.match(text):  # Chinese (or mixed): literal, plus the entity it names
            term.add(text, EXACT)
            self._alias(term, text, ALIAS)
            return term
        toks = TOKEN.findall(folded)
        if len(toks) != 1 or toks[0] != folded:  # `pac-3`, `2+2`, `u.s.`
            term.add(text, EXACT)
            self._alias(term, text, ALIAS)
            return term
        known = folded in self.text.tokens or folded in self.by_token
        self._token(term, folded, EXACT)
        self._alias(term, text, ALIAS)
        if strict:
            return term
        if looks_like_pinyin(folded) and len(folded) >= 4:
            self._pinyin_terms(term, folded, last, titles=not known)
        if not known and last and len(folded) >= 3:
            for tok in self.text.completions(folded, 20):
                self._token(term, tok, PREFIX)
            for tok in self.alias_tokens_with_prefix(folded):
                self._token(term, tok, PREFIX)
        if not term.needles and len(folded) >= 4 and folded.isalpha():
            for tok in self._corrections(folded):
                self._token(term, tok, FUZZY)
        if not term.needles:
            term.add(text, EXACT)  # nothing known: still look for it literally
        return term

    def alias_tokens_with_prefix(self, prefix: str) -> list[str]:
        return _with_prefix(self.alias_tokens, prefix)[:20]

    def _corrections(self, word: str) -> list[str]:
        """Latin words of the archive one edit away (two from 8 letters), same first letter,
        names first: `kishda` -> kishida, but `kishida` never becomes `rashida`."""
        limit = 1 if len(word) <= 7 else 2
        for vocab in (self.alias_tokens, self.text.vocab):
            # only words with the same first letter: a bisect slice of the sorted vocabulary, so the
            # limit of 30 is never filled by neighbours that would be thrown away
            found = process.extract(word, _with_prefix(vocab, word[0]), scorer=OSA.distance,
                                    score_cutoff=limit, limit=30)
            if found:
                best = min(d for _, d, _ in found)
                return [w for w, d, _ in found if d == best]
        return []

    def _fuzzy_alias(self, term: Term, text: str) -> bool:
        key = R.alias_key(text)
        if len(key) < 6:
            return False
        limit = 1 if len(key) < 9 else 2
        found = process.extract(key, self.alias_keys, scorer=OSA.distance,
                                score_cutoff=limit, limit=5)
        for k, _, _ in found:
            for e in self.by_alias[k]:
                self._entity(term, e, FUZZY)
        return bool(found)


def _with_prefix(words: list[str], prefix: str) -> list[str]:
    """The words of a sorted list that start with `prefix` (a slice found by bisection)."""
    return words[bisect_left(words, prefix):bisect_left(words, prefix + "\U0010ffff")]
