"""Pinyin for Chinese strings, fast enough for every title of a large archive.

pypinyin is the well-kept, MIT-licensed reference for Mandarin readings (its data comes from the
Unihan database and the 汉语拼音 phrase lists). Its `lazy_pinyin` costs ~290 µs per title, and
even reading its one-character dictionary costs every process ~0.5 s, so tools/build_tables.py
keeps the most common reading of each character without tones (`ü` -> `v`, as typed on a
keyboard) in data/pinyin.txt, shipped with the package and read here in milliseconds; text is
converted with plain dict look-ups. It agrees with `lazy_pinyin` on the vast majority of names;
the misses are heteronyms that only the phrase dictionary resolves.

`PinyinIndex` finds which Chinese substrings of a set of strings (aliases, titles) a run of pinyin
spells, with or without spaces: `anbei` -> 安倍, `an bei jin san` -> 安倍晋三.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import accumulate
from typing import NamedTuple

from .scripts import reading_table

_LATIN_ONLY = re.compile(r"^[a-zv]+$")
_SKIPPED = frozenset("·•‧・ -")  # characters without a reading that a name may hold between syllables


@cache
def table() -> dict[str, str]:
    """Character -> toneless pinyin of its most common reading (data/pinyin.txt)."""
    return reading_table("pinyin.txt")


#: The Han characters, as a regular-expression class (`is_han`).
HAN = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"


_HAN_CHAR = re.compile(f"[{HAN}]")


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0002ffff"


def syllables(text: str) -> list[str]:
    """One entry per character: its pinyin, or "" for characters that have none."""
    t = table()
    return [t.get(ch, "") for ch in text]


def to_pinyin(text: str, sep: str = " ") -> str:
    """The pinyin of the Chinese characters in `text`, syllables joined by `sep`."""
    return sep.join(s for s in syllables(text) if s)


@cache
def lengths() -> dict[str, int]:
    """Character -> the length of its reading."""
    t = table()
    return dict(zip(t, map(len, t.values()), strict=True))


class _Places(NamedTuple):
    """The places one `find` looked at (all of them, when `complete`)."""

    query: str
    places: list[tuple[int, int, int]]
    complete: bool


@cache
def _syllables() -> frozenset[str]:
    return frozenset(table().values())


def is_syllable(word: str) -> bool:
    """Whether `word` is one pinyin syllable, without tone (`hu`, `zhang`; not `tanaka`)."""
    return word.lower() in _syllables()


def spells_syllables(word: str) -> bool:
    """Whether `word` is pinyin syllables end to end (`an`, `anmen`, `xian`; not `s`, `brien`)."""
    word = word.lower()
    ends = {0}
    for i in range(1, len(word) + 1):
        if any(j in ends and word[j:i] in _syllables() for j in range(max(0, i - 6), i)):
            ends.add(i)
    return bool(word) and len(word) in ends


def looks_like_pinyin(word: str) -> bool:
    """Letters only (spaces allowed): worth trying as pinyin."""
    return bool(_LATIN_ONLY.match(word.replace(" ", "").lower()))


def match_span(text: str, query: str, start_char: int, prefix_ok: bool) -> int | None:
    """If `query` is spelled by the syllables of text[start_char:...], the end character index.

    Characters without a reading (`·`, spaces) are skipped. When `prefix_ok`, the last syllable
    may be typed partly (as the user types `bulink`).
    """
    t = table()
    pos = 0
    i = start_char
    while i < len(text):
        syl = t.get(text[i], "")
        i += 1
        if not syl:
            if text[i - 1] in _SKIPPED and pos:
                continue
            return None
        if query.startswith(syl, pos):
            pos += len(syl)
            if pos == len(query):
                return i
        elif prefix_ok and syl.startswith(query[pos:]):
            return i
        else:
            return None
    return None


class PinyinIndex:
    """Pinyin of many short Chinese strings, searchable by a run of pinyin.

    One joined string of first readings (`|` between entries) answers `str.find` in C; each
    candidate is then checked syllable by syllable, so `xian` never matches the middle of `qixian`.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        parts: list[str] = []
        self.starts = array("I")  # offset of each entry in `joined`
        off = 0
        t = table()
        for text in texts:
            self.starts.append(off)
            s = "".join([t.get(ch, "") for ch in text])
            parts.append(s)
            off += len(s) + 1
        self.joined = "|".join(parts)
        self._last: _Places | None = None

    @classmethod
    def from_parts(cls, texts: Sequence[str], joined: str, starts: array) -> PinyinIndex:
        """The index `joined`/`starts` describe (as persisted); ValueError when they cannot be it."""
        if len(starts) != len(texts) or (texts and starts[-1] > len(joined)) or joined.count("|") != max(
                len(texts) - 1, 0):
            raise ValueError("pinyin index does not match its entries")
        index = cls.__new__(cls)
        index.texts, index.joined, index.starts = texts, joined, starts
        index._last = None
        return index

    def inserted(self, at: int, new: Sequence[str], texts: Sequence[str]) -> PinyinIndex:
        """This index with the entries `new` inserted before entry `at` (`texts`: every entry
        after): the readings of the others are kept, not computed again."""
        t = table()
        parts = self.joined.split("|") if len(self.starts) else []
        parts[at:at] = ["".join([t.get(ch, "") for ch in text]) for text in new]
        starts = array("I", accumulate((len(p) + 1 for p in parts[:-1]), initial=0)) if parts else array("I")
        return PinyinIndex.from_parts(texts, "|".join(parts), starts)

    def syllable_at(self, entry: int, local: int) -> int:
        """The character whose syllable starts at offset `local` of the entry's pinyin; -1 when
        a syllable does not start there (or `local` is past the end). The readings' lengths are
        summed only up to `local` (a place is mostly near an entry's start): summing them all,
        even in C, was a third of `xi j`'s time (1,400 places)."""
        length, at = lengths().get, 0
        for ci, ch in enumerate(self.texts[entry]):
            n = length(ch, 0)
            if at == local and n:  # (a character without a reading starts no syllable)
                return ci
            at += n
            if at > local:
                return -1
        return -1

    def _places(self, q: str) -> Iterator[tuple[int, int, int]]:
        """(offset in `joined`, entry, character) where a syllable starts and `q` occurs in the
        pinyin, in order. The places of a longer query are among those of the one before it
        (typing on: `xij`, `xiji`, ...), which are kept: only those are checked again."""
        last, joined, starts = self._last, self.joined, self.starts
        if last is not None and last.complete and q.startswith(last.query):
            for place in last.places:
                if joined.startswith(q, place[0]):
                    yield place
            return
        at = joined.find(q)
        while at >= 0:
            entry = bisect.bisect_right(starts, at) - 1
            ci = self.syllable_at(entry, at - starts[entry])  # (-1 also for a stale persisted index)
            if ci >= 0:
                yield at, entry, ci
            at = joined.find(q, at + 1)

    def find(self, query: str, prefix_ok: bool = False, limit: int = 2000) -> list[tuple[int, str]]:
        """(entry index, Chinese substring spelled) for each place `query` spells >= 2 characters."""
        q = query.replace(" ", "").lower()
        if len(q) < 3:
            return []
        out: list[tuple[int, str]] = []
        seen: set[tuple[int, str]] = set()
        spans: dict[str, int | None] = {}  # what match_span found after the same characters
        named: dict[str, bool] = {}  # whether a substring holds two Chinese characters
        texts, n = self.texts, len(q)
        places: list[tuple[int, int, int]] = []
        complete = True
        for place in self._places(q):
            if len(out) >= limit:
                complete = False
                break
            places.append(place)
            _, entry, ci = place
            text = texts[entry]
            ahead = text[ci:ci + n]  # the most characters a match reads (each reads >= 1 letter)
            if ahead in spans:
                span = spans[ahead]
            else:
                end = match_span(text, q, ci, prefix_ok)
                span = None if end is None else end - ci
                if not _SKIPPED.intersection(ahead):  # else the answer may read past `ahead`
                    spans[ahead] = span
            if span is not None:
                sub = text[ci:ci + span]
                if sub not in named:
                    named[sub] = len(_HAN_CHAR.findall(sub)) >= 2
                if named[sub] and (entry, sub) not in seen:
                    seen.add((entry, sub))
                    out.append((entry, sub))
        self._last = _Places(q, places, complete)
        return out
