"""Two segments' texts and postings seen as one: the base's articles 0..n-1, the delta's n..n+m-1.

    text = joined_text(base.text, delta.text, removed)   # a TextIndex over both

A search runs on the result as on one index (engine.py is unchanged): a key's articles are the
base's list without the `removed` numbers (base articles the delta deleted or replaced) followed by
the delta's list shifted by n; article i's text is the base's or the delta's (empty when removed).
What the base stored about names (its phrase lists: every article holding an alias) is completed
with the delta's articles holding it, found by reading the delta's few texts. Nothing is copied
but the title lengths; each list is joined when first read and then kept.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .textindex import Hays, Postings, TextIndex, check, contains, lacking


def joined_text(base: TextIndex, delta: TextIndex, removed: frozenset[int]) -> TextIndex:
    n = len(base)
    hays = JoinedHays(base.hays, delta.hays, removed)
    title_len = array("I", base.title_len)
    title_len.extend(delta.title_len)
    return TextIndex(hays, title_len, JoinedPostings(base.chars, delta.chars, n, removed),
                     JoinedPostings(base.tokens, delta.tokens, n, removed),
                     JoinedPhrases(base.phrases, delta, n, removed))


class JoinedHays:
    """Article i's folded text from the base (i < n) or the delta; b"" for a removed base article."""

    def __init__(self, base: Hays, delta: Hays, removed: frozenset[int]) -> None:
        self.base, self.delta, self.n, self.removed = base, delta, len(base), removed

    def __len__(self) -> int:
        return self.n + len(self.delta)

    def __getitem__(self, i: int) -> bytes:
        if i >= self.n:
            return self.delta[i - self.n]
        return b"" if i in self.removed else self.base[i]

    def holding(self, ids: Iterable[int], needle: bytes) -> list[int]:
        """The articles of `ids` (ascending) whose text holds `needle` (as `contains`)."""
        n, removed = self.n, self.removed
        low, high = [], []
        for i in ids:
            if i >= n:
                high.append(i - n)
            elif i not in removed:
                low.append(i)
        return _holding(self.base, low, needle) + [i + n for i in _holding(self.delta, high, needle)]

    def check(self) -> None:
        """Check both segments' texts now (`textindex.check`)."""
        check(self.base)
        check(self.delta)

    def lacking(self, ids: Iterable[int], pattern: re.Pattern[bytes], first: bytes) -> list[int]:
        """The articles of `ids` whose text `pattern` finds nothing in (`textindex.lacking`)."""
        n, removed = self.n, self.removed
        low, high, gone = [], [], []
        for i in ids:
            if i >= n:
                high.append(i - n)
            elif i in removed:
                gone.append(i)  # (an empty text)
            else:
                low.append(i)
        return (lacking(self.base, low, pattern, first) + gone
                + [i + n for i in lacking(self.delta, high, pattern, first)])


def _holding(hays: Hays, ids: list[int], needle: bytes) -> list[int]:
    if not ids:
        return []
    holding = getattr(hays, "holding", None)
    if holding is not None:
        return list(holding(ids, needle))
    return [i for i in ids if contains(hays[i], needle)]


def _join(low: Sequence[int] | None, high: Sequence[int] | None, n: int, removed: frozenset[int]) -> array:
    out = array("I", low or ()) if not removed else array("I", (i for i in low or () if i not in removed))
    if high:
        out.extend(i + n for i in high)
    return out


class JoinedPostings(Postings):
    """A key's articles in the base (less `removed`) then in the delta (shifted by n)."""

    def __init__(self, base: Postings, delta: Postings, n: int, removed: frozenset[int]) -> None:
        super().__init__()
        self.base, self.delta, self.n, self.removed = base, delta, n, removed
        self._keys: list[str] | None = None

    def __contains__(self, key: object) -> bool:
        return key in self.base or key in self.delta

    def sorted_keys(self) -> list[str]:
        if self._keys is None:
            self._keys = sorted({*self.base.sorted_keys(), *self.delta.sorted_keys()})
        return self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self.sorted_keys())

    def __len__(self) -> int:
        return len(self.sorted_keys())

    def get(self, key: str, default: Any = None) -> Any:
        found = self.lists.get(key)
        if found is None:
            low, high = self.base.get(key), self.delta.get(key)
            if low is None and high is None:
                return default
            found = self.lists[key] = _join(low, high, self.n, self.removed)
        return found

    def held_by_longer(self, needle: str) -> set[int]:
        n = self.n
        return ({i for i in self.base.held_by_longer(needle) if i not in self.removed}
                | {i + n for i in self.delta.held_by_longer(needle)})


class JoinedPhrases(JoinedPostings):
    """The base's phrase lists (every article holding a name's alias, found when it was built),
    completed with the delta's articles holding it. A phrase the base does not know is unknown
    here too: `TextIndex.matches` then reads the candidate texts of both."""

    def __init__(self, base: Postings, delta: TextIndex, n: int, removed: frozenset[int]) -> None:
        super().__init__(base, delta.phrases, n, removed)
        self.delta_text = delta

    def __contains__(self, key: object) -> bool:
        return key in self.base

    def sorted_keys(self) -> list[str]:
        return self.base.sorted_keys()

    def get(self, key: str, default: Any = None) -> Any:
        found = self.lists.get(key)
        if found is None:
            low = self.base.get(key)
            if low is None:
                return default
            found = self.lists[key] = _join(low, self.delta_text.matches(key), self.n, self.removed)
        return found
