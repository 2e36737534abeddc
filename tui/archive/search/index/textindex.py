"""Folded article text ("haystacks") with a character and Latin-token inverted index.

Every article becomes one *haystack*: `title + "\\n" + body`, folded (Traditional to Simplified,
lowercase, full-width ASCII to ASCII, no-break spaces to spaces: scripts.py) without changing its
length in characters, and kept as UTF-8
bytes: matching is `bytes.find`/`bytes.count` in C, and a haystack can live in a memory-mapped file
(indexcache.py) instead of in memory — at 100k articles the folded text is ~600 MB, which no
process should decode or hold. Snippets and highlight spans are computed on the article's own text
(folded again for the few hits shown), so byte offsets never need mapping to characters.

Postings are sorted `array('I')` of article numbers:
- one list per character other than Latin letters, digits and spaces (Chinese text, and
  punctuation such as `+` in `2+2`): a query string's candidates are the
  intersection of the lists of its characters, then checked with `bytes.find` — the work is
  proportional to the articles that contain those characters, not to the archive's text;
- one list per Latin token (`[a-z0-9]+`), plus a sorted vocabulary for prefix completion and
  typo correction.
`Postings` holds them in memory; indexcache.StoredPostings reads each from disk on first use.
Everything is lists, dicts, bytes and arrays, so a cache can store it without pickle.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from ..text.fold import TOKEN, encode, fold
from .needles import Needles, articles_holding, holding_here

_ALNUM_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_NOT_INDEXED = re.compile(r"[a-z0-9\s\x00-\x1f\ud800-\udfff]+")  # tokens instead; spaces; surrogates
_MATCH_CACHE = 2048  # needles whose article lists are remembered (typing repeats them)
_PREFETCH_MIN = 4  # fewer needles to read than this: one at a time costs no more


def contains(hay: Any, needle: bytes, start: int = 0, end: int | None = None) -> bool:
    """Whether folded UTF-8 `hay[start:end]` (bytes or an mmap) holds `needle` at Latin word
    boundaries (the bytes version of `fold.find_all`)."""
    end = len(hay) if end is None else end
    at = hay.find(needle, start, end)
    if at < 0:
        return False
    first, last, size = needle[0] in _ALNUM_BYTES, needle[-1] in _ALNUM_BYTES, len(needle)
    if not (first or last):
        return True
    while at >= 0:
        stop = at + size
        if not ((first and at > start and hay[at - 1] in _ALNUM_BYTES)
                or (last and stop < end and hay[stop] in _ALNUM_BYTES)):
            return True
        at = hay.find(needle, at + 1, end)
    return False


def hay_of(title: str, body: str) -> tuple[bytes, int, str, list[str]]:
    """One article's haystack (folded UTF-8), its title's length in bytes, its distinct non-ASCII
    characters and its distinct Latin tokens with their marks (`marked_tokens`): what the index
    needs of it (run in parse workers)."""
    whole = title + "\n" + body
    text = fold(whole)
    chars = _NOT_INDEXED.sub("", "".join(set(text)))
    head = text[: len(title)]
    tokens = set(TOKEN.findall(text))
    return encode(text), len(head) if head.isascii() else len(encode(head)), chars, [
        *tokens, *marked_tokens(whole, tokens)]


_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"'()（）]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                      r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|tv|io|me|tw|hk|cn|gov|edu)\b(?:/[^\s<>\"']*)?",
                      re.A)
CAPITALS = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]{1,7}(?![A-Za-z0-9])")


def marked_tokens(text: str, tokens: set[str]) -> list[str]:
    """Token-postings keys beside the folded tokens, that no folded token can be: each Latin word
    written in capitals, as written (`WHO`, `G7`: an acronym is matched as written, never the
    English "who"), and `/` + each token `text` holds only inside web and e-mail addresses (`/www`:
    a name is not matched inside a URL). Both outside addresses (`is_marked` tells them apart)."""
    addresses = [m.group() for m in _ADDRESS.finditer(text)]
    if not addresses:
        return list(set(CAPITALS.findall(text)))
    prose = _ADDRESS.sub(" ", text)
    outside = set(TOKEN.findall(fold(prose)))
    return [*set(CAPITALS.findall(prose)), *("/" + t for t in tokens - outside)]


def is_marked(key: str) -> bool:
    """Whether a token key is one of `marked_tokens`' rather than a folded token."""
    return key[:1] not in _ASCII_ALNUM


def _indexed(ch: str) -> bool:
    """Characters with a posting list: all but Latin letters and digits (tokens), spaces, controls."""
    return _NOT_INDEXED.match(ch) is None


def read_to_match(needle: str) -> bool:
    """Whether finding `needle` (folded) means reading texts: no posting list answers it (it is
    neither one Latin token nor one indexed character)."""
    return bool(needle) and not TOKEN.fullmatch(needle) and not (len(needle) == 1 and _indexed(needle))


