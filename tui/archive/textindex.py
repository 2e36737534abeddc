"""Folded article text with a character and Latin-token inverted index.

Every article becomes one *haystack*: `title + "\\n" + body`, folded (lowercase, full-width ASCII
to ASCII, no-break spaces to spaces) without changing its length, so an offset found in the
haystack is an offset in the original text (snippets and highlight spans need no mapping).

Postings are plain `array('I')` of article numbers, in order:
- one list per non-ASCII character (Chinese text): a query string's candidates are the
  intersection of the lists of its rarest characters, then checked with `str.find` — the work is
  proportional to the articles that contain those characters, not to the archive's text;
- one list per Latin token (`[a-z0-9]+`), plus a sorted vocabulary for prefix completion and
  typo correction.
Everything is lists, dicts, strings and arrays, so the cache can store it without pickle.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

# Full-width letters, digits and `＋` (not the full-width punctuation every Chinese text has:
# folding it would cost a slow translate per article for nothing).
_FULLWIDTH = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0b\u00a0\u3000\u200b]")
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0xA0: 32, 0x3000: 32, 0x200B: 32}
TOKEN = re.compile(r"[a-z0-9]+")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def fold(text: str) -> str:
    """Case- and width-folded text of the same length as `text`."""
    if _FULLWIDTH.search(text):
        text = text.translate(_FOLD)
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def is_boundary(hay: str, start: int, end: int) -> bool:
    """A Latin match must not start or end inside a longer Latin word (`raa` is not in `raaf`)."""
    return not ((start > 0 and hay[start - 1] in _ASCII_ALNUM and hay[start] in _ASCII_ALNUM)
                or (end < len(hay) and hay[end] in _ASCII_ALNUM and hay[end - 1] in _ASCII_ALNUM))


def find_all(hay: str, needle: str, limit: int = 200) -> list[int]:
    """Start offsets of `needle` in `hay`, honouring Latin word boundaries."""
    out: list[int] = []
    at = hay.find(needle)
    while at >= 0 and len(out) < limit:
        if is_boundary(hay, at, at + len(needle)):
            out.append(at)
        at = hay.find(needle, at + 1)
    return out


def _contains(sorted_ids: array, i: int) -> bool:
    at = bisect_left(sorted_ids, i)
    return at < len(sorted_ids) and sorted_ids[at] == i


class TextIndex:
    def __init__(self) -> None:
        self.hays: list[str] = []
        self.title_len: list[int] = []
        self.chars: dict[str, array] = {}
        self.tokens: dict[str, array] = {}
        self._vocab: list[str] | None = None

    def add(self, title: str, body: str) -> int:
        n = len(self.hays)
        hay = fold(title + "\n" + body)
        self.hays.append(hay)
        self.title_len.append(len(title))
        chars, tokens = self.chars, self.tokens
        for ch in set(hay):
            if ch > "\x7f" and not ch.isspace():
                (chars.get(ch) or chars.setdefault(ch, array("I"))).append(n)
        for tok in set(TOKEN.findall(hay)):
            (tokens.get(tok) or tokens.setdefault(tok, array("I"))).append(n)
        self._vocab = None
        return n

    def state(self) -> dict[str, object]:
        """Plain data (str, int, bytes) for a msgspec cache; `from_state` reverses it."""
        return {"hays": self.hays, "title_len": self.title_len,
                "chars": {k: v.tobytes() for k, v in self.chars.items()},
                "tokens": {k: v.tobytes() for k, v in self.tokens.items()}}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> TextIndex:
        index = cls()
        index.hays, index.title_len = list(state["hays"]), list(state["title_len"])
        for name in ("chars", "tokens"):
            target: dict[str, array] = getattr(index, name)
            for k, raw in state[name].items():
                target[k] = array("I", raw)
        return index

    def __len__(self) -> int:
        return len(self.hays)

    @property
    def vocab(self) -> list[str]:
        """Sorted Latin tokens."""
        if self._vocab is None:
            self._vocab = sorted(self.tokens)
        return self._vocab

    def completions(self, prefix: str, limit: int = 50) -> list[str]:
        vocab = self.vocab
        i = bisect_left(vocab, prefix)
        out: list[str] = []
        while i < len(vocab) and vocab[i].startswith(prefix) and len(out) < limit:
            out.append(vocab[i])
            i += 1
        return out

    def candidates(self, needle: str) -> Iterable[int]:
        """Articles that may contain `needle` (a superset; callers verify with `find_all`)."""
        lists: list[array] = []
        for tok in set(TOKEN.findall(needle)):
            lists.append(self.tokens.get(tok, array("I")))
        for ch in set(needle):
            if ch > "\x7f" and not ch.isspace():
                lists.append(self.chars.get(ch, array("I")))
        if not lists:  # punctuation only: scan
            return range(len(self.hays))
        lists.sort(key=len)
        found: Iterable[int] = lists[0]
        for other in lists[1:4]:
            if len(other) == len(self.hays):
                break
            found = [i for i in found if _contains(other, i)]
        return found

    def matches(self, needle: str) -> list[int]:
        """Articles that contain `needle` (already folded)."""
        if not needle:
            return []
        if TOKEN.fullmatch(needle) and len(TOKEN.findall(needle)) == 1:
            return list(self.tokens.get(needle, ()))
        return [i for i in self.candidates(needle) if find_all(self.hays[i], needle, 1)]
