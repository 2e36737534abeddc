"""Typos in the names a reader types, for what the Latin vocabulary cannot correct.

- **Pinyin of a Chinese name**, typed with a slip: `lijiacho` is 李家超 (lijiachao), `magenicji`
  马格尼茨基 (magenicij i). The pinyin of every Chinese alias the index knows is the vocabulary;
  a typed word one edit away (two from ten letters), same first letter, finds the names at the
  smallest distance. resolve.py asks only when nothing else matched, so a word of the archive or a
  name spelled right always wins.
- **A typo in any word of a longer name, typed in part**: `joint decleration` is the
  Sino-British Joint Declaration. The typed words, each corrected against the words of the Latin
  aliases (one edit, two from eight letters, same first letter), must be a run of consecutive
  words of an alias; the whole alias with one typo is resolve.py's `_fuzzy_alias`.

Built on first use from the entities (a few ms), never persisted: a query that needs it is
already one nothing else answered.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .names import Entity
from .pinyin import to_pinyin
from .textindex import TOKEN, fold


class Typos:
    def __init__(self, entities: Sequence[Entity]) -> None:
        self._by_pinyin: dict[str, set[int]] = defaultdict(set)
        self._runs: list[tuple[tuple[str, ...], int]] = []  # (words of a Latin alias, entity)
        words: set[str] = set()
        for e, ent in enumerate(entities):
            for alias in ent.aliases:
                if alias.isascii():
                    toks = tuple(TOKEN.findall(fold(alias)))
                    if len(toks) >= 2:
                        self._runs.append((toks, e))
                        words.update(toks)
                else:
                    reading = to_pinyin(fold(alias), "")
                    if len(reading) >= 4:
                        self._by_pinyin[reading].add(e)
        self._readings = sorted(self._by_pinyin)
        self._words = sorted(words)

    def pinyin(self, typed: str) -> list[int]:
        """Entities with a Chinese alias whose pinyin is nearest `typed` (letters, no spaces)."""
        if len(typed) < 5:
            return []
        found = _nearest(typed, self._readings, 1 if len(typed) < 10 else 2)
        return sorted({e for reading in found for e in self._by_pinyin[reading]})

    def phrase(self, typed: Sequence[str]) -> list[int]:
        """Entities with a Latin alias holding the typed words, each maybe misspelled, in a row."""
        if len(typed) < 2:
            return []
        near = []
        for word in typed:
            limit = 0 if len(word) < 4 or not word.isalpha() else 1 if len(word) < 8 else 2
            near.append({word, *_nearest(word, self._words, limit)} if limit else {word})
        n = len(near)
        out: set[int] = set()
        for toks, e in self._runs:
            if e not in out and any(all(toks[s + i] in near[i] for i in range(n))
                                    for s in range(len(toks) - n + 1)):
                out.add(e)
        return sorted(out)


def _nearest(word: str, vocab: list[str], limit: int) -> list[str]:
    """The words of sorted `vocab` with `word`'s first letter at the smallest edit distance <= limit."""
    same = vocab[bisect_left(vocab, word[0]):bisect_left(vocab, word[0] + "\U0010ffff")]
    found = process.extract(word, same, scorer=OSA.distance, score_cutoff=limit, limit=30)
    if not found:
        return []
    best = min(d for _, d, _ in found)
    return [w for w, d, _ in found if d == best]