class Postings:
    """Key -> sorted `array('I')` of article numbers, held in memory."""

    def __init__(self, lists: dict[str, array] | None = None) -> None:
        self.lists: dict[str, array] = {} if lists is None else lists

    def __contains__(self, key: object) -> bool:
        return key in self.lists

    def __iter__(self) -> Iterator[str]:
        return iter(self.lists)

    def __len__(self) -> int:
        return len(self.lists)

    def get(self, key: str, default: Any = None) -> Any:
        return self.lists.get(key, default)

    def sorted_keys(self) -> list[str]:
        return sorted(self.lists)

    def held_by_longer(self, needle: str) -> set[int]:
        """Articles known to hold `needle` because they hold a longer key starting with it (see
        indexmapped.StoredPostings); none here: lists in memory are still being built."""
        return set()

    def add(self, keys: Iterable[str], n: int) -> None:
        """Article `n` to the list of each key. A loop here, not a method call per key: it is the
        index builder's busiest (~450 keys an article), run while the workers parse."""
        lists = self.lists
        for key in keys:
            try:
                lists[key].append(n)
            except KeyError:
                lists[key] = array("I", [n])


def check(hays: Hays) -> None:
    """Check the texts read from an index file now rather than when a search first reads each
    (disk/mapped.py); texts held in memory need no check."""
    own = getattr(hays, "check", None)
    if own is not None:
        own()


def lacking(hays: Hays, ids: Iterable[int], pattern: re.Pattern[bytes], first: bytes) -> list[int]:
    """The articles of `ids` whose folded text `pattern` finds nothing in, in `ids`' order;
    `first`: what every match of `pattern` starts with (the occurrences `find` finds are tried).
    Where the texts are read in place (disk/mapped.py), a lookbehind at a text's very start may see
    the end of the one before: use it where that can only hide a match (a negative assertion's)."""
    own = getattr(hays, "lacking", None)
    if own is not None:
        return list(own(ids, pattern, first))
    match = pattern.match
    out = []
    for i in ids:
        hay = hays[i]
        k = hay.find(first)
        while k >= 0 and match(hay, k) is None:
            k = hay.find(first, k + 1)
        if k < 0:
            out.append(i)
    return out


class Hays(Protocol):
    """Article i's folded text: a list of bytes, or the texts read from the index file in place."""

    def __len__(self) -> int: ...

    def __getitem__(self, i: int, /) -> bytes: ...


