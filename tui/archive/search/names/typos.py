"""Typos in the names a reader types, for what the Latin vocabulary cannot correct.

- **Pinyin of a Chinese name**, typed with a slip: `lijiacho` is 李家超 (lijiachao), `magenicji`
  马格尼茨基 (magenicij i). The pinyin of every Chinese alias the index knows is the vocabulary;
  a typed word one edit away (two from ten letters), same first letter, finds the names at the
  smallest distance. resolve.py asks only when nothing else matched, so a word of the archive or a
  name spelled right always wins.
- **A typo in any word of a longer name, typed in part**: `joint decleration` is the
  Sino-British Joint Declaration. The typed words, each corrected against the words of the Latin
  aliases (one edit, two from eight letters, same first letter), must be a run of consecutive
  words of an alias; the whole alias with one typo is `nearest_keys`.

Built on first use from the entities (a few ms), never persisted: a query that needs it is
already one nothing else answered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..text.fold import TOKEN, fold
from ..text.pinyin import to_pinyin
from .aliastables import with_prefix
from .entities import Entity


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
        found = nearest(typed, self._readings, 1 if len(typed) < 10 else 2)
        return sorted({e for reading in found for e in self._by_pinyin[reading]})

    def phrase(self, typed: Sequence[str]) -> list[int]:
        """Entities with a Latin alias holding the typed words, each maybe misspelled, in a row."""
        if len(typed) < 2:
            return []
        near = []
        for word in typed:
            limit = 0 if len(word) < 4 or not word.isalpha() else 1 if len(word) < 8 else 2
            near.append({word, *nearest(word, self._words, limit)} if limit else {word})
        n = len(near)
        out: set[int] = set()
        for toks, e in self._runs:
            if e not in out and any(all(toks[s + i] in near[i] for i in range(n))
                                    for s in range(len(toks) - n + 1)):
                out.add(e)
        return sorted(out)


def nearest(word: str, vocab: list[str], limit: int, other_than: str = "") -> list[str]:
    """The words of sorted `vocab` with `word`'s first letter at the smallest edit distance <= limit
    (only words with that letter: a bisect slice, so the 30 are never neighbours thrown away),
    leaving out `other_than`."""
    found = [f for f in process.extract(word, with_prefix(vocab, word[0]), scorer=OSA.distance,
                                        score_cutoff=limit, limit=31) if f[0] != other_than]
    if not found:
        return []
    best = min(d for _, d, _ in found)
    return [w for w, d, _ in found if d == best]


def nearest_keys(key: str, keys: list[str], limit: int) -> list[str]:
    """The alias keys at the smallest edit distance <= limit from a whole name typed with a typo,
    any first letter (of the 5 nearest: `zhong nansan` is 钟南山, not also 中南海)."""
    found = process.extract(key, keys, scorer=OSA.distance, score_cutoff=limit, limit=5)
    best = min((d for _, d, _ in found), default=0)
    return [k for k, d, _ in found if d == best]