class TextIndex:
    """Haystacks (a sequence of folded UTF-8 bytes, in memory or mapped) and their postings."""

    def __init__(self, hays: Hays | None = None, title_len: Sequence[int] | None = None,
                 chars: Postings | None = None, tokens: Postings | None = None,
                 phrases: Postings | None = None) -> None:
        self.hays: Hays = hays if hays is not None else list[bytes]()
        self.title_len: Sequence[int] = array("I") if title_len is None else title_len
        self.chars = chars if chars is not None else Postings()
        self.tokens = tokens if tokens is not None else Postings()
        self._vocab: list[str] | None = None
        self._matched: dict[str, Sequence[int]] = {}
        # folded multi-character strings already matched once (every name alias, at build time,
        # found or not): persisted, so a name costs a lookup instead of checking thousands of texts
        self.phrases = phrases if phrases is not None else Postings()
        self.remember = False  # while building: keep every verified match for `phrases`
        self._known: dict[str, Sequence[int]] = {}  # answers found by `match_all`, empty ones too

    def __len__(self) -> int:
        return len(self.hays)

    @property
    def vocab(self) -> list[str]:
        """Sorted Latin tokens."""
        if self._vocab is None:
            self._vocab = [k for k in self.tokens.sorted_keys() if not is_marked(k)]
        return self._vocab

    def as_written(self, alias: str) -> Sequence[int] | None:
        """The articles naming a Latin `alias` as a word outside web addresses, in capitals when
        it is written in capitals (`WHO`, `IS`, `ME`, `RAND`); None when `alias` is not one token
        (a phrase: `matches`)."""
        key = fold(alias)
        if not TOKEN.fullmatch(key):
            return None
        if CAPITALS.fullmatch(alias):
            return list(self.tokens.get(alias, ()))
        found = self.matches(key)
        urls = self.tokens.get("/" + key)
        if not urls:
            return found
        only_there = set(urls)
        return [i for i in found if i not in only_there]

    def completions(self, prefix: str, limit: int = 50) -> list[str]:
        vocab = self.vocab
        i = bisect_left(vocab, prefix)
        out: list[str] = []
        while i < len(vocab) and vocab[i].startswith(prefix) and len(out) < limit:
            out.append(vocab[i])
            i += 1
        return out

    def candidates(self, needle: str) -> Iterable[int]:
        """Articles that may contain `needle` (a superset; callers verify with `contains`)."""
        lists: list[Sequence[int]] = []
        empty = array("I")
        for tok in set(TOKEN.findall(needle)):
            lists.append(self.tokens.get(tok, empty))
        for ch in set(needle):
            if _indexed(ch):
                lists.append(self.chars.get(ch, empty))
        if not lists:  # punctuation only: scan
            return range(len(self.hays))
        lists.sort(key=len)
        if len(lists) == 1 or not lists[0]:
            return lists[0]
        total = len(self.hays)
        found = set(lists[0])
        for other in lists[1:]:
            if len(other) == total:
                break
            found.intersection_update(other)  # iterates `other` in C
            if not found:
                break
        return sorted(found)

    def matches(self, needle: str) -> Sequence[int]:
        """Articles that contain `needle` (already folded), in number order; remembered. A list
        while searching; while building (`remember`), an `array('I')`: the names' build asks for
        thousands of aliases over every article, and lists of int objects (36 bytes an article
        number, 4 in an array) made its memory grow with the archive. Never to be changed."""
        found: Sequence[int] | None = self._matched.get(needle)
        if found is None:
            known = self.phrases.get(needle)
            if known is not None:
                found = known if self.remember else list(known)
            else:
                known_list = self._known.get(needle)
                if known_list is None:
                    found = self._matches(needle)
                else:
                    found = known_list if self.remember else list(known_list)
                if self.remember:
                    found = found if isinstance(found, array) else array("I", found)
                    if not TOKEN.fullmatch(needle) and len(needle) > 1:
                        self.phrases.lists[needle] = found
            if len(self._matched) >= _MATCH_CACHE:
                self._matched.clear()
            self._matched[needle] = found
        return found

    def match_all(self, needles: Iterable[str]) -> None:
        """Find the articles of many needles (already folded) in one pass over every haystack, so
        that `matches` then answers each from memory (and `remember` keeps them for `phrases`).

        For the index build, which looks up every name alias of the archive: checking each alias
        against the articles holding its characters read the same texts thousands of times (93 s
        of a 121 s cold build of a 14k-page mirror); one Aho-Corasick pass (ahocorasick_rs, in
        Rust, over the UTF-8 bytes) reads each text once. Tokens and single characters already
        have postings and are left to `matches`.
        """
        todo = [n for n in set(needles) if n not in self._known and self._needs_reading(n)]
        if todo:  # the texts are read in two processes (needles.articles_holding)
            hays = self.hays
            found = articles_holding(todo, hays.__getitem__, range(len(hays)))
            self._known.update(zip(todo, found, strict=True))

    def prefetch(self, needles: Iterable[str]) -> None:
        """Match many needles of one query at once (a pinyin prefix brings ~100 Chinese strings):
        one Aho-Corasick pass over the union of their candidates instead of reading each
        candidate text once per needle. What `matches` would find, remembered the same way."""
        todo = [n for n in set(needles) if n not in self._matched and self._needs_reading(n)]
        if len(todo) < _PREFETCH_MIN:
            return
        among: set[int] = set()
        for n in todo:
            among.update(self.candidates(n))
        if len(self._matched) + len(todo) >= _MATCH_CACHE:
            self._matched.clear()
        self._matched.update(self._scan(todo, sorted(among)))

    def _needs_reading(self, needle: str) -> bool:
        """Whether `matches` would read texts for `needle` (no posting list answers it)."""
        return read_to_match(needle) and needle not in self.phrases

    def found_elsewhere(self, found: dict[str, Sequence[int]]) -> None:
        """Articles holding needles, found where the texts were parsed (`Needles.found_in` in the
        parse workers): `match_all` and `matches` answer them without reading the texts (until
        `forget_bulk`). Each list must be exactly what `matches` would find, in number order."""
        self._known.update(found)

    def _scan(self, todo: list[str], among: Iterable[int]) -> dict[str, list[int]]:
        """The articles (of `among`, in order) holding each needle, at Latin word boundaries."""
        found = holding_here(Needles(todo), len(todo), self.hays.__getitem__, list(among))
        return {n: list(ids) for n, ids in zip(todo, found, strict=True)}  # lists, as `matches` gives

    def forget_bulk(self) -> None:
        """Drop what `match_all` found (what was asked for since is in `phrases` when remembered)."""
        self._known = {}

    def _matches(self, needle: str) -> list[int]:
        if not needle:
            return []
        if TOKEN.fullmatch(needle):
            return list(self.tokens.get(needle, ()))
        if len(needle) == 1 and _indexed(needle):
            return list(self.chars.get(needle, ()))
        key, hays = encode(needle), self.hays
        # a name's first characters (习近 of 习近平) are in every article the name is: only the
        # other candidates are read (not for Latin edges, where a longer word is no match)
        latin = key[0] in _ALNUM_BYTES or key[-1] in _ALNUM_BYTES
        sure = set() if latin else self.phrases.held_by_longer(needle)
        among = [i for i in self.candidates(needle) if i not in sure] if sure else self.candidates(needle)
        holding = getattr(hays, "holding", None)  # mapped: searched in place, no copy
        found = holding(among, key) if holding is not None else [i for i in among if contains(hays[i], key)]
        return sorted(sure.union(found)) if sure else list(found)

